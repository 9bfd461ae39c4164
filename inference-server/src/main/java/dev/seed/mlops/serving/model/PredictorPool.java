package dev.seed.mlops.serving.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoopTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * DJL predictors are not thread-safe, so each call borrows one. The pool grows to the number of threads
 * that ever predicted at once (the event loops and workers), never more.
 */
final class PredictorPool implements AutoCloseable {

    private final Model model;
    private final ConcurrentLinkedQueue<Predictor<NDList, NDList>> idle = new ConcurrentLinkedQueue<>();
    private final List<Predictor<NDList, NDList>> all = new ArrayList<>();

    PredictorPool(Model model) {
        this.model = model;
    }

    Predictor<NDList, NDList> borrow() {
        Predictor<NDList, NDList> predictor = idle.poll();
        if (predictor != null) {
            return predictor;
        }
        predictor = model.newPredictor(new NoopTranslator());
        synchronized (all) {
            all.add(predictor);
        }
        return predictor;
    }

    void giveBack(Predictor<NDList, NDList> predictor) {
        idle.offer(predictor);
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(Predictor::close);
            all.clear();
        }
        idle.clear();
    }
}
