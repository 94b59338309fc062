package io.upbitrouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port held bound but never listening: connections to it are refused, and no other process
 * can take it while it is held. For an exchange that is down; close it just before a server binds the port.
 */
public final class ClosedPort implements AutoCloseable {

    private final Socket socket = new Socket();

    public ClosedPort() {
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
