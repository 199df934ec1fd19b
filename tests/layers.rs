//! The layering rules of `ARCHITECTURE.md`, checked by reading the source tree: the host never
//! imports the UI, components never import pages, only the host touches the browser's storage,
//! and neither the engine nor the pages' pure forms name a browser crate.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir` (relative to the crate root).
fn sources(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out = Vec::new();
    walk(&root, &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// The code of a file without its comments (`//` to the end of the line), so that prose may
/// name what code must not.
fn code(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| {
            let mut in_string = false;
            let bytes = line.as_bytes();
            for i in 0..bytes.len() {
                match bytes[i] {
                    b'"' if i == 0 || bytes[i - 1] != b'\\' => in_string = !in_string,
                    b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
                    _ => {}
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `(file, line, needle)` for every line under `dir` whose code contains one of `needles`.
fn offences(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in sources(dir) {
        for (n, line) in code(&path).lines().enumerate() {
            for needle in needles {
                if line.contains(needle) {
                    found.push(format!(
                        "{}:{}: `{needle}` in `{}`",
                        path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                            .unwrap()
                            .display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn the_host_never_imports_the_ui() {
    let found = offences(
        "src/host",
        &["crate::ui", "super::ui", "kinesis_sandbox::ui"],
    );
    assert!(found.is_empty(), "host names ui:\n{}", found.join("\n"));
}

#[test]
fn components_never_import_pages() {
    let found = offences("src/ui/components", &["pages::", "pages;", "pages}"]);
    assert!(
        found.is_empty(),
        "a component names pages:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_host_touches_browser_storage() {
    let found = offences(
        "src/ui",
        &[
            "local_storage",
            "session_storage",
            "web_sys::Storage",
            "gloo::storage",
            "gloo_storage",
        ],
    );
    assert!(
        found.is_empty(),
        "ui touches storage:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_engine_never_names_a_browser_crate() {
    let found = offences(
        "src/engine",
        &[
            "yew",
            "web_sys",
            "web-sys",
            "js_sys",
            "js-sys",
            "gloo",
            "wasm_bindgen",
        ],
    );
    assert!(
        found.is_empty(),
        "engine names a browser crate:\n{}",
        found.join("\n")
    );
}

#[test]
fn forms_never_name_a_browser_crate() {
    // The pure half of the pages: it must build natively, where its tests run.
    let found = offences(
        "src/forms",
        &[
            "yew",
            "web_sys",
            "js_sys",
            "gloo",
            "wasm_bindgen",
            "crate::ui",
            "crate::host",
        ],
    );
    assert!(
        found.is_empty(),
        "forms name a browser crate:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    // The scanner itself: a needle in code is found, the same needle in a comment is not.
    let dir = std::env::temp_dir().join(format!("layers-check-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("x.rs");
    fs::write(
        &file,
        "use crate::ui::App; // fine\n// crate::ui in prose\nlet s = \"a//b\"; crate::ui\n",
    )
    .unwrap();
    let lines: Vec<String> = code(&file).lines().map(str::to_string).collect();
    assert!(lines[0].contains("crate::ui"));
    assert!(!lines[1].contains("crate::ui"));
    assert!(lines[2].contains("crate::ui"));
    fs::remove_dir_all(&dir).unwrap();
}

/// A file's code up to its test module (`#[cfg(test)]`), without comments; nothing for a file
/// of tests.
fn shipped_code(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let all = code(path);
    match all.find("#[cfg(test)]") {
        Some(i) => all[..i].to_string(),
        None => all,
    }
}

#[test]
fn services_call_each_other_typed_never_by_json() {
    // Only the façade parses and answers JSON requests; inside the engine a service calls
    // another through its typed entry (`Sandbox::call_typed`) and names the operation by a
    // registered `Target`, never by a hand-written `"Service.Operation"` string.
    let targets: Vec<String> = kinesis_sandbox::engine::SERVICES
        .iter()
        .flat_map(|s| {
            s.operations
                .iter()
                .map(move |op| format!("\"{}.{}\"", s.prefix, op.name))
        })
        .collect();
    let mut found = Vec::new();
    for path in sources("src/engine") {
        let name = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        for (n, line) in shipped_code(&path).lines().enumerate() {
            let json_call = (line.contains(".call_as(") || line.contains(".call("))
                && !name.ends_with("engine/sandbox.rs");
            let target_text = targets.iter().any(|t| line.contains(t.as_str()));
            if json_call || target_text {
                found.push(format!("{name}:{}: `{}`", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_engine_never_reads_a_clock_or_unseeded_randomness() {
    // Time is `SimTime`, moved only by `Sandbox::advance`; every random draw comes from the
    // sandbox's seeded `SandboxRng`. So the same seed and calls give the same bytes.
    let found = offences(
        "src/engine",
        &[
            "Instant::now",
            "SystemTime",
            "Utc::now",
            "Local::now",
            "thread_rng",
            "OsRng",
            "getrandom",
            "from_entropy",
        ],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn pages_change_the_sandbox_only_through_its_handle() {
    // `SandboxHandle` (ui/context.rs) is the one place that changes the shared sandbox, so
    // every change goes through `Sandbox::call` (and the event log and Undo see it); the
    // ticker only moves its clock, and gives back the answers of the Lambda runs the clock
    // waits for (`lambda_runs.rs`, which the ticker calls) and the frames image generation
    // wants (`video_frames.rs`, likewise).
    let found: Vec<String> = offences("src/ui", &["sandbox.borrow_mut()"])
        .into_iter()
        .filter(|f| {
            !f.starts_with("src/ui/context.rs:")
                && !f.starts_with("src/ui/ticker.rs:")
                && !f.starts_with("src/ui/lambda_runs.rs:")
                && !f.starts_with("src/ui/video_frames.rs:")
        })
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// What loads when: the boot view is the first render, from the first-load module alone, so it
/// may not name anything that would pull the engine, the sandbox or the console pages into that
/// module (tests/e2e/loading.spec.mjs renders it with every split module held back).
#[test]
fn the_boot_view_reaches_nothing_of_the_sandbox() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/boot.rs");
    let text = code(&path);
    let needles = [
        "engine::",
        "Sandbox::",
        "SandboxHandle",
        "use_sandbox",
        "context::",
        "storage::",
        "SERVICES",
        "Route",
        "labs::",
        "quiz::",
        "nav::",
        "top_bar::",
    ];
    let found: Vec<_> = text
        .lines()
        .enumerate()
        .flat_map(|(n, line)| {
            needles
                .iter()
                .filter(move |needle| line.contains(*needle))
                .map(move |needle| {
                    format!("src/ui/boot.rs:{}: `{needle}` in `{}`", n + 1, line.trim())
                })
        })
        .collect();
    assert!(
        found.is_empty(),
        "the boot view names the sandbox:\n{}",
        found.join("\n")
    );
    // It imports the home page's text and nothing else of the pages.
    let uses: Vec<_> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("use "))
        .collect();
    assert_eq!(
        uses,
        ["use super::pages::home::HomeText;", "use yew::prelude::*;"],
        "the boot view's imports"
    );
}

/// Whether `place` (`path:line: …`) is in `path`'s `#[cfg(test)]` module (its end).
fn in_tests_of(place: &str, path: &str) -> bool {
    let Some(rest) = place.strip_prefix(&format!("{path}:")) else {
        return false;
    };
    let line: usize = rest.split(':').next().unwrap().parse().unwrap();
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let tests_from = text
        .lines()
        .position(|l| l.trim() == "#[cfg(test)]")
        .map_or(usize::MAX, |i| i + 1);
    line > tests_from
}

/// What loads when: the engine reaches the fake-data tables, the ZIP and Snappy codecs, and
/// Parquet and ORC only through `engine::extension`, so that the site can fetch them on first
/// use. Only the extensions' own files name their crates.
#[test]
fn extension_crates_are_named_only_in_their_extension() {
    for (needles, homes) in [
        (&["fake::"][..], &["generator/fake_data.rs"][..]),
        (&["zip::"][..], &["firehose/codecs.rs"][..]),
        // ORC's streams are Snappy-compressed too.
        (
            &["snap::"][..],
            &["firehose/codecs.rs", "firehose/convert/"][..],
        ),
        (&["parquet::"][..], &["firehose/convert/"][..]),
    ] {
        let found: Vec<_> = offences("src", needles)
            .into_iter()
            .filter(|place| {
                !homes
                    .iter()
                    .any(|home| place.starts_with(&format!("src/engine/{home}")))
            })
            // The compression module's own tests check the bytes with the real decoders.
            .filter(|place| !in_tests_of(place, "src/engine/firehose/compress.rs"))
            .collect();
        assert!(
            found.is_empty(),
            "{needles:?} outside {homes:?}:\n{}",
            found.join("\n")
        );
    }
}

/// The Random Cut Forest crate serves the Analysis workspace's ML Insights only.
#[test]
fn the_forest_crate_is_named_only_in_the_analysis_insights() {
    let found: Vec<_> = offences("src", &["rcf3::", "use rcf3"])
        .into_iter()
        .filter(|place| !place.starts_with("src/analysis/"))
        .collect();
    assert!(
        found.is_empty(),
        "rcf3 outside src/analysis/:\n{}",
        found.join("\n")
    );
}
