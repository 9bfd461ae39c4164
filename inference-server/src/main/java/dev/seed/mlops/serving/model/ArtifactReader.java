package dev.seed.mlops.serving.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.artifact.ModelManifest.ManifestFeature;
import dev.seed.mlops.features.TypedColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/** Reads an artifact directory and refuses anything the server could not serve correctly. */
public final class ArtifactReader {

    private static final Set<String> FORMATS = Set.of("xgboost", "onnx");
    private static final Set<String> TASKS = Set.of("binary", "multiclass", "regression");
    private static final Set<String> FEATURE_TYPES = Set.of("numeric", "categorical");

    /** The baseline of a model with no profile: nothing to compare, so no drift is measured. */
    private static final DataProfile NO_BASELINE = new DataProfile(DataProfile.CURRENT_FORMAT_VERSION, null, 0, List.of());
    private static final Logger LOG = Logger.getLogger(ArtifactReader.class);

    private final ObjectMapper json;

    public ArtifactReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param directory the artifact directory, {@code <store>/models/<model>/<version>}
     * @param name      the model name, or empty to take the parent directory's name
     * @param version   the version, or empty to take the directory's name
     */
    public ModelArtifact read(Path directory, Optional<String> name, Optional<String> version) {
        return read(directory, name, version, Optional.empty());
    }

    /**
     * @param baseline a directory whose profile.json is the drift baseline instead of the artifact's own (a
     *                 ModelVersion's {@code spec.baseline}, profiled from a Dataset for a model brought by hand)
     */
    public ModelArtifact read(Path directory, Optional<String> name, Optional<String> version, Optional<Path> baseline) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new InvalidArtifactException("artifact directory " + dir + " does not exist");
        }
        ModelManifest manifest = readJson(dir.resolve(ArtifactFiles.MANIFEST), ModelManifest.class);
        checkManifest(manifest);
        checkModelFile(dir, manifest);
        Path profileFile = baseline.map(b -> b.resolve(ArtifactFiles.PROFILE)).orElse(dir.resolve(ArtifactFiles.PROFILE));
        if (baseline.isEmpty() && !Files.exists(profileFile)) {
            LOG.warnf("%s has no %s and no baseline was given: drift is not measured for this model", dir, ArtifactFiles.PROFILE);
            return new ModelArtifact(servedName(dir, name), servedVersion(dir, version), dir, manifest,
                    NO_BASELINE, null);
        }
        DataProfile profile = readJson(profileFile, DataProfile.class);
        if (profile.formatVersion() != DataProfile.CURRENT_FORMAT_VERSION) {
            throw new InvalidArtifactException(profileFile + " has formatVersion " + profile.formatVersion()
                    + "; this server reads " + DataProfile.CURRENT_FORMAT_VERSION);
        }
        return new ModelArtifact(servedName(dir, name), servedVersion(dir, version),
                dir, manifest, profile, "sha256:" + sha256(profileFile));
    }

    private static void checkModelFile(Path dir, ModelManifest manifest) {
        Path modelFile = dir.resolve(manifest.modelFile()).normalize();
        if (!modelFile.startsWith(dir) || !Files.isRegularFile(modelFile)) {
            throw new InvalidArtifactException("model file " + manifest.modelFile() + " is not in " + dir);
        }
        String actual = sha256(modelFile);
        if (!actual.equals(manifest.modelSha256())) {
            throw new InvalidArtifactException("sha256 of " + modelFile + " is " + actual
                    + " but manifest.json says " + manifest.modelSha256() + ": the artifact is corrupt or was changed");
        }
    }

    /** The model name served from an artifact directory: the configured one, else the parent directory's name. */
    public static String servedName(Path directory, Optional<String> name) {
        return name.orElseGet(() -> directory.toAbsolutePath().normalize().getParent().getFileName().toString());
    }

    /** The version served from an artifact directory: the configured one, else the directory's name. */
    public static String servedVersion(Path directory, Optional<String> version) {
        return version.orElseGet(() -> directory.toAbsolutePath().normalize().getFileName().toString());
    }

    private static void checkManifest(ModelManifest m) {
        if (m.formatVersion() != ModelManifest.CURRENT_FORMAT_VERSION && m.formatVersion() != ModelManifest.FORMAT_WITHOUT_TRANSFORMS) {
            throw new InvalidArtifactException("manifest.json has formatVersion " + m.formatVersion() + "; this server reads "
                    + ModelManifest.FORMAT_WITHOUT_TRANSFORMS + " and " + ModelManifest.CURRENT_FORMAT_VERSION);
        }
        require(m.transforms() == null || m.formatVersion() >= 2, "transforms need formatVersion 2, this manifest has "
                + m.formatVersion());
        if (m.transforms() != null) {
            checkTransforms(m);
        }
        require(FORMATS.contains(m.format()), "format must be one of " + FORMATS + ", got " + m.format());
        require(TASKS.contains(m.task()), "task must be one of " + TASKS + ", got " + m.task());
        require(m.modelFile() != null && m.modelSha256() != null, "modelFile and modelSha256 are required");
        require(!"multiclass".equals(m.task()) || m.numClasses() > 2, "a multiclass model needs numClasses > 2");
        require(!"onnx".equals(m.format()) || m.onnx() != null, "an onnx model needs the onnx tensor names");
        List<ManifestFeature> features = m.features();
        require(features != null && !features.isEmpty(), "features must list the model's inputs");
        Set<String> names = new HashSet<>();
        for (ManifestFeature f : features) {
            require(f.name() != null && names.add(f.name()), "feature names must be present and unique: " + f.name());
            require(FEATURE_TYPES.contains(f.type()), "feature " + f.name() + " has type " + f.type());
            require(!"categorical".equals(f.type()) || (f.categories() != null && !f.categories().isEmpty()),
                    "categorical feature " + f.name() + " needs its categories");
        }
    }

    /** The transforms must bind to their raw inputs and make exactly the features the model takes. */
    private static void checkTransforms(ModelManifest m) {
        List<String> made;
        try {
            made = m.transforms().compile().features().stream().map(TypedColumn::name).toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException("manifest.json: the transforms cannot be applied: " + e.getMessage(), e);
        }
        List<String> features = m.features().stream().map(ManifestFeature::name).toList();
        require(made.equals(features), "the transforms make the features " + made + ", the model takes " + features);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidArtifactException("manifest.json: " + message);
        }
    }

    private <T> T readJson(Path file, Class<T> type) {
        try {
            return json.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new InvalidArtifactException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new InvalidArtifactException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }
}
