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

    /** The exact nft script, one command per line. */
    public String toScript() {
        return commands.stream().map(Command::toScript).collect(Collectors.joining());
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

        public Builder command(Verb verb, NftObject object) {
            commands.add(new Command(verb, object));
            return this;
        }

        public Transaction build() {
            return new Transaction(commands);
        }
    }
}
