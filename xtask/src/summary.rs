//! Runs a step with its output streamed to the terminal, counts the tests it reports, and
//! prints the closing summary a CI reader can trust.

use std::io::{BufRead, BufReader, Write};
use std::ops::Add;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Add for Counts {
    type Output = Counts;
    fn add(self, other: Counts) -> Counts {
        Counts {
            passed: self.passed + other.passed,
            failed: self.failed + other.failed,
        }
    }
}

/// A browser the tests run in; the summary counts each one's passes and failures apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    Chromium,
    Firefox,
    WebKit,
}

impl Browser {
    pub const ALL: [Browser; 3] = [Browser::Chromium, Browser::Firefox, Browser::WebKit];

    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "Chromium",
            Browser::Firefox => "Firefox",
            Browser::WebKit => "WebKit",
        }
    }
}

pub struct StepResult {
    pub name: &'static str,
    pub browser: Option<Browser>,
    pub ok: bool,
    pub skipped: bool,
    pub counts: Counts,
    pub elapsed: Duration,
}

impl StepResult {
    pub fn skipped(name: &'static str, browser: Option<Browser>) -> StepResult {
        StepResult {
            name,
            browser,
            ok: false,
            skipped: true,
            counts: Counts::default(),
            elapsed: Duration::ZERO,
        }
    }
}

/// Reads the test counts out of one line of runner output: cargo's and wasm-bindgen-test's
/// `test result: ok. 12 passed; 0 failed; ...`, and node's TAP `# pass 3` / `# fail 0`.
pub fn parse_counts(line: &str) -> Counts {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        let number_before = |word: &str| -> u64 {
            rest.split(';')
                .find_map(|part| {
                    let part = part
                        .trim()
                        .trim_start_matches("ok. ")
                        .trim_start_matches("FAILED. ");
                    let (n, w) = part.split_once(' ')?;
                    (w == word).then(|| n.parse().ok()).flatten()
                })
                .unwrap_or(0)
        };
        return Counts {
            passed: number_before("passed"),
            failed: number_before("failed"),
        };
    }
    if let Some(n) = line.strip_prefix("# pass ") {
        return Counts {
            passed: n.trim().parse().unwrap_or(0),
            failed: 0,
        };
    }
    if let Some(n) = line.strip_prefix("# fail ") {
        return Counts {
            passed: 0,
            failed: n.trim().parse().unwrap_or(0),
        };
    }
    Counts::default()
}

/// Runs the command, echoing stdout and stderr as they come and counting tests in both.
pub fn run_step(name: &'static str, browser: Option<Browser>, cmd: &mut Command) -> StepResult {
    let started = Instant::now();
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            eprintln!("xtask: could not start {name}: {e}");
            return StepResult {
                name,
                browser,
                ok: false,
                skipped: false,
                counts: Counts::default(),
                elapsed: started.elapsed(),
            };
        }
    };
    let (tx, rx) = mpsc::channel::<Counts>();
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        let tx = tx.clone();
        readers.push(thread::spawn(move || echo_and_count(out, tx, false)));
    }
    if let Some(err) = child.stderr.take() {
        let tx = tx.clone();
        readers.push(thread::spawn(move || echo_and_count(err, tx, true)));
    }
    drop(tx);
    let status = child.wait();
    for r in readers {
        let _ = r.join();
    }
    let counts = rx.iter().fold(Counts::default(), |acc, c| acc + c);
    let ok = status.map(|s| s.success()).unwrap_or(false) && counts.failed == 0;
    StepResult {
        name,
        browser,
        ok,
        skipped: false,
        counts,
        elapsed: started.elapsed(),
    }
}

fn echo_and_count(stream: impl std::io::Read, tx: mpsc::Sender<Counts>, is_stderr: bool) {
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        if is_stderr {
            eprintln!("{line}");
            let _ = std::io::stderr().flush();
        } else {
            println!("{line}");
            let _ = std::io::stdout().flush();
        }
        let c = parse_counts(&line);
        if c != Counts::default() {
            let _ = tx.send(c);
        }
    }
}

