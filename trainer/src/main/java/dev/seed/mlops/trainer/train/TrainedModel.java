package dev.seed.mlops.trainer.train;

/**
 * A trained booster, serialized.
 *
 * @param model      the model in XGBoost's UBJSON format, as written to model.xgb
 * @param rounds     trees per class in the model
 * @param stopMetric the validation metric early stopping watched, or null without validation
 * @param stopScore  that metric's value for the kept model, or NaN
 */
public record TrainedModel(byte[] model, int rounds, String stopMetric, double stopScore) {
}
