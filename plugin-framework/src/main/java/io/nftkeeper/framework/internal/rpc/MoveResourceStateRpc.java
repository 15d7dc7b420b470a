package io.nftkeeper.framework.internal.rpc;

import com.google.protobuf.ByteString;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.codec.JsonCodec;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.MoveResourceState;
import io.nftkeeper.framework.resource.MoveStateRequest;
import io.nftkeeper.framework.resource.MoveStateResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithMoveState;
import io.nftkeeper.framework.schema.Schema;
import java.util.List;
import java.util.Optional;

/** A {@code moved} block across resource types: the target resource turns the source's raw state into its own. */
final class MoveResourceStateRpc implements Rpc<MoveResourceState.Request, MoveResourceState.Response> {
    private final ProviderRuntime runtime;

    MoveResourceStateRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public MoveResourceState.Response handle(MoveResourceState.Request request) {
        String target = request.getTargetTypeName();
        Optional<Resource> resource = runtime.newResource(target);
        if (resource.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "resource", target, runtime.resourceSchemas().keySet())));
        }
        Diagnostics diagnostics = new Diagnostics();
        String source = request.getSourceProviderAddress() + " " + request.getSourceTypeName();
        if (!(resource.get() instanceof ResourceWithMoveState moving)) {
            diagnostics.addError(
                    "Move not supported",
                    "Resources of type " + target + " cannot take state moved from " + source + ".");
            return failure(Wire.diagnostics(diagnostics));
        }
        Schema schema = runtime.resourceSchema(target).orElseThrow();
        MoveStateResponse response = new MoveStateResponse();
        moving.moveState(
                new MoveStateRequest(
                        request.getSourceProviderAddress(),
                        request.getSourceTypeName(),
                        request.getSourceSchemaVersion(),
                        JsonCodec.parse(request.getSourceState().getJson().toByteArray()),
                        request.getSourcePrivate().toByteArray()),
                response);
        diagnostics.addAll(response.diagnostics());
        if (diagnostics.hasError()) {
            return failure(Wire.diagnostics(diagnostics));
        }
        if (response.state() == null) {
            diagnostics.addError(
                    "Move not supported",
                    target + " does not know how to take state from " + source + " (schema version "
                            + request.getSourceSchemaVersion() + ").");
            return failure(Wire.diagnostics(diagnostics));
        }
        if (!schema.objectType().equals(response.state().type())
                || !response.state().isWhollyKnown()) {
            diagnostics.addError(
                    "Invalid moved state",
                    "Moving " + source + " to " + target + " produced " + response.state()
                            + ", not a wholly known object of the schema. This is a bug in the provider.");
            return failure(Wire.diagnostics(diagnostics));
        }
        MoveResourceState.Response.Builder out = MoveResourceState.Response.newBuilder()
                .setTargetState(Wire.encode(response.state(), schema.objectType()))
                .addAllDiagnostics(Wire.diagnostics(diagnostics));
        if (response.privateState() != null) {
            out.setTargetPrivate(ByteString.copyFrom(response.privateState()));
        }
        return out.build();
    }

    @Override
    public MoveResourceState.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return MoveResourceState.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
