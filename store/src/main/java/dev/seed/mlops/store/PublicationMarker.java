package dev.seed.mlops.store;

import java.util.Map;

/**
 * {@value PublishedDirectory#MARKER}: written last, it makes a directory visible. It names the prefix that holds the
 * files and each file's sha256 and size, so a reader takes exactly what was published and notices any change.
 *
 * @param formatVersion {@value #CURRENT_FORMAT_VERSION}
 * @param content       the prefix below the directory that holds the files, {@code .content-<random>}
 * @param files         relative path ({@code /}-separated) to its digest and size
 */
public record PublicationMarker(int formatVersion, String content, Map<String, PublishedFile> files) {
    public static final int CURRENT_FORMAT_VERSION = 1;

    /** @param sha256 64 lowercase hex digits */
    public record PublishedFile(String sha256, long size) {
    }
}
