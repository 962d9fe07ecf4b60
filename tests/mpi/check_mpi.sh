#!/bin/sh
# A sweep spread over MPI ranks writes byte-identical files to a single process's:
# with 2 ranks, and with 3 on a machine of fewer cores (oversubscribed); and a
# failure on rank 0 before the runs (an --out that cannot be a directory) ends
# every rank with exit status 2 instead of leaving the others waiting.
#
#   check_mpi.sh SCALESIM SCENARIO
set -eu
scalesim=$1
scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Open MPI refuses to start as root (CI containers run as root) unless told it is meant.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Shared memory between ranks may be limited in containers: copy through the
# kernel's default path, without the single-copy mechanism.
export OMPI_MCA_btl_vader_single_copy_mechanism=none

"$scalesim" run "$scenario" -q -o "$work/one" >"$work/one.txt"
for n in 2 3; do
  timeout 300 mpirun -n $n --oversubscribe "$scalesim" run "$scenario" -q -o "$work/mpi$n" \
    >"$work/mpi$n.txt"
  for file in results.json timeseries.csv events.csv costs.csv; do
    cmp "$work/one/$file" "$work/mpi$n/$file"
  done
  cmp "$work/one.txt" "$work/mpi$n.txt"
  echo "mpirun -n $n: the same results.json, timeseries.csv, events.csv, costs.csv and table"
done

touch "$work/a-file"
status=0
timeout 300 mpirun -n 2 "$scalesim" run "$scenario" -q -o "$work/a-file/out" \
  >/dev/null 2>"$work/err.txt" || status=$?
if [ "$status" -ne 2 ]; then
  echo "an --out that cannot be made: expected exit status 2, found $status" >&2
  cat "$work/err.txt" >&2
  exit 1
fi
grep -q "^scalesim: --out: expected a directory scalesim can write to" "$work/err.txt"
echo "mpirun -n 2 with a bad --out: exit status 2, no rank left waiting"
