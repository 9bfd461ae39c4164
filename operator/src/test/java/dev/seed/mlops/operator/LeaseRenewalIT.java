package dev.seed.mlops.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.operator.app.LeaderElectedOperator;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator keeps its Lease while its own client is saturated. At 1,000 InferenceServices the Lease's renewals
 * waited in the operator's client behind the reconcile burst, the Lease expired and the operator exited (issue 19):
 * here every request of the operator's client is held, as a client whose connections are all taken holds it, and the
 * Lease must still be renewed past the time it would have expired.
 */
@ExtendWith(ApiServerExtension.class)
class LeaseRenewalIT {
    private static final String NAMESPACE = "lease-renewal";
    private static final String LEASE = "mlops-operator-leader";
    private static final String STANDBY_LEASE = "mlops-operator-standby";

    @Test
    void theLeaseIsRenewedWhileEveryRequestOfTheOperatorsClientWaits(TestApiServer api) {
        KubernetesClient admin = api.client();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
        grantLeaderElection(admin);
        KubernetesClient serviceAccount = OperatorServiceAccount.clientFor(admin, NAMESPACE, new ApiRequests());
        HeldRequests held = new HeldRequests();
        KubernetesClient operatorClient = new KubernetesClientBuilder().withConfig(serviceAccount.getConfiguration())
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("held", held)).build();
        Operator operator = operator(operatorClient);
        AtomicBoolean lost = new AtomicBoolean();
        var lease = new LeaderElectedOperator.Lease(LEASE, NAMESPACE, "replica-a");
        try (LeaderElectedOperator elected = LeaderElectedOperator.start(operator, operatorClient.getConfiguration(), lease,
                () -> lost.set(true))) {
            await().atMost(Duration.ofMinutes(1)).until(() -> operator.getRuntimeInfo().isStarted());
            assertThat(elected.standingBy()).isFalse();

            held.holdEveryRequest();
            admin.resource(TestObjects.dataset("held")).inNamespace(NAMESPACE).create();
            await().atMost(Duration.ofMinutes(1)).until(() -> held.waiting() > 0);
            ZonedDateTime expiresWithoutRenewal = renewTime(admin).plus(lease.duration());

            await().atMost(Duration.ofMinutes(1)).until(() -> renewTime(admin).isAfter(expiresWithoutRenewal));
            assertThat(admin.leases().inNamespace(NAMESPACE).withName(LEASE).get().getSpec().getHolderIdentity()).isEqualTo("replica-a");
            assertThat(lost).as("the Lease was never lost").isFalse();
            assertThat(held.waiting()).as("the operator's client was still held").isPositive();
        } finally {
            held.release();
            operator.stop();
            operatorClient.close();
        }
    }

    @Test
    void aReplicaWithoutTheLeaseStartsNoOperatorUntilTheHolderGivesItUp(TestApiServer api) {
        KubernetesClient admin = api.client();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
        grantLeaderElection(admin);
        KubernetesClient client = OperatorServiceAccount.clientFor(admin, NAMESPACE, new ApiRequests());
        Operator first = operator(client);
        Operator second = operator(client);
        var firstLease = new LeaderElectedOperator.Lease(STANDBY_LEASE, NAMESPACE, "replica-a");
        var secondLease = new LeaderElectedOperator.Lease(STANDBY_LEASE, NAMESPACE, "replica-b");
        LeaderElectedOperator holder = LeaderElectedOperator.start(first, client.getConfiguration(), firstLease, () -> { });
        try (LeaderElectedOperator standby = startAfter(holder, first, () -> LeaderElectedOperator.start(second,
                client.getConfiguration(), secondLease, () -> { }))) {
            ZonedDateTime standbyStarted = renewTime(admin, STANDBY_LEASE);
            // A renewal more than 4.4 s later: the standby, which asks at once and then every 2-4.4 s, has asked by then.
            await().atMost(Duration.ofMinutes(1)).until(() -> renewTime(admin, STANDBY_LEASE).isAfter(standbyStarted.plusSeconds(5)));
            assertThat(standby.standingBy()).isTrue();
            assertThat(second.getRuntimeInfo().isStarted()).as("no informers on the standby").isFalse();

            holder.close();

            await().atMost(Duration.ofMinutes(1)).until(() -> second.getRuntimeInfo().isStarted());
            assertThat(standby.standingBy()).isFalse();
            assertThat(admin.leases().inNamespace(NAMESPACE).withName(STANDBY_LEASE).get().getSpec().getHolderIdentity()).isEqualTo("replica-b");
        } finally {
            holder.close();
            first.stop();
            second.stop();
            client.close();
        }
    }

    /** Starts the standby once the holder runs its operator, so which of the two takes the Lease is not a race. */
    private static LeaderElectedOperator startAfter(LeaderElectedOperator holder, Operator holders,
            java.util.function.Supplier<LeaderElectedOperator> standby) {
        await().atMost(Duration.ofMinutes(1)).until(() -> holders.getRuntimeInfo().isStarted());
        assertThat(holder.standingBy()).isFalse();
        return standby.get();
    }

    private static Operator operator(KubernetesClient client) {
        return MlopsOperator.create(client, new OperatorSettings(Set.of(NAMESPACE), "pvc://mlops-store", "mlops-trainer:test",
                "mlops-inference-server:test", "IfNotPresent", 3600), new SimpleMeterRegistry(), Clock.systemUTC());
    }

    private static ZonedDateTime renewTime(KubernetesClient admin) {
        return renewTime(admin, LEASE);
    }

    private static ZonedDateTime renewTime(KubernetesClient admin, String name) {
        Lease lease = admin.leases().inNamespace(NAMESPACE).withName(name).get();
        return lease.getSpec().getRenewTime();
    }

    /** The chart's leader-election Role (helm/mlops-operator/templates/rbac.yaml), in the Lease's namespace. */
    private static void grantLeaderElection(KubernetesClient admin) {
        admin.resource(new RoleBuilder().withNewMetadata().withName("leader-election").withNamespace(NAMESPACE).endMetadata()
                .addNewRule().withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("get", "create", "update", "patch").endRule()
                .build()).serverSideApply();
        admin.resource(new RoleBindingBuilder().withNewMetadata().withName("leader-election").withNamespace(NAMESPACE).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "leader-election")
                .addNewSubject().withKind("ServiceAccount").withName(OperatorServiceAccount.NAME).withNamespace(NAMESPACE).endSubject()
                .build()).serverSideApply();
    }

    /** Once told to, holds every request before it is sent, until released: a client with no connection to spare. */
    private static final class HeldRequests implements Interceptor {
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean holding = new AtomicBoolean();
        private final AtomicInteger waiting = new AtomicInteger();

        void holdEveryRequest() {
            holding.set(true);
        }

        int waiting() {
            return waiting.get();
        }

        void release() {
            released.countDown();
        }

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (!holding.get()) {
                return;
            }
            waiting.incrementAndGet();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
        }
    }
}
