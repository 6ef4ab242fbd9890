"""Unit tests for the oracle itself, on tiny hand-written records.

Run: python3 -m unittest discover -s /work/main/tests/oracle
"""

import copy
import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate  # noqa: E402
import oracle  # noqa: E402

date = datetime.date
D = date(2026, 1, 1)   # evaluation date used by most tests
Y = 2025               # assessment year (default year(D) - 1)

BASE_EMPLOYEE = {
    "nip": "198001012005011001",
    "nama": "Pegawai Uji",
    "jenis_asn": "PNS",
    "status": "aktif",
    "tanggal_lahir": "1980-01-01",
    "golongan": "III/c",
    "pendidikan": [{"jenjang": "S1", "jurusan": "Akuntansi", "rumpun": "Ekonomi"}],
    "jabatan": {"nama": "Pengelola Keuangan", "jenis": "pelaksana", "unit_kerja": "BKPSDM",
                "bidang": "Keuangan", "tmt": "2020-01-01"},
    "riwayat_jabatan": [],
    "pelatihan": [],
    "kompetensi": {},
    "skp": [{"tahun": 2025, "predikat": "Baik"}, {"tahun": 2024, "predikat": "Baik"}],
    "hukuman_disiplin": [],
    "proses_disiplin": False,
    "minat": [],
}

BASE_POSITION = {
    "id": "F1",
    "nama": "Analis Keuangan",
    "unit_kerja": "Bappeda",
    "bidang": "Perencanaan",
    "jenis": "pelaksana",
    "pendidikan_minimal": "S1",
    "kebutuhan": 1,
    "terisi": 0,
}


def validated(raw, spec):
    problems = []
    value = oracle.check(raw, spec, (0,), problems)
    if problems:
        raise AssertionError("test record is invalid: %s" % problems)
    return value


def emp(**changes):
    """A validated employee: BASE_EMPLOYEE with top-level fields replaced; `jabatan` given as a
    dict is merged into the base jabatan; a date `lahir` sets tanggal_lahir and the NIP prefix."""
    raw = copy.deepcopy(BASE_EMPLOYEE)
    lahir = changes.pop("lahir", None)
    if lahir is not None:
        raw["tanggal_lahir"] = lahir.isoformat()
        raw["nip"] = lahir.strftime("%Y%m%d") + raw["nip"][8:]
    if "jabatan" in changes:
        raw["jabatan"].update(changes.pop("jabatan"))
        raw["jabatan"] = {k: v for k, v in raw["jabatan"].items() if v is not None}
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    return validated(raw, oracle.EMPLOYEE)


def pos(**changes):
    raw = copy.deepcopy(BASE_POSITION)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    return validated(raw, oracle.POSITION)


def job(jenis, mulai, selesai, jenjang=None, bidang="Umum"):
    entry = {"nama": "Jabatan lama", "jenis": jenis, "unit_kerja": "Bappeda", "bidang": bidang,
             "mulai": mulai.isoformat(), "selesai": selesai.isoformat()}
    if jenjang:
        entry["jenjang"] = jenjang
    return entry


def rule(rule_id, p, f, at=D, year=Y):
    return dict(oracle.RULES)[rule_id](p, f, at, year)


def days(n):
    return datetime.timedelta(days=n)


# ---------------------------------------------------------------------------

class SharedDefinitions(unittest.TestCase):
    def test_add_years_29_february(self):
        self.assertEqual(oracle.add_years(date(2024, 2, 29), 1), date(2025, 2, 28))
        self.assertEqual(oracle.add_years(date(2024, 2, 29), 2), date(2026, 2, 28))
        self.assertEqual(oracle.add_years(date(2024, 2, 29), 4), date(2028, 2, 29))
        self.assertEqual(oracle.add_years(date(2028, 2, 29), -4), date(2024, 2, 29))
        self.assertEqual(oracle.add_years(date(2028, 2, 29), -2), date(2026, 2, 28))
        self.assertEqual(oracle.add_years(date(2025, 3, 1), 1), date(2026, 3, 1))
        self.assertEqual(oracle.add_years(date(2025, 12, 31), -3), date(2022, 12, 31))

    def test_held_on_expiry_day_and_around(self):
        p = emp(pelatihan=[{"kode": "SERT", "selesai": "2020-01-01", "berlaku_sampai": "2026-01-01"}])
        self.assertTrue(oracle.held(p, "SERT", D))             # berlaku_sampai == D
        self.assertTrue(oracle.held(p, "SERT", D - days(1)))
        self.assertFalse(oracle.held(p, "SERT", D + days(1)))  # expired the day before
        self.assertFalse(oracle.held(p, "OTHER", D))

    def test_held_completion_day(self):
        p = emp(pelatihan=[{"kode": "DIKLAT", "selesai": "2026-01-01"}])
        self.assertTrue(oracle.held(p, "DIKLAT", D))                 # selesai == D, no expiry
        self.assertFalse(oracle.held(p, "DIKLAT", D - days(1)))     # not yet completed

    def test_held_any_entry_with_that_code(self):
        p = emp(pelatihan=[{"kode": "SERT", "selesai": "2018-01-01", "berlaku_sampai": "2020-01-01"},
                           {"kode": "SERT", "selesai": "2021-01-01"}])
        self.assertTrue(oracle.held(p, "SERT", D))

    def test_days_in_with_open_current_position(self):
        p = emp(jabatan={"tmt": "2025-01-01", "jenis": "pelaksana"})
        self.assertEqual(oracle.days_in(p, oracle.is_pelaksana_or_fungsional, D), 365)
        self.assertEqual(oracle.days_in(p, oracle.is_pengawas_or_administrator, D), 0)
        # current position starting after D counts 0, not a negative number
        p = emp(jabatan={"tmt": "2026-03-01"})
        self.assertEqual(oracle.days_in(p, oracle.is_pelaksana_or_fungsional, D), 0)

    def test_days_in_history_clipped_at_D_and_summed_as_written(self):
        p = emp(jabatan={"tmt": "2025-01-01", "jenis": "pengawas"},
                riwayat_jabatan=[job("pelaksana", date(2020, 1, 1), date(2021, 1, 1)),     # 366 days
                                 job("fungsional", date(2025, 12, 1), date(2027, 1, 1)),   # clipped: 31
                                 job("pelaksana", date(2020, 6, 1), date(2020, 7, 1)),     # overlap: 30
                                 job("pelaksana", date(2026, 6, 1), date(2026, 7, 1)),     # after D: 0
                                 job("pengawas", date(2010, 1, 1), date(2015, 1, 1))])     # other jenis
        self.assertEqual(oracle.days_in(p, oracle.is_pelaksana_or_fungsional, D), 366 + 31 + 30)

    def test_bup_structural_leadership(self):
        self.assertEqual(oracle.BUP(pos(jenis="jpt_pratama")), 60)
        self.assertEqual(oracle.BUP(pos(jenis="fungsional", jenjang="ahli_utama")), 65)
        self.assertEqual(oracle.BUP(pos(jenis="fungsional", jenjang="ahli_madya")), 60)
        self.assertEqual(oracle.BUP(pos(jenis="fungsional", jenjang="ahli_muda")), 58)
        self.assertEqual(oracle.BUP(pos(jenis="fungsional")), 58)
        self.assertEqual(oracle.BUP(pos(jenis="administrator")), 58)
        self.assertEqual(oracle.BUP(pos(jenis="pelaksana", jenjang="ahli_utama")), 58)
        self.assertEqual([oracle.structural(pos(jenis=j)) for j in oracle.JENIS_JABATAN],
                         [False, False, True, True, True])
        self.assertEqual([oracle.leadership(pos(jenis=j)) for j in oracle.JENIS_JABATAN],
                         [None, None, "PKP", "PKA", "PKN_II"])


