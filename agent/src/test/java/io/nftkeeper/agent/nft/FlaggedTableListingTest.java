package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlaggedTableListingTest {

    private static JsonNode json(String text) {
        try {
            return JsonLines.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aDormantTableIsListedObjectByObjectBehindItsFlagsFromTheText() {
        String text = """
                table inet edge {
                \tflags dormant
                \tcomment "edge"

                \tset admins {
                \t\ttype ipv4_addr
                \t}

                \tchain input {
                \t\ttype filter hook input priority filter; policy accept;
                \t}
                }
                """;
        List<String> commands = new ArrayList<>();

        JsonNode listing = FlaggedTableListing.rebuild(new TableRef(Family.INET, "edge"), text, command -> {
            commands.add(command);
            String kind = command.split(" ")[1];
            return json("{\"nftables\": [{\"metainfo\": {}}, {\"" + kind + "\": {\"name\": \"x\"}}]}");
        });

        assertThat(commands).containsExactly("list set inet edge admins", "list chain inet edge input");
        assertThat(listing).isEqualTo(json("""
                {"nftables": [{"table": {"family": "inet", "name": "edge", "flags": "dormant"}},
                  {"set": {"name": "x"}}, {"chain": {"name": "x"}}]}
                """));
    }

    @Test
    void onlyAListingWhoseTableHasFlagsNeedsRebuilding() {
        assertThat(FlaggedTableListing.printsFlags(
                        json("{\"nftables\": [{\"table\": {\"name\": \"t\", \"flags\": \"Lester Gooch #5\"}}]}")))
                .isTrue();
        assertThat(FlaggedTableListing.printsFlags(json("{\"nftables\": [{\"table\": {\"name\": \"t\"}}]}")))
                .isFalse();
    }
}
