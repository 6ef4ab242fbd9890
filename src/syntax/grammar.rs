//! The pest parser generated from `grammar/mutasi.pest`.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/mutasi.pest"]
pub struct MutasiParser;
