package io.nftkeeper.agent;

import io.nftkeeper.agent.drift.DriftOperation;
import io.nftkeeper.agent.drift.DriftReport;
import io.nftkeeper.agent.drift.FileSetDigest;
import io.nftkeeper.agent.nft.CachedListings;
import io.nftkeeper.agent.nft.RulesetGeneration;
import io.nftkeeper.agent.nft.SingleThreadNftables;
import io.nftkeeper.agent.nft.StartupException;
import io.nftkeeper.agent.rollback.DetachedRollbackTimers;
import io.nftkeeper.agent.rollback.RollbackTimer;
import io.nftkeeper.agent.rpc.Dispatcher;
import io.nftkeeper.agent.rpc.PeerPolicy;
import io.nftkeeper.agent.rpc.ResidentFiles;
import io.nftkeeper.agent.rpc.ResidentServer;
import io.nftkeeper.agent.rpc.RpcLoop;
import io.nftkeeper.agent.rpc.StopRequest;
import io.nftkeeper.agent.state.AuditLog;
import io.nftkeeper.agent.state.BaselineStore;
import io.nftkeeper.agent.state.ElementRecords;
import io.nftkeeper.agent.state.FileSetsTerse;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.agent.state.StateDirectory;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.DriftParams;
import io.nftkeeper.protocol.wire.DriftResult;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Entry point of {@code java -jar agent.jar}. Exit codes: 0 done, 1 bug, 2 usage or state dir, 3 no libnftables;
 * {@code drift} has its own: 0 clean, 2 drift, 1 cannot tell. The internal {@code warm-up} ({@link WarmUp}) serves
 * one harmless session in memory, for the provider to make a class-data-sharing archive from.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Claim stdout for the protocol before anything (jnr-ffi, slf4j, a stray println) can write to it.
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        PrintStream stderr = new PrintStream(
                new PrefixedLines(new FileOutputStream(FileDescriptor.err), "[nftkeeper-agent] "),
                true,
                StandardCharsets.UTF_8);
        System.setErr(stderr);
        System.setOut(stderr);
        System.exit(run(args, System.in, protocolOut, stderr));
    }

    static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        try {
            if (List.of(WarmUp.COMMAND).equals(List.of(args))) {
                return WarmUp.run(err);
            }
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.mode() == CommandLine.Mode.VERSION) {
                out.write((version() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return 0;
            }
            if (commandLine.mode() == CommandLine.Mode.STOP) {
                return stop(commandLine.socket(), out, err);
            }
            Path stateDir = StateDirectory.prepare(StateDirectory.choose(commandLine.stateDirFlag(), System.getenv()));
            AuditLog audit = AuditLog.choose(commandLine.auditLogFlag(), System.getenv());
            if (commandLine.mode() == CommandLine.Mode.ROLLBACK_TIMER) {
                return RollbackTimer.run(stateDir, commandLine.txId(), commandLine.afterSeconds(), audit);
            }
            // fail now, not at the first request, if the registry is unreadable
            new OwnershipRegistry(stateDir).managed();
            if (commandLine.mode() == CommandLine.Mode.DRIFT) {
                return drift(stateDir, out, err);
            }
            Optional<ResidentFiles> resident = Optional.empty();
            if (commandLine.socket() != null) {
                resident = ResidentFiles.claim(commandLine.socket(), Optional.ofNullable(commandLine.socketGroup()));
                if (resident.isEmpty()) {
                    log().info("another agent serves {} already; exiting", commandLine.socket());
                    return 0;
                }
            }
            try (SingleThreadNftables nftables = SingleThreadNftables.open()) {
                // a resident agent answers many plans and drift checks of a ruleset nothing changed in between
                Dispatcher dispatcher = new Dispatcher(
                        version(),
                        hostname(),
                        new CachedListings(nftables, RulesetGeneration.open()::current),
                        stateDir,
                        audit,
                        new DetachedRollbackTimers(stateDir, audit.file()));
                log().info("agent {} serving (libnftables {}, state {})", version(), nftables.version(), stateDir);
                if (resident.isPresent()) {
                    new ResidentServer(
                                    dispatcher,
                                    resident.get(),
                                    PeerPolicy.of(Optional.ofNullable(commandLine.socketGroup())),
                                    Duration.ofSeconds(commandLine.idleTimeout()))
                            .serve();
                } else {
                    new RpcLoop(dispatcher).serve(in, out);
                }
            } finally {
                resident.ifPresent(ResidentFiles::close);
            }
            return 0;
        } catch (StartupException e) {
            err.println("ERROR " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ERROR interrupted");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("ERROR agent failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Asks the resident agent at {@code socket} to drain and exit; prints its answer. Exit 1 when none answers. */
    private static int stop(Path socket, OutputStream out, PrintStream err) throws IOException {
        try {
            out.write((StopRequest.send(socket) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("ERROR no agent answered at " + socket + ": " + e.getMessage());
            return 1;
        }
    }

    /** Prints a human drift report on stdout; exit 0 clean, 2 drift, 1 when drift cannot be judged. */
    private static int drift(Path stateDir, OutputStream out, PrintStream err) throws IOException {
        DriftResult result;
        try (SingleThreadNftables nftables = SingleThreadNftables.open()) {
            OwnershipRegistry registry = new OwnershipRegistry(stateDir);
            ElementRecords elements = new ElementRecords(stateDir);
            result = new DriftOperation(
                            new FileSetsTerse(nftables, elements),
                            registry,
                            new BaselineStore(stateDir),
                            new FileSetDigest(nftables, elements))
                    .handle(new DriftParams(List.of()));
        } catch (AgentException e) {
            err.println("ERROR " + e.getMessage());
            return 1;
        }
        out.write(DriftReport.render(result).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return DriftReport.exitCode(result);
    }

    /** Not a static field: slf4j must not start before main has claimed stdout for the protocol. */
    private static org.slf4j.Logger log() {
        return org.slf4j.LoggerFactory.getLogger(Main.class);
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
