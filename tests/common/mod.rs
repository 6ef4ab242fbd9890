//! Helpers shared by the integration tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic
#![allow(dead_code)] // each test file uses some of these

use std::path::{Path, PathBuf};

use mutasi::check::Checked;
use mutasi::diagnostic::{Problems, to_plain_text};
use mutasi::lang::Lang;
use mutasi::source::{FileId, SourceFile, SourceSet};

/// The rules of a directory, parsed and checked; panics with the diagnostics if they fail.
pub fn rules(dir: &Path) -> (SourceSet, Checked) {
    let mut sources = SourceSet::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mutasi"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        sources.add(SourceFile::new(relative(&path), text));
    }
    let (ast, problems) = mutasi::syntax::parse(&sources);
    assert!(!problems.has_errors(), "{}", render(&problems, &sources));
    match mutasi::check::check(&ast, &sources) {
        Ok(checked) => (sources, checked),
        Err(problems) => panic!("{}", render(&problems, &sources)),
    }
}

/// The reference policy shipped in `rules/`.
pub fn reference_rules() -> (SourceSet, Checked) {
    rules(&root().join("rules"))
}

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path as shown in messages: relative to the repository.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Adds every `*.yaml` file of a directory to the sources, in name order.
pub fn add_yaml_files(sources: &mut SourceSet, dir: &Path) -> Vec<FileId> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            sources.add(SourceFile::new(relative(&path), text))
        })
        .collect()
}

pub fn render(problems: &Problems, sources: &SourceSet) -> String {
    to_plain_text(&problems.render(Lang::Id, sources))
}

/// A fresh scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
