package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ValidateDataResourceConfig;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import java.util.List;

final class ValidateDataResourceConfigRpc
        implements Rpc<ValidateDataResourceConfig.Request, ValidateDataResourceConfig.Response> {
    private final ProviderRuntime runtime;

    ValidateDataResourceConfigRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ValidateDataResourceConfig.Response handle(ValidateDataResourceConfig.Request request) {
        Schema schema = runtime.dataSourceSchemas().get(request.getTypeName());
        if (schema == null) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "data source",
                    request.getTypeName(),
                    runtime.dataSourceSchemas().keySet())));
        }
        Value config = Wire.decode(request.getConfig(), schema.objectType());
        Diagnostics diagnostics = new Diagnostics();
        ConfigValidation.validate(schema, config, Path.empty(), diagnostics);
        return failure(Wire.diagnostics(diagnostics));
    }

    @Override
    public ValidateDataResourceConfig.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return ValidateDataResourceConfig.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
