package io.nftkeeper.framework.server;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.nftkeeper.framework.internal.plugin.AutoMtls;
import io.nftkeeper.framework.internal.plugin.GrpcPluginServer;
import io.nftkeeper.framework.internal.plugin.LaunchException;
import io.nftkeeper.framework.internal.plugin.LaunchSettings;
import io.nftkeeper.framework.internal.plugin.ResidentServer;
import io.nftkeeper.framework.provider.Provider;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Provider} to Terraform. A provider's {@code main} is one line:
 * {@code PluginServer.serve(MyProvider::new, args);} where the constructor takes the {@link PluginEnvironment} of
 * the Terraform it serves.
 */
public final class PluginServer {
    private static final Logger LOG = LoggerFactory.getLogger(PluginServer.class);

    private PluginServer() {}

    /**
     * Performs the go-plugin handshake with the Terraform that launched this process and serves until Terraform
     * shuts the plugin down. With {@code --debug} in {@code args}, serves plaintext for reattaching instead and
     * prints the {@code TF_REATTACH_PROVIDERS} line, until killed. With
     * {@code --resident DIRECTORY --idle-timeout SECONDS --build FILE}, serves the Terraform processes of this user
     * whose launchers connect to it (see {@link ResidentServer}) until idle. Exits the JVM with status 1 when the
     * process was not launched by Terraform.
     */
    public static void serve(Function<PluginEnvironment, Provider> providers, String[] args) {
        PrintStream handshake = System.out;
        // stdout is go-plugin's handshake channel; anything else written there would break it
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        // Ctrl-C reaches the whole process group; Terraform sends StopProvider and then Shutdown instead
        ignoreInterrupts();
        try {
            if (List.of(args).contains("--debug")) {
                serveDebug(providers.apply(PluginEnvironment.ofThisProcess()), handshake);
            } else if (args.length > 0 && args[0].equals("--resident")) {
                serveResident(providers, args);
            } else {
                serveTerraform(providers, LaunchSettings.fromEnvironment(System.getenv()), handshake);
            }
        } catch (LaunchException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("The resident provider server failed: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Serves {@code provider} in this JVM for Terraform to reattach to (plaintext, 127.0.0.1, any free port).
     * Meant for tests: run terraform with {@code TF_REATTACH_PROVIDERS=handle.reattachJson()}.
     * The reattach key is {@link Provider#sourceAddress()}.
     */
    public static ReattachHandle startForReattach(Provider provider) {
        return new ReattachHandle(
                GrpcPluginServer.start(provider, (SslContext) null, 0, 0, false), provider.sourceAddress());
    }

    private static void serveTerraform(
            Function<PluginEnvironment, Provider> providers, LaunchSettings settings, PrintStream handshake)
            throws InterruptedException {
        Provider provider = providers.apply(PluginEnvironment.ofThisProcess());
        // a provider killed without StopProvider or Shutdown (SIGTERM) still closes what it opened
        Runtime.getRuntime().addShutdownHook(new Thread(provider::stop, "provider-stop"));
        GrpcPluginServer server;
        String certificateField;
        if (settings.tls()) {
            // key generation and TLS set-up overlap with building the gRPC services on the main thread
            FutureTask<AutoMtls.Prepared> tls = new FutureTask<>(() -> AutoMtls.prepare(settings.clientCertPem()));
            Thread tlsSetup = new Thread(tls, "plugin-tls-setup");
            tlsSetup.setDaemon(true);
            tlsSetup.start();
            server = GrpcPluginServer.start(
                    provider, () -> join(tls).context(), settings.minPort(), settings.maxPort(), true, null);
            certificateField = join(tls).handshakeField();
        } else {
            server = GrpcPluginServer.start(provider, (SslContext) null, settings.minPort(), settings.maxPort(), true);
            certificateField = "";
        }
        handshake.println(server.handshakeLine(certificateField));
        handshake.flush();
        // after the handshake line, so logging's start-up never delays Terraform
        LOG.info(
                "{} {} serving, Java {} from {}",
                provider.sourceAddress(),
                provider.version(),
                Runtime.version(),
                System.getProperty("java.home"));
        server.awaitStop();
        // Terraform waits for this process to end before it starts the next one: exit now, not once the JVM has
        // waited for library threads that linger (netty's global executor stays a second after its last task)
        System.exit(0);
    }

    private static AutoMtls.Prepared join(FutureTask<AutoMtls.Prepared> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while setting up TLS", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new LaunchException(e.getCause().toString(), e);
        }
    }

    private static void serveDebug(Provider provider, PrintStream out) throws InterruptedException {
        ReattachHandle handle = startForReattach(provider);
        Runtime.getRuntime().addShutdownHook(new Thread(handle::close, "plugin-debug-stop"));
        System.err.println("Provider " + provider.sourceAddress() + " is serving for reattach. In another shell run:");
        out.println("TF_REATTACH_PROVIDERS='" + handle.reattachJson() + "'");
        out.flush();
        System.err.println("then export it and run terraform as usual. Stop this process to end.");
        handle.awaitClose();
    }

    private static void serveResident(Function<PluginEnvironment, Provider> providers, String[] args)
            throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (args.length != 6 || !options.keySet().equals(Set.of("--resident", "--idle-timeout", "--build"))) {
            throw new LaunchException("usage: --resident DIRECTORY --idle-timeout SECONDS --build FILE");
        }
        Duration idleTimeout;
        try {
            idleTimeout = Duration.ofSeconds(Long.parseUnsignedLong(options.get("--idle-timeout")));
        } catch (NumberFormatException e) {
            throw new LaunchException("--idle-timeout takes whole seconds, not " + options.get("--idle-timeout"));
        }
        new ResidentServer(Path.of(options.get("--resident")), idleTimeout, Path.of(options.get("--build")), providers)
                .run();
        // sessions' library threads (netty, SSH) must not keep an idle server alive
        System.exit(0);
    }

    /**
     * {@code Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN)}, reached reflectively: sun.misc.Signal is the
     * only way to ignore a signal in Java, and javac's warning about that internal API cannot be suppressed.
     */
    private static void ignoreInterrupts() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object interrupt = signal.getConstructor(String.class).newInstance("INT");
            signal.getMethod("handle", signal, handler)
                    .invoke(null, interrupt, handler.getField("SIG_IGN").get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ignore SIGINT", e);
        }
    }
}
