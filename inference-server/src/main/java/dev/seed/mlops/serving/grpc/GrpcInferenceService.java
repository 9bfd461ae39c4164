package dev.seed.mlops.serving.grpc;

import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.ModelResolver;
import dev.seed.mlops.serving.Serving;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.grpc.protocol.GRPCInferenceServiceGrpc;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelInferResponse;
import dev.seed.mlops.serving.grpc.protocol.ModelMetadataRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelMetadataResponse;
import dev.seed.mlops.serving.grpc.protocol.ModelReadyRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelReadyResponse;
import dev.seed.mlops.serving.grpc.protocol.ServerLiveRequest;
import dev.seed.mlops.serving.grpc.protocol.ServerLiveResponse;
import dev.seed.mlops.serving.grpc.protocol.ServerMetadataRequest;
import dev.seed.mlops.serving.grpc.protocol.ServerMetadataResponse;
import dev.seed.mlops.serving.grpc.protocol.ServerReadyRequest;
import dev.seed.mlops.serving.grpc.protocol.ServerReadyResponse;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.predictionlog.PredictionLog;
import dev.seed.mlops.serving.routing.Routing;
import dev.seed.mlops.serving.routing.RoutingTable;
import dev.seed.mlops.serving.tensor.TensorBatches;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Open Inference Protocol's gRPC service (inference.GRPCInferenceService) on the gRPC port. ModelInfer follows
 * the routing as HTTP infer does (docs/routing.md): a stable pod forwards the step's share to the canary's gRPC port
 * and mirrors the shadow share after answering; every call answered here is counted, timed, recorded for drift and
 * refused with the status of its HTTP equivalent, in the same metrics as HTTP. Calls run on the event loop:
 * prediction is microseconds of CPU, less than a hand-off to a worker would cost.
 */
@GrpcService
public class GrpcInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger LOG = Logger.getLogger(GrpcInferenceService.class);

    private final ModelHost host;
    private final ModelResolver models;
    private final Routing routing;
    private final GrpcRoutingClients clients;
    private final PredictionLog log;
    private final int maxRows;
    private final String serverVersion;

    public GrpcInferenceService(ModelHost host, ServingConfig config, Routing routing, GrpcRoutingClients clients,
            PredictionLog log, @ConfigProperty(name = "quarkus.application.version") String serverVersion) {
        this.host = host;
        this.models = new ModelResolver(host);
        this.routing = routing;
        this.clients = clients;
        this.log = log;
        this.maxRows = config.http().maxRows();
        this.serverVersion = serverVersion;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> answer) {
        reply(answer, ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> answer) {
        reply(answer, ServerReadyResponse.newBuilder().setReady(host.isReady()).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> answer) {
        try {
            models.require(request.getName(), request.getVersion());
            reply(answer, ModelReadyResponse.newBuilder().setReady(host.isReady()).build());
        } catch (RuntimeException e) {
            answer.onError(GrpcErrors.toStatus(e));
        }
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> answer) {
        reply(answer, ServerMetadataResponse.newBuilder().setName("mlops-inference-server")
                .setVersion(serverVersion).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> answer) {
        try {
            reply(answer, ModelDescription.of(models.require(request.getName(), request.getVersion()).model()));
        } catch (RuntimeException e) {
            answer.onError(GrpcErrors.toStatus(e));
        }
    }

    @Override
    public void modelInfer(ModelInferRequest sent, StreamObserver<ModelInferResponse> answer) {
        long started = System.nanoTime();
        RoutingTable table = routing.table();
        // Calls that come from another pod are answered here: the loop guard.
        boolean routed = table.grpcTarget() != null && !ForwardedCalls.current();
        // Every call has an id (the client's, else a new one), decided before it may be forwarded or mirrored.
        ModelInferRequest request = sent.getId().isEmpty() ? sent.toBuilder().setId(log.newId()).build() : sent;
        if (routed && table.forward().next()) {
            forward(request, answer, table, started);
        } else {
            routing.requests().local();
            answerLocally(request, answer, routed ? table : RoutingTable.UNROUTED, started);
        }
    }

    /** The target answers (or refuses the client's mistake); if it fails or cannot be reached, this pod answers. */
    private void forward(ModelInferRequest request, StreamObserver<ModelInferResponse> answer, RoutingTable table,
            long started) {
        clients.forwarder().send(table.grpcTarget(), request).onComplete(result -> {
            if (result.succeeded() || !GrpcForwarder.targetFailed(result.cause())) {
                routing.requests().forwarded();
                if (result.succeeded()) {
                    reply(answer, result.result());
                } else {
                    answer.onError(result.cause());
                }
            } else {
                routing.requests().fallback();
                LOG.debugf("gRPC forward to %s failed, answering locally: %s", table.grpcTarget(), result.cause());
                answerLocally(request, answer, table, started);
            }
        });
    }

    /** @param table the routing whose shadow share this call counts towards */
    private void answerLocally(ModelInferRequest request, StreamObserver<ModelInferResponse> answer,
            RoutingTable table, long started) {
        int status = 200;
        try {
            Serving serving = models.require(request.getModelName(), request.getModelVersion());
            FeatureBatch batch = TensorBatches.toBatch(InferInputs.read(request), serving.model().schema(), maxRows);
            float[] modelInput = serving.model().modelInput(batch);
            float[] predictions = serving.model().predict(modelInput, batch.rows());
            serving.drift().record(batch, modelInput, predictions);
            reply(answer, InferOutputs.answer(request, serving.model(), predictions, batch.rows()));
            serving.metrics().predicted(predictions, batch.rows());
            log.predicted(request.getId(), serving.model(), batch, predictions);
            // After the answer was handed to the call: the mirror cannot delay it.
            if (table.shadow().next()) {
                clients.mirror(table, request, serving.model(), predictions, batch.rows());
            }
        } catch (RuntimeException e) {
            status = GrpcErrors.httpStatus(e);
            if (status >= 500 && status != 503) {
                LOG.errorf(e, "gRPC ModelInfer failed");
            }
            answer.onError(GrpcErrors.toStatus(e));
        }
        long nanos = System.nanoTime() - started;
        int code = status;
        host.serving().ifPresent(current -> current.metrics().request(code, nanos));
    }

    private static <A> void reply(StreamObserver<A> observer, A answer) {
        observer.onNext(answer);
        observer.onCompleted();
    }
}