class HardRules(unittest.TestCase):
    def test_status_aktif(self):
        self.assertTrue(rule("status_aktif", emp(), pos()))
        for status in ("tugas_belajar", "cltn", "diberhentikan_sementara"):
            self.assertFalse(rule("status_aktif", emp(status=status), pos()))

    def test_jenis_asn(self):
        pppk = emp(jenis_asn="PPPK", golongan=None)
        for jenis in ("pengawas", "administrator", "jpt_pratama"):
            self.assertFalse(rule("jenis_asn", pppk, pos(jenis=jenis)))
            self.assertTrue(rule("jenis_asn", emp(), pos(jenis=jenis)))
        for jenis in ("pelaksana", "fungsional"):
            self.assertTrue(rule("jenis_asn", pppk, pos(jenis=jenis)))

    def test_posisi_berbeda(self):
        self.assertTrue(rule("posisi_berbeda", emp(), pos()))                       # formasi absent
        self.assertFalse(rule("posisi_berbeda", emp(jabatan={"formasi": "F1"}), pos()))
        self.assertTrue(rule("posisi_berbeda", emp(jabatan={"formasi": "F2"}), pos()))
        # ids only: same nama/unit/bidang but no formasi id is "different"
        same = emp(jabatan={"nama": "Analis Keuangan", "unit_kerja": "Bappeda", "bidang": "Perencanaan"})
        self.assertTrue(rule("posisi_berbeda", same, pos()))

    def test_masa_jabatan_boundary(self):
        self.assertTrue(rule("masa_jabatan", emp(jabatan={"tmt": "2024-01-01"}), pos()))   # exactly 2 years
        self.assertFalse(rule("masa_jabatan", emp(jabatan={"tmt": "2024-01-02"}), pos()))  # one day short
        self.assertTrue(rule("masa_jabatan", emp(jabatan={"tmt": "2023-12-31"}), pos()))

    def test_masa_jabatan_29_february(self):
        p = emp(jabatan={"tmt": "2024-02-29"})
        self.assertTrue(rule("masa_jabatan", p, pos(), at=date(2026, 2, 28)))
        self.assertFalse(rule("masa_jabatan", p, pos(), at=date(2026, 2, 27)))

    def test_kinerja(self):
        def k(*entries):
            return rule("kinerja", emp(skp=[{"tahun": t, "predikat": r} for t, r in entries]), pos())
        self.assertTrue(k((2025, "Baik"), (2024, "Sangat Baik")))
        self.assertFalse(k((2025, "Butuh Perbaikan"), (2024, "Sangat Baik")))   # just below Baik
        self.assertFalse(k((2025, "Baik"), (2024, "Kurang")))
        self.assertFalse(k((2024, "Sangat Kurang")))                           # false beats unknown
        self.assertIsNone(k((2024, "Baik")))                                   # Y missing
        self.assertIsNone(k((2025, "Baik")))                                   # Y-1 missing
        self.assertIsNone(k((2025, "Baik"), (2023, "Baik"), (2026, "Baik")))   # other years ignored
        self.assertIsNone(k())
        self.assertTrue(rule("kinerja", emp(skp=[{"tahun": 2023, "predikat": "Baik"},
                                                 {"tahun": 2024, "predikat": "Baik"}]), pos(), year=2024))

    def test_bebas_hukuman_disiplin(self):
        def h(mulai, selesai, proses=False, tingkat="ringan"):
            return rule("bebas_hukuman_disiplin",
                        emp(hukuman_disiplin=[{"tingkat": tingkat, "mulai": mulai, "selesai": selesai}],
                            proses_disiplin=proses), pos())
        self.assertFalse(h("2025-07-01", "2026-01-01"))   # ends on D: still serving
        self.assertTrue(h("2025-07-01", "2025-12-31"))    # ended the day before
        self.assertFalse(h("2026-01-01", "2026-06-30"))   # starts on D
        self.assertTrue(h("2026-01-02", "2026-06-30"))    # starts the day after
        self.assertTrue(rule("bebas_hukuman_disiplin", emp(), pos()))
        self.assertFalse(rule("bebas_hukuman_disiplin", emp(proses_disiplin=True), pos()))
        self.assertIsNone(rule("bebas_hukuman_disiplin", emp(proses_disiplin=None), pos()))
        self.assertFalse(h("2025-07-01", "2026-01-01", proses=None))    # a serving punishment is known: false
        self.assertIsNone(h("2025-07-01", "2025-12-31", proses=None))

    def test_riwayat_hukuman(self):
        struct = pos(jenis="pengawas")
        limit = oracle.add_years(D, -4)  # 2022-01-01

        def r(tingkat, selesai, f=struct):
            return rule("riwayat_hukuman",
                        emp(hukuman_disiplin=[{"tingkat": tingkat, "mulai": "2021-01-01",
                                               "selesai": selesai.isoformat()}]), f)
        self.assertTrue(r("sedang", limit))                    # selesai == add_years(D, -4): not "after"
        self.assertFalse(r("sedang", limit + days(1)))
        self.assertFalse(r("berat", limit + days(1)))
        self.assertTrue(r("ringan", limit + days(1)))          # ringan never counts
        self.assertTrue(r("berat", limit + days(1), f=pos()))  # not structural
        self.assertTrue(r("berat", limit - days(1)))

    def test_riwayat_hukuman_29_february(self):
        p = emp(hukuman_disiplin=[{"tingkat": "berat", "mulai": "2023-01-01", "selesai": "2024-02-29"}])
        f = pos(jenis="administrator")
        self.assertTrue(rule("riwayat_hukuman", p, f, at=date(2028, 2, 29)))   # limit 2024-02-29
        self.assertFalse(rule("riwayat_hukuman", p, f, at=date(2028, 2, 28)))  # limit 2024-02-28

    def test_sisa_masa_kerja_every_bup(self):
        cases = [(pos(jenis="pelaksana"), 58), (pos(jenis="pengawas"), 58),
                 (pos(jenis="jpt_pratama"), 60), (pos(jenis="fungsional", jenjang="ahli_madya"), 60),
                 (pos(jenis="fungsional", jenjang="ahli_utama"), 65), (pos(jenis="fungsional"), 58)]
        last_day = oracle.add_years(D, 2)  # 2028-01-01
        for f, bup in cases:
            exact = oracle.add_years(last_day, -bup)  # add_years(lahir, BUP) == add_years(D, 2)
            self.assertTrue(rule("sisa_masa_kerja", emp(lahir=exact), f), (f["jenis"], bup))
            self.assertFalse(rule("sisa_masa_kerja", emp(lahir=exact - days(1)), f), (f["jenis"], bup))
            self.assertTrue(rule("sisa_masa_kerja", emp(lahir=exact + days(1)), f), (f["jenis"], bup))

    def test_sisa_masa_kerja_born_29_february(self):
        p = emp(lahir=date(1968, 2, 29))  # add_years(lahir, 58) = 2026-02-28
        f = pos()
        self.assertTrue(rule("sisa_masa_kerja", p, f, at=date(2024, 2, 28)))
        self.assertTrue(rule("sisa_masa_kerja", p, f, at=date(2024, 2, 29)))   # add_years(D, 2) = 2026-02-28
        self.assertFalse(rule("sisa_masa_kerja", p, f, at=date(2024, 3, 1)))

    def test_pendidikan_minimal(self):
        def edu(*levels):
            return emp(pendidikan=[{"jenjang": lv, "jurusan": "Akuntansi", "rumpun": "Ekonomi"} for lv in levels])
        self.assertTrue(rule("pendidikan_minimal", edu("S1"), pos(pendidikan_minimal="S1")))
        self.assertFalse(rule("pendidikan_minimal", edu("D4"), pos(pendidikan_minimal="S1")))
        self.assertTrue(rule("pendidikan_minimal", edu("D3", "S2", "SMA"), pos(pendidikan_minimal="S1")))
        self.assertIsNone(rule("pendidikan_minimal", emp(pendidikan=[]), pos()))
        self.assertIsNone(rule("pendidikan_minimal", emp(pendidikan=None), pos(pendidikan_minimal="SD")))

    def test_golongan_minimal(self):
        self.assertTrue(rule("golongan_minimal", emp(golongan=None), pos()))     # no minimum: true
        self.assertTrue(rule("golongan_minimal", emp(golongan="III/c"), pos(golongan_minimal="III/c")))
        self.assertFalse(rule("golongan_minimal", emp(golongan="III/b"), pos(golongan_minimal="III/c")))
        self.assertTrue(rule("golongan_minimal", emp(golongan="IV/a"), pos(golongan_minimal="III/d")))
        self.assertIsNone(rule("golongan_minimal", emp(golongan=None), pos(golongan_minimal="II/a")))

    def test_kualifikasi_jurusan(self):
        fung = pos(jenis="fungsional", jurusan_sesuai=["Akuntansi", "Manajemen"])
        self.assertTrue(rule("kualifikasi_jurusan", emp(), fung))
        other = emp(pendidikan=[{"jenjang": "S1", "jurusan": "Ilmu Hukum", "rumpun": "Ekonomi"}])
        self.assertFalse(rule("kualifikasi_jurusan", other, fung))
        self.assertIsNone(rule("kualifikasi_jurusan", emp(pendidikan=[]), fung))
        self.assertTrue(rule("kualifikasi_jurusan", emp(pendidikan=[]), pos()))   # not fungsional
        self.assertTrue(rule("kualifikasi_jurusan", other, pos(jenis="pengawas", jurusan_sesuai=["X"])))
        lower = emp(pendidikan=[{"jenjang": "S1", "jurusan": "akuntansi", "rumpun": "Ekonomi"}])
        self.assertFalse(rule("kualifikasi_jurusan", lower, fung))                # exact text

    def test_pengalaman_jabatan_pengawas(self):
        f = pos(jenis="pengawas")
        start = D - days(4 * 365)
        current = {"tmt": "2030-01-01", "jenis": "pengawas"}  # contributes nothing
        exact = emp(jabatan=current, riwayat_jabatan=[job("pelaksana", start, date(2027, 1, 1))])
        short = emp(jabatan=current, riwayat_jabatan=[job("fungsional", start + days(1), D)])
        self.assertTrue(rule("pengalaman_jabatan", exact, f))
        self.assertFalse(rule("pengalaman_jabatan", short, f))
        # the current position counts when it matches
        cur = emp(jabatan={"tmt": start.isoformat(), "jenis": "fungsional"})
        self.assertTrue(rule("pengalaman_jabatan", cur, f))
        cur = emp(jabatan={"tmt": (start + days(1)).isoformat(), "jenis": "fungsional"})
        self.assertFalse(rule("pengalaman_jabatan", cur, f))

    def test_pengalaman_jabatan_administrator(self):
        f = pos(jenis="administrator")
        current = {"jenis": "pelaksana"}
        a = job("pengawas", D - days(3 * 365), D - days(365))
        b = job("administrator", D - days(365), D)
        self.assertTrue(rule("pengalaman_jabatan", emp(jabatan=current, riwayat_jabatan=[a, b]), f))
        a = job("pengawas", D - days(3 * 365 - 1), D - days(365))
        self.assertFalse(rule("pengalaman_jabatan", emp(jabatan=current, riwayat_jabatan=[a, b]), f))

    def test_pengalaman_jabatan_jpt(self):
        f = pos(jenis="jpt_pratama")
        current = {"jenis": "pengawas"}
        start = D - days(2 * 365)
        for jenis, jenjang, expected in [("administrator", None, True), ("jpt_pratama", None, True),
                                         ("fungsional", "ahli_madya", True), ("fungsional", "ahli_utama", True),
                                         ("fungsional", "ahli_muda", False), ("fungsional", None, False),
                                         ("pengawas", None, False)]:
            p = emp(jabatan=current, riwayat_jabatan=[job(jenis, start, D, jenjang)])
            self.assertEqual(rule("pengalaman_jabatan", p, f), expected, (jenis, jenjang))
        p = emp(jabatan=current, riwayat_jabatan=[job("administrator", start + days(1), D)])
        self.assertFalse(rule("pengalaman_jabatan", p, f))

    def test_pengalaman_jabatan_other_positions(self):
        self.assertTrue(rule("pengalaman_jabatan", emp(), pos(jenis="pelaksana")))
        self.assertTrue(rule("pengalaman_jabatan", emp(), pos(jenis="fungsional")))

    def test_sertifikat_wajib(self):
        f = pos(sertifikat_wajib=["SERT_A", "SERT_B"])
        both = [{"kode": "SERT_A", "selesai": "2020-01-01", "berlaku_sampai": "2026-01-01"},
                {"kode": "SERT_B", "selesai": "2026-01-01"}]
        self.assertTrue(rule("sertifikat_wajib", emp(pelatihan=both), f))
        expired = copy.deepcopy(both)
        expired[0]["berlaku_sampai"] = "2025-12-31"
        self.assertFalse(rule("sertifikat_wajib", emp(pelatihan=expired), f))
        later = copy.deepcopy(both)
        later[1]["selesai"] = "2026-01-02"
        self.assertFalse(rule("sertifikat_wajib", emp(pelatihan=later), f))
        self.assertTrue(rule("sertifikat_wajib", emp(), pos()))


