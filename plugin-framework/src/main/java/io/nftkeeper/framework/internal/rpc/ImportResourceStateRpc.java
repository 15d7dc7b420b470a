package io.nftkeeper.framework.internal.rpc;

import com.google.protobuf.ByteString;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ImportResourceState;
import io.nftkeeper.framework.resource.ImportStateRequest;
import io.nftkeeper.framework.resource.ImportStateResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithImportState;
import io.nftkeeper.framework.types.ObjectType;
import java.util.List;
import java.util.Optional;

/** Turns an import id into a partial state; Terraform then calls ReadResource to fill in the rest. */
final class ImportResourceStateRpc implements Rpc<ImportResourceState.Request, ImportResourceState.Response> {
    private final ProviderRuntime runtime;

    ImportResourceStateRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ImportResourceState.Response handle(ImportResourceState.Request request) {
        Optional<Resource> resource = runtime.newResource(request.getTypeName());
        if (resource.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "resource", request.getTypeName(), runtime.resourceSchemas().keySet())));
        }
        Diagnostics diagnostics = new Diagnostics();
        if (!(resource.get() instanceof ResourceWithImportState importable)) {
            diagnostics.addError(
                    "Import not supported",
                    "Resources of type " + request.getTypeName()
                            + " cannot be imported; remove the import and let Terraform create it.");
            return failure(Wire.diagnostics(diagnostics));
        }
        ObjectType type =
                runtime.resourceSchema(request.getTypeName()).orElseThrow().objectType();
        ImportStateResponse response = new ImportStateResponse();
        importable.importState(new ImportStateRequest(request.getId(), runtime.cancellation()), response);
        diagnostics.addAll(response.diagnostics());
        if (diagnostics.hasError()) {
            return failure(Wire.diagnostics(diagnostics));
        }
        if (response.state() == null || response.state().isNull()) {
            diagnostics.addError(
                    "Missing state after import",
                    "Import of " + request.getTypeName() + " set no state. This is a bug in the provider.");
            return failure(Wire.diagnostics(diagnostics));
        }
        ImportResourceState.ImportedResource.Builder imported = ImportResourceState.ImportedResource.newBuilder()
                .setTypeName(request.getTypeName())
                .setState(Wire.encode(response.state(), type));
        if (response.privateState() != null) {
            imported.setPrivate(ByteString.copyFrom(response.privateState()));
        }
        return ImportResourceState.Response.newBuilder()
                .addImportedResources(imported)
                .addAllDiagnostics(Wire.diagnostics(diagnostics))
                .build();
    }

    @Override
    public ImportResourceState.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return ImportResourceState.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
