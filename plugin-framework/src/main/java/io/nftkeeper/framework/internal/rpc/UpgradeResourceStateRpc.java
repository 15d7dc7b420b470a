package io.nftkeeper.framework.internal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.codec.JsonCodec;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.UpgradeResourceState;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithUpgradeState;
import io.nftkeeper.framework.resource.StateUpgrader;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Optional;

/**
 * Terraform stores state as JSON and asks us to turn it into a value of the current schema before every plan
 * (and before ConfigureProvider, so upgraders cannot use provider data). State of the current version is read
 * with the current schema (attributes a newer build dropped are ignored, added ones start null); older versions
 * go through the resource's {@link StateUpgrader} for that version.
 */
final class UpgradeResourceStateRpc implements Rpc<UpgradeResourceState.Request, UpgradeResourceState.Response> {
    private final ProviderRuntime runtime;

    UpgradeResourceStateRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public UpgradeResourceState.Response handle(UpgradeResourceState.Request request) {
        Optional<Resource> resource = runtime.newResource(request.getTypeName());
        if (resource.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "resource", request.getTypeName(), runtime.resourceSchemas().keySet())));
        }
        Schema schema = runtime.resourceSchema(request.getTypeName()).orElseThrow();
        String type = request.getTypeName();
        long version = request.getVersion();
        Diagnostics diagnostics = new Diagnostics();
        if (version > schema.version()) {
            diagnostics.addError(
                    "State from a newer provider",
                    "The state of this " + type + " was written with schema version " + version
                            + ", but this provider only knows version " + schema.version()
                            + ". Use the provider version that wrote it, or newer.");
            return failure(Wire.diagnostics(diagnostics));
        }
        if (request.getRawState().getJson().isEmpty()) {
            diagnostics.addError(
                    "Unsupported state format",
                    "The state of this " + type + " is in the legacy flatmap format, which this provider cannot read.");
            return failure(Wire.diagnostics(diagnostics));
        }
        JsonNode raw = JsonCodec.parse(request.getRawState().getJson().toByteArray());
        Value state;
        if (version == schema.version()) {
            state = JsonCodec.decode(raw, schema.objectType());
        } else {
            StateUpgrader upgrader = resource.get() instanceof ResourceWithUpgradeState upgrading
                    ? upgrading.stateUpgraders().get(version)
                    : null;
            if (upgrader == null) {
                diagnostics.addError(
                        "Cannot upgrade state",
                        "The state of this " + type + " has schema version "
                                + version + " and this provider has no upgrader from it to version " + schema.version()
                                + ". This is a bug in the provider.");
                return failure(Wire.diagnostics(diagnostics));
            }
            state = upgrader.upgrade(raw, diagnostics);
            if (diagnostics.hasError()) {
                return failure(Wire.diagnostics(diagnostics));
            }
            if (state == null || !schema.objectType().equals(state.type()) || !state.isWhollyKnown()) {
                diagnostics.addError(
                        "Invalid upgraded state",
                        "The upgrader of " + type + " from version "
                                + version + " returned " + state + ", not a wholly known object of the current schema."
                                + " This is a bug in the provider.");
                return failure(Wire.diagnostics(diagnostics));
            }
        }
        return UpgradeResourceState.Response.newBuilder()
                .setUpgradedState(Wire.encode(state, schema.objectType()))
                .addAllDiagnostics(Wire.diagnostics(diagnostics))
                .build();
    }

    @Override
    public UpgradeResourceState.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return UpgradeResourceState.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
