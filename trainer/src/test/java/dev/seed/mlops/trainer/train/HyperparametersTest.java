package dev.seed.mlops.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.trainer.TrainerException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

    @Test
    void defaultsPerTask() {
        Hyperparameters binary = Hyperparameters.of(Map.of(), TaskType.binary, 2);
        assertThat(binary.rounds()).isEqualTo(100);
        assertThat(binary.earlyStoppingRounds()).isEqualTo(10);
        assertThat(binary.xgboost()).containsEntry("objective", "binary:logistic").containsEntry("tree_method", "hist")
                .containsEntry("nthread", Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertThat(Hyperparameters.of(Map.of(), TaskType.multiclass, 5).xgboost())
                .containsEntry("objective", "multi:softprob").containsEntry("num_class", "5");
    }

    @Test
    void trainerKeysAreTakenOutAndTheRestPassedOn() {
        Hyperparameters parameters = Hyperparameters.of(
                Map.of("num_round", "250", "early_stopping_rounds", "0", "max_depth", "8", "tree_method", "exact"),
                TaskType.regression, 1);
        assertThat(parameters.rounds()).isEqualTo(250);
        assertThat(parameters.earlyStoppingRounds()).isZero();
        assertThat(parameters.xgboost()).containsEntry("max_depth", "8").containsEntry("tree_method", "exact")
                .doesNotContainKeys("num_round", "early_stopping_rounds");
    }

    @Test
    void badValuesAreExplained() {
        assertThatThrownBy(() -> Hyperparameters.of(Map.of("num_round", "lots"), TaskType.binary, 2))
                .isInstanceOf(TrainerException.class).hasMessageContaining("num_round must be an integer from 1");
        assertThatThrownBy(() -> Hyperparameters.of(Map.of("objective", "multi:softmax"), TaskType.binary, 2))
                .hasMessageContaining("does not fit a binary task").hasMessageContaining("binary:logistic");
    }

    @Test
    void anUnknownNameIsRefusedWithTheNearestKnownOneAndTheList() {
        assertThatThrownBy(() -> Hyperparameters.of(Map.of("max_detph", "4"), TaskType.binary, 2))
                .isInstanceOf(TrainerException.class)
                .hasMessageContaining("unknown hyperparameter 'max_detph'")
                .hasMessageContaining("did you mean max_depth?")
                .hasMessageContaining("num_round").hasMessageContaining("colsample_bytree");
    }

    @Test
    void xgboostAliasesAndTheTrainersOwnNamesAreKnown() {
        Hyperparameters parameters = Hyperparameters.of(Map.of("learning_rate", "0.1", "reg_lambda", "2",
                "min_split_loss", "0.5", "num_round", "5"), TaskType.binary, 2);
        assertThat(parameters.xgboost()).containsEntry("learning_rate", "0.1");
    }
}
