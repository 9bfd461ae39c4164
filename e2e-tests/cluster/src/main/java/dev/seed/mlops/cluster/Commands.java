package dev.seed.mlops.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a command line and fails with its output when it exits non-zero. */
final class Commands {
    private Commands() {
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " exited " + exit + ":\n" + output);
        }
        return output;
    }
}
