package dev.seed.mlops.trainer.cli;

import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.sample.CreditRiskSample;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import dev.seed.mlops.trainer.store.StoreLocation;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sample-data", mixinStandardHelpOptions = true,
        header = "Write synthetic credit-risk data matching config/samples/01-dataset.yaml.",
        description = "For the demo and the cluster tests. The file is written beside the target and renamed into "
                + "place, so a prepare Job reading the same path sees the old file or the new one, never half of it.")
final class SampleDataCommand implements Callable<Integer> {
    static final String NAME = "sample-data";

    @Mixin
    CommonOptions common;

    @Option(names = "--output", required = true, paramLabel = "URI|FILE",
            description = "Where the CSV goes: pvc://<claim>/<path> or a local path.")
    String output;

    @Option(names = "--rows", defaultValue = "20000", description = "Number of customers (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--population", defaultValue = "BASELINE",
            description = "BASELINE, or SHIFTED: older customers under more stress (default: ${DEFAULT-VALUE}).")
    Population population;

    @Option(names = "--concept", defaultValue = "ORIGINAL",
            description = "ORIGINAL, or PAYMENT_HOLIDAY: the same customers, labelled by another rule (concept drift) (default: ${DEFAULT-VALUE}).")
    Concept concept;

    @Option(names = "--seed", defaultValue = "1", description = "Same seed, same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        return JobRun.execute(NAME, common, System.out, System.err, () -> {
            StoreLocation target = StoreLocation.parse(output, common.pvcRoot);
            Path parent = target.localPath("the sample's output").toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempFile(parent, ".tmp-" + target.path().getFileName(), "");
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(staging, StandardCharsets.UTF_8))) {
                new CreditRiskSample(population, concept, seed).writeCsv(out, rows);
            }
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(staging, target.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            new Progress(System.out, NAME).step("wrote %d %s customers (%s labels) to %s", rows, population, concept, target.uri());
            return new JobResult(NAME, true, null, target.uri(), (long) rows, null, null, null,
                    "wrote " + rows + " " + population + " customers (" + concept + " labels)");
        });
    }
}
