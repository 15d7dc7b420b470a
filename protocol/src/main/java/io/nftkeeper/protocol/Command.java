package io.nftkeeper.protocol;

import java.util.Objects;

/** One verb applied to one object; a {@link Transaction} is an ordered list of these. */
public record Command(Verb verb, NftObject object) {

    public Command {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(object, "object");
    }

    /** The exact nft text, one line per nft command, each ending with a newline. */
    public String toScript() {
        String identity = object.describe();
        return switch (verb) {
            case ADD -> "add " + identity + "\n";
            case DELETE -> "delete " + identity + "\n";
            // nft 1.0.6 has no destroy: adding first makes the delete succeed whether or not the object existed,
            // and both run in the same batch, so no one ever sees the intermediate state.
            case DESTROY -> "add " + identity + "\n" + "delete " + identity + "\n";
        };
    }

    /** E.g. {@code destroy table inet web}. */
    public String describe() {
        return verb.name().toLowerCase(java.util.Locale.ROOT) + " " + object.describe();
    }
}
