package io.nftkeeper.cli.importconfig;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.cli.Durations;
import io.nftkeeper.cli.host.HostAgents;
import io.nftkeeper.cli.host.SshFlags;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.TableContents;
import io.nftkeeper.protocol.wire.TableListing;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nftkeeper import-config HOST FAMILY/TABLE}: Terraform import blocks for an existing table and everything
 * in it, so that {@code terraform plan -generate-config-out} writes its configuration. Only lists the table: the
 * host is not changed (Terraform's import is what takes the table under management).
 */
@Command(
        name = "import-config",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 1,
        description = {
            "Writes Terraform import blocks for an existing table of a host and for each of its chains, sets, maps, "
                    + "counters, quotas and limits. Then `terraform plan -generate-config-out=generated.tf` writes "
                    + "their configuration and `terraform apply` adopts them. The host is only read."
        })
public final class ImportConfigCommand implements Callable<Integer> {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Parameters(
            index = "0",
            paramLabel = "HOST",
            description = "The host, as the Terraform configuration names it " + "(the import IDs start with it).")
    String host;

    @Parameters(index = "1", paramLabel = "TABLE", description = "The table as FAMILY/NAME, e.g. inet/filter.")
    String table;

    @Mixin
    SshFlags ssh;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the blocks to FILE (e.g. imports.tf) instead of stdout.",
            order = 20)
    Path output;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "15s",
            description = "To connect and start the agent (default 15s).",
            order = 21)
    String connectTimeout;

    private final PrintStream out;
    private final PrintStream err;

    public ImportConfigCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        TableRef ref = parseTable(table);
        TableListing listing;
        try (HostAgents agent = HostAgents.open(host, ssh.options().resolve(host), Durations.parse(connectTimeout))) {
            listing = agent.client().list(List.of(ref)).tables().get(0);
        }
        if (!listing.exists()) {
            throw new CliException(ref.describe() + " does not exist on " + host);
        }
        TableContents contents = listing.live().contents();
        String blocks = ImportBlocks.render(host, ref, contents);
        if (output == null) {
            out.print(blocks);
        } else {
            Files.writeString(output, blocks);
            int objects = contents.chains().size()
                    + contents.sets().size()
                    + contents.maps().size()
                    + contents.counters().size()
                    + contents.quotas().size()
                    + contents.limits().size();
            err.println("wrote " + output + ": " + ref.describe() + " and " + objects + " object"
                    + (objects == 1 ? "" : "s") + " in it");
        }
        return 0;
    }

    /** {@code inet/filter} as a table; a user's mistake is a message, not a stack trace. */
    static TableRef parseTable(String text) {
        int slash = text.indexOf('/');
        String family = slash < 0 ? "" : text.substring(0, slash);
        String name = text.substring(slash + 1);
        if (slash < 0 || Family.parse(family).isEmpty()) {
            throw new CliException("TABLE must be FAMILY/NAME with FAMILY one of ip, ip6, inet, arp, bridge, netdev "
                    + "(e.g. inet/filter), not '" + text + "'");
        }
        Identifiers.check("table", name).ifPresent(problem -> {
            throw new CliException("TABLE: " + problem);
        });
        return new TableRef(Family.parse(family).orElseThrow(), name);
    }
}
