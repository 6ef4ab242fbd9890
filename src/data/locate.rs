//! From a path in a file (`[3].jabatan.tmt`) back to its line and column.
//!
//! serde reports a position only for the error that stops it, so to find where a value is, the
//! file is read again by a visitor that walks down the path and fails exactly there. Only
//! problems and explained facts are located this way, never the bulk of a load.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::problem::PathSeg;
use super::seed::KeyText;

/// The marker of the error this module raises on purpose.
const HERE: &str = "mutasi:here";

/// Line and column (1-based) of the value at `path` in a YAML text, or of the nearest
/// enclosing value that exists.
pub fn in_yaml(text: &str, path: &[PathSeg]) -> Option<(usize, usize)> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    match (Walk { path }).deserialize(deserializer) {
        Ok(()) => None,
        Err(error) => error.location().map(|l| (l.line(), l.column())),
    }
}

/// Line and column (1-based) of the value at `path` in a JSON text.
pub fn in_json(text: &str, path: &[PathSeg]) -> Option<(usize, usize)> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match (Walk { path }).deserialize(&mut deserializer) {
        Ok(()) => None,
        Err(error) if error.line() > 0 => {
            let line = text.lines().nth(error.line() - 1).unwrap_or("");
            Some((error.line(), json_token_start(line, error.column())))
        }
        Err(_) => None,
    }
}

/// The end of the JSON value that starts at byte `start` of `text`: where an underline under
/// it stops. A JSON Lines record is one line, so the line's end would underline the rest of
/// the record.
pub fn json_value_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<IgnoredAny>();
    match values.next()? {
        Ok(_) => Some(start + values.byte_offset()),
        Err(_) => None,
    }
}

/// serde_json reports the position where a value ends; the value starts at the opening quote
/// of a string, or at the first character of a number or word.
fn json_token_start(line: &str, column: usize) -> usize {
    let bytes = line.as_bytes();
    let Some(mut at) = column.checked_sub(1).filter(|&at| at < bytes.len()) else {
        return column;
    };
    match bytes.get(at) {
        Some(b'"') => {
            while at > 0 {
                at -= 1;
                if bytes.get(at) == Some(&b'"') && (at == 0 || bytes.get(at - 1) != Some(&b'\\')) {
                    return at + 1;
                }
            }
            column
        }
        Some(b) if b.is_ascii_alphanumeric() || *b == b'.' || *b == b'-' => {
            while at > 0
                && bytes
                    .get(at - 1)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'-')
            {
                at -= 1;
            }
            at + 1
        }
        _ => column,
    }
}

/// Walks down `path` and fails where it ends.
struct Walk<'p> {
    path: &'p [PathSeg],
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn here<E: de::Error>() -> E {
    E::custom(HERE)
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("anything")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(here())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(here())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(here())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(here())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(here())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(here())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(here())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((PathSeg::Index(target), rest)) = self.path.split_first() else {
            return Err(here());
        };
        let mut index = 0;
        loop {
            if index == *target {
                return match seq.next_element_seed(Walk { path: rest })? {
                    Some(()) | None => Err(here()),
                };
            }
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Err(here());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let target = match self.path.split_first() {
            Some((PathSeg::Field(name) | PathSeg::Key(name), rest)) => Some((name, rest)),
            _ => None,
        };
        let Some((target, rest)) = target else {
            return Err(here());
        };
        while let Some(key) = map.next_key::<KeyText>()? {
            if key.0 == *target {
                map.next_value_seed(Walk { path: rest })?;
                return Err(here());
            }
            map.next_value::<IgnoredAny>()?;
        }
        Err(here())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "- nip: '1'\n  jabatan:\n    nama: Analis\n    tmt: 2020-01-01\n  skp:\n    - tahun: 2024\n      predikat: Baik\n- nip: '2'\n  nama: b\n";

    #[test]
    fn finds_nested_fields_in_yaml() {
        let path = [
            PathSeg::Index(0),
            PathSeg::Field("jabatan".into()),
            PathSeg::Field("tmt".into()),
        ];
        assert_eq!(in_yaml(TEXT, &path).map(|(line, _)| line), Some(4));
        let path = [
            PathSeg::Index(0),
            PathSeg::Field("skp".into()),
            PathSeg::Index(0),
            PathSeg::Field("predikat".into()),
        ];
        assert_eq!(in_yaml(TEXT, &path).map(|(line, _)| line), Some(7));
        let path = [PathSeg::Index(1), PathSeg::Field("nama".into())];
        assert_eq!(in_yaml(TEXT, &path), Some((9, 9)));
    }

    #[test]
    fn a_missing_field_is_located_at_its_record() {
        let path = [PathSeg::Index(1), PathSeg::Field("golongan".into())];
        assert_eq!(in_yaml(TEXT, &path).map(|(line, _)| line), Some(8));
    }

    #[test]
    fn finds_fields_in_json() {
        let text = "{\"nip\": \"1\", \"jabatan\": {\"tmt\": \"2020-01-01\"}}";
        let path = [
            PathSeg::Field("jabatan".into()),
            PathSeg::Field("tmt".into()),
        ];
        assert_eq!(in_json(text, &path), Some((1, 33)));
        let text = "{\"kebutuhan\": 17, \"x\": 1}";
        let path = [PathSeg::Field("kebutuhan".into())];
        assert_eq!(in_json(text, &path), Some((1, 15)));
    }
}
