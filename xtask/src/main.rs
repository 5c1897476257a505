//! Developer commands for JSS Lab.
//!
//! `cargo xtask serve` serves the app on http://127.0.0.1:8080 and `cargo xtask test` runs every
//! test. Both first install what is missing (and say what they install), because these machines
//! reach only crates.io, npm and Debian's packages: no tool may download its own binaries.

mod bench;
mod summary;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use summary::{Browser, StepResult};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let res = match args.first().map(String::as_str) {
        Some("serve") => serve(&root),
        Some("test") => test(&root),
        Some("bench") => bench::bench(&root),
        Some("install") => tools::ensure_all(&root, tools::Purpose::Test),
        _ => {
            eprintln!("usage: cargo xtask serve | test | bench | install");
            return ExitCode::from(2);
        }
    };
    match res {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    // xtask lives one level below the workspace root. `cargo run` names the manifest directory
    // at run time; the compile-time value is only a fallback, because a binary built in another
    // checkout sharing this target directory (a worktree, a fresh clone) would otherwise test
    // that checkout instead of this one, silently.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or(manifest_dir)
}

fn serve(root: &Path) -> Result<bool, String> {
    tools::ensure_all(root, tools::Purpose::Serve)?;
    println!("xtask: serving the release build on http://127.0.0.1:8080 (Ctrl-C stops)");
    let status = tools::command(root, "trunk")
        .args(["serve", "--release", "--locked"])
        .status()
        .map_err(|e| format!("could not start trunk: {e}"))?;
    Ok(status.success())
}

/// One step of the test command: a name and the command line that runs it.
struct Step {
    name: &'static str,
    program: &'static str,
    args: &'static [&'static str],
    /// A step whose failure makes later steps meaningless (the release build feeds e2e).
    needed_by_later: bool,
    /// The browser the step's tests run in, for the summary and for the driver it is given.
    browser: Option<Browser>,
}

const STEPS: &[Step] = &[
    Step {
        name: "leptosfmt (view! formatting)",
        program: "leptosfmt",
        args: &["--check", "src", "tests"],
        needed_by_later: false,
        browser: None,
    },
    Step {
        name: "rustfmt",
        program: "cargo",
        args: &["fmt", "--all", "--check"],
        needed_by_later: false,
        browser: None,
    },
    Step {
        name: "clippy (native: engine, xtask)",
        program: "cargo",
        args: &[
            "clippy",
            "--locked",
            "-p",
            "jss-engine",
            "-p",
            "xtask",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        needed_by_later: false,
        browser: None,
    },
    Step {
        name: "clippy (wasm: app, simulator worker)",
        program: "cargo",
        args: &[
            "clippy",
            "--locked",
            "-p",
            "jss-lab",
            "-p",
            "jss-sim-worker",
            // As the release build compiles it: with the split into modules loaded on demand.
            "--features",
            "jss-lab/split",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        needed_by_later: false,
        browser: None,
    },
    Step {
        name: "engine and xtask tests (native, optimised)",
        program: "cargo",
        args: &[
            "test",
            "--locked",
            "--profile",
            "fast-test",
            "-p",
            "jss-engine",
            "-p",
            "xtask",
        ],
        needed_by_later: false,
        browser: None,
    },
    Step {
        name: "the shell's pure logic (native: envelope, share, merge)",
        program: "cargo",
        args: &["test", "--locked", "-p", "jss-lab", "--test", "native"],
        needed_by_later: false,
        browser: None,
    },
    Step {
        name: "component tests (wasm, headless Chromium)",
        program: "cargo",
        args: WASM_TESTS,
        needed_by_later: false,
        browser: Some(Browser::Chromium),
    },
    Step {
        name: "component tests (wasm, headless Firefox)",
        program: "cargo",
        args: WASM_TESTS,
        needed_by_later: false,
        browser: Some(Browser::Firefox),
    },
    Step {
        name: "component tests (wasm, WebKitGTK under Xvfb)",
        program: "cargo",
        args: WASM_TESTS,
        needed_by_later: false,
        browser: Some(Browser::WebKit),
    },
    Step {
        name: "release build (trunk)",
        program: "trunk",
        args: &["build", "--release", "--locked"],
        needed_by_later: true,
        browser: None,
    },
    Step {
        name: "end-to-end tests (release build, headless Chromium)",
        program: "node",
        args: &["--test", "--test-reporter=tap", "tests/e2e/"],
        needed_by_later: false,
        browser: Some(Browser::Chromium),
    },
    Step {
        name: "journeys (release build, headless Firefox)",
        program: "node",
        args: &["--test", "--test-reporter=tap", "tests/xb/"],
        needed_by_later: false,
        browser: Some(Browser::Firefox),
    },
    Step {
        name: "journeys (release build, WebKitGTK under Xvfb)",
        program: "node",
        args: &["--test", "--test-reporter=tap", "tests/xb/"],
        needed_by_later: false,
        browser: Some(Browser::WebKit),
    },
];

/// The wasm component tests; the step's browser decides which WebDriver runs them.
const WASM_TESTS: &[&str] = &[
    "test",
    "--locked",
    "-p",
    "jss-lab",
    "--target",
    "wasm32-unknown-unknown",
];

fn test(root: &Path) -> Result<bool, String> {
    let started = Instant::now();
    tools::ensure_all(root, tools::Purpose::Test)?;
    let mut results: Vec<StepResult> = Vec::new();
    let mut blocked_by: Option<&str> = None;
    for step in STEPS {
        if let Some(blocker) = blocked_by {
            println!("\nxtask: skipping {} because {blocker} failed", step.name);
            results.push(StepResult::skipped(step.name, step.browser));
            continue;
        }
        println!("\n=== xtask: {} ===", step.name);
        let mut cmd = match step.browser {
            Some(browser) => tools::browser_command(root, browser, step.program),
            None => tools::command(root, step.program),
        };
        cmd.args(step.args);
        let res = summary::run_step(step.name, step.browser, &mut cmd);
        if !res.ok && step.needed_by_later {
            blocked_by = Some(step.name);
        }
        results.push(res);
    }
    if blocked_by.is_none() {
        report_sizes(root);
    }
    Ok(summary::print(&results, started.elapsed()))
}

/// Prints the release sizes (raw, gzip, brotli) measured by the e2e helper script.
fn report_sizes(root: &Path) {
    let out = tools::command(root, "node")
        .arg("tests/e2e/sizes.mjs")
        .output();
    if let Ok(out) = out {
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}
