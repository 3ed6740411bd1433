package io.kcg.genesys.demo;

import java.util.Locale;

/**
 * Turns the trace of a failed connector task into one paragraph: the connector's own message (first line, without
 * the exception class) and what the Genesys status means.
 */
final class FailureExplainer {
    private FailureExplainer() {
    }

    static String explain(String trace) {
        String first = trace.lines().findFirst().orElse("").trim();
        int colon = first.indexOf(": ");
        if (colon > 0 && first.substring(0, colon).matches("[\\w.$]+")) {
            first = first.substring(colon + 2);
        }
        String lower = trace.toLowerCase(Locale.ROOT);
        String hint;
        if (lower.contains("missing.permissions") || lower.contains("not.authorized") || lower.contains(" 403")
                || lower.contains("status 403")) {
            hint = "Genesys Cloud answered 403: the OAuth client's role lacks the permission "
                    + "analytics:conversationAggregate:view (Admin > Roles/Permissions; grant a role with it to the "
                    + "client, in the division of the queues).";
        } else if (lower.contains("bad.credentials") || lower.contains("authentication") || lower.contains(" 401")) {
            hint = "Genesys Cloud answered 401: the client id or secret is wrong, or belongs to another region's org.";
        } else if (lower.contains(" 400") || lower.contains("invalid.value") || lower.contains("bad.request")
                || lower.contains("invalid.date")) {
            hint = "Genesys Cloud answered 400: it rejects the query body (a metric, dimension, filter or time zone); "
                    + "fix query.<name>.body in the config.";
        } else {
            hint = "The worker's log (demo.log in the work directory) has the whole trace.";
        }
        return "the connector's task failed: " + first + "\n" + hint;
    }
}
