//! The scenario importer never panics: whatever text it is given, `parse_str` returns either a
//! scenario or a non-empty list of problems, each with a message and a path that is either the
//! document root (empty) or a well-formed field path (`contracts[3].feedback.stars`); an
//! unknown field's path ends with the field's name as written, whatever its characters (an
//! empty name at the top level gives the document root).
//!
//! Three kinds of input: arbitrary strings, JSON-shaped documents built from a small grammar of
//! the format's keys and random values, and mutations (text and value level) of the format's own
//! example, `fixtures/format_example.json`. Cases in release: 40,000 + 30,000 + 30,000 =
//! 100,000 in total (a few seconds).

use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::parse::{parse_str, Problem, CONTRACT_KEYS};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

const EXAMPLE: &str = include_str!("fixtures/format_example.json");

/// Cases per property in release. The debug build is ~50× slower, so under `debug_assertions`
/// each property runs 1/50 of its release count.
fn cases(release: u32) -> u32 {
    if cfg!(debug_assertions) {
        release / 50
    } else {
        release
    }
}

fn config(release: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(release),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A problem path is the document root (empty) or `name`, `name[3]`, `a.b[0].c`, ….
fn well_formed_path(path: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    path.split('.').all(|segment| {
        let name = segment.split('[').next().unwrap_or("");
        let indexes = &segment[name.len()..];
        !name.is_empty()
            && indexes.split_inclusive(']').all(|index| {
                index
                    .strip_prefix('[')
                    .and_then(|rest| rest.strip_suffix(']'))
                    .is_some_and(|digits| {
                        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
                    })
            })
    })
}

/// Checks the contract of `parse_str` for one input; an accepted scenario must also export
/// to text that parses again.
fn check(text: &str) -> Result<(), TestCaseError> {
    match parse_str(text) {
        Ok(scenario) => {
            let exported = to_json_string(&scenario);
            prop_assert!(
                parse_str(&exported).is_ok(),
                "an accepted scenario exports to text that is refused: {exported}"
            );
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty(), "refused without a problem: {text:?}");
            let keys = object_keys(text);
            for Problem { path, message, .. } in &problems {
                prop_assert!(!message.is_empty(), "empty message at `{path}`");
                prop_assert!(
                    well_formed_path(path) || names_a_key(path, &keys),
                    "bad path `{path}` ({message}) for {text:?}"
                );
            }
        }
    }
    Ok(())
}

/// Every object key of `text`, when it is JSON.
fn object_keys(text: &str) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    out.push(key.clone());
                    walk(child, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        walk(&value, &mut out);
    }
    out
}

/// An unknown field (or rule parameter) is named as written, so its path is a well-formed
/// path, a dot, and a key of the document, whatever its characters.
fn names_a_key(path: &str, keys: &[String]) -> bool {
    keys.iter().any(|key| {
        path == key
            || path
                .strip_suffix(key.as_str())
                .and_then(|prefix| prefix.strip_suffix('.'))
                .is_some_and(|prefix| !prefix.is_empty() && well_formed_path(prefix))
    })
}

// ---- the grammar ----

/// The format's keys: every key a contract may carry, taken from the importer itself (so a new
/// one is fuzzed at once), then the keys of the document, its clients, payments, milestones, end
/// and feedback, in alphabetical order.
fn keys() -> Vec<&'static str> {
    let mut keys = CONTRACT_KEYS.to_vec();
    keys.extend([
        "amount",
        "as_of",
        "by",
        "clients",
        "contracts",
        "date",
        "due",
        "era",
        "flagged",
        "format",
        "freelancer",
        "funded",
        "inactive_open_days",
        "max_weight",
        "name",
        "positive_min_stars",
        "private_score",
        "reason",
        "refunded",
        "released",
        "rules",
        "stars",
        "submitted",
        "unknown",
        "version",
    ]);
    keys
}

const WORDS: &[&str] = &[
    "jss-lab.scenario",
    "current",
    "y2020",
    "legacy",
    "hourly",
    "fixed",
    "client",
    "freelancer",
    "completed",
    "not_completed",
    "client_unresponsive",
    "other",
    "acme",
    "k1",
    "k2",
    "m1",
    "2026-11-27",
    "2025-01-06",
    "2024-02-29",
    "2025-02-29",
    "1900-01-01",
    "9999-12-31",
    "2025-13-01",
    "",
];

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-10i64..200).prop_map(Value::from),
        any::<f64>().prop_map(|x| Number::from_f64(x).map_or(Value::Null, Value::Number)),
        (-100.0f64..1000.0).prop_map(|x| Number::from_f64(x).map_or(Value::Null, Value::Number)),
        Just(Value::from(4.85)),
        Just(Value::from(0.001)),
        Just(Value::from(1e300)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        prop::sample::select(WORDS).prop_map(|w| Value::from(w.to_string())),
        "\\PC{0,8}".prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(keys()), inner), 0..7).prop_map(
                |entries| {
                    Value::Object(
                        entries
                            .into_iter()
                            .map(|(k, v)| (k.to_string(), v))
                            .collect::<Map<_, _>>(),
                    )
                }
            ),
        ]
    })
}

/// A document that usually passes the header checks, so the walk reaches the contracts.
fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec((prop::sample::select(keys()), value()), 0..8),
        any::<bool>(),
    )
        .prop_map(|(header, entries, pretty)| {
            let mut map = Map::new();
            if header {
                map.insert("format".into(), Value::from("jss-lab.scenario"));
                map.insert("version".into(), Value::from(1));
                map.insert("as_of".into(), Value::from("2026-11-27"));
            }
            for (key, value) in entries {
                map.insert(key.to_string(), value);
            }
            let value = Value::Object(map);
            if pretty {
                serde_json::to_string_pretty(&value).unwrap_or_default()
            } else {
                value.to_string()
            }
        })
}

