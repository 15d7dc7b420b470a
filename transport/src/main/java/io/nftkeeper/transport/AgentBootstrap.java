package io.nftkeeper.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a host can run this provider's exact agent: java 17+ is there (the host's, or the runtime bundled with
 * the agent, uploaded once by sha256 when the host has none or {@code agent_runtime = "bundled"}), and the agent jar
 * with this sha256 is, uploading it only when the host lacks it, and so is the agent's class-data-sharing archive
 * (made once per jar, it halves the CPU time of every agent start). One remote command checks all three; it starts
 * java only when the jar or the archive must be made again, since any change of the java binary makes the archive
 * stale too. Safe when several provider processes bootstrap the same host at once: each uploads to, and archives into, its own temporary
 * file, checks it on the host and renames it into place atomically.
 */
public final class AgentBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AgentBootstrap.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int EXIT_HASH_MISMATCH = 4;
    private static final int STDERR_LINES_LOGGED = 5;
    private static final String INSTALL_JAVA = "install a Java 17+ runtime (Debian/Ubuntu: apt install "
            + "openjdk-17-jre-headless), set agent_java to the path of one, or set agent_runtime = \"auto\" or "
            + "\"bundled\" to run the agent on the runtime bundled with it (on hosts of the machine it was built for, "
            + "x86_64 in releases)";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The host's directory for resident agents' sockets (sandboxes set it per host through sshd's SetEnv). */
    private static final String RESIDENT_DIRECTORY_ENV = "NFTKEEPER_RUNTIME_DIR";
    /**
     * The JVM accepts an archive only for the jar with the size and mtime it was made from. Every upload of a jar
     * gets this mtime, so an upload of the same jar (a parallel bootstrap, a tampered jar put right) does not make
     * the archive of its twin useless. POSIX touch takes local time, hence the fixed zone.
     */
    private static final String FIXED_MTIME = "TZ=UTC0 touch -m -t 200001010000 ";

    private final AgentJar jar;
    private final AgentLaunch launch;
    /** The bundled runtime this launch may use: none with {@code agent_runtime = "system"}. */
    private final Optional<AgentRuntime> runtime;

    public AgentBootstrap(AgentJar jar, AgentLaunch launch) {
        this(jar, launch, launch.runtime() == AgentRuntimeChoice.SYSTEM ? Optional.empty() : AgentRuntime.bundled());
    }

    AgentBootstrap(AgentJar jar, AgentLaunch launch, Optional<AgentRuntime> runtime) {
        this.jar = jar;
        this.launch = launch;
        this.runtime = runtime;
        if (launch.runtime() == AgentRuntimeChoice.BUNDLED && runtime.isEmpty()) {
            throw new TransportException("agent_runtime = \"bundled\", but this build has no bundled agent runtime "
                    + "(" + AgentRuntime.ARCHIVE_RESOURCE + " is missing from its jar); rebuild it with Maven");
        }
    }

    /**
     * Checks java, uploads the jar if it was missing or differed, makes the archive if it is missing or stale, and
     * returns how to start the agent. Only a failure to archive is not an error: the agent then starts without it.
     */
    public AgentCommand ensureInstalled(SshSession session) {
        String host = session.target().host();
        String installed = launch.directory() + "/" + jar.fileName();
        ExecResult result = session.exec(probeScript(installed, AgentCommand.archiveOf(installed)), COMMAND_TIMEOUT);
        requireTrusted(result, session);
        requireSuccess(result, session, "checking java and the agent jar");
        BootstrapProbe probe = BootstrapProbe.parse(result.stdout());
        String java = probe.java();
        if (java.isEmpty()) {
            throw new TransportException("java not found on " + host + " (looked for '" + launch.java() + "' on the "
                    + "PATH of " + session.target().user() + "'s SSH commands): " + INSTALL_JAVA);
        }
        Optional<AgentRuntime> bundled = runtime.filter(candidate -> java.equals(candidate.javaIn(launch.directory())));
        if (bundled.isEmpty()) {
            probe.versionLine().ifPresent(versionLine -> requireJava17(versionLine, java, host));
        } else if (launch.runtime() == AgentRuntimeChoice.AUTO) {
            LOG.debug(
                    "no Java 17+ as '{}' on {} ({}): the agent runs on its bundled runtime",
                    launch.java(),
                    host,
                    probe.systemVersionLine().filter(line -> !line.isBlank()).orElse("not found"));
        }
        boolean runtimeCurrent = bundled.isEmpty() || probe.runtimeReady();
        boolean current = jar.sha256().equals(probe.sha256());
        AgentCommand command = new AgentCommand(java, installed, jar.sha256(), launch.sudo(), probe.socketDirectory());
        if (launch.sudo()) {
            if (!current || !runtimeCurrent || probe.archive() == BootstrapProbe.Archive.MISSING) {
                throw rootMustInstall(session, command, current, bundled.filter(any -> !runtimeCurrent));
            }
            return command;
        }
        if (!runtimeCurrent) {
            installRuntime(session, bundled.orElseThrow());
        }
        if (!current) {
            LOG.info("uploading the agent {} to {} on {}", jar, launch.directory(), host);
            upload(session, installed);
        }
        if (!current || !runtimeCurrent || probe.archive() == BootstrapProbe.Archive.MISSING) {
            archive(session, command);
        }
        return command;
    }

    /**
     * With sudo the SSH user cannot write agent_dir (were it able to, it could run code as root), so root installs the
     * agent: the jar goes to a directory of the SSH user's, and the error says what root runs to install it from there
     * (checking its sha256) and to make the archive, and the sudoers line that lets the user start it.
     */
    private TransportException rootMustInstall(
            SshSession session, AgentCommand command, boolean jarCurrent, Optional<AgentRuntime> missingRuntime) {
        String host = session.target().host();
        String user = session.target().user();
        String install = "";
        String stagingDirectory = "";
        if (!jarCurrent || missingRuntime.isPresent()) {
            ExecResult staging = session.exec("mktemp -d", COMMAND_TIMEOUT);
            requireSuccess(staging, session, "making a directory for the agent's files");
            stagingDirectory = staging.stdout().strip();
        }
        if (missingRuntime.isPresent()) {
            String staged = stagingDirectory + "/" + missingRuntime.get() + ".tar.gz";
            try (InputStream archive = missingRuntime.get().archive()) {
                requireSuccess(
                        session.exec("cat > " + ShellQuote.quote(staged), archive, SshSession.UPLOAD_TIMEOUT),
                        session,
                        "uploading the agent's runtime");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled agent runtime", e);
            }
            install = runtimeInstallScript(missingRuntime.get(), "cat " + ShellQuote.quote(staged)) + " && ";
        }
        if (!jarCurrent) {
            String staged = stagingDirectory + "/" + jar.fileName();
            session.upload(jar.content(), staged);
            String temporary = ShellQuote.quote(launch.directory() + "/." + jar.fileName() + ".tmp");
            install += "[ \"$(sha256sum < " + ShellQuote.quote(staged) + ")\" = "
                    + ShellQuote.quote(jar.sha256() + "  -")
                    + " ] && cp " + ShellQuote.quote(staged) + " " + temporary + " && " + FIXED_MTIME + temporary
                    + " && mv -f " + temporary + " " + ShellQuote.quote(command.jar()) + " && ";
        }
        String script = (missingRuntime.isPresent() ? TrustedAgentFiles.functions(true) : "")
                + "umask 022 && install -d -o root -g root -m 0755 " + ShellQuote.quote(launch.directory())
                + " && " + install + archiveScript(command);
        return new TransportException("sudo = true: root installs the agent on " + host + ", since " + user
                + " must not be able to write agent_dir " + launch.directory()
                + " (whoever can write it could run code "
                + "as root). "
                + (jarCurrent && missingRuntime.isEmpty()
                        ? "The agent's class-data archive is missing or stale. "
                        : (jarCurrent ? "" : "The agent jar was uploaded for it. ")
                                + (missingRuntime.isEmpty()
                                        ? ""
                                        : "The agent's Java runtime was uploaded for it (the host has no Java "
                                                + "17+, or agent_runtime = \"bundled\"). "))
                + "As root on " + host + " run:\n  sh -c "
                + ShellQuote.quote(script) + "\nand allow " + user + " to start the agent with this line in "
                + "/etc/sudoers.d/nftkeeper:\n  " + command.sudoersLine(user));
    }

    /** The probe's or the start's trust checks refused: their stderr says which file and why, and how to fix it. */
    private static void requireTrusted(ExecResult result, SshSession session) {
        if (result.exitStatus() == TrustedAgentFiles.EXIT_UNTRUSTED) {
            String said = result.stderr().strip();
            int prefix = said.indexOf(TrustedAgentFiles.ERROR_PREFIX);
            throw new TransportException(
                    "the agent cannot run on " + session.target().host() + ": "
                            + (prefix >= 0 ? said.substring(prefix + TrustedAgentFiles.ERROR_PREFIX.length()) : said));
        }
    }

    private static void requireJava17(String versionLine, String java, String host) {
        OptionalInt major = JavaVersion.major(versionLine);
        if (major.isPresent() && major.getAsInt() < JavaVersion.REQUIRED_MAJOR) {
            throw new TransportException("java on " + host + " is too old: " + java + " is Java " + major.getAsInt()
                    + " (" + versionLine.strip() + "), the agent needs 17 or newer: " + INSTALL_JAVA);
        }
        if (major.isEmpty()) {
            LOG.warn("cannot tell the version of {} on {} from '{}'; trying it anyway", java, host, versionLine);
        }
    }

    /**
     * Prints the lines {@link BootstrapProbe} reads. The archive is stale when the java binary changed after it was
     * made (an upgrade replaces the file, so its ctime moves): the JVM would silently ignore it. {@code java -version}
     * runs only when the jar or the archive must be made again.
     */
    private String probeScript(String installed, String archive) {
        String jarFile = ShellQuote.quote(installed);
        String archiveFile = ShellQuote.quote(archive);
        String directory = ShellQuote.quote(launch.directory());
        return TrustedAgentFiles.functions(launch.sudo())
                + (launch.sudo() ? "" : "(umask 022 && mkdir -p " + directory + ") 2>/dev/null; ")
                + TrustedAgentFiles.requireTrustedDirectory(launch.directory())
                + "echo \"sockets:${" + RESIDENT_DIRECTORY_ENV + ":-" + AgentCommand.DEFAULT_SOCKET_DIRECTORY + "}\"; "
                + chooseJava()
                + "echo \"java:$j\"; "
                + "h=$(sha256sum " + jarFile + " 2>/dev/null | cut -d' ' -f1); echo \"sha256:$h\"; "
                + "a=no; if [ -f " + archiveFile + " ] "
                + "&& [ \"$(stat -L -c %Z \"$j\")\" -le \"$(stat -c %Y " + archiveFile + ")\" ]; then "
                + "if [ ! -s " + archiveFile + " ]; then a=failed; elif [ \"$(sha256sum < " + archiveFile + ")\" = "
                + "\"$(cat " + ShellQuote.quote(TrustedAgentFiles.recordOf(archive)) + " 2>/dev/null)\" ]; then a=yes; "
                + "fi; fi; echo \"archive:$a\"; "
                + "if { [ \"$h\" != " + jar.sha256() + " ] || [ $a = no ]; } && [ \"$j\" != " + bundledJava()
                + " ]; then "
                + "echo \"version:$(\"$j\" -version 2>&1 | head -n 1)\"; fi";
    }

    /**
     * Sets {@code j} to the java that runs the agent, or exits printing an empty {@code java:} when there is none. With
     * {@code agent_runtime = "auto"} the host's java is taken when it is 17+: its version comes from the
     * {@code release} file of its JDK when there is one, which is much cheaper than starting it. The bundled runtime
     * stands in only on a host of the machine it was built for.
     */
    private String chooseJava() {
        String system = "j=$(command -v " + ShellQuote.quote(launch.java()) + " 2>/dev/null)";
        if (runtime.isEmpty()) {
            return system + " || { echo java:; exit 0; }; ";
        }
        AgentRuntime bundled = runtime.get();
        String useBundled =
                "j=" + bundledJava() + "; if nk_runtime " + ShellQuote.quote(bundled.directoryIn(launch.directory()))
                        + " " + bundled.sha256() + "; then echo runtime:yes; else echo runtime:no; fi; ";
        String sameMachine = "[ \"$(uname -m)\" = " + ShellQuote.quote(bundled.architecture()) + " ]";
        if (launch.runtime() == AgentRuntimeChoice.BUNDLED) {
            return sameMachine + " || nk_no \"agent_runtime = bundled: the bundled Java runtime runs on "
                    + bundled.architecture() + " and this host is $(uname -m); install a Java 17+ runtime there and "
                    + "set agent_runtime to auto or system\"; " + useBundled;
        }
        return "nk_v=; if " + system + "; then nk_r=$(readlink -f \"$j\"); "
                + "nk_v=$(sed -n 's/^JAVA_VERSION=\\(\"[^\"]*\"\\)$/version \\1/p' \"${nk_r%/bin/java}/release\" "
                + "2>/dev/null); "
                + "[ -n \"$nk_v\" ] || nk_v=$(\"$j\" -version 2>&1 | head -n 1); fi; echo \"system:$nk_v\"; "
                + "nk_m=${nk_v#*version \\\"}; nk_m=${nk_m%%\\\"*}; case $nk_m in 1.*) nk_m=${nk_m#1.};; esac; "
                + "nk_m=${nk_m%%[!0-9]*}; [ \"${nk_m:-0}\" -ge " + JavaVersion.REQUIRED_MAJOR + " ] || "
                + "if " + sameMachine + "; then " + useBundled + "else " + system + " || { echo java:; exit 0; }; fi; ";
    }

    private String bundledJava() {
        return runtime.map(bundled -> ShellQuote.quote(bundled.javaIn(launch.directory())))
                .orElse("''");
    }

    /**
     * Makes the archive as the SSH user from one in-memory agent session ({@code warm-up}) with the JVM options the
     * agent runs with, and installs it only once a JVM started with {@code -Xshare:on} proved it loads (a truncated
     * archive crashes the JVM that maps it). A failure installs an empty file instead, so later connections do not
     * try again with this jar and this java; the agent then starts without the archive. Always renamed into place,
     * never written over: a running agent keeps the file it mapped.
     */
    private void archive(SshSession session, AgentCommand command) {
        String host = session.target().host();
        String script = archiveScript(command);
        long started = System.nanoTime();
        try {
            ExecResult result = session.exec(script, COMMAND_TIMEOUT);
            if (result.succeeded()) {
                LOG.info(
                        "made the agent's class-data archive {} on {} in {} ms",
                        command.archive(),
                        host,
                        (System.nanoTime() - started) / 1_000_000);
            } else {
                LOG.warn(
                        "could not make the agent's class-data archive on {} (exit {}); the agent starts without "
                                + "it, slower, until another agent jar or java is installed: {}",
                        host,
                        result.exitStatus(),
                        lastLines(result.stderr()));
            }
        } catch (TransportException e) {
            LOG.warn(
                    "could not make the agent's class-data archive on {} ({}); the agent starts without it",
                    host,
                    e.getMessage());
        }
    }

    /**
     * The script behind {@link #archive}: it runs the jar only once its directory and content are checked, and
     * records the archive's sha256 next to it, which every start checks before java maps the archive.
     */
    private String archiveScript(AgentCommand command) {
        String jvm = ShellQuote.quote(command.java()) + " " + String.join(" ", AgentCommand.JVM_OPTIONS);
        String jarFile = ShellQuote.quote(command.jar());
        String archiveFile = ShellQuote.quote(command.archive());
        String record = ShellQuote.quote(TrustedAgentFiles.recordOf(command.archive()));
        String temporary = ShellQuote.quote(launch.directory() + "/." + jar.fileName() + "."
                + HexFormat.of().formatHex(randomBytes()) + ".jsa.tmp");
        return "umask 022; " + TrustedAgentFiles.functions(command.sudo())
                + TrustedAgentFiles.requireTrustedDirectory(launch.directory())
                + TrustedAgentFiles.requireIntactJar(command.jar(), command.sha256())
                + TrustedAgentFiles.requireIntactRuntime(command.java())
                + "t=" + temporary + "; "
                + jvm + " -XX:ArchiveClassesAtExit=\"$t\" -jar " + jarFile + " warm-up"
                + " && " + jvm + " -Xshare:on -XX:SharedArchiveFile=\"$t\" -jar " + jarFile + " version >/dev/null"
                + " && sha256sum < \"$t\" > \"$t.sha256\" && mv -f \"$t.sha256\" " + record
                + " && mv -f \"$t\" " + archiveFile
                + " || { s=$?; rm -f \"$t\" \"$t.sha256\"; : > \"$t\" && mv -f \"$t\" " + archiveFile + "; exit $s; }";
    }

    /** The end of a JVM's stderr without the classes CDS skips (dozens of jnr-ffi's pre-Java-6 ones, harmless). */
    private static String lastLines(String stderr) {
        List<String> lines = stderr.lines()
                .filter(line -> !line.contains("[cds]") && !line.isBlank())
                .toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - STDERR_LINES_LOGGED), lines.size()));
    }

    /**
     * Streams the runtime's tar.gz to the host on an exec channel and installs it in one command:
     * {@link #runtimeInstallScript}.
     */
    private void installRuntime(SshSession session, AgentRuntime bundled) {
        String host = session.target().host();
        LOG.info("uploading the agent's Java runtime {} to {} on {}", bundled, launch.directory(), host);
        long started = System.nanoTime();
        ExecResult install;
        try (InputStream archive = bundled.archive()) {
            install = session.exec(
                    "umask 022; " + TrustedAgentFiles.functions(false)
                            + TrustedAgentFiles.requireTrustedDirectory(launch.directory())
                            + runtimeInstallScript(bundled, "cat"),
                    archive,
                    SshSession.UPLOAD_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled agent runtime", e);
        }
        if (install.exitStatus() == EXIT_HASH_MISMATCH) {
            throw new TransportException(
                    "the agent's Java runtime uploaded to " + host + " arrived corrupted ("
                            + install.stderr().strip() + "); nothing was installed",
                    true,
                    null);
        }
        requireSuccess(install, session, "installing the agent's Java runtime");
        LOG.info("installed the agent's Java runtime on {} in {} ms", host, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Installs the runtime from the tar.gz that {@code copy} writes to its stdout ({@code cat} of this command's
     * stdin, or {@code cat FILE} of a staged upload as root): checks the tar.gz's sha256, unpacks it into a temporary
     * directory in agent_dir, checks every file there ({@code nk_runtime}) and renames the directory into place
     * atomically. When the place is taken by a runtime that fails the checks, that one is moved aside first; one
     * that passes (a parallel bootstrap's) is kept. Exits {@value #EXIT_HASH_MISMATCH} when a check fails.
     */
    private String runtimeInstallScript(AgentRuntime bundled, String copy) {
        String target = ShellQuote.quote(bundled.directoryIn(launch.directory()));
        String check = "nk_runtime \"$t/r\" " + bundled.sha256();
        return "t=$(mktemp -d " + ShellQuote.quote(launch.directory() + "/.runtime-XXXXXXXX") + ") && { "
                + copy + " > \"$t/a.tar.gz\" && { [ \"$(sha256sum < \"$t/a.tar.gz\")\" = "
                + ShellQuote.quote(bundled.archiveSha256() + "  -") + " ] || { echo \"its sha256 differs from "
                + bundled.archiveSha256() + "\" >&2; rm -rf \"$t\"; exit " + EXIT_HASH_MISMATCH + "; }; } "
                + "&& mkdir \"$t/r\" && tar -xzf \"$t/a.tar.gz\" -C \"$t/r\" --no-same-owner && rm -f \"$t/a.tar.gz\" "
                + "&& { " + check + " || { echo \"once unpacked: $nk_why\" >&2; rm -rf \"$t\"; exit "
                + EXIT_HASH_MISMATCH + "; }; } "
                + "&& { mv -T \"$t/r\" " + target + " 2>/dev/null || nk_runtime " + target + " " + bundled.sha256()
                + " || { mv -T " + target + " \"$t/old\" && mv -T \"$t/r\" " + target + "; }; }; "
                + "nk_s=$?; rm -rf \"$t\"; [ $nk_s = 0 ]; }";
    }

    private void upload(SshSession session, String installed) {
        String directory = launch.directory();
        String temporary =
                directory + "/." + jar.fileName() + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp";
        session.upload(jar.content(), temporary);
        String temp = ShellQuote.quote(temporary);
        ExecResult install = session.exec(
                "if [ \"$(sha256sum < " + temp + ")\" = " + ShellQuote.quote(jar.sha256() + "  -")
                        + " ]; then chmod 0644 " + temp + " && " + FIXED_MTIME + temp + " && mv -f " + temp + " "
                        + ShellQuote.quote(installed) + "; else rm -f " + temp + "; exit "
                        + EXIT_HASH_MISMATCH + "; fi",
                COMMAND_TIMEOUT);
        if (install.exitStatus() == EXIT_HASH_MISMATCH) {
            throw new TransportException(
                    "the agent jar uploaded to " + session.target().host()
                            + " arrived corrupted (its sha256 differs from " + jar.sha256()
                            + "); nothing was installed",
                    true,
                    null);
        }
        requireSuccess(install, session, "installing the agent jar");
    }

    private static void requireSuccess(ExecResult result, SshSession session, String action) {
        if (!result.succeeded()) {
            throw new TransportException(action + " on " + session.target().host() + " failed (exit "
                    + result.exitStatus() + "): " + result.stderr().strip());
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
