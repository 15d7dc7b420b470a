package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.codec.JsonCodec;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.UpgradeResourceState;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;

import java.util.List;
import java.util.Optional;

/**
 * Terraform stores state as JSON and asks us to turn it into a value of the current schema before every plan.
 * Attributes a newer schema dropped are ignored; ones it added start out null. Older schema versions would need
 * an upgrader hook, which no resource needs yet.
 */
final class UpgradeResourceStateRpc implements Rpc<UpgradeResourceState.Request, UpgradeResourceState.Response> {
    private final ProviderRuntime runtime;

    UpgradeResourceStateRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public UpgradeResourceState.Response handle(UpgradeResourceState.Request request) {
        Optional<Schema> schema = runtime.resourceSchema(request.getTypeName());
        if (schema.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType("resource", request.getTypeName(),
                    runtime.resourceSchemas().keySet())));
        }
        Diagnostics diagnostics = new Diagnostics();
        if (request.getVersion() > schema.get().version()) {
            diagnostics.addError("State from a newer provider",
                    "The state of this " + request.getTypeName() + " was written with schema version "
                            + request.getVersion() + ", but this provider only knows version "
                            + schema.get().version() + ". Use the provider version that wrote it, or newer.");
            return failure(Wire.diagnostics(diagnostics));
        }
        if (request.getRawState().getJson().isEmpty()) {
            diagnostics.addError("Unsupported state format",
                    "The state of this " + request.getTypeName() + " is in the legacy flatmap format, which"
                            + " this provider cannot read.");
            return failure(Wire.diagnostics(diagnostics));
        }
        Value state = JsonCodec.decode(request.getRawState().getJson().toByteArray(), schema.get().objectType());
        return UpgradeResourceState.Response.newBuilder()
                .setUpgradedState(Wire.encode(state, schema.get().objectType()))
                .build();
    }

    @Override
    public UpgradeResourceState.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return UpgradeResourceState.Response.newBuilder().addAllDiagnostics(diagnostics).build();
    }
}
