//! Stage 2: [`ast::RuleSet`] -> [`CheckedRules`], or every problem found.
//!
//! Names are resolved against the declarations of the whole rules directory, types against the
//! schema it declares; the dependency graph gives the order and finds cycles. Nothing here reads
//! records: a rule set that checks cannot fail at run time with a type error.

pub mod checked;
mod error;
mod graph;
mod items;
mod names;
mod schema_builder;
mod types;
pub mod walk;

use std::collections::HashMap;

pub use checked::CheckedRules;

use crate::ast::{self, InputKind, Item};
use crate::diagnostic::Problems;
use crate::lang::Text;
use crate::source::SourceSet;
use checked::{DefId, ParamId, PrereqId, RuleId, ScoreId, TableId};
use graph::DependencyGraph;
use names::Globals;
use types::{Global, Typer};

/// Rules that passed the checker, with the warnings found on the way.
#[derive(Debug)]
pub struct Checked {
    pub rules: CheckedRules,
    pub warnings: Problems,
}

/// Checks a parsed rule set against the schema it declares.
pub fn check(rules: &ast::RuleSet, sources: &SourceSet) -> Result<Checked, Problems> {
    let mut problems = Problems::new();
    let globals = Globals::collect(rules, &mut problems);
    let schema = schema_builder::build(rules, &mut problems);
    let graph = DependencyGraph::build(rules, &globals);
    let on_cycle = graph.cycles(rules, &mut problems);
    report_missing_inputs(rules, &schema, &mut problems);

    let ids = Ids::assign(rules);
    let mut out = CheckedRules {
        schema: schema.clone(),
        ..CheckedRules::default()
    };
    let mut slots = Slots::sized(&ids);
    let mut typer = Typer::new(&schema, rules, sources);
    register_upfront(rules, &globals, &on_cycle, &mut typer);

    for index in graph.order(&on_cycle) {
        let Some(item) = rules.items.get(index) else {
            continue;
        };
        if globals.get(&item.name().text) != Some(index) {
            continue; // a duplicate, already reported
        }
        check_item(&mut typer, &ids, &mut slots, index, item);
    }

    let roots = rules
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            matches!(
                item,
                Item::Decision(_)
                    | Item::Validate(_)
                    | Item::Shortlist(_)
                    | Item::Classification(_)
            )
        })
        .map(|(i, _)| i);
    graph::report_unused(rules, &graph.reachable(roots), &mut problems);

    problems.extend(std::mem::take(&mut typer.problems));
    let mut problems = dedup(problems).sorted();
    if problems.has_errors() {
        // Fix the errors first: an item with an error is often unused only because of it.
        problems = problems
            .into_vec()
            .into_iter()
            .filter(|p| p.code != "check::unused")
            .collect();
        return Err(problems);
    }
    out.parameters = slots.parameters.into_iter().flatten().collect();
    out.definitions = slots.definitions.into_iter().flatten().collect();
    out.tables = slots.tables.into_iter().flatten().collect();
    out.rules = slots.rules.into_iter().flatten().collect();
    out.prerequisites = slots.prerequisites.into_iter().flatten().collect();
    out.scores = slots.scores.into_iter().flatten().collect();
    out.decisions = slots.decisions.into_iter().flatten().collect();
    out.validations = slots.validations.into_iter().flatten().collect();
    out.shortlists = slots.shortlists.into_iter().flatten().collect();
    out.classifications = slots.classifications.into_iter().flatten().collect();
    Ok(Checked {
        rules: out,
        warnings: problems,
    })
}

/// Ids by declaration order, so checked items keep the order they were written in.
#[derive(Default)]
struct Ids {
    by_item: HashMap<usize, u32>,
    counts: [usize; 10],
}

const PARAMETER: usize = 0;
const DEFINITION: usize = 1;
const TABLE: usize = 2;
const RULE: usize = 3;
const PREREQUISITE: usize = 4;
const SCORE: usize = 5;
const DECISION: usize = 6;
const VALIDATION: usize = 7;
const SHORTLIST: usize = 8;
const CLASSIFICATION: usize = 9;

