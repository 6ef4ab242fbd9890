#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of POLICY.md, sections 1 to 8.

Written for obviousness, not speed: every definition of POLICY.md is one small
function below, named after the policy, and eligible_from is computed by brute
force (every day of the three-year window is re-evaluated).

Usage:
    python3 oracle.py eval      --employees F --positions F --as-of YYYY-MM-DD [--assessment-year YYYY]
    python3 oracle.py recommend --employees F --positions F --as-of YYYY-MM-DD [--assessment-year YYYY] [--top N]
    python3 oracle.py monitor   --employees F --positions F --as-of YYYY-MM-DD [--assessment-year YYYY]
    python3 oracle.py rotation  ... (section 6 "due for rotation"; not part of section 8)

Invalid input: one line per problem on stderr ("FILE:LINE: record I: FIELD: message"),
nothing on stdout, exit status 2.

Standard library plus PyYAML only.
"""

import argparse
import calendar
import datetime
import json
import os
import re
import sys

import yaml

# ---------------------------------------------------------------------------
# Section 1.1: ordered value sets
# ---------------------------------------------------------------------------

GOLONGAN = [
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
]
JENJANG_PENDIDIKAN = ["SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"]
PREDIKAT = ["Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik"]
PELATIHAN_KEPEMIMPINAN = ["PKP", "PKA", "PKN_II"]
JENIS_JABATAN = ["pelaksana", "fungsional", "pengawas", "administrator", "jpt_pratama"]
JENJANG_FUNGSIONAL = [
    "terampil", "mahir", "penyelia",
    "ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama",
]
TINGKAT_HUKUMAN = ["ringan", "sedang", "berat"]
STATUS = ["aktif", "tugas_belajar", "cltn", "diberhentikan_sementara"]
JENIS_ASN = ["PNS", "PPPK"]


def rank(order, value):
    """Position of value in an ordered value set (higher = greater)."""
    return order.index(value)


ONE_DAY = datetime.timedelta(days=1)


# ---------------------------------------------------------------------------
# Section 1.4: shared definitions
# ---------------------------------------------------------------------------

def add_years(d, n):
    """Same month and day n years later; 29 February becomes 28 February in a non-leap year."""
    year = d.year + n
    if d.month == 2 and d.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return datetime.date(year, d.month, d.day)


def held(p, code, D):
    """p has a pelatihan entry with that kode, selesai <= D, and no berlaku_sampai or berlaku_sampai >= D."""
    for entry in p["pelatihan"]:
        if entry["kode"] != code:
            continue
        if entry["selesai"] > D:
            continue
        if entry["berlaku_sampai"] is not None and entry["berlaku_sampai"] < D:
            continue
        return True
    return False


def days_between(later, earlier):
    return (later - earlier).days


def days_in(p, predicate, D):
    """Sum over riwayat_jabatan entries matching predicate of max(0, min(selesai, D) - mulai),
    plus max(0, D - jabatan.tmt) when the current jabatan matches."""
    total = 0
    for entry in p["riwayat_jabatan"]:
        if predicate(entry):
            total += max(0, days_between(min(entry["selesai"], D), entry["mulai"]))
    if predicate(p["jabatan"]):
        total += max(0, days_between(D, p["jabatan"]["tmt"]))
    return total


def BUP(f):
    """Batas usia pensiun for position f (PP 11/2017 Pasal 239)."""
    if f["jenis"] == "jpt_pratama":
        return 60
    if f["jenis"] == "fungsional":
        if f["jenjang"] == "ahli_utama":
            return 65
        if f["jenjang"] == "ahli_madya":
            return 60
    return 58


def structural(f):
    return f["jenis"] in ("pengawas", "administrator", "jpt_pratama")


def leadership(f):
    return {"pengawas": "PKP", "administrator": "PKA", "jpt_pratama": "PKN_II"}.get(f["jenis"])


def skp_of_year(p, year):
    """The predikat of p's SKP entry for that year, or None when there is none."""
    for entry in p["skp"]:
        if entry["tahun"] == year:
            return entry["predikat"]
    return None


# ---------------------------------------------------------------------------
# Section 2: hard rules.  Each returns True, False or None (= unknown).
# ---------------------------------------------------------------------------

def rule_status_aktif(p, f, D, Y):
    return p["status"] == "aktif"


def rule_jenis_asn(p, f, D, Y):
    return (not structural(f)) or p["jenis_asn"] == "PNS"


