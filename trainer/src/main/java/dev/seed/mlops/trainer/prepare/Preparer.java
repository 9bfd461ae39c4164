package dev.seed.mlops.trainer.prepare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.ValidationSummary;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.features.FittedTransforms;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.Records;
import dev.seed.mlops.trainer.data.Shard;
import dev.seed.mlops.trainer.data.SourceFormats;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.data.TableWriter;
import dev.seed.mlops.trainer.data.Violation;
import dev.seed.mlops.trainer.data.Violations;
import dev.seed.mlops.trainer.features.EngineeredProfiler;
import dev.seed.mlops.trainer.features.TransformFitter;
import dev.seed.mlops.trainer.source.SourceReader;
import dev.seed.mlops.trainer.source.SourceUnreadableException;
import dev.seed.mlops.trainer.store.Sha256;
import dev.seed.mlops.trainer.store.StoreLayout;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.store.StoredDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The prepare command: read a Dataset's source (CSV, JSON Lines or Parquet; gzip-compressed when named *.gz), validate it, split it, profile it and publish the snapshot
 * {@code <store>/datasets/<name>/sha256-<hex>/} all at once. Preparing the same bytes with the same schema and
 * split again keeps the existing snapshot (a retried Job is harmless); other settings for the same bytes are refused,
 * because a snapshot never changes once written.
 */
public final class Preparer {
    /** Sources named *.gz are gzip-compressed, in any format; the snapshot digest is of the compressed bytes as stored. */
    public static final String GZIP_SUFFIX = ".gz";

    private final SourceReader sources;
    private final Progress progress;

    public Preparer(SourceReader sources, Progress progress) {
        this.sources = sources;
        this.progress = progress;
    }

    public SnapshotResult prepare(DatasetSpec spec, String datasetName, StoreLocation store) throws IOException {
        String source = spec.getSource().getUri();
        progress.step("reading %s", source);
        Violations violations = new Violations();
        MessageDigest digest = Sha256.newDigest();
        Table table = read(spec, source, digest, violations);
        String hex = Sha256.hex(digest);
        progress.step("read %d rows, sha256 %s", table.rows(), hex);
        // Cells that broke a type rule read as missing; judging missing rates on them would only repeat the error.
        violations.throwIfAny();

        new DatasetValidator(spec.getSchema(), spec.getValidation(), source).validate(table, violations);
        violations.throwIfAny();
        Split split = split(table, spec, source);
        progress.step("valid; split into %d train, %d validation, %d test rows (seed %d)",
                split.train().length, split.validation().length, split.test().length, spec.getSplit().getSeed());

        DataProfile raw = Profiler.profile(table, Sha256.DIGEST_PREFIX + hex);
        // the training rows are copied for the fit only when there is something to fit (docs/api.md, the memory bound)
        Optional<Table> train = spec.getTransforms() == null || spec.getTransforms().isEmpty()
                ? Optional.empty() : Optional.of(table.select(split.train()));
        Optional<FittedTransforms> transforms = train.flatMap(rows -> TransformFitter.fit(spec, rows, raw));
        DataProfile profile = raw.withEngineered(
                transforms.map(fitted -> EngineeredProfiler.profile(fitted, train.orElseThrow())).orElse(List.of()));
        transforms.ifPresent(fitted -> progress.step("fitted %d transforms on the %d training rows",
                fitted.transforms().size(), split.train().length));
        StoreLocation target = store.resolve(StoreLayout.snapshot(datasetName, hex));
        SnapshotResult result = new SnapshotResult(Sha256.DIGEST_PREFIX + hex, target.uri(), table.rows(),
                split.train().length, split.validation().length, split.test().length, false,
                transforms.map(FittedTransforms::summaries).orElse(null));
        if (StoredDirectories.exists(target)) {
            return reuse(spec, target, result);
        }
        progress.step("profiled %d features", profile.features().size());
        try {
            StoredDirectories.publish(target, directory -> writeSnapshot(directory, spec, table, split, profile, transforms));
        } catch (FileAlreadyExistsException e) {
            return reuse(spec, target, result);
        }
        progress.step("wrote snapshot %s", target.uri());
        return result;
    }

    private Table read(DatasetSpec spec, String source, MessageDigest digest, Violations violations) throws IOException {
        try (InputStream raw = sources.open(source); DigestInputStream in = new DigestInputStream(raw, digest)) {
            InputStream content = source.endsWith(GZIP_SUFFIX) ? new GZIPInputStream(in, 1 << 16) : in;
            TableReader reader = new TableReader(spec.getSchema(), source, violations);
            try (Records records = SourceFormats.open(spec.getFormat(), content, source, violations)) {
                Table table = reader.read(records, Shard.ALL);
                in.transferTo(OutputStream.nullOutputStream());
                return table;
            }
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

    private static Split split(Table table, DatasetSpec spec, String source) {
        try {
            return Split.of(table.rows(), spec.getSplit());
        } catch (IllegalArgumentException e) {
            Violations violations = new Violations();
            violations.report(Violation.ofFile(source, "split", e.getMessage()));
            violations.throwIfAny();
            throw e;
        }
    }

    private static void writeSnapshot(Path directory, DatasetSpec spec, Table table, Split split, DataProfile profile,
            Optional<FittedTransforms> transforms) throws IOException {
        if (transforms.isPresent()) {
            Json.write(directory.resolve(ArtifactFiles.TRANSFORMS), transforms.get());
        }
        // by row index, not through table.select: a copy of the training rows would be 0.7 of the table at the peak
        TableWriter.write(table, split.train(), directory.resolve(ArtifactFiles.TRAIN_SPLIT));
        TableWriter.write(table, split.validation(), directory.resolve(ArtifactFiles.VALIDATION_SPLIT));
        TableWriter.write(table, split.test(), directory.resolve(ArtifactFiles.TEST_SPLIT));
        Json.write(directory.resolve(ArtifactFiles.PROFILE), profile);
        Json.write(directory.resolve(ArtifactFiles.DATASET_SPEC), spec);
        ValidationSummary report = new ValidationSummary();
        report.setPassed(true);
        report.setRowsChecked((long) table.rows());
        Json.write(directory.resolve(ArtifactFiles.VALIDATION_REPORT), report);
    }

    private SnapshotResult reuse(DatasetSpec spec, StoreLocation target, SnapshotResult result) throws IOException {
        DatasetSpec existing = Json.mapper().readValue(StoredDirectories.readFile(target, ArtifactFiles.DATASET_SPEC), DatasetSpec.class);
        if (!sameContentSettings(existing, spec)) {
            throw new TrainerException("snapshot " + target.uri() + " exists and was prepared from the same bytes with "
                    + "another schema, split or transforms; a snapshot never changes: rule immutable-snapshot");
        }
        progress.step("snapshot %s already exists with the same schema, split and transforms; kept as it is", target.uri());
        return new SnapshotResult(result.digest(), result.uri(), result.rows(), result.trainRows(),
                result.validationRows(), result.testRows(), true, result.transforms());
    }

    /** Schema, split and transforms decide a snapshot's files; validation rules only decide whether it may exist. */
    private static boolean sameContentSettings(DatasetSpec a, DatasetSpec b) {
        return tree(a.getSchema()).equals(tree(b.getSchema())) && tree(a.getSplit()).equals(tree(b.getSplit()))
                && tree(a.getTransforms()).equals(tree(b.getTransforms()));
    }

    private static JsonNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }
}
