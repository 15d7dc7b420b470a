package io.nftkeeper.provider;

import io.nftkeeper.framework.datasource.DataSource;
import io.nftkeeper.framework.provider.ConfigureRequest;
import io.nftkeeper.framework.provider.ConfigureResponse;
import io.nftkeeper.framework.provider.Provider;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Block;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.server.PluginEnvironment;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.provider.datasources.RulesetDataSource;
import io.nftkeeper.provider.datasources.TableDataSource;
import io.nftkeeper.provider.resources.ChainResource;
import io.nftkeeper.provider.resources.CounterResource;
import io.nftkeeper.provider.resources.CtExpectationResource;
import io.nftkeeper.provider.resources.CtHelperResource;
import io.nftkeeper.provider.resources.CtTimeoutResource;
import io.nftkeeper.provider.resources.FlowtableResource;
import io.nftkeeper.provider.resources.LimitResource;
import io.nftkeeper.provider.resources.MapResource;
import io.nftkeeper.provider.resources.QuotaResource;
import io.nftkeeper.provider.resources.SecmarkResource;
import io.nftkeeper.provider.resources.SetElementsResource;
import io.nftkeeper.provider.resources.SetResource;
import io.nftkeeper.provider.resources.SynproxyResource;
import io.nftkeeper.provider.resources.TableResource;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentRuntimeChoice;
import io.nftkeeper.transport.BuildVersion;
import io.nftkeeper.transport.TransportSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code nftables} provider: how to reach a host over SSH, and the resources that manage its firewall. */
public final class NftablesProvider implements Provider {
    /**
     * Seconds a resident provider server keeps the SSH connections of a Terraform process that changed nothing on
     * their host, for the next one (0: closes them at once).
     */
    static final String KEEP_CONNECTIONS = "NFTKEEPER_PROVIDER_KEEP_CONNECTIONS";

    static final Duration DEFAULT_KEEP_CONNECTIONS = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(NftablesProvider.class);

    /** One pool per provider instance: every resource of a run shares one SSH session and agent per host. */
    private final AgentConnections connections;

    /** The Terraform served: its environment (SSH_AUTH_SOCK, HOME) and working directory (relative paths). */
    private final PluginEnvironment environment;

    public NftablesProvider(PluginEnvironment environment) {
        this.environment = environment;
        this.connections = new AgentConnections(TransportSettings.defaults(), keptConnections(environment));
    }

    /** How long this provider's connections may serve a later Terraform process: only in a resident server. */
    static Duration keptConnections(PluginEnvironment environment) {
        if (!environment.shared()) {
            return Duration.ZERO;
        }
        String value =
                environment.variables().getOrDefault(KEEP_CONNECTIONS, "").strip();
        if (value.isEmpty()) {
            return DEFAULT_KEEP_CONNECTIONS;
        }
        try {
            return Duration.ofSeconds(Long.parseUnsignedLong(value));
        } catch (NumberFormatException e) {
            LOG.warn("{}={} is not a number of seconds; connections are closed at once", KEEP_CONNECTIONS, value);
            return Duration.ZERO;
        }
    }

    /**
     * StopProvider (Ctrl-C) or Shutdown: lets running agent calls finish (bounded), then closes every agent connection
     * (an agent over exec exits; a resident one stays for other clients) and every SSH session. No new connection
     * opens afterwards.
     */
    @Override
    public void stop() {
        connections.close();
    }

    @Override
    public String typeName() {
        return "nftables";
    }

    @Override
    public String version() {
        return BuildVersion.current();
    }

