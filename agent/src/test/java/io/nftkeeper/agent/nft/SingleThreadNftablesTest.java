package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SingleThreadNftablesTest {

    @Test
    void theKernelHandleOfATableIsReadFromTheFirstLineOfItsListing() {
        assertThat(SingleThreadNftables.firstLineHandle("table inet web { # handle 7\n\tflags dormant\n}\n"))
                .hasValue(7);
        assertThat(SingleThreadNftables.firstLineHandle("table inet \"val/k8s\" { # handle 12\n}\n"))
                .hasValue(12);
        assertThat(SingleThreadNftables.firstLineHandle("table inet web {\n}\n"))
                .isEmpty();
    }
}
