package dev.seed.mlops.trainer.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes: where Kubernetes reads the Job's result, and where claims are mounted. */
public final class CommonOptions {
    @Option(names = "--termination-log", paramLabel = "FILE", defaultValue = "/dev/termination-log",
            description = "Where the JSON result goes; Kubernetes shows it in the Pod's status (default: ${DEFAULT-VALUE}).")
    Path terminationLog;

    @Option(names = "--pvc-root", paramLabel = "DIR", defaultValue = "/mnt/pvc",
            description = "Directory under which each PersistentVolumeClaim is mounted as <claim>/; pvc://<claim>/<path> "
                    + "is read at <DIR>/<claim>/<path> (default: ${DEFAULT-VALUE}).")
    Path pvcRoot;
}
