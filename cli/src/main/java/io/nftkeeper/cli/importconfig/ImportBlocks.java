package io.nftkeeper.cli.importconfig;

import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.TableContents;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Terraform {@code import} blocks for one existing table and every object in it, with resource addresses made from
 * the nft names: {@code nftables_table.inet_filter}, {@code nftables_chain.inet_filter_input}. nft names may hold
 * characters Terraform names may not ({@code .}), so those become {@code _}, and names that then collide get a
 * {@code _2}, {@code _3}... suffix.
 */
public final class ImportBlocks {

    private static final Pattern NOT_IN_A_NAME = Pattern.compile("[^A-Za-z0-9_-]");

    /** Resource type and the object names of one kind, in the order the host lists them. */
    private record Kind(String resourceType, List<String> names) {}

    private final StringBuilder out = new StringBuilder();
    private final Set<String> addresses = new HashSet<>();

    private ImportBlocks() {}

    /** The HCL text: a comment saying what to run next, then one import block per object, the table first. */
    public static String render(String host, TableRef table, TableContents contents) {
        ImportBlocks blocks = new ImportBlocks();
        String tableId = new TableId(host, table).toString();
        String prefix = table.family().nftName() + "_" + table.name();
        blocks.out
                .append("# ")
                .append(table.describe())
                .append(" on ")
                .append(host)
                .append(", written by nftkeeper import-config.\n")
                .append("# Next: terraform plan -generate-config-out=generated.tf, review generated.tf, "
                        + "terraform apply.\n");
        blocks.block("nftables_table", prefix, tableId);
        for (Kind kind : List.of(
                new Kind("nftables_chain", contents.chains()),
                new Kind("nftables_set", contents.sets()),
                new Kind("nftables_map", contents.maps()),
                new Kind("nftables_counter", contents.counters()),
                new Kind("nftables_quota", contents.quotas()),
                new Kind("nftables_limit", contents.limits()),
                new Kind("nftables_flowtable", contents.flowtables()),
                new Kind("nftables_ct_helper", contents.ctHelpers()),
                new Kind("nftables_ct_timeout", contents.ctTimeouts()),
                new Kind("nftables_ct_expectation", contents.ctExpectations()),
                new Kind("nftables_synproxy", contents.synproxies()),
                new Kind("nftables_secmark", contents.secmarks()))) {
            for (String name : kind.names()) {
                blocks.block(kind.resourceType(), prefix + "_" + name, tableId + "/" + name);
            }
        }
        return blocks.out.toString();
    }

    private void block(String resourceType, String wantedName, String id) {
        String name = NOT_IN_A_NAME.matcher(wantedName).replaceAll("_");
        String address = resourceType + "." + name;
        for (int n = 2; !addresses.add(address); n++) {
            address = resourceType + "." + name + "_" + n;
        }
        out.append("\nimport {\n")
                .append("  to = ")
                .append(address)
                .append('\n')
                .append("  id = ")
                .append(quoted(id))
                .append('\n')
                .append("}\n");
    }

    /** An HCL string literal: quotes and backslashes escaped, and template sequences kept literal. */
    static String quoted(String text) {
        return "\""
                + text.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("${", "$${")
                        .replace("%{", "%%{") + "\"";
    }
}
