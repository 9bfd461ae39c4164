package dev.seed.mlops.serving.predictionlog;

import static dev.seed.mlops.serving.predictionlog.ServedIds.Verdict.DUPLICATE;
import static dev.seed.mlops.serving.predictionlog.ServedIds.Verdict.NO_SUCH_ROW;
import static dev.seed.mlops.serving.predictionlog.ServedIds.Verdict.SERVED;
import static dev.seed.mlops.serving.predictionlog.ServedIds.Verdict.UNVERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServedIdsTest {

    private final ServedIds ids = new ServedIds(3);

    @Test
    void aOneRowRequestIsLabelledByItsIdOnce() {
        ids.served("order-1", 1);
        assertThat(ids.label(List.of("order-1"))).containsExactly(SERVED);
        assertThat(ids.label(List.of("order-1"))).containsExactly(DUPLICATE);
    }

    @Test
    void theRowsOfAMultiRowRequestAreLabelledAsIdHashRow() {
        ids.served("batch", 3);
        assertThat(ids.label(List.of("batch#0", "batch#2"))).containsExactly(SERVED, SERVED);
        assertThat(ids.label(List.of("batch#1"))).containsExactly(SERVED);
        assertThat(ids.label(List.of("batch#2"))).containsExactly(DUPLICATE);
        assertThat(ids.label(List.of("batch#3"))).containsExactly(NO_SUCH_ROW);
        assertThat(ids.label(List.of("batch"))).containsExactly(NO_SUCH_ROW);
        assertThat(ids.label(List.of("batch#x"))).containsExactly(NO_SUCH_ROW);
    }

    @Test
    void anIdNotServedHereIsUnverifiedOnceThenADuplicate() {
        assertThat(ids.label(List.of("elsewhere"))).containsExactly(UNVERIFIED);
        assertThat(ids.label(List.of("elsewhere"))).containsExactly(DUPLICATE);
    }

    @Test
    void aRequestWithOneBadLabelRecordsNone() {
        ids.served("a", 1);
        ids.served("b", 1);
        assertThat(ids.label(List.of("a", "b", "b"))).containsExactly(SERVED, SERVED, DUPLICATE);
        assertThat(ids.label(List.of("a", "b"))).containsExactly(SERVED, SERVED);
    }

    @Test
    void theIndexKeepsOnlyTheMostRecentRequests() {
        ids.served("1", 1);
        ids.served("2", 1);
        ids.served("3", 1);
        ids.served("4", 1);
        assertThat(ids.label(List.of("1", "4"))).containsExactly(UNVERIFIED, SERVED);
    }
}
