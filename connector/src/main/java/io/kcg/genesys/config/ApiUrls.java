package io.kcg.genesys.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for a Genesys base URL (API or login), used by validate() and by the HTTP client alike: absolute,
 * http(s), HTTPS unless the host is a loopback one, and nothing but scheme, host, port and path (no credentials,
 * query or fragment).
 *
 * <p>Loopback is judged from the text alone, never through DNS: {@code localhost}, a dotted-quad {@code 127.x.y.z}
 * written in plain decimal, and an IPv6 loopback literal ({@code [::1]}). Shorthand and octal forms such as
 * {@code 127.1} or {@code 0177.0.0.1} are refused: resolvers disagree about what they mean.
 */
public final class ApiUrls {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]+");

    private ApiUrls() {
    }

    /** What is wrong with {@code url}, or null when it is acceptable. Never echoes a URL that holds credentials. */
    public static String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getReason(); // not echoed: a malformed URL may still hold a password
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: the URL holds a password. Credentials would end up in every log line naming the URL.
            return "must not contain a user or password; the OAuth client goes in genesys.client.id and "
                    + "genesys.client.secret";
        }
        String scheme = uri.getScheme();
        if (scheme != null && uri.getHost() == null && uri.getRawAuthority() != null) {
            // java.net.URI finds no host in shorthand addresses (127.1) and names with odd characters.
            return "'" + url + "' has no host name or address Java can read; write a loopback host as 127.x.y.z or "
                    + "localhost, a remote one as a DNS name such as api.mypurecloud.com";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty() || scheme == null) {
            return "'" + url + "' must be an absolute URL such as https://api.mypurecloud.com";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "'" + url + "' must not have a query or fragment: the connector appends /api/v2/... to it";
        }
        if (scheme.equalsIgnoreCase("https")) {
            return null;
        }
        if (scheme.equalsIgnoreCase("http")) {
            return isLoopback(uri.getHost()) ? null : "'" + url + "' must use https: plain http is allowed only for "
                    + "loopback hosts written as localhost, 127.x.y.z or [::1]";
        }
        return "'" + url + "' must use https";
    }

    /** True for {@code localhost}, {@code 127.x.y.z} in plain decimal and IPv6 loopback literals; no DNS lookup. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches()) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') < 0 || !IPV6_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // an IPv6 literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
