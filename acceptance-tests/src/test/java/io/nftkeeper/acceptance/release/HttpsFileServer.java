package io.nftkeeper.acceptance.release;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A static file server over HTTPS on 127.0.0.1: what a user would put in front of a release's {@code dist/} to make
 * it a Terraform network mirror. GET only; remembers every path it was asked for.
 */
final class HttpsFileServer implements AutoCloseable {
    private final HttpsServer server;
    private final Path root;
    private final List<String> requested = new CopyOnWriteArrayList<>();

    private HttpsFileServer(HttpsServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    /** Serves {@code root} with the key and certificate chain in PKCS#12 file {@code keyStore}. */
    static HttpsFileServer start(Path root, Path keyStore, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, password);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            HttpsFileServer files =
                    new HttpsFileServer(server, root.toAbsolutePath().normalize());
            server.createContext("/", files::handle);
            server.start();
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the server key from " + keyStore, e);
        }
    }

    URI baseUri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The paths asked for so far, in order. */
    List<String> requested() {
        return List.copyOf(requested);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            Path file = root.resolve(path.substring(1)).normalize();
            if (!exchange.getRequestMethod().equals("GET") || !file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders()
                    .set("Content-Type", path.endsWith(".json") ? "application/json" : "application/octet-stream");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
