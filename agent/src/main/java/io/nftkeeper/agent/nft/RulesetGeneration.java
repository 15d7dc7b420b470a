package io.nftkeeper.agent.nft;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's nftables generation id of this network namespace, which every committed batch (of any process)
 * advances: one {@code NFT_MSG_GETGEN} request over a netfilter netlink socket, tens of microseconds. libnftables
 * does not expose it, and reading anything through it fills its cache with every set element (minutes with a
 * million-element interval set in 1.0.6). What a packet changes (counters, elements a rule adds to a dynamic set,
 * expiring elements) does not advance it. Empty when the kernel cannot be asked; then nothing is known unchanged.
 */
public final class RulesetGeneration {

    private static final Logger LOG = LoggerFactory.getLogger(RulesetGeneration.class);

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_NETFILTER = 12;
    private static final int NFNL_SUBSYS_NFTABLES = 10;
    private static final int NFT_MSG_NEWGEN = 15;
    private static final int NFT_MSG_GETGEN = 16;
    private static final int NLMSG_ERROR = 2;
    private static final int NLM_F_REQUEST = 1;
    private static final int NFTA_GEN_ID = 1;
    private static final int HEADER = 16;
    private static final int NFGENMSG = 4;

    /** The libc calls of one netlink request. */
    public interface Libc {
        int socket(int domain, int type, int protocol);

        @ssize_t
        long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address, int addressLength);

        @ssize_t
        long recv(int fd, @Out byte[] buffer, @size_t long length, int flags);

        int close(int fd);
    }

    private final Libc libc;
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean warned;

    private RulesetGeneration(Libc libc) {
        this.libc = libc;
    }

    /** Over the C library; empty answers only if it cannot be loaded. */
    public static RulesetGeneration open() {
        Libc libc = null;
        try {
            libc = LibraryLoader.create(Libc.class).failImmediately().load("c");
        } catch (LinkageError | RuntimeException e) {
            LOG.warn(
                    "cannot load the C library to read the ruleset generation ({}); listings are not cached",
                    e.toString());
        }
        return new RulesetGeneration(libc);
    }

    /** The current generation id; empty when the kernel could not be asked (said once in the log). */
    public OptionalLong current() {
        if (libc == null) {
            return OptionalLong.empty();
        }
        int fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
        if (fd < 0) {
            return failed("socket");
        }
        try {
            int seq = sequence.incrementAndGet();
            byte[] request = request(seq);
            if (libc.sendto(fd, request, request.length, 0, kernelAddress(), 12) != request.length) {
                return failed("sendto");
            }
            byte[] reply = new byte[512];
            long received = libc.recv(fd, reply, reply.length, 0);
            if (received < HEADER) {
                return failed("recv");
            }
            OptionalLong id = parse(reply, (int) received, seq);
            return id.isPresent() ? id : failed("reply");
        } finally {
            libc.close(fd);
        }
    }

    /** {@code nlmsghdr} + {@code nfgenmsg} of an {@code NFT_MSG_GETGEN} request (host byte order, as netlink is). */
    static byte[] request(int seq) {
        ByteBuffer message = ByteBuffer.allocate(HEADER + NFGENMSG).order(ByteOrder.nativeOrder());
        message.putInt(HEADER + NFGENMSG);
        message.putShort((short) (NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETGEN));
        message.putShort((short) NLM_F_REQUEST);
        message.putInt(seq);
        message.putInt(0);
        // nfgen_family AF_UNSPEC, version NFNETLINK_V0, res_id 0
        message.putInt(0);
        return message.array();
    }

    /**
     * The {@code NFTA_GEN_ID} of a {@code NFT_MSG_NEWGEN} reply to {@code seq} (attributes in network byte order);
     * empty for an error or anything else.
     */
    static OptionalLong parse(byte[] reply, int length, int seq) {
        ByteBuffer message = ByteBuffer.wrap(reply, 0, length).order(ByteOrder.nativeOrder());
        int messageLength = message.getInt(0);
        int type = message.getShort(4) & 0xffff;
        if (type == NLMSG_ERROR
                || type != (NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_NEWGEN)
                || message.getInt(8) != seq
                || messageLength > length) {
            return OptionalLong.empty();
        }
        int at = HEADER + NFGENMSG;
        while (at + 4 <= messageLength) {
            int attributeLength = message.getShort(at) & 0xffff;
            int attributeType = message.getShort(at + 2) & 0x3fff;
            if (attributeLength < 4) {
                return OptionalLong.empty();
            }
            if (attributeType == NFTA_GEN_ID && attributeLength >= 8) {
                return OptionalLong.of(ByteBuffer.wrap(reply, at + 4, 4)
                                .order(ByteOrder.BIG_ENDIAN)
                                .getInt()
                        & 0xffffffffL);
            }
            at += (attributeLength + 3) & ~3;
        }
        return OptionalLong.empty();
    }

    /** {@code sockaddr_nl} of the kernel: family AF_NETLINK, pid 0, no groups. */
    private static byte[] kernelAddress() {
        return ByteBuffer.allocate(12)
                .order(ByteOrder.nativeOrder())
                .putShort((short) AF_NETLINK)
                .array();
    }

    private OptionalLong failed(String step) {
        if (!warned) {
            warned = true;
            LOG.warn("cannot read the ruleset generation ({} failed); listings are not cached", step);
        }
        return OptionalLong.empty();
    }
}
