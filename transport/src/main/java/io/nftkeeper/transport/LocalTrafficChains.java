package io.nftkeeper.transport;

import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The base chains an SSH session to the host passes: hooked on prerouting, input or output, in any family that has
 * those hooks. A change to one of them (the chain created, changed or deleted, a rule of it added, changed or
 * deleted, or its table changed or deleted) can cut the session that made it, so lockout protection confirms it by
 * default; so can a change to a set or map such a chain's rules name ({@code @admin_v4}: the addresses SSH is
 * accepted from). Regular chains such a chain jumps to are not followed: protecting every change covers them.
 */
final class LocalTrafficChains {

    private static final Set<String> HOOKS =
            Set.of(Hook.PREROUTING.nftName(), Hook.INPUT.nftName(), Hook.OUTPUT.nftName());

    /** What may follow a character of an nft identifier, which would make {@code @name} a longer name. */
    private static final Pattern IDENTIFIER_PART = Pattern.compile("[A-Za-z0-9_./-]");

    private LocalTrafficChains() {}

    /**
     * Whether {@code transaction} touches such a chain. What the transaction itself declares decides (a chain
     * added with its hook); a chain or table it names only, the host's listing of it decides: {@code host} lists
     * the tables it is given, and is called at most once, only when needed.
     */
    static boolean touchedBy(Transaction transaction, Function<List<TableRef>, List<TableListing>> host) {
        Set<Named> declared = new HashSet<>();
        for (Command command : transaction.commands()) {
            if (command.object() instanceof Chain chain && chain.base() != null) {
                if (HOOKS.contains(chain.base().hook().nftName())) {
                    return true;
                }
                declared.add(new Named(chain.table(), chain.name()));
            }
        }
        Set<Named> asked = new LinkedHashSet<>();
        Set<TableRef> wholeTables = new LinkedHashSet<>();
        Set<Named> named = new LinkedHashSet<>();
        for (Command command : transaction.commands()) {
            if (command.object() instanceof Chain chain && chain.base() == null) {
                asked.add(new Named(chain.table(), chain.name()));
            } else if (command.object() instanceof Rule rule
                    && !declared.contains(new Named(rule.table(), rule.chain()))) {
                asked.add(new Named(rule.table(), rule.chain()));
            } else if (command.object() instanceof Table table) {
                wholeTables.add(table.table());
            } else if (command.object() instanceof NftSet set) {
                named.add(new Named(set.table(), set.name()));
            } else if (command.object() instanceof NftMap map) {
                named.add(new Named(map.table(), map.name()));
            } else if (command.object() instanceof Element element) {
                named.add(new Named(element.table(), element.set()));
            }
        }
        if (asked.isEmpty() && wholeTables.isEmpty() && named.isEmpty()) {
            return false;
        }
        Set<TableRef> tables = new LinkedHashSet<>(wholeTables);
        asked.forEach(key -> tables.add(key.table()));
        named.forEach(key -> tables.add(key.table()));
        Set<Named> localOnHost = new HashSet<>();
        Set<TableRef> tablesWithLocal = new HashSet<>();
        List<RuleText> usedByLocal = new ArrayList<>();
        for (TableListing listing : host.apply(new ArrayList<>(tables))) {
            if (!listing.exists() || listing.live() == null) {
                continue;
            }
            for (LiveChain chain : listing.live().chains()) {
                if (chain.base().filter(base -> HOOKS.contains(base.hook())).isPresent()) {
                    localOnHost.add(new Named(listing.table(), chain.name()));
                    tablesWithLocal.add(listing.table());
                    chain.rules().forEach(rule -> usedByLocal.add(new RuleText(listing.table(), rule.canonical())));
                }
            }
        }
        return asked.stream().anyMatch(localOnHost::contains)
                || wholeTables.stream().anyMatch(tablesWithLocal::contains)
                || named.stream().anyMatch(object -> usedByLocal.stream().anyMatch(rule -> rule.names(object)));
    }

    /** A chain, set or map of a table, by name. */
    private record Named(TableRef table, String name) {}

    /** A rule of a chain SSH passes, as the host lists it. */
    private record RuleText(TableRef table, String canonical) {

        /** Whether it names {@code object} as {@code @name} (a word of its own: {@code @admin} is not {@code @admins}). */
        boolean names(Named object) {
            if (!table.equals(object.table())) {
                return false;
            }
            String reference = "@" + object.name();
            for (int at = canonical.indexOf(reference); at >= 0; at = canonical.indexOf(reference, at + 1)) {
                int end = at + reference.length();
                if (end == canonical.length()
                        || !IDENTIFIER_PART
                                .matcher(canonical.substring(end, end + 1))
                                .matches()) {
                    return true;
                }
            }
            return false;
        }
    }
}
