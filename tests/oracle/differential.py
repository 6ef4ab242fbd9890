#!/usr/bin/env python3
"""Differential test: the oracle (oracle.py) against the engine, on generated data sets.

    python3 differential.py --mutasi "/work/main/target/release/mutasi" [--seeds 1-50]
        [--employees N --positions M] [--rules DIR] [--mode eval|recommend|monitor|invalid|all]
        [--top N] [--max-report K] [--keep] [--workdir DIR]

For every seed: generate a data set (generate.py) around that seed's as-of date, run the oracle
and the engine on it, parse both outputs as JSON and compare them object by object, field by
field.  Mismatching data sets are kept (their path is printed with both command lines); the
others are deleted unless --keep.  Exit status 1 on any mismatch, 0 otherwise.

--mode invalid runs, for every breach that generate.py knows, a data set holding only that breach
and checks that the engine exits non-zero, prints nothing on stdout, and names the file and the
field on stderr.
"""

import argparse
import datetime
import json
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate  # noqa: E402

ORACLE = os.path.join(HERE, "oracle.py")

# The first seeds use these as-of dates (leap day, end of February, year ends); later seeds draw
# a random date, or one of these again.
SPECIAL_DATES = [
    "2028-02-29", "2027-02-28", "2026-12-31", "2026-01-01",
    "2028-03-01", "2024-02-29", "2026-02-28", "2025-03-01",
]
EVAL_FIELDS = ["nip", "position", "decision", "failed", "unknown", "training", "eligible_from", "score", "score_parts"]
SCORE_PARTS = ["pendidikan", "kompetensi", "pengalaman_bidang", "kinerja", "minat"]


def parse_seeds(text):
    seeds = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            first, last = part.split("-", 1)
            seeds.extend(range(int(first), int(last) + 1))
        else:
            seeds.append(int(part))
    return seeds


def dates_for_seed(seed, index):
    """(as-of date, assessment year) for a seed: deterministic."""
    rng = random.Random("as-of-%d" % seed)
    if index < len(SPECIAL_DATES) or rng.random() < 0.25:
        D = datetime.date.fromisoformat(SPECIAL_DATES[index % len(SPECIAL_DATES)] if index < len(SPECIAL_DATES)
                                        else rng.choice(SPECIAL_DATES))
    else:
        D = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 6 * 365))
    Y = D.year - 1
    if seed % 7 == 0:
        Y = D.year - 2  # an explicit assessment year other than the default
    return D, Y


def first_lines(text, n=10):
    lines = text.strip().splitlines()
    return "\n".join(lines[:n]) + ("\n... (%d more lines)" % (len(lines) - n) if len(lines) > n else "")


def run(argv, timeout):
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError as exc:
        return 127, "", str(exc)
    except subprocess.TimeoutExpired:
        return 124, "", "timed out after %ds" % timeout
    return proc.returncode, proc.stdout, proc.stderr


def input_args(data_dir, D, Y):
    return ["--employees", os.path.join(data_dir, "pegawai.yaml"),
            "--positions", os.path.join(data_dir, "formasi.yaml"),
            "--as-of", D.isoformat(), "--assessment-year", str(Y)]


def oracle_cmd(mode, data_dir, D, Y, top):
    argv = [sys.executable, ORACLE, mode] + input_args(data_dir, D, Y)
    if mode == "recommend" and top is not None:
        argv += ["--top", str(top)]
    return argv


def engine_cmd(engine, rules, mode, data_dir, D, Y, top):
    argv = shlex.split(engine) + [mode]
    if rules:
        argv += ["--rules", rules]
    argv += input_args(data_dir, D, Y)
    if mode == "recommend" and top is not None:
        argv += ["--top", str(top)]
    argv += ["--format", "json" if mode == "recommend" else "jsonl"]
    return argv


def parse_jsonl(text, who):
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except ValueError as exc:
            raise ValueError("%s output line %d is not JSON (%s): %s" % (who, number, exc, line[:200]))
    return rows


