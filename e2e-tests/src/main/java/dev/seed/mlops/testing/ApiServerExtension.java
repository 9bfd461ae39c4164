package dev.seed.mlops.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link TestApiServer} shared by every test class of the JVM, with the project's CRDs installed.
 * Starting an API server takes seconds, so it starts once and stops when the JVM's tests are done.
 */
public final class ApiServerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ApiServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestApiServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedServer.class, key -> new SharedServer(), SharedServer.class)
                .server();
    }

    /** Holds the server in JUnit's root store, which closes it after the last test. */
    private static final class SharedServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final TestApiServer server;

        SharedServer() {
            server = TestApiServer.start();
            try {
                new CrdInstaller(server.client()).installAll(RepoRoot.path().resolve("crds"));
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }

        TestApiServer server() {
            return server;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
