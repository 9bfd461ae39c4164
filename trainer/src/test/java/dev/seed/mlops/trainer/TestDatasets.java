package dev.seed.mlops.trainer;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.DataSource;
import dev.seed.mlops.api.v1alpha1.DataSplit;
import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.LabelColumn;
import dev.seed.mlops.api.v1alpha1.TaskType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** The real datasets shipped under src/test/resources/data (see the README there) and specs that describe them. */
public final class TestDatasets {
    public static final String CARAVAN = "data/caravan.csv.gz";
    public static final String BIKESHARE = "data/bikeshare.csv.gz";

    private TestDatasets() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestDatasets.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Caravan insurance: binary label Purchase, 85 numeric features. */
    public static DatasetSpec caravan() {
        List<String> header = header(CARAVAN);
        DatasetSpec spec = spec(resource(CARAVAN).toString(), "Purchase", TaskType.binary);
        spec.getSchema().setFeatures(header.subList(0, header.size() - 1).stream()
                .map(name -> feature(name, FeatureType.numeric)).toList());
        spec.getValidation().setMinRows(5000L);
        return spec;
    }

    /** Capital Bikeshare: regression of hourly bikers from the calendar and the weather; three categoricals. */
    public static DatasetSpec bikeshare() {
        DatasetSpec spec = spec(resource(BIKESHARE).toString(), "bikers", TaskType.regression);
        spec.getSchema().setFeatures(List.of(
                feature("season", FeatureType.numeric), feature("mnth", FeatureType.categorical),
                feature("hr", FeatureType.categorical), feature("holiday", FeatureType.numeric),
                feature("weekday", FeatureType.numeric), feature("workingday", FeatureType.numeric),
                feature("weathersit", FeatureType.categorical), feature("temp", FeatureType.numeric),
                feature("atemp", FeatureType.numeric), feature("hum", FeatureType.numeric),
                feature("windspeed", FeatureType.numeric)));
        return spec;
    }

    /**
     * Writes three classes that a numeric and a categorical feature separate, with 10 % label noise and a useless
     * feature, and returns a spec for them (label kind; features size, colour, noise).
     */
    public static DatasetSpec threeClasses(Path csv) throws IOException {
        StringBuilder text = new StringBuilder("kind,size,colour,noise\n");
        Random random = new Random(1);
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 3000; i++) {
            int kind = random.nextInt(3);
            int shown = random.nextDouble() < 0.1 ? random.nextInt(3) : kind;
            double size = kind * 2 + random.nextGaussian();
            String colour = colours[(kind + (random.nextDouble() < 0.3 ? 1 : 0)) % 3];
            text.append(shown).append(',').append(size).append(',').append(colour).append(',').append(random.nextDouble()).append('\n');
        }
        Files.writeString(csv, text);
        DatasetSpec spec = spec(csv.toString(), "kind", TaskType.multiclass);
        spec.getSchema().setFeatures(List.of(feature("size", FeatureType.numeric),
                feature("colour", FeatureType.categorical), feature("noise", FeatureType.numeric)));
        return spec;
    }

    public static DatasetSpec spec(String uri, String label, TaskType task) {
        DatasetSpec spec = new DatasetSpec();
        DataSource source = new DataSource();
        source.setUri(uri);
        spec.setSource(source);
        DataSchema schema = new DataSchema();
        LabelColumn labelColumn = new LabelColumn();
        labelColumn.setName(label);
        labelColumn.setType(task);
        schema.setLabel(labelColumn);
        spec.setSchema(schema);
        DataSplit split = new DataSplit();
        split.setSeed(7L);
        split.setTestFraction(0.25);
        split.setValidationFraction(0.15);
        spec.setSplit(split);
        return spec;
    }

    public static FeatureColumn feature(String name, FeatureType type) {
        FeatureColumn column = new FeatureColumn();
        column.setName(name);
        column.setType(type);
        return column;
    }

    private static List<String> header(String resource) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(resource(resource))), StandardCharsets.UTF_8))) {
            return Arrays.asList(reader.readLine().split(","));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
