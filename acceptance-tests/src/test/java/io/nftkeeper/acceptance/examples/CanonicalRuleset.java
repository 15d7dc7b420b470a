package io.nftkeeper.acceptance.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code nft -s list ruleset} listing with the order of creation taken out. nft lists tables, and the sets,
 * maps, named objects and chains of a table, in the order they were created; Terraform creates independent
 * resources in parallel, so that order is not the guide's. Everything else stays byte for byte: each object's
 * text (a chain's rules in their order, a set's flags and elements, a chain's hook and priority), and a table's
 * own lines (flags, comment).
 */
record CanonicalRuleset(String text) {

    static CanonicalRuleset of(String listing) {
        List<String> tables = new ArrayList<>();
        List<String> lines = listing.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            if (!line.startsWith("table ") || !line.endsWith("{")) {
                throw new IllegalArgumentException("not a table at line " + (i + 1) + ": " + line);
            }
            StringBuilder ownLines = new StringBuilder(line).append('\n');
            List<String> objects = new ArrayList<>();
            i++;
            while (!lines.get(i).equals("}")) {
                String inner = lines.get(i);
                if (inner.startsWith("\t") && !inner.startsWith("\t\t") && inner.endsWith("{")) {
                    StringBuilder object = new StringBuilder();
                    while (!lines.get(i).equals("\t}")) {
                        object.append(lines.get(i++)).append('\n');
                    }
                    objects.add(object.append("\t}\n").toString());
                } else if (!inner.isBlank()) {
                    ownLines.append(inner).append('\n');
                }
                i++;
            }
            i++;
            objects.sort(null);
            tables.add(ownLines + String.join("", objects) + "}\n");
        }
        tables.sort(null);
        return new CanonicalRuleset(String.join("", tables));
    }
}
