package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ConfigureProvider;
import io.nftkeeper.framework.provider.ConfigureRequest;
import io.nftkeeper.framework.provider.ConfigureResponse;
import io.nftkeeper.framework.types.Value;
import java.util.List;

final class ConfigureProviderRpc implements Rpc<ConfigureProvider.Request, ConfigureProvider.Response> {
    private final ProviderRuntime runtime;

    ConfigureProviderRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ConfigureProvider.Response handle(ConfigureProvider.Request request) {
        Value config = Wire.decode(request.getConfig(), runtime.providerSchema().objectType());
        ConfigureResponse response = new ConfigureResponse();
        runtime.provider()
                .configure(
                        new ConfigureRequest(config, request.getTerraformVersion(), runtime.cancellation()), response);
        if (!response.diagnostics().hasError()) {
            runtime.setProviderData(response.providerData());
        }
        return failure(Wire.diagnostics(response.diagnostics()));
    }

    @Override
    public ConfigureProvider.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return ConfigureProvider.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
