package dev.seed.mlops.serving.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static RoutingTable table(String json, String ownVersion) {
        return RoutingTable.of(RoutingDocument.parse(MAPPER, json), "7", ownVersion);
    }

    private static final String STEP = """
            {"stable": {"version": 3, "address": "10.43.12.7:80"},
             "canary": {"version": 4, "address": "10.43.99.1:8080", "weight": 10, "shadow": 0},
             "agreementTolerance": 0.1, "comingLater": {"x": 1}}""";

    @Test
    void theStablePodForwardsTheWeightToTheCanary() {
        RoutingTable table = table(STEP, "3");
        assertThat(table.role()).isEqualTo(Role.STABLE);
        assertThat(table.target()).isEqualTo(new Address("10.43.99.1", 8080));
        assertThat(table.forward().percent()).isEqualTo(10);
        assertThat(table.shadow().percent()).isZero();
        assertThat(table.agreementTolerance()).isEqualTo(0.1);
    }

    @Test
    void theCanaryAnswersLocallyAndAnOldVersionForwardsEverythingToStable() {
        assertThat(table(STEP, "4").role()).isEqualTo(Role.CANARY);
        assertThat(table(STEP, "4").target()).isNull();
        RoutingTable old = table(STEP, "2");
        assertThat(old.role()).isEqualTo(Role.OTHER);
        assertThat(old.target()).isEqualTo(new Address("10.43.12.7", 80));
        assertThat(old.forward().percent()).isEqualTo(100);
    }

    @Test
    void withoutACanaryTheStablePodAnswersEverythingAndToleranceDefaults() {
        RoutingTable table = table("{\"stable\": {\"version\": 3, \"address\": \"10.0.0.1:80\"}}", "3");
        assertThat(table.role()).isEqualTo(Role.STABLE);
        assertThat(table.target()).isNull();
        assertThat(table.agreementTolerance()).isEqualTo(RoutingDocument.DEFAULT_AGREEMENT_TOLERANCE);
    }

    @Test
    void grpcCallsGoToTheGrpcPortOfTheSameTargetAndStayLocalWithoutOne() {
        String withGrpc = """
                {"stable": {"version": 3, "address": "10.43.12.7:80", "grpcAddress": "10.43.12.7:8081"},
                 "canary": {"version": 4, "address": "10.43.99.1:80", "grpcAddress": "10.43.99.1:8081", "weight": 10}}""";
        assertThat(table(withGrpc, "3").grpcTarget()).isEqualTo(new Address("10.43.99.1", 8081));
        assertThat(table(withGrpc, "2").grpcTarget()).isEqualTo(new Address("10.43.12.7", 8081));
        assertThat(table(withGrpc, "4").grpcTarget()).isNull();
        assertThat(table(STEP, "3").grpcTarget()).as("an older operator's document").isNull();
        assertThat(RoutingTable.UNROUTED.grpcTarget()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"stable\": 3}", "{\"canary\": {}}", "{\"stable\": {\"version\": 3}}",
        "{\"stable\": {\"version\": 3, \"address\": \"10.0.0.1\"}}",
        "{\"stable\": {\"version\": 3, \"address\": \"10.0.0.1:99999\"}}",
        "{\"stable\": {\"version\": true, \"address\": \"10.0.0.1:80\"}}",
        "{\"stable\": {\"version\": 3, \"address\": \"a:80\"}, \"canary\": {\"version\": 4, \"address\": \"b:80\", \"weight\": 101}}",
        "{\"stable\": {\"version\": 3, \"address\": \"a:80\"}, \"canary\": {\"version\": 4, \"address\": \"b:80\", \"shadow\": 2.5}}",
        "{\"stable\": {\"version\": 3, \"address\": \"a:80\"}, \"agreementTolerance\": -1}",
        "{\"stable\": {\"version\": 3, \"address\": \"a:80\", \"grpcAddress\": 8081}}",
        "{\"stable\": {\"version\": 3, \"address\": \"a:80\", \"grpcAddress\": \"a\"}}",
        "{\"stable\": {\"version\": 3, \"address\": \"a:80\"}"})
    void refusesADocumentItCannotFollowExactly(String json) {
        assertThatThrownBy(() -> RoutingDocument.parse(MAPPER, json)).isInstanceOf(InvalidRoutingException.class);
    }
}
