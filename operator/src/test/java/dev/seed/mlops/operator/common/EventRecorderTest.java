package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
    private static final ConfigMap OBJECT = object("fraud-score-v1", "uid-1");

    @Test
    void theSameObjectTypeReasonAndMessageAlwaysNameTheSameEvent() {
        String name = EventRecorder.eventName(OBJECT, "Warning", EventReason.DeletionBlocked, "deletion waits");

        assertThat(EventRecorder.eventName(object("fraud-score-v1", "uid-1"), "Warning", EventReason.DeletionBlocked, "deletion waits"))
                .isEqualTo(name)
                .matches("fraud-score-v1\\.[0-9a-f]{16}");
    }

    @Test
    void anotherMessageReasonTypeOrObjectNamesAnotherEvent() {
        String name = EventRecorder.eventName(OBJECT, "Warning", EventReason.DeletionBlocked, "deletion waits");

        assertThat(EventRecorder.eventName(OBJECT, "Warning", EventReason.DeletionBlocked, "deletion waits for b")).isNotEqualTo(name);
        assertThat(EventRecorder.eventName(OBJECT, "Warning", EventReason.StageChanged, "deletion waits")).isNotEqualTo(name);
        assertThat(EventRecorder.eventName(OBJECT, "Normal", EventReason.DeletionBlocked, "deletion waits")).isNotEqualTo(name);
        assertThat(EventRecorder.eventName(object("fraud-score-v1", "uid-2"), "Warning", EventReason.DeletionBlocked, "deletion waits"))
                .as("an object re-created under the same name").isNotEqualTo(name);
    }

    @Test
    void theNameOfALongObjectIsCutSoTheEventNameIsAValidName() {
        String name = EventRecorder.eventName(object("a".repeat(235) + "-" + "b".repeat(17), "uid-1"), "Normal", EventReason.StageChanged, "m");

        assertThat(name).hasSize(252).matches("a{235}\\.[0-9a-f]{16}");
    }

    private static ConfigMap object(String name, String uid) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid(uid).endMetadata().build();
    }
}
