package io.nftkeeper.agent.nft;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's own properties as its text listing ({@code nft -s list table}) prints them, before its first chain, set
 * or object: {@code flags dormant} and {@code comment "..."}. Read from the text because nft 1.0.6's JSON drops
 * the comment and prints the flags as garbage.
 */
record TableHeader(List<String> flags, String comment) {

    TableHeader {
        flags = List.copyOf(flags);
    }

    static TableHeader parse(String text) {
        List<String> flags = new ArrayList<>();
        String comment = null;
        for (String line : text.lines().skip(1).toList()) {
            // the table's own statements come first, one tab deep; a blank line or a block ends them
            if (line.isBlank() || line.endsWith("{") || line.equals("}")) {
                break;
            }
            String statement = line.strip();
            if (statement.startsWith("flags ")) {
                for (String flag : statement.substring("flags ".length()).split(",")) {
                    flags.add(flag.strip());
                }
            } else if (statement.startsWith("comment \"") && statement.endsWith("\"")) {
                comment = statement.substring("comment \"".length(), statement.length() - 1);
            }
        }
        return new TableHeader(flags, comment);
    }
}