class TrainingAndDecision(unittest.TestCase):
    def test_leadership_owed_and_satisfied_by_higher_level(self):
        f = pos(jenis="pengawas")
        self.assertEqual(oracle.owed_training(emp(), f, D), ["PKP"])
        for code in ("PKP", "PKA", "PKN_II"):
            p = emp(pelatihan=[{"kode": code, "selesai": "2020-01-01"}])
            self.assertEqual(oracle.owed_training(p, f, D), [])
        p = emp(pelatihan=[{"kode": "PKP", "selesai": "2020-01-01"}])
        self.assertEqual(oracle.owed_training(p, pos(jenis="administrator"), D), ["PKA"])
        self.assertEqual(oracle.owed_training(p, pos(jenis="jpt_pratama"), D), ["PKN_II"])
        p = emp(pelatihan=[{"kode": "PKA", "selesai": "2026-01-02"}])   # completed after D
        self.assertEqual(oracle.owed_training(p, pos(jenis="administrator"), D), ["PKA"])

    def test_training_order_and_duplicates(self):
        f = pos(jenis="administrator", pelatihan_wajib=["T2", "PKA", "T1", "T2"])
        p = emp(pelatihan=[{"kode": "T1", "selesai": "2020-01-01"}])
        self.assertEqual(oracle.owed_training(p, f, D), ["PKA", "T2"])
        # exact-code rule for pelatihan_wajib: PKN_II satisfies the leadership level but not code "PKP"
        f = pos(jenis="pengawas", pelatihan_wajib=["PKP"])
        p = emp(pelatihan=[{"kode": "PKN_II", "selesai": "2020-01-01"}])
        self.assertEqual(oracle.owed_training(p, f, D), ["PKP"])

    def test_decisions(self):
        self.assertEqual(oracle.decide(emp(), pos(), D, Y), ("eligible", [], [], []))
        self.assertEqual(oracle.decide(emp(), pos(pelatihan_wajib=["T1"]), D, Y),
                         ("eligible_after_training", [], [], ["T1"]))
        self.assertEqual(oracle.decide(emp(proses_disiplin=None, golongan=None), pos(golongan_minimal="II/a",
                                       pelatihan_wajib=["T1"]), D, Y),
                         ("needs_review", [], ["bebas_hukuman_disiplin", "golongan_minimal"], ["T1"]))
        self.assertEqual(oracle.decide(emp(status="cltn", proses_disiplin=None), pos(jenis="administrator"), D, Y),
                         ("not_eligible", ["status_aktif", "pengalaman_jabatan"], ["bebas_hukuman_disiplin"], ["PKA"]))

    def test_unknown_only_when_needed(self):
        p = emp(golongan=None, pendidikan=[])
        _, failed, unknown, _ = oracle.decide(p, pos(pendidikan_minimal="SD"), D, Y)
        self.assertEqual(unknown, ["pendidikan_minimal"])   # not golongan_minimal, not kualifikasi_jurusan