// ---- mutations of the example ----

#[derive(Clone, Debug)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    Replace { at: usize, byte: u8 },
    Duplicate { at: usize, len: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        (
            any::<usize>(),
            prop_oneof![
                "[\\[\\]{}:,\"0-9a-z.\\- ]{1,6}".boxed(),
                prop::sample::select(WORDS)
                    .prop_map(|w| format!("\"{w}\""))
                    .boxed(),
                "\\PC{1,4}".boxed(),
            ]
        )
            .prop_map(|(at, text)| Edit::Insert { at, text }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Replace { at, byte }),
        (any::<usize>(), 1usize..120).prop_map(|(at, len)| Edit::Duplicate { at, len }),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for edit in edits {
        let n = bytes.len().max(1);
        match edit {
            Edit::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Edit::Insert { at, text } => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, text.bytes());
            }
            Edit::Replace { at, byte } => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = *byte;
                }
            }
            Edit::Duplicate { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                let copy = bytes.get(at.min(end)..end).unwrap_or(&[]).to_vec();
                bytes.splice(end..end, copy);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Every place in a document, as the steps to reach it.
fn places(value: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                here.push(Value::from(key.clone()));
                places(child, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                here.push(Value::from(index));
                places(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(mut value: &'a mut Value, steps: &[Value]) -> Option<&'a mut Value> {
    for step in steps {
        value = match step {
            Value::String(key) => value.get_mut(key.as_str())?,
            Value::Number(index) => value.get_mut(usize::try_from(index.as_u64()?).ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

#[derive(Clone, Debug)]
enum Change {
    Set(Value),
    Remove,
    Rename(&'static str),
    DuplicateInArray,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        4 => value().prop_map(Change::Set),
        2 => Just(Change::Remove),
        1 => prop::sample::select(keys()).prop_map(Change::Rename),
        1 => Just(Change::DuplicateInArray),
    ]
}

/// Applies value-level changes to the example, each at a place chosen by `picks`.
fn change_example(changes: &[(usize, Change)]) -> String {
    let mut doc: Value = serde_json::from_str(EXAMPLE).expect("the example is JSON");
    for (pick, change) in changes {
        let mut all = Vec::new();
        places(&doc, &mut Vec::new(), &mut all);
        let steps = all
            .get(pick % all.len().max(1))
            .cloned()
            .unwrap_or_default();
        let Some((last, parent_steps)) = steps.split_last() else {
            if let Change::Set(value) = change {
                doc = value.clone();
            }
            continue;
        };
        let Some(parent) = at_mut(&mut doc, parent_steps) else {
            continue;
        };
        match (parent, last, change) {
            (parent, step, Change::Set(value)) => {
                if let Some(slot) = at_mut(parent, std::slice::from_ref(step)) {
                    *slot = value.clone();
                }
            }
            (Value::Object(map), Value::String(key), Change::Remove) => {
                map.remove(key);
            }
            (Value::Array(items), Value::Number(index), Change::Remove) => {
                if let Some(index) = index.as_u64().and_then(|i| usize::try_from(i).ok()) {
                    if index < items.len() {
                        items.remove(index);
                    }
                }
            }
            (Value::Object(map), Value::String(key), Change::Rename(new)) => {
                if let Some(value) = map.remove(key) {
                    map.insert((*new).to_string(), value);
                }
            }
            (Value::Array(items), Value::Number(index), Change::DuplicateInArray) => {
                if let Some(item) = index
                    .as_u64()
                    .and_then(|i| usize::try_from(i).ok())
                    .and_then(|i| items.get(i).cloned())
                {
                    items.push(item);
                }
            }
            _ => {}
        }
    }
    doc.to_string()
}

#[test]
fn the_example_and_the_checks_are_sound() {
    assert!(parse_str(EXAMPLE).is_ok());
    for good in ["", "format", "contracts[3].feedback.stars", "a[0][1].b"] {
        assert!(well_formed_path(good), "{good}");
    }
    for bad in [".", "a.", "[0]", "a[]", "a[x]", "a[0", "a..b"] {
        assert!(!well_formed_path(bad), "{bad}");
    }
    // The mutation machinery reaches the input: removing the root's first key changes it.
    let changed = change_example(&[(1usize, Change::Remove)]);
    assert_ne!(
        changed,
        serde_json::from_str::<Value>(EXAMPLE).unwrap().to_string()
    );
}

proptest! {
    #![proptest_config(config(40_000))]

    #[test]
    fn prop_arbitrary_strings_never_panic(text in prop_oneof![
        "\\PC{0,64}".boxed(),
        "[\\[\\]{}:,\"0-9a-z.\\-eE ]{0,64}".boxed(),
        prop::collection::vec(any::<u8>(), 0..128)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned())
            .boxed(),
    ]) {
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(config(30_000))]

    #[test]
    fn prop_json_shaped_documents_never_panic(text in document()) {
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(config(30_000))]

    #[test]
    fn prop_mutated_examples_never_panic(
        edits in prop::collection::vec(edit(), 0..4),
        changes in prop::collection::vec((any::<usize>(), change()), 0..4),
        textual in any::<bool>(),
    ) {
        let text = if textual {
            apply(EXAMPLE, &edits)
        } else {
            change_example(&changes)
        };
        check(&text)?;
    }
}
