package io.nftkeeper.protocol.fake;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which elements nft refuses for a set's type, as far as the {@link FakeAgent} models it: addresses, prefixes and
 * ranges of {@code ipv4_addr}, and ports and port ranges of {@code inet_service} (numbers only: service names need
 * the host's /etc/services). Elements of other types, and of concatenations, are taken as valid.
 */
final class FakeElements {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private FakeElements() {}

    /** nft's complaint about {@code element} in a set of {@code type}, if it has one. */
    static Optional<String> refusal(List<String> type, String element) {
        if (type.size() != 1) {
            return Optional.empty();
        }
        String value = element.replaceFirst(" comment \"[^\"]*\"$", "").strip();
        boolean valid = switch (type.get(0)) {
            case "ipv4_addr" -> ranged(value, FakeElements::ipv4Prefix);
            case "inet_service" -> ranged(value, FakeElements::port);
            default -> true;
        };
        return valid
                ? Optional.empty()
                : Optional.of("Error: Could not resolve hostname: Name or service not known (" + value + ")");
    }

    private static boolean ranged(String value, java.util.function.Predicate<String> single) {
        int dash = value.indexOf('-');
        return dash < 0
                ? single.test(value)
                : single.test(value.substring(0, dash).strip())
                        && single.test(value.substring(dash + 1).strip());
    }

    private static boolean ipv4Prefix(String value) {
        int slash = value.indexOf('/');
        if (slash >= 0) {
            String length = value.substring(slash + 1);
            if (!length.matches("\\d{1,2}") || Integer.parseInt(length) > 32) {
                return false;
            }
            value = value.substring(0, slash);
        }
        var m = IPV4.matcher(value);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean port(String value) {
        return value.matches("\\d{1,5}") && Integer.parseInt(value) <= 65535;
    }
}
