package dev.truthordare.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free-port allocation and port checks. */
public final class Ports {

    private Ports() {
    }

    /**
     * {@code count} distinct ports that are free right now (all sockets are held open together, so the ports
     * differ). Another process may still take one before it is used; that race is accepted.
     */
    public static int[] free(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** One free port. */
    public static int free() {
        return free(1)[0];
    }

    /** True when nothing listens on {@code port} (checked by binding it on every interface, as servers do). */
    public static boolean isAvailable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a clear error when {@code port} is taken; {@code what} names its intended user. */
    public static void requireAvailable(int port, String what) {
        if (!isAvailable(port)) {
            throw new IllegalStateException("port " + port + " (" + what + ") is already in use"
                    + " - is the system already running (see var/run.pid), or another program using that port?");
        }
    }
}
