package dev.seed.mlops.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The images the chart runs, as the build made them: image tars written by Jib (see docs/images.md), named by the
 * system property {@code mlops.image.tars} (comma-separated paths). Their names are the chart's defaults.
 */
public record ProductImages(List<Path> tars) {
    public static final String OPERATOR = "mlops-operator:0.1.0";
    public static final String TRAINER = "mlops-trainer:0.1.0";
    public static final String INFERENCE = "mlops-inference-server:0.1.0";

    public static ProductImages fromSystemProperty() {
        String value = System.getProperty("mlops.image.tars", "");
        List<Path> tars = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
        for (Path tar : tars) {
            if (!Files.isRegularFile(tar)) {
                throw new IllegalStateException("mlops.image.tars names " + tar + ", which does not exist; build the images first "
                        + "(./mlops test does)");
            }
        }
        return new ProductImages(tars);
    }

    /** The product images and Prometheus' (the cluster suite and the demo run Prometheus beside the operator). */
    public static List<Path> withPrometheus() {
        return Stream.concat(fromSystemProperty().tars().stream(), Stream.of(ClusterPrometheus.imageTar())).toList();
    }
}