def rule_posisi_berbeda(p, f, D, Y):
    formasi = p["jabatan"]["formasi"]
    return formasi is None or formasi != f["id"]


def rule_masa_jabatan(p, f, D, Y):
    return D >= add_years(p["jabatan"]["tmt"], 2)


def rule_kinerja(p, f, D, Y):
    ratings = [skp_of_year(p, Y), skp_of_year(p, Y - 1)]
    baik = rank(PREDIKAT, "Baik")
    for r in ratings:
        if r is not None and rank(PREDIKAT, r) < baik:
            return False
    for r in ratings:
        if r is None:
            return None
    return True


def rule_bebas_hukuman_disiplin(p, f, D, Y):
    for entry in p["hukuman_disiplin"]:
        if entry["mulai"] <= D <= entry["selesai"]:
            return False
    if p["proses_disiplin"] is None:
        return None
    return p["proses_disiplin"] is False


def rule_riwayat_hukuman(p, f, D, Y):
    if not structural(f):
        return True
    limit = add_years(D, -4)
    for entry in p["hukuman_disiplin"]:
        if rank(TINGKAT_HUKUMAN, entry["tingkat"]) >= rank(TINGKAT_HUKUMAN, "sedang") and entry["selesai"] > limit:
            return False
    return True


def rule_sisa_masa_kerja(p, f, D, Y):
    return add_years(D, 2) <= add_years(p["tanggal_lahir"], BUP(f))


def rule_pendidikan_minimal(p, f, D, Y):
    if not p["pendidikan"]:
        return None
    highest = max(rank(JENJANG_PENDIDIKAN, e["jenjang"]) for e in p["pendidikan"])
    return highest >= rank(JENJANG_PENDIDIKAN, f["pendidikan_minimal"])


def rule_golongan_minimal(p, f, D, Y):
    if f["golongan_minimal"] is None:
        return True
    if p["golongan"] is None:
        return None
    return rank(GOLONGAN, p["golongan"]) >= rank(GOLONGAN, f["golongan_minimal"])


def rule_kualifikasi_jurusan(p, f, D, Y):
    if f["jenis"] != "fungsional":
        return True
    if not p["pendidikan"]:
        return None
    return any(e["jurusan"] in f["jurusan_sesuai"] for e in p["pendidikan"])


def is_pelaksana_or_fungsional(j):
    return j["jenis"] in ("pelaksana", "fungsional")


def is_pengawas_or_administrator(j):
    return j["jenis"] in ("pengawas", "administrator")


def is_jpt_experience(j):
    return j["jenis"] in ("administrator", "jpt_pratama") or (
        j["jenis"] == "fungsional" and j["jenjang"] in ("ahli_madya", "ahli_utama")
    )


def rule_pengalaman_jabatan(p, f, D, Y):
    if f["jenis"] == "pengawas":
        return days_in(p, is_pelaksana_or_fungsional, D) >= 4 * 365
    if f["jenis"] == "administrator":
        return days_in(p, is_pengawas_or_administrator, D) >= 3 * 365
    if f["jenis"] == "jpt_pratama":
        return days_in(p, is_jpt_experience, D) >= 2 * 365
    return True


def rule_sertifikat_wajib(p, f, D, Y):
    return all(held(p, c, D) for c in f["sertifikat_wajib"])


# Policy order.
RULES = [
    ("status_aktif", rule_status_aktif),
    ("jenis_asn", rule_jenis_asn),
    ("posisi_berbeda", rule_posisi_berbeda),
    ("masa_jabatan", rule_masa_jabatan),
    ("kinerja", rule_kinerja),
    ("bebas_hukuman_disiplin", rule_bebas_hukuman_disiplin),
    ("riwayat_hukuman", rule_riwayat_hukuman),
    ("sisa_masa_kerja", rule_sisa_masa_kerja),
    ("pendidikan_minimal", rule_pendidikan_minimal),
    ("golongan_minimal", rule_golongan_minimal),
    ("kualifikasi_jurusan", rule_kualifikasi_jurusan),
    ("pengalaman_jabatan", rule_pengalaman_jabatan),
    ("sertifikat_wajib", rule_sertifikat_wajib),
]
RULE_IDS = [rule_id for rule_id, _ in RULES]


# ---------------------------------------------------------------------------
# Section 3: training prerequisites
# ---------------------------------------------------------------------------

