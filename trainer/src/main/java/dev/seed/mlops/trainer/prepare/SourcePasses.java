package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.Records;
import dev.seed.mlops.trainer.data.RowSink;
import dev.seed.mlops.trainer.data.Shard;
import dev.seed.mlops.trainer.data.SourceFormats;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.data.Violation;
import dev.seed.mlops.trainer.data.Violations;
import dev.seed.mlops.trainer.source.SourceReader;
import dev.seed.mlops.trainer.source.SourceUnreadableException;
import dev.seed.mlops.trainer.store.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a Dataset's source from its start to its end, as often as prepare needs, streaming its rows: each pass opens
 * the source again (a file, an S3 object, an HTTPS URL), takes the sha256 of its bytes as stored and checks the rows
 * by the type rules. A later pass must see the bytes the first one saw: a source replaced in between is refused.
 */
final class SourcePasses {
    /** What a pass read: the sha256 (hex) of the source's bytes and its data rows. */
    record Pass(String sha256, long rows) {
    }

    private final SourceReader sources;
    private final DatasetSpec spec;
    private final String source;
    private Pass first;

    SourcePasses(SourceReader sources, DatasetSpec spec) {
        this.sources = sources;
        this.spec = spec;
        this.source = spec.getSource().getUri();
    }

    /** The first pass: every broken type rule goes to the violations (the caller throws them after the pass). */
    Pass first(Violations violations, RowSink sink) throws IOException {
        first = read(violations, sink);
        return first;
    }

    /** Another pass over the same bytes. */
    void again(RowSink sink) throws IOException {
        Violations violations = new Violations();
        Pass pass = read(violations, sink);
        if (!pass.equals(first) || !violations.isEmpty()) {
            throw new SourceUnreadableException(source, "the source changed while prepare read it (first "
                    + first.rows() + " rows, sha256 " + first.sha256() + "; then " + pass.rows() + " rows, sha256 "
                    + pass.sha256() + "); prepare it again");
        }
    }

    private Pass read(Violations violations, RowSink sink) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream raw = sources.open(source); DigestInputStream in = new DigestInputStream(raw, digest)) {
            InputStream content = source.endsWith(Preparer.GZIP_SUFFIX) ? new GZIPInputStream(in, 1 << 16) : in;
            TableReader reader = new TableReader(spec.getSchema(), source, violations);
            long rows;
            try (Records records = SourceFormats.open(spec.getFormat(), content, source, violations)) {
                rows = reader.stream(records, Shard.ALL, sink);
                in.transferTo(OutputStream.nullOutputStream());
            }
            return new Pass(Sha256.hex(digest), rows);
        } catch (CharacterCodingException e) {
            violations.report(Violation.ofFile(source, "utf-8", "the source is not UTF-8 text: " + e.getMessage()));
            violations.throwIfAny();
            throw new IllegalStateException("unreachable", e);
        } catch (ZipException e) {
            violations.report(Violation.ofFile(source, "gzip", "the source is named *.gz but is not gzip data: " + e.getMessage()));
            violations.throwIfAny();
            throw new IllegalStateException("unreachable", e);
        } catch (TrainerException e) {
            throw e;
        } catch (IOException e) {
            throw new SourceUnreadableException(source, "reading failed: " + e, e);
        }
    }
}
