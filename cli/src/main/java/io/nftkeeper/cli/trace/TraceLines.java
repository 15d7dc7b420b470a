package io.nftkeeper.cli.trace;

/**
 * nft's trace lines ({@code trace id 4a3b inet web input rule tcp dport 22 accept (verdict accept)}) are already
 * readable; on a terminal the verdicts are colored so the decisive one stands out.
 */
final class TraceLines {

    private TraceLines() {}

    static String render(String line, boolean colored) {
        if (!colored) {
            return line;
        }
        return line.replaceAll("\\(verdict (accept|continue)\\)", "\u001b[32m$0\u001b[0m")
                .replaceAll("\\(verdict (drop|reject)\\)", "\u001b[31;1m$0\u001b[0m")
                .replaceAll("policy accept", "\u001b[32m$0\u001b[0m")
                .replaceAll("policy drop", "\u001b[31;1m$0\u001b[0m");
    }
}
