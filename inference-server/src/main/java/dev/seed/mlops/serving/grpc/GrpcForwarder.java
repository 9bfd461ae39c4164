package dev.seed.mlops.serving.grpc;

import dev.seed.mlops.serving.grpc.protocol.GRPCInferenceServiceGrpc;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelInferResponse;
import dev.seed.mlops.serving.routing.Address;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.VertxChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends a ModelInfer call on to another version's gRPC Service, asynchronously, over one kept-open HTTP/2 channel to
 * the current target (on the application's Vert.x event loops), with {@code mlops-forwarded: <own version>} and, for mirrors,
 * {@code mlops-shadow: true}. Each call has the timeout as its deadline.
 */
final class GrpcForwarder implements AutoCloseable {

    private final Vertx vertx;
    private final Metadata headers = new Metadata();
    private final long timeoutMillis;
    private final boolean shadow;
    /** The channel to the current target; a new target (a new rollout) replaces it. */
    private Target current;

    private record Target(Address address, ManagedChannel channel) {
    }

    GrpcForwarder(Vertx vertx, String ownVersion, Duration timeout, boolean shadow) {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
        this.shadow = shadow;
        headers.put(ForwardedCalls.FORWARDED, ownVersion);
        if (shadow) {
            headers.put(ForwardedCalls.SHADOW, "true");
        }
    }

    /** The target's answer; a failed future carries the target's status (a StatusRuntimeException). */
    Future<ModelInferResponse> send(Address target, ModelInferRequest request) {
        Promise<ModelInferResponse> answer = Promise.promise();
        // A mirror outlives the call it mirrors, whose context the server cancels once it is answered: it runs in a
        // context of its own. A forward stays in the caller's, so a client that gives up cancels it too.
        Context context = shadow ? Context.current().fork() : Context.current();
        context.run(() -> GRPCInferenceServiceGrpc.newStub(channel(target))
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .modelInfer(request, new StreamObserver<>() {
                    @Override
                    public void onNext(ModelInferResponse response) {
                        answer.tryComplete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.tryFail(failure);
                    }

                    @Override
                    public void onCompleted() {
                        answer.tryFail(Status.INTERNAL.withDescription("no answer").asRuntimeException());
                    }
                }));
        return answer.future();
    }

    private synchronized ManagedChannel channel(Address target) {
        if (current == null || !current.address().equals(target)) {
            if (current != null) {
                current.channel().shutdown(); // calls under way finish
            }
            current = new Target(target, VertxChannelBuilder.forAddress(vertx, target.host(), target.port())
                    .usePlaintext()
                    .build());
        }
        return current.channel();
    }

    /** Whether a forward that failed with this status was the target's failure, not the client's mistake. */
    static boolean targetFailed(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code != Status.Code.INVALID_ARGUMENT && code != Status.Code.NOT_FOUND
                && code != Status.Code.RESOURCE_EXHAUSTED;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.channel().shutdownNow();
        }
    }
}
