#!/usr/bin/env bash
# Crash loop (issue 7 §7): SIGKILL `assay` at random points during score set, account import
# (valid and refused files) and round create, then check that no completed edit was lost, that
# a killed or refused import left all or nothing, and that PRAGMA integrity_check is ok.
#
#   scripts/crash-loop.sh                 # 180 s with target/release/assay
#   DURATION=600 BIN=path/to/assay scripts/crash-loop.sh
#
# Needs sqlite3. Prints iterations, kills, lost edits, partial imports and integrity; exits 1 if
# anything was lost or damaged.
set -u
BIN=${BIN:-target/release/assay}
DURATION=${DURATION:-180}
MAXDELAY_MS=${MAXDELAY_MS:-60}
command -v sqlite3 >/dev/null || { echo "crash-loop: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "crash-loop: build first: cargo build --release ($BIN missing)" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
RUBRIC=$(pwd)/rubrics/four-dimensions.ron
WORK=$(mktemp -d "${TMPDIR:-/tmp}/assay-crash.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
db=$WORK/crash.db
"$BIN" --db "$db" demo --print >/dev/null || { echo "crash-loop: demo failed" >&2; exit 2; }
round=$(sqlite3 "$db" "select id from rounds order by id desc limit 1;")
sqlite3 -separator ' ' "$db" "select account_id, indicator, count from entries where round_id=$round and veto is null and na=0 and count is not null group by account_id, indicator limit 40;" >"$WORK/keys"
nkeys=$(wc -l <"$WORK/keys")
[ "$nkeys" -ge 10 ] || { echo "crash-loop: too few entries to edit" >&2; exit 2; }
declare -A done_note   # key -> note of the last completed edit
declare -A maybe       # key -> notes of killed edits after it (any may have landed)
iter=0 kills=0 lost=0 partial=0 bad_integrity=0 sets=0 imports=0 creates=0
start=$(date +%s)

# Runs a command in the background and SIGKILLs it after a random delay; returns 0 when it
# finished by itself with status 0, 1 when it failed, 9 when it was killed.
run_and_kill() {
  "$@" >/dev/null 2>"$WORK/err" &
  local pid=$! delay=$((RANDOM % MAXDELAY_MS))
  sleep "$(printf '0.%03d' "$delay")"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null
    kills=$((kills + 1))
    return 9
  fi
  wait "$pid"
  [ $? = 0 ] && return 0 || return 1
}

check_edits() {
  for key in "${!done_note[@]}" "${!maybe[@]}"; do
    local a=${key%% *} i=${key#* }
    local now
    now=$(sqlite3 "$db" "select coalesce(e.note,'') from entries e join evaluators v on v.id=e.evaluator_id where e.round_id=$round and e.account_id=$a and e.indicator='$i' and v.name='崩溃测试';")
    local ok=0
    [ "$now" = "${done_note[$key]:-}" ] && ok=1
    for n in ${maybe[$key]:-}; do [ "$now" = "$n" ] && ok=1; done
    [ $ok = 1 ] || { lost=$((lost + 1)); echo "lost edit: $key has '$now', expected '${done_note[$key]:-}'" >&2; }
  done
}

while [ $(( $(date +%s) - start )) -lt "$DURATION" ]; do
  iter=$((iter + 1))
  case $((RANDOM % 4)) in
  0|1)
    read -r a i c < <(sed -n "$((RANDOM % nkeys + 1))p" "$WORK/keys")
    key="$a $i" note="n$iter"
    sets=$((sets + 1))
    run_and_kill "$BIN" --db "$db" score set --round "$round" --account "$a" --evaluator 崩溃测试 --indicator "$i" --count "$c" --note "$note"
    case $? in
    0) done_note[$key]=$note; maybe[$key]="" ;;
    9) maybe[$key]="${maybe[$key]:-} $note" ;;
    *) echo "score set failed: $(head -n 1 "$WORK/err")" >&2; lost=$((lost + 1)) ;;
    esac ;;
  2)
    imports=$((imports + 1))
    f=$WORK/import.csv bad=$((RANDOM % 3 == 0))
    { echo "平台,账号名称,主办单位,层级"
      for k in $(seq 1 50); do echo "微信,崩溃批次$iter-$k,测试单位,县级"; done
      [ "$bad" = 1 ] && echo "传真,崩溃批次$iter-坏,测试单位,县级"; } >"$f"
    run_and_kill "$BIN" --db "$db" account import "$f" --region 浙江省/丽水市/云和县
    rc=$?
    n=$(sqlite3 "$db" "select count(*) from accounts where name like '崩溃批次$iter-%';")
    if [ "$bad" = 1 ] && [ "$n" != 0 ]; then partial=$((partial + 1)); echo "refused import $iter left $n rows" >&2; fi
    if [ "$bad" = 0 ] && [ "$rc" = 0 ] && [ "$n" != 50 ]; then lost=$((lost + 1)); echo "completed import $iter has $n/50 rows" >&2; fi
    if [ "$n" != 0 ] && [ "$n" != 50 ]; then partial=$((partial + 1)); echo "import $iter left $n rows" >&2; fi ;;
  3)
    creates=$((creates + 1))
    run_and_kill "$BIN" --db "$db" round create "崩溃轮次 $iter" --rubric "$RUBRIC" --date 2024-12-16
    rc=$?
    r=$(sqlite3 "$db" "select count(*) from rounds where name='崩溃轮次 $iter';")
    if [ "$rc" = 0 ] && [ "$r" != 1 ]; then lost=$((lost + 1)); echo "completed round create $iter missing" >&2; fi
    if [ "$r" = 1 ]; then
      ra=$(sqlite3 "$db" "select count(*) from round_accounts ra join rounds r on r.id=ra.round_id where r.name='崩溃轮次 $iter';")
      all=$(sqlite3 "$db" "select count(*) from accounts;")
      [ "$ra" = "$all" ] || { partial=$((partial + 1)); echo "round $iter holds $ra of $all accounts" >&2; }
    fi ;;
  esac
  if [ $((iter % 25)) = 0 ]; then
    [ "$(sqlite3 "$db" 'pragma integrity_check;' | head -n 1)" = ok ] || bad_integrity=$((bad_integrity + 1))
  fi
done
check_edits
ic=$(sqlite3 "$db" "pragma integrity_check;" | head -n 1)
[ "$ic" = ok ] || bad_integrity=$((bad_integrity + 1))
echo "crash-loop: ${DURATION}s, $iter iterations ($sets score set, $imports imports, $creates round creates), $kills SIGKILLs, lost edits $lost, partial imports/rounds $partial, integrity failures $bad_integrity (final: $ic)"
[ "$lost" = 0 ] && [ "$partial" = 0 ] && [ "$bad_integrity" = 0 ]
