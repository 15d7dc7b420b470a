package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.PlanResourceChange;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.ModifyPlanRequest;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithModifyPlan;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifier;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a create or update from Terraform's proposed new state:
 * <ol>
 *   <li>destroy (proposed null) plans null;</li>
 *   <li>when anything changes, computed attributes the configuration leaves null become unknown, since the
 *       provider may recompute them (left alone when nothing changes, so an unchanged resource plans empty);</li>
 *   <li>attribute plan modifiers run in declaration order (e.g. keep prior values, ask for replacement);</li>
 *   <li>then the resource's own {@link ResourceWithModifyPlan}.</li>
 * </ol>
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
            return failure(Wire.diagnostics(Problems.unknownType("resource", request.getTypeName(),
                    runtime.resourceSchemas().keySet())));
        }
        Schema schema = runtime.resourceSchema(request.getTypeName()).orElseThrow();
        ObjectType type = schema.objectType();
        Value prior = Wire.decode(request.getPriorState(), type);
        Value proposed = Wire.decode(request.getProposedNewState(), type);
        Value config = Wire.decode(request.getConfig(), type);
        PlanResourceChange.Response.Builder response = PlanResourceChange.Response.newBuilder()
                .setPlannedPrivate(request.getPriorPrivate());
        if (proposed.isNull()) {
            return response.setPlannedState(Wire.encode(proposed, type)).build();
        }

        boolean creating = prior.isNull();
        Value plan = proposed.equals(prior) ? proposed : markComputedUnknown(schema, proposed, config);
        List<Path> requiresReplace = new ArrayList<>();
        for (Attribute attribute : schema.attributes()) {
            if (attribute.planModifiers().isEmpty()) {
                continue;
            }
            Path path = Path.root(attribute.name());
            PlanModifier.Request modifierRequest = new PlanModifier.Request(path, config.get(attribute.name()),
                    prior.get(attribute.name()), plan.get(attribute.name()), creating);
            PlanModifier.Response modifierResponse = new PlanModifier.Response(plan.get(attribute.name()));
            for (PlanModifier modifier : attribute.planModifiers()) {
                modifier.modifyPlan(modifierRequest, modifierResponse);
            }
            plan = plan.with(attribute.name(), modifierResponse.plan());
            if (modifierResponse.requiresReplace()) {
                requiresReplace.add(path);
            }
        }

        Diagnostics diagnostics = new Diagnostics();
        if (resource.get() instanceof ResourceWithModifyPlan modifying) {
            ModifyPlanResponse modified = new ModifyPlanResponse(plan);
            modifying.modifyPlan(new ModifyPlanRequest(config, plan, prior), modified);
            diagnostics.addAll(modified.diagnostics());
            if (modified.plan() == null) {
                diagnostics.addError("Provider planned no object",
                        "ModifyPlan of " + request.getTypeName() + " set a null plan. This is a bug in the provider.");
            } else {
                plan = modified.plan();
            }
            requiresReplace.addAll(modified.requiresReplacePaths());
        }

        requiresReplace.forEach(path -> response.addRequiresReplace(Wire.attributePath(path)));
        return response
                .setPlannedState(Wire.encode(plan, type))
                .addAllDiagnostics(Wire.diagnostics(diagnostics))
                .build();
    }

    private static Value markComputedUnknown(Schema schema, Value proposed, Value config) {
        Value plan = proposed;
        for (Attribute attribute : schema.attributes()) {
            if (attribute.isComputed() && config.get(attribute.name()).isNull()) {
                plan = plan.with(attribute.name(), Value.unknown(attribute.type()));
            }
        }
        return plan;
    }

    @Override
    public PlanResourceChange.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return PlanResourceChange.Response.newBuilder().addAllDiagnostics(diagnostics).build();
    }
}
