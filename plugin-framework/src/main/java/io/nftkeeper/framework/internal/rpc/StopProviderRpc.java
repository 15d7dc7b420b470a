package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.StopProvider;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terraform asks running operations to stop (e.g. after Ctrl-C): in-flight calls see their Cancellation
 * cancelled and the provider's {@code stop()} runs. The process ends when Terraform calls GRPCController.Shutdown.
 */
final class StopProviderRpc implements Rpc<StopProvider.Request, StopProvider.Response> {
    private static final Logger LOG = LoggerFactory.getLogger(StopProviderRpc.class);

    private final ProviderRuntime runtime;

    StopProviderRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public StopProvider.Response handle(StopProvider.Request request) {
        LOG.info("Terraform asked the provider to stop");
        runtime.stop();
        return StopProvider.Response.getDefaultInstance();
    }

    @Override
    public StopProvider.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return StopProvider.Response.newBuilder()
                .setError(diagnostics.get(0).getSummary())
                .build();
    }
}
