package dev.seed.mlops.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.store.PublicationMarker.PublishedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Directories (snapshots, model artifacts) on S3, published all at once. S3 has no rename, so the files go under a
 * fresh prefix {@code <dir>/.content-<random>/} and {@value #MARKER}, written last, names that prefix and every file's
 * sha256. Without the marker nothing is published: a killed upload leaves only a {@code .content-*} prefix that no
 * reader takes (and that a lifecycle rule may expire). Reading checks every file against the marker.
 */
public final class PublishedDirectory {
    public static final String MARKER = "published.json";
    static final String CONTENT_PREFIX = ".content-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Store store;

    public PublishedDirectory(S3Store store) {
        this.store = store;
    }

    public boolean isPublished(S3Uri directory) {
        return store.exists(directory.resolve(MARKER));
    }

    /**
     * Uploads every regular file below {@code local} and then the marker.
     *
     * @throws AlreadyPublishedException if the directory was published before (it is left as it was)
     */
    public void publish(S3Uri directory, Path local) throws IOException {
        if (isPublished(directory)) {
            throw new AlreadyPublishedException(directory);
        }
        String content = CONTENT_PREFIX + UUID.randomUUID();
        Map<String, PublishedFile> files = new TreeMap<>();
        try {
            for (Path file : regularFiles(local)) {
                String relative = relative(local, file);
                store.upload(directory.resolve(content).resolve(relative), file);
                files.put(relative, new PublishedFile(sha256(file), Files.size(file)));
            }
            if (isPublished(directory)) {
                throw new AlreadyPublishedException(directory);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(directory.resolve(content), e);
            throw e;
        }
        store.put(directory.resolve(MARKER), JSON.writeValueAsBytes(
                new PublicationMarker(PublicationMarker.CURRENT_FORMAT_VERSION, content, files)));
    }

    /** The marker of a published directory; refuses a directory without one. */
    public PublicationMarker marker(S3Uri directory) {
        S3Uri marker = directory.resolve(MARKER);
        if (!store.exists(marker)) {
            throw new ObjectStoreException(directory + " is not published: it has no " + MARKER
                    + " (nothing was written there, or the upload did not finish)");
        }
        PublicationMarker parsed;
        try {
            parsed = JSON.readValue(store.readAll(marker), PublicationMarker.class);
        } catch (IOException e) {
            throw new ObjectStoreException(marker + " is not a publication marker: " + e.getMessage(), e);
        }
        if (parsed.formatVersion() != PublicationMarker.CURRENT_FORMAT_VERSION || parsed.content() == null
                || !parsed.content().startsWith(CONTENT_PREFIX) || parsed.files() == null) {
            throw new ObjectStoreException(marker + " has formatVersion " + parsed.formatVersion()
                    + " or no content prefix; this program reads formatVersion " + PublicationMarker.CURRENT_FORMAT_VERSION);
        }
        return parsed;
    }

    /**
     * Downloads a published directory into {@code local}, checking each file's sha256 and size against the marker.
     * On failure {@code local} may hold some files: pass a fresh directory and drop it then.
     */
    public void fetch(S3Uri directory, Path local) throws IOException {
        PublicationMarker marker = marker(directory);
        for (Map.Entry<String, PublishedFile> entry : marker.files().entrySet()) {
            Path target = local.resolve(entry.getKey()).normalize();
            if (!target.startsWith(local.normalize())) {
                throw new ObjectStoreException(directory.resolve(MARKER) + " names a file outside the directory: " + entry.getKey());
            }
            Files.createDirectories(target.getParent());
            S3Uri source = directory.resolve(marker.content()).resolve(entry.getKey());
            MessageDigest digest = newDigest();
            long size;
            try (InputStream in = new DigestInputStream(store.open(source), digest); OutputStream out = Files.newOutputStream(target)) {
                size = in.transferTo(out);
            }
            check(directory, entry.getKey(), entry.getValue(), HexFormat.of().formatHex(digest.digest()), size);
        }
    }

    /** One file of a published directory, read whole and checked against the marker: for small files (specs, profiles). */
    public byte[] readFile(S3Uri directory, String relative) {
        PublicationMarker marker = marker(directory);
        PublishedFile expected = marker.files().get(relative);
        if (expected == null) {
            throw new ObjectStoreException(directory + " has no file " + relative + " (see its " + MARKER + ")");
        }
        byte[] bytes = store.readAll(directory.resolve(marker.content()).resolve(relative));
        String actual = HexFormat.of().formatHex(newDigest().digest(bytes));
        check(directory, relative, expected, actual, bytes.length);
        return bytes;
    }

    private static void check(S3Uri directory, String relative, PublishedFile expected, String actual, long size) {
        if (size != expected.size() || !actual.equals(expected.sha256())) {
            throw new ObjectStoreException(directory + "/" + relative + " does not match " + MARKER + ": sha256 "
                    + actual + " and " + size + " bytes, published as sha256 " + expected.sha256() + " and "
                    + expected.size() + " bytes; it was changed after publication");
        }
    }

    private void deleteQuietly(S3Uri prefix, Exception cause) {
        try {
            store.deletePrefix(prefix);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static List<Path> regularFiles(Path local) throws IOException {
        try (Stream<Path> walk = Files.walk(local)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/");
    }

    static String sha256(Path file) {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
