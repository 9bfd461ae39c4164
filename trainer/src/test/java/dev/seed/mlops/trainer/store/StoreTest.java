package dev.seed.mlops.trainer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.trainer.TrainerException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path work;

    @Test
    void pvcUrisResolveUnderTheMountRoot() {
        StoreLocation store = StoreLocation.parse("pvc://models/store/", Path.of("/mnt/pvc"));
        assertThat(store.path()).isEqualTo(Path.of("/mnt/pvc/models/store"));
        StoreLocation artifact = store.resolve(StoreLayout.modelArtifact("credit-risk", 3));
        assertThat(artifact.uri()).isEqualTo("pvc://models/store/models/credit-risk/3");
        assertThat(artifact.path()).isEqualTo(Path.of("/mnt/pvc/models/store/models/credit-risk/3"));
        assertThat(StoreLocation.parse("file:///tmp/x", Path.of("/mnt")).path()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void badLocationsAndNamesAreRefused() {
        assertThatThrownBy(() -> StoreLocation.parse("pvc://claim/../../etc", Path.of("/mnt"))).isInstanceOf(TrainerException.class);
        assertThatThrownBy(() -> StoreLocation.parse("gs://bucket/key", Path.of("/mnt"))).hasMessageContaining("only pvc://, s3://");
        assertThatThrownBy(() -> StoreLocation.parse("s3://B/key", Path.of("/mnt"))).hasMessageContaining("not an S3 bucket name");
        assertThat(StoreLocation.parse("s3://bucket/store/", Path.of("/mnt")).resolve("models/m/1").uri()).isEqualTo("s3://bucket/store/models/m/1");
        assertThatThrownBy(() -> StoreLayout.snapshot("Not_A_Label", "ab")).hasMessageContaining("DNS label");
        assertThatThrownBy(() -> StoreLayout.modelArtifact("m", 0)).hasMessageContaining("positive");
    }

    @Test
    void publishedDirectoryAppearsWholeAndReadableByAll() throws IOException {
        Path target = work.resolve("a/b/target");
        AtomicDirectory.publish(target, dir -> Files.writeString(dir.resolve("f"), "x"));
        assertThat(target.resolve("f")).hasContent("x");
        assertThat(Files.getPosixFilePermissions(target).toString()).contains("OTHERS_READ", "OTHERS_EXECUTE");
        assertThat(siblings(target)).containsExactly("target");
    }

    @Test
    void aFailedWriteLeavesNothing() {
        Path target = work.resolve("target");
        assertThatThrownBy(() -> AtomicDirectory.publish(target, dir -> {
            Files.writeString(dir.resolve("half"), "x");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(target).doesNotExist();
        assertThat(siblings(target)).isEmpty();
    }

    @Test
    void anExistingTargetIsNeverReplaced() throws IOException {
        Path target = work.resolve("target");
        AtomicDirectory.publish(target, dir -> Files.writeString(dir.resolve("f"), "first"));
        assertThatThrownBy(() -> AtomicDirectory.publish(target, dir -> Files.writeString(dir.resolve("f"), "second")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(target.resolve("f")).hasContent("first");
        assertThat(siblings(target)).containsExactly("target");
    }

    @Test
    void sha256OfKnownBytes() {
        assertThat(Sha256.hex("abc".getBytes())).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static java.util.List<String> siblings(Path target) {
        try (Stream<Path> entries = Files.list(target.getParent())) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
