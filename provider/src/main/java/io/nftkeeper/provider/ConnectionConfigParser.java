package io.nftkeeper.provider;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.server.PluginEnvironment;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NftDuration;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentRuntimeChoice;
import io.nftkeeper.transport.Credentials;
import io.nftkeeper.transport.HostKeyPin;
import io.nftkeeper.transport.HostKeyPolicy;
import io.nftkeeper.transport.LockoutProtection;
import io.nftkeeper.transport.Secret;
import io.nftkeeper.transport.SshTarget;
import io.nftkeeper.transport.TransportException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the provider block into a {@link ConnectionConfig}, reporting each mistake on the attribute that causes it.
 * The bastion inherits the provider's user, credentials and known_hosts file unless it sets its own.
 */
final class ConnectionConfigParser {
    static final String DEFAULT_USER = "root";
    static final String SSH_AUTH_SOCK = "SSH_AUTH_SOCK";

    private final PluginEnvironment environment;
    private final Diagnostics diagnostics;

    ConnectionConfigParser(PluginEnvironment environment, Diagnostics diagnostics) {
        this.environment = environment;
        this.diagnostics = diagnostics;
    }

    /** The configuration, or empty when the diagnostics now hold at least one error. */
    Optional<ConnectionConfig> parse(Value config) {
        Optional<String> host = string(config, "host");
        int port = port(config);
        String user = string(config, "user").orElse(DEFAULT_USER);
        Optional<Credentials> credentials = credentials(config, Path.empty(), true);
        Optional<HostKeyPolicy> hostKeys = hostKeys(config, Path.empty(), true);
        Optional<AgentLaunch> launch = launch(config);
        Optional<SshTarget> bastion = Optional.empty();
        Value bastionBlock = config.get("bastion");
        if (!bastionBlock.isNull() && credentials.isPresent() && hostKeys.isPresent()) {
            bastion = bastion(bastionBlock, Path.root("bastion"), user, credentials.get(), hostKeys.get());
        }
        Map<String, HostOverride> overrides = credentials.isPresent() && hostKeys.isPresent()
                ? overrides(config.get("host_overrides"), user, credentials.get(), hostKeys.get())
                : Map.of();
        LockoutProtection lockout = lockout(config.get("lockout_protection"));
        if (diagnostics.hasError()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionConfig(
                host,
                port,
                user,
                credentials.orElseThrow(),
                hostKeys.orElseThrow(),
                bastion,
                launch.orElseThrow(),
                overrides,
                lockout));
    }

    /**
     * Unset: changes to base chains on prerouting, input and output are confirmed within 30 s. {@code enabled =
     * false} confirms nothing, {@code all_changes = true} every change; {@code confirm_timeout} sets the wait.
     */
    private LockoutProtection lockout(Value block) {
        if (block.isNull()) {
            return LockoutProtection.localTrafficChainsWithin(LockoutProtection.DEFAULT_CONFIRM_TIMEOUT);
        }
        Path root = Path.root("lockout_protection");
        boolean enabled = block.get("enabled").isNull() || bool(block, "enabled");
        boolean allChanges = bool(block, "all_changes");
        if (!enabled) {
            if (allChanges) {
                diagnostics.addAttributeError(
                        root.atName("all_changes"),
                        "Conflicting lockout_protection settings",
                        "all_changes = true confirms every change, enabled = false none: set only one of them.");
            }
            return LockoutProtection.OFF;
        }
        Duration timeout = confirmTimeout(block, root.atName("confirm_timeout"));
        return allChanges
                ? LockoutProtection.confirmWithin(timeout)
                : LockoutProtection.localTrafficChainsWithin(timeout);
    }

    /** {@code confirm_timeout}, or the default (30 s) when unset; an error on it (and the default) when invalid. */
    private Duration confirmTimeout(Value block, Path at) {
        Optional<String> text = string(block, "confirm_timeout");
        if (text.isEmpty()) {
            return LockoutProtection.DEFAULT_CONFIRM_TIMEOUT;
        }
        Optional<Duration> timeout = NftDuration.parse(text.get());
        if (timeout.isEmpty()) {
            diagnostics.addAttributeError(at, "Invalid confirm_timeout", NftDuration.syntaxHelp(text.get()));
            return LockoutProtection.DEFAULT_CONFIRM_TIMEOUT;
        }
        if (timeout.get().compareTo(LockoutProtection.MIN_CONFIRM_TIMEOUT) < 0
                || timeout.get().compareTo(LockoutProtection.MAX_CONFIRM_TIMEOUT) > 0) {
            diagnostics.addAttributeError(
                    at,
                    "confirm_timeout out of range",
                    "Give between 5s and 1h: a shorter "
                            + "timeout rolls back good changes when a login is slow, a longer one keeps a host locked out "
                            + "that long; got " + text.get() + ".");
            return LockoutProtection.DEFAULT_CONFIRM_TIMEOUT;
        }
        return timeout.get();
    }

