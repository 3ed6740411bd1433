package io.kcg.genesys.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Checks an API base URL: absolute, http(s), HTTPS unless the host is a loopback address, and nothing but scheme,
 * host, port and path (no credentials, query or fragment).
 */
public final class ApiUrls {
    private ApiUrls() {
    }

    /** What is wrong with {@code url}, or null when it is acceptable. */
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
        if (uri.getHost() == null || scheme == null) {
            return "'" + url + "' must be an absolute URL such as https://api.mypurecloud.com";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "'" + url + "' must not have a query or fragment: the connector appends /api/v2/... to it";
        }
        if (scheme.equalsIgnoreCase("https")) {
            return null;
        }
        if (scheme.equalsIgnoreCase("http")) {
            return isLoopback(uri.getHost()) ? null
                    : "'" + url + "' must use https: plain http is allowed only for loopback hosts (127.0.0.1, ::1, localhost)";
        }
        return "'" + url + "' must use https";
    }

    /** True for localhost and literal loopback addresses; never resolves other names through DNS. */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
