package dev.seed.mlops.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Applies the generated CRD files and waits until the API server has established each of them. */
public final class CrdInstaller {
    private final KubernetesClient client;

    public CrdInstaller(KubernetesClient client) {
        this.client = client;
    }

    public List<CustomResourceDefinition> installAll(Path crdDir) {
        List<CustomResourceDefinition> installed = crdFiles(crdDir).stream().map(this::install).toList();
        installed.forEach(crd -> client.apiextensions().v1().customResourceDefinitions()
                .withName(crd.getMetadata().getName())
                .waitUntilCondition(CrdInstaller::isEstablished, 30, TimeUnit.SECONDS));
        return installed;
    }

    public static boolean isEstablished(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private CustomResourceDefinition install(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            return client.resource(crd).serverSideApply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> crdFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
