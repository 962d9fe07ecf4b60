#!/bin/sh
# Runs each libFuzzer harness built in BUILD_DIR for SECONDS (make fuzz; README.md).
#
# usage: fuzz/run.sh BUILD_DIR SECONDS [HARNESS...]
#        FUZZ_RUNS=N fuzz/run.sh ...   (N inputs from a fixed seed instead: reproducible, for CI)
#
# Seeds and dictionaries come from the shipped files (fuzz/prepare.py); what a run learns is
# kept in BUILD_DIR/corpus/HARNESS for the next one. Each run's log is BUILD_DIR/logs/HARNESS.log;
# an input that crashes, hangs (over 10 s) or takes over 2 GB is saved in
# BUILD_DIR/artifacts/HARNESS/. Exits 1 when any harness found one.
set -u
cd "$(dirname "$0")/.."
build=$1
seconds=$2
shift 2
[ $# -eq 0 ] && set -- scenario price_book trace fit access_log metric_history price_offer bill

python3 fuzz/prepare.py . "$build" || exit 2
failed=""
for harness in "$@"; do
  case $harness in
    scenario|price_book) dict=$build/scenario.dict ;;
    trace|fit) dict=$build/trace.dict ;;
    *) dict=$build/$harness.dict ;;
  esac
  mkdir -p "$build/corpus/$harness" "$build/artifacts/$harness" "$build/logs"
  log=$build/logs/$harness.log
  corpus=$build/corpus/$harness
  budget="-max_total_time=$seconds"
  if [ -n "${FUZZ_RUNS:-}" ]; then
    # A fixed budget of inputs from a fixed seed, from the seeds alone.
    corpus=$build/corpus-fixed/$harness
    rm -rf "$corpus"
    mkdir -p "$corpus"
    budget="-runs=$FUZZ_RUNS -seed=1"
    printf 'fuzz: %s, %s inputs from seed 1 ... ' "$harness" "$FUZZ_RUNS"
  else
    printf 'fuzz: %s for %ss ... ' "$harness" "$seconds"
  fi
  # shellcheck disable=SC2086
  if "$build/fuzz/${harness}_fuzzer" $budget -timeout=10 -rss_limit_mb=2048 \
      -dict="$dict" -artifact_prefix="$build/artifacts/$harness/" -print_final_stats=1 \
      "$corpus" "$build/seeds/$harness" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units' "$log" | sed 's/.*: *//; s/$/ runs, no crash/'
  else
    echo "FAILED"
    # What went wrong, and where in scalesim's own code.
    grep -E 'ERROR|SUMMARY|what\(\)|runtime error|broken promise' "$log" | head -6 | sed 's/^/  /'
    grep -E '#[0-9]+ 0x[0-9a-f]+ in (app|models|sim|LLVMFuzzerTestOneInput)' "$log" | head -6 |
      sed -E 's/ 0x[0-9a-f]+ in / /; s/^ */  /' | cut -c1-180
    grep -E '^artifact_prefix|Test unit written to' "$log" | sed 's/^/  /'
    failed="$failed $harness"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzz: found a bug in:$failed (logs in $build/logs; add the input to tests/fuzz-regressions/)"
  exit 1
fi
