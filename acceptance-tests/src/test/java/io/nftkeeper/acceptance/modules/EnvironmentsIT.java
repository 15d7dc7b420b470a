package io.nftkeeper.acceptance.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * examples/environments/{dev,staging,prod} applied as users would: one provider block, the modules composed with
 * for_each over three hosts, then a plan that must be empty. The three sandbox hosts serve each environment in turn
 * (destroy leaves them clean for the next one).
 */
class EnvironmentsIT {
    private static final List<SandboxHost> hosts = new ArrayList<>();

    @TempDir
    static Path shared;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHosts() {
        for (int i = 1; i <= 3; i++) {
            hosts.add(SandboxHost.up("envs-it-" + i));
        }
        // one operator key for all three, as a fleet has: the first sandbox's client key
        String publicKey = read(Path.of(hosts.get(0).privateKeyPath() + ".pub"));
        for (SandboxHost host : hosts.subList(1, hosts.size())) {
            try {
                Files.writeString(host.authorizedKeysFile(), publicKey, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @AfterAll
    static void stopHosts() {
        hosts.forEach(SandboxHost::close);
    }

    /** Roles per environment: which of the three hosts are web servers, gateways and Kubernetes nodes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "dev     | 0 1 2 |     |   ",
                "staging | 0 1   | 2   |   ",
                "prod    | 0     | 1   | 2 ",
            })
    void anEnvironmentAppliesToThreeHostsAndThenPlansEmpty(
            String environment, String web, String gateway, String kubernetes) {
        ModuleTree tree = ModuleTree.copyInto(workDir);
        Path vars = ModuleTree.write(workDir.resolve("sandbox.tfvars"), """
                private_key_file = "%s"
                known_hosts_file = "%s"
                admin_cidrs      = ["10.213.0.0/16"]
                web_hosts        = %s
                gateway_hosts    = %s
                kubernetes_nodes = %s
                """.formatted(
                        hosts.get(0).privateKeyPath(),
                        knownHosts(),
                        addresses(web),
                        addresses(gateway),
                        addresses(kubernetes)));
        Terraform tf = Terraform.in(tree.environment(environment));
        tf.init();
        try {
            tf.run("apply", "-input=false", "-auto-approve", "-var-file=" + vars)
                    .assertExit(0);
            for (SandboxHost host : hosts) {
                assertThat(host.nft("list tables")).as(host.name()).contains("table inet host_baseline");
            }
            assertThat(hostAt(web).nft("list tables")).contains("table inet web_server");
            if (!none(gateway)) {
                assertThat(hostAt(gateway).nft("list tables")).contains("table inet nat_gateway");
            }
            if (!none(kubernetes)) {
                assertThat(hostAt(kubernetes).nft("list tables")).contains("table inet kubernetes_node");
            }

            tf.plan("-var-file=" + vars).assertExit(0);
        } finally {
            tf.run("destroy", "-input=false", "-auto-approve", "-var-file=" + vars)
                    .assertExit(0);
        }
        for (SandboxHost host : hosts) {
            assertThat(host.nft("list tables")).as(host.name()).isBlank();
        }
    }

    private static String addresses(String indexes) {
        if (none(indexes)) {
            return "[]";
        }
        List<String> addresses = List.of(indexes.strip().split(" +")).stream()
                .map(i -> hosts.get(Integer.parseInt(i)).address())
                .toList();
        return ModuleTree.list(addresses);
    }

    /** CsvSource hands an empty column over as null. */
    private static boolean none(String indexes) {
        return indexes == null || indexes.isBlank();
    }

    private static SandboxHost hostAt(String indexes) {
        return hosts.get(Integer.parseInt(indexes.strip().split(" +")[0]));
    }

    private static Path knownHosts() {
        return ModuleTree.write(
                shared.resolve("known_hosts"),
                hosts.stream()
                        .map(host -> host.address() + " " + host.hostKey())
                        .collect(Collectors.joining("\n", "", "\n")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
