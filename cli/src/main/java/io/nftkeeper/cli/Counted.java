package io.nftkeeper.cli;

/** A count with its noun in the right number: "1 host", "2 hosts", "0 errors". */
public final class Counted {

    private Counted() {}

    public static String of(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }
}
