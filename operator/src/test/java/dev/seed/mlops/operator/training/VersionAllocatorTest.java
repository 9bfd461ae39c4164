package dev.seed.mlops.operator.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobStatus;
import dev.seed.mlops.operator.TestObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionAllocatorTest {

    @Test
    void theFirstVersionOfAModelIsOne() {
        assertThat(VersionAllocator.next(run("a", "credit-risk", null), List.of(), List.of())).isEqualTo(1);
    }

    @Test
    void nextIsAboveRegisteredVersionsAndOtherRunsReservationsOfTheSameModel() {
        TrainingJob me = run("me", "credit-risk", null);
        List<ModelVersion> registered = List.of(version("credit-risk", 3), version("other-model", 9));
        List<TrainingJob> runs = List.of(me, run("running", "credit-risk", 4L), run("elsewhere", "other-model", 12L));

        assertThat(VersionAllocator.next(me, registered, runs)).isEqualTo(5);
    }

    @Test
    void aRunDoesNotCountItsOwnReservation() {
        TrainingJob me = run("me", "credit-risk", 2L);

        assertThat(VersionAllocator.next(me, List.of(version("credit-risk", 1)), List.of(me))).isEqualTo(2);
    }

    private static TrainingJob run(String name, String model, Long reserved) {
        TrainingJob run = TestObjects.trainingJob(name, "credit");
        run.getSpec().setModel(model);
        if (reserved != null) {
            run.setStatus(new TrainingJobStatus());
            run.getStatus().setVersion(reserved);
        }
        return run;
    }

    private static ModelVersion version(String model, long version) {
        ModelVersion mv = TestObjects.handMadeModelVersion(model + "-v" + version);
        mv.getSpec().setModel(model);
        mv.getSpec().setVersion(version);
        return mv;
    }
}