/// Prints one line per step and the closing `N passed, N failed` line; true when all passed.
pub fn print(results: &[StepResult], elapsed: Duration) -> bool {
    println!("\n=== xtask test summary ===");
    for r in results {
        let status = if r.skipped {
            "SKIPPED"
        } else if r.ok {
            "ok"
        } else {
            "FAILED"
        };
        println!(
            "{status:>7}  {:<52} {:>4} passed {:>3} failed  {:>6.1}s",
            r.name,
            r.counts.passed,
            r.counts.failed,
            r.elapsed.as_secs_f64()
        );
    }
    let steps_failed = results.iter().filter(|r| !r.ok).count();
    println!(
        "xtask test: {} of {} steps green in {:.0}s",
        results.len() - steps_failed,
        results.len(),
        elapsed.as_secs_f64()
    );
    if let Some(line) = per_browser_line(results) {
        println!("{line}");
    }
    let total = counted(results.iter());
    println!("{} passed, {} failed", total.passed, total.failed);
    steps_failed == 0
}

/// The counts of some steps, where a failed step with no failed test (a lint, a build, a
/// browser that did not start) still counts as one failure, so a total can never read as
/// green when a step was not.
fn counted<'a>(results: impl Iterator<Item = &'a StepResult>) -> Counts {
    let mut steps_failed = 0;
    let mut total = Counts::default();
    for r in results {
        total = total + r.counts;
        steps_failed += u64::from(!r.ok);
    }
    Counts {
        passed: total.passed,
        failed: total.failed.max(steps_failed),
    }
}

/// `browsers: Chromium 250 passed, 0 failed; Firefox ...`, over the steps that ran in a browser.
fn per_browser_line(results: &[StepResult]) -> Option<String> {
    let parts: Vec<String> = Browser::ALL
        .iter()
        .filter_map(|&b| {
            let mut steps = results.iter().filter(|r| r.browser == Some(b)).peekable();
            steps.peek()?;
            let c = counted(steps);
            Some(format!(
                "{} {} passed, {} failed",
                b.name(),
                c.passed,
                c.failed
            ))
        })
        .collect();
    (!parts.is_empty()).then(|| format!("browsers: {}", parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(browser: Option<Browser>, ok: bool, passed: u64, failed: u64) -> StepResult {
        StepResult {
            name: "step",
            browser,
            ok,
            skipped: false,
            counts: Counts { passed, failed },
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn counts_each_browser_apart() {
        let cases = [
            (vec![step(None, true, 5, 0)], None),
            (
                vec![
                    step(None, true, 40, 0),
                    step(Some(Browser::Chromium), true, 30, 0),
                    step(Some(Browser::Firefox), true, 10, 0),
                    step(Some(Browser::Chromium), false, 20, 2),
                    step(Some(Browser::Firefox), false, 0, 0),
                    step(Some(Browser::WebKit), true, 9, 0),
                ],
                Some("browsers: Chromium 50 passed, 2 failed; Firefox 10 passed, 1 failed; WebKit 9 passed, 0 failed"),
            ),
        ];
        for (results, line) in cases {
            assert_eq!(per_browser_line(&results).as_deref(), line);
        }
    }

    #[test]
    fn a_failed_step_without_failed_tests_counts_as_one_failure() {
        let results = [
            step(None, false, 3, 0),
            step(None, false, 1, 2),
            step(None, true, 4, 0),
        ];
        assert_eq!(
            counted(results.iter()),
            Counts {
                passed: 8,
                failed: 2
            }
        );
    }

    #[test]
    fn parses_runner_lines() {
        let cases = [
            (
                "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s",
                (12, 0),
            ),
            (
                "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured",
                (3, 2),
            ),
            ("# pass 7", (7, 0)),
            ("# fail 1", (0, 1)),
            ("running 3 tests", (0, 0)),
        ];
        for (line, (passed, failed)) in cases {
            assert_eq!(parse_counts(line), Counts { passed, failed }, "{line}");
        }
    }
}
