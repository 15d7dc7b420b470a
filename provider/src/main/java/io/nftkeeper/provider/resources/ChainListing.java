package io.nftkeeper.provider.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chains of one table, read from the host's stateless text listing ({@code nft -s list table ...}): the only
 * form in which this host's nft tells how it prints each rule. nft prints one chain per {@code \tchain NAME {} block,
 * an optional chain comment, the base-chain header line, then one rule per line; other blocks (sets, maps, named
 * objects) are skipped.
 */
public record ChainListing(Map<String, ListedChain> chains) {

    private static final Pattern CHAIN_START = Pattern.compile("^\\tchain \"?([^\" {]+)\"? \\{$");
    private static final Pattern BLOCK_END = Pattern.compile("^\\t}$");
    private static final Pattern HEADER = Pattern.compile("^type (\\S+) hook (\\S+)"
            + "(?: device \"([^\"]+)\"| devices = \\{ ([^}]*) })? priority (.+?);(?: policy (\\S+);)?$");
    private static final Pattern CHAIN_COMMENT = Pattern.compile("^comment \"[^\"]*\"$");
    private static final Pattern RULE_COMMENT = Pattern.compile("^(.*) comment \"([^\"]*)\"$");

    public ChainListing {
        chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
    }

    /** A chain as listed: {@code base} empty for a regular chain. */
    public record ListedChain(String name, Optional<ListedBase> base, List<ListedRule> rules) {
        public ListedChain {
            rules = List.copyOf(rules);
        }

        /** Each rule's full canonical line, in order. */
        public List<String> canonicalRules() {
            return rules.stream().map(ListedRule::canonical).toList();
        }
    }

    /** A base chain's header as printed, e.g. priority {@code filter + 10}; devices as listed (sorted by nft). */
    public record ListedBase(String type, String hook, String priority, String policy, List<String> devices) {
        public ListedBase {
            devices = List.copyOf(devices);
        }
    }

    /** One rule line; {@code expr} and {@code comment} are the line split at a trailing {@code comment "..."}. */
    public record ListedRule(String canonical, String expr, String comment) {
        static ListedRule of(String line) {
            Matcher m = RULE_COMMENT.matcher(line);
            return m.matches() ? new ListedRule(line, m.group(1), m.group(2)) : new ListedRule(line, line, null);
        }
    }

    public Optional<ListedChain> chain(String name) {
        return Optional.ofNullable(chains.get(name));
    }

    /** Parses one table's stateless text listing. */
    public static ChainListing parse(String text) {
        Map<String, ListedChain> chains = new LinkedHashMap<>();
        String chain = null;
        Optional<ListedBase> base = Optional.empty();
        List<ListedRule> rules = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (chain == null) {
                Matcher start = CHAIN_START.matcher(line);
                if (start.matches()) {
                    chain = start.group(1);
                    base = Optional.empty();
                    rules = new ArrayList<>();
                }
                continue;
            }
            if (BLOCK_END.matcher(line).matches()) {
                chains.put(chain, new ListedChain(chain, base, rules));
                chain = null;
                continue;
            }
            String content = line.strip();
            if (content.isEmpty() || (rules.isEmpty() && CHAIN_COMMENT.matcher(content).matches())) {
                continue;
            }
            Matcher header = HEADER.matcher(content);
            if (rules.isEmpty() && base.isEmpty() && header.matches()) {
                base = Optional.of(new ListedBase(header.group(1), header.group(2), header.group(5),
                        header.group(6), devices(header.group(3), header.group(4))));
            } else {
                rules.add(ListedRule.of(content));
            }
        }
        if (chain != null) {
            throw new IllegalArgumentException("chain " + chain + " has no closing brace in the listing");
        }
        return new ChainListing(chains);
    }

    private static List<String> devices(String single, String several) {
        if (single != null) {
            return List.of(single);
        }
        if (several == null) {
            return List.of();
        }
        return Arrays.stream(several.split(",")).map(String::strip).map(d -> d.replace("\"", "")).toList();
    }
}
