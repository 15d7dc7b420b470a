package io.nftkeeper.agent.nft;

import io.nftkeeper.protocol.ElementLists;
import io.nftkeeper.protocol.NftMap;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named sets and maps of one table, read from its stateless text listing ({@code nft -s list table ...}): the
 * host's own spelling of every element (prefixes merged, {@code expires} left out), and the properties nft's JSON
 * drops ({@code dynamic}, {@code auto-merge}). nft prints one set per {@code \tset NAME {} block (maps: {@code \tmap
 * NAME {}, their {@code type} is the whole {@code key : value} clause), one property per line, and the elements as
 * {@code elements = { a, b,} continued on further lines up to the closing brace. A map's entries are
 * {@code key : value} ({@code 10.0.0.1 comment "x" : drop}).
 */
record ListedSets(List<LiveSet> sets, List<LiveMap> maps) {

    private static final Pattern SET_START = Pattern.compile("^\\t(set|map) \"?([^\" {]+)\"? \\{$");
    private static final Pattern BLOCK_END = Pattern.compile("^\\t}$");

    ListedSets {
        sets = List.copyOf(sets);
        maps = List.copyOf(maps);
    }

    /** Parses one table's stateless text listing. */
    static ListedSets parse(String text) {
        List<LiveSet> sets = new ArrayList<>();
        List<LiveMap> maps = new ArrayList<>();
        boolean isMap = false;
        String name = null;
        Builder set = null;
        ElementLines elements = null;
        for (String line : text.split("\n", -1)) {
            if (name == null) {
                Matcher start = SET_START.matcher(line);
                if (start.matches()) {
                    isMap = start.group(1).equals("map");
                    name = start.group(2);
                    set = new Builder();
                }
                continue;
            }
            if (elements != null) {
                if (elements.append(" " + line.strip())) {
                    set.elements = ElementLists.split(elements.text());
                    elements = null;
                }
                continue;
            }
            if (BLOCK_END.matcher(line).matches()) {
                if (isMap) {
                    maps.add(set.buildMap(name));
                } else {
                    sets.add(set.build(name));
                }
                name = null;
                continue;
            }
            String content = line.strip();
            if (content.startsWith("elements = {")) {
                elements = new ElementLines();
                if (elements.append(content.substring("elements = {".length()))) {
                    set.elements = ElementLists.split(elements.text());
                    elements = null;
                }
            } else {
                set.property(content);
            }
        }
        if (name != null) {
            throw new IllegalArgumentException("set " + name + " has no closing brace in the listing");
        }
        return new ListedSets(sets, maps);
    }

    /**
     * The element list of a set as nft prints it over many lines, collected until its closing brace (outside quotes
     * and nested braces). Each line is scanned once: rescanning the whole list per line made a 10k-element set cost
     * seconds of CPU.
     */
    private static final class ElementLines {
        private final StringBuilder text = new StringBuilder();
        private boolean quoted;
        private int depth;

        /** Appends {@code more}; true once the list's closing brace is in. */
        boolean append(String more) {
            int from = text.length();
            text.append(more);
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '{') {
                    depth++;
                } else if (!quoted && c == '}') {
                    if (depth == 0) {
                        return true;
                    }
                    depth--;
                }
            }
            return false;
        }

        String text() {
            return text.toString();
        }
    }

    private static final class Builder {
        private String type;
        private String typeof;
        private Set<String> flags = Set.of();
        private String timeout;
        private Long size;
        private String policy;
        private boolean autoMerge;
        private List<String> elements = List.of();

        void property(String line) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            switch (key) {
                case "type" -> type = value;
                case "typeof" -> typeof = value;
                case "flags" ->
                    flags = new LinkedHashSet<>(
                            Arrays.stream(value.split(",")).map(String::strip).toList());
                case "timeout" -> timeout = value;
                case "size" -> size = Long.parseLong(value);
                case "policy" -> policy = value;
                case "auto-merge" -> autoMerge = true;
                default -> {
                    // gc-interval, comment, counter, ...: not managed by nftables_set
                }
            }
        }

        LiveSet build(String name) {
            return new LiveSet(name, type, typeof, flags, timeout, size, policy, autoMerge, elements);
        }

        /** nft prints a map's key and value types in one clause: {@code type ipv4_addr : verdict}. */
        LiveMap buildMap(String name) {
            String clause = typeof != null ? typeof : type;
            int colon = clause == null ? -1 : NftMap.keyValueSeparator(clause);
            if (colon < 0) {
                throw new IllegalArgumentException("map " + name + " lists no `key : value` type: " + clause);
            }
            String key = clause.substring(0, colon).strip();
            String value = clause.substring(colon + 3).strip();
            Map<String, String> entries = new LinkedHashMap<>();
            for (String element : elements) {
                int separator = NftMap.keyValueSeparator(element);
                if (separator > 0) {
                    entries.put(element.substring(0, separator), element.substring(separator + 3));
                }
            }
            return new LiveMap(
                    name,
                    typeof == null ? key : null,
                    typeof != null ? key : null,
                    value,
                    flags,
                    timeout,
                    size,
                    policy,
                    elements,
                    entries);
        }
    }
}
