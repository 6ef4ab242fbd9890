//! The `mutasi` command: see `mutasi --help` and the README.

fn main() -> std::process::ExitCode {
    mutasi::cli::run()
}
