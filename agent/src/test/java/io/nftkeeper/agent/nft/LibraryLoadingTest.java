package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LibraryLoadingTest {

    @Test
    void aMissingLibraryStopsStartUpWithInstallAdviceAndExitCode3() {
        assertThatThrownBy(() -> SingleThreadNftables.open("libnftables-that-does-not-exist.so.1"))
                .isInstanceOf(StartupException.class)
                .hasMessage("libnftables-that-does-not-exist.so.1 not found: install the Debian/Ubuntu package "
                        + "libnftables1 (or your distribution's nftables library)")
                .extracting(e -> ((StartupException) e).exitCode())
                .isEqualTo(3);
    }
}
