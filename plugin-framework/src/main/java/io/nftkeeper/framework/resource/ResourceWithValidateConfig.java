package io.nftkeeper.framework.resource;

/** Checks that span attributes; runs after the attribute validators. */
public interface ResourceWithValidateConfig {
    void validateConfig(ValidateConfigRequest req, ValidateConfigResponse resp);
}
