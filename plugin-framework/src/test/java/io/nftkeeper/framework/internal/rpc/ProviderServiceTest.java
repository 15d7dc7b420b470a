package io.nftkeeper.framework.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.nftkeeper.framework.example.ExampleProvider;
import io.nftkeeper.framework.example.FileStore;
import io.nftkeeper.framework.internal.codec.MsgpackCodec;
import io.nftkeeper.framework.internal.proto.tfplugin6.ProviderGrpc;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ApplyResourceChange;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ConfigureProvider;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.GetProviderSchema;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.PlanResourceChange;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ReadResource;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.UpgradeResourceState;
import io.nftkeeper.framework.internal.proto.tfplugin6.Tfplugin6.ValidateResourceConfig;
import io.nftkeeper.framework.provider.ConfigureRequest;
import io.nftkeeper.framework.provider.ConfigureResponse;
import io.nftkeeper.framework.provider.Provider;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.types.ObjectType;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tfplugin6 service over an in-process channel, with the example provider behind it. */
class ProviderServiceTest {
    private static final String FILE = "example_file";
    private static final ObjectType TYPE = Type.object(Map.of(
            "id",
            Type.STRING,
            "name",
            Type.STRING,
            "content",
            Type.STRING,
            "mode",
            Type.NUMBER,
            "revision",
            Type.NUMBER));

