package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address parts of set elements and map entries, checked from the configuration: where the type says
 * {@code ipv4_addr} or {@code ipv6_addr} (alone or in a concatenation), the element's part must be an address, a
 * prefix or a range of addresses. nft reads any other text there as a host name and resolves it through DNS on the
 * host at apply ("Could not resolve hostname", naming no element); a typo such as {@code 10.1.1.300} or an IPv6 address
 * in an IPv4 set is such a name. Host names are refused too, on purpose: the firewall would depend on what each host's
 * resolver answered at apply time. Every numeric spelling nft takes is kept (inet_aton's {@code 167772161},
 * {@code 0x0a000001}, {@code 010.0.0.1}); what else nft thinks of an element is its own business.
 */
final class ElementAddresses {

    /** What users read about it, in the descriptions of the attributes it checks. */
    static final String DESCRIPTION = "Where the type says `ipv4_addr` or `ipv6_addr` (alone or in a concatenation), "
            + "that part must be an address, a prefix (`10.0.0.0/8`) or a range (`10.0.0.1-10.0.0.9`), checked at "
            + "plan: nft would look any other text up in DNS on the host, so host names are refused.";

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern NUMBER_PART = Pattern.compile("0[xX][0-9A-Fa-f]*|0[0-7]*|[1-9][0-9]*");

    private ElementAddresses() {}

    /** Config validator: each of {@code elements} against the set's {@code type}. */
    static void checkSet(Path path, Value config, Diagnostics diagnostics) {
        Value type = config.get("type");
        Value elements = config.get("elements");
        if (!type.isKnown() || type.isNull() || !elements.isKnown() || elements.isNull()) {
            return;
        }
        List<Value> list = elements.asList();
        for (int i = 0; i < list.size(); i++) {
            Value element = list.get(i);
            if (element.isKnown() && !element.isNull()) {
                int index = i;
                problem(type.asString(), element.asString())
                        .ifPresent(problem -> diagnostics.addAttributeError(
                                Path.root("elements").atIndex(index),
                                "Invalid element \"" + element.asString() + "\"",
                                problem));
            }
        }
    }

    /** Config validator: each key of {@code elements} against the map's {@code type}, each value against its type. */
    static void checkMap(Path path, Value config, Diagnostics diagnostics) {
        Value type = config.get("type");
        Value valueType = config.get("value_type");
        Value elements = config.get("elements");
        if (!elements.isKnown() || elements.isNull()) {
            return;
        }
        for (Map.Entry<String, Value> entry : elements.asMap().entrySet()) {
            Path at = Path.root("elements").atKey(entry.getKey());
            if (type.isKnown() && !type.isNull()) {
                problem(type.asString(), entry.getKey())
                        .ifPresent(problem ->
                                diagnostics.addAttributeError(at, "Invalid key \"" + entry.getKey() + "\"", problem));
            }
            Value value = entry.getValue();
            if (valueType.isKnown() && !valueType.isNull() && value.isKnown() && !value.isNull()) {
                problem(valueType.asString(), value.asString())
                        .ifPresent(problem -> diagnostics.addAttributeError(
                                at,
                                "Invalid value \"" + value.asString() + "\" of key \"" + entry.getKey() + "\"",
                                problem));
            }
        }
    }

    /**
     * What is wrong with the address parts of {@code element} under {@code type} (data types joined by {@code .}), if
     * anything; parts of other types, and whatever follows the value ({@code timeout 1h}, {@code comment "x"}), are
     * nft's to judge.
     */
    static Optional<String> problem(String type, String element) {
        List<String> types = List.of(type.strip().split("\\s*\\.\\s*"));
        List<String> parts = parts(element, types.size());
        for (int i = 0; i < Math.min(types.size(), parts.size()); i++) {
            Optional<String> problem = switch (types.get(i)) {
                case "ipv4_addr" -> addressProblem(parts.get(i), false);
                case "ipv6_addr" -> addressProblem(parts.get(i), true);
                default -> Optional.empty();
            };
            if (problem.isPresent()) {
                String where = types.size() == 1
                        ? ""
                        : " (part " + (i + 1) + " of " + types.size() + ", " + types.get(i) + ")";
                return Optional.of("`" + parts.get(i) + "`" + where + " " + problem.get());
            }
        }
        return Optional.empty();
    }

