package io.kcg.genesys.client;

/**
 * Genesys cannot answer the query for this interval as asked: it refused it as too large (400
 * {@code response.entity.too.large}), the answer exceeded the client's size limit, or it kept timing out (504
 * {@code request.timeout}, or no answer within the request timeout) after the retries. The same query over a shorter
 * interval is expected to work, so a caller that can split the interval does so instead of failing.
 */
public class GenesysWindowTooLargeException extends GenesysClientException {
    public GenesysWindowTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
