#!/usr/bin/env python3
"""Random but VALID data sets for differential testing, built to sit on the boundaries of
POLICY.md relative to the evaluation date D (and assessment year Y).

    python3 generate.py --seed S --employees N --positions M --out DIR [--as-of YYYY-MM-DD] [--assessment-year YYYY]
    python3 generate.py --seed S --out DIR --invalid [--only BREACH]

Writes DIR/pegawai.yaml and DIR/formasi.yaml.  With --invalid, writes a data set in which every
record but the first few carries exactly one deliberate breach of section 1, and
DIR/expected_errors.json listing each breach (file, 0-based record index, field, breach name).

Deterministic for a given seed (random.Random(seed); no other source of randomness).
"""

import argparse
import calendar
import datetime
import json
import os
import random
import sys

import yaml

ONE_DAY = datetime.timedelta(days=1)

GOLONGAN = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
]
JENJANG_PENDIDIKAN = ["SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"]
PREDIKAT = ["Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik"]
BELOW_BAIK = ["Sangat Kurang", "Kurang", "Butuh Perbaikan"]
LEADERSHIP = ["PKP", "PKA", "PKN_II"]
JENIS = ["pelaksana", "fungsional", "pengawas", "administrator", "jpt_pratama"]
JENJANG_FUNGSIONAL = ["terampil", "mahir", "penyelia", "ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"]
TINGKAT = ["ringan", "sedang", "berat"]
STATUS_NOT_AKTIF = ["tugas_belajar", "cltn", "diberhentikan_sementara"]

UNITS = [
    "Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan", "Bappeda", "BKPSDM",
    "Dinas Perhubungan", "Kecamatan Cakranegara", "Kecamatan Sandubaya", "Inspektorat",
    "Dinas Kependudukan dan Pencatatan Sipil", "Badan Keuangan Daerah",
]
BIDANG = [
    "Keuangan", "Kepegawaian", "Perencanaan", "Kesehatan Masyarakat",
    "Pendidikan", "Teknologi Informasi", "Hukum", "Umum",
]
JURUSAN = {  # jurusan -> rumpun
    "Akuntansi": "Ekonomi", "Manajemen": "Ekonomi", "Ilmu Ekonomi": "Ekonomi",
    "Ilmu Hukum": "Hukum", "Kesehatan Masyarakat": "Kesehatan", "Keperawatan": "Kesehatan",
    "Teknik Informatika": "Teknik", "Sistem Informasi": "Teknik", "Perencanaan Wilayah dan Kota": "Teknik",
    "Administrasi Publik": "Sosial", "Ilmu Pemerintahan": "Sosial", "Pendidikan Matematika": "Pendidikan",
    "Sastra Inggris": "Bahasa",
}
KOMPETENSI = [
    "Analisis Data", "Penyusunan Anggaran", "Manajemen ASN", "Pengelolaan Arsip",
    "Perencanaan Pembangunan", "Pelayanan Publik", "Audit Internal", "Pengadaan Barang/Jasa",
]
SERTIFIKAT = ["SERT_PBJ", "SERT_AUDITOR", "SERT_BENDAHARA", "SERT_K3"]
PELATIHAN = ["DIKLAT_SAKIP", "DIKLAT_KEARSIPAN", "DIKLAT_TIK", "DIKLAT_PELAYANAN"]
TRAINING_NAMES = {
    "SERT_PBJ": "Sertifikasi Pengadaan Barang/Jasa", "SERT_AUDITOR": "Sertifikasi Auditor",
    "SERT_BENDAHARA": "Sertifikasi Bendahara", "SERT_K3": "Sertifikasi K3",
    "DIKLAT_SAKIP": "Diklat SAKIP", "DIKLAT_KEARSIPAN": "Diklat Kearsipan",
    "DIKLAT_TIK": "Diklat TIK", "DIKLAT_PELAYANAN": "Diklat Pelayanan Prima",
    "PKP": "Pelatihan Kepemimpinan Pengawas", "PKA": "Pelatihan Kepemimpinan Administrator",
    "PKN_II": "Pelatihan Kepemimpinan Nasional Tingkat II",
}
FIRST_NAMES = [
    "Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gede", "Hendra", "Indah", "Joko",
    "Kadek", "Lalu", "Baiq", "Made", "Nur", "Putu", "Rina", "Sri", "Wayan", "Yuni", "Zainal",
]
LAST_NAMES = [
    "Saputra", "Wulandari", "Hidayat", "Pratama", "Lestari", "Kurniawan", "Rahmawati",
    "Santoso", "Hakim", "Maharani", "Suryadi", "Ariani", "Fauzi", "Permana",
]
POSITION_NAMES = {
    "pelaksana": ["Pengadministrasi Umum", "Pengelola Keuangan", "Pengolah Data", "Operator Layanan"],
    "fungsional": ["Analis Kebijakan", "Auditor", "Perencana", "Pranata Komputer", "Arsiparis", "Epidemiolog"],
    "pengawas": ["Kepala Seksi", "Kepala Subbagian", "Kepala Subbidang"],
    "administrator": ["Kepala Bidang", "Sekretaris", "Kepala Bagian"],
    "jpt_pratama": ["Kepala Dinas", "Kepala Badan", "Inspektur"],
}