class EligibleFrom(unittest.TestCase):
    def ef(self, p, f, at=D):
        return oracle.eval_pair(p, f, at, at.year - 1)["eligible_from"]

    def test_masa_jabatan(self):
        self.assertEqual(self.ef(emp(jabatan={"tmt": "2024-06-01"}), pos()), "2026-06-01")
        self.assertEqual(self.ef(emp(jabatan={"tmt": "2024-01-02"}), pos()), "2026-01-02")  # the next day

    def test_masa_jabatan_29_february(self):
        self.assertEqual(self.ef(emp(jabatan={"tmt": "2024-02-29"}), pos()), "2026-02-28")

    def test_window_end(self):
        # last day of the window is add_years(D, 3) = 2029-01-01, reached exactly
        self.assertEqual(self.ef(emp(jabatan={"tmt": "2027-01-01"}), pos()), "2029-01-01")
        self.assertIsNone(self.ef(emp(jabatan={"tmt": "2027-01-02"}), pos()))

    def test_window_end_from_29_february(self):
        at = date(2028, 2, 29)  # add_years(D, 3) = 2031-02-28
        p = emp(jabatan={"tmt": "2029-02-28"}, skp=[{"tahun": 2027, "predikat": "Baik"},
                                                    {"tahun": 2026, "predikat": "Baik"}])
        self.assertEqual(self.ef(p, pos(), at), "2031-02-28")
        p = emp(jabatan={"tmt": "2029-03-01"}, skp=[{"tahun": 2027, "predikat": "Baik"},
                                                    {"tahun": 2026, "predikat": "Baik"}])
        self.assertIsNone(self.ef(p, pos(), at))

    def test_punishment_ends(self):
        p = emp(hukuman_disiplin=[{"tingkat": "ringan", "mulai": "2025-10-01", "selesai": "2026-03-31"}])
        self.assertEqual(self.ef(p, pos()), "2026-04-01")

    def test_riwayat_hukuman_window(self):
        # berat ending 2023-05-10 counts while selesai > add_years(d, -4), i.e. until d = 2027-05-10
        p = emp(hukuman_disiplin=[{"tingkat": "berat", "mulai": "2023-01-01", "selesai": "2023-05-10"}],
                pelatihan=[{"kode": "PKP", "selesai": "2020-01-01"}],
                riwayat_jabatan=[job("pelaksana", date(2010, 1, 1), date(2019, 12, 31))])
        self.assertEqual(oracle.decide(p, pos(jenis="pengawas"), D, Y)[1], ["riwayat_hukuman"])
        self.assertEqual(self.ef(p, pos(jenis="pengawas")), "2027-05-10")

    def test_certificate_completed_later(self):
        p = emp(pelatihan=[{"kode": "SERT", "selesai": "2026-02-15"}])
        self.assertEqual(self.ef(p, pos(sertifikat_wajib=["SERT"])), "2026-02-15")

    def test_experience_grows(self):
        p = emp(jabatan={"tmt": "2023-01-01", "jenis": "pelaksana"},
                pelatihan=[{"kode": "PKP", "selesai": "2020-01-01"}])
        # needs 1460 days of pelaksana/fungsional: 2023-01-01 + 1460 days = 2026-12-31
        self.assertEqual(self.ef(p, pos(jenis="pengawas")), "2026-12-31")

    def test_null_cases(self):
        self.assertIsNone(self.ef(emp(status="cltn"), pos()))                       # never changes
        self.assertIsNone(self.ef(emp(proses_disiplin=True), pos()))
        # becomes needs_review at best (unknown stays unknown): null
        p = emp(jabatan={"tmt": "2024-06-01"}, proses_disiplin=None)
        self.assertIsNone(self.ef(p, pos()))
        # getting older only makes sisa_masa_kerja worse
        p = emp(lahir=date(1969, 12, 31))
        self.assertEqual(oracle.decide(p, pos(), D, Y)[1], ["sisa_masa_kerja"])
        self.assertIsNone(self.ef(p, pos()))
        # an expired certificate never comes back
        p = emp(pelatihan=[{"kode": "SERT", "selesai": "2020-01-01", "berlaku_sampai": "2025-12-31"}])
        self.assertIsNone(self.ef(p, pos(sertifikat_wajib=["SERT"])))
        # not not_eligible: null
        self.assertIsNone(self.ef(emp(), pos()))
        self.assertIsNone(self.ef(emp(proses_disiplin=None), pos()))

    def test_eligible_after_training_counts(self):
        p = emp(jabatan={"tmt": "2024-06-01"})
        self.assertEqual(self.ef(p, pos(pelatihan_wajib=["T1"])), "2026-06-01")


