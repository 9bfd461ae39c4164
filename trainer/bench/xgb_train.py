"""Trains Python XGBoost on a trainer snapshot's splits with the parameters the Java trainer got; prints JSON.

Usage: xgb_train.py SNAPSHOT_DIR PARAMS_JSON NUM_ROUND EARLY_STOPPING_ROUNDS
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb


def auc(labels, scores):
    """ROC AUC with ties counted half (average ranks), as the Java trainer computes it."""
    ranks = pd.Series(scores).rank(method="average").to_numpy()
    positives = labels == 1
    n_pos = positives.sum()
    n_neg = len(labels) - n_pos
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def matrix(frame):
    """Label in the first column, features after it, as the trainer writes its splits."""
    return xgb.DMatrix(frame.iloc[:, 1:].to_numpy(np.float32), label=frame.iloc[:, 0].to_numpy(np.float32), missing=np.nan)


def main():
    snapshot, params, num_round, early_stopping = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    started = time.perf_counter()
    frames = {name: pd.read_csv(f"{snapshot}/{name}.csv") for name in ("train", "validation", "test")}
    loaded = time.perf_counter()
    train, validation = (matrix(frames[name]) for name in ("train", "validation"))
    booster = xgb.train(params, train, num_boost_round=num_round, evals=[(validation, "validation")],
                        early_stopping_rounds=early_stopping, verbose_eval=False)
    trained = time.perf_counter()
    best = booster.best_iteration
    predictions = booster.predict(matrix(frames["test"]), iteration_range=(0, best + 1))
    print(json.dumps({
        "xgboost": xgb.__version__,
        "load_seconds": loaded - started,
        "train_seconds": trained - loaded,
        "rounds": best + 1,
        "auc": auc(frames["test"].iloc[:, 0].to_numpy(), predictions),
    }))


if __name__ == "__main__":
    main()
