//! mutasi: rule-based decision support for the transfer (mutasi) of civil servants.
pub mod ast;
pub mod cases;
pub mod check;
pub mod cli;
pub mod data;
pub mod date;
pub mod diagnostic;
pub mod eval;
pub mod explain;
pub mod generate;
pub mod lang;
pub mod report;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod symbols;
pub mod syntax;
