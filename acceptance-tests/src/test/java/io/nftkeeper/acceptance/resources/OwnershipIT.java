package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ownership per configuration: two Terraform configurations declaring the same table do not share it; one takes
 * it over only on purpose, after which the other can neither change nor destroy it; another configuration naming
 * the table by its literal ID cannot delete what is in it; a table re-created outside nftkeeper is not written into;
 * state without an owner ID (0.1.0) is adopted by its next apply.
 */
class OwnershipIT {

    private static SandboxHost host;
    private static Path stateDir;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("ow-owner");
        stateDir = host.sshdLog().resolveSibling("agent-state");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    private static String config(String takeover, String chain, String rule) {
        return Hcl.provider(host) + """
                resource "nftables_table" "shared" {
                  family = "inet"
                  name   = "ow_shared"
                  %s
                }
                resource "nftables_chain" "own" {
                  table_id = nftables_table.shared.id
                  name     = "%s"
                  rule { expr = "%s" }
                }
                """.formatted(takeover, chain, rule);
    }

    @Test
    void aSecondConfigurationIsRefusedTakesOverOnlyOnPurposeAndIsThenSafeFromTheFirst() {
        Terraform first = Terraform.in(workDir.resolve("first")).config(config("", "first_in", "tcp dport 22 accept"));
        first.init();
        first.apply();
        String firstOwner = stateAttribute(first, "nftables_table", "owner");
        assertThat(firstOwner).matches("[0-9a-f-]{36}");
        assertThat(registry()).contains(firstOwner);

        // the same table in another configuration: its create is refused, naming the table and the way out
        Terraform second =
                Terraform.in(workDir.resolve("second")).config(config("", "second_in", "tcp dport 80 accept"));
        second.init();
        String before = host.nft("list table inet ow_shared");
        Terraform.Result refused =
                second.run("apply", "-input=false", "-auto-approve").assertExit(1);
        assertThat(words(refused))
                .contains("Cannot create table inet ow_shared")
                .contains("table inet ow_shared is managed by another Terraform configuration")
                .contains("set `takeover = true` on its nftables_table");
        assertThat(host.nft("list table inet ow_shared")).isEqualTo(before);

        // on purpose: takeover
        second.config(config("takeover = true", "second_in", "tcp dport 80 accept"));
        second.apply();
        String secondOwner = stateAttribute(second, "nftables_table", "owner");
        assertThat(secondOwner).isNotEqualTo(firstOwner);
        assertThat(registry()).contains(secondOwner).doesNotContain(firstOwner);

        // the first configuration's change to its chain is refused at plan (its dry run runs for its owner)
        first.config(config("", "first_in", "tcp dport 23 accept"));
        assertThat(words(first.plan().assertExit(1)))
                .contains("table inet ow_shared is managed by another Terraform configuration");
        // and its destroy deletes nothing in the table: its chain's delete (its deletes carry the owner ID it keeps)
        // is refused before the table's
        first.config(config("", "first_in", "tcp dport 22 accept"));
        String taken = host.exec("nft", "-a", "list table inet ow_shared");
        Terraform.Result destroy =
                first.run("destroy", "-input=false", "-auto-approve").assertExit(1);
        assertThat(words(destroy))
                .contains("Cannot delete chain inet ow_shared first_in")
                .contains("table inet ow_shared is managed by another Terraform configuration");
        assertThat(host.exec("nft", "-a", "list table inet ow_shared")).isEqualTo(taken);
        assertThat(host.nft("list chain inet ow_shared second_in")).contains("tcp dport 80 accept");
        second.plan().assertExit(0);

        // re-created outside nftkeeper: same name, another table; nothing is written into it
        host.nft("delete table inet ow_shared");
        host.nft("add table inet ow_shared");
        host.nft("add chain inet ow_shared foreign");
        second.config(config("takeover = true", "second_in", "tcp dport 81 accept"));
        Terraform.Result recreated =
                second.run("apply", "-input=false", "-auto-approve").assertExit(1);
        assertThat(words(recreated))
                .contains("table inet ow_shared was deleted and re-created outside nftkeeper")
                .contains("import it again");
        assertThat(host.nft("list table inet ow_shared"))
                .contains("chain foreign")
                .doesNotContain("second_in");
        Terraform.Result notDestroyed =
                second.run("destroy", "-input=false", "-auto-approve").assertExit(1);
        assertThat(words(notDestroyed)).contains("was deleted and re-created outside nftkeeper");
        assertThat(host.nft("list table inet ow_shared")).contains("chain foreign");
        host.nft("delete table inet ow_shared");
    }

