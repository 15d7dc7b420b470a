package io.nftkeeper.provider.datasources;

import io.nftkeeper.framework.datasource.DataSource;
import io.nftkeeper.framework.datasource.DataSourceReadRequest;
import io.nftkeeper.framework.datasource.DataSourceReadResponse;
import io.nftkeeper.framework.datasource.DataSourceWithConfigure;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostsConfigured;
import io.nftkeeper.provider.NftValidators;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code nftables_ruleset}: every table on a host as it is now, including the tables nftkeeper does not manage
 * (kube-proxy, docker, firewalld). Read-only: listing never changes the host.
 */
public final class RulesetDataSource extends HostsConfigured implements DataSource, DataSourceWithConfigure {

    /** The data source's state, attribute for attribute. */
    public record State(String id, String host, String family, List<TableState> tables) {
        public State {
            tables = tables == null ? List.of() : List.copyOf(tables);
        }

        /** The listed tables of {@code host}, only those of {@code family} when it is not null. */
        public static State of(String host, String family, List<TableListing> listings) {
            List<TableState> tables = listings.stream()
                    .filter(TableListing::exists)
                    .filter(t -> family == null || t.family().nftName().equals(family))
                    .map(TableState::of)
                    .toList();
            return new State(family == null ? host : host + "/" + family, host, family, tables);
        }
    }

    /** One element of {@code tables}. */
    public record TableState(
            String family,
            String name,
            Boolean managed,
            String text,
            Map<String, CounterValues.CounterState> counterValues,
            Map<String, CounterValues.QuotaState> quotaValues,
            List<CounterValues.RuleCounterState> ruleCounters) {

        static TableState of(TableListing listing) {
            CounterValues values = CounterValues.of(listing);
            return new TableState(
                    listing.family().nftName(),
                    listing.name(),
                    listing.managed(),
                    listing.text(),
                    values.counterValues(),
                    values.quotaValues(),
                    values.ruleCounters());
        }
    }

    @Override
    public String typeName() {
        return "nftables_ruleset";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("Every nftables table on a host as it is now, including tables nftkeeper does not "
                        + "manage (kube-proxy, docker, firewalld). Read-only: reading lists the tables and never "
                        + "changes them. Handy to see what a host runs before adopting it (see the import guide) or "
                        + "to check that another tool's tables are there.")
                .attributes(
                        Attribute.string("host")
                                .optional()
                                .computed()
                                .description("Address or DNS name of the host to list. Defaults to the provider's "
                                        + "`host`."),
                        Attribute.string("family")
                                .optional()
                                .validators(NftValidators.family())
                                .description("Only list tables of this family: one of `"
                                        + String.join("`, `", NftValidators.FAMILIES) + "`. All families when unset."),
                        Attribute.string("id").computed().description("`<host>`, or `<host>/<family>` with `family`."),
                        Attribute.listNested(
                                        "tables",
                                        Schema.builder()
                                                .attributes(
                                                        Attribute.string("family")
                                                                .computed()
                                                                .description("The table's family."),
                                                        Attribute.string("name")
                                                                .computed()
                                                                .description("The table's name."),
                                                        Attribute.bool("managed")
                                                                .computed()
                                                                .description(
                                                                        "Whether nftkeeper manages the table (created "
                                                                                + "or imported it)."),
                                                        Attribute.string("text")
                                                                .computed()
                                                                .description(
                                                                        "The table as the host's `nft -s list table` "
                                                                                + "prints it: without counter values, and in a form "
                                                                                + "`nft -f` reads back."))
                                                .attributes(CounterValues.attributes()
                                                        .toArray(Attribute[]::new))
                                                .build())
                                .computed()
                                .description("The host's tables, ordered by family and name."))
                .build();
    }

    @Override
    public Schema schema() {
        return schemaV0();
    }

    @Override
    public void read(DataSourceReadRequest req, DataSourceReadResponse resp) {
        Value config = req.config();
        Optional<String> host = host(config.get("host"), "No host to list", resp.diagnostics());
        if (host.isEmpty()) {
            return;
        }
        String family =
                config.get("family").isNull() ? null : config.get("family").asString();
        Attempt.to("list", "the tables", host.get()).run(resp.diagnostics(), () -> {
            List<TableListing> listings = hosts().agent(host.get())
                    .listAfresh(ListParams.everyTable().withCounters())
                    .tables();
            resp.setState(Values.fromRecord(schema().objectType(), State.of(host.get(), family, listings)));
        });
    }
}
