package io.nftkeeper.framework.example;

import io.nftkeeper.framework.provider.ConfigureRequest;
import io.nftkeeper.framework.provider.ConfigureResponse;
import io.nftkeeper.framework.provider.Provider;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import java.util.List;
import java.util.function.Supplier;

/** A provider for tests: {@code example_file} and {@code example_server} resources kept in an in-memory {@link FileStore}. */
public final class ExampleProvider implements Provider {
    private final FileStore store;

    public ExampleProvider(FileStore store) {
        this.store = store;
    }

    @Override
    public String typeName() {
        return "example";
    }

    @Override
    public String version() {
        return "0.0.1";
    }

    @Override
    public String sourceAddress() {
        return "registry.terraform.io/example/example";
    }

    @Override
    public Schema schema() {
        return Schema.builder()
                .attribute(Attribute.string("label").optional().description("Ignored; shows provider config works."))
                .build();
    }

    @Override
    public void configure(ConfigureRequest req, ConfigureResponse resp) {
        resp.setProviderData(store);
    }

    @Override
    public List<Supplier<Resource>> resources() {
        return List.of(FileResource::new, ServerResource::new);
    }
}
