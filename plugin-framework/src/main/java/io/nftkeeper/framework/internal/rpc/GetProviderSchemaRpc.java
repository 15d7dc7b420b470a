package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.GetProviderSchema;
import java.util.List;

final class GetProviderSchemaRpc implements Rpc<GetProviderSchema.Request, GetProviderSchema.Response> {
    private static final Tfplugin6.Schema NO_PROVIDER_META = Tfplugin6.Schema.newBuilder()
            .setBlock(Tfplugin6.Schema.Block.getDefaultInstance())
            .build();

    private final ProviderRuntime runtime;

    GetProviderSchemaRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public GetProviderSchema.Response handle(GetProviderSchema.Request request) {
        GetProviderSchema.Response.Builder response = GetProviderSchema.Response.newBuilder()
                .setProvider(Wire.schema(runtime.providerSchema()))
                .setProviderMeta(NO_PROVIDER_META)
                .setServerCapabilities(Capabilities.SERVER);
        runtime.resourceSchemas().forEach((name, schema) -> response.putResourceSchemas(name, Wire.schema(schema)));
        runtime.dataSourceSchemas().forEach((name, schema) -> response.putDataSourceSchemas(name, Wire.schema(schema)));
        return response.build();
    }

    @Override
    public GetProviderSchema.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return GetProviderSchema.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
