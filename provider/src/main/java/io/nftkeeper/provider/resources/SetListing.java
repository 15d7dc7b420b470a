package io.nftkeeper.provider.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named sets of one table, read from the host's stateless text listing ({@code nft -s list table ...}): the
 * host's own spelling of every element (prefixes merged, {@code expires} left out), and the properties nft's JSON
 * drops ({@code dynamic}, {@code auto-merge}). nft prints one set per {@code \tset NAME {} block (maps: {@code \tmap
 * NAME {}, their {@code type} is the whole {@code key : value} clause), one property per line, and the elements as
 * {@code elements = { a, b,} continued on further lines up to the closing brace.
 */
public record SetListing(Map<String, ListedSet> sets, Map<String, ListedSet> maps) {

    private static final Pattern SET_START = Pattern.compile("^\\t(set|map) \"?([^\" {]+)\"? \\{$");
    private static final Pattern BLOCK_END = Pattern.compile("^\\t}$");

    public SetListing {
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
        maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
    }

    /** A set as listed; absent properties are null ({@code autoMerge} false), elements in listed order. */
    public record ListedSet(String name, String type, String typeof, Set<String> flags, String timeout, Long size,
                            String policy, boolean autoMerge, List<String> elements) {
        public ListedSet {
            flags = Collections.unmodifiableSet(new LinkedHashSet<>(flags));
            elements = List.copyOf(elements);
        }
    }

    public Optional<ListedSet> set(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    public Optional<ListedSet> map(String name) {
        return Optional.ofNullable(maps.get(name));
    }

    /** Parses one table's stateless text listing. */
    public static SetListing parse(String text) {
        Map<String, ListedSet> sets = new LinkedHashMap<>();
        Map<String, ListedSet> maps = new LinkedHashMap<>();
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
                    set.elements = splitElements(elements.text());
                    elements = null;
                }
                continue;
            }
            if (BLOCK_END.matcher(line).matches()) {
                (isMap ? maps : sets).put(name, set.build(name));
                name = null;
                continue;
            }
            String content = line.strip();
            if (content.startsWith("elements = {")) {
                elements = new ElementLines();
                if (elements.append(content.substring("elements = {".length()))) {
                    set.elements = splitElements(elements.text());
                    elements = null;
                }
            } else {
                set.property(content);
            }
        }
        if (name != null) {
            throw new IllegalArgumentException("set " + name + " has no closing brace in the listing");
        }
        return new SetListing(sets, maps);
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

    /** {@code " a, b . c }"} → {@code [a, b . c]}: commas outside quotes and braces separate elements. */
    static List<String> splitElements(String list) {
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
                case "flags" -> flags = new LinkedHashSet<>(Arrays.stream(value.split(",")).map(String::strip).toList());
                case "timeout" -> timeout = value;
                case "size" -> size = Long.parseLong(value);
                case "policy" -> policy = value;
                case "auto-merge" -> autoMerge = true;
                default -> {
                    // gc-interval, comment, counter, ...: not managed by nftables_set
                }
            }
        }

        ListedSet build(String name) {
            return new ListedSet(name, type, typeof, flags, timeout, size, policy, autoMerge, elements);
        }
    }
}
