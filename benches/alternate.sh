#!/usr/bin/env bash
# Times the working tree against another revision in alternating runs of the timing bench
# (benches/timing/main.rs), the way the step figures of docs/performance.md were measured:
# this machine drifts by 5% or more within minutes, so only runs taken in turn compare.
#
# usage: benches/alternate.sh BASE PAIRS TIMING-ARGS...
#   BASE         a git revision (its committed tree is built, in target/tmp/alternate/)
#   PAIRS        how many times to run the base and then the working tree
#   TIMING-ARGS  what the timing bench takes: WORK WORKLOAD [--runs N] [--threads N] [--yaml]
#
# example: benches/alternate.sh HEAD 3 eval b --runs 7
set -euo pipefail

if [ $# -lt 4 ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
base=$1
pairs=$2
shift 2

root="$(git rev-parse --show-toplevel)"
work="$root/target/tmp/alternate"
revision="$(git -C "$root" rev-parse --short "$base^{commit}")"
tree="$work/$revision"
data="$work/data"
mkdir -p "$data"

# The timing bench's executable, built by cargo in `dir` with its target in `target`.
executable() {
  local dir=$1 target=$2
  (cd "$dir" && CARGO_TARGET_DIR="$target" cargo bench --bench timing --no-run \
      --message-format=json 2>/dev/null) |
    python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "timing" \
            and message.get("executable"):
        print(message["executable"])'
}

if [ ! -d "$tree" ]; then
  echo "[alternate] writing $revision's tree into $tree" >&2
  mkdir -p "$tree"
  git -C "$root" archive "$revision" | tar -x -C "$tree"
fi
if [ ! -f "$tree/benches/timing/main.rs" ]; then
  # A revision from before the timing bench: given this one, which reuses the report's modules
  # (it builds if those had the same functions then).
  echo "[alternate] $revision has no benches/timing: adding the working tree's" >&2
  mkdir -p "$tree/benches/timing"
  cp "$root/benches/timing/main.rs" "$tree/benches/timing/main.rs"
  printf '\n[[bench]]\nname = "timing"\npath = "benches/timing/main.rs"\nharness = false\n' \
    >> "$tree/Cargo.toml"
fi
echo "[alternate] building $revision and the working tree" >&2
base_bin="$(executable "$tree" "$work/target-$revision")"
new_bin="$(executable "$root" "$root/target")"
if [ -z "$base_bin" ] || [ -z "$new_bin" ]; then
  echo "[alternate] a build failed; run cargo bench --bench timing --no-run to see why" >&2
  exit 1
fi

# Each run starts with its executable out of the page cache, so that its code is read into
# pages of memory chosen afresh. Where a program's code lies in physical memory changes its
# speed on this VM: the same file ran `eval` on b in 283-287 ms for as long as its pages stayed
# cached, and in 224-226 ms once they were dropped, as did a byte-for-byte copy (2026-11-29).
# Without this, one build could keep unlucky pages through every pair.
fresh_pages() {
  dd if="$1" iflag=nocache count=0 status=none
}

for _ in $(seq "$pairs"); do
  fresh_pages "$base_bin"
  timed="$(cd "$tree" && "$base_bin" --bench "$@" --data "$data")"
  printf '%-8s %s\n' "$revision:" "$timed"
  fresh_pages "$new_bin"
  timed="$(cd "$root" && "$new_bin" --bench "$@" --data "$data")"
  printf '%-8s %s\n' "new:" "$timed"
done
