package io.nftkeeper.cli.importconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.TableContents;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportBlocksTest {

    private static final TableRef FILTER = new TableRef(Family.INET, "filter");

    private static TableContents contents(List<String> chains, List<String> sets) {
        return new TableContents(chains, sets, List.of("ports"), List.of("ssh"), List.of("month"), List.of("slow"));
    }

    @Test
    void namesWithSlashesGetIdsThatSplitOneWay() {
        String hcl = ImportBlocks.render(
                "web1",
                new TableRef(Family.IP, "k8s/proxy"),
                new TableContents(
                        List.of("service-ULMVA6XW-namespace1/service1/tcp/p80"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()));

        assertThat(hcl).contains("""
                import {
                  to = nftables_table.ip_k8s_proxy
                  id = "web1/ip/k8s%2Fproxy"
                }
                """, """
                import {
                  to = nftables_chain.ip_k8s_proxy_service-ULMVA6XW-namespace1_service1_tcp_p80
                  id = "web1/ip/k8s%2Fproxy/service-ULMVA6XW-namespace1/service1/tcp/p80"
                }
                """);
    }

    @Test
    void theTableComesFirstThenEveryObjectWithItsImportId() {
        String hcl = ImportBlocks.render("10.213.0.2", FILTER, contents(List.of("input"), List.of("admins")));

        assertThat(hcl).isEqualTo("""
                # table inet filter on 10.213.0.2, written by nftkeeper import-config.
                # Next: terraform plan -generate-config-out=generated.tf, review generated.tf, terraform apply.

                import {
                  to = nftables_table.inet_filter
                  id = "10.213.0.2/inet/filter"
                }

                import {
                  to = nftables_chain.inet_filter_input
                  id = "10.213.0.2/inet/filter/input"
                }

                import {
                  to = nftables_set.inet_filter_admins
                  id = "10.213.0.2/inet/filter/admins"
                }

                import {
                  to = nftables_map.inet_filter_ports
                  id = "10.213.0.2/inet/filter/ports"
                }

                import {
                  to = nftables_counter.inet_filter_ssh
                  id = "10.213.0.2/inet/filter/ssh"
                }

                import {
                  to = nftables_quota.inet_filter_month
                  id = "10.213.0.2/inet/filter/month"
                }

                import {
                  to = nftables_limit.inet_filter_slow
                  id = "10.213.0.2/inet/filter/slow"
                }
                """);
    }

    @Test
    void namesTerraformCannotTakeAreSanitizedAndCollisionsNumberedPerResourceType() {
        String hcl = ImportBlocks.render(
                "web1",
                new TableRef(Family.IP, "kube-proxy"),
                new TableContents(
                        List.of("svc.http", "svc_http", "svc-http"),
                        List.of("svc.http"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()));

        assertThat(hcl)
                .contains("to = nftables_table.ip_kube-proxy\n")
                .contains("to = nftables_chain.ip_kube-proxy_svc_http\n  id = \"web1/ip/kube-proxy/svc.http\"")
                .contains("to = nftables_chain.ip_kube-proxy_svc_http_2\n  id = \"web1/ip/kube-proxy/svc_http\"")
                .contains("to = nftables_chain.ip_kube-proxy_svc-http\n")
                .contains("to = nftables_set.ip_kube-proxy_svc_http\n");
    }

    @Test
    void hostsAreQuotedAsHclStringsWithoutTemplateInterpolation() {
        assertThat(ImportBlocks.quoted("a\"b\\c${x}%{y}")).isEqualTo("\"a\\\"b\\\\c$${x}%%{y}\"");
    }

    @Test
    void theTableArgumentIsFamilySlashName() {
        assertThat(ImportConfigCommand.parseTable("ip6/nat")).isEqualTo(new TableRef(Family.IP6, "nat"));
        assertThatThrownBy(() -> ImportConfigCommand.parseTable("filter"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("FAMILY/NAME");
        assertThatThrownBy(() -> ImportConfigCommand.parseTable("inet/bad name"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("table name");
    }

    @Test
    void theNewerObjectKindsGetTheirOwnResourceTypes() {
        TableContents contents = new TableContents(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of("ft"),
                List.of("ftp-standard"),
                List.of("tcp-short"),
                List.of("e1"),
                List.of("www"),
                List.of("ssh"));

        String hcl = ImportBlocks.render("10.213.0.2", FILTER, contents);

        assertThat(hcl)
                .contains(
                        """
                import {
                  to = nftables_flowtable.inet_filter_ft
                  id = "10.213.0.2/inet/filter/ft"
                }
                """,
                        """
                import {
                  to = nftables_ct_helper.inet_filter_ftp-standard
                  id = "10.213.0.2/inet/filter/ftp-standard"
                }
                """,
                        "nftables_ct_timeout.inet_filter_tcp-short",
                        "nftables_ct_expectation.inet_filter_e1",
                        "nftables_synproxy.inet_filter_www",
                        "nftables_secmark.inet_filter_ssh");
    }
}
