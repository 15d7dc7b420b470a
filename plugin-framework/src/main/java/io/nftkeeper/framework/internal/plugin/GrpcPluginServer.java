package io.nftkeeper.framework.internal.plugin;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.nftkeeper.framework.internal.rpc.ProviderRuntime;
import io.nftkeeper.framework.internal.rpc.ProviderService;
import io.nftkeeper.framework.provider.Provider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gRPC server with every service go-plugin and Terraform expect, listening on 127.0.0.1. */
public final class GrpcPluginServer {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcPluginServer.class);
    /** Terraform sends large states; go plugin servers accept 256 MiB. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 256 << 20;

    /** One loop accepts and serves Terraform's single connection; a second keeps a slow call from blocking I/O. */
    private static final int EVENT_LOOP_THREADS = 2;

    private final Server server;
    private final EventLoopGroup loops;
    private final StdioService stdio;
    private final ProviderRuntime runtime;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();

    private GrpcPluginServer(Server server, EventLoopGroup loops, StdioService stdio, ProviderRuntime runtime) {
        this.server = server;
        this.loops = loops;
        this.stdio = stdio;
        this.runtime = runtime;
    }

    /**
     * Starts serving {@code provider}, over TLS when {@code tls} is not null. With {@code honourShutdown} false, GRPCController.Shutdown is ignored:
     * reattached servers outlive single Terraform commands and are stopped by their owner.
     */
    public static GrpcPluginServer start(
            Provider provider, SslContext tls, int minPort, int maxPort, boolean honourShutdown) {
        return start(provider, tls == null ? null : () -> tls, minPort, maxPort, honourShutdown, null);
    }

    /**
     * As above, but asks {@code tls} for the TLS context only once the provider's services are built, so a caller
     * can prepare TLS on another thread meanwhile (start-up time is what users wait for on every command). Calls
     * run on {@code calls}, or on gRPC's shared threads when it is null.
     */
    public static GrpcPluginServer start(
            Provider provider,
            Supplier<SslContext> tls,
            int minPort,
            int maxPort,
            boolean honourShutdown,
            Executor calls) {
        ProviderRuntime runtime = new ProviderRuntime(provider);
        ProviderService providerService = new ProviderService(runtime);
        SslContext sslContext = null;
        StdioService stdio = new StdioService();
        GrpcPluginServer[] self = new GrpcPluginServer[1];
        ControllerService controller = new ControllerService(() -> {
            if (honourShutdown) {
                LOG.debug("Terraform asked the plugin to shut down");
                new Thread(self[0]::stop, "plugin-shutdown").start();
            } else {
                LOG.debug("ignoring Shutdown: this server was started for reattaching");
            }
        });
        // the server's own loops, not gRPC's shared ones: those outlive the server, waiting in native code (stop())
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
                EVENT_LOOP_THREADS, new DefaultThreadFactory("plugin-grpc", true), NioIoHandler.newFactory());
        IOException lastFailure = null;
        int span = maxPort - minPort + 1;
        int offset = maxPort == 0 ? 0 : ThreadLocalRandom.current().nextInt(span);
        for (int attempt = 0; attempt < (maxPort == 0 ? 1 : span); attempt++) {
            int port = maxPort == 0 ? 0 : minPort + (offset + attempt) % span;
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .bossEventLoopGroup(loops)
                    .workerEventLoopGroup(loops)
                    .channelType(NioServerSocketChannel.class)
                    .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                    .addService(providerService)
                    .addService(controller)
                    .addService(stdio)
                    .addService(new HealthService());
            if (calls != null) {
                builder.executor(calls);
            }
            // asked for last: everything above runs while TLS is still being prepared elsewhere
            if (tls != null) {
                sslContext = sslContext == null ? tls.get() : sslContext;
                builder.sslContext(sslContext);
            }
            Server server = builder.build();
            try {
                server.start();
                self[0] = new GrpcPluginServer(server, loops, stdio, runtime);
                return self[0];
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        throw new LaunchException(
                "No free port on 127.0.0.1 between " + minPort + " and " + maxPort + ": "
                        + (lastFailure == null ? "" : lastFailure.getMessage()),
                lastFailure);
    }

    public int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** The go-plugin handshake line for this server: core protocol 1, app protocol 6, gRPC on its port. */
    public String handshakeLine(String certificateField) {
        return "1|6|tcp|127.0.0.1:" + port() + "|grpc|" + certificateField;
    }

    /** Stops serving: open streams are closed, calls in flight get a moment to finish. Idempotent. */
    public void stop() {
        if (stopping.compareAndSet(false, true)) {
            // in-flight calls see their cancellation before the server stops waiting for them
            runtime.stop();
        }
        stdio.closeAll();
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // HotSpot's exit waits up to 300 ms for threads still in native code, such as a loop waiting in select:
        // with three to five plugin processes per terraform command, that was a second or more of every command
        loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        stopped.countDown();
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }
}
