package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.PackedElements;
import io.nftkeeper.transport.AgentCalls;
import java.util.List;

/**
 * A set's planned {@code elements} put through the host's nft at plan: every element is dry-run into a new set of
 * the same declaration (a scratch name, so the check sees neither the live elements nor an order of deletes and
 * adds), and an element nft refuses is reported on {@code elements[i]} with nft's words. What nft accepts passes:
 * there is no grammar of element types here.
 */
final class PlannedElements {

    /** The scratch set's name: never created, only named in a dry run. */
    static final String SCRATCH_NAME = "nftkeeper_plan_check";

    private PlannedElements() {
    }

    static void check(AgentCalls agent, NftSet declaration, List<String> elements, Diagnostics diagnostics) {
        if (elements.isEmpty()) {
            return;
        }
        NftSet scratch = new NftSet(declaration.table(), SCRATCH_NAME, declaration.type(), declaration.typeof(),
                declaration.flags(), declaration.timeoutMs(), declaration.size(), declaration.policy(),
                declaration.autoMerge(), List.of());
        ElementsResult result;
        try {
            result = agent.elements(new ElementsParams(scratch, ElementsParams.Action.CHECK,
                    PackedElements.pack(elements), 0, null));
        } catch (AgentException e) {
            return; // an unmanaged or unreachable table: the set's own apply reports that, with its remedy
        }
        if (result.valid()) {
            return;
        }
        Integer index = result.invalidIndex();
        if (index != null && index >= 0 && index < elements.size()) {
            diagnostics.addAttributeError(Path.root("elements").atIndex(index), "Invalid element",
                    "The host's nft refuses the element \"" + elements.get(index) + "\" of "
                            + declaration.describe() + ": " + result.error());
        } else {
            diagnostics.addAttributeError(Path.root("elements"), "Invalid elements",
                    "The host's nft refuses the elements of " + declaration.describe() + ": " + result.error());
        }
    }
}