class Score(unittest.TestCase):
    def test_pendidikan(self):
        f = pos(jurusan_sesuai=["Akuntansi"], rumpun_pendidikan=["Ekonomi"])
        self.assertEqual(oracle.score_pendidikan(emp(), f), 30)
        other = emp(pendidikan=[{"jenjang": "S1", "jurusan": "Manajemen", "rumpun": "Ekonomi"}])
        self.assertEqual(oracle.score_pendidikan(other, f), 15)
        self.assertEqual(oracle.score_pendidikan(other, pos(rumpun_pendidikan=["Teknik"])), 0)
        self.assertEqual(oracle.score_pendidikan(emp(pendidikan=[]), f), 0)
        two = emp(pendidikan=[{"jenjang": "D3", "jurusan": "X", "rumpun": "Ekonomi"},
                              {"jenjang": "S1", "jurusan": "Akuntansi", "rumpun": "Y"}])
        self.assertEqual(oracle.score_pendidikan(two, f), 30)

    def test_kompetensi(self):
        self.assertEqual(oracle.score_kompetensi(emp(), pos()), 30)   # nothing required
        f = pos(kompetensi={"A": 3, "B": 4})
        self.assertEqual(oracle.score_kompetensi(emp(kompetensi={"A": 5, "B": 2, "C": 5}), f), 21)  # 30*5/7 = 21.4
        self.assertEqual(oracle.score_kompetensi(emp(kompetensi={"A": 3, "B": 4}), f), 30)
        self.assertEqual(oracle.score_kompetensi(emp(), f), 0)
        self.assertEqual(oracle.score_kompetensi(emp(kompetensi={"B": 1}), f), 4)   # 30/7 = 4.28
        self.assertEqual(oracle.score_kompetensi(emp(kompetensi={"A": 3, "B": 3}), f), 25)   # 25.71: floor

    def test_pengalaman_bidang(self):
        f = pos(bidang="Keuangan")
        p = emp(jabatan={"tmt": (D - days(3 * 365)).isoformat(), "bidang": "Keuangan"})
        self.assertEqual(oracle.score_pengalaman_bidang(p, f, D), 9)
        p = emp(jabatan={"tmt": (D - days(3 * 365 - 1)).isoformat(), "bidang": "Keuangan"})
        self.assertEqual(oracle.score_pengalaman_bidang(p, f, D), 6)
        p = emp(jabatan={"tmt": "2000-01-01", "bidang": "Keuangan"})
        self.assertEqual(oracle.score_pengalaman_bidang(p, f, D), 15)
        # overlapping entries are summed as written
        p = emp(jabatan={"tmt": "2025-01-01", "bidang": "Umum"},
                riwayat_jabatan=[job("pelaksana", date(2020, 1, 1), date(2021, 1, 1), bidang="Keuangan"),
                                 job("pelaksana", date(2020, 1, 1), date(2021, 1, 1), bidang="Keuangan")])
        self.assertEqual(oracle.score_pengalaman_bidang(p, f, D), 6)

    def test_kinerja(self):
        for predikat, points in [("Sangat Baik", 15), ("Baik", 10), ("Butuh Perbaikan", 3),
                                 ("Kurang", 0), ("Sangat Kurang", 0)]:
            p = emp(skp=[{"tahun": 2025, "predikat": predikat}, {"tahun": 2024, "predikat": "Sangat Baik"}])
            self.assertEqual(oracle.score_kinerja(p, Y), points)
        self.assertEqual(oracle.score_kinerja(emp(skp=[{"tahun": 2024, "predikat": "Sangat Baik"}]), Y), 0)

    def test_minat(self):
        f = pos(unit_kerja="Bappeda")
        self.assertEqual(oracle.score_minat(emp(minat=["Bappeda", "BKPSDM"]), f), 10)
        self.assertEqual(oracle.score_minat(emp(minat=["BKPSDM", "Inspektorat", "Bappeda"]), f), 5)
        self.assertEqual(oracle.score_minat(emp(minat=["BKPSDM"]), f), 0)
        self.assertEqual(oracle.score_minat(emp(minat=[]), f), 0)

    def test_eval_pair_shape(self):
        obj = oracle.eval_pair(emp(minat=["Bappeda"]), pos(), D, Y)
        self.assertEqual(list(obj), ["nip", "position", "decision", "failed", "unknown", "training",
                                     "eligible_from", "score", "score_parts"])
        self.assertEqual(list(obj["score_parts"]), ["pendidikan", "kompetensi", "pengalaman_bidang",
                                                    "kinerja", "minat"])
        self.assertEqual(obj["score"], sum(obj["score_parts"].values()))
        self.assertEqual(obj["score_parts"], {"pendidikan": 0, "kompetensi": 30, "pengalaman_bidang": 0,
                                              "kinerja": 10, "minat": 10})


