package dev.seed.mlops.trainer.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.QualityKeys;
import dev.seed.mlops.trainer.cli.TrainerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops-trainer evaluate-quality} as the operator's quality Job runs it: its result, and exit 2 on bad input. */
class EvaluateQualityCommandTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path store;
    @TempDir
    Path work;

    private void manifest(long version) throws IOException {
        Path directory = Files.createDirectories(store.resolve("models/credit/" + version));
        Files.writeString(directory.resolve("manifest.json"), """
                {"formatVersion":1,"format":"xgboost","modelFile":"model.xgb","modelSha256":"%s","task":"binary","numClasses":2,
                 "label":"default","features":[{"name":"age","type":"numeric"}]}""".formatted("0".repeat(64)));
    }

    private int run(String... extra) {
        String[] base = {"evaluate-quality", "--termination-log", work.resolve("result.json").toString(), "--store", store.toString(),
                "--namespace", "prod", "--inference-service", "credit", "--model", "credit"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return TrainerMain.run(args);
    }

    private JobResult result() throws IOException {
        return new ObjectMapper().readValue(work.resolve("result.json").toFile(), JobResult.class);
    }

    @Test
    void reportsPerVersionMetricsCountsAndLabelDelayInTheTerminationMessage() throws IOException {
        manifest(3);
        new PredictionLogFixture(store, "prod", "credit", "credit-v3-a")
                .prediction("a", T0.plusSeconds(10), "credit", 3, 0.9)
                .prediction("b", T0.plusSeconds(20), "credit", 3, 0.2)
                .prediction("c", T0.plusSeconds(30), "credit", 3, 0.7)
                .prediction("d", T0.plusSeconds(40), "credit", 3, 0.4)
                .label("a", 1, T0.plusSeconds(70))
                .label("b", 0, T0.plusSeconds(80))
                .label("c", 0, T0.plusSeconds(90))
                .label("c", 1, T0.plusSeconds(95))
                .complete();
        int code = run("--versions", "3", "--from", T0.toString(), "--until", T0.plusSeconds(3600).toString());
        JobResult result = result();
        assertThat(code).isZero();
        assertThat(result.success()).isTrue();
        assertThat(result.metrics()).containsEntry(QualityKeys.key(3, QualityKeys.LABELLED), 3.0)
                .containsEntry(QualityKeys.key(3, QualityKeys.UNLABELLED), 1.0)
                .containsEntry(QualityKeys.key(3, QualityKeys.DUPLICATES), 1.0)
                .containsEntry(QualityKeys.key(3, QualityKeys.DELAY_P50), 60.0)
                .containsEntry(QualityKeys.key(3, QualityKeys.DELAY_MAX), 60.0)
                .containsEntry(QualityKeys.key(3, "accuracy"), 2.0 / 3)
                .containsEntry(QualityKeys.key(3, "auc"), 1.0)
                .containsEntry(QualityKeys.REFUSED, 0.0);
    }

    @Test
    void noLogsYetIsAnEmptyReportNotAFailure() throws IOException {
        assertThat(run("--from", T0.toString(), "--until", T0.plusSeconds(60).toString())).isZero();
        assertThat(result().message()).isEqualTo("no predictions in the window");
    }

    @Test
    void aWindowThatIsNoTimeExitsTwoNamingTheValue() throws IOException {
        assertThat(run("--from", "yesterday", "--until", T0.toString())).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(result().message()).contains("--from 'yesterday' is not an RFC 3339 time");
    }

    @Test
    void aLabelFileWithTheWrongHeaderExitsTwoNamingTheFile() throws IOException {
        Path labels = Files.createDirectories(store.resolve("labels/prod/credit"));
        Files.writeString(labels.resolve("orders.csv"), "order,outcome\n1,1\n");
        assertThat(run("--from", T0.toString(), "--until", T0.plusSeconds(60).toString())).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(result().message()).contains("orders.csv", "id,label", "order,outcome");
    }
}
