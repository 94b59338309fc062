package io.upbitrouter.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback port free at the time of asking, for servers whose port must be known before they start.
 * <p>
 * Chosen below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}; 32768 and up by default)
 * and never twice in one JVM: a port the kernel hands out on its own (a server bound to port 0, such as the simulator
 * or a scripted exchange, or a client's outgoing connection) comes from that range, so it can never take the port
 * between this answer and the bind of the server it was meant for. A port from the ephemeral range, as
 * {@code new ServerSocket(0)} gives, could: the next bind to port 0 may get the same number.
 */
public final class FreePort {

    private static final int LOWEST = 20_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    public static int find() {
        int below = Math.max(LOWEST + 1_000, ephemeralStart());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int candidate = LOWEST + random.nextInt(below - LOWEST);
            if (GIVEN.add(candidate) && bindable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + below);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range, or 32768 where it cannot be read. */
    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}
