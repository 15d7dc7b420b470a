package io.nftkeeper.agent;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Entry point of {@code java -jar agent.jar}. Exit codes: 0 done, 1 bug, 2 usage or state dir, 3 no libnftables. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Claim stdout for the protocol before anything (jnr-ffi, slf4j, a stray println) can write to it.
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        PrintStream stderr = new PrintStream(new PrefixedLines(new FileOutputStream(FileDescriptor.err),
                "[nftkeeper-agent] "), true, StandardCharsets.UTF_8);
        System.setErr(stderr);
        System.setOut(stderr);
        System.exit(run(args, System.in, protocolOut, stderr));
    }

    static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        try {
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.mode() == CommandLine.Mode.VERSION) {
                out.write((version() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return 0;
            }
            Path stateDir = StateDirectory.prepare(StateDirectory.choose(commandLine.stateDirFlag(), System.getenv()));
            // fail now, not at the first request, if the registry is unreadable
            new OwnershipRegistry(stateDir).managed();
            try (SingleThreadNftables nftables = SingleThreadNftables.open()) {
                Dispatcher dispatcher = new Dispatcher(version(), hostname(), nftables, stateDir);
                org.slf4j.LoggerFactory.getLogger(Main.class).info("agent {} serving (libnftables {}, state {})",
                        version(), nftables.version(), stateDir);
                new RpcLoop(dispatcher).serve(in, out);
            }
            return 0;
        } catch (StartupException e) {
            err.println("ERROR " + e.getMessage());
            return e.exitCode();
        } catch (IOException | RuntimeException e) {
            err.println("ERROR agent failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("agent.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