    @Override
    public Schema schema() {
        return Schema.builder()
                .description("Manages nftables firewalls on Linux hosts over SSH. The provider starts a small agent "
                        + "on each host (uploaded when missing) that applies each change as one atomic nftables "
                        + "transaction and only touches tables created or imported through nftkeeper. One provider "
                        + "block can manage many hosts: resources set their own `host`, with the connection settings "
                        + "given here.")
                .attributes(
                        Attribute.string("host")
                                .optional()
                                .description("Address or DNS name of the host that resources without their own `host` "
                                        + "manage."),
                        Attribute.number("port")
                                .optional()
                                .validators(Validators.between(1, 65535))
                                .description("SSH port. Defaults to `22`."),
                        Attribute.string("user")
                                .optional()
                                .description("SSH user. Defaults to `root`. Another user needs `sudo = true` and a "
                                        + "sudoers rule (see `sudo`)."),
                        Attribute.string("private_key")
                                .optional()
                                .sensitive()
                                .description(
                                        "SSH private key (OpenSSH or PEM text), e.g. `file(\"~/.ssh/id_ed25519\")`. "
                                                + "Never stored in state. Exactly one of `private_key`, `private_key_file` and "
                                                + "`ssh_agent` is required."),
                        Attribute.string("private_key_file")
                                .optional()
                                .description("Path of the SSH private key on the machine running Terraform; read "
                                        + "when connecting."),
                        Attribute.string("private_key_passphrase")
                                .optional()
                                .sensitive()
                                .description("Passphrase of an encrypted `private_key` or `private_key_file`."),
                        Attribute.bool("ssh_agent")
                                .optional()
                                .description("Authenticate with the keys of the ssh-agent named by `SSH_AUTH_SOCK`."),
                        Attribute.string("host_key")
                                .optional()
                                .description(
                                        "The hosts' public SSH host key (`ssh-ed25519 AAAA...`) or its fingerprint "
                                                + "(`SHA256:...`). Exactly one of `host_key`, `known_hosts_file` and "
                                                + "`insecure_ignore_host_key` is required: host keys are verified. A mismatch "
                                                + "fails showing the expected and the presented fingerprint."),
                        Attribute.string("known_hosts_file")
                                .optional()
                                .description("Path of an OpenSSH known_hosts file that lists the hosts' keys; the "
                                        + "natural choice when resources manage several hosts."),
                        Attribute.bool("insecure_ignore_host_key")
                                .optional()
                                .description("Accept any host key. For throw-away lab hosts only: anyone on the path "
                                        + "could impersonate the hosts. Produces a warning."),
                        Attribute.bool("sudo")
                                .optional()
                                .description("Start the agent with `sudo -n` (never prompts) as root. The agent then "
                                        + "runs only from an `agent_dir` that root owns and installs into (by "
                                        + "default `" + AgentLaunch.SUDO_DEFAULT_DIRECTORY + "`): the first apply "
                                        + "uploads the jar for root and fails printing the command root runs to "
                                        + "install it, and the sudoers line that lets the SSH user start exactly "
                                        + "that agent, such as `deploy ALL=(root) NOPASSWD: /usr/bin/java "
                                        + "-XX\\:+UseSerialGC -Xms16m -Xmx512m -Xss512k -Xlog\\:disable "
                                        + "-Xlog\\:all\\=warning\\:stderr -XX\\:SharedArchiveFile\\="
                                        + AgentLaunch.SUDO_DEFAULT_DIRECTORY + "/nftkeeper-agent-<sha256>.jsa -jar "
                                        + AgentLaunch.SUDO_DEFAULT_DIRECTORY + "/nftkeeper-agent-<sha256>.jar serve`."),
                        Attribute.string("agent_java")
                                .optional()
                                .description("The java binary on the hosts (Java 17 or newer). Defaults to `java` on "
                                        + "the SSH user's PATH."),
                        Attribute.string("agent_runtime")
                                .optional()
                                .validators(Validators.oneOf(Arrays.stream(AgentRuntimeChoice.values())
                                        .map(AgentRuntimeChoice::setting)
                                        .toArray(String[]::new)))
                                .description("Which Java runs the agent on the hosts: `auto` (the default) takes "
                                        + "`agent_java` when it is Java 17 or newer and else the Java runtime bundled "
                                        + "with the provider (jlink, only the modules the agent needs, about 34 MB "
                                        + "compressed), uploaded once by sha256 into `agent_dir`; `system` only "
                                        + "`agent_java` (a missing or older one is an error); `bundled` always the "
                                        + "bundled runtime. With the bundled runtime a host needs only sshd and "
                                        + "`libnftables1`. See the docs page on the agent runtime."),
                        Attribute.string("agent_dir")
                                .optional()
                                .description("Absolute directory on the hosts where the agent jar is cached (named "
                                        + "after its sha256). Defaults to `" + AgentLaunch.DEFAULT_DIRECTORY + "` ("
                                        + "`" + AgentLaunch.SUDO_DEFAULT_DIRECTORY
                                        + "` with `sudo`). The agent runs as "
                                        + "root from there, so it and every parent directory must be owned by root "
                                        + "(or by the SSH user, without sudo) and not writable by group or others; "
                                        + "else the provider refuses, naming the directory and how to fix it."),
                        Attribute.string("agent_idle_timeout")
                                .optional()
                                .description("How long the agent stays on a host without any client before it exits, "
                                        + "e.g. `30m` (units d, h, m, s, ms). The agent is resident: the first command starts "
                                        + "it detached from the SSH session, later provider processes and commands reach "
                                        + "it through their SSH connection (`direct-streamlocal`, no process started per "
                                        + "connection). Defaults to `15m`; `0s` keeps it until stopped. The agent that "
                                        + "is already running keeps the timeout it was started with."),
                        Attribute.of("host_overrides", Type.DYNAMIC)
                                .optional()
                                .sensitive()
                                .validators(HostOverrideEntries.VALIDATOR)
                                .description("Connection settings that differ per host, keyed by the host as resources "
                                        + "name it, e.g. `{ \"10.0.0.5\" = { port = 2222, host_key = \"SHA256:...\" "
                                        + "}, \"10.0.1.7\" = { user = \"deploy\", sudo = true, private_key_file = "
                                        + "\"~/.ssh/dmz\", bastion = { host = \"jump.dmz\", host_key = \"SHA256:...\" "
                                        + "} } }`. An entry takes `port`, `user`, `host_key`, `known_hosts_file`, "
                                        + "`private_key`, `private_key_file`, `private_key_passphrase`, `ssh_agent`, "
                                        + "`sudo`, `agent_java`, `agent_dir`, `agent_runtime` and `bastion` (an "
                                        + "object with the "
                                        + "`bastion` block's attributes), with the meaning they have in this block; "
                                        + "any other key is an error. Whatever an entry leaves unset comes from this "
                                        + "block; a host's `bastion` inherits that host's user, credentials and host "
                                        + "key settings unless it sets its own. Sensitive as a whole: it may hold "
                                        + "keys. Handy to pin each host's key in a fleet."),
                        Attribute.singleNested(
                                        "lockout_protection",
                                        Schema.builder()
                                                .attributes(
                                                        Attribute.bool("enabled")
                                                                .optional()
                                                                .description("`false` confirms no change: every "
                                                                        + "change commits for good at once, also one "
                                                                        + "that cuts SSH. Defaults to `true`."),
                                                        Attribute.bool("all_changes")
                                                                .optional()
                                                                .description("`true` confirms every change, not only "
                                                                        + "those that can cut SSH by default: also "
                                                                        + "forward and postrouting chains, regular "
                                                                        + "chains (also those an input chain jumps to) "
                                                                        + "and sets no input rule names. Defaults to "
                                                                        + "`false`."),
                                                        Attribute.string("confirm_timeout")
                                                                .optional()
                                                                .description("How long the agent waits for the "
                                                                        + "confirmation before it restores the "
                                                                        + "previous ruleset, e.g. `30s` or `2m` (5 s "
                                                                        + "to 1 h). Defaults to `30s`."))
                                                .build())
                                .optional()
                                .description("Commit-confirmed applies, so a change cannot lock terraform out of a "
                                        + "host. **On by default for changes to base chains hooked on prerouting, "
                                        + "input or output** (in any family): creating, changing or deleting such a "
                                        + "chain, its rules or its table, or a set or map its rules name "
                                        + "(`@admin_v4`). Such a change is provisional until the "
                                        + "provider confirms it over a *new* SSH connection (new TCP connection and "
                                        + "login). If the change cut SSH, that login fails, the agent restores the "
                                        + "touched tables as they were, and the apply fails with \"rolled back: "
                                        + "<host> was unreachable over SSH after the change\". Costs one extra SSH "
                                        + "login per such change; changes to one table wait for each other's "
                                        + "confirmation. Other changes (forward and postrouting chains, regular "
                                        + "chains, other sets and maps) commit at once unless `all_changes = true`. Opt out with "
                                        + "`lockout_protection = { enabled = false }`; e.g. `lockout_protection = { "
                                        + "all_changes = true, confirm_timeout = \"1m\" }`."))
                .block(Block.single(
                                "bastion",
                                Schema.builder()
                                        .attributes(
                                                Attribute.string("host")
                                                        .required()
                                                        .description("Address of the bastion (jump host)."),
                                                Attribute.number("port")
                                                        .optional()
                                                        .validators(Validators.between(1, 65535))
                                                        .description("SSH port of the bastion. Defaults to `22`."),
                                                Attribute.string("user")
                                                        .optional()
                                                        .description(
                                                                "SSH user on the bastion. Defaults to the provider's "
                                                                        + "`user`."),
                                                Attribute.string("private_key")
                                                        .optional()
                                                        .sensitive()
                                                        .description("Key for the bastion; defaults to the provider's "
                                                                + "credentials."),
                                                Attribute.string("private_key_file")
                                                        .optional()
                                                        .description("Path of the key for the bastion."),
                                                Attribute.string("private_key_passphrase")
                                                        .optional()
                                                        .sensitive()
                                                        .description("Passphrase of the bastion's key."),
                                                Attribute.string("host_key")
                                                        .optional()
                                                        .description(
                                                                "The bastion's host key or fingerprint. Defaults to the "
                                                                        + "provider's `known_hosts_file` (or insecure setting)."),
                                                Attribute.string("known_hosts_file")
                                                        .optional()
                                                        .description("known_hosts file listing the bastion."))
                                        .build())
                        .description("Reach the hosts through this SSH bastion, as `ssh -J` does: the hosts only need "
                                + "to be reachable from the bastion, whose sshd must allow TCP forwarding."))
                .build();
    }

    @Override
    public void configure(ConfigureRequest req, ConfigureResponse resp) {
        Value config = req.config();
        if (!config.isWhollyKnown()) {
            // Values from other resources are only known at apply; the configure call that follows will have them.
            return;
        }
        new ConnectionConfigParser(environment, resp.diagnostics())
                .parse(config)
                .ifPresent(connection -> resp.setProviderData(new SshHostAccess(connection, connections)));
    }

    @Override
    public List<Supplier<Resource>> resources() {
        return List.of(
                TableResource::new,
                ChainResource::new,
                () -> new SetResource(environment.workingDirectory()),
                CounterResource::new,
                QuotaResource::new,
                LimitResource::new,
                MapResource::new,
                () -> new SetElementsResource(environment.workingDirectory()),
                FlowtableResource::new,
                CtHelperResource::new,
                CtTimeoutResource::new,
                CtExpectationResource::new,
                SynproxyResource::new,
                SecmarkResource::new);
    }

    @Override
    public List<Supplier<DataSource>> dataSources() {
        return List.of(RulesetDataSource::new, TableDataSource::new);
    }
}