    /**
     * Per-host settings: each replaces the provider's for that host only. A host's bastion inherits that host's user,
     * credentials and host keys unless it sets its own, as the provider's bastion inherits the provider's.
     */
    private Map<String, HostOverride> overrides(
            Value value, String defaultUser, Credentials defaultCredentials, HostKeyPolicy defaultHostKeys) {
        Path root = Path.root("host_overrides");
        Map<String, HostOverride> overrides = new LinkedHashMap<>();
        HostOverrideEntries.read(value, root, diagnostics).forEach((host, entry) -> {
            Path at = root.atKey(host);
            Optional<HostKeyPolicy> hostKeys = string(entry, "host_key").isPresent()
                            || string(entry, "known_hosts_file").isPresent()
                    ? hostKeys(entry, at, false)
                    : Optional.empty();
            Optional<Credentials> credentials =
                    hasOwnKey(entry) || bool(entry, "ssh_agent") ? credentials(entry, at, true) : Optional.empty();
            if (!hasOwnKey(entry) && !entry.get("private_key_passphrase").isNull()) {
                diagnostics.addAttributeError(
                        at.atName("private_key_passphrase"),
                        "Passphrase without a key",
                        "This host uses the provider's credentials unless its entry sets `private_key` or "
                                + "`private_key_file`; its `private_key_passphrase` belongs with one of those.");
            }
            Optional<Integer> port =
                    entry.get("port").isNull() ? Optional.empty() : portInRange(entry, at.atName("port"));
            Optional<String> user = string(entry, "user");
            Optional<SshTarget> bastion = entry.get("bastion").isNull()
                    ? Optional.empty()
                    : bastion(
                            entry.get("bastion"),
                            at.atName("bastion"),
                            user.orElse(defaultUser),
                            credentials.orElse(defaultCredentials),
                            hostKeys.orElse(defaultHostKeys));
            Optional<String> java = string(entry, "agent_java");
            if (java.isPresent() && java.get().isBlank()) {
                diagnostics.addAttributeError(
                        at.atName("agent_java"),
                        "Empty agent_java",
                        "Give the path of a Java 17+ binary on this host, or leave `agent_java` out.");
            }
            Optional<String> directory = string(entry, "agent_dir");
            if (directory.isPresent() && !directory.get().startsWith("/")) {
                diagnostics.addAttributeError(
                        at.atName("agent_dir"),
                        "agent_dir must be absolute",
                        "`agent_dir` is a directory on the host, e.g. `/var/lib/nftkeeper/agent`; got \""
                                + directory.get() + "\".");
            }
            Optional<Boolean> sudo = entry.get("sudo").isNull() ? Optional.empty() : Optional.of(bool(entry, "sudo"));
            Optional<AgentRuntimeChoice> runtime = string(entry, "agent_runtime")
                    .flatMap(setting -> runtimeChoice(setting, at.atName("agent_runtime")));
            overrides.put(
                    host, new HostOverride(port, user, hostKeys, credentials, bastion, sudo, java, directory, runtime));
        });
        return overrides;
    }

    /** The port of an entry that Terraform's schema does not check (a dynamic value): 1 to 65535. */
    private Optional<Integer> portInRange(Value block, Path at) {
        BigDecimal port = block.get("port").asNumber();
        if (port.scale() > 0 && port.stripTrailingZeros().scale() > 0
                || port.compareTo(BigDecimal.ONE) < 0
                || port.compareTo(BigDecimal.valueOf(65535)) > 0) {
            diagnostics.addAttributeError(
                    at, "Invalid port", "A port is a whole number from 1 to 65535; got " + port.toPlainString() + ".");
            return Optional.empty();
        }
        return Optional.of(port.intValueExact());
    }

