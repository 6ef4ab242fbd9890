//! Names of the city's people: Sasak (Lombok), Balinese, Javanese, Malay and Islamic names in
//! the mix of a city on Lombok, with academic titles that follow the person's education.

use super::rng::Rng;
use super::vocabulary::{Education, family};

/// A person's name with titles, e.g. `dr. Baiq Nurul Aini, M.Kes.`.
pub fn name(rng: &mut Rng, female: bool, age: i64, education: &[(Education, &str)]) -> String {
    let culture = *rng
        .weighted(&[
            (Culture::SasakNoble, 13),
            (Culture::Islamic, 30),
            (Culture::Balinese, 20),
            (Culture::Javanese, 22),
            (Culture::Malay, 15),
        ])
        .unwrap_or(&Culture::Islamic);
    let mut name = String::with_capacity(48);
    let titled = rng.chance(550);
    let highest = education.last().copied();
    if titled {
        match highest {
            Some((Education::S3, _)) => name.push_str("Dr. "),
            Some((Education::S1 | Education::S2, "Kedokteran")) => name.push_str("dr. "),
            _ => {}
        }
    }
    let pilgrim = culture != Culture::Balinese && age >= 40 && rng.chance(90);
    if pilgrim {
        name.push_str(if female { "Hj. " } else { "H. " });
    }
    given_names(rng, culture, female, &mut name);
    if titled {
        for &(level, major) in education {
            if let Some(title) = degree_title(level, major) {
                name.push_str(", ");
                name.push_str(title);
            }
        }
    }
    name
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Culture {
    SasakNoble,
    Islamic,
    Balinese,
    Javanese,
    Malay,
}

fn given_names(rng: &mut Rng, culture: Culture, female: bool, out: &mut String) {
    let mut push = |part: &str| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(part);
    };
    let pick = |rng: &mut Rng, list: &[&'static str]| rng.pick(list).copied().unwrap_or("");
    match (culture, female) {
        (Culture::SasakNoble, false) => {
            push("Lalu");
            if rng.chance(350) {
                push(pick(rng, &["Muhammad", "Ahmad"]));
            }
            push(pick(rng, SASAK_MEN));
            if rng.chance(500) {
                push(pick(rng, SASAK_MEN_LAST));
            }
        }
        (Culture::SasakNoble, true) => {
            push("Baiq");
            if rng.chance(250) {
                push(pick(rng, &["Nurul", "Siti", "Sri"]));
            }
            push(pick(rng, SASAK_WOMEN));
            if rng.chance(500) {
                push(pick(rng, SASAK_WOMEN_LAST));
            }
        }
        (Culture::Islamic, false) => two_part(rng, ISLAMIC_MEN, ISLAMIC_MEN_LAST, 800, &mut push),
        (Culture::Islamic, true) => {
            two_part(rng, ISLAMIC_WOMEN, ISLAMIC_WOMEN_LAST, 800, &mut push)
        }
        (Culture::Balinese, false) => {
            push(
                rng.weighted(BALINESE_MEN_PREFIX)
                    .copied()
                    .unwrap_or("I Made"),
            );
            push(pick(rng, BALINESE_MEN));
        }
        (Culture::Balinese, true) => {
            push(
                rng.weighted(BALINESE_WOMEN_PREFIX)
                    .copied()
                    .unwrap_or("Ni Made"),
            );
            push(pick(rng, BALINESE_WOMEN));
        }
        (Culture::Javanese, false) if rng.chance(120) => push(pick(rng, JAVANESE_MEN_SINGLE)),
        (Culture::Javanese, false) => {
            two_part(rng, JAVANESE_MEN, JAVANESE_MEN_LAST, 900, &mut push)
        }
        (Culture::Javanese, true) if rng.chance(100) => push(pick(rng, JAVANESE_WOMEN_SINGLE)),
        (Culture::Javanese, true) => {
            two_part(rng, JAVANESE_WOMEN, JAVANESE_WOMEN_LAST, 900, &mut push);
        }
        (Culture::Malay, false) => two_part(rng, MALAY_MEN, MALAY_MEN_LAST, 850, &mut push),
        (Culture::Malay, true) => two_part(rng, MALAY_WOMEN, MALAY_WOMEN_LAST, 850, &mut push),
    }
}

/// A first name, then a second one with probability `second` per mille.
fn two_part(
    rng: &mut Rng,
    first: &[&'static str],
    last: &[&'static str],
    second: u32,
    push: &mut dyn FnMut(&str),
) {
    let given = rng.pick(first).copied().unwrap_or("");
    push(given);
    // These open a name and never stand alone.
    let opening = [
        "Muhammad", "Ahmad", "Abdul", "Nur", "Siti", "Nurul", "Sri", "Dwi", "Tri",
    ];
    if opening.contains(&given) || rng.chance(second) {
        let mut other = rng.pick(last).copied().unwrap_or("");
        if other == given {
            other = rng.pick(last).copied().unwrap_or("");
        }
        if other != given {
            push(other);
        }
    }
}

/// The academic title a degree gives (`None` for school).
fn degree_title(level: Education, major: &str) -> Option<&'static str> {
    let fam = family(major);
    Some(match level {
        Education::Sma => return None,
        Education::D3 => match major {
            "Keperawatan" => "A.Md.Kep.",
            "Kebidanan" => "A.Md.Keb.",
            "Farmasi" => "A.Md.Farm.",
            _ => "A.Md.",
        },
        Education::D4 => "S.Tr.",
        Education::S1 => s1_title(major, fam)?,
        Education::S2 => match fam {
            "Ekonomi" => "M.M.",
            "Hukum" => "M.H.",
            "Kesehatan" => "M.Kes.",
            "Teknik" => "M.T.",
            "Ilmu Komputer" => "M.Kom.",
            "Pendidikan" => "M.Pd.",
            "Psikologi" => "M.Psi.",
            "Administrasi" => "M.AP.",
            _ => "M.Si.",
        },
        Education::S3 => return None,
    })
}

fn s1_title(major: &str, fam: &str) -> Option<&'static str> {
    Some(match major {
        "Kedokteran" => return None,
        "Keperawatan" => "S.Kep., Ns.",
        "Farmasi" => "S.Farm., Apt.",
        "Kesehatan Masyarakat" | "Kesehatan Lingkungan" => "S.K.M.",
        "Gizi" => "S.Gz.",
        "Kebidanan" => "S.Keb.",
        "Ilmu Hukum" => "S.H.",
        "Ilmu Pemerintahan" => "S.IP.",
        "Psikologi" => "S.Psi.",
        "Statistika" => "S.Stat.",
        "Arsitektur" => "S.Ars.",
        _ => match fam {
            "Ekonomi" => "S.E.",
            "Teknik" => "S.T.",
            "Ilmu Komputer" => "S.Kom.",
            "Pendidikan" => "S.Pd.",
            "Matematika dan IPA" => "S.Si.",
            "Kesehatan" => "S.Tr.Kes.",
            _ => "S.Sos.",
        },
    })
}

const SASAK_MEN: &[&str] = &[
    "Zainul",
    "Hamdani",
    "Supardi",
    "Wirajaya",
    "Satria",
    "Fathurrahman",
    "Suryadi",
    "Azhar",
    "Budiman",
    "Zulkarnain",
    "Herman",
    "Habiburrahman",
    "Kusnadi",
    "Marzuki",
    "Sahrul",
    "Gita",
    "Iwan",
    "Agus",
    "Didik",
    "Anggawa",
    "Sahnan",
    "Ramli",
];
const SASAK_MEN_LAST: &[&str] = &[
    "Hamdani",
    "Wirawan",
    "Saputra",
    "Kurniawan",
    "Hidayat",
    "Zulkifli",
    "Maulana",
    "Fauzi",
    "Ramdhani",
    "Irawan",
    "Jayadi",
    "Sukardi",
    "Wardana",
];
const SASAK_WOMEN: &[&str] = &[
    "Rina",
    "Wahyuni",
    "Hikmah",
    "Aini",
    "Laila",
    "Yuniarti",
    "Fitriani",
    "Rahmi",
    "Nuraini",
    "Hidayati",
    "Mardiana",
    "Sumarni",
    "Zuhriah",
    "Eka",
    "Dian",
    "Lale",
    "Sri Wahyuni",
    "Atika",
];
const SASAK_WOMEN_LAST: &[&str] = &[
    "Hidayati",
    "Aini",
    "Rahmawati",
    "Susanti",
    "Wulandari",
    "Apriani",
    "Yulianti",
    "Mardiyah",
    "Handayani",
    "Septiani",
    "Komalasari",
];
const ISLAMIC_MEN: &[&str] = &[
    "Muhammad",
    "Ahmad",
    "Abdul",
    "Nur",
    "Hasan",
    "Zainal",
    "Mahsun",
    "Saiful",
    "Syamsul",
    "Husni",
    "Khairul",
    "Sahabudin",
    "Rusdi",
    "Fauzan",
    "Irfan",
    "Rizki",
    "Lukman",
    "Taufik",
    "Jumadil",
    "Mustafa",
    "Hamzah",
    "Ismail",
];
const ISLAMIC_MEN_LAST: &[&str] = &[
    "Saleh", "Hakim", "Rahman", "Abidin", "Hamid", "Ihsan", "Fikri", "Amin", "Anwar", "Huda",
    "Ramadhan", "Zaini", "Mansur", "Hasyim", "Ridwan", "Kholid", "Arifin", "Syukri",
];
const ISLAMIC_WOMEN: &[&str] = &[
    "Siti",
    "Nur",
    "Aisyah",
    "Fatimah",
    "Nurul",
    "Khairunnisa",
    "Hajar",
    "Zahratul",
    "Rabiatul",
    "Mariam",
    "Halimah",
    "Sakinah",
    "Annisa",
    "Ulfa",
    "Rohani",
    "Husnul",
    "Zulaikha",
];
const ISLAMIC_WOMEN_LAST: &[&str] = &[
    "Aminah",
    "Hasanah",
    "Rahmawati",
    "Khotimah",
    "Jannah",
    "Aini",
    "Fadilah",
    "Azizah",
    "Maulida",
    "Zakiah",
    "Mutmainah",
    "Hidayah",
    "Safitri",
    "Marlina",
    "Nurhayati",
    "Hafsah",
];
const BALINESE_MEN_PREFIX: &[(&str, u32)] = &[
    ("I Wayan", 20),
    ("I Putu", 12),
    ("I Gede", 10),
    ("I Made", 18),
    ("I Kadek", 8),
    ("I Nyoman", 12),
    ("I Komang", 6),
    ("I Ketut", 10),
    ("I Gusti Ngurah", 6),
    ("I Gusti Bagus", 3),
    ("Anak Agung Gede", 3),
    ("Ida Bagus", 4),
];
const BALINESE_MEN: &[&str] = &[
    "Sudarsana",
    "Artawan",
    "Suardika",
    "Wirawan",
    "Mahendra",
    "Budiarta",
    "Suparta",
    "Adnyana",
    "Sukadana",
    "Arsana",
    "Darmawan",
    "Wiratama",
    "Sutama",
    "Gunawan",
    "Astawa",
    "Yasa",
    "Widiada",
    "Suarjana",
    "Kariasa",
    "Dharma Putra",
    "Agus Pranata",
    "Eka Saputra",
];
const BALINESE_WOMEN_PREFIX: &[(&str, u32)] = &[
    ("Ni Luh", 12),
    ("Ni Putu", 12),
    ("Ni Wayan", 12),
    ("Ni Made", 14),
    ("Ni Kadek", 8),
    ("Ni Nyoman", 10),
    ("Ni Komang", 6),
    ("Ni Ketut", 8),
    ("Ni Luh Putu", 5),
    ("I Gusti Ayu", 6),
    ("Anak Agung Ayu", 3),
    ("Ida Ayu", 4),
];
const BALINESE_WOMEN: &[&str] = &[
    "Sri Wahyuni",
    "Ariani",
    "Suryani",
    "Wulandari",
    "Sukmawati",
    "Purnamasari",
    "Dewi Lestari",
    "Ayu Lestari",
    "Sri Astuti",
    "Kartini",
    "Sudiarti",
    "Mirayanti",
    "Eka Pratiwi",
    "Ratna Dewi",
    "Widiastuti",
    "Novi Antari",
    "Desi Ariani",
    "Yuniartini",
    "Sukasih",
];
const JAVANESE_MEN: &[&str] = &[
    "Budi", "Agus", "Bambang", "Eko", "Joko", "Dwi", "Teguh", "Heru", "Slamet", "Wahyu", "Hari",
    "Yudi", "Bayu", "Arif", "Dedy", "Andi", "Rudi", "Tri", "Adi", "Aris",
];
const JAVANESE_MEN_LAST: &[&str] = &[
    "Santoso",
    "Prasetyo",
    "Nugroho",
    "Wibowo",
    "Setiawan",
    "Susanto",
    "Purnomo",
    "Hartono",
    "Kurniawan",
    "Pratama",
    "Utomo",
    "Saputro",
    "Wijaya",
    "Hidayat",
    "Cahyono",
    "Sulistyo",
];
const JAVANESE_MEN_SINGLE: &[&str] = &[
    "Suparman", "Sutrisno", "Sugiarto", "Mulyadi", "Sumarno", "Suwandi", "Paijo", "Waluyo",
];
const JAVANESE_WOMEN: &[&str] = &[
    "Sri", "Dewi", "Rina", "Endang", "Tri", "Yuli", "Dwi", "Ratna", "Indah", "Fitri", "Nining",
    "Wulan", "Ayu", "Putri", "Diah", "Retno", "Ika", "Anisa", "Lestari", "Novi",
];
const JAVANESE_WOMEN_LAST: &[&str] = &[
    "Wahyuni",
    "Lestari",
    "Rahayu",
    "Handayani",
    "Susanti",
    "Kusumawati",
    "Widiastuti",
    "Purwanti",
    "Setyaningsih",
    "Rahmawati",
    "Wulandari",
    "Maharani",
    "Permatasari",
    "Puspitasari",
    "Astuti",
    "Ningsih",
];
const JAVANESE_WOMEN_SINGLE: &[&str] = &["Sumarni", "Suharti", "Sulastri", "Sukarti", "Painem"];
const MALAY_MEN: &[&str] = &[
    "Hendra", "Fadli", "Rizal", "Irwan", "Dedi", "Zulfikar", "Syahrul", "Rahmat", "Hendri",
    "Yusuf", "Faisal", "Andri", "Ilham", "Reza", "Firman", "Dimas", "Fajar", "Gilang", "Robby",
    "Arya",
];
const MALAY_MEN_LAST: &[&str] = &[
    "Syahputra",
    "Firmansyah",
    "Siregar",
    "Nasution",
    "Lubis",
    "Harahap",
    "Syahrir",
    "Effendi",
    "Tanjung",
    "Rahman",
    "Permana",
    "Saputra",
    "Gunawan",
    "Hermawan",
    "Ramadhan",
    "Aditya",
];
const MALAY_WOMEN: &[&str] = &[
    "Rina", "Yanti", "Sari", "Nova", "Mega", "Rika", "Lina", "Melati", "Citra", "Vina", "Nadia",
    "Intan", "Ratih", "Dina", "Eka", "Maya", "Yulia", "Rani", "Tika", "Sinta",
];
const MALAY_WOMEN_LAST: &[&str] = &[
    "Marlina",
    "Novitasari",
    "Andriani",
    "Oktaviani",
    "Safitri",
    "Anggraini",
    "Sari",
    "Amelia",
    "Fitriani",
    "Yuliani",
    "Puspita",
    "Kartika",
    "Lestari",
    "Damayanti",
    "Agustina",
    "Pertiwi",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_words_with_titles_after_a_comma() {
        let mut rng = Rng::stream(1, 0, 0);
        for i in 0..2000 {
            let education = [(Education::Sma, "IPA"), (Education::S1, "Kedokteran")];
            let name = name(&mut rng, i % 2 == 0, 45, &education);
            assert!(!name.is_empty() && !name.contains("  ") && !name.ends_with(' '));
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_alphabetic() || " .,-".contains(c))
            );
        }
    }

    #[test]
    fn a_doctor_is_titled_in_front() {
        assert_eq!(degree_title(Education::S1, "Kedokteran"), None);
        assert_eq!(
            degree_title(Education::S1, "Keperawatan"),
            Some("S.Kep., Ns.")
        );
        assert_eq!(
            degree_title(Education::S2, "Kesehatan Masyarakat"),
            Some("M.Kes.")
        );
    }
}
