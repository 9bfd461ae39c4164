package dev.seed.mlops.serving.predictionlog;

import java.nio.file.Path;

/**
 * A process that logs two-row predictions r0, r1, ... as fast as its writer takes them, rotating every 2 KB, and
 * prints how many lines its writer has flushed, until it is killed: {@link PredictionLogKillTest}'s victim.
 */
public final class LogWriterChild {

    private LogWriterChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        LogCounters counters = new LogCounters();
        PredictionLogWriter writer = new PredictionLogWriter(new PredictionLogWriter.Settings(Path.of(args[0]),
                2048, 3_600_000, 100_000, 86_400_000, 3_600_000, 5000), System::currentTimeMillis, counters).start();
        long reported = -1;
        for (int i = 0; ; i++) {
            while (writer.queuedLines() > 500) {
                Thread.sleep(1); // pacing the producer, not waiting for a result
            }
            writer.offer(LogLines.prediction("r" + i, 2, System.currentTimeMillis()));
            long flushed = counters.predictions();
            if (flushed != reported) {
                System.out.println("flushed " + flushed + " files " + counters.files());
                System.out.flush();
                reported = flushed;
            }
        }
    }
}