class Recommend(unittest.TestCase):
    def test_shortlist_order_and_open_slots(self):
        a = emp(nip="198001012005011003", minat=["Bappeda"])                  # eligible, 50
        b = emp(nip="198001012005011002")                                     # eligible, 40
        c = emp(nip="198001012005011001")                                     # eligible, 40
        d = emp(nip="198001012005011004", pelatihan=[],
                skp=[{"tahun": 2025, "predikat": "Sangat Baik"}, {"tahun": 2024, "predikat": "Baik"}],
                minat=["Bappeda"])                                            # after training, 55
        e = emp(nip="198001012005011005", status="cltn")                      # not eligible
        f_open = pos(id="F1")
        f_full = pos(id="F2", kebutuhan=2, terisi=2)
        f_train = pos(id="F3", kebutuhan=3, terisi=1, pelatihan_wajib=["T"])
        out = oracle.recommend([a, b, c, d, e], [f_open, f_full, f_train], D, Y)
        self.assertEqual([x["position"] for x in out], ["F1", "F3"])
        self.assertEqual(out[0]["open"], 1)
        self.assertEqual([x["nip"] for x in out[0]["candidates"]],
                         ["198001012005011004", "198001012005011003", "198001012005011001", "198001012005011002"])
        self.assertEqual(out[1]["open"], 2)
        self.assertTrue(all(x["decision"] == "eligible_after_training" for x in out[1]["candidates"]))
        self.assertEqual(list(out[1]["candidates"][0]), ["nip", "decision", "score", "training"])
        self.assertEqual(len(oracle.recommend([a, b, c, d, e], [f_open], D, Y, top=2)[0]["candidates"]), 2)
        self.assertEqual(oracle.recommend([a], [f_open], D, Y, top=0)[0]["candidates"], [])

    def test_eligible_before_eligible_after_training(self):
        high = emp(nip="198001012005011001", minat=["Bappeda"],
                   skp=[{"tahun": 2025, "predikat": "Sangat Baik"}, {"tahun": 2024, "predikat": "Baik"}])
        low = emp(nip="198001012005011002", pelatihan=[{"kode": "T", "selesai": "2020-01-01"}])
        f = pos(pelatihan_wajib=["T"])
        out = oracle.recommend([high, low], [f], D, Y)[0]["candidates"]
        self.assertEqual([(x["nip"], x["decision"]) for x in out],
                         [("198001012005011002", "eligible"), ("198001012005011001", "eligible_after_training")])

    def test_due_for_rotation(self):
        old = emp(jabatan={"tmt": "2020-12-31"})      # D > add_years(tmt, 5) = 2025-12-31
        edge = emp(nip="198001012005011002", jabatan={"tmt": "2021-01-01"})  # add_years = D: not listed
        out = oracle.due_for_rotation([old, edge], [pos(), pos(id="F2", kebutuhan=0)], D, Y)
        self.assertEqual(out, [{"nip": old["nip"], "positions": ["F1"]}])


