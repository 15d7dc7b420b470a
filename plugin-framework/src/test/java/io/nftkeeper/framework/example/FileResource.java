package io.nftkeeper.framework.example;

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
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import java.util.regex.Pattern;

/** {@code example_file}: the shape of a real resource, in the order STYLE.md asks for. */
public final class FileResource implements Resource, ResourceWithConfigure, ResourceWithImportState {
    static final long DEFAULT_MODE = 420;

    /** The state model; components map to attributes by snake_case name. */
    record Model(String id, String name, String content, Long mode, Long revision) {}

    private FileStore store;

    @Override
    public String typeName() {
        return "example_file";
    }

    @Override
    public Schema schema() {
        return schemaV0();
    }

    static Schema schemaV0() {
        return Schema.builder()
                .description("A file kept by the example provider.")
                // required
                .attribute(Attribute.string("name")
                        .required()
                        .description("File name; changing it creates a new file.")
                        .validators(Validators.regex(
                                Pattern.compile("[a-z0-9_.-]+"), "use lower-case letters, digits, _ . -"))
                        .planModifiers(PlanModifiers.requiresReplace()))
                .attribute(Attribute.string("content").required().description("What the file holds."))
                // optional
                .attribute(Attribute.number("mode")
                        .optional()
                        .computed()
                        .description("Permission bits; defaults to 420 (0644)."))
                // computed
                .attribute(Attribute.string("id")
                        .computed()
                        .description("Identifier assigned on create.")
                        .planModifiers(PlanModifiers.useStateForUnknown()))
                .attribute(Attribute.number("revision").computed().description("Increases with every update."))
                .build();
    }

    @Override
    public void configure(Object providerData) {
        this.store = (FileStore) providerData;
    }

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        Model plan = Values.toRecord(req.plan(), Model.class);
        FileStore.StoredFile file = new FileStore.StoredFile(
                store.newId(), plan.name(), plan.content(), plan.mode() == null ? DEFAULT_MODE : plan.mode(), 1);
        store.put(file);
        resp.setState(toState(file));
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        String id = req.state().get("id").asString();
        store.get(id).ifPresentOrElse(file -> resp.setState(toState(file)), resp::removeResource);
    }

    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        Model plan = Values.toRecord(req.plan(), Model.class);
        Model prior = Values.toRecord(req.state(), Model.class);
        FileStore.StoredFile file = new FileStore.StoredFile(
                prior.id(),
                plan.name(),
                plan.content(),
                plan.mode() == null ? DEFAULT_MODE : plan.mode(),
                prior.revision() + 1);
        store.put(file);
        resp.setState(toState(file));
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        store.remove(req.state().get("id").asString());
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        if (store.get(req.id()).isEmpty()) {
            resp.diagnostics()
                    .addAttributeError(Path.root("id"), "No such file", "There is no file with id " + req.id() + ".");
            return;
        }
        resp.setState(
                Value.objectBuilder(schema().objectType()).set("id", req.id()).build());
    }

    private Value toState(FileStore.StoredFile file) {
        return Values.fromRecord(
                schema().objectType(), new Model(file.id(), file.name(), file.content(), file.mode(), file.revision()));
    }
}
