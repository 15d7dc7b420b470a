package io.nftkeeper.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnershipRegistryTest {

    @TempDir
    Path stateDir;

    @Test
    void aFreshHostManagesNothing() {
        assertThat(new OwnershipRegistry(stateDir).managed()).isEmpty();
    }

    @Test
    void savedTablesAreReadBackByAnotherInstance() {
        TableRef web = new TableRef(Family.INET, "web");
        TableRef nat = new TableRef(Family.IP, "nat");

        new OwnershipRegistry(stateDir).save(Set.of(web, nat));

        OwnershipRegistry reread = new OwnershipRegistry(stateDir);
        assertThat(reread.managed()).containsExactlyInAnyOrder(web, nat);
        assertThat(reread.isManaged(web)).isTrue();
        assertThat(reread.isManaged(new TableRef(Family.IP6, "web"))).isFalse();
    }

    @Test
    void savingReplacesTheFileAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        OwnershipRegistry registry = new OwnershipRegistry(stateDir);
        registry.save(Set.of(new TableRef(Family.INET, "a")));
        registry.save(Set.of());

        assertThat(registry.managed()).isEmpty();
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("managed-tables.json");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(registry.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void theFileIsReadableJson() throws Exception {
        new OwnershipRegistry(stateDir).save(Set.of(new TableRef(Family.INET, "web")));

        assertThat(Files.readString(stateDir.resolve("managed-tables.json")).replaceAll("\\s", ""))
                .isEqualTo("{\"version\":1,\"tables\":[{\"family\":\"inet\",\"name\":\"web\"}]}");
    }

    @Test
    void aCorruptFileIsAnErrorNotAnEmptyRegistry() throws Exception {
        Files.writeString(stateDir.resolve("managed-tables.json"), "{\"tables\":[{\"family\":\"inet\",\"name\":");

        assertThatThrownBy(() -> new OwnershipRegistry(stateDir).managed())
                .isInstanceOf(NftkeeperException.class)
                .hasMessageStartingWith("cannot read " + stateDir.resolve("managed-tables.json"));
    }
}
