//! One pair: the hard rules (POLICY.md section 2), the training owed (section 3) and the
//! decision (section 4), from the employee's [`Facts`] and the position.

use super::facts::Facts;
use super::model::Position;
use super::outcome::{Decision, Outcome, Rule};
use super::records::PostKind;
use super::score;
use super::truth::Truth;
use super::vocabulary::leadership_code;

/// Decides the pair into `out` (everything but `eligible_from`).
#[inline]
pub fn decide(facts: &Facts, position: &Position, out: &mut Outcome) {
    let fits_major = position.majors.iter().any(|&major| facts.majors.get(major));
    out.failed = Default::default();
    out.unknown = Default::default();
    let mut record = |rule: Rule, truth: Truth| match truth {
        Truth::True => {}
        Truth::False => out.failed.insert(rule),
        Truth::Unknown => out.unknown.insert(rule),
    };
    record(Rule::StatusAktif, Truth::from(facts.active));
    record(
        Rule::JenisAsn,
        Truth::from(!position.structural || facts.civil_servant),
    );
    record(
        Rule::PosisiBerbeda,
        Truth::from(facts.current_position != Some(position.key)),
    );
    record(Rule::MasaJabatan, Truth::from(facts.served_minimum));
    record(Rule::Kinerja, facts.performance);
    record(Rule::BebasHukumanDisiplin, facts.free_of_discipline);
    record(
        Rule::RiwayatHukuman,
        Truth::from(!position.structural || !facts.serious_record),
    );
    record(
        Rule::SisaMasaKerja,
        Truth::from(facts.before_retirement[position.retirement_age.index()]),
    );
    record(Rule::PendidikanMinimal, minimum_education(facts, position));
    record(Rule::GolonganMinimal, minimum_rank(facts, position));
    record(Rule::KualifikasiJurusan, major(facts, position, fits_major));
    record(
        Rule::PengalamanJabatan,
        Truth::from(
            position
                .experience
                .is_none_or(|e| facts.experienced[e.index()]),
        ),
    );
    record(
        Rule::SertifikatWajib,
        Truth::from(
            position
                .certificates
                .iter()
                .all(|&code| facts.held.get(code)),
        ),
    );
    owed_training(facts, position, &mut out.training);
    out.parts = score::parts(facts, position, fits_major);
    out.eligible_from = None;
    out.decision = if !out.failed.is_empty() {
        Decision::NotEligible
    } else if !out.unknown.is_empty() {
        Decision::NeedsReview
    } else if !out.training.is_empty() {
        Decision::EligibleAfterTraining
    } else {
        Decision::Eligible
    };
}

/// `pendidikan_minimal`: unknown only when `pendidikan` is empty.
fn minimum_education(facts: &Facts, position: &Position) -> Truth {
    match facts.highest_education {
        Some(level) => Truth::from(level >= position.min_education),
        None => Truth::Unknown,
    }
}

/// `golongan_minimal`: true when the position sets no minimum, even without golongan.
fn minimum_rank(facts: &Facts, position: &Position) -> Truth {
    match (position.min_rank, facts.rank) {
        (None, _) => Truth::True,
        (Some(_), None) => Truth::Unknown,
        (Some(minimum), Some(rank)) => Truth::from(rank >= minimum),
    }
}

/// `kualifikasi_jurusan`: fungsional positions only; an empty `jurusan_sesuai` fits no one.
fn major(facts: &Facts, position: &Position, fits_major: bool) -> Truth {
    if position.kind != PostKind::Fungsional {
        Truth::True
    } else if facts.highest_education.is_none() {
        Truth::Unknown
    } else {
        Truth::from(fits_major)
    }
}

/// Section 3: the leadership level first, then `pelatihan_wajib` (already without repeats)
/// codes not held; a code owed as leadership is not listed again.
fn owed_training(facts: &Facts, position: &Position, out: &mut Vec<super::vocabulary::Id>) {
    out.clear();
    let mut owed_leadership = None;
    if let Some(level) = position.leadership {
        if facts.leadership.is_none_or(|held| held < level) {
            let code = leadership_code(level);
            out.push(code);
            owed_leadership = Some(code);
        }
    }
    for &code in &position.trainings {
        if !facts.held.get(code) && owed_leadership != Some(code) {
            out.push(code);
        }
    }
}