    private Optional<SshTarget> bastion(
            Value block, Path at, String defaultUser, Credentials providerCredentials, HostKeyPolicy providerHostKeys) {
        if (block.get("host").isNull()) {
            diagnostics.addAttributeError(
                    at.atName("host"), "The bastion needs a host", "Set `host`, the address of the bastion.");
            return Optional.empty();
        }
        String host = block.get("host").asString();
        int port = port(block);
        String user = string(block, "user").orElse(defaultUser);
        Optional<Credentials> credentials =
                hasOwnKey(block) ? credentials(block, at, false) : Optional.of(providerCredentials);
        if (!hasOwnKey(block) && !block.get("private_key_passphrase").isNull()) {
            diagnostics.addAttributeError(
                    at.atName("private_key_passphrase"),
                    "Passphrase without a key",
                    "The bastion uses the provider's credentials unless it sets `private_key` or `private_key_file`; "
                            + "its `private_key_passphrase` belongs with one of those.");
        }
        Optional<HostKeyPolicy> hostKeys;
        if (string(block, "host_key").isPresent()
                || string(block, "known_hosts_file").isPresent()) {
            hostKeys = hostKeys(block, at, false);
        } else if (providerHostKeys instanceof HostKeyPolicy.Pinned) {
            diagnostics.addAttributeError(
                    at.atName("host_key"),
                    "The bastion's host key is not known",
                    "The provider's `host_key` pins the managed host's key, not the bastion's. Set `host_key` or "
                            + "`known_hosts_file` in the bastion block.");
            hostKeys = Optional.empty();
        } else {
            hostKeys = Optional.of(providerHostKeys);
        }
        if (credentials.isEmpty() || hostKeys.isEmpty() || diagnostics.hasError()) {
            return Optional.empty();
        }
        return Optional.of(new SshTarget(host, port, user, credentials.get(), hostKeys.get(), Optional.empty()));
    }

    private static boolean hasOwnKey(Value block) {
        return !block.get("private_key").isNull()
                || !block.get("private_key_file").isNull();
    }

    /** Exactly one of private_key, private_key_file and (in the provider block) ssh_agent = true. */
    private Optional<Credentials> credentials(Value block, Path at, boolean agentAllowed) {
        Optional<String> key = string(block, "private_key");
        Optional<String> file = string(block, "private_key_file");
        boolean agent = agentAllowed && bool(block, "ssh_agent");
        Optional<Secret> passphrase = string(block, "private_key_passphrase").map(Secret::new);
        List<String> given = new ArrayList<>();
        key.ifPresent(k -> given.add("private_key"));
        file.ifPresent(f -> given.add("private_key_file"));
        if (agent) {
            given.add("ssh_agent");
        }
        String choices = agentAllowed
                ? "`private_key`, `private_key_file` or `ssh_agent = true`"
                : "`private_key` or `private_key_file`";
        if (given.isEmpty()) {
            diagnostics.addAttributeError(
                    at.atName("private_key"), "SSH credentials are missing", "Set one of " + choices + ".");
            return Optional.empty();
        }
        if (given.size() > 1) {
            diagnostics.addAttributeError(
                    at.atName(given.get(1)),
                    "Conflicting SSH credentials",
                    "Set only one of " + choices + "; this block sets " + String.join(" and ", given) + ".");
            return Optional.empty();
        }
        if (agent) {
            if (passphrase.isPresent()) {
                diagnostics.addAttributeError(
                        at.atName("private_key_passphrase"),
                        "Passphrase without a key",
                        "With `ssh_agent = true` the agent holds the decrypted keys; remove `private_key_passphrase`.");
                return Optional.empty();
            }
            String socket = environment.variables().get(SSH_AUTH_SOCK);
            if (socket == null || socket.isBlank()) {
                diagnostics.addAttributeError(
                        at.atName("ssh_agent"),
                        "No ssh-agent",
                        "`ssh_agent = true` uses the agent named by SSH_AUTH_SOCK, which is not set in terraform's "
                                + "environment. Start ssh-agent and `ssh-add` your key, then run terraform again.");
                return Optional.empty();
            }
            return Optional.of(new Credentials.SshAgent(environment.resolve(socket)));
        }
        if (key.isPresent()) {
            if (key.get().isBlank()) {
                diagnostics.addAttributeError(
                        at.atName("private_key"),
                        "Empty private key",
                        "`private_key` is empty; give the key's text, e.g. `file(\"~/.ssh/id_ed25519\")`.");
                return Optional.empty();
            }
            return Optional.of(new Credentials.PrivateKey(new Secret(key.get()), passphrase));
        }
        return Optional.of(new Credentials.PrivateKeyFile(environment.resolve(expandHome(file.get())), passphrase));
    }