impl Ids {
    fn assign(rules: &ast::RuleSet) -> Ids {
        let mut ids = Ids::default();
        for (index, item) in rules.items.iter().enumerate() {
            let kind = match item {
                Item::Parameter(_) => PARAMETER,
                Item::Define(d) if d.params.is_none() => DEFINITION,
                Item::Table(_) => TABLE,
                Item::Rule(_) => RULE,
                Item::Prerequisite(_) => PREREQUISITE,
                Item::Score(_) => SCORE,
                Item::Decision(_) => DECISION,
                Item::Validate(_) => VALIDATION,
                Item::Shortlist(_) => SHORTLIST,
                Item::Classification(_) => CLASSIFICATION,
                _ => continue,
            };
            let Some(count) = ids.counts.get_mut(kind) else {
                continue;
            };
            ids.by_item
                .insert(index, u32::try_from(*count).unwrap_or(u32::MAX));
            *count += 1;
        }
        ids
    }

    fn of(&self, item: usize) -> usize {
        self.by_item.get(&item).copied().unwrap_or(0) as usize
    }
}

/// Checked items, placed at their ids as they are checked in dependency order.
struct Slots {
    parameters: Vec<Option<checked::Parameter>>,
    definitions: Vec<Option<checked::Definition>>,
    tables: Vec<Option<checked::Table>>,
    rules: Vec<Option<checked::Rule>>,
    prerequisites: Vec<Option<checked::Prerequisite>>,
    scores: Vec<Option<checked::Score>>,
    decisions: Vec<Option<checked::DecisionDef>>,
    validations: Vec<Option<checked::Validation>>,
    shortlists: Vec<Option<checked::Shortlist>>,
    classifications: Vec<Option<checked::Classification>>,
}

impl Slots {
    fn sized(ids: &Ids) -> Slots {
        let n = |kind: usize| ids.counts.get(kind).copied().unwrap_or(0);
        Slots {
            parameters: vec![None; n(PARAMETER)],
            definitions: vec![None; n(DEFINITION)],
            tables: vec![None; n(TABLE)],
            rules: vec![None; n(RULE)],
            prerequisites: vec![None; n(PREREQUISITE)],
            scores: vec![None; n(SCORE)],
            decisions: vec![None; n(DECISION)],
            validations: vec![None; n(VALIDATION)],
            shortlists: vec![None; n(SHORTLIST)],
            classifications: vec![None; n(CLASSIFICATION)],
        }
    }
}

fn place<T>(slots: &mut [Option<T>], index: usize, value: T) {
    if let Some(slot) = slots.get_mut(index) {
        *slot = Some(value);
    }
}

/// Names usable before their item is checked: enums, inputs, and definitions with parameters
/// (inlined at each use). Items on a cycle are registered as unusable.
fn register_upfront(
    rules: &ast::RuleSet,
    globals: &Globals,
    on_cycle: &[bool],
    typer: &mut Typer<'_>,
) {
    for (index, item) in rules.items.iter().enumerate() {
        let name = &item.name().text;
        if globals.get(name) != Some(index) {
            continue;
        }
        let global = if on_cycle.get(index).copied().unwrap_or(false) {
            Global::Other
        } else {
            match item {
                Item::Enum(_) => match typer.schema.enum_named(name) {
                    Some(id) => Global::Enum(id),
                    None => Global::Other,
                },
                Item::Input(decl) => Global::Input(decl.kind),
                Item::Define(d) if d.params.is_some() => Global::Function(index),
                _ => Global::Other,
            }
        };
        typer.globals.insert(name.clone(), global);
    }
}

