package io.nftkeeper.framework.schema;

/** How Terraform (and documentation tools) should render a description. */
public enum DescriptionKind {
    PLAIN,
    MARKDOWN
}
