package io.nftkeeper.agent.nft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RulesetGenerationTest {

    @Test
    void theRequestIsAGetgenOfTheNftablesSubsystem() {
        ByteBuffer request = ByteBuffer.wrap(RulesetGeneration.request(7)).order(ByteOrder.nativeOrder());

        assertThat(request.capacity()).isEqualTo(20);
        assertThat(request.getInt(0)).as("nlmsg_len").isEqualTo(20);
        assertThat(request.getShort(4)).as("nlmsg_type").isEqualTo((short) 0x0a10);
        assertThat(request.getShort(6)).as("nlmsg_flags: NLM_F_REQUEST").isEqualTo((short) 1);
        assertThat(request.getInt(8)).as("nlmsg_seq").isEqualTo(7);
    }

    @Test
    void theReplyNamesTheGenerationIdInNetworkByteOrder() {
        byte[] reply = reply(0x0a0f, 7, 0x01020304);

        assertThat(RulesetGeneration.parse(reply, reply.length, 7)).hasValue(0x01020304L);
        assertThat(RulesetGeneration.parse(reply(0x0a0f, 7, 0xfffffffe), 40, 7)).hasValue(0xfffffffeL);
    }

    @Test
    void anErrorOrAnotherRequestsReplyNamesNoGeneration() {
        assertThat(RulesetGeneration.parse(reply(2, 7, 1), 40, 7)).isEmpty();
        assertThat(RulesetGeneration.parse(reply(0x0a0f, 8, 1), 40, 7)).isEmpty();
    }

    /** nlmsghdr + nfgenmsg + NFTA_GEN_ID + NFTA_GEN_PROC_PID, as the kernel sends them. */
    private static byte[] reply(int type, int seq, int id) {
        ByteBuffer reply = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        reply.putInt(36).putShort((short) type).putShort((short) 0).putInt(seq).putInt(4242);
        reply.put((byte) 0).put((byte) 0).putShort((short) 0);
        reply.putShort((short) 8)
                .putShort((short) 2)
                .order(ByteOrder.BIG_ENDIAN)
                .putInt(4242);
        reply.order(ByteOrder.nativeOrder()).putShort((short) 8).putShort((short) 1);
        reply.order(ByteOrder.BIG_ENDIAN).putInt(id);
        byte[] padded = new byte[40];
        System.arraycopy(reply.array(), 0, padded, 0, 36);
        return padded;
    }
}
