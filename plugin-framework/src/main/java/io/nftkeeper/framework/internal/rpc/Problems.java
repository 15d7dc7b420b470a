package io.nftkeeper.framework.internal.rpc;

import io.nftkeeper.framework.diag.Diagnostics;
import java.util.Collection;

/** Diagnostics the framework itself reports. */
final class Problems {
    private Problems() {}

    static Diagnostics unknownType(String kind, String typeName, Collection<String> known) {
        Diagnostics d = new Diagnostics();
        d.addError(
                "Unknown " + kind + " type",
                "This provider has no " + kind + " type \"" + typeName + "\"; it offers " + known + ".");
        return d;
    }
}
