package io.nftkeeper.cli.drift.format;

/** The formats of {@code nftkeeper drift --format}. */
public enum OutputFormat {
    /** For people: one line per host and table, the changes below; colored on a terminal. */
    TEXT,
    /** The whole report, changes with their live and baseline JSON. */
    JSON,
    /** JUnit XML (Ant/Jenkins flavour): a test suite per host, a test case per table. */
    JUNIT,
    /** Prometheus text exposition, for node_exporter's textfile collector or a Pushgateway. */
    PROMETHEUS;

    public ReportWriter writer(boolean color) {
        return switch (this) {
            case TEXT -> new TextReport(color);
            case JSON -> new JsonReport();
            case JUNIT -> new JunitReport();
            case PROMETHEUS -> new PrometheusReport();
        };
    }
}