def holds_leadership_level(p, level, D):
    """p holds (per held) a leadership training of level >= level."""
    for code in PELATIHAN_KEPEMIMPINAN:
        if rank(PELATIHAN_KEPEMIMPINAN, code) >= rank(PELATIHAN_KEPEMIMPINAN, level) and held(p, code, D):
            return True
    return False


def owed_training(p, f, D):
    """Owed training codes: leadership first, then f.pelatihan_wajib order.
    A code is listed once (first occurrence wins); see README "Readings"."""
    owed = []
    level = leadership(f)
    if level is not None and not holds_leadership_level(p, level, D):
        owed.append(level)
    for code in f["pelatihan_wajib"]:
        if not held(p, code, D) and code not in owed:
            owed.append(code)
    return owed


# ---------------------------------------------------------------------------
# Section 4: the decision
# ---------------------------------------------------------------------------

QUALIFYING = ("eligible", "eligible_after_training")


def evaluate_rules(p, f, D, Y):
    """[(rule id, True/False/None)] in policy order."""
    return [(rule_id, fn(p, f, D, Y)) for rule_id, fn in RULES]


def decide(p, f, D, Y):
    """Returns (decision, failed ids, unknown ids, owed training codes)."""
    results = evaluate_rules(p, f, D, Y)
    failed = [rule_id for rule_id, value in results if value is False]
    unknown = [rule_id for rule_id, value in results if value is None]
    training = owed_training(p, f, D)
    if failed:
        decision = "not_eligible"
    elif unknown:
        decision = "needs_review"
    elif training:
        decision = "eligible_after_training"
    else:
        decision = "eligible"
    return decision, failed, unknown, training


def eligible_from(p, f, D, Y):
    """Brute force: the earliest d with D < d <= add_years(D, 3) at which the decision, evaluated
    as of d with the same records and the same Y, is eligible or eligible_after_training."""
    last = add_years(D, 3)
    d = D + ONE_DAY
    while d <= last:
        if decide(p, f, d, Y)[0] in QUALIFYING:
            return d
        d += ONE_DAY
    return None


# ---------------------------------------------------------------------------
# Section 5: competency fit score
# ---------------------------------------------------------------------------

def score_pendidikan(p, f):
    if any(e["jurusan"] in f["jurusan_sesuai"] for e in p["pendidikan"]):
        return 30
    if any(e["rumpun"] in f["rumpun_pendidikan"] for e in p["pendidikan"]):
        return 15
    return 0


def score_kompetensi(p, f):
    if not f["kompetensi"]:
        return 30
    have = 0
    need = 0
    for name, required in f["kompetensi"].items():
        have += min(p["kompetensi"].get(name, 0), required)
        need += required
    return (30 * have) // need


