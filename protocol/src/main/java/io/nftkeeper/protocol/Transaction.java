package io.nftkeeper.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ordered, immutable list of commands that the agent applies as one nft batch: all or nothing.
 * Every object is validated when it is constructed, so {@link #toScript()} never renders unvalidated input.
 */
public final class Transaction {

    private final List<Command> commands;

    private Transaction(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    public static Transaction of(List<Command> commands) {
        return new Transaction(commands);
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
        return other instanceof Transaction that && commands.equals(that.commands);
    }

    @Override
    public int hashCode() {
        return commands.hashCode();
    }

    @Override
    public String toString() {
        return toScript();
    }

    /** Collects commands in order. Not thread-safe. */
    public static final class Builder {
        private final List<Command> commands = new ArrayList<>();

        private Builder() {
        }

        public Builder add(NftObject object) {
            return command(Verb.ADD, object);
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
            for (Rule rule : rules) {
                if (!rule.table().equals(chain.table()) || !rule.chain().equals(chain.name())) {
                    throw new InvalidObjectDefinitionException(rule.describe() + " does not belong to "
                            + chain.describe());
                }
            }
            flush(chain);
            rules.forEach(this::add);
            return this;
        }

        public Builder command(Verb verb, NftObject object) {
            commands.add(new Command(verb, object));
            return this;
        }

        public Transaction build() {
            return new Transaction(commands);
        }
    }
}
