package io.nftkeeper.agent.nft;

import java.util.ArrayList;
import java.util.List;

/**
 * The elements of one set as {@code nft -s list set} prints them: the {@code elements = { ... }} block, split at
 * commas outside quotes (a comment may hold commas), each element stripped. nft prints elements in its canonical
 * spelling, so these texts are the canonical element set (in kernel order for hash sets: sort before comparing).
 */
public final class ListedSetElements {

    private static final String OPENING = "elements = {";

    private ListedSetElements() {}

    /** The listed elements, in listing order; none when the set is empty. */
    public static List<String> parse(String listing) {
        List<String> elements = new ArrayList<>();
        int start = listing.indexOf(OPENING);
        if (start < 0) {
            return elements;
        }
        StringBuilder element = new StringBuilder(48);
        boolean quoted = false;
        for (int i = start + OPENING.length(); i < listing.length(); i++) {
            char c = listing.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && (c == ',' || c == '}')) {
                String text = element.toString().strip();
                if (!text.isEmpty()) {
                    elements.add(text);
                }
                element.setLength(0);
                if (c == '}') {
                    break;
                }
            } else if (quoted || !Character.isWhitespace(c) || element.length() > 0) {
                element.append(c == '\n' || c == '\t' ? ' ' : c);
            }
        }
        return elements;
    }
}
