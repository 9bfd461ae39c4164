package dev.seed.mlops.trainer.train;

/** Tracks the best validation score and says when it has not improved for {@code patience} rounds. */
public final class EarlyStopping {
    private final boolean maximize;
    private final int patience;
    private double bestScore = Double.NaN;
    private int bestRound = -1;

    public EarlyStopping(boolean maximize, int patience) {
        this.maximize = maximize;
        this.patience = patience;
    }

    /** Records a round's score; true when it is the best so far (ties keep the earlier, smaller model). */
    public boolean record(int round, double score) {
        boolean better = bestRound < 0 || (maximize ? score > bestScore : score < bestScore);
        if (better) {
            bestScore = score;
            bestRound = round;
        }
        return better;
    }

    public boolean shouldStop(int round) {
        return patience > 0 && bestRound >= 0 && round - bestRound >= patience;
    }

    public int bestRound() {
        return bestRound;
    }

    public double bestScore() {
        return bestScore;
    }
}
