-- The report's grouping done by the sqlite3 shell over the kept results (scripts/bench-scale.sh,
-- issue 21 §1): each account's total is the mean of its evaluators' kept points; accounts joined
-- to their level, platform and the first two segments of their region; per group the count,
-- passes, mean, minimum, maximum, vetoes, median and quartiles. Round 1 of the generated city.
WITH acc AS (
  SELECT account_id, avg(points) AS total, max(vetoes IS NOT NULL) AS vetoed
  FROM sheet_results WHERE round_id = 1 GROUP BY account_id),
ra AS (
  SELECT id, level, platform,
    CASE WHEN instr(region, '/') = 0 THEN region
         ELSE substr(region, 1, instr(region, '/')) ||
              CASE WHEN instr(substr(region, instr(region, '/') + 1), '/') = 0
                   THEN substr(region, instr(region, '/') + 1)
                   ELSE substr(substr(region, instr(region, '/') + 1), 1,
                               instr(substr(region, instr(region, '/') + 1), '/') - 1) END END AS r2
  FROM accounts),
g AS (
  SELECT ra.level, ra.platform, ra.r2, acc.total, acc.vetoed,
    row_number() OVER (PARTITION BY ra.level, ra.platform, ra.r2 ORDER BY acc.total) AS k,
    count(*) OVER (PARTITION BY ra.level, ra.platform, ra.r2) AS n
  FROM acc JOIN ra ON ra.id = acc.account_id)
SELECT level, platform, r2, count(*), sum(total >= 60 AND NOT vetoed), round(avg(total), 2),
  min(total), max(total), sum(vetoed),
  avg(CASE WHEN k IN ((n + 1) / 2, (n + 2) / 2) THEN total END),
  max(CASE WHEN k = (n + 3) / 4 THEN total END), max(CASE WHEN k = (3 * n + 3) / 4 THEN total END)
FROM g GROUP BY level, platform, r2 ORDER BY level, platform, r2;
