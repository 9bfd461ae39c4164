package dev.seed.mlops.serving.api;

import dev.seed.mlops.serving.tensor.TensorBatches;
import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.Serving;
import dev.seed.mlops.serving.drift.DriftReport;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ServedModel;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.routing.Routing;
import dev.seed.mlops.serving.routing.RoutingCounters;
import dev.seed.mlops.serving.routing.RoutingTable;
import dev.seed.mlops.serving.routing.ShadowStats;
import io.vertx.core.buffer.Buffer;
import org.eclipse.microprofile.config.ConfigProvider;
import io.vertx.ext.web.RoutingContext;

/** The read-only endpoints: health, model readiness and metadata (V1 and V2), drift and routing. */
final class ModelEndpoints {

    private static final String SERVER_NAME = "mlops-inference-server";
    private static final String SERVER_VERSION = ConfigProvider.getConfig()
            .getOptionalValue("quarkus.application.version", String.class).orElse("unknown");

    private final ModelHost host;
    private final ModelLookup lookup;
    private final ObjectMapper mapper;
    private final Routing routing;

    ModelEndpoints(ModelHost host, ObjectMapper mapper, Routing routing) {
        this.host = host;
        this.lookup = new ModelLookup(host);
        this.mapper = mapper;
        this.routing = routing;
    }

    void live(RoutingContext ctx) {
        Responses.json(ctx, 200, Buffer.buffer("{\"live\":true}"));
    }

    /** KServe V1 server liveness, {@code GET /}. */
    void v1Live(RoutingContext ctx) {
        Responses.json(ctx, 200, Buffer.buffer("{\"status\":\"alive\"}"));
    }

    /** V2 server metadata, {@code GET /v2}: the extensions are the optional parts of the protocol served. */
    void serverMetadata(RoutingContext ctx) {
        Responses.json(ctx, 200, Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("name", SERVER_NAME);
            json.writeStringField("version", SERVER_VERSION);
            json.writeArrayFieldStart("extensions");
            json.writeString("binary_tensor_data");
            json.writeString("explain");
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    /** KServe V1 model list, {@code GET /v1/models}: the one model this server serves, once it is loaded. */
    void v1Models(RoutingContext ctx) {
        Responses.json(ctx, 200, Json.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("models");
            if (host.serving().isPresent()) {
                json.writeString(host.serving().get().model().name());
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    /** 200 once the model answered its warm-up prediction, 503 before that and while shutting down. */
    void ready(RoutingContext ctx) {
        boolean ready = host.isReady();
        Responses.json(ctx, ready ? 200 : 503, Buffer.buffer("{\"ready\":" + ready + "}"));
    }

    void modelReady(RoutingContext ctx) {
        answer(ctx, serving -> {
            boolean ready = host.isReady();
            Responses.json(ctx, ready ? 200 : 503, Json.write(json -> {
                json.writeStartObject();
                json.writeStringField("name", serving.model().name());
                json.writeBooleanField("ready", ready);
                json.writeEndObject();
            }));
        });
    }

    /** V2 model metadata: the inputs a client can send (one per feature) and the output. */
    void metadata(RoutingContext ctx) {
        answer(ctx, serving -> {
            ServedModel model = serving.model();
            FeatureSchema schema = model.schema();
            Responses.json(ctx, 200, Json.write(json -> {
                json.writeStartObject();
                json.writeStringField("name", model.name());
                json.writeArrayFieldStart("versions");
                json.writeString(model.version());
                json.writeEndArray();
                json.writeStringField("platform", model.artifact().manifest().format());
                json.writeArrayFieldStart("inputs");
                for (int f = 0; f < schema.size(); f++) {
                    json.writeStartObject();
                    json.writeStringField("name", schema.name(f));
                    json.writeStringField("datatype", schema.isCategorical(f) ? "BYTES" : "FP32");
                    json.writeArrayFieldStart("shape");
                    json.writeNumber(-1);
                    json.writeEndArray();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("outputs");
                json.writeStartObject();
                json.writeStringField("name", TensorBatches.OUTPUT);
                json.writeStringField("datatype", "FP32");
                json.writeArrayFieldStart("shape");
                json.writeNumber(-1);
                if (model.outputWidth() > 1) {
                    json.writeNumber(model.outputWidth());
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
            }));
        });
    }

    void drift(RoutingContext ctx) {
        answer(ctx, serving -> {
            ServedModel model = serving.model();
            DriftReport report = serving.drift().report();
            Responses.json(ctx, 200, Buffer.buffer(mapper.writerFor(ModelDrift.class)
                    .writeValueAsBytes(new ModelDrift(model.name(), model.version(), report))));
        });
    }

    /** The drift endpoint's body: which model, then the report. */
    record ModelDrift(String model, String version, @JsonUnwrapped DriftReport drift) {
    }

    /** The routing in force and what it did, cumulative since start (docs/routing.md); read-only. */
    void routing(RoutingContext ctx) {
        answer(ctx, serving -> {
            RoutingTable table = routing.table();
            RoutingReport report = new RoutingReport(serving.model().name(), versionValue(serving.model().version()),
                    table.role().id(), routing.synced(), table.revision(),
                    table.document() == null ? null : table.document().json(), routing.requests().snapshot(),
                    routing.shadow().snapshot());
            Responses.json(ctx, 200, Buffer.buffer(mapper.writerFor(RoutingReport.class).writeValueAsBytes(report)));
        });
    }

    /** Versions are numbers in the routing document; one that is not stays a string. */
    private static Object versionValue(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return version;
        }
    }

    /** The routing endpoint's body. */
    record RoutingReport(String model, Object version, String role, boolean synced, String configRevision,
            JsonNode routing, RoutingCounters.Snapshot requests, ShadowStats.Snapshot shadow) {
    }

    private void answer(RoutingContext ctx, Answer answer) {
        try {
            answer.write(lookup.require(ctx));
        } catch (ApiError e) {
            Responses.error(ctx, e);
        } catch (Exception e) {
            ctx.fail(e);
        }
    }

    @FunctionalInterface
    private interface Answer {
        void write(Serving serving) throws Exception;
    }
}
