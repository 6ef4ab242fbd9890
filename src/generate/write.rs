//! Records as text: a small tree of values, written as a YAML block-list item (the layout
//! serde_yaml and PyYAML produce) or as one compact JSON line.
//!
//! One record is rendered at a time into a reused buffer, so a file of any size streams.

use crate::date::Date;

/// A field value of a generated record.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Text(&'a str),
    Date(Date),
    Integer(i64),
    Bool(bool),
    List(Vec<Value<'a>>),
    /// Fields in the order they are written.
    Map(Vec<(&'a str, Value<'a>)>),
}

/// Appends `record` as an item of a YAML block list at column 0 (`- key: value`, then the
/// other fields indented by two spaces).
pub fn yaml_item(record: &Value<'_>, out: &mut Vec<u8>) {
    out.extend_from_slice(b"- ");
    yaml_inline(record, 2, out);
}

/// A value that follows `- ` (its first line continues the current one).
fn yaml_inline(value: &Value<'_>, indent: usize, out: &mut Vec<u8>) {
    match value {
        Value::Map(entries) if !entries.is_empty() => yaml_map(entries, indent, true, out),
        Value::List(items) if !items.is_empty() => yaml_list(items, indent, true, out),
        scalar => {
            yaml_scalar(scalar, out);
            out.push(b'\n');
        }
    }
}

fn yaml_map(entries: &[(&str, Value<'_>)], indent: usize, inline: bool, out: &mut Vec<u8>) {
    for (index, (key, value)) in entries.iter().enumerate() {
        if index > 0 || !inline {
            pad(indent, out);
        }
        yaml_text(key, out);
        out.push(b':');
        match value {
            // Block lists sit at their key's indentation, as serde_yaml writes them.
            Value::List(items) if !items.is_empty() => {
                out.push(b'\n');
                yaml_list(items, indent, false, out);
            }
            Value::Map(inner) if !inner.is_empty() => {
                out.push(b'\n');
                yaml_map(inner, indent + 2, false, out);
            }
            scalar => {
                out.push(b' ');
                yaml_scalar(scalar, out);
                out.push(b'\n');
            }
        }
    }
}

fn yaml_list(items: &[Value<'_>], indent: usize, inline: bool, out: &mut Vec<u8>) {
    for (index, item) in items.iter().enumerate() {
        if index > 0 || !inline {
            pad(indent, out);
        }
        out.extend_from_slice(b"- ");
        yaml_inline(item, indent + 2, out);
    }
}

/// A scalar, or the flow form of an empty list or map.
fn yaml_scalar(value: &Value<'_>, out: &mut Vec<u8>) {
    match value {
        Value::Text(text) => yaml_text(text, out),
        Value::Date(date) => date.write_iso(out),
        Value::Integer(n) => out.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes()),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::List(_) => out.extend_from_slice(b"[]"),
        Value::Map(_) => out.extend_from_slice(b"{}"),
    }
}

/// Text plain when YAML reads it back as the same text, else single-quoted.
fn yaml_text(text: &str, out: &mut Vec<u8>) {
    if plain(text) {
        out.extend_from_slice(text.as_bytes());
    } else {
        out.push(b'\'');
        for part in text.split_inclusive('\'') {
            out.extend_from_slice(part.as_bytes());
            if part.ends_with('\'') {
                out.push(b'\'');
            }
        }
        out.push(b'\'');
    }
}

/// Conservative: a letter first, then letters, digits, spaces and a little punctuation; no
/// word YAML 1.1 or 1.2 reads as a boolean or null.
fn plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    const RESERVED: [&str; 11] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    first.is_ascii_alphabetic()
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " ./,()_-".contains(c))
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(text))
}

fn pad(indent: usize, out: &mut Vec<u8>) {
    out.resize(out.len() + indent, b' ');
}

/// Appends `record` as one compact JSON line (with its newline).
pub fn json_line(record: &Value<'_>, out: &mut Vec<u8>) {
    json(record, out);
    out.push(b'\n');
}

fn json(value: &Value<'_>, out: &mut Vec<u8>) {
    match value {
        Value::Text(text) => json_text(text, out),
        Value::Date(date) => {
            out.push(b'"');
            date.write_iso(out);
            out.push(b'"');
        }
        Value::Integer(n) => out.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes()),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::List(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                json(item, out);
            }
            out.push(b']');
        }
        Value::Map(entries) => {
            out.push(b'{');
            for (index, (key, item)) in entries.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                json_text(key, out);
                out.push(b':');
                json(item, out);
            }
            out.push(b'}');
        }
    }
}

fn json_text(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
            }
            c => {
                let mut buffer = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value<'static> {
        let date = Date::from_ymd(1985, 3, 12).unwrap();
        Value::Map(vec![
            ("nip", Value::Text("198503122010011002")),
            ("nama", Value::Text("dr. Baiq Nurul Aini, M.Kes.")),
            ("tanggal_lahir", Value::Date(date)),
            ("golongan", Value::Text("III/a")),
            (
                "pendidikan",
                Value::List(vec![Value::Map(vec![
                    ("jenjang", Value::Text("S1")),
                    ("jurusan", Value::Text("Kedokteran")),
                ])]),
            ),
            (
                "jabatan",
                Value::Map(vec![("nama", Value::Text("Dokter Ahli Muda"))]),
            ),
            (
                "kompetensi",
                Value::Map(vec![("Pengadaan Barang/Jasa", Value::Integer(3))]),
            ),
            ("skp", Value::List(vec![])),
            ("kosong", Value::Map(vec![])),
            ("proses_disiplin", Value::Bool(false)),
            ("minat", Value::List(vec![Value::Text("Dinas Kesehatan")])),
            ("kutip", Value::Text("O'Brien: ya")),
        ])
    }

    #[test]
    fn yaml_has_the_layout_of_serde_yaml() {
        let mut out = Vec::new();
        yaml_item(&sample(), &mut out);
        yaml_item(&sample(), &mut out);
        let text = String::from_utf8(out).unwrap();
        let parsed: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(serde_yaml::to_string(&parsed).unwrap(), text);
        assert!(text.starts_with("- nip: '198503122010011002'\n  nama: dr. Baiq"));
        assert!(text.contains("\n  pendidikan:\n  - jenjang: S1\n    jurusan: Kedokteran\n"));
        assert!(text.contains("\n  kompetensi:\n    Pengadaan Barang/Jasa: 3\n"));
        assert!(text.contains("\n  skp: []\n  kosong: {}\n"));
    }

    #[test]
    fn words_yaml_could_misread_are_quoted() {
        for (text, written) in [
            ("yes", "'yes'"),
            ("2021", "'2021'"),
            ("", "''"),
            ("a: b", "'a: b'"),
        ] {
            let mut out = Vec::new();
            yaml_text(text, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), written);
        }
    }

    #[test]
    fn json_lines_parse_back_to_the_same_values() {
        let mut out = Vec::new();
        json_line(&sample(), &mut out);
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("}\n") && text.lines().count() == 1);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["tanggal_lahir"], "1985-03-12");
        assert_eq!(parsed["kutip"], "O'Brien: ya");
        assert_eq!(parsed["kompetensi"]["Pengadaan Barang/Jasa"], 3);
        let yaml: serde_yaml::Value = {
            let mut out = Vec::new();
            yaml_item(&sample(), &mut out);
            serde_yaml::from_slice(&out).unwrap()
        };
        let from_yaml = serde_json::to_value(&yaml).unwrap();
        assert_eq!(from_yaml[0], parsed);
    }
}
