package io.nftkeeper.framework.internal.rpc;

import com.google.protobuf.ByteString;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.PlanResourceChange;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.ModifyPlanRequest;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithModifyPlan;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a create or update from Terraform's proposed new state: destroy (proposed null) plans null; otherwise
 * {@link Planner} applies defaults, computed→unknown, semantic equality and attribute plan modifiers at every
 * level of the schema, then the resource's own {@link ResourceWithModifyPlan} runs.
 */
final class PlanResourceChangeRpc implements Rpc<PlanResourceChange.Request, PlanResourceChange.Response> {
    private final ProviderRuntime runtime;

    PlanResourceChangeRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public PlanResourceChange.Response handle(PlanResourceChange.Request request) {
        Optional<Resource> resource = runtime.newResource(request.getTypeName());
        if (resource.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "resource", request.getTypeName(), runtime.resourceSchemas().keySet())));
        }
        Schema schema = runtime.resourceSchema(request.getTypeName()).orElseThrow();
        ObjectType type = schema.objectType();
        Value prior = Wire.decode(request.getPriorState(), type);
        Value proposed = Wire.decode(request.getProposedNewState(), type);
        Value config = Wire.decode(request.getConfig(), type);
        PlanResourceChange.Response.Builder response =
                PlanResourceChange.Response.newBuilder().setPlannedPrivate(request.getPriorPrivate());
        if (proposed.isNull()) {
            return response.setPlannedState(Wire.encode(proposed, type)).build();
        }

        Planner.Result planned = Planner.plan(schema, prior, proposed, config);
        Value plan = planned.plan();
        List<Path> requiresReplace = new ArrayList<>(planned.requiresReplace());

        Diagnostics diagnostics = new Diagnostics();
        if (resource.get() instanceof ResourceWithModifyPlan modifying) {
            ModifyPlanResponse modified = new ModifyPlanResponse(plan);
            modifying.modifyPlan(
                    new ModifyPlanRequest(
                            config, plan, prior, request.getPriorPrivate().toByteArray()),
                    modified);
            diagnostics.addAll(modified.diagnostics());
            if (modified.plan() == null) {
                diagnostics.addError(
                        "Provider planned no object",
                        "ModifyPlan of " + request.getTypeName() + " set a null plan. This is a bug in the provider.");
            } else {
                plan = modified.plan();
            }
            requiresReplace.addAll(modified.requiresReplacePaths());
            if (modified.privateState() != null) {
                response.setPlannedPrivate(ByteString.copyFrom(modified.privateState()));
            }
        }

        requiresReplace.forEach(path -> response.addRequiresReplace(Wire.attributePath(path)));
        return response.setPlannedState(Wire.encode(plan, type))
                .addAllDiagnostics(Wire.diagnostics(diagnostics))
                .build();
    }

    @Override
    public PlanResourceChange.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return PlanResourceChange.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
