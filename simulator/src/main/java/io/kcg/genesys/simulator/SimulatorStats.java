package io.kcg.genesys.simulator;

/**
 * A snapshot of what the simulator answered since start (or the last reset).
 *
 * @param tokenRequests                  POST /oauth/token requests
 * @param aggregateRequests              requests to an aggregates endpoint, whatever their outcome
 * @param ok200                          complete 200 responses (truncated ones are not counted here)
 * @param sent400                        400 responses (validation, malformed JSON, bad grant type)
 * @param sent401                        401 responses (bad credentials, missing, unknown or expired token)
 * @param sent404                        404 responses
 * @param sent429                        429 responses, from the rate limit or injected
 * @param rateLimited                    the 429 responses that the rate limit (not a fault) caused
 * @param sent503                        injected 503 responses
 * @param sent500                        500 responses (injected, or a simulator bug)
 * @param truncated                      injected truncated bodies
 * @param dropped                        injected dropped connections
 * @param slowed                         injected delays
 * @param sent502                        injected 502 responses (a gateway's HTML page)
 * @param sent504                        injected 504 request.timeout responses
 * @param tooLarge                       aggregates answers refused with 400 response.entity.too.large
 * @param loginsRefused                  token requests refused or failed by a login outage
 * @param maxRequestsInAnyRollingMinute  the most API requests any one token made within 60 s (rejected ones too)
 */
public record SimulatorStats(long tokenRequests, long aggregateRequests, long ok200, long sent400, long sent401,
                             long sent404, long sent429, long rateLimited, long sent503, long sent500,
                             long truncated, long dropped, long slowed, long sent502, long sent504, long tooLarge,
                             long loginsRefused, long maxRequestsInAnyRollingMinute) {
}
