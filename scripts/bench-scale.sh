#!/usr/bin/env bash
# Scale benchmark (PRODUCT.md §5): builds release, generates the 100,000-account database
# (3 evaluators → 12 million score rows, 52 weeks of metrics), checks its integrity, times each
# whole command, and times the equivalent single SQL GROUP BY over the score table in the
# sqlite3 shell in the same run, printing ratios.
#
# Needs: cargo; sqlite3 (Debian/Ubuntu: apt-get install sqlite3). Optional: hyperfine (medians
# of repeated runs; otherwise the script takes the median of RUNS runs itself) and GNU time
# (/usr/bin/time, for max RSS). Settings by environment: ACCOUNTS EVALUATORS WEEKS SEED RUNS OUT,
# SHEETS=0 to skip the score-sheet export (minutes at 100k), REUSE=1 to time the commands on the
# database an earlier run left in OUT instead of generating it again.
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${ACCOUNTS:-100000} EVALUATORS=${EVALUATORS:-3} WEEKS=${WEEKS:-52} SEED=${SEED:-1}
RUNS=${RUNS:-3} OUT=${OUT:-target/bench-scale}
command -v sqlite3 >/dev/null || { echo "bench-scale: sqlite3 is required (apt-get install sqlite3)" >&2; exit 1; }
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$OUT"
DB=$OUT/gen.db
echo "== building release (assay)"
cargo build --release --quiet --bin assay --example tui_first_frame
BIN=$TARGET/release/assay
HAS_TIME=0; [ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null && HAS_TIME=1

# run_timed LABEL CMD...: runs once; prints "seconds max_rss_kb".
run_timed() {
  local label=$1; shift
  local t0 t1 rss=-
  t0=$(date +%s.%N)
  if [ "$HAS_TIME" = 1 ]; then
    /usr/bin/time -f %M -o "$OUT/rss" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err"
    rss=$(tail -n 1 "$OUT/rss")
  else
    "$@" >"$OUT/$label.out" 2>"$OUT/$label.err"
  fi
  t1=$(date +%s.%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}') $rss"
}

# median_of LABEL CMD...: median wall time (s) and max RSS over RUNS runs.
declare -A MED RSS
median_of() {
  local label=$1; shift
  local times=() r
  for _ in $(seq "$RUNS"); do
    r=$(run_timed "$label" "$@"); times+=("${r% *}"); RSS[$label]=${r#* }
  done
  MED[$label]=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-28s median %8.3f s  (runs: %s)  max RSS %s kB\n' "$label" "${MED[$label]}" "${times[*]}" "${RSS[$label]}"
}

echo "== machine: $(nproc) cores, $(uname -sm), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)"
if [ "${REUSE:-0}" = 1 ] && [ -f "$DB" ]; then
  # REUSE=1: time the commands on the database a previous run generated (gen and its yardstick
  # are not run; generating the 100k city takes minutes).
  echo "== reusing $DB ($(du -h "$DB" | cut -f1)); gen and its .import yardstick skipped"
else
  echo "== generating $ACCOUNTS accounts x $EVALUATORS evaluators x $WEEKS weeks (seed $SEED)"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  r=$(run_timed gen "$BIN" gen --accounts "$ACCOUNTS" --evaluators "$EVALUATORS" --weeks "$WEEKS" --seed "$SEED" --db "$DB")
  MED[gen]=${r% *}; RSS[gen]=${r#* }
  printf '%-28s %8.3f s  max RSS %s kB  (%s)\n' "assay gen" "${MED[gen]}" "${RSS[gen]}" "$(tail -n 1 "$OUT/gen.out")"
  echo "integrity_check: $(sqlite3 "$DB" 'PRAGMA integrity_check;')"
  echo "rows: $(sqlite3 "$DB" 'SELECT count(*) FROM entries;') entries, $(sqlite3 "$DB" 'SELECT count(*) FROM metric_weeks;') weekly, $(sqlite3 "$DB" 'SELECT count(*) FROM metric_posts;') posts, $(du -h "$DB" | cut -f1)"

  # gen's yardstick (issue 21 §1): the same rows inserted by the sqlite3 shell, a .import of CSV
  # exported from the generated database, in one transaction, into (a) a database made by
  # `assay init` with its triggers (which derive the weekly post counts and mark kept results
  # stale, as gen's own writes do) and (b) the same tables with the triggers dropped (the bare
  # insert floor). gen also computes every kept result and the operations index; the shell does not.
  echo "== gen yardstick: .import of the same rows (CSV exported from gen.db)"
  Y=$OUT/yard
  rm -rf "$Y"; mkdir -p "$Y"
  YT="rounds accounts round_accounts evaluators entries metric_weeks metric_posts"
  for t in $YT; do sqlite3 -csv "$DB" "SELECT * FROM $t" >"$Y/$t.csv"; done
  "$BIN" --db "$Y/schema.db" init >/dev/null 2>&1
  cp "$Y/schema.db" "$Y/bare.db"
  sqlite3 "$Y/bare.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'" | sqlite3 "$Y/bare.db"
  { echo "PRAGMA journal_mode = WAL;"; echo "BEGIN;"
    for t in $YT; do echo ".import --csv $Y/$t.csv $t"; done
    echo "COMMIT;"; } >"$Y/import.sql"
  for v in schema bare; do
    r=$(run_timed "import-$v" sh -c "cp '$Y/$v.db' '$Y/t.db' && rm -f '$Y/t.db-wal' '$Y/t.db-shm' && sqlite3 '$Y/t.db' <'$Y/import.sql'")
    MED[import-$v]=${r% *}; RSS[import-$v]=${r#* }
    printf '%-28s %8.3f s  max RSS %s kB\n' "sqlite3 .import ($v)" "${MED[import-$v]}" "${RSS[import-$v]}"
  done
  rm -f "$Y"/*.csv "$Y/t.db" "$Y/t.db-wal" "$Y/t.db-shm"
  for v in schema bare; do
    printf '%-28s %6.2fx  (target <= 1.5x)\n' "gen / .import ($v)" \
      "$(awk -v a="${MED[gen]}" -v b="${MED[import-$v]}" 'BEGIN {print a / b}')"
  done

fi

echo "== whole commands (median of $RUNS)"
median_of "round list" "$BIN" --db "$DB" round list --format json
median_of "account list (json)" "$BIN" --db "$DB" account list --format json
median_of "round summary" "$BIN" --db "$DB" round summary 1
# The full report (issue 9 §2): level × platform × region groups, category means, quartiles,
# rankings and standings, from the kept sheet results, then recomputed from every entry.
median_of "report (kept results)" "$BIN" --db "$DB" report --round 1 --by level,platform,region:2 --format csv
median_of "report --recompute" "$BIN" --db "$DB" report --round 1 --by level,platform,region:2 --format csv --recompute
# The same grouping in the sqlite3 shell over the kept results joined to the accounts.
median_of "sqlite3 report grouping" sqlite3 "$DB" ".read scripts/bench-scale-report.sql"
printf '%-28s %6.2fx  (target <= 1.5x; max RSS %s kB against %s kB; target <= 100 MB)\n' \
  "report / sqlite3 grouping" \
  "$(awk -v a="${MED[report (kept results)]}" -v b="${MED[sqlite3 report grouping]}" 'BEGIN {print a / b}')" \
  "${RSS[report (kept results)]}" "${RSS[sqlite3 report grouping]}"
median_of "demo --print" "$BIN" demo --print --db "$OUT/demo.db"
median_of "tui (until all totals)" "$TARGET/release/examples/tui_first_frame" "$DB" 1 评估人01
echo "    ($(tail -n 1 "$OUT/tui (until all totals).out"))"
# The TUI's first frame alone, 11 runs (issue 8 §4: <= 150 ms), and the summary screen: key to
# drawn frame, every evaluator's kept results aggregated (the example prints its own median).
FIRST=()
for _ in $(seq 11); do
  FIRST+=("$("$TARGET/release/examples/tui_first_frame" "$DB" 1 评估人01 --first | tail -n 1 | awk '{print $3}')")
done
printf '%-28s median %8.3f s  (runs: %s)\n' "tui first frame" \
  "$(printf '%s\n' "${FIRST[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "${FIRST[*]}"
echo "tui summary                  $("$TARGET/release/examples/tui_first_frame" "$DB" 1 评估人01 --summary | tail -n 1)"
GROUP_BY="SELECT account_id, evaluator_id, count(*), sum(coalesce(value, 0)), sum(coalesce(count, 0)), max(veto IS NOT NULL) FROM entries WHERE round_id = 1 GROUP BY account_id, evaluator_id;"
median_of "sqlite3 GROUP BY" sqlite3 "$DB" "$GROUP_BY"

# The operations report for the whole year (issue 11 §7): every account's weekly index, group
# averages, streaks and flags, against one GROUP BY over the weekly table.
median_of "ops (whole year)" "$BIN" --db "$DB" ops --round 1 --weeks "$WEEKS" --format csv
WEEK_GROUP_BY="SELECT account_id, count(*), avg(followers), sum(messages), sum(replies) FROM metric_weeks GROUP BY account_id;"
median_of "sqlite3 GROUP BY weekly" sqlite3 "$DB" "$WEEK_GROUP_BY"
printf '%-28s %6.2fx  (target <= 0.5x; max RSS %s kB; target <= 100 MB)\n' "ops / weekly GROUP BY" \
  "$(awk -v a="${MED[ops (whole year)]}" -v b="${MED[sqlite3 GROUP BY weekly]}" 'BEGIN {print a / b}')" "${RSS[ops (whole year)]}"

# Score sheets for every account to XLSX (1,000 accounts per workbook), once: minutes at 100k.
if [ "${SHEETS:-1}" = 1 ]; then
  rm -rf "$OUT/sheets"
  r=$(run_timed "sheet --all xlsx" "$BIN" --db "$DB" sheet --round 1 --all --format xlsx --out "$OUT/sheets")
  printf '%-28s %8.3f s  max RSS %s kB  (%s files, %s)\n' "sheet --all --format xlsx" "${r% *}" "${r#* }" \
    "$(find "$OUT/sheets" -name '*.xlsx' | wc -l)" "$(du -sh "$OUT/sheets" | cut -f1)"
  rm -rf "$OUT/sheets"
fi

echo "== ratios to the single SQL GROUP BY scan over the score table"
for k in "report (kept results)" "report --recompute" "round summary" "round list" "account list (json)"; do
  printf '%-28s %6.2fx\n' "$k" "$(awk -v a="${MED[$k]}" -v b="${MED[sqlite3 GROUP BY]}" 'BEGIN {print a / b}')"
done
