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
import dev.seed.mlops.trainer.data.TableBuilder;
import dev.seed.mlops.trainer.data.Violation;
import dev.seed.mlops.trainer.data.Violations;
import dev.seed.mlops.trainer.features.EngineeredProfiler;
import dev.seed.mlops.trainer.features.TransformFitter;
import dev.seed.mlops.trainer.source.SourceReader;
import dev.seed.mlops.trainer.store.Sha256;
import dev.seed.mlops.trainer.store.StoreLayout;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.store.StoredDirectories;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prepare command: read a Dataset's source (CSV, JSON Lines or Parquet; gzip-compressed when named *.gz), validate it, split it, profile it and publish the snapshot
 * {@code <store>/datasets/<name>/sha256-<hex>/} all at once. Preparing the same bytes with the same schema and
 * split again keeps the existing snapshot (a retried Job is harmless); other settings for the same bytes are refused,
 * because a snapshot never changes once written.
 * <p>
 * The source is streamed, never held, in passes ({@link SourcePasses}): the first checks the type and validation rules,
 * takes the digest, counts the rows for the split and starts the profile; the last writes the split files as the rows
 * go by and ends the profile; between them, a source with many rows may need a pass that narrows the deciles
 * ({@link ExactDeciles}). Memory is bounded by the features and the split's row indexes, not by the table (docs/api.md,
 * the memory bound), except that the training rows are held when transforms must be fitted on them.
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
        SourcePasses passes = new SourcePasses(sources, spec);
        Violations violations = new Violations();
        DatasetValidator validator = new DatasetValidator(spec.getSchema(), spec.getValidation(), source);
        StreamingProfiler profiler = new StreamingProfiler(spec.getSchema());
        SourcePasses.Pass read = passes.first(violations, (index, row) -> {
            validator.accept(index, row);
            profiler.add(row);
        });
        String hex = read.sha256();
        progress.step("read %d rows, sha256 %s", read.rows(), hex);
        // Cells that broke a type rule read as missing; judging missing rates on them would only repeat the error.
        violations.throwIfAny();

        validator.validate(read.rows(), violations);
        violations.throwIfAny();
        profiler.endPass();
        Split split = split(read.rows(), spec, source);
        progress.step("valid; split into %d train, %d validation, %d test rows (seed %d)",
                split.train().length, split.validation().length, split.test().length, spec.getSplit().getSeed());

        StoreLocation target = store.resolve(StoreLayout.snapshot(datasetName, hex));
        SnapshotResult result = new SnapshotResult(Sha256.DIGEST_PREFIX + hex, target.uri(), read.rows(),
                split.train().length, split.validation().length, split.test().length, false, null);
        if (StoredDirectories.exists(target)) {
            return reuse(spec, target, result);
        }
        for (int pass = 2; profiler.needsCountingPass(); pass++) {
            profiler.startPass();
            passes.again((index, row) -> profiler.add(row));
            profiler.endPass();
            progress.step("pass %d: narrowed the deciles' windows", pass);
        }
        List<String> summaries = new ArrayList<>();
        try {
            StoredDirectories.publish(target, directory -> summaries.addAll(
                    writeSnapshot(directory, spec, passes, profiler, split, Sha256.DIGEST_PREFIX + hex, read.rows())));
        } catch (FileAlreadyExistsException e) {
            return reuse(spec, target, result);
        }
        progress.step("wrote snapshot %s", target.uri());
        return new SnapshotResult(result.digest(), result.uri(), result.rows(), result.trainRows(),
                result.validationRows(), result.testRows(), false, summaries.isEmpty() ? null : summaries);
    }

    private static Split split(long rows, DatasetSpec spec, String source) {
        try {
            if (rows > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(rows + " rows are more than one snapshot holds (" + Integer.MAX_VALUE + ")");
            }
            return Split.of((int) rows, spec.getSplit());
        } catch (IllegalArgumentException e) {
            Violations violations = new Violations();
            violations.report(Violation.ofFile(source, "split", e.getMessage()));
            violations.throwIfAny();
            throw e;
        }
    }

    /**
     * The last pass: the split files as the rows go by (and the training rows, when transforms are fitted on them), then
     * the profile, the fitted transforms and the small files.
     *
     * @return the fitted transforms' summaries, empty without transforms
     */
    private List<String> writeSnapshot(Path directory, DatasetSpec spec, SourcePasses passes, StreamingProfiler profiler,
            Split split, String digest, long rows) throws IOException {
        boolean fits = spec.getTransforms() != null && !spec.getTransforms().isEmpty();
        TableBuilder train = new TableBuilder(spec.getSchema());
        profiler.startPass();
        try (SplitFiles files = new SplitFiles(directory, spec.getSchema(), split)) {
            passes.again((index, row) -> {
                profiler.add(row);
                if (files.write(index, row) == SplitFiles.Part.TRAIN && fits) {
                    train.add(row);
                }
            });
        }
        profiler.endPass();
        DataProfile raw = profiler.profile(digest, rows);
        progress.step("profiled %d features", raw.features().size());
        Table trainRows = train.build();
        Optional<FittedTransforms> transforms = fits ? TransformFitter.fit(spec, trainRows, raw) : Optional.empty();
        DataProfile profile = raw.withEngineered(
                transforms.map(fitted -> EngineeredProfiler.profile(fitted, trainRows)).orElse(List.of()));
        if (transforms.isPresent()) {
            progress.step("fitted %d transforms on the %d training rows", transforms.get().transforms().size(),
                    split.train().length);
            Json.write(directory.resolve(ArtifactFiles.TRANSFORMS), transforms.get());
        }
        Json.write(directory.resolve(ArtifactFiles.PROFILE), profile);
        Json.write(directory.resolve(ArtifactFiles.DATASET_SPEC), spec);
        ValidationSummary report = new ValidationSummary();
        report.setPassed(true);
        report.setRowsChecked(rows);
        Json.write(directory.resolve(ArtifactFiles.VALIDATION_REPORT), report);
        return transforms.map(FittedTransforms::summaries).orElse(List.of());
    }

    private SnapshotResult reuse(DatasetSpec spec, StoreLocation target, SnapshotResult result) throws IOException {
        DatasetSpec existing = Json.mapper().readValue(StoredDirectories.readFile(target, ArtifactFiles.DATASET_SPEC), DatasetSpec.class);
        if (!sameContentSettings(existing, spec)) {
            throw new TrainerException("snapshot " + target.uri() + " exists and was prepared from the same bytes with "
                    + "another schema, split or transforms; a snapshot never changes: rule immutable-snapshot");
        }
        progress.step("snapshot %s already exists with the same schema, split and transforms; kept as it is", target.uri());
        // the same transforms were fitted on the same training rows when the snapshot was written
        List<String> summaries = spec.getTransforms() != null && !spec.getTransforms().isEmpty()
                ? Json.mapper().readValue(StoredDirectories.readFile(target, ArtifactFiles.TRANSFORMS), FittedTransforms.class).summaries()
                : null;
        return new SnapshotResult(result.digest(), result.uri(), result.rows(), result.trainRows(),
                result.validationRows(), result.testRows(), true, summaries);
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
