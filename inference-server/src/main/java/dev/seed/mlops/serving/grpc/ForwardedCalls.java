package dev.seed.mlops.serving.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Marks calls that another pod forwarded or mirrored here (metadata {@code mlops-forwarded}, as the HTTP header):
 * they are answered locally, whatever the routing says, the loop guard of docs/routing.md.
 */
@ApplicationScoped
@GlobalInterceptor
public class ForwardedCalls implements ServerInterceptor {

    static final Metadata.Key<String> FORWARDED = Metadata.Key.of("mlops-forwarded", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> SHADOW = Metadata.Key.of("mlops-shadow", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Boolean> FORWARDED_CALL = Context.key("mlops-forwarded");

    /** Whether the call being served came from another pod. */
    static boolean current() {
        return Boolean.TRUE.equals(FORWARDED_CALL.get());
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        if (!headers.containsKey(FORWARDED)) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(FORWARDED_CALL, true), call, headers, next);
    }
}
