-- The daily queue report from the wide table of config/queue-report-30m.json's query, as Debezium's JDBC sink
-- creates it (topic genesys.queues30m -> table genesys_queues30m): per queue, media type and day (UTC, the query's
-- time zone), what was offered, answered and abandoned, the abandon rate, the average handle time and the service
-- level. Counts and sums add up over the 30-minute buckets; rates are taken from the sums, never averaged.
-- Plain SQL: it runs as is on PostgreSQL, MySQL and SQL Server.
SELECT queue_id,
       media_type,
       CAST(interval_start AS DATE)                                              AS report_day,
       COALESCE(SUM(n_offered_count), 0)                                         AS offered,
       COALESCE(SUM(t_answered_count), 0)                                        AS answered,
       COALESCE(SUM(t_abandon_count), 0)                                         AS abandoned,
       1.0 * COALESCE(SUM(t_abandon_count), 0) / NULLIF(SUM(n_offered_count), 0) AS abandon_rate,
       SUM(t_handle_sum) / NULLIF(SUM(t_handle_count), 0) / 1000.0               AS aht_seconds,
       SUM(o_service_level_numerator) / NULLIF(SUM(o_service_level_denominator), 0) AS service_level
FROM genesys_queues30m
GROUP BY queue_id, media_type, CAST(interval_start AS DATE)
ORDER BY queue_id, report_day, media_type
