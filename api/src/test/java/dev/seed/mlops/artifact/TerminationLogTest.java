package dev.seed.mlops.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminationLogTest {

    @Test
    void aLongMessageIsShortenedToKubernetesLimitKeepingTheRest() throws Exception {
        JobResult result = new JobResult("train", false, "d".repeat(64), "pvc://s/models/m/1", null, null, null,
                Map.of("auc", 0.8), "x".repeat(10_000));
        String json = TerminationLog.fitted(result);
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationLog.MAX_BYTES);
        assertThat(json).contains("\"auc\":0.8", "pvc://s/models/m/1", "...\"");
    }

    @Test
    void aShortResultIsUnchanged() throws Exception {
        JobResult result = new JobResult("prepare", true, "sha256:00", "u", 10L, 7L, 2L, null, "ok");
        assertThat(TerminationLog.fitted(result)).isEqualTo(TerminationLog.toJson(result));
    }
}
