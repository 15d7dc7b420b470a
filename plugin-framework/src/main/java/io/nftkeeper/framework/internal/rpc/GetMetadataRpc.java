package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.GetMetadata;
import java.util.List;

final class GetMetadataRpc implements Rpc<GetMetadata.Request, GetMetadata.Response> {
    private final ProviderRuntime runtime;

    GetMetadataRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public GetMetadata.Response handle(GetMetadata.Request request) {
        GetMetadata.Response.Builder response =
                GetMetadata.Response.newBuilder().setServerCapabilities(Capabilities.SERVER);
        runtime.resourceSchemas()
                .keySet()
                .forEach(name -> response.addResources(
                        GetMetadata.ResourceMetadata.newBuilder().setTypeName(name)));
        runtime.dataSourceSchemas()
                .keySet()
                .forEach(name -> response.addDataSources(
                        GetMetadata.DataSourceMetadata.newBuilder().setTypeName(name)));
        return response.build();
    }

    @Override
    public GetMetadata.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return GetMetadata.Response.newBuilder().addAllDiagnostics(diagnostics).build();
    }
}
