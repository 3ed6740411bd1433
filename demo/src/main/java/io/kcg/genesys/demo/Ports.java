package io.kcg.genesys.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks, before anything starts, that every port the demo listens on is free, and says which one is not. */
final class Ports {
    private final Map<Integer, String> wanted = new LinkedHashMap<>();

    /** {@code use} names the port's purpose and {@code option} the flag that moves it. */
    Ports need(int port, String use, String option) {
        String previous = wanted.put(port, use + " (" + option + ")");
        if (previous != null) {
            throw new DemoException(DemoException.USAGE, "port " + port + " is given to both " + previous + " and "
                    + use + " (" + option + ")");
        }
        return this;
    }

    void checkFree() {
        for (Map.Entry<Integer, String> entry : wanted.entrySet()) {
            if (!isFree(entry.getKey())) {
                String use = entry.getValue();
                String option = use.substring(use.lastIndexOf('(') + 1, use.length() - 1);
                throw new DemoException(DemoException.ENVIRONMENT, "port " + entry.getKey() + " is taken: the demo "
                        + "needs it for the " + use.substring(0, use.lastIndexOf('(')).trim() + ". Stop what listens "
                        + "there (see: ss -ltnp 'sport = :" + entry.getKey() + "'), or choose another port with "
                        + option + " N.");
            }
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Kafka and Jetty bind: a closed socket in TIME_WAIT is no obstacle
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
