//! The headless `jss` command (`SCENARIO_FORMAT.md`): a thin shell over the engine.
//!
//! Exit status: 0 on success, 2 for bad input (every problem listed by path on standard
//! error), 1 for anything else. Arguments are parsed by hand to keep the engine free of
//! dependencies.
//!
//! Every refusal says what went wrong in one line (a scenario with several problems gets one
//! line per problem, by path; `jss help` prints the usage). When the reader of standard output
//! goes away (`jss score FILE | head`), the command stops quietly with status 0: the reader
//! has what it wanted.

use std::io::{ErrorKind, Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use jss_engine::scenario::parse::{format_problems, parse_str};
use jss_engine::scenario::Scenario;
use jss_engine::timeline::{timeline, TimelineDocument, DEFAULT_DAYS};

const USAGE: &str = "usage:
  jss score    FILE [--at YYYY-MM-DD]
  jss timeline FILE [--at YYYY-MM-DD] [--days N]
  jss simulate FILE [--trials N] [--seed S] [--horizon-days N] [--at YYYY-MM-DD]
               [--strategy NAME]... [--behaviour vanished|happy|unhappy] [--contract ID]...
  jss import-csv FILE...
FILE may be - for standard input (not for import-csv). import-csv reads Upwork CSV exports and
prints { \"scenario\": draft v1 with nulls and per-contract \"unknown\" lists, \"import_report\": ... };
it exits 2 when no file matches a known export.";

/// Where a refusal points for the usage.
const SEE_HELP: &str = "(`jss help` shows the usage)";

/// A failure and its exit status.
struct Failure {
    status: u8,
    message: String,
}

impl Failure {
    fn input(message: impl Into<String>) -> Failure {
        Failure {
            status: 2,
            message: message.into(),
        }
    }

    fn other(message: impl Into<String>) -> Failure {
        Failure {
            status: 1,
            message: message.into(),
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{output}").and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) if error.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(error) => {
                    report(&format!("cannot write the output: {error}"));
                    ExitCode::from(1)
                }
            }
        }
        Err(failure) => {
            report(&failure.message);
            ExitCode::from(failure.status)
        }
    }
}

/// Writes a message to standard error, ending it with a newline. A closed standard error
/// leaves nowhere to say anything, so a failure to write is ignored rather than a panic.
fn report(message: &str) {
    let mut stderr = std::io::stderr().lock();
    let newline = if message.ends_with('\n') { "" } else { "\n" };
    let _ = write!(stderr, "{message}{newline}");
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::input(format!("no command given {SEE_HELP}")));
    };
    match command.as_str() {
        "timeline" => run_timeline(rest),
        "score" => run_score(rest),
        "simulate" => run_simulate(rest),
        "import-csv" => run_import_csv(rest),
        "-h" | "--help" | "help" => Ok(USAGE.to_string()),
        other => Err(Failure::input(format!(
            "unknown command `{other}` {SEE_HELP}"
        ))),
    }
}

/// `score FILE [--at DATE]`: the report of SCENARIO_FORMAT.md, one JSON document.
fn run_score(args: &[String]) -> Result<String, Failure> {
    let args = parse_timeline_args("score", args)?;
    if args.days.is_some() {
        return Err(Failure::input(format!("score takes no --days {SEE_HELP}")));
    }
    let scenario = read_scenario(&args.file)?;
    let at = match args.at.or(scenario.as_of) {
        Some(at) => at,
        None => today()?,
    };
    let report = jss_engine::jss::score_report(&scenario, at);
    serde_json::to_string_pretty(&report).map_err(|error| Failure::other(error.to_string()))
}

/// `simulate FILE [--trials N] [--seed S] [--horizon-days N] [--strategy NAME]... [--behaviour B]
/// [--contract ID]... [--at DATE]`: with no strategy it runs the presets on every open contract.
fn run_simulate(args: &[String]) -> Result<String, Failure> {
    let (file, mut options) = jss_engine::simulate::parse_simulate_args(args)
        .map_err(|message| Failure::input(format!("{message} {SEE_HELP}")))?;
    let scenario = read_scenario(&file)?;
    if options.at.is_none() && scenario.as_of.is_none() {
        options.at = Some(today()?);
    }
    jss_engine::simulate::simulate_json(&scenario, &options)
        .map_err(|error| Failure::input(error.to_string()))
}

