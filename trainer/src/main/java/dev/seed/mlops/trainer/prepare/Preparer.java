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
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.data.TableWriter;
import dev.seed.mlops.trainer.data.Violation;
import dev.seed.mlops.trainer.data.Violations;
import dev.seed.mlops.trainer.features.EngineeredProfiler;
import dev.seed.mlops.trainer.features.TransformFitter;
import dev.seed.mlops.trainer.source.SourceReader;
import dev.seed.mlops.trainer.source.SourceUnreadableException;
import dev.seed.mlops.trainer.store.AtomicDirectory;
import dev.seed.mlops.trainer.store.Sha256;
import dev.seed.mlops.trainer.store.StoreLayout;
import dev.seed.mlops.trainer.store.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * The prepare command: read a Dataset's source (CSV, gzip-compressed when named *.gz), validate it, split it, profile it and publish the snapshot
 * {@code <store>/datasets/<name>/sha256-<hex>/} all at once. Preparing the same bytes with the same schema and
 * split again keeps the existing snapshot (a retried Job is harmless); other settings for the same bytes are refused,
 * because a snapshot never changes once written.
 */
public final class Preparer {
    /** Sources named *.gz are gzip-compressed CSV; the snapshot digest is of the compressed bytes as stored. */
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
        Table train = table.select(split.train());
        Optional<FittedTransforms> transforms = TransformFitter.fit(spec, train, raw);
        DataProfile profile = raw.withEngineered(
                transforms.map(fitted -> EngineeredProfiler.profile(fitted, train)).orElse(List.of()));
        transforms.ifPresent(fitted -> progress.step("fitted %d transforms on the %d training rows",
                fitted.transforms().size(), split.train().length));
        StoreLocation target = store.resolve(StoreLayout.snapshot(datasetName, hex));
        SnapshotResult result = new SnapshotResult(Sha256.DIGEST_PREFIX + hex, target.uri(), table.rows(),
                split.train().length, split.validation().length, split.test().length, false,
                transforms.map(FittedTransforms::summaries).orElse(null));
        if (Files.exists(target.path())) {
            return reuse(spec, target, result);
        }
        progress.step("profiled %d features", profile.features().size());
        try {
            AtomicDirectory.publish(target.path(), directory -> writeSnapshot(directory, spec, table, split, profile, transforms));
        } catch (FileAlreadyExistsException e) {
            return reuse(spec, target, result);
        }
        progress.step("wrote snapshot %s", target.uri());
        return result;
    }

    private Table read(DatasetSpec spec, String source, MessageDigest digest, Violations violations) throws IOException {
        try (InputStream raw = sources.open(source); DigestInputStream in = new DigestInputStream(raw, digest)) {
            InputStream content = source.endsWith(GZIP_SUFFIX) ? new GZIPInputStream(in, 1 << 16) : in;
            Reader text = new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            Table table = new TableReader(spec.getSchema(), source, violations).read(text);
            in.transferTo(OutputStream.nullOutputStream());
            return table;
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
        TableWriter.write(table.select(split.train()), directory.resolve(ArtifactFiles.TRAIN_SPLIT));
        TableWriter.write(table.select(split.validation()), directory.resolve(ArtifactFiles.VALIDATION_SPLIT));
        TableWriter.write(table.select(split.test()), directory.resolve(ArtifactFiles.TEST_SPLIT));
        Json.write(directory.resolve(ArtifactFiles.PROFILE), profile);
        Json.write(directory.resolve(ArtifactFiles.DATASET_SPEC), spec);
        ValidationSummary report = new ValidationSummary();
        report.setPassed(true);
        report.setRowsChecked((long) table.rows());
        Json.write(directory.resolve(ArtifactFiles.VALIDATION_REPORT), report);
    }

    private SnapshotResult reuse(DatasetSpec spec, StoreLocation target, SnapshotResult result) {
        DatasetSpec existing = Json.read(target.path().resolve(ArtifactFiles.DATASET_SPEC), DatasetSpec.class);
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