# ---------------------------------------------------------------------------
# Date helpers
# ---------------------------------------------------------------------------

def add_years(d, n):
    year = d.year + n
    if d.month == 2 and d.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return datetime.date(year, d.month, d.day)


def days(n):
    return datetime.timedelta(days=n)


def leap_years_between(first, last):
    return [y for y in range(first, last + 1) if calendar.isleap(y)]


class InvalidDateText(str):
    """A text written as a plain (unquoted) YAML scalar that looks like a date, e.g. 2023-02-29."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True  # never write anchors/aliases (&id001 / *id001)


_Dumper.add_representer(
    InvalidDateText,
    lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(data)),
)


def write_yaml(path, records):
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(records, handle, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                  default_flow_style=False, width=1000)


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------

class Generator:
    def __init__(self, seed, D, Y):
        self.rng = random.Random(seed)
        self.D = D
        self.Y = Y
        self.nips = set()
        self.positions = []

    # small helpers ---------------------------------------------------------
    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return self.rng.choice(seq)

    def delta(self):
        return self.pick([-1, 0, 1])

    def name(self):
        return "%s %s" % (self.pick(FIRST_NAMES), self.pick(LAST_NAMES))

    def split(self, total, parts):
        """total (>= parts) split into `parts` positive integers."""
        if total < parts:
            return [total] if total > 0 else []
        cuts = sorted(self.rng.sample(range(1, total), parts - 1)) if parts > 1 else []
        bounds = [0] + cuts + [total]
        return [bounds[i + 1] - bounds[i] for i in range(parts)]

    def leap_day_near(self, year):
        """29 February of a leap year within 3 years of `year`."""
        return datetime.date(self.pick(leap_years_between(year - 3, year + 3)), 2, 29)

    # positions -------------------------------------------------------------
    def position(self, index, jenis):
        rng = self.rng
        rec = {
            "id": "F-%03d" % (index + 1),
            "nama": "%s %s" % (self.pick(POSITION_NAMES[jenis]), self.pick(BIDANG)),
            "unit_kerja": self.pick(UNITS),
            "bidang": self.pick(BIDANG),
            "jenis": jenis,
        }
        if jenis == "fungsional":
            if self.chance(0.85):
                rec["jenjang"] = self.pick(JENJANG_FUNGSIONAL)
        elif self.chance(0.05):
            rec["jenjang"] = self.pick(JENJANG_FUNGSIONAL)  # valid but meaningless off fungsional
        if self.chance(0.6):
            rec["golongan_minimal"] = GOLONGAN[rng.randint(4, 12)]
        rec["pendidikan_minimal"] = self.pick(["SMA", "D3", "D4", "S1", "S1", "S2"])
        self.optional_list(rec, "jurusan_sesuai", rng.sample(list(JURUSAN), rng.randint(0, 4)))
        rumpun = sorted(set(JURUSAN.values()))
        self.optional_list(rec, "rumpun_pendidikan", rng.sample(rumpun, rng.randint(0, 2)))
        komp = {c: rng.randint(1, 5) for c in rng.sample(KOMPETENSI, rng.randint(0, 3))}
        self.optional_list(rec, "kompetensi", komp)
        wajib = rng.sample(PELATIHAN, rng.randint(0, 2))
        if self.chance(0.15):
            wajib.insert(rng.randint(0, len(wajib)), self.pick(LEADERSHIP))
        if wajib and self.chance(0.05):
            wajib.append(wajib[0])  # duplicate code
        self.optional_list(rec, "pelatihan_wajib", wajib)
        sert = rng.sample(SERTIFIKAT, self.pick([0, 0, 0, 1, 1, 2]))
        self.optional_list(rec, "sertifikat_wajib", sert)
        kebutuhan = rng.randint(0, 4)
        terisi = self.pick([kebutuhan, kebutuhan + 1, max(0, kebutuhan - 1), rng.randint(0, 4)])
        rec["kebutuhan"] = kebutuhan
        rec["terisi"] = terisi
        return rec

    def optional_list(self, rec, key, value):
        """Empty lists/maps are sometimes written out, sometimes left absent (both mean empty)."""
        if value or self.chance(0.5):
            rec[key] = value

    def make_positions(self, count):
        order = list(JENIS)
        self.rng.shuffle(order)
        self.positions = [self.position(i, order[i % len(order)]) for i in range(count)]
        return self.positions

    # employees -------------------------------------------------------------
    def nip_for(self, born, cpns_year, gender):
        while True:
            nip = "%04d%02d%02d%04d%02d%s%03d" % (
                born.year, born.month, born.day, cpns_year, self.rng.randint(1, 12),
                gender, self.rng.randint(1, 999))
            if nip not in self.nips:
                self.nips.add(nip)
                return nip

    def jabatan_like(self, jenis=None, jenjang=None, bidang=None):
        jenis = jenis or self.pick(JENIS)
        rec = {
            "nama": "%s %s" % (self.pick(POSITION_NAMES[jenis]), self.pick(BIDANG)),
            "jenis": jenis,
        }
        if jenjang is not None:
            rec["jenjang"] = jenjang
        elif jenis == "fungsional" and self.chance(0.85):
            rec["jenjang"] = self.pick(JENJANG_FUNGSIONAL)
        rec["unit_kerja"] = self.pick(UNITS)
        rec["bidang"] = bidang or self.pick(BIDANG)
        return rec

    def history(self, end, pieces, jenis_choices=None, bidang=None, gap_max=60):
        """Earlier positions laid back-to-back (with gaps) ending before `end`;
        `pieces` are the lengths in days."""
        entries = []
        for length in pieces:
            end = end - days(self.rng.randint(0, gap_max))
            choice = self.pick(jenis_choices) if jenis_choices else self.pick(JENIS)
            jenis, jenjang = choice if isinstance(choice, tuple) else (choice, None)
            entry = self.jabatan_like(jenis, jenjang, bidang)
            entry["mulai"] = end - days(length)
            entry["selesai"] = end
            entries.append(entry)
            end = entry["mulai"]
        entries.reverse()
        return entries

    def employee(self, index):
        rng, D, Y = self.rng, self.D, self.Y
        knobs = set(rng.sample(
            ["status", "pppk", "tmt", "skp", "hukuman", "proses", "lahir", "pendidikan",
             "golongan", "riwayat", "pelatihan", "formasi", "monev"],
            self.pick([0, 1, 1, 2, 2, 2, 3, 3])))

        # --- birth date (retirement boundaries for every BUP case) ---
        born = D - days(rng.randint(27 * 365, 50 * 365))
        if "lahir" in knobs:
            bup = self.pick([58, 60, 65])
            if self.chance(0.3):
                # 29 February births whose BUP birthday falls around add_years(D, 2)
                year = self.pick(leap_years_between(D.year + 2 - bup - 2, D.year + 2 - bup + 2))
                born = datetime.date(year, 2, 29)
            else:
                target = add_years(D, 2) + days(self.delta())
                born = add_years(target, -bup)
        elif self.chance(0.05):
            born = datetime.date(self.pick(leap_years_between(D.year - 50, D.year - 28)), 2, 29)

        pppk = "pppk" in knobs or self.chance(0.08)
        rec = {
            "nip": self.nip_for(born, min(born.year + rng.randint(20, 30), D.year), self.pick("12")),
            "nama": self.name(),
            "jenis_asn": "PPPK" if pppk else "PNS",
            "status": self.pick(STATUS_NOT_AKTIF) if "status" in knobs else "aktif",
            "tanggal_lahir": born,
        }

        # --- golongan ---
        if "golongan" in knobs:
            if self.chance(0.5):
                pass  # absent
            else:
                rec["golongan"] = GOLONGAN[rng.randint(0, 9)]
        elif pppk:
            if self.chance(0.15):
                rec["golongan"] = GOLONGAN[rng.randint(4, 12)]
        elif self.chance(0.95):
            rec["golongan"] = GOLONGAN[rng.randint(8, 15)]

        # --- pendidikan ---
        if "pendidikan" in knobs:
            if self.chance(0.5):
                pendidikan = []
            else:
                pendidikan = [{"jenjang": self.pick(["SD", "SMP", "SMA", "D1", "D2", "D3"]),
                               "jurusan": "Sastra Inggris", "rumpun": "Bahasa"}]
        else:
            pendidikan = []
            for _ in range(self.pick([1, 1, 2, 2, 3])):
                jurusan = self.pick(list(JURUSAN))
                pendidikan.append({"jenjang": self.pick(["D3", "D4", "S1", "S1", "S2", "S2", "S3"]),
                                   "jurusan": jurusan, "rumpun": JURUSAN[jurusan]})
        self.optional_list(rec, "pendidikan", pendidikan)

        # --- current position and its tmt ---
        jabatan = self.jabatan_like()
        tmt = D - days(rng.randint(2 * 365 + 5, 5 * 365 - 5))
        if "tmt" in knobs:
            kind = self.pick(["masa2", "masa2", "rotasi5", "leap", "future", "today", "yesterday"])
            if kind == "masa2":
                tmt = add_years(D, -2) + days(self.delta())
            elif kind == "rotasi5":
                tmt = add_years(D, -5) + days(self.delta())
            elif kind == "leap":
                tmt = self.leap_day_near(D.year - self.pick([2, 2, 5, 1]))
            elif kind == "future":
                tmt = D + days(rng.randint(1, 400))
            elif kind == "today":
                tmt = D
            else:
                tmt = D - ONE_DAY
        elif self.chance(0.2):
            tmt = D - days(rng.randint(5 * 365, 9 * 365))  # due for rotation
        monev = "monev" in knobs
        if monev:
            kind = self.pick(["inside", "inside", "inside", "edge", "outside", "leap"])
            if kind == "inside":
                tmt = D - days(rng.randint(0, 2 * 365))
            elif kind == "edge":
                tmt = add_years(D, -2)
            elif kind == "outside":
                tmt = add_years(D, -2) - ONE_DAY
            else:
                tmt = self.leap_day_near(D.year - 1)
        if ("formasi" in knobs or monev or self.chance(0.15)) and self.positions:
            target = self.pick(self.positions)
            jabatan["formasi"] = target["id"]
            if self.chance(0.7):  # usually consistent with the position it names
                jabatan["nama"] = target["nama"]
                jabatan["jenis"] = target["jenis"]
                jabatan.pop("jenjang", None)
                if "jenjang" in target:
                    jabatan["jenjang"] = target["jenjang"]
                jabatan["unit_kerja"] = target["unit_kerja"]
                jabatan["bidang"] = target["bidang"]
        elif self.chance(0.05):
            jabatan["formasi"] = "F-9%02d" % rng.randint(0, 99)  # names no known position
        jabatan["tmt"] = tmt
        rec["jabatan"] = {k: jabatan[k] for k in
                          ("formasi", "nama", "jenis", "jenjang", "unit_kerja", "bidang", "tmt") if k in jabatan}

        # --- earlier positions (experience boundaries) ---
        history_end = min(tmt, D) - days(rng.randint(0, 30))
        riwayat = self.history(history_end, [rng.randint(200, 2200) for _ in range(self.pick([0, 1, 2, 2, 3]))])
        if "riwayat" in knobs:
            riwayat = self.boundary_history(rec["jabatan"], history_end)
        self.optional_list(rec, "riwayat_jabatan", riwayat)

        # --- trainings and certificates ---
        pelatihan = []
        for code in SERTIFIKAT:  # most employees hold some valid certificates
            if self.chance(0.5):
                entry = {"kode": code, "nama": TRAINING_NAMES[code], "selesai": D - days(rng.randint(30, 2000))}
                if self.chance(0.6):
                    entry["berlaku_sampai"] = D + days(rng.randint(100, 1500))
                pelatihan.append(entry)
        if self.chance(0.3):  # some already hold a leadership training
            pelatihan.append({"kode": self.pick(LEADERSHIP), "selesai": D - days(rng.randint(30, 2000))})
        for code in rng.sample(SERTIFIKAT + PELATIHAN + LEADERSHIP, self.pick([0, 1, 2, 3, 4])):
            entry = {"kode": code}
            if self.chance(0.7):
                entry["nama"] = TRAINING_NAMES[code]
            entry["selesai"] = D - days(rng.randint(30, 3000))
            if code in SERTIFIKAT and self.chance(0.7):
                entry["berlaku_sampai"] = D + days(rng.randint(-400, 1500))
            pelatihan.append(entry)
        if "pelatihan" in knobs:
            for code in rng.sample(SERTIFIKAT + PELATIHAN + LEADERSHIP, self.pick([1, 2, 3])):
                kind = self.pick(["done_today", "done_tomorrow", "expires_today", "expired_yesterday",
                                  "expires_tomorrow", "no_expiry"])
                entry = {"kode": code, "selesai": D - days(rng.randint(100, 1500))}
                if kind == "done_today":
                    entry["selesai"] = D
                elif kind == "done_tomorrow":
                    entry["selesai"] = D + ONE_DAY
                elif kind == "expires_today":
                    entry["berlaku_sampai"] = D
                elif kind == "expired_yesterday":
                    entry["berlaku_sampai"] = D - ONE_DAY
                elif kind == "expires_tomorrow":
                    entry["berlaku_sampai"] = D + ONE_DAY
                pelatihan.append(entry)
        self.optional_list(rec, "pelatihan", pelatihan)

        # --- competencies ---
        komp = {c: rng.randint(1, 5) for c in rng.sample(KOMPETENSI, rng.randint(0, 5))}
        self.optional_list(rec, "kompetensi", komp)

        # --- SKP ---
        skp = {}
        for year in (Y - 2, Y - 1, Y):
            if self.chance(0.97):
                skp[year] = self.pick(["Baik", "Baik", "Sangat Baik"])
        if "skp" in knobs:
            for year in (Y, Y - 1):
                kind = self.pick(["missing", "below", "Baik", "Sangat Baik"])
                if kind == "missing":
                    skp.pop(year, None)
                elif kind == "below":
                    skp[year] = self.pick(BELOW_BAIK)
                else:
                    skp[year] = kind
            if self.chance(0.3):
                skp[Y + 1] = self.pick(PREDIKAT)
        if monev:
            for year in range(tmt.year - 1, D.year + 1):
                if self.chance(0.5):
                    skp[year] = self.pick(PREDIKAT)
                elif self.chance(0.3):
                    skp.pop(year, None)
        years = sorted(skp)
        if self.chance(0.3):
            years.reverse()
        self.optional_list(rec, "skp", [{"tahun": y, "predikat": skp[y]} for y in years])

        # --- discipline ---
        hukuman = []
        if self.chance(0.1):
            hukuman.append({"tingkat": "ringan", "jenis": "teguran lisan",
                            "mulai": D - days(3000), "selesai": D - days(2900)})
        if "hukuman" in knobs:
            for _ in range(self.pick([1, 1, 2])):
                kind = self.pick(["ends_today", "ended_yesterday", "starts_today", "starts_tomorrow",
                                  "window4", "window4", "long_future"])
                tingkat = self.pick(TINGKAT)
                if kind == "ends_today":
                    mulai, selesai = D - days(rng.randint(0, 300)), D
                elif kind == "ended_yesterday":
                    mulai, selesai = D - days(rng.randint(1, 300)), D - ONE_DAY
                elif kind == "starts_today":
                    mulai, selesai = D, D + days(rng.randint(0, 300))
                elif kind == "starts_tomorrow":
                    mulai, selesai = D + ONE_DAY, D + days(rng.randint(1, 300))
                elif kind == "window4":
                    tingkat = self.pick(["sedang", "berat", "ringan"])
                    selesai = add_years(D, -4) + days(self.delta())
                    mulai = selesai - days(rng.randint(0, 365))
                else:
                    mulai, selesai = D - days(rng.randint(0, 100)), D + days(rng.randint(365, 1400))
                entry = {"tingkat": tingkat}
                if self.chance(0.5):
                    entry["jenis"] = {"ringan": "teguran tertulis", "sedang": "pemotongan tunjangan",
                                      "berat": "penurunan jabatan"}[tingkat]
                entry["mulai"] = mulai
                entry["selesai"] = selesai
                hukuman.append(entry)
        self.optional_list(rec, "hukuman_disiplin", hukuman)

        if "proses" in knobs:
            if self.chance(0.5):
                rec["proses_disiplin"] = True
        elif self.chance(0.97):
            rec["proses_disiplin"] = False

        minat = rng.sample(UNITS, self.pick([0, 1, 2, 3]))
        if self.positions and self.chance(0.4):
            unit = self.pick(self.positions)["unit_kerja"]
            if unit in minat:
                minat.remove(unit)
            minat.insert(self.pick([0, len(minat)]), unit)
        self.optional_list(rec, "minat", minat)
        return rec

    def boundary_history(self, jabatan, end):
        """Earlier positions whose matching days total exactly 4*365, 3*365 or 2*365 (+/- 1),
        or k*365 (+/- 1) in one bidang."""
        rng, D = self.rng, self.D
        target = self.pick(["pengawas", "administrator", "jpt_pratama", "bidang", "bidang"])
        if target == "bidang":
            bidang = self.pick(BIDANG)
            total = 365 * rng.randint(1, 6) + self.delta()
            if jabatan["bidang"] == bidang:
                total -= max(0, (D - jabatan["tmt"]).days)
                if total <= 0:
                    return []
            entries = self.history(end, self.split(total, self.pick([1, 2, 3])), bidang=bidang)
            other = [b for b in BIDANG if b != bidang]
            entries = self.history(entries[0]["mulai"] if entries else end,
                                   [rng.randint(100, 900)], bidang=self.pick(other)) + entries
            return entries
        base = {"pengawas": 4, "administrator": 3, "jpt_pratama": 2}[target] * 365
        total = base + self.delta()
        matching = {
            "pengawas": ["pelaksana", "fungsional"],
            "administrator": ["pengawas", "administrator"],
            "jpt_pratama": ["administrator", "jpt_pratama", ("fungsional", "ahli_madya"), ("fungsional", "ahli_utama")],
        }[target]
        nonmatching = {
            "pengawas": ["pengawas", "administrator", "jpt_pratama"],
            "administrator": ["pelaksana", ("fungsional", "ahli_madya"), "jpt_pratama"],
            "jpt_pratama": ["pelaksana", "pengawas", ("fungsional", "ahli_muda"), ("fungsional", "ahli_pertama")],
        }[target]

        def set_current(choices):
            choice = self.pick(choices)
            jenis, jenjang = choice if isinstance(choice, tuple) else (choice, None)
            jabatan["jenis"] = jenis
            jabatan.pop("jenjang", None)
            if jenjang:
                jabatan["jenjang"] = jenjang
            # keep field order stable
            for key in ("unit_kerja", "bidang", "tmt"):
                jabatan[key] = jabatan.pop(key)

        variant = self.pick(["history", "with_current", "open_entry"])
        if variant == "history":
            set_current(nonmatching)
            entries = self.history(end, self.split(total, self.pick([1, 2, 3])), matching)
        elif variant == "with_current":
            set_current(matching)
            current = max(0, (D - jabatan["tmt"]).days)
            rest = total - current
            if rest <= 0:
                return self.history(end, [rng.randint(100, 900)], nonmatching)
            entries = self.history(end, self.split(rest, self.pick([1, 2])), matching)
        else:
            set_current(nonmatching)
            choice = self.pick(matching)
            jenis, jenjang = choice if isinstance(choice, tuple) else (choice, None)
            entry = self.jabatan_like(jenis, jenjang)
            entry["mulai"] = D - days(total)
            entry["selesai"] = D + days(rng.randint(1, 500))  # still open at D: min(selesai, D) applies
            entries = [entry]
        # a non-matching entry in front, for realism
        if entries and self.chance(0.5):
            entries = self.history(entries[0]["mulai"], [rng.randint(100, 900)], nonmatching) + entries
        return entries

    def make_employees(self, count):
        return [self.employee(i) for i in range(count)]


def generate(seed, n_employees, n_positions, D, Y):
    gen = Generator(seed, D, Y)
    positions = gen.make_positions(n_positions)
    employees = gen.make_employees(n_employees)
    return employees, positions


def write_dataset(out, seed, n_employees, n_positions, D, Y):
    os.makedirs(out, exist_ok=True)
    employees, positions = generate(seed, n_employees, n_positions, D, Y)
    write_yaml(os.path.join(out, "pegawai.yaml"), employees)
    write_yaml(os.path.join(out, "formasi.yaml"), positions)
    return employees, positions


# ---------------------------------------------------------------------------
# Invalid data sets: one deliberate breach of section 1 per record
# ---------------------------------------------------------------------------

def _set_jabatan_tmt(rec, value):
    rec["jabatan"]["tmt"] = value


def _dup_skp(rec, Y):
    rec["skp"] = [{"tahun": Y, "predikat": "Baik"}, {"tahun": Y - 1, "predikat": "Baik"},
                  {"tahun": Y, "predikat": "Sangat Baik"}]


def _wrong_skp_year_type(rec, Y):
    rec["skp"] = [{"tahun": str(Y), "predikat": "Baik"}]


def _shift_birth(rec):
    rec["tanggal_lahir"] = rec["tanggal_lahir"] + ONE_DAY


# (breach name, file, field reported, alternative fields, mutation(record, context))
EMPLOYEE_BREACHES = [
    ("nip_17_digits", "nip", [], lambda r, c: r.__setitem__("nip", r["nip"][:17])),
    ("nip_not_tanggal_lahir", "nip", ["tanggal_lahir"], lambda r, c: _shift_birth(r)),
    ("nip_is_a_number", "nip", [], lambda r, c: r.__setitem__("nip", int(r["nip"]))),
    ("duplicate_nip", "nip", [], lambda r, c: (r.__setitem__("nip", c["first"]["nip"]),
                                              r.__setitem__("tanggal_lahir", c["first"]["tanggal_lahir"]))),
    ("golongan_IV_f", "golongan", [], lambda r, c: r.__setitem__("golongan", "IV/f")),
    ("date_2023_02_29", "jabatan.tmt", ["jabatan"], lambda r, c: _set_jabatan_tmt(r, InvalidDateText("2023-02-29"))),
    ("duplicate_skp_year", "skp", [], lambda r, c: _dup_skp(r, c["Y"])),
    ("skp_year_is_text", "skp", [], lambda r, c: _wrong_skp_year_type(r, c["Y"])),
    ("kompetensi_level_7", "kompetensi", [], lambda r, c: r.__setitem__("kompetensi", {"Analisis Data": 7})),
    ("kompetensi_level_0", "kompetensi", [], lambda r, c: r.__setitem__("kompetensi", {"Audit Internal": 0})),
    ("missing_nama", "nama", [], lambda r, c: r.pop("nama")),
    ("missing_jabatan_tmt", "jabatan.tmt", ["jabatan"], lambda r, c: r["jabatan"].pop("tmt")),
    ("proses_disiplin_is_text", "proses_disiplin", [], lambda r, c: r.__setitem__("proses_disiplin", "ya")),
    ("minat_is_text", "minat", [], lambda r, c: r.__setitem__("minat", "Bappeda")),
    ("unknown_status", "status", [], lambda r, c: r.__setitem__("status", "pensiun")),
    ("unknown_jenjang_pendidikan", "pendidikan", [], lambda r, c: r.__setitem__(
        "pendidikan", [{"jenjang": "S4", "jurusan": "Akuntansi", "rumpun": "Ekonomi"}])),
    ("unknown_tingkat_hukuman", "hukuman_disiplin", [], lambda r, c: r.__setitem__(
        "hukuman_disiplin", [{"tingkat": "sangat_berat", "mulai": datetime.date(2020, 1, 1),
                              "selesai": datetime.date(2020, 6, 30)}])),
]

POSITION_BREACHES = [
    ("duplicate_position_id", "id", [], lambda r, c: r.__setitem__("id", c["first"]["id"])),
    ("formasi_kompetensi_level_7", "kompetensi", [], lambda r, c: r.__setitem__("kompetensi", {"Audit Internal": 7})),
    ("missing_pendidikan_minimal", "pendidikan_minimal", [], lambda r, c: r.pop("pendidikan_minimal")),
    ("kebutuhan_is_text", "kebutuhan", [], lambda r, c: r.__setitem__("kebutuhan", "dua")),
    ("unknown_jenis_jabatan", "jenis", [], lambda r, c: r.__setitem__("jenis", "eselon_iii")),
    ("golongan_minimal_IV_f", "golongan_minimal", [], lambda r, c: r.__setitem__("golongan_minimal", "IV/f")),
]

BREACH_NAMES = [b[0] for b in EMPLOYEE_BREACHES + POSITION_BREACHES]


def clean_employee(gen, index):
    """A valid employee with every field present, so that any one mutation is the only problem."""
    rec = gen.employee(index)
    rec["golongan"] = rec.get("golongan", "III/b")
    rec["jenis_asn"] = "PNS"
    rec.setdefault("kompetensi", {"Analisis Data": 3})
    rec.setdefault("skp", [{"tahun": gen.Y, "predikat": "Baik"}])
    rec.setdefault("pendidikan", [{"jenjang": "S1", "jurusan": "Akuntansi", "rumpun": "Ekonomi"}])
    return rec


def write_invalid(out, seed, D=None, Y=None, only=None):
    """Writes a data set with one breach per record (after two clean records per file) and
    expected_errors.json.  `only` restricts it to one named breach."""
    D = D or datetime.date(2026, 1, 1)
    Y = Y if Y is not None else D.year - 1
    gen = Generator(seed, D, Y)
    positions = [gen.position(i, JENIS[i % len(JENIS)]) for i in range(2)]
    gen.positions = positions
    employees = [clean_employee(gen, i) for i in range(2)]
    context = {"Y": Y}
    expected = []
    for name, field, alternatives, mutate in EMPLOYEE_BREACHES:
        if only is not None and name != only:
            continue
        rec = clean_employee(gen, len(employees))
        context["first"] = employees[0]
        mutate(rec, context)
        expected.append({"file": "pegawai.yaml", "index": len(employees), "field": field,
                         "alternative_fields": alternatives, "breach": name})
        employees.append(rec)
    for name, field, alternatives, mutate in POSITION_BREACHES:
        if only is not None and name != only:
            continue
        rec = gen.position(len(positions), gen.pick(JENIS))
        rec["id"] = "F-%03d" % (len(positions) + 1)
        context["first"] = positions[0]
        mutate(rec, context)
        expected.append({"file": "formasi.yaml", "index": len(positions), "field": field,
                         "alternative_fields": alternatives, "breach": name})
        positions.append(rec)
    os.makedirs(out, exist_ok=True)
    write_yaml(os.path.join(out, "pegawai.yaml"), employees)
    write_yaml(os.path.join(out, "formasi.yaml"), positions)
    with open(os.path.join(out, "expected_errors.json"), "w", encoding="utf-8") as handle:
        json.dump(expected, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return expected


# ---------------------------------------------------------------------------

def parse_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected YYYY-MM-DD, got %r" % text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--employees", type=int, default=20)
    parser.add_argument("--positions", type=int, default=10)
    parser.add_argument("--out", required=True)
    parser.add_argument("--as-of", type=parse_date, default=datetime.date(2026, 1, 1),
                        help="the evaluation date D the boundaries are built around (default 2026-01-01)")
    parser.add_argument("--assessment-year", type=int, default=None, help="default: year(as-of) - 1")
    parser.add_argument("--invalid", action="store_true", help="write an invalid data set instead")
    parser.add_argument("--only", choices=BREACH_NAMES, metavar="BREACH",
                        help="with --invalid: only this breach (one of: %s)" % ", ".join(BREACH_NAMES))
    args = parser.parse_args(argv)
    Y = args.assessment_year if args.assessment_year is not None else args.as_of.year - 1
    if args.invalid:
        expected = write_invalid(args.out, args.seed, args.as_of, Y, args.only)
        print("wrote %d breaches to %s" % (len(expected), args.out), file=sys.stderr)
    else:
        write_dataset(args.out, args.seed, args.employees, args.positions, args.as_of, Y)
    return 0


if __name__ == "__main__":
    sys.exit(main())
