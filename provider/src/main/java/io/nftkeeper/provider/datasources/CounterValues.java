package io.nftkeeper.provider.datasources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a table's counters and quotas have counted, from its typed listing with counter values: named counters, named
 * quotas, and the anonymous counter of every rule that has one (with the rule's text and handle). The same three
 * attributes in both data sources.
 */
public record CounterValues(
        Map<String, CounterState> counterValues,
        Map<String, QuotaState> quotaValues,
        List<RuleCounterState> ruleCounters) {

    public CounterValues {
        counterValues = Map.copyOf(counterValues);
        quotaValues = Map.copyOf(quotaValues);
        ruleCounters = List.copyOf(ruleCounters);
    }

    /** One named counter. */
    public record CounterState(Long packets, Long bytes) {}

    /** One named quota: {@code bytes} is its limit, {@code over} whether it matches once the limit is passed. */
    public record QuotaState(Long bytes, Long used, Boolean over) {}

    /** The anonymous counter of one rule. */
    public record RuleCounterState(String chain, Long handle, String rule, Long packets, Long bytes) {}

    /** The values of {@code listing}, a listing with counter values of a table that exists. */
    public static CounterValues of(TableListing listing) {
        Map<String, CounterState> counters = new LinkedHashMap<>();
        Map<String, QuotaState> quotas = new LinkedHashMap<>();
        LiveTable live = listing.live();
        for (LiveCounter counter : live.counters()) {
            counters.put(counter.name(), new CounterState(counter.packets(), counter.bytes()));
        }
        for (LiveQuota quota : live.quotas()) {
            quotas.put(
                    quota.quota().name(),
                    new QuotaState(
                            quota.quota().bytes(), quota.used(), quota.quota().over()));
        }
        List<RuleCounterState> rules = new ArrayList<>();
        for (LiveChain chain : live.chains()) {
            for (LiveRule rule : chain.rules()) {
                if (rule.packets() != null) {
                    rules.add(new RuleCounterState(
                            chain.name(), rule.handle(), rule.canonical(), rule.packets(), rule.bytes()));
                }
            }
        }
        return new CounterValues(counters, quotas, rules);
    }

    /** The three attributes, computed, for a data source's schema. */
    static List<Attribute> attributes() {
        return List.of(
                Attribute.mapNested(
                                "counter_values",
                                Schema.builder()
                                        .attributes(
                                                Attribute.number("packets")
                                                        .computed()
                                                        .description("Packets counted."),
                                                Attribute.number("bytes")
                                                        .computed()
                                                        .description("Bytes counted."))
                                        .build())
                        .computed()
                        .description("Each named counter's values, by counter name, as the host counted them when "
                                + "the data source was read."),
                Attribute.mapNested(
                                "quota_values",
                                Schema.builder()
                                        .attributes(
                                                Attribute.number("bytes")
                                                        .computed()
                                                        .description("The quota's limit."),
                                                Attribute.number("used")
                                                        .computed()
                                                        .description("Bytes used so far."),
                                                Attribute.bool("over")
                                                        .computed()
                                                        .description(
                                                                "Whether the quota matches once the limit is passed "
                                                                        + "(`over`) rather than until it is reached."))
                                        .build())
                        .computed()
                        .description("Each named quota's limit and usage, by quota name."),
                Attribute.listNested(
                                "rule_counters",
                                Schema.builder()
                                        .attributes(
                                                Attribute.string("chain")
                                                        .computed()
                                                        .description("The rule's chain."),
                                                Attribute.number("handle")
                                                        .computed()
                                                        .description("The rule's handle (stays while the rule is not "
                                                                + "changed)."),
                                                Attribute.string("rule")
                                                        .computed()
                                                        .description("The rule as `nft -s` lists it (without counter "
                                                                + "values)."),
                                                Attribute.number("packets")
                                                        .computed()
                                                        .description("Packets counted."),
                                                Attribute.number("bytes")
                                                        .computed()
                                                        .description("Bytes counted."))
                                        .build())
                        .computed()
                        .description("The anonymous counter (`counter` in a rule) of every rule that has one, in "
                                + "listing order."));
    }
}