fn check_item(typer: &mut Typer<'_>, ids: &Ids, slots: &mut Slots, index: usize, item: &Item) {
    let id = ids.of(index);
    let name = item.name().text.clone();
    match item {
        Item::Parameter(decl) => {
            let parameter = items::parameter(typer, decl);
            typer.globals.insert(
                name,
                Global::Parameter(ParamId::from_index(id), parameter.ty.clone()),
            );
            place(&mut slots.parameters, id, parameter);
        }
        Item::Define(decl) if decl.params.is_none() => {
            let definition = items::definition(typer, decl);
            let global = Global::Definition(
                DefId::from_index(id),
                definition.body.ty.clone(),
                definition.body.deps,
            );
            typer.globals.insert(name, global);
            place(&mut slots.definitions, id, definition);
        }
        Item::Define(decl) => items::function_body(typer, decl),
        Item::Table(decl) => {
            let (table, params) = items::table(typer, decl);
            let global = Global::Table(
                TableId::from_index(id),
                params,
                table.result.clone(),
                decl.name.span,
            );
            typer.globals.insert(name, global);
            place(&mut slots.tables, id, table);
        }
        Item::Rule(decl) => {
            let rule = items::rule(typer, decl);
            typer
                .globals
                .insert(name, Global::Rule(RuleId::from_index(id), rule.deps));
            place(&mut slots.rules, id, rule);
        }
        Item::Prerequisite(decl) => {
            let prerequisite = items::prerequisite(typer, decl);
            place(&mut slots.prerequisites, id, prerequisite);
        }
        Item::Score(decl) => {
            let score = items::score(typer, decl);
            place(&mut slots.scores, id, score);
        }
        Item::Decision(decl) => {
            let decision = decision(typer, ids, slots, decl);
            place(&mut slots.decisions, id, decision);
        }
        Item::Validate(decl) => {
            if let Some(validation) = items::validation(typer, decl) {
                place(&mut slots.validations, id, validation);
            }
        }
        Item::Shortlist(decl) => {
            if let Some(shortlist) = items::shortlist(typer, ids, slots, decl) {
                place(&mut slots.shortlists, id, shortlist);
            }
        }
        Item::Classification(decl) => {
            if let Some(classification) = items::classification(typer, decl) {
                place(&mut slots.classifications, id, classification);
            }
        }
        Item::Enum(_) | Item::Record(_) | Item::Input(_) => {}
    }
}

fn decision(
    typer: &mut Typer<'_>,
    ids: &Ids,
    slots: &Slots,
    decl: &ast::DecisionDecl,
) -> checked::DecisionDef {
    let pair = items::decision_subjects(typer, decl);
    let mut requirements = Vec::new();
    for name in &decl.requirements {
        let Some(index) = member_item(
            typer,
            name,
            |i| matches!(i, Item::Rule(_)),
            Text::new("aturan", "rules"),
        ) else {
            continue;
        };
        let id = RuleId::from_index(ids.of(index));
        if requirements.contains(&id) {
            report_repeated(typer, name);
            continue;
        }
        if let Some(Some(rule)) = slots.rules.get(id.index()) {
            let member = items::Member {
                kind: Text::new("aturan", "rule"),
                name,
                deps: rule.deps,
            };
            items::member_subject(typer, &member, decl, pair);
        }
        requirements.push(id);
    }
    let mut prerequisites = Vec::new();
    for name in &decl.prerequisites {
        let Some(index) = member_item(
            typer,
            name,
            |i| matches!(i, Item::Prerequisite(_)),
            Text::new("prasyarat", "prerequisites"),
        ) else {
            continue;
        };
        let id = PrereqId::from_index(ids.of(index));
        if prerequisites.contains(&id) {
            report_repeated(typer, name);
            continue;
        }
        if let Some(Some(prerequisite)) = slots.prerequisites.get(id.index()) {
            let member = items::Member {
                kind: Text::new("prasyarat", "prerequisite"),
                name,
                deps: prerequisite.deps,
            };
            items::member_subject(typer, &member, decl, pair);
        }
        prerequisites.push(id);
    }
    let score = decl.score.as_ref().and_then(|name| {
        let index = member_item(
            typer,
            name,
            |i| matches!(i, Item::Score(_)),
            Text::new("skor", "scores"),
        )?;
        let id = ScoreId::from_index(ids.of(index));
        if let Some(Some(score)) = slots.scores.get(id.index()) {
            let deps = score
                .parts
                .iter()
                .fold(checked::Deps::default(), |d, p| d.union(p.value.deps));
            let member = items::Member {
                kind: Text::new("skor", "score"),
                name,
                deps,
            };
            items::member_subject(typer, &member, decl, pair);
        }
        Some(id)
    });
    let eligible_within = decl
        .eligible_from
        .as_ref()
        .map(|e| items::eligible_within(typer, e));
    checked::DecisionDef {
        name: decl.name.text.clone(),
        title: decl.title.text.clone(),
        pair,
        requirements,
        prerequisites,
        score,
        eligible_within,
        span: decl.name.span,
    }
}

