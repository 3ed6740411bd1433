-- The same daily queue report from the long format's table (topic genesys.queues30m with output.format=long ->
-- table genesys_queues30m): one row per bucket, group and metric, so each figure picks its metric's rows.
SELECT queue_id,
       media_type,
       CAST(interval_start AS DATE)                                              AS report_day,
       COALESCE(SUM(CASE WHEN metric = 'nOffered' THEN count END), 0)            AS offered,
       COALESCE(SUM(CASE WHEN metric = 'tAnswered' THEN count END), 0)           AS answered,
       COALESCE(SUM(CASE WHEN metric = 'tAbandon' THEN count END), 0)            AS abandoned,
       1.0 * COALESCE(SUM(CASE WHEN metric = 'tAbandon' THEN count END), 0)
           / NULLIF(SUM(CASE WHEN metric = 'nOffered' THEN count END), 0)        AS abandon_rate,
       SUM(CASE WHEN metric = 'tHandle' THEN sum END)
           / NULLIF(SUM(CASE WHEN metric = 'tHandle' THEN count END), 0) / 1000.0 AS aht_seconds,
       SUM(CASE WHEN metric = 'oServiceLevel' THEN numerator END)
           / NULLIF(SUM(CASE WHEN metric = 'oServiceLevel' THEN denominator END), 0) AS service_level
FROM genesys_queues30m
GROUP BY queue_id, media_type, CAST(interval_start AS DATE)
ORDER BY queue_id, report_day, media_type
