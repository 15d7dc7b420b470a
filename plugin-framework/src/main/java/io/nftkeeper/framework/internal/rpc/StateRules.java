package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;

/** What the framework does to every state a resource returns, before Terraform compares it with what it expected. */
final class StateRules {
    private StateRules() {}

    /**
     * Write-only attributes are stored as null; attributes with semantic equality keep {@code earlier}'s form
     * (the planned value after apply, the prior value after read) when {@code returned} differs only in form.
     */
    static Value settle(Schema schema, Value earlier, Value returned) {
        if (returned == null || !returned.isKnown()) {
            return returned;
        }
        Value state = returned;
        for (Attribute a : schema.attributes()) {
            if (a.isWriteOnly()) {
                state = state.with(a.name(), Value.nullOf(a.type()));
                continue;
            }
            Value before = earlier.get(a.name());
            Value now = state.get(a.name());
            if (a.semanticEquality() != null
                    && before.isKnown()
                    && before.isWhollyKnown()
                    && now.isKnown()
                    && now.isWhollyKnown()
                    && !before.isNull()
                    && !now.isNull()
                    && !before.equals(now)
                    && a.semanticEquality().equivalent(before, now)) {
                state = state.with(a.name(), before);
            }
        }
        return state;
    }
}
