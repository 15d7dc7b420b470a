package io.nftkeeper.cli.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: anything a scraper could reject or
 * misread (bad names, bad escapes, a TYPE after its samples, a family split in two, duplicate series, no final
 * newline) is an {@link IllegalArgumentException} naming the line.
 */
public final class PrometheusText {

    private static final String METRIC_NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** Everything a scrape would take in. */
    public record Exposition(List<Sample> samples, Map<String, String> types, Map<String, String> help) {

        public List<Sample> samples(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }

        /** The one sample of {@code name} with exactly these labels (given as name, value, name, value ...). */
        public double value(String name, String... labels) {
            Map<String, String> wanted = new TreeMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                wanted.put(labels[i], labels[i + 1]);
            }
            return samples(name).stream()
                    .filter(s -> new TreeMap<>(s.labels()).equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no sample " + name + wanted))
                    .value();
        }
    }

    private PrometheusText() {}

    public static Exposition parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a newline");
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        Set<String> familiesSeen = new HashSet<>();
        Set<String> series = new HashSet<>();
        Map<String, Integer> typeLine = new HashMap<>();
        String currentFamily = null;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length - 1; n++) {
            String line = lines[n];
            String where = "line " + (n + 1) + " '" + line + "'";
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String metric = parts[2];
                    requireMatches(metric, METRIC_NAME, where);
                    String rest = parts.length == 4 ? parts[3] : "";
                    if (parts[1].equals("TYPE")) {
                        if (!TYPES.contains(rest)) {
                            throw new IllegalArgumentException(where + ": unknown type '" + rest + "'");
                        }
                        if (types.put(metric, rest) != null) {
                            throw new IllegalArgumentException(where + ": second TYPE for " + metric);
                        }
                        if (familiesSeen.contains(metric)) {
                            throw new IllegalArgumentException(where + ": TYPE after samples of " + metric);
                        }
                        typeLine.put(metric, n);
                    } else if (help.put(metric, unescapeHelp(rest, where)) != null) {
                        throw new IllegalArgumentException(where + ": second HELP for " + metric);
                    }
                }
                continue;
            }
            Sample sample = sample(line, where);
            if (!sample.name().equals(currentFamily)) {
                if (!familiesSeen.add(sample.name())) {
                    throw new IllegalArgumentException(where + ": samples of " + sample.name() + " are not together");
                }
                currentFamily = sample.name();
            }
            if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                throw new IllegalArgumentException(where + ": duplicate series");
            }
            samples.add(sample);
        }
        return new Exposition(List.copyOf(samples), types, help);
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireMatches(name, METRIC_NAME, where);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i < line.length() && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException(where + ": label without '='");
                }
                String label = line.substring(i, eq);
                requireMatches(label, LABEL_NAME, where);
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException(where + ": label value of " + label + " is not quoted");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; ; j++) {
                    if (j >= line.length()) {
                        throw new IllegalArgumentException(where + ": unterminated label value");
                    }
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char next = j + 1 < line.length() ? line.charAt(++j) : ' ';
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException(where + ": bad escape \\" + next);
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException(where + ": label " + label + " given twice");
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    throw new IllegalArgumentException(where + ": expected ',' or '}' after label " + label);
                }
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException(where + ": no value");
        }
        String[] valueAndTimestamp = line.substring(i + 1).split(" ");
        if (valueAndTimestamp.length > 2) {
            throw new IllegalArgumentException(where + ": trailing text after value and timestamp");
        }
        if (valueAndTimestamp.length == 2) {
            requireMatches(valueAndTimestamp[1], "-?\\d+", where);
        }
        return new Sample(name, labels, value(valueAndTimestamp[0], where));
    }

    private static double value(String text, String where) {
        switch (text) {
            case "NaN" -> {
                return Double.NaN;
            }
            case "+Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                requireMatches(text, "[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?", where);
                return Double.parseDouble(text);
            }
        }
    }

    private static String unescapeHelp(String text, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(++i) : ' ';
                switch (next) {
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    default -> throw new IllegalArgumentException(where + ": bad escape in HELP \\" + next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void requireMatches(String text, String regex, String where) {
        if (!text.matches(regex)) {
            throw new IllegalArgumentException(where + ": '" + text + "' does not match " + regex);
        }
    }
}
