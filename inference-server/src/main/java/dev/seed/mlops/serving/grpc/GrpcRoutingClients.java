package dev.seed.mlops.serving.grpc;

import dev.seed.mlops.serving.tensor.TensorBatches;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelInferResponse;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.routing.Routing;
import dev.seed.mlops.serving.routing.RoutingClients;
import dev.seed.mlops.serving.routing.RoutingTable;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The gRPC clients of routing: one channel for forwarded calls and one for mirrors, so mirrors never hold up
 * forwards. Mirrors go through HTTP's {@link dev.seed.mlops.serving.routing.ShadowMirror}: one bound on mirrors in
 * flight and one set of shadow statistics, whatever the protocol of the mirrored request.
 */
@ApplicationScoped
public class GrpcRoutingClients {

    private final GrpcForwarder forwarder;
    private final GrpcForwarder mirrors;
    private final RoutingClients http;

    public GrpcRoutingClients(Vertx vertx, ServingConfig config, Routing routing, RoutingClients http) {
        ServingConfig.Routing settings = config.routing();
        this.forwarder = new GrpcForwarder(vertx, routing.ownVersion(), settings.forwardTimeout(), false);
        this.mirrors = new GrpcForwarder(vertx, routing.ownVersion(), settings.shadowTimeout(), true);
        this.http = http;
    }

    GrpcForwarder forwarder() {
        return forwarder;
    }

    /** Mirrors a call whose client got {@code local} for its {@code rows}, and compares the answers. */
    void mirror(RoutingTable table, ModelInferRequest request, ServedModel model, float[] local, int rows) {
        http.mirror().mirror(table, model, local, rows, () -> mirrors.send(table.grpcTarget(), request),
                answer -> predictions(answer, rows * model.outputWidth()));
    }

    /** The {@value TensorBatches#OUTPUT} output of an answer, raw or typed. */
    static float[] predictions(ModelInferResponse answer, int count) {
        for (int i = 0; i < answer.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor output = answer.getOutputs(i);
            if (!TensorBatches.OUTPUT.equals(output.getName())) {
                continue;
            }
            float[] values = new float[count];
            if (i < answer.getRawOutputContentsCount()) {
                ByteBuffer raw = answer.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                if (raw.remaining() != count * Float.BYTES) {
                    throw new IllegalArgumentException("output " + TensorBatches.OUTPUT + " has " + raw.remaining()
                            + " bytes, not " + count * Float.BYTES);
                }
                raw.asFloatBuffer().get(values);
            } else {
                if (output.getContents().getFp32ContentsCount() != count) {
                    throw new IllegalArgumentException("output " + TensorBatches.OUTPUT + " has "
                            + output.getContents().getFp32ContentsCount() + " values, not " + count);
                }
                for (int v = 0; v < count; v++) {
                    values[v] = output.getContents().getFp32Contents(v);
                }
            }
            return values;
        }
        throw new IllegalArgumentException("the answer has no output " + TensorBatches.OUTPUT);
    }

    void onStop(@Observes ShutdownEvent event) {
        forwarder.close();
        mirrors.close();
    }
}
