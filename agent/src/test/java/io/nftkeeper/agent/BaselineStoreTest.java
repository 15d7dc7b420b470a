package io.nftkeeper.agent;

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
}
