package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.GetFunctions;
import java.util.List;

/** Provider-defined functions are not supported: there are none. */
final class GetFunctionsRpc implements Rpc<GetFunctions.Request, GetFunctions.Response> {
    @Override
    public GetFunctions.Response handle(GetFunctions.Request request) {
        return GetFunctions.Response.getDefaultInstance();
    }

    @Override
    public GetFunctions.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return GetFunctions.Response.newBuilder().addAllDiagnostics(diagnostics).build();
    }
}
