package io.nftkeeper.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {

    @TempDir
    Path stateDir;

    @Test
    void aTableNameWithSlashesStaysOneFileInTheBaselineDirectory() throws Exception {
        BaselineStore store = new BaselineStore(stateDir);
        TableRef table = new TableRef(Family.IP, "../../k8s/proxy");
        JsonNode listing = JsonLines.mapper().readTree("{\"nftables\":[]}");

        store.record(table, listing, Map.of());

        assertThat(store.file(table).getParent()).isEqualTo(stateDir.resolve(BaselineStore.DIRECTORY));
        assertThat(store.file(table).getFileName().toString()).isEqualTo("ip-..%2F..%2Fk8s%2Fproxy.json");
        assertThat(store.read(table)).isPresent();
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(BaselineStore.DIRECTORY);
        }
    }

    @Test
    void aTableNameOfTheLongestLengthGetsAHashedFileNameThatWorks() throws Exception {
        TableRef longest = new TableRef(Family.INET, "t".repeat(250) + "abcde");
        TableRef sibling = new TableRef(Family.INET, "t".repeat(250) + "abcdf");
        BaselineStore store = new BaselineStore(stateDir);

        store.record(longest, listing(), Map.of());
        store.setAside(longest);
        store.putBack(longest);

        assertThat(store.file(longest).getFileName().toString())
                .hasSizeLessThanOrEqualTo(255 - 16 - 10)
                .startsWith("inet-" + "t".repeat(100) + "-")
                .endsWith(".json");
        assertThat(store.file(sibling)).isNotEqualTo(store.file(longest));
        assertThat(store.read(longest)).isPresent();
    }

    @Test
    void aShortNameKeepsItsReadableFileName() {
        assertThat(BaselineStore.baseName(new TableRef(Family.IP6, "web"))).isEqualTo("ip6-web");
    }

    @Test
    void temporariesOfDeadWritersAreRemovedAndThoseOfLiveOnesKept() throws Exception {
        Path directory = Files.createDirectories(stateDir.resolve(BaselineStore.DIRECTORY));
        long deadPid = new ProcessBuilder("true").start().onExit().get().pid();
        Path dead = Files.writeString(directory.resolve("inet-web.json.tmp-" + deadPid), "half");
        Path live = Files.writeString(
                directory.resolve("inet-db.json.tmp-" + ProcessHandle.current().pid()), "x");

        new BaselineStore(stateDir).record(new TableRef(Family.INET, "web"), listing(), Map.of());

        assertThat(dead).doesNotExist();
        assertThat(live).exists();
    }

    private static JsonNode listing() throws Exception {
        return JsonLines.mapper().readTree("{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"x\"}}]}");
    }
}