def score_pengalaman_bidang(p, f, D):
    days = days_in(p, lambda j: j["bidang"] == f["bidang"], D)
    return min(15, 3 * (days // 365))


def score_kinerja(p, Y):
    return {"Sangat Baik": 15, "Baik": 10, "Butuh Perbaikan": 3}.get(skp_of_year(p, Y), 0)


def score_minat(p, f):
    if p["minat"] and p["minat"][0] == f["unit_kerja"]:
        return 10
    if f["unit_kerja"] in p["minat"][1:]:
        return 5
    return 0


def score_parts(p, f, D, Y):
    return {
        "pendidikan": score_pendidikan(p, f),
        "kompetensi": score_kompetensi(p, f),
        "pengalaman_bidang": score_pengalaman_bidang(p, f, D),
        "kinerja": score_kinerja(p, Y),
        "minat": score_minat(p, f),
    }


# ---------------------------------------------------------------------------
# Section 8 forms built on sections 4-7
# ---------------------------------------------------------------------------

def date_text(d):
    return None if d is None else "%04d-%02d-%02d" % (d.year, d.month, d.day)


def eval_pair(p, f, D, Y):
    decision, failed, unknown, training = decide(p, f, D, Y)
    when = eligible_from(p, f, D, Y) if decision == "not_eligible" else None
    parts = score_parts(p, f, D, Y)
    return {
        "nip": p["nip"],
        "position": f["id"],
        "decision": decision,
        "failed": failed,
        "unknown": unknown,
        "training": training,
        "eligible_from": date_text(when),
        "score": sum(parts.values()),
        "score_parts": parts,
    }


def evaluate_all(employees, positions, D, Y):
    return [eval_pair(p, f, D, Y) for p in employees for f in positions]


def recommend(employees, positions, D, Y, top=10):
    """Section 6 shortlists, in the section 8 `recommend` form."""
    out = []
    for f in positions:
        open_slots = f["kebutuhan"] - f["terisi"]
        if open_slots <= 0:
            continue
        candidates = []
        for p in employees:
            decision, _failed, _unknown, training = decide(p, f, D, Y)
            if decision in QUALIFYING:
                score = sum(score_parts(p, f, D, Y).values())
                candidates.append({"nip": p["nip"], "decision": decision, "score": score, "training": training})
        candidates.sort(key=lambda c: (0 if c["decision"] == "eligible" else 1, -c["score"], c["nip"]))
        out.append({"position": f["id"], "open": open_slots, "candidates": candidates[:top]})
    return out


def due_for_rotation(employees, positions, D, Y):
    """Section 6 second paragraph (not part of the section 8 forms)."""
    out = []
    for p in employees:
        if D > add_years(p["jabatan"]["tmt"], 5):
            ids = [
                f["id"] for f in positions
                if f["kebutuhan"] - f["terisi"] > 0 and decide(p, f, D, Y)[0] in QUALIFYING
            ]
            out.append({"nip": p["nip"], "positions": ids})
    return out


def monitor(employees, positions, D, Y):
    """Section 7, in the section 8 `monitor` form."""
    by_id = {f["id"]: f for f in positions}
    out = []
    for p in employees:
        tmt = p["jabatan"]["tmt"]
        if not (add_years(D, -2) <= tmt <= D):
            continue
        f = by_id.get(p["jabatan"]["formasi"])
        if f is None:
            continue
        entries = [e for e in p["skp"] if e["tahun"] >= tmt.year]
        competencies = []
        if not entries:
            status = "belum_dapat_dinilai"
        else:
            latest = max(entries, key=lambda e: e["tahun"])
            if rank(PREDIKAT, latest["predikat"]) >= rank(PREDIKAT, "Baik"):
                status = "sesuai"
            else:
                competencies = sorted(
                    name for name, required in f["kompetensi"].items()
                    if p["kompetensi"].get(name, 0) < required
                )
                status = "pelatihan_tambahan" if competencies else "evaluasi_mutasi_kembali"
        out.append({"nip": p["nip"], "position": f["id"], "status": status, "competencies": competencies})
    return out


# ---------------------------------------------------------------------------
# Section 1: reading and validating the input files
# ---------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves implicit dates as text, so that an impossible date such as
    2023-02-29 is reported as a record problem instead of crashing the YAML loader.
    Explicitly tagged (!!timestamp) dates still arrive as datetime.date and are accepted."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class InputError(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def _node_to_value(loader, node, path, lines, problems, depth=0):
    """Plain Python value of a composed YAML node; records each path's line in `lines`."""
    lines[path] = node.start_mark.line + 1
    if depth > 100:
        problems.append((path, "nesting too deep"))
        return None
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append((path, "mapping key is not a scalar"))
                continue
            try:
                key = loader.construct_object(key_node, deep=True)
            except Exception as exc:  # noqa: BLE001 - any constructor failure is an input problem
                problems.append((path, "bad mapping key: %s" % exc))
                continue
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                problems.append((path, "unsupported mapping key %r" % (key,)))
                continue
            if key in result:
                lines[path + (key,)] = key_node.start_mark.line + 1
                problems.append((path + (key,), "duplicate key"))
                continue
            result[key] = _node_to_value(loader, value_node, path + (key,), lines, problems, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _node_to_value(loader, item, path + (i,), lines, problems, depth + 1)
            for i, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except Exception as exc:  # noqa: BLE001
        problems.append((path, "cannot read value %r: %s" % (node.value, exc)))
        return None


def load_yaml_file(filename):
    """Returns (value, lines, problems): lines maps a path tuple to a 1-based line number."""
    try:
        with open(filename, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise InputError(["%s: cannot read file: %s" % (filename, exc.strerror or exc)])
    except UnicodeDecodeError as exc:
        raise InputError(["%s: not UTF-8 text: %s" % (filename, exc)])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise InputError(["%s:%d: YAML syntax error: %s" % (filename, line, str(exc).replace("\n", " "))])
    lines = {}
    problems = []
    value = None if node is None else _node_to_value(loader, node, (), lines, problems)
    loader.dispose()
    return value, lines, problems


# Schema of section 1.2 / 1.3 --------------------------------------------------

BAD = object()  # marker for an invalid value


class Field:
    def __init__(self, kind, presence="required", values=None, item=None, fields=None):
        self.kind = kind          # text, date, int, bool, enum, list, levels, record
        self.presence = presence  # required, optional (absent -> None), default (absent -> empty)
        self.values = values      # for enum
        self.item = item          # for list
        self.fields = fields      # for record: dict name -> Field


def TEXT(presence="required"):
    return Field("text", presence)


def DATE(presence="required"):
    return Field("date", presence)


def INT(presence="required"):
    return Field("int", presence)


def BOOL(presence="required"):
    return Field("bool", presence)


def ENUM(values, presence="required"):
    return Field("enum", presence, values=values)


def LIST(item):
    return Field("list", "default", item=item)


def LEVELS():
    return Field("levels", "default")


def RECORD(fields, presence="required"):
    return Field("record", presence, fields=fields)


JABATAN_FIELDS = {
    "formasi": TEXT("optional"),
    "nama": TEXT(),
    "jenis": ENUM(JENIS_JABATAN),
    "jenjang": ENUM(JENJANG_FUNGSIONAL, "optional"),
    "unit_kerja": TEXT(),
    "bidang": TEXT(),
    "tmt": DATE(),
}

EMPLOYEE = RECORD({
    "nip": TEXT(),
    "nama": TEXT(),
    "jenis_asn": ENUM(JENIS_ASN),
    "status": ENUM(STATUS),
    "tanggal_lahir": DATE(),
    "golongan": ENUM(GOLONGAN, "optional"),
    "pendidikan": LIST(RECORD({
        "jenjang": ENUM(JENJANG_PENDIDIKAN),
        "jurusan": TEXT(),
        "rumpun": TEXT(),
    })),
    "jabatan": RECORD(JABATAN_FIELDS),
    "riwayat_jabatan": LIST(RECORD({
        "nama": TEXT(),
        "jenis": ENUM(JENIS_JABATAN),
        "jenjang": ENUM(JENJANG_FUNGSIONAL, "optional"),
        "unit_kerja": TEXT(),
        "bidang": TEXT(),
        "mulai": DATE(),
        "selesai": DATE(),
    })),
    "pelatihan": LIST(RECORD({
        "kode": TEXT(),
        "nama": TEXT("optional"),
        "selesai": DATE(),
        "berlaku_sampai": DATE("optional"),
    })),
    "kompetensi": LEVELS(),
    "skp": LIST(RECORD({
        "tahun": INT(),
        "predikat": ENUM(PREDIKAT),
    })),
    "hukuman_disiplin": LIST(RECORD({
        "tingkat": ENUM(TINGKAT_HUKUMAN),
        "jenis": TEXT("optional"),
        "mulai": DATE(),
        "selesai": DATE(),
    })),
    "proses_disiplin": BOOL("optional"),
    "minat": LIST(TEXT()),
})

POSITION = RECORD({
    "id": TEXT(),
    "nama": TEXT(),
    "unit_kerja": TEXT(),
    "bidang": TEXT(),
    "jenis": ENUM(JENIS_JABATAN),
    "jenjang": ENUM(JENJANG_FUNGSIONAL, "optional"),
    "golongan_minimal": ENUM(GOLONGAN, "optional"),
    "pendidikan_minimal": ENUM(JENJANG_PENDIDIKAN),
    "jurusan_sesuai": LIST(TEXT()),
    "rumpun_pendidikan": LIST(TEXT()),
    "kompetensi": LEVELS(),
    "pelatihan_wajib": LIST(TEXT()),
    "sertifikat_wajib": LIST(TEXT()),
    "kebutuhan": INT(),
    "terisi": INT(),
})

DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def type_name(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "map"
    if isinstance(value, datetime.datetime):
        return "timestamp"
    if isinstance(value, datetime.date):
        return "date"
    return type(value).__name__


def parse_date(value):
    """A datetime.date from YAML (date object or 'YYYY-MM-DD' text), or None when invalid."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and DATE_TEXT.fullmatch(value):
        try:
            return datetime.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
        except ValueError:
            return None
    return None


def check(value, spec, path, problems):
    """Validate value against spec; return the normalised value or BAD."""
    kind = spec.kind
    if kind == "text":
        if not isinstance(value, str):
            problems.append((path, "expected text, got %s %r" % (type_name(value), value)))
            return BAD
        return value
    if kind == "date":
        d = parse_date(value)
        if d is None:
            problems.append((path, "expected a date YYYY-MM-DD, got %s %r" % (type_name(value), str(value))))
            return BAD
        return d
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append((path, "expected an integer, got %s %r" % (type_name(value), value)))
            return BAD
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            problems.append((path, "expected true or false, got %s %r" % (type_name(value), value)))
            return BAD
        return value
    if kind == "enum":
        if not isinstance(value, str) or value not in spec.values:
            problems.append((path, "%r is not one of %s" % (value, ", ".join(spec.values))))
            return BAD
        return value
    if kind == "list":
        if not isinstance(value, list):
            problems.append((path, "expected a list, got %s" % type_name(value)))
            return BAD
        items = [check(item, spec.item, path + (i,), problems) for i, item in enumerate(value)]
        return BAD if any(item is BAD for item in items) else items
    if kind == "levels":
        if not isinstance(value, dict):
            problems.append((path, "expected a map of name -> level 1..5, got %s" % type_name(value)))
            return BAD
        ok = True
        for name, level in value.items():
            if not isinstance(name, str):
                problems.append((path + (name,), "competency name must be text, got %s" % type_name(name)))
                ok = False
            elif isinstance(level, bool) or not isinstance(level, int):
                problems.append((path + (name,), "level must be an integer 1..5, got %s %r" % (type_name(level), level)))
                ok = False
            elif not 1 <= level <= 5:
                problems.append((path + (name,), "level %d is outside 1..5" % level))
                ok = False
        return dict(value) if ok else BAD
    if kind == "record":
        if not isinstance(value, dict):
            problems.append((path, "expected a record (map), got %s" % type_name(value)))
            return BAD
        result = {}
        ok = True
        for name in value:
            if name not in spec.fields:
                problems.append((path + (name,), "unknown field"))
                ok = False
        for name, field in spec.fields.items():
            raw = value.get(name)
            if raw is None:  # absent, or explicitly null
                if field.presence == "required":
                    problems.append((path + (name,), "required field is missing"))
                    ok = False
                    result[name] = BAD
                elif field.presence == "optional":
                    result[name] = None
                else:
                    result[name] = {} if field.kind == "levels" else []
                continue
            result[name] = check(raw, field, path + (name,), problems)
            if result[name] is BAD:
                ok = False
        return result if ok else BAD
    raise AssertionError(kind)


def format_path(path):
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += "[%d]" % part
        elif text:
            text += ".%s" % part
        else:
            text = str(part)
    return text


def line_of(lines, path):
    """Line of the longest prefix of path that has a known line."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            return lines[path[:cut]]
    return 1  # empty document: the problem is the file as a whole


def render_problem(filename, lines, path, message):
    line = line_of(lines, path)
    if path and isinstance(path[0], int):
        field = format_path(path[1:]) or "(record)"
        return "%s:%d: record %d: %s: %s" % (filename, line, path[0], field, message)
    return "%s:%d: %s" % (filename, line, message)


def nip_problems(record):
    """Section 1.2 NIP checks on a record whose nip and tanggal_lahir have the right types."""
    problems = []
    nip = record["nip"]
    if not re.fullmatch(r"[0-9]{18}", nip):
        return [(("nip",), "NIP must be exactly 18 digits, got %r (%d characters)" % (nip, len(nip)))]
    born = record["tanggal_lahir"]
    if born is not BAD:
        expected = "%04d%02d%02d" % (born.year, born.month, born.day)
        if nip[:8] != expected:
            problems.append((("nip",), "first 8 digits %s do not equal tanggal_lahir %s" % (nip[:8], expected)))
    if nip[14] not in "12":
        problems.append((("nip",), "gender digit (15th) must be 1 or 2, got %s" % nip[14]))
    return problems


def validate_employees(raw, filename, lines, problems_out):
    problems = []  # (path, message)
    employees = []
    if not isinstance(raw, list):
        problems.append(((), "the file must be a YAML sequence of employee records, got %s" % type_name(raw)))
    else:
        seen = {}
        for index, item in enumerate(raw):
            record_problems = []
            record = check(item, EMPLOYEE, (index,), record_problems)
            problems.extend(record_problems)
            if isinstance(item, dict):
                # Cross-field checks, done on whatever parts are individually valid.
                partial = {}
                partial_problems = []
                for name in ("nip", "tanggal_lahir", "skp"):
                    partial[name] = check(item[name], EMPLOYEE.fields[name], (index, name), partial_problems) \
                        if item.get(name) is not None else BAD
                if partial["nip"] is not BAD:
                    for path, message in nip_problems(partial):
                        problems.append(((index,) + path, message))
                    if partial["nip"] in seen:
                        problems.append(((index, "nip"), "duplicate NIP %s (also record %d)" % (partial["nip"], seen[partial["nip"]])))
                    else:
                        seen[partial["nip"]] = index
                if isinstance(item.get("skp"), list):
                    years = {}
                    for i, entry in enumerate(item["skp"]):
                        if isinstance(entry, dict):
                            year = entry.get("tahun")
                            if isinstance(year, int) and not isinstance(year, bool):
                                if year in years:
                                    problems.append(((index, "skp", i, "tahun"), "second SKP entry for year %d (first is skp[%d])" % (year, years[year])))
                                else:
                                    years[year] = i
            employees.append(record)
    for path, message in problems:
        problems_out.append(render_problem(filename, lines, path, message))
    return employees


def validate_positions(raw, filename, lines, problems_out):
    problems = []
    positions = []
    if not isinstance(raw, list):
        problems.append(((), "the file must be a YAML sequence of position records, got %s" % type_name(raw)))
    else:
        seen = {}
        for index, item in enumerate(raw):
            record = check(item, POSITION, (index,), problems)
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                if item["id"] in seen:
                    problems.append(((index, "id"), "duplicate position id %r (also record %d)" % (item["id"], seen[item["id"]])))
                else:
                    seen[item["id"]] = index
            positions.append(record)
    for path, message in problems:
        problems_out.append(render_problem(filename, lines, path, message))
    return positions


def load_inputs(employees_file, positions_file):
    """Read and validate both files; raise InputError listing every problem."""
    problems = []
    results = []
    for filename, validate in ((employees_file, validate_employees), (positions_file, validate_positions)):
        try:
            raw, lines, yaml_problems = load_yaml_file(filename)
        except InputError as exc:
            problems.extend(exc.problems)
            results.append(None)
            continue
        for path, message in yaml_problems:
            problems.append(render_problem(filename, lines, path, message))
        results.append(validate(raw, filename, lines, problems))
    if problems:
        raise InputError(problems)
    return results[0], results[1]


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def parse_as_of(text):
    d = parse_date(text)
    if d is None:
        raise argparse.ArgumentTypeError("expected YYYY-MM-DD, got %r" % text)
    return d


def parse_top(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a non-negative integer, got %r" % text)
    if n < 0:
        raise argparse.ArgumentTypeError("expected a non-negative integer, got %r" % text)
    return n


def build_parser():
    parser = argparse.ArgumentParser(description="Reference oracle for POLICY.md")
    sub = parser.add_subparsers(dest="command", required=True)
    formats = {"eval": "jsonl", "recommend": "json", "monitor": "jsonl", "rotation": "jsonl"}
    for name, fmt in formats.items():
        cmd = sub.add_parser(name)
        cmd.add_argument("--employees", required=True)
        cmd.add_argument("--positions", required=True)
        cmd.add_argument("--as-of", type=parse_as_of, default=None, help="default: today")
        cmd.add_argument("--assessment-year", type=int, default=None, help="default: year(as-of) - 1")
        cmd.add_argument("--rules", default=None, help="accepted for command-line compatibility; ignored")
        cmd.add_argument("--format", choices=[fmt], default=fmt)
        if name == "recommend":
            cmd.add_argument("--top", type=parse_top, default=10)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    D = args.as_of if args.as_of is not None else datetime.date.today()
    Y = args.assessment_year if args.assessment_year is not None else D.year - 1
    try:
        employees, positions = load_inputs(args.employees, args.positions)
    except InputError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 2
    if args.command == "eval":
        lines = [dumps(obj) for obj in evaluate_all(employees, positions, D, Y)]
    elif args.command == "recommend":
        lines = [dumps(recommend(employees, positions, D, Y, args.top))]
    elif args.command == "monitor":
        lines = [dumps(obj) for obj in monitor(employees, positions, D, Y)]
    else:
        lines = [dumps(obj) for obj in due_for_rotation(employees, positions, D, Y)]
    # Everything is computed before anything is printed: no partial output.
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
