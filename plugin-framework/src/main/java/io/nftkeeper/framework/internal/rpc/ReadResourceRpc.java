package io.nftkeeper.framework.internal.rpc;

import com.google.protobuf.ByteString;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ReadResource;
import io.nftkeeper.framework.resource.ReadRequest;
import io.nftkeeper.framework.resource.ReadResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Optional;

/** Refresh: the resource reports the object as it is now; a null state means it is gone. */
final class ReadResourceRpc implements Rpc<ReadResource.Request, ReadResource.Response> {
    private final ProviderRuntime runtime;

    ReadResourceRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ReadResource.Response handle(ReadResource.Request request) {
        Optional<Resource> resource = runtime.newResource(request.getTypeName());
        if (resource.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "resource", request.getTypeName(), runtime.resourceSchemas().keySet())));
        }
        Schema schema = runtime.resourceSchema(request.getTypeName()).orElseThrow();
        ObjectType type = schema.objectType();
        Value prior = Wire.decode(request.getCurrentState(), type);
        ReadResponse response = new ReadResponse(prior);
        resource.get()
                .read(new ReadRequest(prior, request.getPrivate().toByteArray(), runtime.cancellation()), response);
        Diagnostics diagnostics = response.diagnostics();
        Value state =
                response.state() == null ? Value.nullOf(type) : StateRules.settle(schema, prior, response.state());
        if (!state.isWhollyKnown()) {
            diagnostics.addError(
                    "Provider returned unknown values from read",
                    "Read of " + request.getTypeName() + " must return known values only; got " + state
                            + ". This is a bug in the provider.");
            state = prior;
        }
        return ReadResource.Response.newBuilder()
                .setNewState(Wire.encode(state, type))
                .setPrivate(
                        response.privateState() == null
                                ? request.getPrivate()
                                : ByteString.copyFrom(response.privateState()))
                .addAllDiagnostics(Wire.diagnostics(diagnostics))
                .build();
    }

    @Override
    public ReadResource.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return ReadResource.Response.newBuilder().addAllDiagnostics(diagnostics).build();
    }
}
