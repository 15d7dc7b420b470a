package io.nftkeeper.framework.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.CreateRequest;
import io.nftkeeper.framework.resource.CreateResponse;
import io.nftkeeper.framework.resource.DeleteRequest;
import io.nftkeeper.framework.resource.DeleteResponse;
import io.nftkeeper.framework.resource.ImportStateRequest;
import io.nftkeeper.framework.resource.ImportStateResponse;
import io.nftkeeper.framework.resource.ReadRequest;
import io.nftkeeper.framework.resource.ReadResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithConfigure;
import io.nftkeeper.framework.resource.ResourceWithImportState;
import io.nftkeeper.framework.resource.ResourceWithUpgradeState;
import io.nftkeeper.framework.resource.StateUpgrader;
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.ConfigValidators;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code example_server}: exercises what {@link FileResource} does not — nested attributes, sets, maps, numbers
 * beyond 64 bits, a computed value unknown at every plan, requires-replace inside a nested attribute, and a schema
 * upgrade from version 0 (where memory was a string such as {@code "512MB"}) to version 1.
 */
public final class ServerResource
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithUpgradeState {
    private static final Pattern V0_MEMORY = Pattern.compile("(\\d+)MB");

    private FileStore store;

    @Override
    public String typeName() {
        return "example_server";
    }

    @Override
    public Schema schema() {
        return schemaV1();
    }

    static Schema schemaV1() {
        Schema listener = Schema.builder()
                .attribute(Attribute.number("port")
                        .required()
                        .validators(Validators.between(1, 65535))
                        .description("Port; changing it replaces the server.")
                        .planModifiers(PlanModifiers.requiresReplace()))
                .attribute(Attribute.string("protocol")
                        .optional()
                        .computed()
                        .defaultValue(Value.string("tcp"))
                        .validators(Validators.oneOf("tcp", "udp")))
                .build();
        return Schema.builder()
                .version(1)
                .description("A server of the example provider.")
                // required
                .attribute(Attribute.string("name").required().planModifiers(PlanModifiers.requiresReplace()))
                .attribute(Attribute.number("memory_mb").required().validators(Validators.atLeast(1)))
                // optional
                .attribute(Attribute.set("ports", Type.NUMBER)
                        .optional()
                        .validators(Validators.eachElement(Validators.between(1, 65535))))
                .attribute(Attribute.map("labels", Type.STRING).optional())
                .attribute(Attribute.number("serial").optional().plainDescription("Any integer, 64 bits or more."))
                .attribute(Attribute.listNested("listeners", listener).optional())
                .attribute(Attribute.string("admin_password")
                        .optional()
                        .sensitive()
                        .writeOnly())
                // computed
                .attribute(Attribute.string("id").computed().planModifiers(PlanModifiers.useStateForUnknown()))
                .attribute(Attribute.string("fingerprint")
                        .computed()
                        .description(
                                "Changes with every update, so it is unknown in every plan that changes something."))
                .configValidators(ConfigValidators.conflictsWith(Path.root("ports"), Path.root("listeners")))
                .build();
    }

    @Override
    public void configure(Object providerData) {
        this.store = (FileStore) providerData;
    }

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        String id = store.newServerId();
        Value state = withFingerprint(req.plan().with("id", id));
        store.putServer(id, state);
        resp.setState(state);
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        store.server(req.state().get("id").asString()).ifPresentOrElse(resp::setState, resp::removeResource);
    }

    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        Value state = withFingerprint(req.plan());
        store.putServer(state.get("id").asString(), state);
        resp.setState(state);
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        store.removeServer(req.state().get("id").asString());
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        resp.setState(
                Value.objectBuilder(schema().objectType()).set("id", req.id()).build());
    }

    @Override
    public Map<Long, StateUpgrader> stateUpgraders() {
        return Map.of(0L, ServerResource::upgradeFromV0);
    }

    /** Version 0 stored {@code id}, {@code name} and {@code memory} as text like "512MB". */
    static Value upgradeFromV0(JsonNode prior, Diagnostics diagnostics) {
        Matcher memory = V0_MEMORY.matcher(prior.path("memory").asText());
        if (!memory.matches()) {
            diagnostics.addAttributeError(
                    Path.root("memory"),
                    "Unreadable version 0 state",
                    "memory \"" + prior.path("memory").asText() + "\" is not of the form <n>MB.");
            return null;
        }
        return Value.objectBuilder(schemaV1().objectType())
                .set("id", prior.path("id").asText())
                .set("name", prior.path("name").asText())
                .set("memory_mb", Value.number(new BigDecimal(memory.group(1))))
                .set("fingerprint", "upgraded")
                .build();
    }

    private static Value withFingerprint(Value plan) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(plan.with("fingerprint", (String) null).toString().getBytes(StandardCharsets.UTF_8));
            return plan.with("fingerprint", HexFormat.of().formatHex(digest, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
