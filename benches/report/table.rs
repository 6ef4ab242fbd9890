//! Markdown tables with aligned columns, so the report reads well in a terminal and pastes into
//! docs/performance.md as it is.

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The first columns, which name the row, are left-aligned; the rest (numbers) right-aligned.
    text_columns: usize,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|header| (*header).to_owned()).collect(),
            rows: Vec::new(),
            text_columns: 1,
        }
    }

    /// Left-aligns the first `columns` columns.
    pub fn text_columns(mut self, columns: usize) -> Table {
        self.text_columns = columns;
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|column| {
                self.rows
                    .iter()
                    .filter_map(|row| row.get(column))
                    .chain(self.headers.get(column))
                    .map(|cell| cell.chars().count())
                    .max()
                    .unwrap_or(3)
                    .max(3)
            })
            .collect();
        let line = |cells: &[String]| {
            let padded: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(column, &width)| {
                    let cell = cells.get(column).map_or("", String::as_str);
                    if column < self.text_columns {
                        format!("{cell:<width$}")
                    } else {
                        format!("{cell:>width$}")
                    }
                })
                .collect();
            format!("| {} |\n", padded.join(" | "))
        };
        let rule: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(column, &width)| {
                let dashes = "-".repeat(width - 1);
                if column < self.text_columns {
                    format!("{dashes}-")
                } else {
                    format!("{dashes}:")
                }
            })
            .collect();
        let mut text = line(&self.headers);
        text += &format!("| {} |\n", rule.join(" | "));
        for row in &self.rows {
            text += &line(row);
        }
        text
    }
}
