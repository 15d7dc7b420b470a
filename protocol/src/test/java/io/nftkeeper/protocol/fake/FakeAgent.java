package io.nftkeeper.protocol.fake;

import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.CheckResult;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.protocol.wire.PackedElements;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An nftkeeper agent in memory, answering {@code list}, {@code apply}, {@code check} and {@code adopt} as the real
 * agent does for the same transactions: every object kind of the protocol ({@link FakeTable}), transactions all or
 * nothing, errors that name the failing command's index and object, and ownership (only managed tables are changed,
 * for their owner; a table created by a transaction is managed by its owner). Tables made {@link #byHand} are not
 * managed, like kube-proxy's. What it does not model, {@code FakeAgentIT} (agent module) checks against the kernel:
 * see {@link FakeTable} for the documented differences (handles, counter values, nft's rewriting of rules).
 * Not thread-safe.
 */
public final class FakeAgent {

    private Map<TableRef, FakeTable> tables = new TreeMap<>();
    /** Managed tables and their owner IDs ("" for a table managed without one). */
    private final Map<TableRef, String> owners = new HashMap<>();

    private final List<Transaction> applied = new ArrayList<>();
    private final FakeContributions contributions = new FakeContributions();
    private long tableHandles;

    /** Runs {@code transaction} as an administrator's nft would: no ownership, tables it creates stay unmanaged. */
    public FakeAgent byHand(Transaction transaction) {
        tables = run(transaction, tables);
        return this;
    }

    /** The transactions applied through the agent, in order. */
    public List<Transaction> applied() {
        return List.copyOf(applied);
    }

    public boolean manages(TableRef table) {
        return owners.containsKey(table);
    }

    public ListResult list(ListParams params) {
        List<TableRef> wanted = params.listsAll() ? List.copyOf(tables.keySet()) : params.tables();
        return new ListResult(wanted.stream()
                .map(table ->
                        params.listsClaims() && !owners.getOrDefault(table, "").isEmpty()
                                ? listing(table).asClaimed()
                                : listing(table))
                .toList());
    }

    public ApplyResult apply(Transaction transaction) {
        return apply(transaction, true);
    }

    /** {@code ownerNeeded}: false for the writes the agent makes for an element request (they carry no owner). */
    private ApplyResult apply(Transaction transaction, boolean ownerNeeded) {
        requireCommands(transaction);
        Set<TableRef> created = checkOwnership(transaction, Set.of(), ownerNeeded);
        tables = run(transaction, tables);
        for (TableRef table : created) {
            owners.put(table, transaction.owner() == null ? "" : transaction.owner());
        }
        for (Command command : transaction.commands()) {
            if (command.object() instanceof Table && command.verb() != Verb.ADD && command.verb() != Verb.FLUSH) {
                owners.remove(command.object().table());
            }
        }
        applied.add(transaction);
        Set<TableRef> touched = new LinkedHashSet<>();
        transaction.commands().forEach(command -> touched.add(command.object().table()));
        return new ApplyResult(
                transaction.toScript(),
                false,
                touched.stream().map(this::listing).toList());
    }

    /** A dry run: refuses what {@link #apply} would, changes nothing. */
    public CheckResult check(Transaction transaction, List<TableRef> adopting) {
        requireCommands(transaction);
        checkOwnership(transaction, Set.copyOf(adopting), false);
        run(transaction, tables);
        return CheckResult.passed();
    }

    /**
     * The whole-set element request for its {@code CHECK}: the wanted elements the set's type refuses
     * ({@link FakeElements}), in a managed (or not yet existing) table. {@code DIGEST} and {@code APPLY} of a whole
     * set (an {@code elements_file}'s bookkeeping on the host) are not modelled: ElementsOperationTest covers them.
     * Requests for a contribution to a set owned elsewhere are modelled in full ({@link FakeContributions}).
     */
    public ElementsResult elements(ElementsParams params) {
        TableRef set = params.set().table();
        if (params.contributor() != null) {
            if (tables.containsKey(set) && !owners.containsKey(set)) {
                throw new AgentException(
                        ErrorCode.NOT_OWNED, set.describe(), set.describe() + " is not managed by nftkeeper");
            }
            return contributions.handle(
                    params,
                    () -> listing(set).exists()
                            ? listing(set).live().set(params.set().name())
                            : Optional.empty(),
                    transaction -> apply(transaction, false));
        }
        if (params.action() != ElementsParams.Action.CHECK) {
            throw new UnsupportedOperationException("the FakeAgent models only the CHECK of whole-set elements");
        }
        TableRef table = params.set().table();
        if (tables.containsKey(table) && !owners.containsKey(table)) {
            throw new AgentException(
                    ErrorCode.NOT_OWNED, table.describe(), table.describe() + " is not managed by nftkeeper");
        }
        List<String> wanted = PackedElements.unpack(params.packed());
        for (int i = 0; i < wanted.size(); i++) {
            Optional<String> refusal = FakeElements.refusal(params.set().type(), wanted.get(i));
            if (refusal.isPresent()) {
                return new ElementsResult(false, 0, null, false, 0, 0, null, null, i, refusal.get(), null);
            }
        }
        return new ElementsResult(false, 0, null, false, wanted.size(), 0, null, null, null, null, null);
    }

    public void adopt(AdoptParams params) {
        TableRef table = params.table();
        if (!tables.containsKey(table)) {
            throw new AgentException(
                    ErrorCode.NOT_FOUND,
                    table.describe(),
                    table.describe() + " does not exist on this host, so it cannot be imported");
        }
        String claimed = owners.get(table);
        if (params.owner() != null
                && claimed != null
                && !claimed.isEmpty()
                && !claimed.equals(params.owner())
                && !params.takesOver()) {
            throw new AgentException(
                    ErrorCode.NOT_OWNED,
                    table.describe(),
                    table.describe()
                            + " is managed by another Terraform configuration (its nftables_table has another owner ID)"
                            + ", so it is not imported.");
        }
        owners.put(table, params.owner() != null ? params.owner() : claimed == null ? "" : claimed);
    }

    private TableListing listing(TableRef table) {
        FakeTable live = tables.get(table);
        return live == null
                ? TableListing.absent(table, owners.containsKey(table))
                : TableListing.present(table, owners.containsKey(table), live.live(), null);
    }

    private static void requireCommands(Transaction transaction) {
        if (transaction.isEmpty()) {
            throw new AgentException(ErrorCode.INVALID, null, "the transaction has no commands");
        }
    }

    /**
     * As the agent's ownership rules: every command's table is managed (or created by an earlier command of the
     * transaction, and not existing yet) and, when both name one, by the transaction's owner; a write
     * ({@code ownerNeeded}) into a table an owner claims must name that owner. Answers the tables the transaction
     * creates.
     */
    private Set<TableRef> checkOwnership(Transaction transaction, Set<TableRef> adopting, boolean ownerNeeded) {
        Set<TableRef> created = new LinkedHashSet<>();
        for (Command command : transaction.commands()) {
            TableRef table = command.object().table();
            if (created.contains(table) || adopting.contains(table)) {
                continue;
            }
            String claim = owners.get(table);
            if (claim != null) {
                if (transaction.owner() != null
                        && !claim.isEmpty()
                        && !claim.equals(transaction.owner())
                        && tables.containsKey(table)) {
                    throw new AgentException(
                            ErrorCode.NOT_OWNED,
                            table.describe(),
                            table.describe()
                                    + " is managed by another Terraform configuration (its nftables_table has another "
                                    + "owner ID), so this one will not " + command.describe() + ".");
                }
                // as the agent: only a write that does more than add must name the owner (OwnershipRules)
                if (ownerNeeded
                        && transaction.changesBeyondAdding(table)
                        && transaction.owner() == null
                        && !claim.isEmpty()
                        && tables.containsKey(table)) {
                    throw new AgentException(
                            ErrorCode.NOT_OWNED,
                            table.describe(),
                            table.describe()
                                    + " is managed by a Terraform configuration (its nftables_table has an owner ID) "
                                    + "and this change does not come on its behalf, so nftkeeper will not "
                                    + command.describe() + ".");
                }
                continue;
            }
            if (command.verb() == Verb.ADD && command.object() instanceof Table) {
                if (tables.containsKey(table)) {
                    throw new AgentException(
                            ErrorCode.ALREADY_EXISTS,
                            table.describe(),
                            table.describe()
                                    + " already exists on this host and is not managed by nftkeeper; import it");
                }
                created.add(table);
                continue;
            }
            throw new AgentException(
                    ErrorCode.NOT_OWNED,
                    table.describe(),
                    table.describe()
                            + " is not managed by nftkeeper, so it will not " + command.describe()
                            + "; import the table first if nftkeeper should manage it");
        }
        return created;
    }

    /** The tables after {@code transaction}, run on copies: {@code before} is never changed. */
    private Map<TableRef, FakeTable> run(Transaction transaction, Map<TableRef, FakeTable> before) {
        Map<TableRef, FakeTable> after = new TreeMap<>();
        before.forEach((ref, table) -> after.put(ref, table.copy()));
        List<Command> commands = transaction.commands();
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            try {
                runOne(command, after);
            } catch (FakeTable.Refused e) {
                String message = commands.size() == 1
                        ? e.getMessage()
                        : "command " + (i + 1) + " of " + commands.size() + " (" + command.describe() + ") failed: "
                                + e.getMessage() + " (nothing was applied)";
                throw new AgentException(e.code(), command.object().describe(), i, message, null);
            }
        }
        return after;
    }

    private void runOne(Command command, Map<TableRef, FakeTable> state) {
        TableRef ref = command.object().table();
        if (command.object() instanceof Table table) {
            FakeTable existing = state.get(ref);
            switch (command.verb()) {
                case ADD -> {
                    if (existing == null) {
                        state.put(ref, new FakeTable(table, ++tableHandles));
                    } else {
                        existing.flags(table);
                    }
                }
                case DELETE -> {
                    if (existing == null) {
                        throw FakeTable.notFound(table.describe());
                    }
                    state.remove(ref);
                }
                case DESTROY -> state.remove(ref);
                case FLUSH -> {
                    if (existing == null) {
                        throw FakeTable.notFound(table.describe());
                    }
                    existing.flush();
                }
                default -> throw new IllegalStateException(command.describe());
            }
            return;
        }
        FakeTable table = state.get(ref);
        if (table == null) {
            if (command.verb() == Verb.DESTROY) {
                return;
            }
            throw FakeTable.notFound(ref.describe());
        }
        table.run(Objects.requireNonNull(command));
    }
}
