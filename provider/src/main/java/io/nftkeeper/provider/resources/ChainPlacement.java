package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Hook;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a base chain may hook and which NAT statements its rules may use, as the kernel (6.x) and nft 1.0.6 decide
 * it. The kernel answers most of these with a bare "Operation not supported" for the whole chain; checked here, the
 * plan names the attribute at fault and says what would be allowed.
 */
final class ChainPlacement {

    /** One problem: the top-level attribute to blame, a summary and a sentence saying what is allowed. */
    record Problem(String attribute, String summary, String detail) {}

    private static final Set<Hook> INET_HOOKS =
            EnumSet.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);
    private static final Set<Hook> DEVICE_HOOKS = EnumSet.of(Hook.INGRESS, Hook.EGRESS);
    private static final Map<Family, Set<Hook>> FAMILY_HOOKS = Map.of(
            Family.IP, INET_HOOKS,
            Family.IP6, INET_HOOKS,
            Family.INET,
                    EnumSet.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING, Hook.INGRESS),
            Family.ARP, EnumSet.of(Hook.INPUT, Hook.OUTPUT),
            Family.BRIDGE, INET_HOOKS,
            Family.NETDEV, DEVICE_HOOKS);
    private static final Set<Family> NAT_AND_ROUTE_FAMILIES = EnumSet.of(Family.IP, Family.IP6, Family.INET);
    private static final Map<ChainType, Set<Hook>> TYPE_HOOKS = Map.of(
            ChainType.FILTER, EnumSet.allOf(Hook.class),
            ChainType.NAT, EnumSet.of(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING),
            ChainType.ROUTE, EnumSet.of(Hook.OUTPUT));
    /** Priority names nft accepts only at one hook (nft 1.0.6 std_prio_lookup). */
    private static final Map<String, Hook> NAME_HOOKS = Map.of("dstnat", Hook.PREROUTING, "srcnat", Hook.POSTROUTING);

    /** Source NAT belongs after routing, destination NAT before it; the rest of the text decides nothing here. */
    private static final Pattern SOURCE_NAT = Pattern.compile("(?<![\\w,-])(snat|masquerade)(?![\\w-])");

    private static final Pattern DESTINATION_NAT =
            Pattern.compile("(?<![\\w,-])(?<!type )(?<!code )(dnat|redirect)(?![\\w-])"
                    + "(?=\\s*$|\\s+(to|ip|ip6|random|persistent|fully-random)\\b)");
    /**
     * A {@code ct status} match, whose values are named like NAT statements ({@code ct status ! dnat},
     * {@code ct status & (snat|dnat) != 0}): every relational operator nft knows, bit operations, lists, sets and
     * parentheses. A value follows an operator or a separator, so a statement after the match is not taken for one.
     */
    private static final Pattern CT_STATUS;

    static {
        String value = "(?:\\{[^}]*}|\\([^)]*\\)|[\\w-]+)";
        String operator = "(?:==|!=|<=|>=|<|>|!|&|\\||\\^|,|(?:eq|ne|lt|gt|le|ge|and|or|xor)(?=\\s))";
        CT_STATUS = Pattern.compile(
                "\\bct\\s+status(?:\\s*" + operator + ")?\\s*" + value + "(?:\\s*" + operator + "\\s*" + value + ")*");
    }

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    private ChainPlacement() {}

    /**
     * What is wrong with a base chain of {@code type} at {@code hook}; {@code family} is empty while the table is not
     * known yet (it is created in the same plan), and the family's checks wait for the next plan.
     */
    static List<Problem> problems(
            Optional<Family> family, String type, String hook, String priority, boolean hasDevices) {
        List<Problem> problems = new ArrayList<>();
        ChainType chainType = ChainType.valueOf(type.toUpperCase(Locale.ROOT));
        Hook chainHook = Hook.valueOf(hook.toUpperCase(Locale.ROOT));
        if (family.isPresent() && !FAMILY_HOOKS.get(family.get()).contains(chainHook)) {
            problems.add(new Problem(
                    "hook",
                    "Hook " + hook + " is not available in family "
                            + family.get().nftName(),
                    article(family.get().nftName()) + " " + family.get().nftName() + " table has the hooks "
                            + names(FAMILY_HOOKS.get(family.get())) + "."));
        } else if (!TYPE_HOOKS.get(chainType).contains(chainHook)) {
            problems.add(new Problem(
                    "hook",
                    article(type) + " " + type + " chain cannot hook " + hook,
                    "Chains of type " + type + " hook " + names(TYPE_HOOKS.get(chainType)) + "."));
        }
        if (chainType != ChainType.FILTER && family.isPresent() && !NAT_AND_ROUTE_FAMILIES.contains(family.get())) {
            problems.add(new Problem(
                    "type",
                    "Type " + type + " is not available in family "
                            + family.get().nftName(),
                    "Chains of type " + type + " exist in the ip, ip6 and inet families; use type filter."));
        }
        if (DEVICE_HOOKS.contains(chainHook) && !hasDevices) {
            // blamed on the hook: an attribute left out has no line in the configuration to point at
            problems.add(new Problem(
                    "hook",
                    "Hook " + hook + " needs devices",
                    "A chain at hook " + hook + " attaches to interfaces: set `devices`."));
        } else if (!DEVICE_HOOKS.contains(chainHook) && hasDevices) {
            problems.add(new Problem(
                    "devices",
                    "Devices need an ingress or egress hook",
                    "Only chains at hook ingress or egress attach to devices; remove `devices` from this " + hook
                            + " chain."));
        }
        String name = priority.strip().split("[\\s+-]", 2)[0];
        Hook only = NAME_HOOKS.get(name);
        if (only != null
                && only != chainHook
                && family.map(f -> f != Family.BRIDGE).orElse(true)) {
            problems.add(new Problem(
                    "priority",
                    "Priority " + name + " is not valid at hook " + hook,
                    "nft accepts the name " + name + " only at hook " + only.nftName()
                            + "; write the number instead (e.g. \"" + (name.equals("dstnat") ? -100 : 100) + "\")."));
        }
        return problems;
    }

    /** Why a rule's NAT statement cannot run in a base chain of {@code type} at {@code hook}, if it cannot. */
    static Optional<String> natProblem(String type, String hook, String expr) {
        String text = CT_STATUS.matcher(QUOTED.matcher(expr).replaceAll("\"\"")).replaceAll("");
        Matcher source = SOURCE_NAT.matcher(text);
        Matcher destination = DESTINATION_NAT.matcher(text);
        String statement = source.find() ? source.group(1) : destination.find() ? destination.group(1) : null;
        if (statement == null) {
            return Optional.empty();
        }
        List<String> hooks = statement.equals("snat") || statement.equals("masquerade")
                ? List.of("postrouting", "input")
                : List.of("prerouting", "output");
        if (!type.equals("nat")) {
            return Optional.of("`" + statement + "` works only in chains of type nat; this chain is of type " + type
                    + ". Move the rule into a nat chain at hook " + String.join(" or ", hooks) + ".");
        }
        if (!hooks.contains(hook)) {
            return Optional.of("`" + statement + "` works only in nat chains at hook " + String.join(" or ", hooks)
                    + "; this chain hooks " + hook + ".");
        }
        return Optional.empty();
    }

    /** "An" before the names said with a vowel first (inet, ip, ip6, arp), else "A". */
    private static String article(String name) {
        return "aeiou".indexOf(name.charAt(0)) >= 0 ? "An" : "A";
    }

    private static String names(Set<Hook> hooks) {
        return String.join(", ", hooks.stream().map(Hook::nftName).toList());
    }
}
