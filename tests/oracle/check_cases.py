"""Checks the expectations of the policy test cases (rules/tests/*.yaml) against the oracle.

The cases are written for the engine; this script rebuilds each case's records the same way
(a base record with `set:` changes: dotted paths, numeric segments or [n] index lists, null
removes a field) and evaluates them with oracle.py, so every expected decision, failed rule,
owed training, eligible_from and score of the shipped cases is confirmed by an independent
implementation of POLICY.md.

    python3 tests/oracle/check_cases.py [rules/tests]
"""

import copy
import datetime
import glob
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402


def split_path(path):
    segments = []
    for part in path.split("."):
        match = re.fullmatch(r"([^\[]*)((?:\[\d+\])*)", part)
        name, indices = match.group(1), match.group(2)
        if name:
            segments.append(name)
        segments.extend(int(i) for i in re.findall(r"\[(\d+)\]", indices))
    return segments


def apply(record, path, value):
    segments = split_path(path)
    current = record
    for segment in segments[:-1]:
        if isinstance(current, list):
            current = current[int(segment)]
        else:
            current = current.setdefault(segment, {})
    last = segments[-1]
    if isinstance(current, list):
        current[int(last)] = value
    elif value is None:
        current.pop(last, None)
    else:
        current[last] = value


def build(bases, kind, reference):
    if isinstance(reference, str):
        return copy.deepcopy(bases[kind][reference])
    record = copy.deepcopy(bases[kind][reference["base"]])
    for path, value in (reference.get("set") or {}).items():
        apply(record, path, value)
    return record


def as_date(value):
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def main(argv):
    directory = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "rules", "tests")
    files = sorted(glob.glob(os.path.join(directory, "*.yaml")))
    documents = [yaml.safe_load(open(f, encoding="utf-8")) or {} for f in files]
    bases = {"pegawai": {}, "formasi": {}}
    for document in documents:
        for kind, records in (document.get("bases") or {}).items():
            bases[kind].update(records)
    checked = failed = 0
    for path, document in zip(files, documents):
        for case in document.get("cases") or []:
            checked += 1
            employee = build(bases, "pegawai", case["pegawai"])
            position = build(bases, "formasi", case["formasi"])
            problems = []
            employees = oracle.validate_employees([employee], "pegawai", [], problems)
            positions = oracle.validate_positions([position], "formasi", [], problems)
            if problems:
                failed += 1
                print("INVALID %s: %s" % (case["name"], "; ".join(problems)))
                continue
            D = as_date(case["as_of"])
            Y = case.get("assessment_year", D.year - 1)
            actual = oracle.eval_pair(employees[0], positions[0], D, Y)
            expect = case.get("expect") or {}
            differences = []
            if "status" in expect or "listing" in expect:
                monitored = oracle.monitor(employees, positions, D, Y)
                status = monitored[0]["status"] if monitored else None
                listing = monitored[0]["competencies"] if monitored else []
                if "status" in expect and expect["status"] != status:
                    differences.append("status: expected %s, oracle %s" % (expect["status"], status))
                if "listing" in expect and expect["listing"] != listing:
                    differences.append("listing: expected %s, oracle %s" % (expect["listing"], listing))
            for key, expected in expect.items():
                if key in ("status", "listing"):
                    continue
                if key == "score_parts":
                    for part, points in expected.items():
                        if actual["score_parts"].get(part) != points:
                            differences.append("score_parts.%s: expected %s, oracle %s" % (part, points, actual["score_parts"].get(part)))
                    continue
                if key == "eligible_from" and expected is not None:
                    expected = as_date(expected).isoformat()
                if actual[key] != expected:
                    differences.append("%s: expected %s, oracle %s" % (key, expected, actual[key]))
            if differences:
                failed += 1
                print("MISMATCH %s (%s)\n  %s" % (case["name"], os.path.basename(path), "\n  ".join(differences)))
    print("%d cases checked against the oracle, %d disagree" % (checked, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