/// The item a decision lists by name, if it is of the kind the list wants.
fn member_item(
    typer: &mut Typer<'_>,
    name: &ast::Name,
    wanted: impl Fn(&Item) -> bool,
    kind: Text,
) -> Option<usize> {
    let candidates: Vec<(usize, &Item)> = typer
        .rules
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| wanted(item))
        .collect();
    if let Some((index, _)) = candidates
        .iter()
        .find(|(_, item)| item.name().text == name.text)
    {
        return Some(*index);
    }
    let names: Vec<&str> = candidates
        .iter()
        .map(|(_, item)| item.name().text.as_str())
        .collect();
    let (kind_id, kind_en) = (&kind.id, &kind.en);
    let text = &name.text;
    let problem = crate::diagnostic::Problem::error(
        "check::unknown_name",
        crate::bi!(
            "tidak ada {kind_id} bernama `{text}`",
            "there are no {kind_en} named `{text}`"
        ),
    )
    .at(name.span, crate::bi!("tidak dikenal", "unknown"))
    .help_if(error::suggestion(text, &names, &kind));
    typer.problems.push(problem);
    None
}

fn report_repeated(typer: &mut Typer<'_>, name: &ast::Name) {
    let text = &name.text;
    typer.problems.push(
        crate::diagnostic::Problem::error(
            "check::repeated_member",
            crate::bi!(
                "`{text}` disebut dua kali dalam keputusan",
                "`{text}` is listed twice in the decision"
            ),
        )
        .at(name.span, crate::bi!("sebutan kedua", "second mention")),
    );
}

fn report_missing_inputs(
    rules: &ast::RuleSet,
    schema: &crate::schema::Schema,
    problems: &mut Problems,
) {
    let has_input = |kind: InputKind| schema.input(kind).is_some();
    let declares = |kind: InputKind| {
        rules
            .items
            .iter()
            .any(|i| matches!(i, Item::Input(d) if d.kind == kind))
    };
    if !has_input(InputKind::Employee) && !declares(InputKind::Employee) {
        let span = rules
            .items
            .first()
            .map(|i| i.name().span)
            .unwrap_or_default();
        problems.push(
            crate::diagnostic::Problem::error(
                "check::missing_input",
                crate::bi!(
                    "aturan tidak mendeklarasikan masukan pegawai",
                    "the rules declare no employee input"
                ),
            )
            .at(
                span,
                crate::bi!("di direktori aturan ini", "in this rules directory"),
            )
            .help(crate::bi!(
                "tambahkan `employee pegawai: Pegawai key nip` (dengan record Pegawai)",
                "add `employee pegawai: Pegawai key nip` (with a Pegawai record)"
            )),
        );
    }
}

/// The same problem found at several uses of one definition is reported once.
fn dedup(problems: Problems) -> Problems {
    let mut seen: Vec<(&'static str, Option<crate::source::Span>, String)> = Vec::new();
    let mut out = Problems::new();
    for problem in problems.into_vec() {
        let key = (problem.code, problem.span, problem.message.en.clone());
        if !seen.contains(&key) {
            seen.push(key);
            out.push(problem);
        }
    }
    out
}

/// "did you mean `x`?", or the list of names, for a name not found among `candidates`.
pub fn suggestion_text(name: &str, candidates: &[String]) -> Option<crate::lang::Text> {
    let refs: Vec<&str> = candidates.iter().map(String::as_str).collect();
    error::suggestion(name, &refs, &Text::new("nama", "names"))
}
