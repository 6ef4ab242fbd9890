//! `mutasi why NIP [POSITION]`: why an employee is (not) eligible, readable and citable.

use clap::Args;

use super::eval::prepare;
use super::output::Stdout;
use super::{DataArgs, Failure, exit};
use crate::eval::{Outcome, Session};
use crate::explain::explain_pair;
use crate::lang::Lang;
use crate::report::show::Shower;
use crate::report::why::Why;
use crate::report::{Keys, text_field};

#[derive(Debug, Args)]
pub struct WhyArgs {
    /// NIP pegawai.
    pub nip: String,

    /// Id formasi; tanpa ini, ringkasan semua formasi untuk pegawai itu.
    pub position: Option<String>,

    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(args: &WhyArgs, lang: Lang) -> Result<(), Failure> {
    let prepared = prepare(&args.data, lang)?;
    let rules = &prepared.rules.checked.rules;
    let symbols = &prepared.symbols;
    let keys = Keys::of(rules);
    let employees = &prepared.data.employees.records;
    let positions = &prepared.data.positions.records;
    let Some(employee) = employees
        .iter()
        .find(|e| text_field(e, Some(keys.employee_key), symbols) == args.nip)
    else {
        return Err(not_found(
            lang,
            "NIP",
            &args.nip,
            &args.data.employees.display().to_string(),
        ));
    };
    let why = Why {
        rules,
        show: Shower {
            schema: &rules.schema,
            symbols,
            sources: &prepared.rules.sources,
            lang,
        },
        keys,
        as_of: prepared.engine.as_of,
        assessment_year: prepared.engine.assessment_year,
    };
    let position_slots = prepared.engine.position_slots(symbols, positions);
    let tables = crate::eval::interp::Tables::new(&rules.schema, employees, positions);
    let text = match &args.position {
        Some(id) => {
            let Some(index) = positions
                .iter()
                .position(|p| text_field(p, Some(keys.position_key), symbols) == id.as_str())
            else {
                return Err(not_found(
                    lang,
                    pick_position(lang),
                    id,
                    &args.data.positions.display().to_string(),
                ));
            };
            let (Some(position), Some(slots)) = (positions.get(index), position_slots.get(index))
            else {
                return Err(not_found(
                    lang,
                    pick_position(lang),
                    id,
                    &args.data.positions.display().to_string(),
                ));
            };
            let explanation = explain_pair(
                &prepared.engine,
                symbols,
                employee,
                position,
                slots,
                Some(&tables),
            );
            why.pair(&explanation)
        }
        None => {
            let mut session = Session::new(&prepared.engine, symbols);
            session.set_tables(&tables);
            session.employee(employee);
            let rows: Vec<_> = positions
                .iter()
                .zip(&position_slots)
                .map(|(position, slots)| {
                    let mut outcome = Outcome::empty();
                    session.decide(position, slots, &mut outcome);
                    (position, outcome)
                })
                .collect();
            why.employee(employee, &rows)
        }
    };
    Stdout::print(lang, text.as_bytes())
}

fn pick_position(lang: Lang) -> &'static str {
    crate::lang::pick(lang, "formasi", "position")
}

fn not_found(lang: Lang, what: &str, value: &str, file: &str) -> Failure {
    let message = match lang {
        Lang::Id => format!("{what} `{value}` tidak ada di `{file}`"),
        Lang::En => format!("{what} `{value}` is not in `{file}`"),
    };
    Failure::message(message, exit::USAGE)
}
