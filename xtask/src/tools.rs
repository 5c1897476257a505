//! Installs the tools the commands need, only where missing, and says what it installs.
//!
//! Versions are pinned: trunk 0.21.14 (0.22 needs a newer rustc than these machines have),
//! wasm-bindgen-cli exactly at the `wasm-bindgen` version in Cargo.lock (trunk and the test
//! runner refuse any other), wasm-split-cli from `wasm_split_cli_support` 0.2.4 (the split the
//! build runs between linking and wasm-bindgen, as cargo-leptos does; scripts/build-app.mjs),
//! leptosfmt 0.1.33, and npm packages from package-lock.json (the `binaryen` 132 wasm-opt,
//! playwright-core, axe-core, lighthouse). Chromium and chromedriver come from Debian's
//! packages.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const LEPTOSFMT_VERSION: &str = "0.1.33";
pub const WASM_SPLIT_VERSION: &str = "0.2.4";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Serve,
    Test,
}

/// A command with the project's tool folders first on PATH.
pub fn command(root: &Path, program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root).env("PATH", tool_path(root));
    cmd
}

fn tool_path(root: &Path) -> String {
    let mut dirs: Vec<PathBuf> = vec![root.join("node_modules").join(".bin")];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo").join("bin"));
    }
    let mut path = dirs
        .iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(":");
    if let Ok(existing) = std::env::var("PATH") {
        path.push(':');
        path.push_str(&existing);
    }
    path
}

pub fn ensure_all(root: &Path, purpose: Purpose) -> Result<bool, String> {
    ensure_wasm_target(root)?;
    ensure_cargo_tool(
        root,
        "trunk",
        TRUNK_VERSION,
        &["install", "--locked", "trunk", "--version", TRUNK_VERSION],
    )?;
    let wasm_bindgen_version = locked_version(root, "wasm-bindgen")?;
    // No `--locked` here: wasm-bindgen-cli's bundled lockfile pins a crate version the
    // registry no longer serves.
    ensure_cargo_tool(
        root,
        "wasm-bindgen",
        &wasm_bindgen_version,
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wasm_bindgen_version,
        ],
    )?;
    ensure_wasm_split(root)?;
    ensure_npm_packages(root)?;
    if purpose == Purpose::Test {
        ensure_cargo_tool(
            root,
            "leptosfmt",
            LEPTOSFMT_VERSION,
            &[
                "install",
                "--locked",
                "leptosfmt",
                "--version",
                LEPTOSFMT_VERSION,
            ],
        )?;
        ensure_chromium(root)?;
    }
    Ok(true)
}

fn output_text(root: &Path, program: &str, args: &[&str]) -> Option<String> {
    let out = command(root, program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn run_install(root: &Path, what: &str, program: &str, args: &[&str]) -> Result<(), String> {
    println!("xtask: installing {what} ({program} {})", args.join(" "));
    let status = command(root, program)
        .args(args)
        .status()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "installing {what} failed; run `{program} {}` by hand to see why",
            args.join(" ")
        ))
    }
}

fn ensure_wasm_target(root: &Path) -> Result<(), String> {
    let installed = output_text(root, "rustup", &["target", "list", "--installed"])
        .is_some_and(|list| list.lines().any(|l| l.trim() == WASM_TARGET));
    if installed {
        return Ok(());
    }
    run_install(
        root,
        "the wasm32 target",
        "rustup",
        &["target", "add", WASM_TARGET],
    )
}

/// Installs a cargo tool unless `tool --version` already reports the pinned version.
fn ensure_cargo_tool(root: &Path, tool: &str, version: &str, args: &[&str]) -> Result<(), String> {
    let current = output_text(root, tool, &["--version"]).unwrap_or_default();
    if current.split_whitespace().any(|w| w == version) {
        return Ok(());
    }
    run_install(root, &format!("{tool} {version}"), "cargo", args)
}

/// wasm-split-cli has no `--version`, so cargo's own list of installed crates says which
/// version is there.
fn ensure_wasm_split(root: &Path) -> Result<(), String> {
    let installed = format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:");
    let listed = output_text(root, "cargo", &["install", "--list"]).unwrap_or_default();
    if listed.lines().any(|l| l.trim() == installed) {
        return Ok(());
    }
    run_install(
        root,
        &format!("wasm-split-cli {WASM_SPLIT_VERSION}"),
        "cargo",
        &[
            "install",
            "--locked",
            "wasm_split_cli_support",
            "--version",
            WASM_SPLIT_VERSION,
            "--features",
            "build-binary",
        ],
    )
}

/// The version of `package` recorded in Cargo.lock.
pub fn locked_version(root: &Path, package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err(format!("Cargo.lock has no `{package}` package"))
}

/// Runs `npm ci` when node_modules does not match package-lock.json.
fn ensure_npm_packages(root: &Path) -> Result<(), String> {
    let lock = std::fs::read(root.join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let stamp = root.join("node_modules").join(".xtask-package-lock.json");
    if std::fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        return Ok(());
    }
    if output_text(root, "npm", &["--version"]).is_none() {
        return Err("npm is missing: install Node.js 20 or newer with npm (Debian: `apt-get install nodejs npm`)".into());
    }
    run_install(
        root,
        "the npm dev tools pinned in package-lock.json (binaryen's wasm-opt, playwright-core, axe-core, lighthouse)",
        "npm",
        &["ci", "--no-audit", "--no-fund"],
    )?;
    std::fs::write(&stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

fn ensure_chromium(root: &Path) -> Result<(), String> {
    let have = |tool: &str| output_text(root, tool, &["--version"]).is_some();
    if have("chromium") && have("chromedriver") {
        return Ok(());
    }
    let is_root = output_text(root, "id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        return Err("Chromium and chromedriver are missing. Install them as root: \
             `apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver`"
            .into());
    }
    run_install(root, "the Debian package lists", "apt-get", &["update"])?;
    run_install(
        root,
        "Chromium and chromedriver from Debian",
        "apt-get",
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ],
    )
}