class Monitor(unittest.TestCase):
    def setUp(self):
        self.f = pos(id="F1", kompetensi={"B": 3, "A": 2})

    def status(self, **changes):
        base = {"jabatan": {"formasi": "F1", "tmt": "2025-03-01"}}
        base.update(changes)
        return oracle.monitor([emp(**base)], [self.f], D, Y)

    def test_statuses(self):
        self.assertEqual(self.status(skp=[{"tahun": 2024, "predikat": "Baik"}])[0]["status"], "belum_dapat_dinilai")
        self.assertEqual(self.status(skp=[{"tahun": 2025, "predikat": "Baik"}])[0]["status"], "sesuai")
        out = self.status(skp=[{"tahun": 2025, "predikat": "Kurang"}], kompetensi={"B": 2, "A": 2})
        self.assertEqual(out, [{"nip": BASE_EMPLOYEE["nip"], "position": "F1", "status": "pelatihan_tambahan",
                                "competencies": ["B"]}])
        out = self.status(skp=[{"tahun": 2025, "predikat": "Kurang"}])
        self.assertEqual(out[0]["competencies"], ["A", "B"])            # sorted by name
        out = self.status(skp=[{"tahun": 2025, "predikat": "Butuh Perbaikan"}], kompetensi={"A": 5, "B": 3})
        self.assertEqual(out[0]["status"], "evaluasi_mutasi_kembali")
        self.assertEqual(out[0]["competencies"], [])

    def test_latest_entry_decides(self):
        skp = [{"tahun": 2026, "predikat": "Kurang"}, {"tahun": 2025, "predikat": "Sangat Baik"}]
        self.assertEqual(self.status(skp=skp, kompetensi={"A": 5, "B": 5})[0]["status"], "evaluasi_mutasi_kembali")
        skp = [{"tahun": 2025, "predikat": "Kurang"}, {"tahun": 2024, "predikat": "Sangat Baik"}]
        self.assertEqual(self.status(skp=skp, kompetensi={"A": 5, "B": 5})[0]["status"], "evaluasi_mutasi_kembali")

    def test_window(self):
        self.assertEqual(len(self.status(jabatan={"formasi": "F1", "tmt": "2024-01-01"})), 1)   # add_years(D,-2)
        self.assertEqual(self.status(jabatan={"formasi": "F1", "tmt": "2023-12-31"}), [])
        self.assertEqual(len(self.status(jabatan={"formasi": "F1", "tmt": "2026-01-01"})), 1)   # tmt == D
        self.assertEqual(self.status(jabatan={"formasi": "F1", "tmt": "2026-01-02"}), [])
        self.assertEqual(self.status(jabatan={"formasi": "F9", "tmt": "2025-03-01"}), [])       # unknown position
        self.assertEqual(self.status(jabatan={"formasi": None, "tmt": "2025-03-01"}), [])
        self.assertEqual(len(self.status(status="cltn")), 1)                                   # any status

    def test_window_29_february(self):
        p = emp(jabatan={"formasi": "F1", "tmt": "2026-02-28"})
        self.assertEqual(len(oracle.monitor([p], [self.f], date(2028, 2, 29), 2027)), 1)
        p = emp(jabatan={"formasi": "F1", "tmt": "2026-02-27"})
        self.assertEqual(oracle.monitor([p], [self.f], date(2028, 2, 29), 2027), [])


# ---------------------------------------------------------------------------
# Input validation and the command line
# ---------------------------------------------------------------------------

def run_oracle(*args):
    return subprocess.run([sys.executable, os.path.join(HERE, "oracle.py")] + list(args),
                          capture_output=True, text=True)


