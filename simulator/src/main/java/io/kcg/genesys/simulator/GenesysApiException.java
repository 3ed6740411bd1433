package io.kcg.genesys.simulator;

import java.util.Collection;

/**
 * An error as Genesys reports it: an HTTP status and a dotted error code (API.md section 4.7). The server turns it
 * into an ErrorBody; {@link GenesysSimulator#groundTruth} throws it for a query the API would reject.
 */
public final class GenesysApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public GenesysApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static GenesysApiException badRequest(String message) {
        return new GenesysApiException(400, "bad.request", message);
    }

    public static GenesysApiException invalidDate(String message) {
        return new GenesysApiException(400, "invalid.date", message);
    }

    /** Genesys' message for a value outside an enumeration or a format. */
    public static GenesysApiException invalidValue(String value, String fieldType, Collection<String> allowable) {
        return invalidValue(value, fieldType, String.join(", ", allowable));
    }

    public static GenesysApiException invalidValue(String value, String fieldType, String allowable) {
        return new GenesysApiException(400, "invalid.value",
            "Value [" + value + "] is not valid for field type [" + fieldType + "]. Allowable values are: "
                + allowable);
    }

    public static GenesysApiException notFound(String message) {
        return new GenesysApiException(404, "not.found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