    /** Exactly one of host_key, known_hosts_file and (in the provider block) insecure_ignore_host_key = true. */
    private Optional<HostKeyPolicy> hostKeys(Value block, Path at, boolean insecureAllowed) {
        Optional<String> pin = string(block, "host_key");
        Optional<String> knownHosts = string(block, "known_hosts_file");
        boolean insecure = insecureAllowed && bool(block, "insecure_ignore_host_key");
        List<String> given = new ArrayList<>();
        pin.ifPresent(p -> given.add("host_key"));
        knownHosts.ifPresent(k -> given.add("known_hosts_file"));
        if (insecure) {
            given.add("insecure_ignore_host_key");
        }
        String choices = insecureAllowed
                ? "`host_key` (the host's public key or its SHA256 fingerprint), `known_hosts_file`, or, for lab hosts "
                        + "only, `insecure_ignore_host_key = true`"
                : "`host_key` (the host's public key or its SHA256 fingerprint) or `known_hosts_file`";
        if (given.isEmpty()) {
            diagnostics.addAttributeError(
                    at.atName("host_key"), "Host key verification needs a host key", "Set one of " + choices + ".");
            return Optional.empty();
        }
        if (given.size() > 1) {
            diagnostics.addAttributeError(
                    at.atName(given.get(1)),
                    "Conflicting host key settings",
                    "Set only one of " + choices + "; this block sets " + String.join(" and ", given) + ".");
            return Optional.empty();
        }
        if (insecure) {
            diagnostics.addAttributeWarning(
                    at.atName("insecure_ignore_host_key"),
                    "Host keys are not verified",
                    "`insecure_ignore_host_key = true` accepts any host key, so anyone between terraform and the "
                            + "hosts can impersonate them and read the firewall rules. Use it for throw-away lab hosts "
                            + "only; set `host_key` or `known_hosts_file` for anything else.");
            return Optional.of(new HostKeyPolicy.Insecure());
        }
        if (pin.isPresent()) {
            try {
                return Optional.of(new HostKeyPolicy.Pinned(HostKeyPin.parse(pin.get())));
            } catch (IllegalArgumentException e) {
                diagnostics.addAttributeError(at.atName("host_key"), "Invalid host key", e.getMessage() + ".");
                return Optional.empty();
            }
        }
        return Optional.of(new HostKeyPolicy.KnownHosts(environment.resolve(expandHome(knownHosts.get()))));
    }

    private Optional<AgentLaunch> launch(Value config) {
        AgentLaunch defaults = AgentLaunch.defaults();
        String java = string(config, "agent_java").orElse(defaults.java());
        String directory = string(config, "agent_dir").orElse(AgentLaunch.defaultDirectory(bool(config, "sudo")));
        if (java.isBlank()) {
            diagnostics.addAttributeError(
                    Path.root("agent_java"),
                    "Empty agent_java",
                    "Give the path of a Java 17+ binary on the hosts, or leave `agent_java` unset to use `java`.");
            return Optional.empty();
        }
        if (!directory.startsWith("/")) {
            diagnostics.addAttributeError(
                    Path.root("agent_dir"),
                    "agent_dir must be absolute",
                    "`agent_dir` is a directory on the hosts, e.g. `/var/lib/nftkeeper/agent`; got \"" + directory
                            + "\".");
            return Optional.empty();
        }
        Optional<String> runtimeSetting = string(config, "agent_runtime");
        Optional<AgentRuntimeChoice> runtime =
                runtimeSetting.flatMap(setting -> runtimeChoice(setting, Path.root("agent_runtime")));
        if (runtimeSetting.isPresent() && runtime.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> idleTimeout = idleTimeout(config);
        if (idleTimeout.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AgentLaunch(
                java, directory, bool(config, "sudo"), runtime.orElse(AgentRuntimeChoice.AUTO), idleTimeout.get()));
    }

    /** The {@code agent_runtime} spelled {@code setting}, else an error on {@code at} that names the valid ones. */
    private Optional<AgentRuntimeChoice> runtimeChoice(String setting, Path at) {
        try {
            return Optional.of(AgentRuntimeChoice.parse(setting));
        } catch (TransportException e) {
            diagnostics.addAttributeError(at, "Invalid agent_runtime", e.getMessage() + ".");
            return Optional.empty();
        }
    }

    /** How long the resident agent waits without a client before it exits; {@code 0s}: until stopped. */
    private Optional<Duration> idleTimeout(Value config) {
        Optional<String> text = string(config, "agent_idle_timeout");
        if (text.isEmpty()) {
            return Optional.of(AgentLaunch.DEFAULT_IDLE_TIMEOUT);
        }
        Optional<Duration> timeout = AgentLaunch.parseIdleTimeout(text.get());
        if (timeout.isEmpty()) {
            diagnostics.addAttributeError(
                    Path.root("agent_idle_timeout"),
                    "Invalid agent_idle_timeout",
                    NftDuration.syntaxHelp(text.get()) + " Or `0s` to keep the agent until it is stopped.");
        }
        return timeout;
    }

    private static int port(Value block) {
        Value port = block.get("port");
        return port.isNull() ? SshTarget.DEFAULT_PORT : port.asInt();
    }

    private String expandHome(String path) {
        String home = environment.variables().get("HOME");
        return path.startsWith("~/") && home != null ? home + path.substring(1) : path;
    }

    private static Optional<String> string(Value block, String name) {
        Value value = block.get(name);
        return value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }

    private static boolean bool(Value block, String name) {
        Value value = block.get(name);
        return !value.isNull() && value.asBool();
    }
}
