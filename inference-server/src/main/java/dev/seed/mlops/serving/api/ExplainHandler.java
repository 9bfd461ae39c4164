package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.Serving;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.InvalidInputException;
import dev.seed.mlops.serving.model.ServedModel;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * V1 {@code :explain} and V2 {@code /explain}: the request body of predict / infer, answered with each row's
 * per-feature contributions (XGBoost's TreeSHAP) and the bias, which add up to the row's margin. TreeSHAP costs
 * far more than a prediction, so it runs on a worker thread, for at most {@code mlops.http.max-explain-rows} rows.
 */
final class ExplainHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(ExplainHandler.class);

    private final InferenceProtocol protocol;
    private final boolean v2;
    private final ModelLookup lookup;
    private final ServingConfig.Http limits;

    ExplainHandler(InferenceProtocol protocol, ModelHost host, ServingConfig.Http limits) {
        this.protocol = protocol;
        this.v2 = protocol instanceof V2Protocol;
        this.lookup = new ModelLookup(host);
        this.limits = limits;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ServedModel model;
        InferenceProtocol.Request request;
        try {
            model = lookup.require(ctx).model();
            request = decode(ctx, model);
        } catch (ApiError e) {
            Responses.error(ctx, e);
            return;
        } catch (InvalidInputException e) {
            Responses.error(ctx, 400, e.reason(), e.getMessage());
            return;
        } catch (JsonProcessingException e) {
            Responses.error(ctx, 400, "MalformedJson", "the body is not valid JSON: " + e.getOriginalMessage());
            return;
        } catch (IOException e) {
            Responses.error(ctx, 400, "BadRequest", "the request could not be read: " + e.getMessage());
            return;
        }
        ctx.vertx().<float[]>executeBlocking(() -> model.explainer().explain(model.modelInput(request.batch()), request.batch().rows()), false)
                .onSuccess(contributions -> Responses.reply(ctx, InferenceProtocol.Reply.json(v2
                        ? writeV2(request, model, contributions) : writeV1(request, model, contributions))))
                .onFailure(e -> {
                    LOG.errorf(e, "explain failed on %s", ctx.request().path());
                    Responses.error(ctx, 500, "InternalError", "the server failed to explain: " + e.getMessage());
                });
    }

    private InferenceProtocol.Request decode(RoutingContext ctx, ServedModel model) throws IOException {
        if (!model.explainer().available()) {
            throw ApiError.badRequest("NotExplainable", "explanations are computed for XGBoost models; model '"
                    + model.name() + "' is " + model.artifact().manifest().format());
        }
        InferenceProtocol.Request request = RequestBodies.decode(ctx, protocol, model.schema(), limits);
        if (request.batch().rows() > limits.maxExplainRows()) {
            throw ApiError.badRequest("TooManyRows", request.batch().rows() + " rows to explain; an explanation"
                    + " takes at most " + limits.maxExplainRows() + " rows (TreeSHAP costs far more than a"
                    + " prediction): send them in smaller requests");
        }
        return request;
    }

    /**
     * {@code {"feature_names": [...], "explanations": [{"contributions": {feature: value}, "bias": value}]}}, and for
     * a multiclass model one such object per class under {@code "classes"} of each row.
     */
    private static Buffer writeV1(InferenceProtocol.Request request, ServedModel model, float[] contributions) {
        FeatureSchema schema = model.modelSchema();
        int outputs = model.outputWidth();
        int features = schema.size();
        return Json.write(json -> {
            json.writeStartObject();
            writeFeatureNames(json, schema, false);
            json.writeArrayFieldStart("explanations");
            for (int row = 0; row < request.batch().rows(); row++) {
                json.writeStartObject();
                if (outputs > 1) {
                    json.writeArrayFieldStart("classes");
                }
                for (int output = 0; output < outputs; output++) {
                    int at = (row * outputs + output) * (features + 1);
                    if (outputs > 1) {
                        json.writeStartObject();
                    }
                    json.writeObjectFieldStart("contributions");
                    for (int f = 0; f < features; f++) {
                        json.writeNumberField(schema.name(f), contributions[at + f]);
                    }
                    json.writeEndObject();
                    json.writeNumberField("bias", contributions[at + features]);
                    if (outputs > 1) {
                        json.writeEndObject();
                    }
                }
                if (outputs > 1) {
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * A V2 answer with one output, {@code contributions}, FP32 of shape [rows, features + 1] (or [rows, classes,
     * features + 1]); {@code feature_names} names its last axis, the bias last.
     */
    private static Buffer writeV2(InferenceProtocol.Request request, ServedModel model, float[] contributions) {
        int rows = request.batch().rows();
        int outputs = model.outputWidth();
        return Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("model_name", model.name());
            json.writeStringField("model_version", model.version());
            if (request.id() != null) {
                json.writeStringField("id", request.id());
            }
            writeFeatureNames(json, model.modelSchema(), true);
            json.writeArrayFieldStart("outputs");
            json.writeStartObject();
            json.writeStringField("name", "contributions");
            json.writeStringField("datatype", "FP32");
            json.writeArrayFieldStart("shape");
            json.writeNumber(rows);
            if (outputs > 1) {
                json.writeNumber(outputs);
            }
            json.writeNumber(model.modelSchema().size() + 1);
            json.writeEndArray();
            json.writeArrayFieldStart("data");
            for (int i = 0; i < rows * model.explainer().width(); i++) {
                json.writeNumber(contributions[i]);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeFeatureNames(JsonGenerator json, FeatureSchema schema, boolean withBias) throws IOException {
        json.writeArrayFieldStart("feature_names");
        for (String name : schema.names()) {
            json.writeString(name);
        }
        if (withBias) {
            json.writeString("bias");
        }
        json.writeEndArray();
    }
}
