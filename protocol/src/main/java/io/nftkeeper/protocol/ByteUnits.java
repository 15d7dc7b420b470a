package io.nftkeeper.protocol;

/** nft's byte units; {@code packets} counts as a factor of one so packet quantities pass through. */
public final class ByteUnits {
    public static final long KBYTE = 1024;
    public static final long MBYTE = 1024 * 1024;

    private ByteUnits() {}

    /** The bytes of one {@code unit} ({@code bytes}, {@code kbytes}, {@code mbytes}; {@code packets}: one). */
    public static long factor(String unit) {
        return switch (unit) {
            case "packets", "bytes" -> 1;
            case "kbytes" -> KBYTE;
            case "mbytes" -> MBYTE;
            default -> throw new IllegalArgumentException("unknown nft byte unit \"" + unit + "\"");
        };
    }

    /** {@code bytes} in the largest unit that divides it, as nft lists it: {@code 10240} → {@code 10 kbytes}. */
    public static String text(long bytes) {
        if (bytes != 0 && bytes % MBYTE == 0) {
            return bytes / MBYTE + " mbytes";
        }
        if (bytes != 0 && bytes % KBYTE == 0) {
            return bytes / KBYTE + " kbytes";
        }
        return bytes + " bytes";
    }
}
