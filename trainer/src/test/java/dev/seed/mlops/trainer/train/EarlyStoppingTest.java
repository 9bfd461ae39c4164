package dev.seed.mlops.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceRoundsWithoutImprovementAndKeepsTheFirstBest() {
        EarlyStopping stopping = new EarlyStopping(false, 2);
        assertThat(stopping.record(0, 0.5)).isTrue();
        assertThat(stopping.record(1, 0.4)).isTrue();
        assertThat(stopping.record(2, 0.4)).isFalse();
        assertThat(stopping.shouldStop(2)).isFalse();
        assertThat(stopping.record(3, 0.45)).isFalse();
        assertThat(stopping.shouldStop(3)).isTrue();
        assertThat(stopping.bestRound()).isEqualTo(1);
        assertThat(stopping.bestScore()).isEqualTo(0.4);
    }

    @Test
    void higherIsBetterForAuc() {
        EarlyStopping stopping = new EarlyStopping(true, 1);
        stopping.record(0, 0.7);
        assertThat(stopping.record(1, 0.8)).isTrue();
        assertThat(stopping.record(2, 0.75)).isFalse();
        assertThat(stopping.shouldStop(2)).isTrue();
    }

    @Test
    void parsesTheLastMetricOfAnEvaluationLine() {
        EvalLine line = EvalLine.parseLast("[12]\tvalidation-logloss:0.2113\tvalidation-auc:0.81", "validation");
        assertThat(line.metric()).isEqualTo("auc");
        assertThat(line.value()).isEqualTo(0.81);
        assertThat(line.higherIsBetter()).isTrue();
        assertThat(EvalLine.parseLast("[0]\tvalidation-rmse:12.5", "validation").higherIsBetter()).isFalse();
        assertThat(new EvalLine("ndcg@5", 0.3).higherIsBetter()).isTrue();
    }
}
