package io.nftkeeper.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An ordered, immutable list of commands that the agent applies as one nft batch: all or nothing.
 * Every object is validated when it is constructed, so {@link #toScript()} never renders unvalidated input.
 *
 * <p>{@code owner}, when set, is the owner ID of the Terraform configuration the transaction runs for (its
 * nftables_table's {@code owner}): the agent refuses it on a table another owner manages. It is not part of the
 * script.
 */
public final class Transaction {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final List<Command> commands;
    private final String owner;

    private Transaction(List<Command> commands, String owner) {
        this.commands = List.copyOf(commands);
        this.owner = owner;
    }

    public static Transaction of(List<Command> commands) {
        return new Transaction(commands, null);
    }

    public static Transaction of(List<Command> commands, String owner) {
        return new Transaction(commands, null).onBehalfOf(owner);
    }

    /** This transaction run for {@code owner} (null: for no owner in particular). */
    public Transaction onBehalfOf(String owner) {
        if (owner != null && !OWNER.matcher(owner).matches()) {
            throw new InvalidObjectDefinitionException(
                    "an owner ID is 1 to 64 letters, digits and '-', not \"" + owner + "\"");
        }
        return Objects.equals(owner, this.owner) ? this : new Transaction(commands, owner);
    }

    /** The owner ID it runs for, or null. */
    public String owner() {
        return owner;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Command> commands() {
        return commands;
    }

    public boolean isEmpty() {
        return commands.isEmpty();
    }

    /**
     * Whether this does more in {@code table} than add: delete, destroy, flush or insert (only such a write must name
     * the table's owner; see the agent's OwnershipRules).
     */
    public boolean changesBeyondAdding(TableRef table) {
        return commands.stream()
                .anyMatch(command -> command.object().table().equals(table) && command.verb() != Verb.ADD);
    }

    /**
     * The exact nft script, one command per line. Rendered into one buffer sized up front, so a transaction with a
     * 100k-element set is not copied while it grows.
     */
    public String toScript() {
        long estimate = 0;
        for (Command command : commands) {
            estimate += command.estimatedScriptLength();
        }
        StringBuilder out = new StringBuilder((int) Math.min(estimate, Integer.MAX_VALUE - 8));
        for (Command command : commands) {
            command.appendScript(out);
        }
        return out.toString();
    }

    /** E.g. {@code add table inet a; delete table inet b}. */
    public String describe() {
        return commands.stream().map(Command::describe).collect(Collectors.joining("; "));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Transaction that && commands.equals(that.commands) && Objects.equals(owner, that.owner);
    }

    @Override
    public int hashCode() {
        return commands.hashCode() * 31 + Objects.hashCode(owner);
    }

    @Override
    public String toString() {
        return toScript();
    }

    /** Collects commands in order. Not thread-safe. */
    public static final class Builder {
        private final List<Command> commands = new ArrayList<>();

        private Builder() {}

        public Builder add(NftObject object) {
            return command(Verb.ADD, object);
        }

        /** Adds {@code rule} right after the rule with handle {@code handle}. */
        public Builder addAfter(Rule rule, long handle) {
            return command(Verb.ADD, rule.withHandle(handle));
        }

        /** Inserts {@code rule} right before the rule with handle {@code handle}. */
        public Builder insertBefore(Rule rule, long handle) {
            return command(Verb.INSERT, rule.withHandle(handle));
        }

        public Builder delete(NftObject object) {
            return command(Verb.DELETE, object);
        }

        public Builder destroy(NftObject object) {
            return command(Verb.DESTROY, object);
        }

        public Builder flush(NftObject object) {
            return command(Verb.FLUSH, object);
        }

        /**
         * Replaces every rule of {@code chain} with {@code rules}, in order, in this transaction's batch: the chain
         * is flushed and the rules added again, so no packet ever sees a half-replaced chain.
         */
        public Builder replaceChainRules(Chain chain, List<Rule> rules) {
            requireRulesOf(chain, rules);
            flush(chain);
            rules.forEach(this::add);
            return this;
        }

        /**
         * Turns the rules of {@code chain}, {@code current} as listed (with their handles), into {@code wanted} with
         * the fewest commands {@code alignment} (from {@code current} to {@code wanted}) allows: a rule that stays is
         * not touched, so it keeps its handle and its counter; a removed rule is deleted by handle; an added rule is
         * inserted before the next rule that stays, or appended when none follows. A handle that no longer exists
         * makes the whole batch fail, so a chain changed since it was listed is never edited at the wrong place.
         */
        public Builder editChainRules(Chain chain, List<Rule> current, List<Rule> wanted, Alignment alignment) {
            requireRulesOf(chain, current);
            requireRulesOf(chain, wanted);
            for (Rule rule : current) {
                if (rule.handle() == null) {
                    throw new InvalidObjectDefinitionException("editing " + chain.describe() + " needs the handle "
                            + "of every rule it has (list the chain to learn them)");
                }
            }
            for (Alignment.Gap gap : alignment.gaps()) {
                for (int i = gap.fromBefore(); i < gap.toBefore(); i++) {
                    delete(current.get(i));
                }
                for (int j = gap.fromAfter(); j < gap.toAfter(); j++) {
                    Rule rule = wanted.get(j);
                    if (rule.handle() != null) {
                        throw new InvalidObjectDefinitionException(
                                "a wanted rule has no handle yet (" + rule.describe() + ")");
                    }
                    if (gap.next() == null) {
                        add(rule);
                    } else {
                        insertBefore(rule, current.get(gap.next().before()).handle());
                    }
                }
            }
            return this;
        }

        private static void requireRulesOf(Chain chain, List<Rule> rules) {
            for (Rule rule : rules) {
                if (!rule.table().equals(chain.table()) || !rule.chain().equals(chain.name())) {
                    throw new InvalidObjectDefinitionException(
                            rule.describe() + " does not belong to " + chain.describe());
                }
            }
        }

        public Builder command(Verb verb, NftObject object) {
            commands.add(new Command(verb, object));
            return this;
        }

        public Transaction build() {
            return new Transaction(commands, null);
        }
    }
}
