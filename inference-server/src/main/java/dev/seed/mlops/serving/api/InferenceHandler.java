package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.Serving;
import dev.seed.mlops.serving.model.InvalidInputException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * One predict or infer request, whatever the protocol: decode, predict, count for drift, answer, measure
 * (from the complete body to the answer).
 * It runs on the event loop: prediction is CPU work of microseconds, and a hand-off to a worker would cost
 * more than it. Every failure of the request's own making becomes a 4xx with a JSON explanation.
 */
final class InferenceHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(InferenceHandler.class);

    private final InferenceProtocol protocol;
    private final ModelHost host;
    private final ModelLookup lookup;
    private final int maxRows;

    InferenceHandler(InferenceProtocol protocol, ModelHost host, int maxRows) {
        this.protocol = protocol;
        this.host = host;
        this.lookup = new ModelLookup(host);
        this.maxRows = maxRows;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        int status;
        try {
            answer(ctx);
            status = 200;
        } catch (ApiError e) {
            status = e.status();
            Responses.error(ctx, e);
        } catch (InvalidInputException e) {
            status = 400;
            Responses.error(ctx, status, e.reason(), e.getMessage());
        } catch (JsonProcessingException e) {
            status = 400;
            Responses.error(ctx, status, "MalformedJson", "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException | RuntimeException e) {
            status = 500;
            LOG.errorf(e, "predict failed on %s", ctx.request().path());
            Responses.error(ctx, status, "InternalError", "the server failed to predict: " + e.getMessage());
        }
        long nanos = System.nanoTime() - started;
        int code = status;
        host.serving().ifPresent(serving -> serving.metrics().request(code, nanos));
    }

    private void answer(RoutingContext ctx) throws IOException {
        Serving serving = lookup.require(ctx);
        Buffer body = ctx.body().buffer();
        InferenceProtocol.Request request = protocol.decode(body == null ? new byte[0] : body.getBytes(),
                serving.model().schema(), maxRows);
        float[] predictions = serving.model().predict(request.batch());
        serving.drift().record(request.batch(), predictions);
        Responses.json(ctx, 200, protocol.encode(request, serving.model(), predictions));
        serving.metrics().rowsPredicted(request.batch().rows());
    }

    /** Counts a request refused before it reached {@link #handle}, e.g. a body over the size limit. */
    void rejected(int status) {
        host.serving().ifPresent(serving -> serving.metrics().rejected(status));
    }
}
