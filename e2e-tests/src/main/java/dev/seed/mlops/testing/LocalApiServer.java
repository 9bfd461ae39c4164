package dev.seed.mlops.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code ./mlops api-server}: a real API server with the CRDs installed and config/samples applied in namespace
 * {@value #NAMESPACE}, kept running until Ctrl-C so you can point kubectl (or the operator) at it.
 */
public final class LocalApiServer {
    static final String NAMESPACE = "mlops-demo";

    private LocalApiServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path repo = RepoRoot.path();
        TestApiServer api = TestApiServer.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            stopped.countDown();
        }));

        new CrdInstaller(api.client()).installAll(repo.resolve("crds"));
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
        Path kubeconfig = Files.copy(api.kubeconfig(), repo.resolve("e2e-tests/target/kubeconfig"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> samples = Files.list(repo.resolve("config/samples"))) {
            samples.sorted().forEach(sample -> System.out.print(api.kubectl("apply", "-n", NAMESPACE, "-f", sample.toString())));
        }
        System.out.println();
        System.out.print(api.kubectl("get", "mlops", "-n", NAMESPACE));
        System.out.printf("%nA real kube-apiserver %s is running with the mlops CRDs and samples.%n", KubeBinaries.fromSystemProperties().version());
        System.out.printf("  export KUBECONFIG=%s%n", kubeconfig);
        System.out.printf("  %s get mlops -n %s%n", KubeBinaries.fromSystemProperties().kubectl(), NAMESPACE);
        System.out.printf("  %s explain inferenceservices.spec.canary%n", KubeBinaries.fromSystemProperties().kubectl());
        System.out.println("Press Ctrl-C to stop it.");
        stopped.await();
    }
}
