//! The `mutasi` command: see `mutasi --help` and the README.

/// Records are trees of small allocations (a list and its records each one), made and read by
/// every thread; mimalloc serves them faster than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    mutasi::cli::run()
}
