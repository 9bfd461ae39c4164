package dev.seed.mlops.serving.model;

import dev.seed.mlops.store.ObjectStoreException;
import dev.seed.mlops.store.PublishedDirectory;
import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.store.S3Uri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Brings an artifact published on S3 into a local directory before the server reads it: the files published.json
 * names, each checked against its sha256 there, so a partial or changed artifact is never served.
 */
public final class ArtifactDownload {
    private ArtifactDownload() {
    }

    /**
     * @param uri       s3://&lt;bucket&gt;/&lt;key&gt; of the artifact directory
     * @param directory empty or absent; the pod's scratch volume
     */
    public static void fetch(String uri, Path directory, S3Settings settings) {
        S3Uri artifact;
        try {
            artifact = S3Uri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException("model URI " + e.getMessage(), e);
        }
        try (S3Store store = S3Store.connect(settings)) {
            Files.createDirectories(directory);
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidArtifactException("cannot download " + uri + " into " + directory + ": it is not empty");
                }
            }
            new PublishedDirectory(store).fetch(artifact, directory);
        } catch (ObjectStoreException e) {
            throw new InvalidArtifactException("cannot load the model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidArtifactException("cannot download " + uri + " into " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Refuses an artifact whose model file is not the one the ModelVersion records. */
    public static void checkRecordedDigest(ModelArtifact artifact, String recorded, String where) {
        String expected = recorded.startsWith("sha256:") ? recorded.substring("sha256:".length()) : recorded;
        if (!expected.equals(artifact.manifest().modelSha256())) {
            throw new InvalidArtifactException("the model file of " + where + " has sha256 " + artifact.manifest().modelSha256()
                    + " but the ModelVersion records " + expected + ": refusing to serve an artifact that is not the registered one");
        }
    }
}