def show(value):
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------------------
# Comparisons: each returns a list of human-readable mismatch descriptions.
# ---------------------------------------------------------------------------

def compare_objects(expected, actual, fields, label):
    problems = []
    diffs = []
    for key in fields:
        if key not in actual:
            diffs.append("  %s: oracle=%s engine=<missing>" % (key, show(expected.get(key))))
        elif key == "score_parts" and isinstance(expected.get(key), dict) and isinstance(actual[key], dict):
            for part in SCORE_PARTS:
                if expected[key].get(part) != actual[key].get(part, "<missing>"):
                    diffs.append("  score_parts.%s: oracle=%s engine=%s"
                                 % (part, show(expected[key].get(part)), show(actual[key].get(part, "<missing>"))))
            extra = sorted(set(actual[key]) - set(SCORE_PARTS))
            if extra:
                diffs.append("  score_parts has unexpected keys %s" % extra)
        elif expected.get(key) != actual[key]:
            diffs.append("  %s: oracle=%s engine=%s" % (key, show(expected.get(key)), show(actual[key])))
    extra = sorted(set(actual) - set(fields))
    if extra:
        diffs.append("  unexpected keys in engine output: %s" % extra)
    if diffs:
        problems.append("%s\n%s" % (label, "\n".join(diffs)))
    return problems


def compare_eval(oracle_out, engine_out):
    expected = parse_jsonl(oracle_out, "oracle")
    actual = parse_jsonl(engine_out, "engine")
    problems = []
    if len(expected) != len(actual):
        problems.append("line count: oracle=%d engine=%d" % (len(expected), len(actual)))
    for i, (e, a) in enumerate(zip(expected, actual)):
        if not isinstance(a, dict):
            problems.append("line %d: engine printed %s" % (i + 1, show(a)[:200]))
            continue
        label = "line %d: pair nip=%s position=%s" % (i + 1, e["nip"], e["position"])
        if (a.get("nip"), a.get("position")) != (e["nip"], e["position"]):
            label += " (engine line is nip=%s position=%s)" % (a.get("nip"), a.get("position"))
        problems.extend(compare_objects(e, a, EVAL_FIELDS, label))
    return problems, len(expected)


def compare_recommend(oracle_out, engine_out):
    expected = json.loads(oracle_out)
    try:
        actual = json.loads(engine_out)
    except ValueError as exc:
        return ["engine output is not one JSON document: %s" % exc], len(expected)
    if not isinstance(actual, list):
        return ["engine output is not a JSON array: %s" % show(actual)[:200]], len(expected)
    problems = []
    e_ids = [x["position"] for x in expected]
    a_ids = [x.get("position") if isinstance(x, dict) else x for x in actual]
    if e_ids != a_ids:
        problems.append("positions listed: oracle=%s engine=%s" % (show(e_ids), show(a_ids)))
    for e, a in zip(expected, actual):
        if not isinstance(a, dict):
            continue
        label = "position %s" % e["position"]
        diffs = []
        if e["open"] != a.get("open"):
            diffs.append("  open: oracle=%s engine=%s" % (e["open"], show(a.get("open"))))
        ec, ac = e["candidates"], a.get("candidates")
        if not isinstance(ac, list):
            diffs.append("  candidates: engine=%s" % show(ac)[:200])
        elif ec != ac:
            if len(ec) != len(ac):
                diffs.append("  candidate count: oracle=%d engine=%d" % (len(ec), len(ac)))
            for k in range(max(len(ec), len(ac))):
                ek = ec[k] if k < len(ec) else None
                ak = ac[k] if k < len(ac) else None
                if ek != ak:
                    diffs.append("  first difference at candidate %d: oracle=%s engine=%s" % (k, show(ek), show(ak)))
                    break
            diffs.append("  oracle order: %s" % show([(c["nip"], c["decision"], c["score"]) for c in ec]))
            diffs.append("  engine order: %s" % show([(c.get("nip"), c.get("decision"), c.get("score"))
                                                     for c in ac if isinstance(c, dict)]))
        if diffs:
            problems.append("%s\n%s" % (label, "\n".join(diffs)))
    return problems, len(expected)


