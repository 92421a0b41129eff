package io.pipelinetrigger.app.config;

import java.util.regex.Pattern;

/** Checks a listen address without resolving it (start-up must not wait on DNS to say a value is wrong). */
public final class Hosts {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    private Hosts() {
    }

    static String validate(String variable, String host) {
        if (HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches()) {
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }
        throw new ConfigException(variable + " must be an IP address or host name such as 0.0.0.0, 127.0.0.1 or ::, got "
                + Variables.quoted(host) + ".");
    }

    /**
     * Whether only this machine can reach a server listening on {@code host}: the loopback addresses and
     * {@code localhost}. Anything else, {@code 0.0.0.0} and {@code ::} above all, may be reached from the network.
     */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.matches("127(\\.[0-9]{1,3}){3}")
                || bare.equals("::1") || bare.matches("(0{1,4}:){7}0{0,3}1");
    }
}