/// `import-csv FILE...`: the draft scenario and import report (`jss_engine::csv_import`).
/// Unreadable rows and unknown files are also listed on standard error.
fn run_import_csv(args: &[String]) -> Result<String, Failure> {
    if args.is_empty() || args.iter().any(|a| a.starts_with("--")) {
        return Err(Failure::input(format!(
            "import-csv takes FILE... and no options {SEE_HELP}"
        )));
    }
    let mut files = Vec::with_capacity(args.len());
    for path in args {
        let bytes = std::fs::read(path)
            .map_err(|error| Failure::other(format!("cannot read {path}: {error}")))?;
        files.push((path.clone(), String::from_utf8_lossy(&bytes).into_owned()));
    }
    let result = jss_engine::csv_import::import_files(&files);
    if result.report.recognised_files() == 0 {
        return Err(Failure::input(result.report.messages()));
    }
    let messages = result.report.messages();
    if !messages.is_empty() {
        report(&messages);
    }
    Ok(result.to_json_string())
}

/// `timeline FILE [--at DATE] [--days N]` (and `score`, without `--days`).
struct TimelineArgs {
    file: String,
    at: Option<NaiveDate>,
    days: Option<u32>,
}

fn parse_timeline_args(command: &str, args: &[String]) -> Result<TimelineArgs, Failure> {
    let mut file = None;
    let mut at = None;
    let mut days = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--at" => {
                let value = iter
                    .next()
                    .ok_or_else(|| Failure::input("--at needs a date YYYY-MM-DD"))?;
                let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
                    Failure::input(format!("--at: `{value}` is not a date YYYY-MM-DD"))
                })?;
                at = Some(date);
            }
            "--days" => {
                let value = iter
                    .next()
                    .ok_or_else(|| Failure::input("--days needs a number"))?;
                days = Some(value.parse().map_err(|_| {
                    Failure::input(format!("--days: `{value}` is not a whole number of days"))
                })?);
            }
            flag if flag.starts_with("--") => {
                return Err(Failure::input(format!(
                    "{command}: unknown option `{flag}` {SEE_HELP}"
                )))
            }
            path if file.is_none() => file = Some(path.to_string()),
            extra => {
                return Err(Failure::input(format!(
                    "{command}: unexpected argument `{extra}`: one FILE only"
                )))
            }
        }
    }
    let file = file.ok_or_else(|| {
        Failure::input(format!("{command} needs a FILE (or - for standard input)"))
    })?;
    Ok(TimelineArgs { file, at, days })
}

fn read_scenario(file: &str) -> Result<Scenario, Failure> {
    let mut text = String::new();
    let read = if file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|content| text = content)
    };
    read.map_err(|error| Failure::other(format!("cannot read {file}: {error}")))?;
    parse_str(&text).map_err(|problems| Failure::input(format_problems(&problems)))
}

/// Today in UTC, for when neither `--at` nor `as_of` gives a date. Only the shell reads the
/// clock; the engine never does.
fn today() -> Result<NaiveDate, Failure> {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Failure::other("the system clock is before 1970"))?;
    let days = i64::try_from(elapsed.as_secs() / 86_400)
        .map_err(|_| Failure::other("the system clock is out of range"))?;
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(chrono::TimeDelta::days(days)))
        .ok_or_else(|| Failure::other("the system clock is out of range"))
}

fn run_timeline(args: &[String]) -> Result<String, Failure> {
    let args = parse_timeline_args("timeline", args)?;
    let scenario = read_scenario(&args.file)?;
    let at = match args.at.or(scenario.as_of) {
        Some(at) => at,
        None => today()?,
    };
    let days = args.days.unwrap_or(DEFAULT_DAYS);
    let events =
        timeline(&scenario, at, days).map_err(|error| Failure::other(error.to_string()))?;
    Ok(TimelineDocument {
        at,
        events: &events,
    }
    .to_json_string())
}