def compare_monitor(oracle_out, engine_out):
    expected = parse_jsonl(oracle_out, "oracle")
    actual = parse_jsonl(engine_out, "engine")
    problems = []
    e_nips = [x["nip"] for x in expected]
    a_nips = [x.get("nip") if isinstance(x, dict) else x for x in actual]
    if e_nips != a_nips:
        missing = [n for n in e_nips if n not in a_nips]
        extra = [n for n in a_nips if n not in e_nips]
        problems.append("monitored employees differ: only oracle=%s only engine=%s%s"
                        % (show(missing), show(extra), " (order differs)" if not missing and not extra else ""))
    by_nip = {x.get("nip"): x for x in actual if isinstance(x, dict)}
    for e in expected:
        a = by_nip.get(e["nip"])
        if a is not None:
            problems.extend(compare_objects(e, a, ["nip", "position", "status", "competencies"],
                                            "employee %s (position %s)" % (e["nip"], e["position"])))
    return problems, len(expected)


COMPARE = {"eval": compare_eval, "recommend": compare_recommend, "monitor": compare_monitor}


# ---------------------------------------------------------------------------

CREATED = []  # data set directories written by this run (the only ones cleanup may remove)


def fresh_dir(path):
    if path not in CREATED:
        shutil.rmtree(path, ignore_errors=True)
        CREATED.append(path)
        return True
    return False


def check_seed(args, seed, index, mode, workdir):
    D, Y = dates_for_seed(seed, index)
    data_dir = os.path.join(workdir, "seed-%d" % seed)
    if fresh_dir(data_dir):  # written once per run, shared by the modes
        generate.write_dataset(data_dir, seed, args.employees, args.positions, D, Y)
    o_argv = oracle_cmd(mode, data_dir, D, Y, args.top)
    e_argv = engine_cmd(args.mutasi, args.rules, mode, data_dir, D, Y, args.top)
    o_rc, o_out, o_err = run(o_argv, args.timeout)
    if o_rc != 0:
        return ["oracle failed (exit %d): %s" % (o_rc, first_lines(o_err))], D, Y, data_dir, o_argv, e_argv, 0
    e_rc, e_out, e_err = run(e_argv, args.timeout)
    if e_rc != 0:
        return ["engine failed (exit %d): %s" % (e_rc, first_lines(e_err))], D, Y, data_dir, o_argv, e_argv, 0
    try:
        problems, count = COMPARE[mode](o_out, e_out)
    except ValueError as exc:
        problems, count = [str(exc)], 0
    return problems, D, Y, data_dir, o_argv, e_argv, count


