package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Event aggregation against the real API server: a repeat raises count and lastTimestamp of the one event it repeats. */
@ExtendWith(ApiServerExtension.class)
class EventRecorderIT {
    private static final String NAMESPACE = "events";
    private static final Instant FIRST = Instant.parse("2026-12-01T12:00:00Z");
    private static KubernetesClient client;

    @BeforeAll
    static void namespace(TestApiServer api) {
        client = api.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
    }

    @Test
    void theSameEventTwiceIsOneEventWithCountTwo() {
        ConfigMap about = object("repeated");

        recorderAt(FIRST).warning(about, EventReason.DeletionBlocked, "deletion waits: InferenceService fraud still serves this version");
        recorderAt(FIRST.plusSeconds(30)).warning(about, EventReason.DeletionBlocked, "deletion waits: InferenceService fraud still serves this version");

        assertThat(events("repeated")).singleElement().satisfies(event -> {
            assertThat(event.getCount()).isEqualTo(2);
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getReason()).isEqualTo("DeletionBlocked");
            assertThat(event.getFirstTimestamp()).isEqualTo("2026-12-01T12:00:00Z");
            assertThat(event.getLastTimestamp()).isEqualTo("2026-12-01T12:00:30Z");
            assertThat(event.getInvolvedObject().getUid()).isEqualTo(about.getMetadata().getUid());
        });
    }

    @Test
    void eventsWithDifferentMessagesStaySeparate() {
        ConfigMap about = object("separate");
        EventRecorder recorder = recorderAt(FIRST);

        recorder.normal(about, EventReason.StageChanged, "stage Validated: passed");
        recorder.normal(about, EventReason.StageChanged, "stage Production: stable on fraud");
        recorder.normal(about, EventReason.StageChanged, "stage Validated: passed");

        assertThat(events("separate")).extracting(Event::getMessage, Event::getCount).containsExactlyInAnyOrder(
                tuple("stage Validated: passed", 2),
                tuple("stage Production: stable on fraud", 1));
    }

    private static EventRecorder recorderAt(Instant now) {
        return new EventRecorder(client, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ConfigMap object(String name) {
        return client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata().build()).create();
    }

    private static List<Event> events(String objectName) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> objectName.equals(e.getInvolvedObject().getName())).toList();
    }
}
