package dev.seed.mlops.trainer.train;

import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.store.StoredDirectories;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;

/** Publishes a model artifact (model file, manifest.json, profile.json) all at once; a version is written once. */
public final class ArtifactWriter {
    private ArtifactWriter() {
    }

    public static void publish(StoreLocation target, ModelManifest manifest, byte[] model, DataProfile profile)
            throws IOException {
        if (StoredDirectories.exists(target)) {
            throw alreadyExists(target);
        }
        try {
            StoredDirectories.publish(target, directory -> {
                Files.write(directory.resolve(manifest.modelFile()), model);
                Json.write(directory.resolve(ArtifactFiles.PROFILE), profile);
                Json.write(directory.resolve(ArtifactFiles.MANIFEST), manifest);
            });
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(target);
        }
    }

    private static TrainerException alreadyExists(StoreLocation target) {
        return new TrainerException("artifact " + target.uri() + " already exists; a model version is written once: "
                + "rule immutable-artifact");
    }
}
