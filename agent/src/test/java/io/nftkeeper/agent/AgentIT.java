package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.HelloResult;
import io.nftkeeper.protocol.wire.TableListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real agent jar, in its own network namespace, driven through the real client. Needs root, ip and nft;
 * fails (never skips) without them.
 */
class AgentIT {

    private static final String NS = "nk-agent-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final TableRef KUBE_PROXY = new TableRef(Family.IP, "kube-proxy");

    private static Path workDir;
    private static final List<Process> agents = new ArrayList<>();
    private static AgentClient client;
    private static String kubeProxyBefore;

    @BeforeAll
    static void startAgentInANetworkNamespace() throws Exception {
        assertThat(run("id", "-u").strip()).as("AgentIT needs root to create network namespaces").isEqualTo("0");
        assertThat(System.getProperty("agent.jar")).as("system property agent.jar (set by failsafe)").isNotBlank();
        workDir = Files.createTempDirectory("nk-agent-it");
        run("ip", "netns", "add", NS);
        nft("add table ip kube-proxy");
        nft("add chain ip kube-proxy services { type nat hook prerouting priority dstnat; policy accept; }");
        nft("add rule ip kube-proxy services tcp dport 80 counter accept");
        kubeProxyBefore = nft("list table ip kube-proxy");
        client = connect(startAgent(workDir.resolve("state"), "agent"));
    }

    @AfterAll
    static void removeEverything() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
            for (Process agent : agents) {
                if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
        } finally {
            runAllowingFailure("ip", "netns", "delete", NS);
            if (workDir != null) {
                try (Stream<Path> files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @AfterEach
    void theUnmanagedKubeProxyTableIsNeverTouched() throws Exception {
        assertThat(nft("list table ip kube-proxy")).isEqualTo(kubeProxyBefore);
    }

    @Test
    void helloReportsTheAgentAndTheHostsLibnftables() {
        HelloResult hello = client.hello("agent-it");

        assertThat(hello.protocolVersion()).isEqualTo(1);
        assertThat(hello.agentVersion()).isEqualTo("0.1.0");
        assertThat(hello.nftVersion()).isEqualTo(run("nft", "--version").split(" ")[1].substring(1));
        assertThat(hello.hostname()).isNotBlank();
    }

    @Test
    void addingATableCreatesItInTheKernelAndListShowsItManaged() throws Exception {
        TableRef web = new TableRef(Family.INET, "it_web");

        String script = client.apply(Transaction.builder().add(Table.of(web)).build()).script();

        assertThat(script).isEqualTo("add table inet it_web\n");
        assertThat(nft("list tables")).contains("table inet it_web");
        TableListing listing = client.list(List.of(web)).tables().get(0);
        assertThat(listing.exists()).isTrue();
        assertThat(listing.managed()).isTrue();
        assertThat(listing.ruleset().at("/nftables/1/table/name").asText()).isEqualTo("it_web");
    }

    @Test
    void listTreatsAnAbsentTableAsAnAnswer() {
        TableListing listing = client.list(List.of(new TableRef(Family.IP6, "it_absent"))).tables().get(0);

        assertThat(listing.exists()).isFalse();
        assertThat(listing.managed()).isFalse();
        assertThat(listing.ruleset()).isNull();
    }

    @Test
    void addingATableThatExistsUnmanagedIsRefusedAndChangesNothing() throws Exception {
        nft("add table inet it_hand_made");
        String before = nft("list ruleset");

        assertThatThrownBy(() -> client.apply(Transaction.builder()
                .add(Table.of(new TableRef(Family.INET, "it_hand_made"))).build()))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.object()).isEqualTo("table inet it_hand_made");
                });
        assertThat(nft("list ruleset")).isEqualTo(before);
    }

