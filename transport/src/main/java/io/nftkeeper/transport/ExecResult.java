package io.nftkeeper.transport;

/** A remote command that ran to completion. */
public record ExecResult(int exitStatus, String stdout, String stderr) {

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