    /** The element's value parts: the words before the first one that is no {@code .} joint, split at the joints. */
    private static List<String> parts(String element, int count) {
        String[] words = element.strip().split("\\s+");
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < words.length && parts.size() < count) {
            parts.add(words[i]);
            if (i + 2 < words.length && words[i + 1].equals(".")) {
                i += 2;
            } else {
                break;
            }
        }
        return parts;
    }

    /** Why {@code part} (an address, {@code address/length} or {@code address-address}) is no address, if it is not. */
    private static Optional<String> addressProblem(String part, boolean ipv6) {
        int slash = part.indexOf('/');
        if (slash >= 0) {
            return addressProblem(part.substring(0, slash), ipv6)
                    .or(() -> part.substring(slash + 1).matches("\\d{1,3}")
                            ? Optional.empty()
                            : Optional.of("has the prefix length `" + part.substring(slash + 1) + "`, which is no "
                                    + "number of bits"));
        }
        int dash = part.indexOf('-');
        if (dash > 0) {
            return addressProblem(part.substring(0, dash), ipv6)
                    .or(() -> addressProblem(part.substring(dash + 1), ipv6));
        }
        if (ipv6 ? isIpv6(part) : isIpv4(part)) {
            return Optional.empty();
        }
        String family = ipv6 ? "IPv6" : "IPv4";
        if (!ipv6 && IPV6.matcher(part).matches()) {
            return Optional.of("is an IPv6 address, not an IPv4 address: this element's type is ipv4_addr.");
        }
        if (ipv6 && isIpv4(part)) {
            return Optional.of("is an IPv4 address, not an IPv6 address: this element's type is ipv6_addr (write "
                    + "`::ffff:" + part + "` for an IPv4-mapped address).");
        }
        if (part.matches("[0-9.]+") || part.matches("[0-9A-Fa-f:.]+")) {
            return Optional.of("is not an " + family + " address.");
        }
        return Optional.of("is not an " + family + " address. nft would take it for a host name and look it up in "
                + "DNS on the host at apply time; nftkeeper refuses host names so the firewall does not depend on "
                + "what a resolver answers: write the address.");
    }

    /** What glibc's inet_aton accepts, which is what nft accepts: 1 to 4 parts, decimal, octal ({@code 0..}) or hex. */
    static boolean isIpv4(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".")) {
            return false;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!NUMBER_PART.matcher(parts[i]).matches() || parts[i].equalsIgnoreCase("0x")) {
                return false;
            }
            long value;
            try {
                value = parseNumber(parts[i]);
            } catch (NumberFormatException e) {
                return false;
            }
            // the last part fills the bytes the earlier ones left
            long max = i < parts.length - 1 ? 0xFF : 0xFFFF_FFFFL >>> (8 * (parts.length - 1));
            if (value > max) {
                return false;
            }
        }
        return true;
    }

    /** A part of an IPv4 address as strtoul with base 0 reads it: {@code 0x..} hex, {@code 0..} octal, else decimal. */
    private static long parseNumber(String part) {
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return Long.parseLong(part.substring(2), 16);
        }
        return part.length() > 1 && part.startsWith("0") ? Long.parseLong(part.substring(1), 8) : Long.parseLong(part);
    }

    /** An IPv6 address as inet_pton reads it: eight groups, or fewer with one {@code ::}, maybe ending in IPv4. */
    static boolean isIpv6(String text) {
        if (!IPV6.matcher(text).matches() || text.contains(":::")) {
            return false;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String body = text;
        int groupsNeeded = 8;
        int lastColon = body.lastIndexOf(':');
        String tail = body.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!tail.matches("\\d{1,3}(\\.\\d{1,3}){3}") || !isIpv4(tail) || tail.matches(".*(^|\\.)0\\d.*")) {
                return false;
            }
            body = body.substring(0, lastColon + 1) + "0:0";
        }
        String[] halves = body.split("::", -1);
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (!group.matches("[0-9A-Fa-f]{1,4}")) {
                    return false;
                }
                groups++;
            }
        }
        return halves.length == 2 ? groups < groupsNeeded : groups == groupsNeeded;
    }
}