    /**
     * Another configuration that names an owned table by its literal ID (here: imports a chain of it) cannot delete
     * what is in it: its processes never know the table's owner, so its writes name none, and the agent refuses
     * them. The owning configuration's own destroy, without refresh, deletes the chain through the owner ID the
     * chain keeps in its private state (no process of that destroy hears of the table's resource before the chain's
     * delete).
     */
    @Test
    void anotherConfigurationCannotDeleteAChainOfAnOwnedTableAndTheOwnersDestroyStillCan() {
        Terraform owner = Terraform.in(workDir.resolve("owner"))
                .config(Hcl.provider(host)
                        + Hcl.table("t", "inet", "ow_victim")
                        + Hcl.chainC("c", List.of("tcp dport 22 accept")));
        owner.init();
        owner.apply();
        String before = host.exec("nft", "-a", "list table inet ow_victim");

        Terraform other =
                Terraform.in(workDir.resolve("other")).config(Hcl.provider(host) + """
                import {
                  to = nftables_chain.c
                  id = "%1$s/inet/ow_victim/c"
                }
                resource "nftables_chain" "c" {
                  table_id = "%1$s/inet/ow_victim"
                  name     = "c"
                  rule { expr = "tcp dport 22 accept" }
                }
                """.formatted(host.address()));
        other.init();
        other.apply();
        Terraform.Result refused =
                other.run("destroy", "-input=false", "-auto-approve").assertExit(1);
        assertThat(words(refused))
                .contains("Cannot delete chain inet ow_victim c")
                .contains("table inet ow_victim is managed by a Terraform configuration")
                .contains("set `takeover = true` on its nftables_table");
        assertThat(host.exec("nft", "-a", "list table inet ow_victim")).isEqualTo(before);

        owner.run("destroy", "-refresh=false", "-input=false", "-auto-approve").assertExit(0);
        assertThat(host.nft("list tables")).doesNotContain("ow_victim");
    }

    @Test
    void stateWithoutOwnerIdIsAdoptedByItsNextApply() throws IOException {
        Terraform tf = Terraform.in(workDir.resolve("legacy"))
                .config(Hcl.provider(host) + Hcl.table("legacy", "inet", "ow_legacy"));
        tf.init();
        tf.apply();
        // as 0.1.0 left them: no owner in the state, none in the agent's registry
        ObjectMapper json = new ObjectMapper();
        Path statePath = tf.dir().resolve("terraform.tfstate");
        JsonNode state = json.readTree(statePath.toFile());
        ((ObjectNode) state.at("/resources/0/instances/0/attributes")).remove("owner");
        Files.writeString(statePath, json.writeValueAsString(state));
        Path registry = stateDir.resolve("managed-tables.json");
        JsonNode managed = json.readTree(registry.toFile());
        ((ObjectNode) managed).remove("claims");
        Files.writeString(registry, json.writeValueAsString(managed));

        Terraform.Result plan = tf.plan().assertExit(2);
        assertThat(plan.stdout())
                .contains("+ owner")
                .contains("(known after apply)")
                .contains("0 to add, 1 to change, 0 to destroy");
        tf.apply();
        String owner = stateAttribute(tf, "nftables_table", "owner");
        assertThat(registry()).contains(owner);
        tf.plan().assertExit(0);
        tf.destroy();
    }

    @Test
    void objectsOfATableNftkeeperDoesNotManageAreNotImportedWithoutTheTable() {
        host.nft("add table inet ow_foreign");
        host.nft("add chain inet ow_foreign input");
        host.nft("add set inet ow_foreign admins { type ipv4_addr; elements = { 10.213.60.1 }; }");
        String before = host.nft("list ruleset");
        Terraform tf =
                Terraform.in(workDir.resolve("objects")).config(Hcl.provider(host) + """
                import {
                  to = nftables_chain.input
                  id = "%1$s/inet/ow_foreign/input"
                }
                import {
                  to = nftables_set_elements.admins
                  id = "%1$s/inet/ow_foreign/admins/10.213.60.1"
                }
                resource "nftables_chain" "input" {
                  table_id = "%1$s/inet/ow_foreign"
                  name     = "input"
                }
                resource "nftables_set_elements" "admins" {
                  set_id   = "%1$s/inet/ow_foreign/admins"
                  elements = ["10.213.60.1"]
                }
                """.formatted(host.address()));
        tf.init();

        String refused = words(tf.plan().assertExit(1));

        assertThat(refused)
                .contains("Cannot import chain inet ow_foreign input")
                .contains("Cannot import elements of")
                .contains("table inet ow_foreign is not managed by nftkeeper, so nothing in it can be imported on its "
                        + "own: import the table first");
        assertThat(host.nft("list ruleset")).isEqualTo(before);
        assertThat(registry()).doesNotContain("ow_foreign");
        host.nft("delete table inet ow_foreign");
    }

    /** The agent's ownership registry; empty before the agent recorded any table. */
    private static String registry() {
        try {
            Path file = stateDir.resolve("managed-tables.json");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String stateAttribute(Terraform tf, String type, String attribute) {
        try {
            JsonNode state = new ObjectMapper()
                    .readTree(tf.dir().resolve("terraform.tfstate").toFile());
            for (JsonNode resource : state.path("resources")) {
                if (resource.path("type").asText().equals(type)) {
                    return resource.at("/instances/0/attributes/" + attribute).asText();
                }
            }
            throw new AssertionError("no " + type + " in the state");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Terraform wraps diagnostics at word boundaries: the words. */
    private static String words(Terraform.Result result) {
        return result.output().replace("│", " ").replaceAll("\\s+", " ");
    }
}
