package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.PackedElements;
import io.nftkeeper.transport.AgentCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A set's or map's planned {@code elements} put through the host's nft at plan: every element is dry-run into a new
 * set or map of the same declaration (a scratch name, so the check sees neither the live elements nor an order of
 * deletes and adds), and an element nft refuses is reported on {@code elements[i]} (a map's on {@code elements[key]})
 * with nft's words. What nft accepts passes: there is no grammar of element types here.
 */
final class PlannedElements {

    /** The scratch set's or map's name: never created, only named in a dry run. */
    static final String SCRATCH_NAME = "nftkeeper_plan_check";
    /** In a map's check: the table, the scratch map, then one command per entry. */
    private static final int FIRST_ENTRY_COMMAND = 2;

    private PlannedElements() {}

    static void check(AgentCalls agent, NftSet declaration, List<String> elements, Diagnostics diagnostics) {
        if (elements.isEmpty()) {
            return;
        }
        NftSet scratch = scratch(declaration);
        ElementsResult result;
        try {
            // a scratch set: what is checked is the elements alone, whatever the host holds
            result = agent.checkElements(
                    new ElementsParams(
                            scratch, ElementsParams.Action.CHECK, PackedElements.pack(elements), 0, null, null),
                    "");
        } catch (AgentException e) {
            return; // an unmanaged or unreachable table: the set's own apply reports that, with its remedy
        }
        if (result.valid()) {
            return;
        }
        Integer index = result.invalidIndex();
        if (index != null && index >= 0 && index < elements.size()) {
            diagnostics.addAttributeError(
                    Path.root("elements").atIndex(index),
                    "Invalid element",
                    "The host's nft refuses the element \"" + elements.get(index) + "\" of " + declaration.describe()
                            + ": " + result.error());
        } else {
            diagnostics.addAttributeError(
                    Path.root("elements"),
                    "Invalid elements",
                    "The host's nft refuses the elements of " + declaration.describe() + ": " + result.error());
        }
    }

    /**
     * A map's planned entries ({@code key → value}): one dry run of the scratch map and one {@code add element} per
     * entry, so the failing command the agent names is the entry.
     */
    static void checkMap(
            AgentCalls agent,
            TableId table,
            NftMap declaration,
            Map<String, String> entries,
            TableOwners owners,
            Diagnostics diagnostics) {
        if (entries.isEmpty()) {
            return;
        }
        NftMap scratch = scratch(declaration);
        Transaction.Builder check =
                Transaction.builder().add(Table.of(table.table())).add(scratch);
        List<String> keys = new ArrayList<>(entries.keySet());
        for (String key : keys) {
            check.add(new Element(table.table(), SCRATCH_NAME, List.of(MapResource.entry(key, entries.get(key)))));
        }
        try {
            agent.check(owners.owned(table, check.build()));
        } catch (AgentException e) {
            int entry = e.command().orElse(-1) - FIRST_ENTRY_COMMAND;
            if (e.code() == ErrorCode.INVALID && entry >= 0 && entry < keys.size()) {
                String key = keys.get(entry);
                diagnostics.addAttributeError(
                        Path.root("elements").atKey(key),
                        "Invalid element",
                        "The host's nft refuses the entry \"" + key + "\" = \"" + entries.get(key) + "\" of "
                                + declaration.describe() + ": " + e.getMessage());
            }
            // anything else (an unmanaged table, a lost connection) is the map's own apply to report, with its remedy
        } catch (NftkeeperException e) {
            // invalid properties: their own validators report them
        }
    }

    /**
     * A set's or map's declaration (type or typeof, flags, timeout, size, policy) put through the host's nft at plan
     * as the declaration of the scratch object, so that what nft refuses in it (a typeof expression it cannot read,
     * a flag the type cannot have) fails the plan, not the apply. Whether it did.
     */
    static boolean checkDeclaration(
            AgentCalls agent,
            TableId table,
            NftObject scratch,
            String described,
            boolean byTypeof,
            TableOwners owners,
            Diagnostics diagnostics) {
        try {
            agent.check(owners.owned(
                    table,
                    Transaction.builder()
                            .add(Table.of(table.table()))
                            .add(scratch)
                            .build()));
            return true;
        } catch (AgentException e) {
            if (e.code() != ErrorCode.INVALID) {
                return true; // an unmanaged or unreachable table: the object's own apply reports that
            }
            String detail = "The host's nft refuses the declaration of " + described + ": " + e.getMessage();
            if (byTypeof) {
                diagnostics.addAttributeError(Path.root("typeof"), "Invalid declaration", detail);
            } else {
                diagnostics.addError("Invalid declaration of " + described, detail);
            }
            return false;
        } catch (NftkeeperException e) {
            return true; // invalid properties: their own validators report them
        }
    }

    /** The scratch set of {@code declaration}'s declaration, without elements. */
    static NftSet scratch(NftSet declaration) {
        return new NftSet(
                declaration.table(),
                SCRATCH_NAME,
                declaration.type(),
                declaration.typeof(),
                declaration.flags(),
                declaration.timeoutMs(),
                declaration.size(),
                declaration.policy(),
                declaration.autoMerge(),
                List.of());
    }

    /** The scratch map of {@code declaration}'s declaration, without entries. */
    static NftMap scratch(NftMap declaration) {
        return new NftMap(
                declaration.table(),
                SCRATCH_NAME,
                declaration.type(),
                declaration.typeof(),
                declaration.value(),
                declaration.flags(),
                declaration.timeoutMs(),
                declaration.size(),
                declaration.policy(),
                List.of());
    }
}
