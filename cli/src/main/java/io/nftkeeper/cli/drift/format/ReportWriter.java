package io.nftkeeper.cli.drift.format;

import io.nftkeeper.cli.drift.DriftReport;
import java.io.IOException;
import java.io.Writer;

/** Renders a drift report in one output format. */
public interface ReportWriter {

    void write(DriftReport report, Writer out) throws IOException;
}
