package io.nftkeeper.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.server.PluginEnvironment;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentRuntimeChoice;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.Credentials;
import io.nftkeeper.transport.HostKeyPin;
import io.nftkeeper.transport.HostKeyPolicy;
import io.nftkeeper.transport.LockoutProtection;
import io.nftkeeper.transport.Secret;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ConnectionConfigParserTest {

    private static final ObjectType PROVIDER =
            new NftablesProvider(PluginEnvironment.ofThisProcess()).schema().objectType();
    private static final ObjectType BASTION = (ObjectType) PROVIDER.attributeType("bastion");
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
    private static final java.nio.file.Path WORKING_DIRECTORY = java.nio.file.Path.of("/srv/terraform/site");
    private static final String HOST_KEY = "SHA256:Kusymmc2GZgiACSFZdD3lsH5E/eqRN31YXN/nA9B1ZE";

    private final Diagnostics diagnostics = new Diagnostics();

    @Test
    void aMinimalBlockConnectsAsRootOnPort22WithTheDefaultAgentLaunch() {
        ConnectionConfig config = parse(
                        b -> b.set("host", "web1").set("private_key", KEY).set("host_key", HOST_KEY))
                .orElseThrow();

        AgentTarget target = config.targetFor("web1");
        assertThat(config.defaultHost()).contains("web1");
        assertThat(target.ssh().endpoint()).isEqualTo("root@web1:22");
        assertThat(target.ssh().credentials()).isEqualTo(new Credentials.PrivateKey(new Secret(KEY), Optional.empty()));
        assertThat(target.launch()).isEqualTo(AgentLaunch.defaults());
        assertThat(diagnostics.isEmpty()).isTrue();
    }

    @Test
    void theProviderHostIsOptionalBecauseResourcesMayNameTheirOwn() {
        ConnectionConfig config =
                parse(b -> b.set("private_key", KEY).set("host_key", HOST_KEY)).orElseThrow();

        assertThat(config.defaultHost()).isEmpty();
        assertThat(config.targetFor("web7").ssh().address()).isEqualTo("web7:22");
    }

    @Test
    void credentialsAreRequired() {
        assertThat(parse(b -> b.set("host", "web1").set("host_key", HOST_KEY))).isEmpty();

        assertThat(onlyError())
                .extracting(Diagnostic::path, Diagnostic::summary)
                .containsExactly(Path.root("private_key"), "SSH credentials are missing");
    }

    @Test
    void twoKindsOfCredentialsConflictOnTheSecond() {
        assertThat(parse(b ->
                        b.set("private_key", KEY).set("private_key_file", "/k").set("host_key", HOST_KEY)))
                .isEmpty();

        assertThat(onlyError().path()).isEqualTo(Path.root("private_key_file"));
        assertThat(onlyError().detail()).contains("private_key and private_key_file");
    }

    @Test
    void aKeyFileCarriesItsPassphraseAndHomeIsExpanded() {
        ConnectionConfig config = parse(b -> b.set("private_key_file", "~/.ssh/id_ed25519")
                        .set("private_key_passphrase", "pw")
                        .set("known_hosts_file", "/etc/ssh/ssh_known_hosts"))
                .orElseThrow();

        assertThat(config.credentials())
                .isEqualTo(new Credentials.PrivateKeyFile(
                        Paths.get("/home/ops/.ssh/id_ed25519"), Optional.of(new Secret("pw"))));
        assertThat(config.hostKeys()).isEqualTo(new HostKeyPolicy.KnownHosts(Paths.get("/etc/ssh/ssh_known_hosts")));
    }

    @Test
    void relativeFilesAreRelativeToTheWorkingDirectoryOfTheTerraformServed() {
        ConnectionConfig config = parse(
                        b -> b.set("private_key_file", "keys/deploy").set("known_hosts_file", "./known_hosts"))
                .orElseThrow();

        assertThat(config.credentials())
                .isEqualTo(
                        new Credentials.PrivateKeyFile(Paths.get("/srv/terraform/site/keys/deploy"), Optional.empty()));
        assertThat(config.hostKeys())
                .isEqualTo(new HostKeyPolicy.KnownHosts(Paths.get("/srv/terraform/site/./known_hosts")));
    }

    @Test
    void theSshAgentNeedsSshAuthSock() {
        assertThat(parse(Map.of(), b -> b.set("ssh_agent", true).set("host_key", HOST_KEY)))
                .isEmpty();
        assertThat(onlyError().path()).isEqualTo(Path.root("ssh_agent"));
    }

    @Test
    void theSshAgentIsTheOneSshAuthSockNames() {
        ConnectionConfig config = parse(
                        Map.of("SSH_AUTH_SOCK", "/tmp/agent.sock"),
                        b -> b.set("ssh_agent", true).set("host_key", HOST_KEY))
                .orElseThrow();
        assertThat(config.credentials()).isEqualTo(new Credentials.SshAgent(Paths.get("/tmp/agent.sock")));
    }

    @Test
    void hostKeyVerificationCannotBeLeftOut() {
        assertThat(parse(b -> b.set("private_key", KEY))).isEmpty();

        assertThat(onlyError())
                .extracting(Diagnostic::path, Diagnostic::summary)
                .containsExactly(Path.root("host_key"), "Host key verification needs a host key");
    }

    @Test
    void turningVerificationOffIsExplicitAndWarns() {
        ConnectionConfig config = parse(b -> b.set("private_key", KEY).set("insecure_ignore_host_key", true))
                .orElseThrow();

        assertThat(config.hostKeys()).isEqualTo(new HostKeyPolicy.Insecure());
        assertThat(diagnostics.asList()).singleElement().satisfies(warning -> {
            assertThat(warning.severity()).isEqualTo(Diagnostic.Severity.WARNING);
            assertThat(warning.path()).isEqualTo(Path.root("insecure_ignore_host_key"));
        });
    }

    @Test
    void aPinAndAnInsecureFlagConflict() {
        assertThat(parse(
                        b -> b.set("private_key", KEY).set("host_key", HOST_KEY).set("insecure_ignore_host_key", true)))
                .isEmpty();

        assertThat(onlyError().path()).isEqualTo(Path.root("insecure_ignore_host_key"));
    }

    @Test
    void anUnparseableHostKeyIsAnAttributeErrorThatDoesNotEchoIt() {
        assertThat(parse(b -> b.set("private_key", KEY).set("host_key", "SHA256:nonsense")))
                .isEmpty();

        assertThat(onlyError().path()).isEqualTo(Path.root("host_key"));
        assertThat(onlyError().detail()).doesNotContain("nonsense");
    }

    @Test
    void sudoJavaAndAgentDirectoryShapeTheAgentLaunch() {
        ConnectionConfig config = parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set("sudo", true)
                        .set("agent_java", "/opt/jdk17/bin/java")
                        .set("agent_dir", "/home/deploy/.nftkeeper"))
                .orElseThrow();

        assertThat(config.launch()).isEqualTo(new AgentLaunch("/opt/jdk17/bin/java", "/home/deploy/.nftkeeper", true));
    }

    @Test
    void agentRuntimeDefaultsToAutoAndAHostOverrideMayChangeIt() {
        ConnectionConfig config = parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set("agent_runtime", "system")
                        .set("host_overrides", object("bare", object("agent_runtime", Value.string("bundled")))))
                .orElseThrow();

        assertThat(config.targetFor("web1").launch().runtime()).isEqualTo(AgentRuntimeChoice.SYSTEM);
        assertThat(config.targetFor("bare").launch().runtime()).isEqualTo(AgentRuntimeChoice.BUNDLED);
        assertThat(parse(b -> b.set("private_key", KEY).set("host_key", HOST_KEY))
                        .orElseThrow()
                        .launch()
                        .runtime())
                .isEqualTo(AgentRuntimeChoice.AUTO);
    }

    @Test
    void anUnknownAgentRuntimeInAHostOverrideIsAnErrorOnThatKey() {
        parse(b -> b.set("private_key", KEY)
                .set("host_key", HOST_KEY)
                .set("host_overrides", object("web2", object("agent_runtime", Value.string("jre")))));

        assertThat(onlyError().path())
                .isEqualTo(Path.root("host_overrides").atKey("web2").atName("agent_runtime"));
        assertThat(onlyError().detail()).contains("\"auto\", \"system\" or \"bundled\"", "\"jre\"");
    }

    @Test
    void theAgentIdleTimeoutIsADurationAndZeroKeepsTheAgent() {
        assertThat(parse(b -> b.set("private_key", KEY).set("host_key", HOST_KEY))
                        .orElseThrow()
                        .launch()
                        .idleTimeout())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(parse(b -> b.set("private_key", KEY)
                                .set("host_key", HOST_KEY)
                                .set("agent_idle_timeout", "1h30m"))
                        .orElseThrow()
                        .launch()
                        .idleTimeout())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(parse(b -> b.set("private_key", KEY)
                                .set("host_key", HOST_KEY)
                                .set("agent_idle_timeout", "0s"))
                        .orElseThrow()
                        .launch()
                        .idleTimeout())
                .isZero();
    }

    @Test
    void anIdleTimeoutThatIsNoDurationIsAnAttributeError() {
        assertThat(parse(
                        b -> b.set("private_key", KEY).set("host_key", HOST_KEY).set("agent_idle_timeout", "soon")))
                .isEmpty();

        assertThat(onlyError().path()).isEqualTo(Path.root("agent_idle_timeout"));
        assertThat(onlyError().detail()).contains("\"soon\" is not a duration");
    }

    @Test
    void aRelativeAgentDirectoryIsRefused() {
        assertThat(parse(
                        b -> b.set("private_key", KEY).set("host_key", HOST_KEY).set("agent_dir", "nftkeeper")))
                .isEmpty();

        assertThat(onlyError().path()).isEqualTo(Path.root("agent_dir"));
    }

    @Test
    void theBastionInheritsUserCredentialsAndKnownHosts() {
        ConnectionConfig config = parse(b -> b.set("user", "ops")
                        .set("private_key", KEY)
                        .set("known_hosts_file", "/kh")
                        .set(
                                "bastion",
                                Value.objectBuilder(BASTION).set("host", "jump").build()))
                .orElseThrow();

        var bastion = config.targetFor("web1").ssh().bastion().orElseThrow();
        assertThat(bastion.endpoint()).isEqualTo("ops@jump:22");
        assertThat(bastion.credentials()).isEqualTo(config.credentials());
        assertThat(bastion.hostKeys()).isEqualTo(new HostKeyPolicy.KnownHosts(Paths.get("/kh")));
    }

    @Test
    void aPinnedHostKeyIsNotTheBastionsSoTheBastionNeedsItsOwn() {
        assertThat(parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set(
                                "bastion",
                                Value.objectBuilder(BASTION).set("host", "jump").build())))
                .isEmpty();

        assertThat(onlyError().path()).isEqualTo(Path.root("bastion").atName("host_key"));
    }

    @Test
    void aHostOverrideChangesOnlyWhatItSetsAndOnlyForItsHost() {
        String otherKey = "SHA256:AAAAmmc2GZgiACSFZdD3lsH5E/eqRN31YXN/nA9B1ZE";
        ConnectionConfig config = parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set(
                                "host_overrides",
                                object("web2", object("port", Value.number(2222), "host_key", Value.string(otherKey)))))
                .orElseThrow();

        AgentTarget web1 = config.targetFor("web1");
        AgentTarget web2 = config.targetFor("web2");
        assertThat(web1.ssh().endpoint()).isEqualTo("root@web1:22");
        assertThat(web1.ssh().hostKeys()).isEqualTo(new HostKeyPolicy.Pinned(HostKeyPin.parse(HOST_KEY)));
        assertThat(web2.ssh().endpoint()).isEqualTo("root@web2:2222");
        assertThat(web2.ssh().hostKeys()).isEqualTo(new HostKeyPolicy.Pinned(HostKeyPin.parse(otherKey)));
        assertThat(diagnostics.isEmpty()).isTrue();
    }

    @Test
    void aHostOverrideTakesEverySettingThatIsPerHost() {
        String hostKey = "SHA256:AAAAmmc2GZgiACSFZdD3lsH5E/eqRN31YXN/nA9B1ZE";
        ConnectionConfig config = parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set(
                                "host_overrides",
                                object(
                                        "dmz1",
                                        object(
                                                "user",
                                                Value.string("deploy"),
                                                "sudo",
                                                Value.bool(true),
                                                "private_key_file",
                                                Value.string("~/.ssh/dmz"),
                                                "private_key_passphrase",
                                                Value.string("pw"),
                                                "agent_java",
                                                Value.string("/opt/jdk17/bin/java"),
                                                "agent_dir",
                                                Value.string("/srv/nk"),
                                                "bastion",
                                                object(
                                                        "host",
                                                        Value.string("jump.dmz"),
                                                        "port",
                                                        Value.number(2200),
                                                        "host_key",
                                                        Value.string(hostKey))))))
                .orElseThrow();

        AgentTarget dmz = config.targetFor("dmz1");
        assertThat(dmz.ssh().endpoint()).isEqualTo("deploy@dmz1:22");
        assertThat(dmz.ssh().credentials())
                .isEqualTo(
                        new Credentials.PrivateKeyFile(Paths.get("/home/ops/.ssh/dmz"), Optional.of(new Secret("pw"))));
        assertThat(dmz.launch()).isEqualTo(new AgentLaunch("/opt/jdk17/bin/java", "/srv/nk", true));
        assertThat(dmz.ssh().bastion()).hasValueSatisfying(jump -> {
            assertThat(jump.endpoint()).isEqualTo("deploy@jump.dmz:2200");
            // the bastion inherits its host's key, not the provider's
            assertThat(jump.credentials()).isEqualTo(dmz.ssh().credentials());
            assertThat(jump.hostKeys()).isEqualTo(new HostKeyPolicy.Pinned(HostKeyPin.parse(hostKey)));
        });
        assertThat(config.targetFor("web1").launch()).isEqualTo(AgentLaunch.defaults());
        assertThat(config.targetFor("web1").ssh().bastion()).isEmpty();
        assertThat(diagnostics.isEmpty()).isTrue();
    }

    @Test
    void anUnknownKeyInAHostOverrideIsAnErrorOnThatKey() {
        Value overrides = object("web2", object("port", Value.number(2222), "bastoin", Value.string("jump")));

        HostOverrideEntries.VALIDATOR.validate(Path.root("host_overrides"), overrides, diagnostics);

        assertThat(onlyError())
                .extracting(Diagnostic::path, Diagnostic::summary)
                .containsExactly(
                        Path.root("host_overrides").atKey("web2").atName("bastoin"),
                        "Unsupported host override \"bastoin\"");
        assertThat(onlyError().detail()).contains("bastion", "private_key", "sudo", "agent_java");
    }

    @Test
    void aValueOfTheWrongTypeInAHostOverrideIsAnError() {
        HostOverrideEntries.VALIDATOR.validate(
                Path.root("host_overrides"), object("web2", object("sudo", Value.string("sometimes"))), diagnostics);

        assertThat(onlyError().path())
                .isEqualTo(Path.root("host_overrides").atKey("web2").atName("sudo"));
    }

    @Test
    void aHostOverrideWithTwoHostKeySettingsIsAnErrorOnThatEntry() {
        assertThat(parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set(
                                "host_overrides",
                                object(
                                        "web2",
                                        object(
                                                "host_key",
                                                Value.string(HOST_KEY),
                                                "known_hosts_file",
                                                Value.string("/kh"))))))
                .isEmpty();

        assertThat(onlyError())
                .extracting(Diagnostic::path, Diagnostic::summary)
                .containsExactly(
                        Path.root("host_overrides").atKey("web2").atName("known_hosts_file"),
                        "Conflicting host key settings");
    }

    /** An object value as HCL writes one: only the keys given, each of its own type. */
    private static Value object(Object... namesAndValues) {
        Map<String, Type> types = new TreeMap<>();
        Map<String, Value> values = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Value value = (Value) namesAndValues[i + 1];
            types.put((String) namesAndValues[i], value.type());
            values.put((String) namesAndValues[i], value);
        }
        return Value.object(new ObjectType(types), values);
    }

    @Test
    void lockoutProtectionConfirmsLocalTrafficChainsByDefaultEveryChangeOnRequestAndNothingWhenDisabled() {
        assertThat(lockoutWith(null)).isEqualTo(LockoutProtection.localTrafficChainsWithin(Duration.ofSeconds(30)));
        assertThat(lockoutWith(lockout().build()))
                .isEqualTo(LockoutProtection.localTrafficChainsWithin(Duration.ofSeconds(30)));
        assertThat(lockoutWith(lockout().set("confirm_timeout", "1m30s").build()))
                .isEqualTo(LockoutProtection.localTrafficChainsWithin(Duration.ofSeconds(90)));
        assertThat(lockoutWith(lockout().set("all_changes", true).build()))
                .isEqualTo(LockoutProtection.confirmWithin(Duration.ofSeconds(30)));
        assertThat(lockoutWith(lockout().set("enabled", false).build())).isEqualTo(LockoutProtection.OFF);
        assertThat(lockoutWith(
                        lockout().set("enabled", true).set("all_changes", false).build()))
                .isEqualTo(LockoutProtection.localTrafficChainsWithin(Duration.ofSeconds(30)));
        assertThat(diagnostics.isEmpty()).isTrue();
    }

    @Test
    void disabledLockoutProtectionThatAlsoAsksForAllChangesIsAnErrorOnAllChanges() {
        assertThat(parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set(
                                "lockout_protection",
                                lockout()
                                        .set("enabled", false)
                                        .set("all_changes", true)
                                        .build())))
                .isEmpty();
        assertThat(onlyError())
                .extracting(Diagnostic::path, Diagnostic::summary)
                .containsExactly(
                        Path.root("lockout_protection").atName("all_changes"),
                        "Conflicting lockout_protection settings");
    }

    private static Value.ObjectBuilder lockout() {
        return Value.objectBuilder((ObjectType) PROVIDER.attributeType("lockout_protection"));
    }

    private LockoutProtection lockoutWith(Value block) {
        return parse(b -> {
                    b.set("private_key", KEY).set("host_key", HOST_KEY);
                    return block == null ? b : b.set("lockout_protection", block);
                })
                .orElseThrow()
                .targetFor("web1")
                .lockout();
    }

    @Test
    void aConfirmTimeoutThatIsNoDurationIsAnErrorOnIt() {
        ObjectType lockout = (ObjectType) PROVIDER.attributeType("lockout_protection");
        Path at = Path.root("lockout_protection").atName("confirm_timeout");

        assertThat(parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set(
                                "lockout_protection",
                                Value.objectBuilder(lockout)
                                        .set("confirm_timeout", "soon")
                                        .build())))
                .isEmpty();
        assertThat(onlyError())
                .extracting(Diagnostic::path, Diagnostic::summary)
                .containsExactly(at, "Invalid confirm_timeout");
    }

    @Test
    void aConfirmTimeoutBelowFiveSecondsIsAnErrorOnIt() {
        ObjectType lockout = (ObjectType) PROVIDER.attributeType("lockout_protection");
        Path at = Path.root("lockout_protection").atName("confirm_timeout");

        assertThat(parse(b -> b.set("private_key", KEY)
                        .set("host_key", HOST_KEY)
                        .set(
                                "lockout_protection",
                                Value.objectBuilder(lockout)
                                        .set("confirm_timeout", "2s")
                                        .build())))
                .isEmpty();
        assertThat(onlyError())
                .extracting(Diagnostic::path, Diagnostic::summary)
                .containsExactly(at, "confirm_timeout out of range");
    }

    private Optional<ConnectionConfig> parse(UnaryOperator<Value.ObjectBuilder> config) {
        return parse(Map.of("HOME", "/home/ops"), config);
    }

    private Optional<ConnectionConfig> parse(
            Map<String, String> environment, UnaryOperator<Value.ObjectBuilder> config) {
        return new ConnectionConfigParser(new PluginEnvironment(environment, WORKING_DIRECTORY), diagnostics)
                .parse(config.apply(Value.objectBuilder(PROVIDER)).build());
    }

    private Diagnostic onlyError() {
        assertThat(diagnostics.asList()).hasSize(1);
        assertThat(diagnostics.hasError()).isTrue();
        return diagnostics.asList().get(0);
    }
}
