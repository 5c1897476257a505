//! The `jss` command as a user meets it: every refusal is one line on standard error that says
//! what went wrong (and nothing on standard output), with status 2 for bad input and 1 for
//! anything else; a reader that stops reading (`jss score FILE | head`) ends it quietly.

mod cli_support;

use std::io::Write;
use std::process::{Command, Stdio};

use cli_support::jss;

/// The only contract has ended: a valid scenario with nothing to simulate.
const ENDED: &str = r#"{
  "format": "jss-lab.scenario", "version": 1, "as_of": "2026-03-02",
  "clients": [ { "id": "acme" } ],
  "contracts": [
    { "id": "k1", "client": "acme", "type": "hourly", "hourly_rate": 40.0, "start": "2026-01-05",
      "payments": [ { "date": "2026-02-02", "amount": 400.0 } ],
      "end": { "date": "2026-02-27", "by": "client", "reason": "completed" } }
  ]
}"#;

/// The one check: `jss ARGS < STDIN` is refused with `status` and exactly the line `message`.
#[track_caller]
fn check(args: &[&str], stdin: &str, status: i32, message: &str) {
    let got = jss(args, stdin);
    let expected = (Some(status), String::new(), format!("{message}\n"));
    assert_eq!(got, expected, "jss {}", args.join(" "));
}

#[test]
fn every_refusal_is_one_line_that_says_what_went_wrong() {
    let help = "(`jss help` shows the usage)";
    let cases: &[(&[&str], &str, i32, String)] = &[
        (&[], "", 2, format!("no command given {help}")),
        (
            &["frobnicate"],
            "",
            2,
            format!("unknown command `frobnicate` {help}"),
        ),
        (
            &["score"],
            "",
            2,
            "score needs a FILE (or - for standard input)".into(),
        ),
        (
            &["timeline"],
            "",
            2,
            "timeline needs a FILE (or - for standard input)".into(),
        ),
        (
            &["score", "-", "--days", "3"],
            ENDED,
            2,
            format!("score takes no --days {help}"),
        ),
        (
            &["timeline", "-", "--at", "March"],
            ENDED,
            2,
            "--at: `March` is not a date YYYY-MM-DD".into(),
        ),
        (
            &["timeline", "-", "--days", "ten"],
            ENDED,
            2,
            "--days: `ten` is not a whole number of days".into(),
        ),
        (
            &["timeline", "-", "--verbose"],
            ENDED,
            2,
            format!("timeline: unknown option `--verbose` {help}"),
        ),
        (
            &["timeline", "a.json", "b.json"],
            "",
            2,
            "timeline: unexpected argument `b.json`: one FILE only".into(),
        ),
        (
            &["score", "tests/fixtures/does-not-exist.json"],
            "",
            1,
            "cannot read tests/fixtures/does-not-exist.json: No such file or directory (os error 2)"
                .into(),
        ),
        (
            &["score", "-"],
            "{",
            2,
            "is not valid JSON: EOF while parsing an object at line 1 column 1".into(),
        ),
        (
            &["timeline", "-", "--days", "4000000000"],
            ENDED,
            1,
            "the horizon of 4000000000 days from 2026-03-02 is past the end of the calendar"
                .into(),
        ),
        (
            &["simulate"],
            "",
            2,
            format!("simulate needs a FILE (or - for standard input) {help}"),
        ),
        (
            &["simulate", "-", "--trials", "many"],
            ENDED,
            2,
            format!("--trials: \"many\" is not a whole number in range {help}"),
        ),
        (
            &["simulate", "-"],
            ENDED,
            2,
            "there are no strategies to simulate (no open contracts?)".into(),
        ),
        (
            &["import-csv"],
            "",
            2,
            format!("import-csv takes FILE... and no options {help}"),
        ),
    ];
    for (args, stdin, status, message) in cases {
        check(args, stdin, *status, message);
    }
}

#[test]
fn a_reader_that_stops_reading_ends_jss_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jss"))
        .args(["score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start jss: {e}"));
    // The reader goes away before jss has its input, so its first write meets a closed pipe
    // (`jss score FILE | head -0`).
    drop(child.stdout.take());
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(jss_engine::demo::VANISHED_CLIENTS_JSON.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("jss did not finish: {e}"));
    let stderr = String::from_utf8(output.stderr).unwrap_or_default();
    assert_eq!((output.status.code(), stderr.as_str()), (Some(0), ""));
}
