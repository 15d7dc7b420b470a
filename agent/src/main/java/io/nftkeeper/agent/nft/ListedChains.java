package io.nftkeeper.agent.nft;

import io.nftkeeper.protocol.live.LiveBaseChain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chains of one table, read from its stateless text listing ({@code nft -s list table ...}): the only form in
 * which this host's nft tells how it prints each rule. nft prints one chain per {@code \tchain NAME {} block, an
 * optional chain comment, the base-chain header line, then one rule per line; other blocks (sets, maps, named
 * objects) are skipped.
 */
final class ListedChains {

    private static final Pattern CHAIN_START = Pattern.compile("^\\tchain \"?([^\" {]+)\"? \\{$");
    private static final Pattern BLOCK_END = Pattern.compile("^\\t}$");
    private static final Pattern HEADER = Pattern.compile("^type (\\S+) hook (\\S+)"
            + "(?: device \"([^\"]+)\"| devices = \\{ ([^}]*) })? priority (.+?);(?: policy (\\S+);)?$");
    private static final Pattern CHAIN_COMMENT = Pattern.compile("^comment \"[^\"]*\"$");

    /** A chain as the text lists it: {@code base} null for a regular chain, each rule's whole line. */
    record TextChain(String name, LiveBaseChain base, List<String> rules) {}

    private ListedChains() {}

    /** The chains of one table's stateless text listing, by name in listing order. */
    static Map<String, TextChain> parse(String text) {
        Map<String, TextChain> chains = new LinkedHashMap<>();
        String chain = null;
        LiveBaseChain base = null;
        List<String> rules = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (chain == null) {
                Matcher start = CHAIN_START.matcher(line);
                if (start.matches()) {
                    chain = start.group(1);
                    base = null;
                    rules = new ArrayList<>();
                }
                continue;
            }
            if (BLOCK_END.matcher(line).matches()) {
                chains.put(chain, new TextChain(chain, base, List.copyOf(rules)));
                chain = null;
                continue;
            }
            String content = line.strip();
            if (content.isEmpty()
                    || (rules.isEmpty() && CHAIN_COMMENT.matcher(content).matches())) {
                continue;
            }
            Matcher header = HEADER.matcher(content);
            if (rules.isEmpty() && base == null && header.matches()) {
                base = new LiveBaseChain(
                        header.group(1),
                        header.group(2),
                        header.group(5),
                        header.group(6),
                        devices(header.group(3), header.group(4)));
            } else {
                rules.add(content);
            }
        }
        if (chain != null) {
            throw new IllegalArgumentException("chain " + chain + " has no closing brace in the listing");
        }
        return chains;
    }

    private static List<String> devices(String single, String several) {
        if (single != null) {
            return List.of(single);
        }
        if (several == null) {
            return List.of();
        }
        return Arrays.stream(several.split(","))
                .map(String::strip)
                .map(d -> d.replace("\"", ""))
                .toList();
    }
}
