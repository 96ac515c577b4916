#!/usr/bin/env bash
# Long fuzzing campaign (issue 7 §7, issue 19) over the rubric parser, the CSV importer, the XLSX
# importer and the readers of signed panel exports and round packages: the proptest targets of
# tests/fuzz.rs with many more executions. It runs the debug test profile on purpose: overflow
# checks are on there, so arithmetic overflow in our code or a dependency is a caught panic
# rather than a silent wrap.
#
#   scripts/fuzz.sh                 # 20000 executions per target
#   ITER=200000 scripts/fuzz.sh
#
# Each failure is shrunk by proptest to a minimal input and printed. Record the figures in
# benches/FUZZ.md.
set -eu
ITER=${ITER:-20000}
start=$(date +%s)
ASSAY_FUZZ_CASES=$ITER cargo test --test fuzz -- --test-threads=2 2>&1 | tee "${TMPDIR:-/tmp}/assay-fuzz.log" |
  grep -E '^test |test result|minimal failing|panicked' || true
end=$(date +%s)
status=0
grep -q 'test result: ok' "${TMPDIR:-/tmp}/assay-fuzz.log" || status=1
echo "fuzz: $ITER executions per target × 5 targets in $((end - start)) s; $([ $status = 0 ] && echo 'no failures' || echo 'FAILURES: see the log above')"
exit $status
