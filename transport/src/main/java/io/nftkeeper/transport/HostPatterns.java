package io.nftkeeper.transport;

import java.util.Locale;

/**
 * The host field of a known_hosts line as OpenSSH reads it: comma-separated patterns, {@code *} for any run of
 * characters and {@code ?} for one, case-insensitive; a name matches when a pattern matches it and no negated
 * ({@code !pattern}) one does. {@code [host]:port} is matched as written.
 */
final class HostPatterns {

    private HostPatterns() {}

    static boolean matches(String patterns, String name) {
        String lowered = name.toLowerCase(Locale.ROOT);
        boolean matched = false;
        for (String pattern : patterns.split(",")) {
            boolean negated = pattern.startsWith("!");
            String glob = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (glob(glob, 0, lowered, 0)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private static boolean glob(String pattern, int p, String name, int n) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int rest = n; rest <= name.length(); rest++) {
                    if (glob(pattern, p + 1, name, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (n >= name.length() || (c != '?' && c != name.charAt(n))) {
                return false;
            }
            p++;
            n++;
        }
        return n == name.length();
    }
}
