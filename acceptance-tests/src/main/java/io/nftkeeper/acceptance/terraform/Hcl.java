package io.nftkeeper.acceptance.terraform;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import java.nio.file.Path;
import java.util.Map;

/** Configuration snippets the acceptance tests compose: the provider wired to a sandbox host, and resources. */
public final class Hcl {
    private Hcl() {}

    /**
     * required_providers plus a provider block that reaches {@code address} with the given key, pinning {@code host}'s
     * key. Lockout protection is off: its default confirms each input chain change over one more SSH login (1 to 4.5 s
     * each on a loaded CI machine, 3 to 5 % of a class such as MinimalChainEditIT), and LockoutProtectionIT covers the
     * default.
     */
    public static String provider(String address, Path privateKey, SandboxHost host) {
        return """
                terraform {
                  required_providers {
                    nftables = { source = "nftkeeper/nftables" }
                  }
                }
                provider "nftables" {
                  host        = "%s"
                  private_key = file("%s")
                  host_key    = "%s"
                  lockout_protection = { enabled = false }
                }
                """.formatted(address, privateKey, host.hostKey());
    }

    /** The provider block for a sandbox host, reached directly with its own client key. */
    public static String provider(SandboxHost host) {
        return provider(host.address(), host.privateKeyPath(), host);
    }

    public static String table(String label, String family, String name) {
        return """
                resource "nftables_table" "%s" {
                  family = "%s"
                  name   = "%s"
                }
                """.formatted(label, family, name);
    }

    /** {@code hcl} with {@code takeover = true} on each nftables_table: adopting another configuration's table. */
    public static String takingOver(String hcl) {
        return hcl.replaceAll("(resource \"nftables_table\" \"[^\"]+\" \\{\n)", "$1  takeover = true\n");
    }

    /** One import block per entry: resource address to import ID. */
    public static String imports(Map<String, String> ids) {
        StringBuilder blocks = new StringBuilder();
        ids.forEach((to, id) -> blocks.append("import {\n  to = ")
                .append(to)
                .append("\n  id = \"")
                .append(id)
                .append("\"\n}\n"));
        return blocks.toString();
    }

    /** Chain {@code name} (resource label {@code c}) in the table labelled {@code t}, with these rules in order. */
    public static String chainC(String name, java.util.List<String> rules) {
        StringBuilder blocks = new StringBuilder();
        for (String rule : rules) {
            blocks.append("  rule {\n    expr = \"").append(rule).append("\"\n  }\n");
        }
        return """
                resource "nftables_chain" "c" {
                  table_id = nftables_table.t.id
                  name     = "%s"
                %s}
                """.formatted(name, blocks);
    }
}