class Validation(unittest.TestCase):
    def problems(self, raw, spec=oracle.EMPLOYEE):
        lines = []
        validate = oracle.validate_employees if spec is oracle.EMPLOYEE else oracle.validate_positions
        validate([raw], "f.yaml", {}, lines)
        return lines

    def test_base_records_are_valid(self):
        self.assertEqual(self.problems(copy.deepcopy(BASE_EMPLOYEE)), [])
        self.assertEqual(self.problems(copy.deepcopy(BASE_POSITION), oracle.POSITION), [])

    def test_employee_breaches(self):
        def broken(**changes):
            raw = copy.deepcopy(BASE_EMPLOYEE)
            raw.update(changes)
            return self.problems(raw)
        self.assertTrue(broken(nip="19800101200501100"))               # 17 digits
        self.assertTrue(broken(nip="198001022005011001"))              # not tanggal_lahir
        self.assertTrue(broken(nip=198001012005011001))                # not text
        self.assertTrue(broken(nip="198001012005013001"))              # gender digit 3
        self.assertTrue(broken(golongan="IV/f"))
        self.assertTrue(broken(tanggal_lahir="2023-02-29"))
        self.assertTrue(broken(tanggal_lahir="1980-1-1"))
        self.assertTrue(broken(skp=[{"tahun": 2025, "predikat": "Baik"}, {"tahun": 2025, "predikat": "Baik"}]))
        self.assertTrue(broken(skp=[{"tahun": True, "predikat": "Baik"}]))
        self.assertTrue(broken(kompetensi={"A": 7}))
        self.assertTrue(broken(kompetensi={"A": 0}))
        self.assertTrue(broken(kompetensi={"A": "3"}))
        self.assertTrue(broken(proses_disiplin="false"))
        self.assertTrue(broken(minat="Bappeda"))
        self.assertTrue(broken(ekstra="x"))                             # unknown field
        raw = copy.deepcopy(BASE_EMPLOYEE)
        del raw["nama"]
        self.assertTrue(self.problems(raw))
        raw = copy.deepcopy(BASE_EMPLOYEE)
        del raw["jabatan"]["bidang"]
        self.assertTrue(self.problems(raw))

    def test_optional_and_defaults(self):
        raw = copy.deepcopy(BASE_EMPLOYEE)
        for key in ("golongan", "pendidikan", "riwayat_jabatan", "pelatihan", "kompetensi", "skp",
                    "hukuman_disiplin", "proses_disiplin", "minat"):
            del raw[key]
        self.assertEqual(self.problems(raw), [])
        p = validated(raw, oracle.EMPLOYEE)
        self.assertEqual((p["golongan"], p["pendidikan"], p["kompetensi"], p["proses_disiplin"]), (None, [], {}, None))

    def test_position_breaches(self):
        def broken(**changes):
            raw = copy.deepcopy(BASE_POSITION)
            raw.update(changes)
            return self.problems(raw, oracle.POSITION)
        self.assertTrue(broken(jenis="eselon"))
        self.assertTrue(broken(golongan_minimal="IV/f"))
        self.assertTrue(broken(kebutuhan="1"))
        self.assertTrue(broken(kompetensi={"A": 6}))
        self.assertTrue(broken(id=7))
        lines = []
        oracle.validate_positions([copy.deepcopy(BASE_POSITION), copy.deepcopy(BASE_POSITION)], "f.yaml", {}, lines)
        self.assertEqual(len(lines), 1)
        self.assertIn("record 1: id", lines[0])

    def test_duplicate_nip(self):
        lines = []
        oracle.validate_employees([copy.deepcopy(BASE_EMPLOYEE), copy.deepcopy(BASE_EMPLOYEE)], "p.yaml", {}, lines)
        self.assertEqual(len(lines), 1)
        self.assertIn("record 1: nip", lines[0])

    def test_generated_invalid_dataset(self):
        with tempfile.TemporaryDirectory() as tmp:
            expected = generate.write_invalid(tmp, seed=11)
            proc = run_oracle("eval", "--employees", os.path.join(tmp, "pegawai.yaml"),
                              "--positions", os.path.join(tmp, "formasi.yaml"), "--as-of", "2026-01-01")
            self.assertEqual(proc.returncode, 2)
            self.assertEqual(proc.stdout, "")
            reported = proc.stderr.splitlines()
            for item in expected:
                fields = [item["field"]] + item["alternative_fields"]
                hits = [line for line in reported
                        if item["file"] in line and ": record %d: " % item["index"] in line
                        and any(line.split(": record %d: " % item["index"])[1].startswith(f) for f in fields)]
                self.assertTrue(hits, "breach %s not reported: %s" % (item["breach"], reported))
            # one problem line per breach, nothing about the clean records
            self.assertEqual(len(reported), len(expected))

    def test_generated_invalid_each_alone(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name in generate.BREACH_NAMES:
                out = os.path.join(tmp, name)
                generate.write_invalid(out, seed=5, only=name)
                with self.assertRaises(oracle.InputError, msg=name) as ctx:
                    oracle.load_inputs(os.path.join(out, "pegawai.yaml"), os.path.join(out, "formasi.yaml"))
                self.assertEqual(len(ctx.exception.problems), 1, (name, ctx.exception.problems))

    def test_yaml_details(self):
        with tempfile.TemporaryDirectory() as tmp:
            fpath = os.path.join(tmp, "formasi.yaml")
            generate.write_yaml(fpath, [dict(BASE_POSITION)])
            ppath = os.path.join(tmp, "pegawai.yaml")
            # quoted and unquoted dates are both fine; a duplicate key is not
            text = generate.yaml.safe_dump([BASE_EMPLOYEE], sort_keys=False, allow_unicode=True)
            with open(ppath, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.assertEqual(run_oracle("eval", "--employees", ppath, "--positions", fpath,
                                        "--as-of", "2026-01-01").returncode, 0)
            with open(ppath, "w", encoding="utf-8") as handle:
                handle.write(text.replace("'1980-01-01'", "1980-01-01"))
            proc = run_oracle("eval", "--employees", ppath, "--positions", fpath, "--as-of", "2026-01-01")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(ppath, "w", encoding="utf-8") as handle:
                handle.write(text.replace("  nama: Pegawai Uji\n", "  nama: Pegawai Uji\n  nama: Lagi\n"))
            proc = run_oracle("eval", "--employees", ppath, "--positions", fpath, "--as-of", "2026-01-01")
            self.assertEqual(proc.returncode, 2)
            self.assertIn("pegawai.yaml:3: record 0: nama: duplicate key", proc.stderr)
            with open(ppath, "w", encoding="utf-8") as handle:
                handle.write("- nip: [unclosed\n")
            proc = run_oracle("eval", "--employees", ppath, "--positions", fpath, "--as-of", "2026-01-01")
            self.assertEqual((proc.returncode, proc.stdout), (2, ""))
            self.assertIn("YAML syntax error", proc.stderr)


class CommandLine(unittest.TestCase):
    def test_eval_recommend_monitor_on_generated_data(self):
        with tempfile.TemporaryDirectory() as tmp:
            generate.write_dataset(tmp, 4, 6, 5, date(2028, 2, 29), 2027)
            common = ["--employees", os.path.join(tmp, "pegawai.yaml"), "--positions",
                      os.path.join(tmp, "formasi.yaml"), "--as-of", "2028-02-29"]
            proc = run_oracle("eval", *common)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            rows = [json.loads(line) for line in proc.stdout.splitlines()]
            self.assertEqual(len(rows), 30)
            self.assertEqual(rows[0]["position"], "F-001")
            self.assertEqual(rows[5]["position"], "F-001")
            self.assertNotEqual(rows[0]["nip"], rows[5]["nip"])
            proc = run_oracle("recommend", *common, "--top", "1", "--format", "json")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertTrue(all(len(x["candidates"]) <= 1 for x in json.loads(proc.stdout)))
            proc = run_oracle("monitor", *common, "--assessment-year", "2027", "--rules", "/nonexistent")
            self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_generator_is_deterministic(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("a", "b"):
                generate.write_dataset(os.path.join(tmp, name), 42, 15, 8, date(2027, 2, 28), 2026)
            for filename in ("pegawai.yaml", "formasi.yaml"):
                with open(os.path.join(tmp, "a", filename), encoding="utf-8") as a, \
                        open(os.path.join(tmp, "b", filename), encoding="utf-8") as b:
                    self.assertEqual(a.read(), b.read())

    def test_generated_datasets_are_valid(self):
        with tempfile.TemporaryDirectory() as tmp:
            for seed, as_of in enumerate(["2028-02-29", "2027-02-28", "2026-12-31", "2026-01-01", "2024-02-29"]):
                out = os.path.join(tmp, str(seed))
                D_ = date.fromisoformat(as_of)
                generate.write_dataset(out, seed, 40, 12, D_, D_.year - 1)
                employees, positions = oracle.load_inputs(os.path.join(out, "pegawai.yaml"),
                                                          os.path.join(out, "formasi.yaml"))
                self.assertEqual((len(employees), len(positions)), (40, 12))


if __name__ == "__main__":
    unittest.main()
