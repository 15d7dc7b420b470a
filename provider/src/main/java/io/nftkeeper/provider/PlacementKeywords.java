package io.nftkeeper.provider;

import io.nftkeeper.framework.schema.Validator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a rule expression that begins with {@code index}, {@code position} or {@code handle}. nft reads those words
 * right after the chain as where to put the rule ({@code add rule t c index 0 ...}), not as part of it: such a rule
 * would land elsewhere than its block says, and the chain's state would pair each expr with another rule's listing.
 * No statement begins with these words, so nothing nft accepts as a rule is refused.
 */
public final class PlacementKeywords {

    private static final Pattern LEADING_PLACEMENT = Pattern.compile("^\\s*(index|position|handle)(?=\\s|$)\\s*(\\S*)");

    private PlacementKeywords() {}

    public static Validator refused() {
        return (path, value, diagnostics) -> problem(value.asString())
                .ifPresent(problem -> diagnostics.addAttributeError(path, "Invalid rule (" + path + ")", problem));
    }

    static Optional<String> problem(String expr) {
        Matcher placement = LEADING_PLACEMENT.matcher(expr);
        if (!placement.find()) {
            return Optional.empty();
        }
        String keyword = (placement.group(1) + " " + placement.group(2)).strip();
        return Optional.of("`" + expr.strip() + "` begins with `" + keyword + "`, which nft reads as where to put the "
                + "rule, not as part of it. A rule's position comes only from the order of the chain's rule blocks: "
                + "remove `" + keyword + "` and move the rule block instead.");
    }
}