    @Test
    void aBatchWhoseLastCommandFailsAppliesNothing() throws Exception {
        TableRef vanished = new TableRef(Family.INET, "it_vanished");
        TableRef fresh = new TableRef(Family.INET, "it_fresh");
        client.apply(Transaction.builder().add(Table.of(vanished)).build());
        nft("delete table inet it_vanished");
        String before = nft("list ruleset");

        assertThatThrownBy(() -> client.apply(Transaction.builder()
                .add(Table.of(fresh)).delete(Table.of(vanished)).build()))
                .asInstanceOf(type(AgentException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.object()).isEqualTo("add table inet it_fresh; delete table inet it_vanished");
                    assertThat(e.getMessage()).contains("No such file or directory");
                });
        assertThat(nft("list ruleset")).isEqualTo(before);
        assertThat(client.list(List.of(fresh)).tables().get(0).managed()).isFalse();
    }

    @Test
    void destroyingAManagedTableThatWasDeletedByHandSucceeds() throws Exception {
        TableRef gone = new TableRef(Family.BRIDGE, "it_gone");
        client.apply(Transaction.builder().add(Table.of(gone)).build());
        nft("delete table bridge it_gone");

        client.apply(Transaction.builder().destroy(Table.of(gone)).build());

        TableListing listing = client.list(List.of(gone)).tables().get(0);
        assertThat(listing.exists()).isFalse();
        assertThat(listing.managed()).isFalse();
    }

    @Test
    void destroyingAnExistingManagedTableDeletesIt() throws Exception {
        TableRef doomed = new TableRef(Family.NETDEV, "it_doomed");
        client.apply(Transaction.builder().add(Table.of(doomed)).build());

        client.apply(Transaction.builder().destroy(Table.of(doomed)).build());

        assertThat(nft("list tables")).doesNotContain("it_doomed");
    }

    @Test
    void adoptingAMissingTableIsNotFound() {
        assertThatThrownBy(() -> client.adopt(new TableRef(Family.INET, "it_nowhere")))
                .asInstanceOf(type(AgentException.class))
                .extracting(AgentException::code).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void anAdoptedTableCanBeDeleted() throws Exception {
        nft("add table ip6 it_imported");
        TableRef imported = new TableRef(Family.IP6, "it_imported");

        client.adopt(imported);
        assertThat(client.list(List.of(imported)).tables().get(0).managed()).isTrue();
        client.apply(Transaction.builder().delete(Table.of(imported)).build());

        assertThat(nft("list tables")).doesNotContain("it_imported");
    }

    @Test
    void touchingAnUnmanagedTableIsNotOwned() {
        assertThatThrownBy(() -> client.apply(Transaction.builder().delete(Table.of(KUBE_PROXY)).build()))
                .asInstanceOf(type(AgentException.class))
                .extracting(AgentException::code).isEqualTo(ErrorCode.NOT_OWNED);
    }

    @Test
    void theAgentExitsCleanlyWhenItsStdinClosesAndLogsOnlyToStderr() throws Exception {
        Process second = startAgent(workDir.resolve("state"), "second-agent");
        AgentClient secondClient = connect(second);
        secondClient.hello("agent-it");

        secondClient.close();

        assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();
        assertThat(Files.readString(workDir.resolve("second-agent.stderr")))
                .startsWith("[nftkeeper-agent] INFO agent 0.1.0 serving");
    }

    @Test
    void theAgentRefusesAStateDirectoryOthersCanWrite() throws Exception {
        Path open = Files.createDirectory(workDir.resolve("world-writable"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        Process refused = startAgent(open, "refused-agent");

        assertThat(refused.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(Files.readString(workDir.resolve("refused-agent.stderr")))
                .contains("is writable by group or others");
    }

    @Test
    void theStateDirectoryIsPrivate() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("state"))))
                .isEqualTo("rwx------");
    }

    private static Process startAgent(Path stateDir, String name) throws IOException {
        Process agent = new ProcessBuilder("ip", "netns", "exec", NS, "java", "-jar", System.getProperty("agent.jar"),
                "serve", "--state-dir", stateDir.toString())
                .redirectError(workDir.resolve(name + ".stderr").toFile())
                .start();
        agents.add(agent);
        return agent;
    }

    private static AgentClient connect(Process agent) {
        return new AgentClient(agent.getInputStream(), agent.getOutputStream(), Duration.ofSeconds(30));
    }

    private static String nft(String command) {
        return run("ip", "netns", "exec", NS, "nft", command);
    }

    private static String run(String... command) {
        Result result = runAllowingFailure(command);
        assertThat(result.exitCode()).as("%s failed: %s", String.join(" ", command), result.output()).isZero();
        return result.output();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result runAllowingFailure(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
