package io.nftkeeper.framework.example;

import io.nftkeeper.framework.types.Value;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The "remote system" of the example provider. */
public final class FileStore {
    public record StoredFile(String id, String name, String content, long mode, long revision) {}

    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    /** example_server objects, kept as the state the resource returned. */
    private final Map<String, Value> servers = new ConcurrentHashMap<>();

    private final AtomicLong ids = new AtomicLong();

    public String newId() {
        return "file-" + ids.incrementAndGet();
    }

    public void put(StoredFile file) {
        files.put(file.id(), file);
    }

    public Optional<StoredFile> get(String id) {
        return Optional.ofNullable(files.get(id));
    }

    public void remove(String id) {
        files.remove(id);
    }

    public Map<String, StoredFile> all() {
        return Map.copyOf(files);
    }

    public String newServerId() {
        return "srv-" + ids.incrementAndGet();
    }

    public void putServer(String id, Value server) {
        servers.put(id, server);
    }

    public Optional<Value> server(String id) {
        return Optional.ofNullable(servers.get(id));
    }

    public void removeServer(String id) {
        servers.remove(id);
    }

    public Map<String, Value> servers() {
        return Map.copyOf(servers);
    }
}
