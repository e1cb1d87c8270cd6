package dev.agentserver.server.llm;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of an HTTP client that only ever calls {@code http://} endpoints (a local model, the
 * simulator). Given one, {@code HttpClient.Builder} does not initialise the JDK's default context, which
 * parses every CA certificate the JDK trusts: ~8 MB of garbage and tens of milliseconds before the first
 * prompt, for connections that never use TLS. Asked for TLS anyway, it refuses.
 */
final class PlainHttpOnly extends SSLContextSpi {

    static SSLContext context() {
        return new SSLContext(new PlainHttpOnly(), null, "none") { };
    }

    private PlainHttpOnly() {
    }

    private static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("this HTTP client is for http:// endpoints only; https needs the TLS client");
    }

    @Override
    protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
        throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        throw refused();
    }
}
