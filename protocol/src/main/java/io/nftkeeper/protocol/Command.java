package io.nftkeeper.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * One verb applied to one object; a {@link Transaction} is an ordered list of these. Verbs that make no sense for
 * the object (flushing a rule, deleting a rule without its handle) are refused at construction.
 */
public record Command(Verb verb, NftObject object) {

    public Command {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(object, "object");
        String refusal = ScriptRenderer.refusal(verb, object);
        if (refusal != null) {
            throw new InvalidObjectDefinitionException(refusal);
        }
    }

    /** The exact nft text, one line per nft command, each ending with a newline. */
    public String toScript() {
        StringBuilder out = new StringBuilder(estimatedScriptLength());
        appendScript(out);
        return out.toString();
    }

    /** Appends {@link #toScript()}'s text to {@code out}. */
    public void appendScript(StringBuilder out) {
        ScriptRenderer.append(out, verb, object);
    }

    /** Roughly how long the script is, to size buffers once. */
    public int estimatedScriptLength() {
        return ScriptRenderer.estimatedLength(verb, object);
    }

    /** E.g. {@code destroy table inet web}. */
    public String describe() {
        return verb.name().toLowerCase(Locale.ROOT) + " " + object.describe();
    }
}
