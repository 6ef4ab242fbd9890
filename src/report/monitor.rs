//! `monitor`: each employee a classification applies to, with the status given and the names
//! listed with it (JSON Lines of POLICY.md section 8, a table, CSV).

use super::eval_csv::field;
use super::{Keys, json, text_field};
use crate::check::checked::Classification;
use crate::data::Record;
use crate::eval::classify::Classified;
use crate::lang::{Lang, pick};
use crate::symbols::Symbols;

pub struct MonitorReport<'a> {
    pub classification: &'a Classification,
    pub symbols: &'a Symbols,
    pub keys: Keys,
    pub lang: Lang,
}

impl MonitorReport<'_> {
    fn status_name(&self, classified: &Classified) -> &str {
        self.classification
            .statuses
            .get(classified.status)
            .map_or("", |s| s.name.as_str())
    }

    fn status_title(&self, classified: &Classified) -> &str {
        self.classification
            .statuses
            .get(classified.status)
            .map_or("", |s| s.title.as_str())
    }

    fn names(&self, classified: &Classified) -> Vec<&str> {
        classified
            .listing
            .iter()
            .map(|s| self.symbols.resolve(*s))
            .collect()
    }

    /// `{"nip", "position", "status", "competencies": [names]}`
    pub fn jsonl(&self, out: &mut Vec<u8>, employee: &Record, classified: &Classified) {
        out.extend_from_slice(b"{\"nip\":");
        json::string(
            out,
            text_field(employee, Some(self.keys.employee_key), self.symbols),
        );
        out.extend_from_slice(b",\"position\":");
        match classified.position {
            Some(sym) => json::string(out, self.symbols.resolve(sym)),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"status\":");
        json::string(out, self.status_name(classified));
        out.extend_from_slice(b",\"competencies\":[");
        for (i, name) in self.names(classified).iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json::string(out, name);
        }
        out.extend_from_slice(b"]}\n");
    }

    pub fn csv_header(&self) -> Vec<u8> {
        b"nip,name,position,status,competencies\n".to_vec()
    }

    pub fn csv(&self, out: &mut Vec<u8>, employee: &Record, classified: &Classified) {
        let row = [
            text_field(employee, Some(self.keys.employee_key), self.symbols).to_string(),
            text_field(employee, self.keys.employee_name, self.symbols).to_string(),
            classified
                .position
                .map(|s| self.symbols.resolve(s).to_string())
                .unwrap_or_default(),
            self.status_name(classified).to_string(),
            self.names(classified).join(";"),
        ];
        for (i, value) in row.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            field(out, value);
        }
        out.push(b'\n');
    }

    pub fn table_header(&self, as_of: crate::date::Date, count: usize) -> String {
        match self.lang {
            Lang::Id => format!(
                "{} — tanggal evaluasi {as_of}, {count} pegawai dipantau\n\n",
                self.classification.title
            ),
            Lang::En => format!(
                "{} — evaluation date {as_of}, {count} employees monitored\n\n",
                self.classification.title
            ),
        }
    }

    pub fn table(&self, out: &mut String, employee: &Record, classified: &Classified) {
        let nip = text_field(employee, Some(self.keys.employee_key), self.symbols);
        let name = text_field(employee, self.keys.employee_name, self.symbols);
        let position = classified
            .position
            .map(|s| self.symbols.resolve(s))
            .unwrap_or("");
        out.push_str(&format!("{nip}  {name} — {position}\n"));
        out.push_str(&format!(
            "    {}: {}\n",
            self.status_name(classified),
            self.status_title(classified)
        ));
        let names = self.names(classified);
        if !names.is_empty() {
            out.push_str(&format!(
                "    {}: {}\n",
                pick(self.lang, "kompetensi", "competencies"),
                names.join(", ")
            ));
        }
    }
}
