package io.nftkeeper.protocol;

import java.util.ArrayList;
import java.util.List;

/** An element list as nft writes it, e.g. {@code a, b . c, 1.1.1.1 comment "x, y"}, split into its elements. */
public final class ElementLists {

    private ElementLists() {}

    /**
     * {@code " a, b . c }"} → {@code [a, b . c]}: commas outside quotes and braces separate elements; an unmatched
     * closing brace ends the list; runs of white space become one space.
     */
    public static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                add(out, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder element) {
        String text = element.toString().strip().replaceAll("\\s+", " ");
        if (!text.isEmpty()) {
            out.add(text);
        }
    }
}
