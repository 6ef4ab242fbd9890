"""Instructions counted by callgrind, by source line of this crate (see benches/count.sh).

usage: python3 benches/lines.py CALLGRIND_OUT EXECUTABLE [LINES]

CALLGRIND_OUT must come from `valgrind --tool=callgrind --dump-instr=yes`. callgrind counts
each instruction on the line it was compiled from, which for code inlined from the standard
library is a line of the library (`slice/index.rs`, `iter/range.rs`), whichever of our lines
it was inlined into; and `cg_annotate` cannot show those lines where the library's sources are
not installed. Here each instruction's address is given to `addr2line -i`, which lists the
lines it was inlined through, and its count goes to the innermost of them that is ours (not
under /rustc/ nor a registry crate), so `points.get(group)` inlined from `slice::get` counts on
the line that wrote it.
"""

import collections
import os
import subprocess
import sys


def costs_by_address(path):
    """Each instruction address's own count (calls' inclusive counts left out)."""
    costs = collections.Counter()
    address = line = 0
    after_calls = False

    def position(token, base):
        if token == "*":
            return base
        if token[0] in "+-":
            return base + int(token, 0)
        return int(token, 0)

    with open(path) as lines:
        for text in lines:
            if text.startswith("calls="):
                # The next cost line is the call's, inclusive of the callee: not this line's.
                after_calls = True
                continue
            if not text or text[0] not in "0123456789+-*":
                continue
            fields = text.split()
            address = position(fields[0], address)
            if len(fields) > 1:
                line = position(fields[1], line)
            if after_calls:
                after_calls = False
                continue
            if len(fields) > 2:
                costs[address] += int(fields[2])
    return costs


def ours(frame):
    return not frame.startswith(("/rustc/", "??")) and "/.cargo/registry/" not in frame


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    path, executable = sys.argv[1], sys.argv[2]
    shown = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    costs = costs_by_address(path)
    addresses = "\n".join(hex(address) for address in costs)
    chains = subprocess.run(
        ["addr2line", "-a", "-i", "-e", executable],
        input=addresses,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    by_line = collections.Counter()
    root = os.path.abspath(executable).split("/target/")[0] + "/"
    address, frames = None, []

    def count():
        if address is not None:
            mine = [frame for frame in frames if ours(frame)]
            by_line[(mine or frames or ["?"])[0]] += costs[address]

    for text in chains.splitlines():
        if text.startswith("0x"):
            count()
            address, frames = int(text, 16), []
        else:
            frames.append(text.split(" (discriminator")[0].replace(root, ""))
    count()
    total = sum(by_line.values())
    for where, cost in by_line.most_common(shown):
        print(f"{cost:>14,} {100 * cost / max(total, 1):5.1f}%  {where}")
    print(f"{total:>14,} in all")


if __name__ == "__main__":
    main()
