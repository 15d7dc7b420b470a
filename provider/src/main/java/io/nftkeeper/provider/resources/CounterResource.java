package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.protocol.Counter;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveTable;
import java.util.List;
import java.util.Optional;

/**
 * {@code nftables_counter}: a named counter of a managed table, which rules count into with {@code counter name "c"}.
 * Its packets and bytes are read from the host's listing without resetting them; they are live values, never drift.
 */
public final class CounterResource extends TypedObjectResource<CounterResource.State, Counter> {

    static final String KIND = "counter";

    /** The resource's state, attribute for attribute. */
    public record State(String id, String tableId, String name, Long packets, Long bytes) implements TableObjectState {

        Counter counter() {
            return new Counter(table().table(), name);
        }

        State withLive(String newId, LiveCounter live) {
            return new State(newId, tableId, name, live.packets(), live.bytes());
        }
    }

    public CounterResource() {
        super(new TableObjectKind<>(
                KIND, "nftables_counter", CounterResource::schemaV0, State.class, "hits", List.of()));
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A named counter of a managed nftables table. Rules count into it with "
                        + "`counter name \"<name>\"`. `packets` and `bytes` show the live values, read without "
                        + "resetting them; their change is never drift.")
                .attributes(
                        TableObjectAttributes.tableId(KIND, "filter"),
                        TableObjectAttributes.name(
                                KIND,
                                "Counter name, unique among the table's counters. Changing it replaces the counter "
                                        + "(which starts again at zero)."),
                        Attribute.number("packets")
                                .computed()
                                .description("Packets counted so far, as read at the last refresh."),
                        Attribute.number("bytes")
                                .computed()
                                .description("Bytes counted so far, as read at the last refresh."),
                        TableObjectAttributes.id(KIND))
                .build();
    }

    @Override
    Counter object(State state) {
        return state.counter();
    }

    @Override
    Optional<State> created(State planned, String id, LiveTable listing) {
        return listing.counter(planned.name()).map(live -> planned.withLive(id, live));
    }

    @Override
    Optional<State> listed(State current, LiveTable listing) {
        return listing.counter(current.name()).map(live -> current.withLive(current.id(), live));
    }

    @Override
    State imported(NamedObjects.Imported target) {
        LiveCounter live = target.listing().counter(target.name()).orElseThrow();
        return new State(target.id(), target.table().toString(), target.name(), live.packets(), live.bytes());
    }
}
