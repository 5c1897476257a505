//! Installs the tools the commands need, only where missing, and says what it installs.
//!
//! Versions are pinned: trunk 0.21.14 (0.22 needs a newer rustc than these machines have),
//! wasm-bindgen-cli exactly at the `wasm-bindgen` version in Cargo.lock (trunk and the test
//! runner refuse any other), wasm-split-cli from `wasm_split_cli_support` 0.2.4 (the split the
//! build runs between linking and wasm-bindgen, as cargo-leptos does; scripts/build-app.mjs),
//! leptosfmt 0.1.33, and npm packages from package-lock.json (the `binaryen` 132 wasm-opt,
//! playwright-core, axe-core, selenium-webdriver, lighthouse). The browsers come from Debian's
//! packages: Chromium and chromedriver, Firefox ESR, and WebKitGTK's WebKitWebDriver (which
//! drives its MiniBrowser) with Xvfb for a display. geckodriver, which Firefox's tests need, is
//! built from crates.io. rustup adds the wasm32 target and the standard library's source
//! (`rust-src`, which the release build compiles for size).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::summary::Browser;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const LEPTOSFMT_VERSION: &str = "0.1.33";
pub const GECKODRIVER_VERSION: &str = "0.37.1";
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
    ensure_rustup(root, "target", WASM_TARGET, "the wasm32 target")?;
    // The standard library's source, which the release build compiles for size
    // (scripts/build-app.mjs: `-Zbuild-std` with `optimize_for_size`).
    ensure_rustup(
        root,
        "component",
        "rust-src",
        "the standard library's source (rust-src)",
    )?;
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
        ensure_browsers(root)?;
        ensure_geckodriver(root)?;
    }
    Ok(true)
}

/// Where geckodriver is installed: deliberately not on PATH, because wasm-bindgen-test-runner
/// prefers a geckodriver found on PATH to chromedriver, which would quietly move every
/// `cargo test --target wasm32-unknown-unknown` to Firefox. Shared by the checkouts of a machine.
pub fn geckodriver_root() -> PathBuf {
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    home.join(".cache").join("jss-lab").join("tools")
}

fn geckodriver_path() -> PathBuf {
    geckodriver_root().join("bin").join("geckodriver")
}

/// A test command that runs in `browser`. WebKitGTK needs a display, so its steps run under
/// Xvfb (`xvfb-run -a` picks a free display number) unless there is one already.
pub fn browser_command(root: &Path, browser: Browser, program: &str) -> Command {
    let mut cmd = if browser == Browser::WebKit && std::env::var_os("DISPLAY").is_none() {
        let mut xvfb = command(root, "xvfb-run");
        xvfb.args(["-a", "-s", "-screen 0 1920x1080x24", program]);
        xvfb
    } else {
        command(root, program)
    };
    use_browser(root, browser, &mut cmd);
    cmd
}

/// Points a test command at one browser: the WebDriver the wasm test runner uses (it takes the
/// first of GECKODRIVER, SAFARIDRIVER, CHROMEDRIVER that is set) and the browser of the
/// cross-browser journeys (`XB_BROWSER`, read by tests/xb/driver.mjs).
///
/// Firefox asks the user before it grants persistent storage, where Chromium decides at once;
/// the component tests answer that prompt (no) through Firefox's testing preferences, given
/// to the runner's session in tests/xb/firefox-component-tests.json.
fn use_browser(root: &Path, browser: Browser, cmd: &mut Command) {
    for var in [
        "GECKODRIVER",
        "SAFARIDRIVER",
        "CHROMEDRIVER",
        "MSEDGEDRIVER",
    ] {
        cmd.env_remove(var);
    }
    match browser {
        Browser::Chromium => {
            cmd.env("CHROMEDRIVER", "chromedriver");
        }
        Browser::Firefox => {
            cmd.env("GECKODRIVER", geckodriver_path())
                .env(
                    "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                    root.join("tests/xb/firefox-component-tests.json"),
                )
                .env("XB_BROWSER", "firefox");
        }
        Browser::WebKit => {
            // WebKitWebDriver speaks Safari's protocol; started with no capabilities, it drives
            // WebKitGTK's MiniBrowser.
            cmd.env("SAFARIDRIVER", "WebKitWebDriver")
                .env("XB_BROWSER", "webkit");
        }
    }
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

/// Adds a part of the machine's Rust toolchain unless rustup lists it as installed: `kind` is
/// `target` or `component`.
fn ensure_rustup(root: &Path, kind: &str, name: &str, what: &str) -> Result<(), String> {
    let installed = output_text(root, "rustup", &[kind, "list", "--installed"])
        .is_some_and(|list| list.lines().any(|l| l.trim() == name));
    if installed {
        return Ok(());
    }
    run_install(root, what, "rustup", &[kind, "add", name])
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
        "the npm dev tools pinned in package-lock.json (binaryen's wasm-opt, playwright-core, axe-core, selenium-webdriver, lighthouse)",
        "npm",
        &["ci", "--no-audit", "--no-fund"],
    )?;
    std::fs::write(&stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// The Debian packages the browser tests need, each with a file that shows it is installed.
const DEBIAN_BROWSERS: &[(&str, &str)] = &[
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("firefox-esr", "/usr/bin/firefox-esr"),
    ("webkit2gtk-driver", "/usr/bin/WebKitWebDriver"),
    ("xvfb", "/usr/bin/xvfb-run"),
    ("xauth", "/usr/bin/xauth"),
];

fn ensure_browsers(root: &Path) -> Result<(), String> {
    let missing: Vec<&str> = DEBIAN_BROWSERS
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output_text(root, "id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        return Err(format!(
            "the browsers for the tests are missing. Install them as root: \
             `apt-get update && apt-get install -y --no-install-recommends {}`",
            missing.join(" ")
        ));
    }
    run_install(root, "the Debian package lists", "apt-get", &["update"])?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend(&missing);
    run_install(
        root,
        &format!("the browsers from Debian ({})", missing.join(", ")),
        "apt-get",
        &args,
    )
}

/// Builds geckodriver from crates.io (pinned, `--locked`) unless the pinned version is there.
fn ensure_geckodriver(root: &Path) -> Result<(), String> {
    let path = geckodriver_path();
    let current = Command::new(&path)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if current.split_whitespace().any(|w| w == GECKODRIVER_VERSION) {
        return Ok(());
    }
    let install_root = geckodriver_root().display().to_string();
    run_install(
        root,
        &format!("geckodriver {GECKODRIVER_VERSION} into {install_root}"),
        "cargo",
        &[
            "install",
            "--locked",
            "--root",
            &install_root,
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
        ],
    )
}
