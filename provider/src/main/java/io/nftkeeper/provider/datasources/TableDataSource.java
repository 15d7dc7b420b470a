package io.nftkeeper.provider.datasources;

import io.nftkeeper.framework.datasource.DataSource;
import io.nftkeeper.framework.datasource.DataSourceReadRequest;
import io.nftkeeper.framework.datasource.DataSourceReadResponse;
import io.nftkeeper.framework.datasource.DataSourceWithConfigure;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.TableContents;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostsConfigured;
import io.nftkeeper.provider.NftValidators;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code nftables_table} (data source): one table of a host as it is now, managed or not, with the names of its
 * chains, sets, maps and named objects. Read-only.
 */
public final class TableDataSource extends HostsConfigured implements DataSource, DataSourceWithConfigure {

    /** The data source's state, attribute for attribute. */
    public record State(
            String id,
            String host,
            String family,
            String name,
            Boolean managed,
            Set<String> flags,
            String comment,
            List<String> chains,
            List<String> sets,
            List<String> maps,
            List<String> counters,
            List<String> quotas,
            List<String> limits,
            List<String> flowtables,
            List<String> ctHelpers,
            List<String> ctTimeouts,
            List<String> ctExpectations,
            List<String> synproxies,
            List<String> secmarks,
            String text,
            Map<String, CounterValues.CounterState> counterValues,
            Map<String, CounterValues.QuotaState> quotaValues,
            List<CounterValues.RuleCounterState> ruleCounters) {

        /** The state of a table {@code listing} (with counter values) of {@code host} that exists. */
        public static State of(String host, TableListing listing) {
            LiveTable live = listing.live();
            TableContents contents = live.contents();
            CounterValues values = CounterValues.of(listing);
            return new State(
                    new TableId(host, new TableRef(listing.family(), listing.name())).toString(),
                    host,
                    listing.family().nftName(),
                    listing.name(),
                    listing.managed(),
                    Set.copyOf(live.flags()),
                    live.comment(),
                    contents.chains(),
                    contents.sets(),
                    contents.maps(),
                    contents.counters(),
                    contents.quotas(),
                    contents.limits(),
                    contents.flowtables(),
                    contents.ctHelpers(),
                    contents.ctTimeouts(),
                    contents.ctExpectations(),
                    contents.synproxies(),
                    contents.secmarks(),
                    listing.text(),
                    values.counterValues(),
                    values.quotaValues(),
                    values.ruleCounters());
        }
    }

    @Override
    public String typeName() {
        return "nftables_table";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("One nftables table of a host as it is now, whether nftkeeper manages it or not: its "
                        + "flags, comment, the names of its chains, sets, maps and named objects, its text, and what "
                        + "its counters and quotas have counted (anonymous rule counters included). "
                        + "Read-only. A table that does not exist is an error.")
                .attributes(
                        Attribute.string("family")
                                .required()
                                .validators(NftValidators.family())
                                .description("Address family: one of `" + String.join("`, `", NftValidators.FAMILIES)
                                        + "`."),
                        Attribute.string("name")
                                .required()
                                .validators(NftValidators.identifier("table"))
                                .description("Table name."),
                        Attribute.string("host")
                                .optional()
                                .computed()
                                .description("Address or DNS name of the host. Defaults to the provider's `host`."),
                        Attribute.string("id")
                                .computed()
                                .description("`<host>/<family>/<name>`, as the `id` of an `nftables_table` resource "
                                        + "(and its import ID)."),
                        Attribute.bool("managed")
                                .computed()
                                .description("Whether nftkeeper manages the table (created or imported it)."),
                        Attribute.set("flags", Type.STRING)
                                .computed()
                                .description("The table's flags, e.g. `dormant`."),
                        Attribute.string("comment")
                                .computed()
                                .description("The table's comment; null when it has none."),
                        names("chains", "Names of the table's chains, base and regular."),
                        names("sets", "Names of the table's named sets."),
                        names("maps", "Names of the table's named maps (verdict maps included)."),
                        names("counters", "Names of the table's named counters."),
                        names("quotas", "Names of the table's named quotas."),
                        names("limits", "Names of the table's named limits."),
                        names("flowtables", "Names of the table's flowtables."),
                        names("ct_helpers", "Names of the table's ct helpers."),
                        names("ct_timeouts", "Names of the table's ct timeout policies."),
                        names("ct_expectations", "Names of the table's ct expectations."),
                        names("synproxies", "Names of the table's synproxies."),
                        names("secmarks", "Names of the table's secmarks."),
                        Attribute.string("text")
                                .computed()
                                .description("The table as the host's `nft -s list table` prints it: without "
                                        + "counter values, and in a form `nft -f` reads back."))
                .attributes(CounterValues.attributes().toArray(Attribute[]::new))
                .build();
    }

    @Override
    public Schema schema() {
        return schemaV0();
    }

    @Override
    public void read(DataSourceReadRequest req, DataSourceReadResponse resp) {
        Value config = req.config();
        Optional<String> host = host(config.get("host"), "No table to read", resp.diagnostics());
        if (host.isEmpty()) {
            return;
        }
        TableRef table = new TableRef(
                Family.parse(config.get("family").asString()).orElseThrow(),
                config.get("name").asString());
        Attempt.to("read", table.describe(), host.get()).run(resp.diagnostics(), () -> {
            TableListing listing = hosts().agent(host.get())
                    .listAfresh(new ListParams(List.of(table)).withCounters())
                    .tables()
                    .get(0);
            if (!listing.exists()) {
                resp.diagnostics()
                        .addError(
                                "No " + table.describe() + " on " + host.get(),
                                "The host has no such table. The nftables_ruleset data source lists the tables it has.");
                return;
            }
            resp.setState(Values.fromRecord(schema().objectType(), State.of(host.get(), listing)));
        });
    }

    private static Attribute names(String name, String description) {
        return Attribute.list(name, Type.STRING).computed().description(description);
    }
}
