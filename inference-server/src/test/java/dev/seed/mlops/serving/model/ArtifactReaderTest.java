package dev.seed.mlops.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArtifactReader reader = new ArtifactReader(JSON);

    @TempDir
    Path store;

    /** A copy of the binary fixture at {@code <store>/models/scoring/4}. */
    private Path copyOfFixture() throws IOException {
        Path dir = Files.createDirectories(store.resolve("models/scoring/4"));
        try (Stream<Path> files = Files.list(XgboostFixture.artifact(Kind.BINARY))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void theModelNameAndVersionComeFromTheStoreLayoutUnlessConfigured() throws IOException {
        Path dir = copyOfFixture();
        ModelArtifact artifact = reader.read(dir, Optional.empty(), Optional.empty());
        assertThat(artifact.name()).isEqualTo("scoring");
        assertThat(artifact.version()).isEqualTo("4");
        assertThat(artifact.baselineDigest()).isEqualTo("sha256:" + XgboostFixture.sha256(dir.resolve("profile.json")));

        ModelArtifact renamed = reader.read(dir, Optional.of("credit"), Optional.of("9"));
        assertThat(renamed.name()).isEqualTo("credit");
        assertThat(renamed.version()).isEqualTo("9");
    }

    @Test
    void aBaselineDirectoryGivenReplacesTheArtifactsOwnProfile() throws IOException {
        Path dir = copyOfFixture();
        Path baseline = Files.createDirectories(store.resolve("baselines/scoring/4"));
        Files.writeString(baseline.resolve("profile.json"), """
                {"formatVersion": 1, "datasetDigest": "sha256:feed", "rows": 7, "features": []}""");
        ModelArtifact artifact = reader.read(dir, Optional.empty(), Optional.empty(), Optional.of(baseline));
        assertThat(artifact.profile().datasetDigest()).isEqualTo("sha256:feed");
        assertThat(artifact.baselineDigest()).isEqualTo("sha256:" + XgboostFixture.sha256(baseline.resolve("profile.json")));
    }

    @Test
    void anArtifactWithoutAProfileIsServedWithNothingToMeasureDriftAgainst() throws IOException {
        Path dir = copyOfFixture();
        Files.delete(dir.resolve("profile.json"));
        ModelArtifact artifact = reader.read(dir, Optional.empty(), Optional.empty());
        assertThat(artifact.profile().features()).isEmpty();
        assertThat(artifact.baselineDigest()).isNull();
    }

    @Test
    void aBaselineDirectoryWithoutAProfileIsRefused() throws IOException {
        Path dir = copyOfFixture();
        Path baseline = Files.createDirectories(store.resolve("baselines/scoring/4"));
        assertThatThrownBy(() -> reader.read(dir, Optional.empty(), Optional.empty(), Optional.of(baseline)))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("cannot read " + baseline.resolve("profile.json"));
    }

    @Test
    void aModelFileThatDoesNotMatchItsSha256IsRefused() throws IOException {
        Path dir = copyOfFixture();
        Files.write(dir.resolve("model.xgb"), new byte[] {0}, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> reader.read(dir, Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("sha256 of")
                .hasMessageContaining("corrupt or was changed");
    }

    @Test
    void anUnknownManifestVersionOrFormatIsRefused() throws IOException {
        Path dir = copyOfFixture();
        ObjectNode manifest = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest.deepCopy().put("formatVersion", 3));
        assertThatThrownBy(() -> reader.read(dir, Optional.empty(), Optional.empty()))
                .hasMessageContaining("formatVersion 3; this server reads 1 and 2");

        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest.deepCopy().put("format", "pickle"));
        assertThatThrownBy(() -> reader.read(dir, Optional.empty(), Optional.empty()))
                .hasMessageContaining("format must be one of");
    }

    @Test
    void transformsThatDoNotMakeTheModelsFeaturesAreRefused() throws IOException {
        Path dir = copyOfFixture();
        ObjectNode manifest = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
        ObjectNode transforms = JSON.createObjectNode().put("formatVersion", 1);
        transforms.putArray("inputs").addObject().put("name", "age").put("type", "numeric");
        transforms.putArray("transforms").addObject().put("kind", "log1p").put("name", "age_log").put("column", "age");
        ObjectNode withTransforms = manifest.deepCopy().put("formatVersion", 2);
        withTransforms.set("transforms", transforms);
        JSON.writeValue(dir.resolve("manifest.json").toFile(), withTransforms);
        assertThatThrownBy(() -> reader.read(dir, Optional.empty(), Optional.empty()))
                .hasMessageContaining("the transforms make the features [age, age_log], the model takes");

        JSON.writeValue(dir.resolve("manifest.json").toFile(), withTransforms.deepCopy().put("formatVersion", 1));
        assertThatThrownBy(() -> reader.read(dir, Optional.empty(), Optional.empty()))
                .hasMessageContaining("transforms need formatVersion 2, this manifest has 1");
    }

    @Test
    void aModelFileOutsideTheArtifactDirectoryIsRefused() throws IOException {
        Path dir = copyOfFixture();
        ObjectNode manifest = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest.put("modelFile", "../../../etc/passwd"));
        assertThatThrownBy(() -> reader.read(dir, Optional.empty(), Optional.empty()))
                .hasMessageContaining("is not in");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        assertThatThrownBy(() -> reader.read(store.resolve("nothing"), Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("does not exist");
    }
}
