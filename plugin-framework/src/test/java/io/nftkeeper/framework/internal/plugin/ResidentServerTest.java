package io.nftkeeper.framework.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.example.ExampleProvider;
import io.nftkeeper.framework.example.FileStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident plugin server as the launcher script talks to it: one line asking for a session for a process
 * (here a {@code sleep} standing in for the launcher, with the environment Terraform would give it), the handshake
 * line back, and the session's end when that connection closes.
 */
@Timeout(60)
class ResidentServerTest {
    private static final Pattern HANDSHAKE = Pattern.compile("1\\|6\\|tcp\\|127\\.0\\.0\\.1:(\\d+)\\|grpc\\|");
    private static final Map<String, String> TERRAFORM_LAUNCH = Map.of(
            LaunchSettings.MAGIC_COOKIE_KEY,
            LaunchSettings.MAGIC_COOKIE_VALUE,
            "PLUGIN_PROTOCOL_VERSIONS",
            "6",
            "TF_DISABLE_PLUGIN_TLS",
            "1");

    @TempDir
    Path directory;

    private final List<Process> launchers = new ArrayList<>();
    private CompletableFuture<Void> running;

    @AfterEach
    void stopEverything() throws Exception {
        if (running != null && !running.isDone()) {
            request("stop");
            running.get(30, TimeUnit.SECONDS);
        }
        launchers.forEach(Process::destroyForcibly);
    }

    @Test
    void aSessionAnswersTheHandshakeOfItsOwnServerAndEndsWhenTheLauncherGoes() throws Exception {
        Path build = build();
        start(Duration.ofHours(1), build);
        long launcher = launcher(TERRAFORM_LAUNCH);

        int grpcPort;
        try (Socket session = connect()) {
            send(session, "session " + launcher + " " + directory);
            String line = reader(session).readLine();
            Matcher handshake = HANDSHAKE.matcher(line);
            assertThat(handshake.matches()).as(line).isTrue();
            grpcPort = Integer.parseInt(handshake.group(1));
            assertThat(accepts(grpcPort)).isTrue();
        }

        // the launcher's end (Terraform killed it) stops the session's server
        await(() -> !accepts(grpcPort));
        assertThat(running).isNotDone();
    }

    @Test
    void twoSessionsAtOnceGetTwoServers() throws Exception {
        start(Duration.ofHours(1), build());
        long first = launcher(TERRAFORM_LAUNCH);
        long second = launcher(TERRAFORM_LAUNCH);

        try (Socket one = connect();
                Socket two = connect()) {
            send(one, "session " + first + " " + directory);
            send(two, "session " + second + " " + directory);
            Matcher a = HANDSHAKE.matcher(reader(one).readLine());
            Matcher b = HANDSHAKE.matcher(reader(two).readLine());

            assertThat(a.matches() && b.matches()).isTrue();
            assertThat(a.group(1)).isNotEqualTo(b.group(1));
        }
    }

    @Test
    void aProcessNotLaunchedByTerraformIsRefusedWithTheWordsOfAPluginOfItsOwn() throws Exception {
        start(Duration.ofHours(1), build());
        long notTerraform = launcher(Map.of());

        try (Socket session = connect()) {
            send(session, "session " + notTerraform + " " + directory);
            assertThat(reader(session).readLine())
                    .startsWith("REFUSED This is a Terraform provider plugin. It is not meant to be run directly");
        }
    }

    @Test
    void aLauncherThatLookedUpAnotherDirectoryIsNotServed() throws Exception {
        start(Duration.ofHours(1), build());
        long launcher = launcher(TERRAFORM_LAUNCH);

        try (Socket session = connect()) {
            send(session, "session " + launcher + " " + directory.resolve("other-build"));
            assertThat(reader(session).readLine()).isEqualTo("ERROR this server serves " + directory);
        }
    }

    @Test
    void stopEndsTheServerAndRemovesItsPortFile() throws Exception {
        start(Duration.ofHours(1), build());

        assertThat(request("stop")).isEqualTo("stopping");
        running.get(30, TimeUnit.SECONDS);
        assertThat(directory.resolve("port")).doesNotExist();
    }

    @Test
    void itExitsWhenIdleForItsTimeout() throws Exception {
        start(Duration.ofSeconds(1), build());

        running.get(30, TimeUnit.SECONDS);
        assertThat(directory.resolve("port")).doesNotExist();
    }

    @Test
    void itExitsWhenIdleOnceTheBuildItWasStartedFromIsReplaced() throws Exception {
        Path build = build();
        start(Duration.ofHours(1), build);
        Files.delete(build);
        Files.writeString(build, "a newer build, of another size");

        running.get(30, TimeUnit.SECONDS);
    }

    private Path build() throws IOException {
        return Files.writeString(directory.resolve("provider.jar"), "build");
    }

    private void start(Duration idleTimeout, Path build) throws Exception {
        ResidentServer server =
                new ResidentServer(directory, idleTimeout, build, environment -> new ExampleProvider(new FileStore()));
        running = CompletableFuture.runAsync(() -> {
            try {
                server.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await(() -> Files.exists(directory.resolve("port")) || running.isDone());
    }

    /** A process standing in for the launcher Terraform started, with the environment it would have. */
    private long launcher(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sleep", "120");
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        launchers.add(process);
        return process.pid();
    }

    private String request(String line) throws IOException {
        try (Socket socket = connect()) {
            send(socket, line);
            return reader(socket).readLine();
        }
    }

    private Socket connect() throws IOException {
        int port = Integer.parseInt(Files.readString(directory.resolve("port")).strip());
        return new Socket("127.0.0.1", port);
    }

    private static void send(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
