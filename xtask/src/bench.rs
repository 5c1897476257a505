//! `cargo xtask bench`: the simulator workload natively (criterion) and in headless Chromium
//! (wasm), measured in one run, and the wasm/native ratio; then Lighthouse's mobile preset on
//! the release build (scripts/lighthouse.mjs: the first-run screen and the dashboard with the
//! demo, three runs each, the median of each metric) and the large-history benchmark
//! (scripts/large-bench.mjs). Figures from one run only: these machines are noisy, so ratios
//! measured together are what the README reports.

use std::path::Path;

use crate::tools;

/// Median milliseconds per workload, by client behaviour, read from the runners' output.
fn read_native(text: &str) -> Vec<(String, f64)> {
    // Criterion prints "<group>/<name>\n   time:   [low unit mid unit high unit]".
    let mut res = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(name) = trimmed
            .strip_prefix("simulate 10k trials x 6 strategies x 104 weeks/")
            .map(|rest| {
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
        {
            current = Some(name);
        }
        let Some(rest) = trimmed
            .find("time:")
            .map(|i| &trimmed[i + 5..])
            .map(|r| r.trim().trim_start_matches('['))
        else {
            continue;
        };
        let parts: Vec<&str> = rest.split_whitespace().collect();
        if let (Some(name), Some(value), Some(unit)) = (current.take(), parts.get(2), parts.get(3))
        {
            let scale = match *unit {
                "s" => 1000.0,
                "ms" => 1.0,
                "µs" | "us" => 0.001,
                _ => continue,
            };
            if let Ok(v) = value.parse::<f64>() {
                res.push((name, v * scale));
            }
        }
    }
    res
}

/// `(name, ms)` from the lines "<tag> <name> <ms>" the wasm benchmark prints.
fn read_wasm(text: &str, tag: &str) -> Vec<(String, f64)> {
    let tag = format!("{tag} ");
    text.lines()
        .filter_map(|line| {
            let rest = &line[line.find(&tag)? + tag.len()..];
            let mut parts = rest.split_whitespace();
            let name = parts.next()?.to_string();
            let ms = parts.next()?.parse().ok()?;
            Some((name, ms))
        })
        .collect()
}

fn run_captured(root: &Path, program: &str, args: &[&str]) -> Result<String, String> {
    println!("xtask: {program} {}", args.join(" "));
    let out = tools::command(root, program)
        .args(args)
        .output()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() {
        return Err(format!("{program} failed:\n{text}"));
    }
    Ok(text)
}

pub fn bench(root: &Path) -> Result<bool, String> {
    tools::ensure_all(root, tools::Purpose::Test)?;
    let native = run_captured(
        root,
        "cargo",
        &[
            "bench",
            "--locked",
            "-p",
            "jss-engine",
            "--bench",
            "simulate",
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "5",
            "--noplot",
        ],
    )?;
    let wasm = run_captured(
        root,
        "cargo",
        &[
            "test",
            "--locked",
            "--profile",
            "sim-worker",
            "-p",
            "jss-sim-worker",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "wasm-bench",
            "--test",
            "bench",
            "--",
            "--nocapture",
        ],
    )?;
    let native = read_native(&native);
    let first = read_wasm(&wasm, "wasm-bench-first");
    let wasm = read_wasm(&wasm, "wasm-bench");
    println!("\nsimulator: 10,000 trials x 6 strategies x 104 weeks, 50-contract history");
    println!(
        "(native and wasm after 1 s of warm-up; \"wasm first\" is each workload's first run, and the \
         second workload's follows the first's, so its code is already optimised)"
    );
    println!(
        "{:<10} {:>12} {:>12} {:>8} {:>14}",
        "clients", "native ms", "wasm ms", "ratio", "wasm first ms"
    );
    let cell = |v: Option<f64>| v.map_or("?".to_string(), |v| format!("{v:.1}"));
    for (name, w) in &wasm {
        let n = native.iter().find(|(k, _)| k == name).map(|(_, v)| *v);
        let f = first.iter().find(|(k, _)| k == name).map(|(_, v)| *v);
        let ratio = n.map_or("?".to_string(), |n| format!("{:.2}", w / n));
        println!(
            "{name:<10} {:>12} {w:>12.1} {ratio:>8} {:>14}",
            cell(n),
            cell(f)
        );
    }
    let simulator_ok = !wasm.is_empty() && !native.is_empty();
    Ok(in_browser(root)? && simulator_ok)
}

/// Builds the release, then runs Lighthouse on it (the script prints the table of medians) and
/// the large-history benchmark (scripts/large-bench.mjs: the longest task and the slowest
/// interaction of each step at 1,000, 10,000 and 50,000 contracts).
fn in_browser(root: &Path) -> Result<bool, String> {
    println!("\nxtask: release build for Lighthouse and the large-history benchmark");
    let built = tools::command(root, "trunk")
        .args(["build", "--release", "--locked"])
        .status()
        .map_err(|e| format!("could not run trunk: {e}"))?;
    if !built.success() {
        return Err("the release build failed".into());
    }
    let mut ok = true;
    for script in ["scripts/lighthouse.mjs", "scripts/large-bench.mjs"] {
        let status = tools::command(root, "node")
            .arg(script)
            .status()
            .map_err(|e| format!("could not run node {script}: {e}"))?;
        ok &= status.success();
    }
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_criterion_and_wasm_lines() {
        let criterion = "simulate 10k trials x 6 strategies x 104 weeks/vanished\n                        time:   [35.3 ms 37.7 ms 40.5 ms]\n";
        assert_eq!(read_native(criterion), vec![("vanished".to_string(), 37.7)]);
        let wasm = "log output:\n    wasm-bench happy 120.5\n    wasm-bench-first happy 300.0\n";
        assert_eq!(
            read_wasm(wasm, "wasm-bench"),
            vec![("happy".to_string(), 120.5)]
        );
        assert_eq!(
            read_wasm(wasm, "wasm-bench-first"),
            vec![("happy".to_string(), 300.0)]
        );
    }
}