    private final FileStore store = new FileStore();
    private Server server;
    private ManagedChannel channel;
    private ProviderGrpc.ProviderBlockingStub provider;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new ProviderService(new ProviderRuntime(new ExampleProvider(store))))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        provider = ProviderGrpc.newBlockingStub(channel);
        provider.configureProvider(ConfigureProvider.Request.newBuilder()
                .setConfig(dv(
                        Value.objectBuilder(Type.object(Map.of("label", Type.STRING)))
                                .build(),
                        Type.object(Map.of("label", Type.STRING))))
                .build());
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void schemaAdvertisesPlanDestroyAndTheResourceTypes() {
        GetProviderSchema.Response schema = provider.getProviderSchema(GetProviderSchema.Request.getDefaultInstance());
        assertThat(schema.getServerCapabilities().getPlanDestroy()).isTrue();
        assertThat(schema.getServerCapabilities().getGetProviderSchemaOptional())
                .isTrue();
        Tfplugin6.Schema file = schema.getResourceSchemasOrThrow(FILE);
        assertThat(file.getBlock().getAttributesList())
                .extracting(Tfplugin6.Schema.Attribute::getName)
                .containsExactly("name", "content", "mode", "id", "revision");
        assertThat(file.getBlock().getAttributes(2).getType().toStringUtf8()).isEqualTo("\"number\"");
        assertThat(file.getBlock().getAttributes(2).getOptional()).isTrue();
        assertThat(file.getBlock().getAttributes(2).getComputed()).isTrue();
    }

    @Test
    void planningACreateMarksComputedAttributesWithoutConfigUnknown() {
        Value config = config("a.txt", "x", null);
        Value planned = plan(Value.nullOf(TYPE), config).planned();
        assertThat(planned.get("name")).isEqualTo(Value.string("a.txt"));
        assertThat(planned.get("id").isUnknown()).isTrue();
        assertThat(planned.get("mode").isUnknown()).isTrue();
        assertThat(planned.get("revision").isUnknown()).isTrue();
    }

    @Test
    void anUnchangedResourcePlansExactlyItsPriorState() {
        Value prior = state("file-1", "a.txt", "x", 420, 1);
        Plan plan = plan(prior, config("a.txt", "x", null));
        assertThat(plan.planned()).isEqualTo(prior);
        assertThat(plan.response().getRequiresReplaceList()).isEmpty();
    }

    @Test
    void anUpdateKeepsTheIdButRecomputesOtherComputedAttributes() {
        Plan plan = plan(state("file-1", "a.txt", "x", 420, 1), config("a.txt", "changed", null));
        assertThat(plan.planned().get("id")).as("useStateForUnknown").isEqualTo(Value.string("file-1"));
        assertThat(plan.planned().get("revision").isUnknown()).isTrue();
        assertThat(plan.response().getRequiresReplaceList()).isEmpty();
    }

    @Test
    void changingARequiresReplaceAttributeAsksForReplacement() {
        Plan plan = plan(state("file-1", "a.txt", "x", 420, 1), config("b.txt", "x", null));
        assertThat(plan.response().getRequiresReplaceList())
                .containsExactly(Tfplugin6.AttributePath.newBuilder()
                        .addSteps(Tfplugin6.AttributePath.Step.newBuilder().setAttributeName("name"))
                        .build());
    }

    @Test
    void destroyPlansNull() {
        PlanResourceChange.Response response = provider.planResourceChange(PlanResourceChange.Request.newBuilder()
                .setTypeName(FILE)
                .setPriorState(dv(state("file-1", "a.txt", "x", 420, 1), TYPE))
                .setProposedNewState(dv(Value.nullOf(TYPE), TYPE))
                .setConfig(dv(Value.nullOf(TYPE), TYPE))
                .build());
        assertThat(response.getPlannedState().getMsgpack().toByteArray()).containsExactly(0xc0);
    }

    @Test
    void applyCreatesWithEveryValueKnownAndPrivateBytesRoundTrip() {
        Value config = config("a.txt", "x", null);
        Value planned = plan(Value.nullOf(TYPE), config).planned();
        ApplyResourceChange.Response response = provider.applyResourceChange(ApplyResourceChange.Request.newBuilder()
                .setTypeName(FILE)
                .setPriorState(dv(Value.nullOf(TYPE), TYPE))
                .setPlannedState(dv(planned, TYPE))
                .setConfig(dv(config, TYPE))
                .setPlannedPrivate(ByteString.copyFromUtf8("opaque"))
                .build());
        assertThat(response.getDiagnosticsList()).isEmpty();
        Value state = decode(response.getNewState());
        assertThat(state.isWhollyKnown()).isTrue();
        assertThat(state.get("mode").asLong()).isEqualTo(420L);
        assertThat(response.getPrivate().toStringUtf8()).isEqualTo("opaque");
        assertThat(store.all()).containsKey(state.get("id").asString());
    }

    @Test
    void readOfAVanishedObjectReturnsNull() {
        ReadResource.Response response = provider.readResource(ReadResource.Request.newBuilder()
                .setTypeName(FILE)
                .setCurrentState(dv(state("gone", "a.txt", "x", 420, 1), TYPE))
                .build());
        assertThat(decode(response.getNewState()).isNull()).isTrue();
    }

    @Test
    void validatorErrorsPointAtTheAttribute() {
        ValidateResourceConfig.Response response =
                provider.validateResourceConfig(ValidateResourceConfig.Request.newBuilder()
                        .setTypeName(FILE)
                        .setConfig(dv(config("Bad Name", "x", null), TYPE))
                        .build());
        assertThat(response.getDiagnosticsList()).singleElement().satisfies(d -> {
            assertThat(d.getSeverity()).isEqualTo(Tfplugin6.Diagnostic.Severity.ERROR);
            assertThat(d.getAttribute().getSteps(0).getAttributeName()).isEqualTo("name");
        });
    }

    @Test
    void unknownConfigValuesAreNotValidated() {
        Value config = config("x", "x", null).with("name", Value.unknown(Type.STRING));
        assertThat(provider.validateResourceConfig(ValidateResourceConfig.Request.newBuilder()
                                .setTypeName(FILE)
                                .setConfig(dv(config, TYPE))
                                .build())
                        .getDiagnosticsList())
                .isEmpty();
    }

    @Test
    void upgradeReadsStoredJsonWithTheCurrentSchema() {
        UpgradeResourceState.Response response = provider.upgradeResourceState(UpgradeResourceState.Request.newBuilder()
                .setTypeName(FILE)
                .setVersion(0)
                .setRawState(
                        Tfplugin6.RawState.newBuilder()
                                .setJson(
                                        ByteString.copyFromUtf8(
                                                "{\"id\":\"file-1\",\"name\":\"a\",\"content\":\"x\",\"mode\":420,\"revision\":1,\"old\":true}")))
                .build());
        assertThat(response.getDiagnosticsList()).isEmpty();
        assertThat(decode(response.getUpgradedState())).isEqualTo(state("file-1", "a", "x", 420, 1));
    }

    @Test
    void anUnknownResourceTypeIsAnErrorDiagnostic() {
        ReadResource.Response response = provider.readResource(
                ReadResource.Request.newBuilder().setTypeName("example_nope").build());
        assertThat(response.getDiagnostics(0).getSummary()).isEqualTo("Unknown resource type");
        assertThat(response.getDiagnostics(0).getDetail()).contains("example_file");
    }

    @Test
    void anExceptionInProviderCodeBecomesADiagnosticAndTheServerKeepsServing() throws Exception {
        String name = InProcessServerBuilder.generateName();
        Server failing = InProcessServerBuilder.forName(name)
                .addService(new ProviderService(new ProviderRuntime(new ExplodingProvider())))
                .build()
                .start();
        ManagedChannel failingChannel = InProcessChannelBuilder.forName(name).build();
        try {
            ProviderGrpc.ProviderBlockingStub stub = ProviderGrpc.newBlockingStub(failingChannel);
            ConfigureProvider.Request request = ConfigureProvider.Request.newBuilder()
                    .setConfig(dv(Value.objectBuilder(Type.object(Map.of())).build(), Type.object(Map.of())))
                    .build();
            for (int i = 0; i < 2; i++) {
                ConfigureProvider.Response response = stub.configureProvider(request);
                assertThat(response.getDiagnostics(0).getSummary())
                        .startsWith("Internal error in provider:")
                        .contains("boom");
            }
        } finally {
            failingChannel.shutdownNow();
            failing.shutdownNow();
        }
    }

    @Test
    void stateOfAnOlderSchemaVersionGoesThroughTheResourcesUpgrader() {
        UpgradeResourceState.Response response = provider.upgradeResourceState(UpgradeResourceState.Request.newBuilder()
                .setTypeName("example_server")
                .setVersion(0)
                .setRawState(Tfplugin6.RawState.newBuilder()
                        .setJson(ByteString.copyFromUtf8("{\"id\":\"srv-9\",\"name\":\"web\",\"memory\":\"512MB\"}")))
                .build());
        assertThat(response.getDiagnosticsList()).isEmpty();
        ObjectType v1 = new ProviderRuntime(new ExampleProvider(store))
                .resourceSchema("example_server")
                .orElseThrow()
                .objectType();
        Value upgraded =
                MsgpackCodec.decode(response.getUpgradedState().getMsgpack().toByteArray(), v1);
        assertThat(upgraded.get("memory_mb").asLong()).isEqualTo(512L);
        assertThat(upgraded.get("id").asString()).isEqualTo("srv-9");
    }

    @Test
    void anUnreadableOldStateIsAnAttributeErrorAndAMissingUpgraderAProviderBug() {
        UpgradeResourceState.Response bad = provider.upgradeResourceState(UpgradeResourceState.Request.newBuilder()
                .setTypeName("example_server")
                .setVersion(0)
                .setRawState(Tfplugin6.RawState.newBuilder().setJson(ByteString.copyFromUtf8("{\"memory\":\"lots\"}")))
                .build());
        assertThat(bad.getDiagnostics(0).getSummary()).isEqualTo("Unreadable version 0 state");
        assertThat(bad.getDiagnostics(0).getAttribute().getSteps(0).getAttributeName())
                .isEqualTo("memory");
        UpgradeResourceState.Response missing = provider.upgradeResourceState(UpgradeResourceState.Request.newBuilder()
                .setTypeName(FILE)
                .setVersion(0)
                .build());
        assertThat(missing.getDiagnosticsList()).isNotEmpty();
    }

    @Test
    void movingStateToAResourceWithoutMoveSupportIsAClearError() {
        Tfplugin6.MoveResourceState.Response response =
                provider.moveResourceState(Tfplugin6.MoveResourceState.Request.newBuilder()
                        .setSourceProviderAddress("registry.terraform.io/x/y")
                        .setSourceTypeName("y_thing")
                        .setTargetTypeName(FILE)
                        .setSourceState(Tfplugin6.RawState.newBuilder().setJson(ByteString.copyFromUtf8("{}")))
                        .build());
        assertThat(response.getDiagnostics(0).getSummary()).isEqualTo("Move not supported");
        assertThat(provider.getProviderSchema(GetProviderSchema.Request.getDefaultInstance())
                        .getServerCapabilities()
                        .getMoveResourceState())
                .isTrue();
    }

    @Test
    void stopProviderCancelsInFlightCallsAndStopsTheProvider() {
        StoppableProvider stoppable = new StoppableProvider();
        ProviderRuntime runtime = new ProviderRuntime(stoppable);
        io.nftkeeper.framework.provider.Cancellation inFlight = runtime.cancellation();
        new StopProviderRpc(runtime).handle(Tfplugin6.StopProvider.Request.getDefaultInstance());
        assertThat(inFlight.isCancelled()).isTrue();
        assertThat(stoppable.stopped).isTrue();
        assertThat(runtime.cancellation().isCancelled())
                .as("later calls start afresh")
                .isFalse();
    }

    @Test
    void nestedAttributesAreSentAsNestedTypesWithoutAType() {
        Tfplugin6.Schema server = provider.getProviderSchema(GetProviderSchema.Request.getDefaultInstance())
                .getResourceSchemasOrThrow("example_server");
        Tfplugin6.Schema.Attribute listeners = server.getBlock().getAttributesList().stream()
                .filter(a -> a.getName().equals("listeners"))
                .findFirst()
                .orElseThrow();
        assertThat(listeners.getType().isEmpty()).isTrue();
        assertThat(listeners.getNestedType().getNesting()).isEqualTo(Tfplugin6.Schema.Object.NestingMode.LIST);
        assertThat(listeners.getNestedType().getAttributesList())
                .extracting(Tfplugin6.Schema.Attribute::getName)
                .containsExactly("port", "protocol");
        assertThat(server.getVersion()).isEqualTo(1);
        assertThat(server.getBlock().getAttributesList())
                .filteredOn(a -> a.getName().equals("admin_password"))
                .singleElement()
                .satisfies(a -> assertThat(a.getWriteOnly()).isTrue());
    }

    // ---- helpers ----

    record Plan(PlanResourceChange.Response response, Value planned) {}

    private Plan plan(Value prior, Value config) {
        // Terraform proposes config values, and prior values for computed attributes left out of the config
        Value proposed = config;
        for (String computed : List.of("id", "mode", "revision")) {
            if (config.get(computed).isNull()) {
                proposed = proposed.with(computed, prior.get(computed));
            }
        }
        PlanResourceChange.Response response = provider.planResourceChange(PlanResourceChange.Request.newBuilder()
                .setTypeName(FILE)
                .setPriorState(dv(prior, TYPE))
                .setProposedNewState(dv(proposed, TYPE))
                .setConfig(dv(config, TYPE))
                .build());
        assertThat(response.getDiagnosticsList()).isEmpty();
        return new Plan(response, decode(response.getPlannedState()));
    }

    private static Value config(String name, String content, Long mode) {
        return Value.objectBuilder(TYPE)
                .set("name", name)
                .set("content", content)
                .set("mode", mode)
                .build();
    }

    private static Value state(String id, String name, String content, long mode, long revision) {
        return Value.objectBuilder(TYPE)
                .set("id", id)
                .set("name", name)
                .set("content", content)
                .set("mode", mode)
                .set("revision", revision)
                .build();
    }

    private static Tfplugin6.DynamicValue dv(Value value, Type type) {
        return Tfplugin6.DynamicValue.newBuilder()
                .setMsgpack(ByteString.copyFrom(MsgpackCodec.encode(value, type)))
                .build();
    }

    private static Value decode(Tfplugin6.DynamicValue value) {
        return MsgpackCodec.decode(value.getMsgpack().toByteArray(), TYPE);
    }

    /** Records that Terraform's stop reached it. */
    private static final class StoppableProvider extends ExplodingProvider {
        volatile boolean stopped;

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** A provider whose configure throws, as buggy provider code would. */
    private static class ExplodingProvider implements Provider {
        @Override
        public String typeName() {
            return "boom";
        }

        @Override
        public String version() {
            return "0";
        }

        @Override
        public Schema schema() {
            return Schema.builder().build();
        }

        @Override
        public void configure(ConfigureRequest req, ConfigureResponse resp) {
            throw new IllegalStateException("boom");
        }

        @Override
        public List<Supplier<Resource>> resources() {
            return List.of();
        }
    }
}
