package io.kcg.genesys.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Genesys Cloud regions, named as in Genesys's SDKs ({@code PureCloudRegionHosts}), each with its API base URL.
 * The login (OAuth) host is derived from the API host the way the SDKs do it: {@code api.} becomes {@code login.}.
 *
 * <p>The constants deliberately keep the SDKs' lowercase names, so {@code valueOf("us_east_1")} works and the names
 * in a config match Genesys's documentation.
 */
public enum GenesysRegion {
    us_east_1("mypurecloud.com"),
    eu_west_1("mypurecloud.ie"),
    ap_southeast_2("mypurecloud.com.au"),
    ap_northeast_1("mypurecloud.jp"),
    eu_central_1("mypurecloud.de"),
    us_west_2("usw2.pure.cloud"),
    ca_central_1("cac1.pure.cloud"),
    ap_northeast_2("apne2.pure.cloud"),
    eu_west_2("euw2.pure.cloud"),
    ap_south_1("aps1.pure.cloud"),
    /** US government (FedRAMP). */
    us_east_2("use2.us-gov-pure.cloud"),
    sa_east_1("sae1.pure.cloud"),
    me_central_1("mec1.pure.cloud"),
    ap_northeast_3("apne3.pure.cloud"),
    eu_central_2("euc2.pure.cloud"),
    mx_central_1("mxc1.pure.cloud"),
    ap_southeast_1("apse1.pure.cloud"),
    /** EU sovereign cloud. */
    eusc_de_east_1("edee1.eusc-pure.cloud");

    private final String host;
    private final URI apiBase;
    private final URI loginBase;

    GenesysRegion(String host) {
        this.host = host;
        this.apiBase = URI.create("https://api." + host);
        this.loginBase = URI.create("https://login." + host);
    }

    /** The region's host without the {@code api.}/{@code login.} label, e.g. {@code mypurecloud.ie}. */
    public String host() {
        return host;
    }

    /** The API base URL, e.g. {@code https://api.mypurecloud.ie}. */
    public URI apiBase() {
        return apiBase;
    }

    /** The login (OAuth) base URL, e.g. {@code https://login.mypurecloud.ie}. */
    public URI loginBase() {
        return loginBase;
    }

    /**
     * The region for a name, or empty. Accepted, case-insensitively and ignoring surrounding blanks:
     * <ul>
     *   <li>the SDK name: {@code eu_west_2}, also with dashes ({@code eu-west-2});</li>
     *   <li>the region host: {@code mypurecloud.ie}, {@code euw2.pure.cloud};</li>
     *   <li>the API or login host or URL: {@code api.euw2.pure.cloud}, {@code https://login.mypurecloud.ie/}.</li>
     * </ul>
     */
    public static Optional<GenesysRegion> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (GenesysRegion r : values()) {
            if (r.name().equals(n.replace('-', '_'))) {
                return Optional.of(r);
            }
        }
        int scheme = n.indexOf("://");
        if (scheme >= 0) {
            n = n.substring(scheme + 3);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.startsWith("api.")) {
            n = n.substring(4);
        } else if (n.startsWith("login.")) {
            n = n.substring(6);
        }
        for (GenesysRegion r : values()) {
            if (r.host.equals(n)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The region for a name as {@link #find(String)} accepts it.
     *
     * @throws IllegalArgumentException naming the valid names when there is no such region
     */
    public static GenesysRegion fromName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown Genesys Cloud region '" + name
                + "'. Use one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                + " (or its host, e.g. mypurecloud.ie, euw2.pure.cloud)"));
    }

    /**
     * The login base URL for an API base URL, as Genesys's SDKs derive it: when the host's first label is
     * {@code api}, it becomes {@code login}, keeping the scheme and port ({@code https://api.euw2.pure.cloud} gives
     * {@code https://login.euw2.pure.cloud}). Any other base URL (a simulator at {@code http://127.0.0.1:8089}, a
     * proxy) serves both, so it is returned unchanged, without a trailing slash.
     */
    public static URI loginBaseFor(URI apiBase) {
        String host = apiBase.getHost();
        if (host == null) {
            throw new IllegalArgumentException("Not an absolute URL with a host: " + apiBase);
        }
        int dot = host.indexOf('.');
        if (dot > 0 && host.substring(0, dot).equalsIgnoreCase("api") && dot < host.length() - 1) {
            try {
                return new URI(apiBase.getScheme(), null, "login" + host.substring(dot), apiBase.getPort(),
                        null, null, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Cannot derive the login URL from " + apiBase, e);
            }
        }
        String s = apiBase.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }
}
