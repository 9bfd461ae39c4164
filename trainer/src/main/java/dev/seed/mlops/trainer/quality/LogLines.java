package dev.seed.mlops.trainer.quality;

import dev.seed.mlops.trainer.store.StoreFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The lines of a gzip-compressed JSON-lines file. A file still being written ({@code .partial}) or cut short by a
 * killed pod ends in a truncated gzip stream: every whole line before the break is read, the broken tail is not.
 */
final class LogLines {
    private LogLines() {
    }

    /** @return whether the file read to its end; false when the stream broke off (the lines before it were read) */
    static boolean read(StoreFile file, Consumer<String> line) {
        StringBuilder current = new StringBuilder();
        try (InputStream in = file.open();
                Reader reader = new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8)) {
            char[] buffer = new char[1 << 14];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.accept(current.toString());
                        current.setLength(0);
                    } else {
                        current.append(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            // EOFException or ZipException: a truncated or damaged stream. The unfinished line is not a line.
            return false;
        }
        if (!current.isEmpty()) {
            line.accept(current.toString());
        }
        return true;
    }
}
