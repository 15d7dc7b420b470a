package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NftDuration;

/** The {@code timeout} attributes of sets, maps and ct expectations: their validator and how they plan. */
final class Durations {

    /** Refuses a {@code timeout} attribute that is not an nft duration. */
    static final Validator VALIDATOR = (path, value, diagnostics) -> {
        if (NftDuration.millis(value.asString()).isEmpty()) {
            diagnostics.addAttributeError(path, "Invalid timeout", NftDuration.syntaxHelp(value.asString()));
        }
    };

    private Durations() {}
    /**
     * Plans the {@code timeout} attribute of an existing object: another spelling of the same duration keeps the
     * prior spelling (no diff); a different duration cannot change in place, so it replaces the object.
     */
    static Value planTimeout(Value plan, Value prior, ModifyPlanResponse resp) {
        Value before = prior.get("timeout");
        Value after = plan.get("timeout");
        if (!after.isKnown() || before.equals(after)) {
            return plan;
        }
        if (!before.isNull()
                && !after.isNull()
                && NftDuration.millis(before.asString()).equals(NftDuration.millis(after.asString()))) {
            return plan.with("timeout", before);
        }
        resp.requiresReplace(Path.root("timeout"));
        return plan;
    }
}
