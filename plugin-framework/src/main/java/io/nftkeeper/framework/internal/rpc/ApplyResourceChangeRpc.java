package io.nftkeeper.framework.internal.rpc;

import com.google.protobuf.ByteString;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ApplyResourceChange;
import io.nftkeeper.framework.provider.Cancellation;
import io.nftkeeper.framework.resource.CreateRequest;
import io.nftkeeper.framework.resource.CreateResponse;
import io.nftkeeper.framework.resource.DeleteRequest;
import io.nftkeeper.framework.resource.DeleteResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a plan: no prior state creates, no planned state deletes, otherwise updates. When an operation
 * fails, the state returned is what exists: nothing after a failed create, the prior object after a failed
 * update or delete (unless the resource reported a new state).
 */
final class ApplyResourceChangeRpc implements Rpc<ApplyResourceChange.Request, ApplyResourceChange.Response> {
    private final ProviderRuntime runtime;

    ApplyResourceChangeRpc(ProviderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ApplyResourceChange.Response handle(ApplyResourceChange.Request request) {
        Optional<Resource> found = runtime.newResource(request.getTypeName());
        if (found.isEmpty()) {
            return failure(Wire.diagnostics(Problems.unknownType(
                    "resource", request.getTypeName(), runtime.resourceSchemas().keySet())));
        }
        Resource resource = found.get();
        Schema schema = runtime.resourceSchema(request.getTypeName()).orElseThrow();
        ObjectType type = schema.objectType();
        byte[] plannedPrivate = request.getPlannedPrivate().toByteArray();
        Cancellation cancellation = runtime.cancellation();
        byte[] newPrivate = null;
        Value prior = Wire.decode(request.getPriorState(), type);
        Value planned = Wire.decode(request.getPlannedState(), type);
        Value config = Wire.decode(request.getConfig(), type);

        Diagnostics diagnostics = new Diagnostics();
        Value newState;
        String operation;
        if (planned.isNull()) {
            operation = "Delete";
            DeleteResponse response = new DeleteResponse();
            resource.delete(new DeleteRequest(prior, plannedPrivate, cancellation), response);
            diagnostics.addAll(response.diagnostics());
            newState = response.diagnostics().hasError() ? prior : Value.nullOf(type);
        } else if (prior.isNull()) {
            operation = "Create";
            CreateResponse response = new CreateResponse();
            resource.create(new CreateRequest(config, planned, plannedPrivate, cancellation), response);
            diagnostics.addAll(response.diagnostics());
            newPrivate = response.privateState();
            newState = response.state() != null ? response.state() : Value.nullOf(type);
        } else {
            operation = "Update";
            UpdateResponse response = new UpdateResponse();
            resource.update(new UpdateRequest(config, planned, prior, plannedPrivate, cancellation), response);
            diagnostics.addAll(response.diagnostics());
            newPrivate = response.privateState();
            newState = response.state() != null ? response.state() : prior;
        }

        newState = StateRules.settle(schema, planned, newState);
        if (!planned.isNull() && !diagnostics.hasError()) {
            if (newState.isNull()) {
                diagnostics.addError(
                        "Missing state after " + operation.toLowerCase(),
                        operation + " of " + request.getTypeName() + " reported success but set no state."
                                + " This is a bug in the provider.");
            } else if (!newState.isWhollyKnown()) {
                diagnostics.addError(
                        "Unknown values after " + operation.toLowerCase(),
                        operation + " of " + request.getTypeName() + " must fill in every unknown value; got "
                                + newState + ". This is a bug in the provider.");
            }
        }
        if (!newState.isWhollyKnown()) {
            newState = prior;
        }
        return ApplyResourceChange.Response.newBuilder()
                .setNewState(Wire.encode(newState, type))
                .setPrivate(newPrivate == null ? request.getPlannedPrivate() : ByteString.copyFrom(newPrivate))
                .addAllDiagnostics(Wire.diagnostics(diagnostics))
                .build();
    }

    @Override
    public ApplyResourceChange.Response failure(List<Tfplugin6.Diagnostic> diagnostics) {
        return ApplyResourceChange.Response.newBuilder()
                .addAllDiagnostics(diagnostics)
                .build();
    }
}