def check_invalid(args, seed, workdir):
    """Each known breach alone: the engine must refuse it and say where."""
    failures = 0
    for name in generate.BREACH_NAMES:
        data_dir = os.path.join(workdir, "invalid-%d-%s" % (seed, name))
        fresh_dir(data_dir)
        expected = generate.write_invalid(data_dir, seed, only=name)[0]
        D, Y = datetime.date(2026, 1, 1), 2025
        o_rc, o_out, o_err = run(oracle_cmd("eval", data_dir, D, Y, None), args.timeout)
        e_rc, e_out, e_err = run(engine_cmd(args.mutasi, args.rules, "eval", data_dir, D, Y, None), args.timeout)
        problems = []
        if o_rc == 0:
            problems.append("oracle accepted it (oracle bug)")
        if e_rc == 0:
            problems.append("engine exited 0")
        if e_out.strip():
            problems.append("engine printed %d bytes on stdout" % len(e_out))
        if e_rc != 0 and expected["file"] not in e_err:
            problems.append("engine diagnostic does not name the file %s" % expected["file"])
        fields = [expected["field"]] + expected["alternative_fields"]
        leaves = {f.split(".")[-1] for f in fields}
        if e_rc != 0 and not any(leaf in e_err for leaf in leaves):
            problems.append("engine diagnostic does not name the field %s" % " or ".join(fields))
        if problems:
            failures += 1
            print("MISMATCH invalid/%s (seed %d, %s record %d, field %s): %s"
                  % (name, seed, expected["file"], expected["index"], expected["field"], "; ".join(problems)))
            print("  engine stderr: %s" % e_err.strip()[:500])
            print("  oracle stderr: %s" % o_err.strip()[:500])
            print("  data set kept: %s" % data_dir)
            mark_kept(data_dir)
        else:
            print("ok invalid/%s: %s" % (name, e_err.strip().splitlines()[0][:160] if e_err.strip() else ""))
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mutasi", required=True, help='engine command, e.g. "/work/main/target/release/mutasi"')
    parser.add_argument("--seeds", default="1-50", help='e.g. "1-50" or "3,8,13"')
    parser.add_argument("--employees", type=int, default=20)
    parser.add_argument("--positions", type=int, default=10)
    parser.add_argument("--rules", default=None, help="passed to the engine as --rules when given")
    parser.add_argument("--mode", choices=["eval", "recommend", "monitor", "invalid", "all"], default="eval")
    parser.add_argument("--top", type=int, default=None, help="recommend: --top N for both (default: theirs, 10)")
    parser.add_argument("--max-report", type=int, default=5, help="mismatches printed per seed")
    parser.add_argument("--keep", action="store_true", help="keep every data set, not only failing ones")
    parser.add_argument("--workdir", default=None, help="where data sets go (default: a new temp dir)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per command")
    args = parser.parse_args(argv)

    workdir = args.workdir or tempfile.mkdtemp(prefix="mutasi-differential-")
    os.makedirs(workdir, exist_ok=True)
    seeds = parse_seeds(args.seeds)
    modes = ["eval", "recommend", "monitor", "invalid"] if args.mode == "all" else [args.mode]
    failing_seeds = 0
    total_mismatches = 0
    for mode in modes:
        if mode == "invalid":
            total_mismatches += check_invalid(args, seeds[0] if seeds else 1, workdir)
            continue
        for index, seed in enumerate(seeds):
            problems, D, Y, data_dir, o_argv, e_argv, count = check_seed(args, seed, index, mode, workdir)
            if problems:
                failing_seeds += 1
                total_mismatches += len(problems)
                print("MISMATCH %s seed %d as-of %s Y %d: %d difference(s)" % (mode, seed, D, Y, len(problems)))
                for problem in problems[:args.max_report]:
                    print("  " + problem.replace("\n", "\n  "))
                if len(problems) > args.max_report:
                    print("  ... %d more" % (len(problems) - args.max_report))
                print("  data set kept: %s" % data_dir)
                print("  oracle: %s" % " ".join(shlex.quote(a) for a in o_argv))
                print("  engine: %s" % " ".join(shlex.quote(a) for a in e_argv))
                mark_kept(data_dir)
            else:
                print("ok %s seed %d as-of %s Y %d (%d objects)" % (mode, seed, D, Y, count))
    cleanup(args.keep)
    print("%s: %d mismatch(es)%s; data sets under %s"
          % ("FAIL" if total_mismatches else "PASS", total_mismatches,
             " in %d seed run(s)" % failing_seeds if failing_seeds else "", workdir))
    return 1 if total_mismatches else 0


KEEP_MARK = ".keep"


def mark_kept(data_dir):
    with open(os.path.join(data_dir, KEEP_MARK), "w", encoding="utf-8") as handle:
        handle.write("kept because of a mismatch\n")


def cleanup(keep_all):
    """Remove the data sets of this run that showed no mismatch (failing ones carry KEEP_MARK)."""
    if keep_all:
        return
    for path in CREATED:
        if os.path.isdir(path) and not os.path.exists(os.path.join(path, KEEP_MARK)):
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
