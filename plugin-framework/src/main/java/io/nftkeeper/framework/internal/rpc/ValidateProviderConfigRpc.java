package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ValidateProviderConfig;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import java.util.List;

final class ValidateProviderConfigRpc implements Rpc<ValidateProviderConfig.Request, ValidateProviderConfig.Response> {
    private final ProviderRuntime runtime;

    ValidateProviderConfigRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ValidateProviderConfig.Response handle(ValidateProviderConfig.Request request) {
        Value config = Wire.decode(request.getConfig(), runtime.providerSchema().objectType());
        Diagnostics diagnostics = new Diagnostics();
        ConfigValidation.validate(runtime.providerSchema(), config, Path.empty(), diagnostics);
        return failure(Wire.diagnostics(diagnostics));
    }

    @Override
    public ValidateProviderConfig.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return ValidateProviderConfig.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
