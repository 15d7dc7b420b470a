package io.nftkeeper.acceptance.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic generator of hostile user input: valid seeds (rule texts, element values, names, comments)
 * mutated with what an attacker or a careless copy-paste brings along: command separators, shell substitutions
 * that would leave a marker file if anything ever ran them, line breaks followed by a second command, quotes and
 * braces out of balance, unicode that renders deceptively, control characters, and strings of up to 1 MiB.
 */
final class HostileInputs {

    /** Where each input goes: a rule expression, a set element, a name or a comment. */
    enum Kind {
        RULE,
        ELEMENT,
        NAME,
        COMMENT
    }

    record Input(Kind kind, String text) {}

    /** The file a shell substitution in any payload would create; its absence proves nothing ran. */
    static final String MARKER_FILE = "/tmp/nftkeeper-fuzz-marker";

    private static final List<String> RULE_SEEDS = List.of(
            "tcp dport 22 accept",
            "tcp dport { 22, 80, 443 } ct state new counter accept",
            "ip saddr 10.0.0.0/8 drop",
            "ip saddr @allowed accept",
            "ip6 saddr fe80::/10 accept",
            "iifname \"lo\" accept",
            "ct state established,related accept",
            "ct state invalid drop",
            "meta l4proto icmp limit rate 10/second accept",
            "udp dport 53 counter accept",
            "ip saddr . tcp dport { 10.0.0.1 . 22 } accept",
            "log prefix \"dropped: \" level info drop",
            "reject with icmp port-unreachable",
            "meta mark set 0x1",
            "tcp flags syn tcp option maxseg size set rt mtu",
            "jump other",
            "ip daddr vmap { 10.0.0.1 : accept, 10.0.0.2 : drop }",
            "quota over 500 mbytes drop",
            "meta nftrace set 1",
            "th dport 8080 drop");

    private static final List<String> ELEMENT_SEEDS =
            List.of("10.0.0.1", "10.0.0.0/8", "192.168.1.0/24", "172.16.0.1", "10.1.0.1-10.1.0.9", "0.0.0.0/0");

    private static final List<String> NAME_SEEDS =
            List.of("filter", "input", "allowed_v4", "web-1", "k8s.node", "_private");

    private static final List<String> COMMENT_SEEDS =
            List.of("allow ssh from admins", "ticket OPS-1234", "äöü unicode ok", "");

    /** Fragments that must never do anything but be rejected or stay literal text. */
    private static final List<String> PAYLOADS = List.of(
            ";",
            "; flush ruleset",
            "; delete table inet canary",
            "\nflush ruleset\n",
            "\r\nadd table inet evil",
            "$(touch " + MARKER_FILE + ")",
            "`touch " + MARKER_FILE + "`",
            "| touch " + MARKER_FILE,
            "&& touch " + MARKER_FILE,
            "> " + MARKER_FILE,
            "\"",
            "'",
            "\\",
            "\\n",
            "{",
            "}",
            "{ 1, 2",
            "}; flush ruleset; {",
            "#",
            "# comment",
            "\u0000",
            "\u001b[31m",
            "\u007f",
            "\u202e",
            "\u200b",
            "\ud83d\udd25",
            "\u0301",
            "ＡＢＣ",
            "\ufeff",
            "%s%n",
            "${HOME}",
            "../../etc/passwd",
            "@",
            "@nope",
            "$var",
            "define x = 1",
            "include \"/etc/passwd\"",
            "\t",
            "  ",
            ",",
            ":",
            ".",
            "-",
            "*",
            "counter name \"$(id)\"",
            "comment \"x\" comment \"y\"");

    private final Random random;

    HostileInputs(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} inputs, spread over the kinds, each seed mutated one to three times. */
    List<Input> generate(int count) {
        List<Input> inputs = new ArrayList<>(count);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < count; i++) {
            Kind kind = kinds[i % kinds.length];
            String text = pick(seeds(kind));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                text = mutate(text);
            }
            inputs.add(new Input(kind, text));
        }
        return inputs;
    }

    private String mutate(String text) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> insert(text, pick(PAYLOADS));
            case 3 -> text + pick(PAYLOADS) + pick(seeds(Kind.RULE));
            case 4 -> replaceOneCharacter(text);
            case 5 -> text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
            case 6 -> insert(text, randomCodePoints(1 + random.nextInt(8)));
            case 7 -> text + " " + text;
            case 8 -> random.nextInt(40) == 0 ? huge(text) : insert(text, pick(PAYLOADS) + pick(PAYLOADS));
            default -> text.toUpperCase(java.util.Locale.ROOT);
        };
    }

    private String insert(String text, String fragment) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        return text.substring(0, at) + fragment + text.substring(at);
    }

    private String replaceOneCharacter(String text) {
        if (text.isEmpty()) {
            return randomCodePoints(1);
        }
        int at = random.nextInt(text.length());
        return text.substring(0, at) + randomCodePoints(1) + text.substring(at + 1);
    }

    /** Mostly ASCII punctuation and control characters, sometimes any code point of the basic plane. */
    private String randomCodePoints(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD800);
            out.appendCodePoint(c);
        }
        return out.toString();
    }

    /** The text repeated up to 1 MiB: size limits must reject it quickly, not choke on it. */
    private String huge(String text) {
        String unit = text.isEmpty() ? "x" : text;
        return unit.repeat(Math.max(1, (1 << 20) / unit.length()));
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static List<String> seeds(Kind kind) {
        return switch (kind) {
            case RULE -> RULE_SEEDS;
            case ELEMENT -> ELEMENT_SEEDS;
            case NAME -> NAME_SEEDS;
            case COMMENT -> COMMENT_SEEDS;
        };
    }
}
