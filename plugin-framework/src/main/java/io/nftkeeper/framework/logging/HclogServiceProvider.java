package io.nftkeeper.framework.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J 2 backend that writes hclog JSON lines to stderr, the format go-plugin parses from a plugin's stderr, so
 * Terraform files provider logs under its own levels ({@code TF_LOG_PROVIDER}, {@code TF_LOG}). Found by SLF4J
 * through {@code META-INF/services}; a provider must not also ship another backend such as slf4j-simple.
 */
public final class HclogServiceProvider implements SLF4JServiceProvider {
    private ILoggerFactory loggerFactory;
    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        loggerFactory = new HclogLoggerFactory();
    }
}
