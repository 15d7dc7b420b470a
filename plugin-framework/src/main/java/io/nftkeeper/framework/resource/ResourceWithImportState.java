package io.nftkeeper.framework.resource;

/** The resource supports {@code terraform import}. */
public interface ResourceWithImportState {
    void importState(ImportStateRequest req, ImportStateResponse resp);
}
