package dev.seed.mlops.serving.routing;

import dev.seed.mlops.serving.model.ServedModel;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Mirrors requests the client already has its answer to (HTTP here, other protocols through a send function), and
 * compares the target's answer with the local one.
 * At most {@code maxInFlight} mirrors are outstanding; over that a mirror is dropped and counted, so a slow or
 * stalled target costs neither memory nor client latency. Runs on the event loop of the request it mirrors.
 */
public final class ShadowMirror implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ShadowMirror.class);

    private final Forwarder forwarder;
    private final ShadowStats stats;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public ShadowMirror(Forwarder forwarder, ShadowStats stats, int maxInFlight) {
        this.forwarder = forwarder;
        this.stats = stats;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Mirrors an HTTP request.
     *
     * @param local     the predictions the client got for this request's {@code rows}
     * @param requestId the id the client got, under which the target logs its prediction too
     */
    public void mirror(RoutingTable table, HttpServerRequest request, Buffer body, String requestId, ServedModel model,
            float[] local, int rows, AnswerReader reader) {
        mirror(table, model, local, rows, () -> forwarder.send(table.target(), request, body, requestId).map(answer -> {
            if (answer.status() / 100 != 2) {
                throw new IllegalStateException("status " + answer.status());
            }
            return answer.body();
        }), answer -> reader.predictions(answer, rows, model.outputWidth()));
    }

    /**
     * Mirrors through any protocol, under the same bound and into the same statistics as HTTP mirrors.
     *
     * @param send   starts the mirror; a failed future is a mirror without a usable answer
     * @param reader the shadow's predictions in the target's answer
     */
    public <A> void mirror(RoutingTable table, ServedModel model, float[] local, int rows,
            Supplier<Future<A>> send, ShadowAnswerReader<A> reader) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            stats.dropped();
            return;
        }
        stats.mirrored();
        send.get().onComplete(result -> {
            inFlight.decrementAndGet();
            if (result.failed()) {
                fail("no usable answer: " + result.cause());
            } else {
                compare(table, model, local, rows, reader, result.result());
            }
        });
    }

    /** Reads the shadow's predictions out of its answer. */
    @FunctionalInterface
    public interface ShadowAnswerReader<A> {
        float[] predictions(A answer) throws Exception;
    }

    private <A> void compare(RoutingTable table, ServedModel model, float[] local, int rows,
            ShadowAnswerReader<A> reader, A answer) {
        String task = model.artifact().manifest().task();
        try {
            float[] shadow = reader.predictions(answer);
            stats.add(ShadowComparison.compare(task, model.outputWidth(), table.agreementTolerance(), local, shadow,
                    rows), task, model.outputWidth());
        } catch (Exception e) {
            fail("unreadable answer: " + e.getMessage());
        }
    }

    private void fail(String why) {
        stats.failed();
        LOG.debugf("mirror failed: %s", why);
    }

    /** Mirrors outstanding now. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        forwarder.close();
    }
}
