package tansa.casefile;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of the machine tansa runs on: the custody field "read on". */
final class Host {
    private Host() {
    }

    static String name() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
