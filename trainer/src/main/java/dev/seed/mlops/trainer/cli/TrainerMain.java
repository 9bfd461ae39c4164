package dev.seed.mlops.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "mlops-trainer", mixinStandardHelpOptions = true, versionProvider = TrainerMain.Version.class,
        subcommands = {PrepareCommand.class, TrainCommand.class, PredictCommand.class, EvaluateQualityCommand.class, SampleDataCommand.class, BaselineCommand.class},
        description = "The program behind mlops-operator's prepare and training Jobs. Each command prints progress, "
                + "writes a JSON result to the termination log, and exits 0 on success, 2 when the input, the settings "
                + "or the command line are wrong (the message names source, row, column and rule), 1 on any other failure.",
        footer = {"", "Every command takes --termination-log=FILE (default /dev/termination-log) and --pvc-root=DIR "
                + "(default /mnt/pvc). 'mlops-trainer COMMAND --help' lists a command's options."})
public final class TrainerMain implements Runnable {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by main and by tests). */
    public static int run(String... args) {
        return new CommandLine(new TrainerMain()).execute(args);
    }

    /** Recorded in manifests as createdBy. */
    public static String createdBy() {
        String version = TrainerMain.class.getPackage().getImplementationVersion();
        return "mlops-trainer " + (version == null ? "dev" : version);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: prepare, train, predict, evaluate-quality or sample-data");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {createdBy()};
        }
    }
}
