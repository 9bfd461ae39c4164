package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import dev.seed.mlops.trainer.data.Column;
import dev.seed.mlops.trainer.data.Shard;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.prepare.Snapshot;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.train.FeatureEncoder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a worker of a multi-worker run reads: shard k of n of a snapshot split holds exactly the split's rows i mod n = k,
 * every row is in one shard, and every shard encodes its categories as a read of the whole split does (the codes come
 * from the snapshot's profile, not from the rows a worker happens to see). Capital Bikeshare: three categoricals.
 */
class ShardedSnapshotTest {
    @TempDir
    static Path work;
    private static Snapshot snapshot;
    private static Table whole;
    private static FeatureEncoder encoder;
    private static float[] wholeEncoded;

    @BeforeAll
    static void prepare() throws Exception {
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(TestDatasets.bikeshare()), "--name", "bikes",
                "--store", work.resolve("store").toString());
        assertThat(prepared.exitCode()).isZero();
        snapshot = Snapshot.open(StoreLocation.parse(prepared.result().uri(), work));
        whole = snapshot.split(ArtifactFiles.TRAIN_SPLIT);
        encoder = new FeatureEncoder(FeatureEncoder.manifestFeatures(snapshot.profile()));
        wholeEncoded = encoder.encode(whole);
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {2, 3, 7})
    void shardKOfNHoldsTheRowsIModNEqualKAndEncodesThemAsTheWholeSplitDoes(int count) throws Exception {
        int width = encoder.width();
        int total = 0;
        for (int k = 0; k < count; k++) {
            Table shard = snapshot.split(ArtifactFiles.TRAIN_SPLIT, new Shard(k, count));
            assertThat(shard.rows()).as("shard %d of %d", k, count).isEqualTo((whole.rows() - k + count - 1) / count);
            float[] encoded = encoder.encode(shard);
            for (int j = 0; j < shard.rows(); j++) {
                int row = k + j * count;
                assertThat(shard.label().get(j)).isEqualTo(whole.label().get(row));
                for (int f = 0; f < shard.features().size(); f++) {
                    assertThat(shard.features().get(f).format(j)).as("feature %d of row %d", f, row).isEqualTo(whole.features().get(f).format(row));
                }
                assertThat(Arrays.copyOfRange(encoded, j * width, (j + 1) * width)).as("encoded row %d in shard %d of %d", row, k, count)
                        .containsExactly(Arrays.copyOfRange(wholeEncoded, row * width, (row + 1) * width));
            }
            total += shard.rows();
        }
        assertThat(total).as("every row in one shard").isEqualTo(whole.rows());
    }

    @Test
    void aShardMeetsItsCategoriesInAnotherOrderThanTheWholeSplit() throws Exception {
        // Why the codes must come from the profile: a shard's own dictionary (order of first appearance) differs.
        Table shard = snapshot.split(ArtifactFiles.TRAIN_SPLIT, new Shard(1, 2));
        boolean differs = false;
        for (int f = 0; f < whole.features().size(); f++) {
            Column column = whole.features().get(f);
            if (column instanceof CategoricalColumn categorical) {
                differs |= !categorical.dictionary().equals(((CategoricalColumn) shard.features().get(f)).dictionary());
            }
        }
        assertThat(differs).isTrue();
    }
}
