package io.nftkeeper.agent.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.agent.nft.FakeNftables;
import io.nftkeeper.agent.state.ElementRecords;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSetDigestTest {

    private static final TableRef BIG = new TableRef(Family.INET, "big");

    @TempDir
    Path stateDir;

    @Test
    void theSameListingIsParsedOnceAndAnotherOneAgain() {
        String listing = "table inet big {\n\tset blocked {\n\t\ttype ipv4_addr\n\t\tflags interval\n"
                + "\t\telements = { 10.0.0.9, 10.0.0.1 }\n\t}\n}\n";
        FakeNftables nft = new FakeNftables().with(BIG).withSetListing(BIG, "blocked", listing);
        FileSetDigest digest = new FileSetDigest(nft, new ElementRecords(stateDir));

        List<String> first = digest.listed(BIG, "blocked").orElseThrow();
        List<String> again = digest.listed(BIG, "blocked").orElseThrow();
        nft.withSetListing(BIG, "blocked", new String(listing.toCharArray()));
        List<String> relisted = digest.listed(BIG, "blocked").orElseThrow();

        assertThat(first).containsExactly("10.0.0.1", "10.0.0.9");
        assertThat(again)
                .as("the very same text (a cached listing): parsed once")
                .isSameAs(first);
        assertThat(relisted)
                .as("a new listing, however alike: parsed again")
                .isNotSameAs(first)
                .isEqualTo(first);
        assertThat(digest.digest(BIG, "blocked", 5).count()).isEqualTo(2);
    }
}
