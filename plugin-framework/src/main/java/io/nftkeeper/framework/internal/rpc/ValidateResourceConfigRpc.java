package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ValidateResourceConfig;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithValidateConfig;
import io.nftkeeper.framework.resource.ValidateConfigRequest;
import io.nftkeeper.framework.resource.ValidateConfigResponse;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Optional;

/** Attribute validators first, then the resource's own cross-attribute checks. */
final class ValidateResourceConfigRpc implements Rpc<ValidateResourceConfig.Request, ValidateResourceConfig.Response> {
    private final ProviderRuntime runtime;

    ValidateResourceConfigRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ValidateResourceConfig.Response handle(ValidateResourceConfig.Request request) {
        Optional<Resource> resource = runtime.newResource(request.getTypeName());
        if (resource.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "resource", request.getTypeName(), runtime.resourceSchemas().keySet())));
        }
        Schema schema = runtime.resourceSchema(request.getTypeName()).orElseThrow();
        Value config = Wire.decode(request.getConfig(), schema.objectType());
        Diagnostics diagnostics = new Diagnostics();
        ConfigValidation.validate(schema, config, Path.empty(), diagnostics);
        if (resource.get() instanceof ResourceWithValidateConfig validating) {
            ValidateConfigResponse response = new ValidateConfigResponse();
            validating.validateConfig(new ValidateConfigRequest(config), response);
            diagnostics.addAll(response.diagnostics());
        }
        return failure(Wire.diagnostics(diagnostics));
    }

    @Override
    public ValidateResourceConfig.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return ValidateResourceConfig.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
