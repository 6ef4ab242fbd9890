//! "Did you mean …?" for misspelt names.

/// The one candidate close enough to `name` to suggest, following the style guide: a single
/// candidate; else a case-insensitive match; else the closest by edit distance, when it is
/// within max(1, len/3) edits and no other candidate is as close.
pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let [only] = candidates {
        return Some(only);
    }
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(name)) {
        return Some(same);
    }
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    let mut tied = false;
    for candidate in candidates {
        let distance = edit_distance(name, candidate);
        if distance > limit {
            continue;
        }
        match best {
            Some((best_distance, _)) if distance > best_distance => {}
            Some((best_distance, _)) if distance == best_distance => tied = true,
            _ => {
                best = Some((distance, candidate));
                tied = false;
            }
        }
    }
    if tied { None } else { best.map(|(_, c)| c) }
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let delete = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insert = current.get(j).copied().unwrap_or(0) + 1;
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = substitute.min(delete).min(insert);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name_within_a_third_of_its_length() {
        let fields = ["tanggal_lahir", "tmt", "golongan", "jabatan"];
        assert_eq!(did_you_mean("tanggal_lahr", &fields), Some("tanggal_lahir"));
        assert_eq!(did_you_mean("GOLONGAN", &fields), Some("golongan"));
        assert_eq!(did_you_mean("pendidikan", &fields), None);
    }

    #[test]
    fn a_single_candidate_is_always_suggested() {
        assert_eq!(did_you_mean("anything", &["pegawai"]), Some("pegawai"));
    }

    #[test]
    fn ties_are_not_guessed() {
        assert_eq!(did_you_mean("ab", &["aa", "bb"]), None);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
