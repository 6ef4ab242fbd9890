#!/usr/bin/env bash
# Counts the instructions of one run of the timing bench (benches/timing/main.rs) with
# valgrind, where this machine's speed swings too much for timings to compare:
#
#   total: cachegrind's count of a run of 2 minus a run of 1, which is one run's work without
#          the loading both share (the same for every run of one build);
#   lines: callgrind's count within FUNCTION (and what it calls), by source line of this
#          crate: each instruction goes to the innermost line of src/ or benches/ that it was
#          inlined into (benches/lines.py), so a loop inlined from the standard library is
#          counted on the line of ours that wrote it.
#
# usage: benches/count.sh total WORK WORKLOAD
#        benches/count.sh lines FUNCTION WORK WORKLOAD [LINES]
#   WORK WORKLOAD   what the timing bench takes: eval b, recommend a, grid c, ...
#   FUNCTION        a symbol to count within, with `*` for the rest of its name, as
#                   callgrind's --toggle-collect takes it:
#                   'mutasi::eval::bulk::Pairs::decide_all*' (the pairs, after the grid),
#                   'mutasi::eval::grid::Grid::new*' (the grid),
#                   'mutasi::eval::session::Session::start_positions*' (an employee's work)
#   LINES           how many lines to print (40)
#
# examples: benches/count.sh total eval b
#           benches/count.sh lines 'mutasi::eval::bulk::Pairs::decide_all*' eval b
#
# A count is not a time (memory waits count nothing), so a change is still timed with
# benches/alternate.sh; but the count says which way it moves and where. About 2 minutes for
# `total eval b`, 3 for `lines`.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
root="$(git rev-parse --show-toplevel)"
out="$root/target/tmp/count"
mkdir -p "$out"

executable="$(cd "$root" && cargo bench --bench timing --no-run --message-format=json 2>/dev/null |
  python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "timing" \
            and message.get("executable"):
        print(message["executable"])')"
if [ -z "$executable" ]; then
  echo "[count] the build failed; run cargo bench --bench timing --no-run to see why" >&2
  exit 1
fi

case "$1" in
  total)
    work=$2 workload=$3
    for runs in 1 2; do
      valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$out/runs-$runs.out" \
        "$executable" --bench "$work" "$workload" --runs "$runs" >/dev/null 2>&1
    done
    cg_diff "$out/runs-1.out" "$out/runs-2.out" >"$out/one-run.out" 2>/dev/null
    cg_annotate "$out/one-run.out" 2>/dev/null | grep "PROGRAM TOTALS" |
      sed "s/PROGRAM TOTALS/instructions of one run: $work $workload/"
    echo "[count] by function: cg_annotate $out/one-run.out" >&2
    ;;
  lines)
    if [ $# -lt 4 ]; then
      sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'
      exit 2
    fi
    function=$2 work=$3 workload=$4 lines=${5:-40}
    valgrind --tool=callgrind --dump-instr=yes --toggle-collect="$function" \
      --callgrind-out-file="$out/lines.out" \
      "$executable" --bench "$work" "$workload" --runs 1 >/dev/null 2>&1
    python3 "$root/benches/lines.py" "$out/lines.out" "$executable" "$lines"
    ;;
  *)
    sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
