"""Optuna driving Python XGBoost over the same space, trial count and splits as the operator's search; prints JSON.

Each trial trains with early stopping on the validation split's log loss (as the Java trainer does) and is judged by
the AUC of its predictions on the validation split (the objective of the TrainingJob's search).

Usage: optuna_search.py SNAPSHOT_DIR SEARCH_JSON BASE_PARAMS_JSON SAMPLER(tpe|random)
"""
import json
import math
import sys
import time

import numpy as np
import optuna
import pandas as pd
import xgboost as xgb

from xgb_train import auc, matrix


def suggest(trial, name, space):
    if "values" in space:
        return trial.suggest_categorical(name, space["values"])
    log = space.get("scale") == "log"
    if space.get("type") == "integer":
        return trial.suggest_int(name, int(space["min"]), int(space["max"]), log=log)
    return trial.suggest_float(name, space["min"], space["max"], log=log)


def main():
    snapshot, search, base, sampler_name = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
    started = time.perf_counter()
    frames = {name: pd.read_csv(f"{snapshot}/{name}.csv") for name in ("train", "validation")}
    train, validation = matrix(frames["train"]), matrix(frames["validation"])
    labels = frames["validation"].iloc[:, 0].to_numpy()
    num_round = int(base.pop("num_round"))
    early_stopping = int(base.pop("early_stopping_rounds"))

    def objective(trial):
        params = dict(base)
        params.update({name: suggest(trial, name, space) for name, space in sorted(search["space"].items())})
        booster = xgb.train(params, train, num_boost_round=num_round, evals=[(validation, "validation")],
                            early_stopping_rounds=early_stopping, verbose_eval=False)
        return auc(labels, booster.predict(validation, iteration_range=(0, booster.best_iteration + 1)))

    sampler = optuna.samplers.TPESampler(seed=1) if sampler_name == "tpe" else optuna.samplers.RandomSampler(seed=1)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=sampler)
    study.optimize(objective, n_trials=search["maxTrials"])
    print(json.dumps({"optuna": optuna.__version__, "xgboost": xgb.__version__, "sampler": sampler_name,
                      "seconds": time.perf_counter() - started, "best_auc": study.best_value, "best_params": study.best_params}))


if __name__ == "__main__":
    main()
