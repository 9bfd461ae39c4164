package dev.seed.mlops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.store.testing.S3Server;
import dev.seed.mlops.store.testing.S3TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The object store against a real S3 server (SeaweedFS): objects, multipart uploads and the failures users meet. */
class S3StoreTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server(S3Store.MIN_PART_SIZE);

    @TempDir
    Path local;

    private static S3Uri fresh(String name) {
        return new S3Uri(S3TestServer.BUCKET, "t-" + UUID.randomUUID() + "/" + name);
    }

    @Test
    void aFileLargerThanOnePartIsUploadedInPartsAndStreamsBackWhole() throws Exception {
        Path file = local.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 12; i++) {
                out.write(chunk);
            }
        }
        S3Uri uri = fresh("big.bin");

        S3.store().upload(uri, file);

        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long read;
        try (InputStream in = new DigestInputStream(S3.store().open(uri), digest)) {
            read = in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(read).isEqualTo(Files.size(file));
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(PublishedDirectory.sha256(file));
    }

    @Test
    void aSmallObjectRoundTrips() {
        S3Uri uri = fresh("a.txt");
        assertThat(S3.store().exists(uri)).isFalse();

        S3.store().put(uri, "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(S3.store().exists(uri)).isTrue();
        assertThat(S3.store().readAll(uri)).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    }

    @Test
    void readingAMissingObjectNamesTheUri() {
        S3Uri uri = fresh("absent.csv");
        assertThatThrownBy(() -> S3.store().open(uri)).isInstanceOf(ObjectStoreException.class)
                .hasMessage("cannot read " + uri + ": no such object");
    }

    @Test
    void aMissingBucketIsNamed() {
        S3Uri uri = new S3Uri("no-such-bucket-here", "x/y.csv");
        assertThatThrownBy(() -> S3.store().open(uri)).isInstanceOf(ObjectStoreException.class)
                .hasMessage("cannot read s3://no-such-bucket-here/x/y.csv: the bucket 'no-such-bucket-here' does not exist");
    }

    @Test
    void wrongCredentialsAreReportedWithoutTheSecret() {
        String wrongSecret = "wrong-" + UUID.randomUUID();
        S3Uri uri = fresh("a.txt");
        try (S3Store wrong = S3Store.connect(S3.server().settings("mlops-test-key", wrongSecret))) {
            assertThatThrownBy(() -> wrong.put(uri, new byte[] {1})).isInstanceOf(ObjectStoreException.class)
                    .hasMessageStartingWith("cannot write " + uri + ": access denied (SignatureDoesNotMatch)")
                    .hasMessageContaining(S3Settings.SECRET_ACCESS_KEY)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongSecret, S3.server().secret()));
        }
        try (S3Store unknown = S3Store.connect(S3.server().settings("nobody", wrongSecret))) {
            assertThatThrownBy(() -> unknown.open(uri)).hasMessageStartingWith("cannot read " + uri + ": access denied (InvalidAccessKeyId)");
        }
    }

    @Test
    void anUnreachableEndpointIsNamed() throws IOException {
        S3Settings nowhere = new S3Settings(Optional.of(URI.create("http://127.0.0.1:9")), "us-east-1", true,
                Optional.of("k"), Optional.of("s"));
        S3Uri uri = fresh("a.txt");
        try (S3Store closed = S3Store.connect(nowhere)) {
            assertThatThrownBy(() -> closed.open(uri)).isInstanceOf(ObjectStoreException.class)
                    .hasMessageStartingWith("cannot read " + uri + ": the store cannot be reached or did not answer");
        }
    }

    @Test
    void settingsNeverPrintTheSecret() {
        assertThat(S3.server().settings().toString()).doesNotContain(S3.server().secret()).contains("credentials=static");
    }
}
