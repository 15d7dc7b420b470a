package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.wire.ErrorCode;
import org.junit.jupiter.api.Test;

class NftFailureTest {

    @Test
    void classifiesNftsErrnoTexts() {
        assertThat(NftFailure.fromErrorText("Error: Could not process rule: No such file or directory\n")
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(NftFailure.fromErrorText("Error: Could not process rule: File exists\n")
                        .code())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(NftFailure.fromErrorText("Error: syntax error, unexpected newline\n")
                        .code())
                .isEqualTo(ErrorCode.INVALID);
    }

    @Test
    void errorLinesDropTheQuotedCommandWhichMayBeTheWrongOne() {
        NftFailure failure =
                NftFailure.fromErrorText("Error: No such file or directory; did you mean table ‘new’ in family inet?\n"
                        + "add table inet new\n                  ^^^\n");

        assertThat(failure.getMessage()).endsWith("^^^");
        assertThat(failure.errorLines())
                .isEqualTo("Error: No such file or directory; did you mean table ‘new’ in family inet?");
    }
}
