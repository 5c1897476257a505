#![cfg(target_arch = "wasm32")]
//! The storage layer in headless Chromium: envelope, migrations from every golden file, load
//! outcomes, verified saves with backup, quarantine, quota, several tabs, recovery choices and
//! the banner. Run with `cargo test -p jss-lab --target wasm32-unknown-unknown --test storage_web`.

mod golden;
mod web_support;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use golden::GOLDEN;
use leptos::prelude::*;
use leptos::task::tick;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_support::mount;

use jss_lab::components::layout::storage_banner::{has_notice, notice_for, StorageBanner, Urgency};
use jss_lab::storage::envelope::{self, ReadError};
use jss_lab::storage::merge::{fresh_id, Place};
use jss_lab::storage::BannerAction;
use jss_lab::storage::{
    keys, load, merge, LoadOutcome, LockUse, MergeConflict, PersistOutcome, ReadOnlyReason,
    RecoveryError, SaveError, SaveReport, Saver, SaverEvent, StorageContext, StorageStatus,
    Unmerged, SAVE_LOCK, SCHEMA_VERSION,
};

wasm_bindgen_test_configure!(run_in_browser);

const XSS: &str = "<img src=x onerror=alert(1)>";

fn storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("the test browser has localStorage")
}

fn get(key: &str) -> Option<String> {
    storage().get_item(key).expect("read")
}

fn put(key: &str, value: &str) {
    storage().set_item(key, value).expect("write");
}

/// Each test starts from empty storage and no injected fault.
fn reset() {
    jss_lab::storage::set_fault(None);
    storage().clear().expect("clear storage");
}

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, minute, 0)
        .single()
        .expect("a valid time")
}

fn payload(note: &str) -> Value {
    json!({ "scenario": { "format": "jss-lab.scenario", "version": 1 }, "simulator": {}, "prefs": { "note": note } })
}

fn quarantined_copies(raw: &str) -> usize {
    jss_lab::storage::quarantined_keys()
        .iter()
        .filter(|k| get(k).as_deref() == Some(raw))
        .count()
}

/// The one invariant every failure test checks: the main key still holds exactly `raw`, and
/// when `quarantined` is set, exactly one copy of it sits under a quarantine key.
fn check_kept(raw: &str, quarantined: bool) {
    assert_eq!(get(keys::STATE).as_deref(), Some(raw), "main value changed");
    assert_eq!(
        quarantined_copies(raw),
        usize::from(quarantined),
        "quarantine copies"
    );
    assert_eq!(get(keys::STAGING), None, "staging key left behind");
}

/// Tells this page that another tab wrote `key`, as the browser's `storage` event does.
fn fire_storage_event(key: Option<&str>) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(key);
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).expect("event");
    web_sys::window()
        .expect("window")
        .dispatch_event(&event)
        .expect("dispatch");
}

/// Waits `ms` milliseconds on the browser's timer queue.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn saved_payload() -> Value {
    let raw = get(keys::STATE).expect("a saved value");
    envelope::read(&raw).expect("readable").payload
}

// --- envelope and checksum ---

#[wasm_bindgen_test]
fn fnv1a64_matches_the_published_test_vectors() {
    assert_eq!(envelope::fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(envelope::fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(envelope::fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

#[wasm_bindgen_test]
fn canonical_text_ignores_key_order_and_whitespace() {
    let a: Value = serde_json::from_str(r#"{"b": [1, {"y": 2, "x": 1}], "a": "é"}"#).unwrap();
    let b: Value = serde_json::from_str(r#"{"a":"é","b":[1,{"x":1,"y":2}]}"#).unwrap();
    assert_eq!(
        envelope::canonical_text(&a),
        r#"{"a":"é","b":[1,{"x":1,"y":2}]}"#
    );
    assert_eq!(envelope::checksum(&a), envelope::checksum(&b));
}

#[wasm_bindgen_test]
fn an_envelope_round_trips_and_any_edit_breaks_its_checksum() {
    let data = payload(XSS);
    let text = envelope::encode(&data, at(5), 3).expect("encoded");
    let stored = envelope::read(&text).expect("round trip");
    assert_eq!(stored.payload, data);
    assert_eq!(stored.revision, 3);
    assert_eq!(stored.saved_at, Some(at(5)));
    assert_eq!(stored.migrated_from, None);
    let head: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(head["schema_version"], json!(SCHEMA_VERSION));
    assert_eq!(head["app_version"], json!(env!("CARGO_PKG_VERSION")));
    assert_eq!(head["saved_at"], json!("2026-11-27T09:05:00.000Z"));

    let tampered = text.replace("onerror", "onErrOr");
    assert!(matches!(
        envelope::read(&tampered),
        Err(ReadError::ChecksumMismatch { .. })
    ));
    let truncated = &text[..text.len() - 10];
    assert!(matches!(
        envelope::read(truncated),
        Err(ReadError::NotJson { .. })
    ));
}

#[wasm_bindgen_test]
fn unknown_shapes_and_bad_fields_are_unreadable_with_a_reason() {
    let cases = [
        ("[1, 2]", "not a JSON object"),
        (r#"{"hello": 1}"#, "no \"schema_version\""),
        (r#"{"schema_version": 0}"#, "schema_version"),
        (r#"{"schema_version": "1"}"#, "schema_version"),
        (r#"{"schema_version": 1, "payload": {}}"#, "checksum"),
    ];
    for (raw, needle) in cases {
        let err = envelope::read(raw).expect_err(raw);
        assert!(err.to_string().contains(needle), "{raw}: {err}");
    }
    assert_eq!(
        envelope::read(r#"{"schema_version": 99, "payload": {}}"#),
        Err(ReadError::NewerSchema { version: 99 })
    );
}

// --- migrations ---

// Reading every golden file and the migrations' refusals are pure functions: tests/native.rs
// checks them under plain `cargo test`; here the golden files go through localStorage.

#[wasm_bindgen_test]
fn a_v0_blob_loads_migrated_and_its_first_save_keeps_it_as_the_backup() {
    reset();
    let (_, v0, expected) = GOLDEN[0];
    put(keys::STATE, v0);
    let outcome = load(at(0));
    let LoadOutcome::Loaded {
        payload: loaded,
        migrated_from,
        revision,
        saved_at,
        ..
    } = outcome.clone()
    else {
        panic!("expected Loaded, got {outcome:?}");
    };
    assert_eq!(loaded, serde_json::from_str::<Value>(expected).unwrap());
    assert_eq!((migrated_from, revision, saved_at), (Some(0), 0, None));

    let saver = Saver::new(&outcome);
    let report = saver.save_now(loaded.clone(), at(1)).expect("save");
    assert_eq!(report.revision, 1);
    assert!(report.backup_written);
    assert_eq!(get(keys::BACKUP).as_deref(), Some(v0));
    assert_eq!(saved_payload(), loaded);
}

// --- load outcomes and read-only mode ---

#[wasm_bindgen_test]
fn nothing_saved_is_fresh_and_a_save_then_loads_back() {
    reset();
    let outcome = load(at(0));
    assert_eq!(outcome, LoadOutcome::Fresh);
    assert_eq!(get(keys::PROBE), None, "the write probe cleans up");
    let saver = Saver::new(&outcome);
    assert_eq!(saver.status(), StorageStatus::Writable);
    let report = saver.save_now(payload("one"), at(1)).expect("save");
    assert_eq!((report.revision, report.backup_written), (1, false));
    assert!(!report.near_budget);
    assert!(report.size_chars > 0 && report.used_chars >= report.size_chars);
    match load(at(2)) {
        LoadOutcome::Loaded {
            payload: p,
            revision,
            saved_at,
            size_chars,
            ..
        } => {
            assert_eq!(p, payload("one"));
            assert_eq!(
                (revision, saved_at, size_chars),
                (1, Some(at(1)), report.size_chars)
            );
        }
        other => panic!("expected Loaded, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn a_corrupted_blob_opens_read_only_intact_and_quarantined() {
    reset();
    let good = envelope::encode(&payload("good"), at(0), 4).expect("encoded");
    let corrupt = good.replace("good", "g00d");
    put(keys::STATE, &corrupt);

    let outcome = load(at(1));
    let LoadOutcome::Unreadable {
        raw,
        reason,
        quarantined_as,
    } = &outcome
    else {
        panic!("expected Unreadable, got {outcome:?}");
    };
    assert_eq!(raw, &corrupt);
    assert!(reason.contains("checksum"), "{reason}");
    assert_eq!(
        quarantined_as.as_deref(),
        Some("jss-lab.quarantine.2026-11-27T09:01:00.000Z")
    );
    check_kept(&corrupt, true);

    let saver = Saver::new(&outcome);
    assert!(matches!(
        saver.status(),
        StorageStatus::ReadOnly {
            why: ReadOnlyReason::Unreadable { .. }
        }
    ));
    let refused = saver.save_now(payload("edit"), at(2));
    assert!(
        matches!(refused, Err(SaveError::ReadOnly { .. })),
        "{refused:?}"
    );
    assert!(saver.has_pending(), "the refused edit stays in memory");
    // Loading again (a reload of the page) keeps one copy, not one per visit.
    let _ = load(at(3));
    check_kept(&corrupt, true);
    assert_eq!(
        jss_lab::storage::raw_for_download().as_deref(),
        Some(corrupt.as_str())
    );
}

#[wasm_bindgen_test]
fn bad_json_is_unreadable_too() {
    reset();
    put(keys::STATE, "{\"schema_version\": 1, \"payl");
    let outcome = load(at(0));
    assert!(
        matches!(outcome, LoadOutcome::Unreadable { .. }),
        "{outcome:?}"
    );
    check_kept("{\"schema_version\": 1, \"payl", true);
}

#[wasm_bindgen_test]
fn a_newer_schema_is_refused_and_kept_intact() {
    reset();
    let newer =
        json!({ "schema_version": SCHEMA_VERSION + 1, "payload": { "future": true } }).to_string();
    put(keys::STATE, &newer);
    let outcome = load(at(0));
    assert!(
        matches!(&outcome, LoadOutcome::NewerSchema { version, .. } if *version == SCHEMA_VERSION + 1),
        "{outcome:?}"
    );
    let saver = Saver::new(&outcome);
    assert_eq!(
        saver.status(),
        StorageStatus::ReadOnly {
            why: ReadOnlyReason::NewerSchema {
                version: SCHEMA_VERSION + 1
            }
        }
    );
    assert!(matches!(
        saver.save_now(payload("old build"), at(1)),
        Err(SaveError::ReadOnly { .. })
    ));
    check_kept(&newer, true);
}

#[wasm_bindgen_test]
fn data_that_turns_unreadable_after_loading_is_not_overwritten() {
    reset();
    let saver = Saver::new(&load(at(0)));
    saver.save_now(payload("one"), at(1)).expect("save");
    put(keys::STATE, "garbage from an extension");
    let refused = saver.save_now(payload("two"), at(2));
    assert!(
        matches!(refused, Err(SaveError::ReadOnly { .. })),
        "{refused:?}"
    );
    assert!(matches!(saver.status(), StorageStatus::ReadOnly { .. }));
    check_kept("garbage from an extension", true);
}

#[wasm_bindgen_test]
fn blocked_storage_is_memory_only() {
    reset();
    jss_lab::storage::set_fault(Some(jss_lab::storage::Fault::Unavailable));
    let outcome = load(at(0));
    assert!(
        matches!(outcome, LoadOutcome::Unavailable { .. }),
        "{outcome:?}"
    );
    let saver = Saver::new(&outcome);
    assert!(matches!(saver.status(), StorageStatus::MemoryOnly { .. }));
    assert!(matches!(
        saver.save_now(payload("x"), at(1)),
        Err(SaveError::MemoryOnly { .. })
    ));
    assert_eq!(saver.pending_payload(), Some(payload("x")));
    jss_lab::storage::set_fault(None);
}

// --- safe saves ---

#[wasm_bindgen_test]
fn a_failed_staging_verification_leaves_main_untouched() {
    reset();
    let saver = Saver::new(&load(at(0)));
    saver.save_now(payload("one"), at(1)).expect("save");
    let before = get(keys::STATE).expect("saved");

    jss_lab::storage::set_fault(Some(jss_lab::storage::Fault::CorruptStaging));
    assert_eq!(
        saver.save_now(payload("two"), at(2)),
        Err(SaveError::VerifyFailed)
    );
    check_kept(&before, false);
    assert_eq!(get(keys::BACKUP), None, "no backup step ran");
    assert_eq!(saver.revision(), 1);

    // Once writes are sound again, the edit kept in memory is saved by the next flush.
    jss_lab::storage::set_fault(None);
    let report = saver.flush().expect("pending").expect("saved");
    assert_eq!(report.revision, 2);
    assert_eq!(saved_payload(), payload("two"));
    assert_eq!(get(keys::BACKUP).as_deref(), Some(before.as_str()));
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_the_previous_save_is_intact() {
    reset();
    let saver = Saver::new(&load(at(0)));
    saver.save_now(payload("small"), at(1)).expect("save");
    let before = get(keys::STATE).expect("saved");

    // Fill the origin's quota with junk, in ever smaller pieces, until even 1 KB is refused.
    let mut chunk = 1 << 20;
    let mut n = 0;
    while chunk >= 1024 {
        let junk = "x".repeat(chunk);
        while storage().set_item(&format!("junk.{n}"), &junk).is_ok() {
            n += 1;
        }
        chunk /= 4;
    }
    // Text that does not compress (a large payload is stored deflated), so the save cannot fit.
    let mut seed = 0x2545_f491_u32;
    let noise: String = (0..128 * 1024)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            char::from(b'!' + (seed % 90) as u8)
        })
        .collect();
    let big = payload(&noise);
    let result = saver.save_now(big.clone(), at(2));
    assert!(
        matches!(result, Err(SaveError::QuotaExceeded { size_chars, .. }) if size_chars > 64 * 1024),
        "{result:?}"
    );
    check_kept(&before, false);
    assert_eq!(
        saver.pending_payload(),
        Some(big),
        "the state stays in memory"
    );
    storage().clear().expect("clear junk");
}

#[wasm_bindgen_test]
async fn saves_are_debounced_and_flushed_on_pagehide() {
    reset();
    let saver = Saver::new(&load(at(0)));
    saver.listen().expect("listen");
    saver.schedule(payload("a"), at(1));
    saver.schedule(payload("b"), at(2));
    saver.schedule(payload("c"), at(3));
    assert_eq!(
        get(keys::STATE),
        None,
        "nothing is written before the debounce"
    );
    sleep(450).await;
    assert_eq!(saved_payload(), payload("c"));
    assert_eq!(saver.revision(), 1, "three edits, one write");

    saver.schedule(payload("d"), at(4));
    let pagehide = web_sys::Event::new("pagehide").expect("event");
    web_sys::window()
        .expect("window")
        .dispatch_event(&pagehide)
        .expect("dispatch");
    assert_eq!(saved_payload(), payload("d"), "pagehide flushes at once");
    assert!(!saver.has_pending());
    drop(saver);
    sleep(350).await;
}

#[wasm_bindgen_test]
async fn an_edit_built_at_save_time_is_pending_at_once_and_saved_on_pagehide() {
    reset();
    let saver = Saver::new(&load(at(0)));
    saver.listen().expect("listen");
    let builds = Rc::new(Cell::new(0));
    let counted = builds.clone();
    saver.schedule_built(
        Rc::new(move || {
            counted.set(counted.get() + 1);
            payload("built")
        }),
        at(1),
    );
    assert!(
        saver.has_pending(),
        "the edit is pending before it is built"
    );
    assert_eq!(builds.get(), 0, "nothing is built before the save");
    let pagehide = web_sys::Event::new("pagehide").expect("event");
    web_sys::window()
        .expect("window")
        .dispatch_event(&pagehide)
        .expect("dispatch");
    assert_eq!(
        saved_payload(),
        payload("built"),
        "pagehide builds and saves it"
    );
    assert_eq!(builds.get(), 1);
    assert!(!saver.has_pending());

    // An edit that builds back to what was just saved is not written again.
    saver.schedule_built(Rc::new(|| payload("built")), at(2));
    sleep(450).await;
    assert_eq!(saver.revision(), 1, "an unchanged build writes nothing");
    assert!(!saver.has_pending());
    drop(saver);
}

// --- several tabs ---

#[wasm_bindgen_test]
fn a_stale_tab_is_refused_and_the_newer_save_is_intact() {
    reset();
    let first = Saver::new(&load(at(0)));
    first.save_now(payload("base"), at(1)).expect("save");
    let tab_a = Saver::new(&load(at(2)));
    let tab_b = Saver::new(&load(at(2)));
    assert_eq!((tab_a.revision(), tab_b.revision()), (1, 1));

    tab_a.save_now(payload("from A"), at(3)).expect("A saves");
    let newer = get(keys::STATE).expect("saved");
    assert_eq!(
        tab_b.save_now(payload("from B"), at(4)),
        Err(SaveError::StaleTab {
            stored_revision: 2,
            loaded_revision: 1,
            why: Unmerged::Conflicts(vec![Place::Pref("note".into())]),
        })
    );
    check_kept(&newer, false);
    assert_eq!(
        tab_b.pending_payload(),
        Some(payload("from B")),
        "B's edit is not lost"
    );

    // The user keeps B's version: it is saved, and A's becomes the backup.
    let report = tab_b
        .overwrite_other_tab()
        .expect("pending")
        .expect("saved");
    assert_eq!(report.revision, 3);
    assert_eq!(saved_payload(), payload("from B"));
    assert_eq!(get(keys::BACKUP).as_deref(), Some(newer.as_str()));

    // Tab A is now the stale one; it reloads and can save again.
    assert!(matches!(
        tab_a.save_now(payload("A again"), at(5)),
        Err(SaveError::StaleTab { .. })
    ));
    let reloaded = tab_a.reload(at(6));
    assert!(matches!(reloaded, LoadOutcome::Loaded { revision: 3, .. }));
    assert!(!tab_a.has_pending());
    assert_eq!(
        tab_a
            .save_now(payload("A after reload"), at(7))
            .map(|r| r.revision),
        Ok(4)
    );
}

#[wasm_bindgen_test]
fn another_tabs_save_is_reported_through_the_storage_event() {
    reset();
    let saver = Saver::new(&load(at(0)));
    let events: Rc<RefCell<Vec<SaverEvent>>> = Rc::default();
    let sink = events.clone();
    saver.on_event(move |e| sink.borrow_mut().push(e));
    saver.listen().expect("listen");

    fire_storage_event(Some(keys::THEME));
    assert!(events.borrow().is_empty(), "other keys are ignored");
    fire_storage_event(Some(keys::STATE));
    assert_eq!(
        events.borrow().as_slice(),
        &[SaverEvent::OtherTabSaved { has_pending: false }]
    );
    saver.schedule(payload("typing"), at(1));
    fire_storage_event(None);
    assert_eq!(
        events.borrow().last(),
        Some(&SaverEvent::OtherTabSaved { has_pending: true })
    );
    drop(saver);
}

// --- merging two tabs' edits ---

/// A payload whose scenario has these clients `(id, name)` and contracts `(id, client, title)`.
fn scenario(clients: &[(&str, &str)], contracts: &[(&str, &str, &str)]) -> Value {
    let clients: Vec<Value> = clients
        .iter()
        .map(|(id, name)| json!({ "id": id, "name": name, "flagged": false }))
        .collect();
    let contracts: Vec<Value> = contracts
        .iter()
        .map(|(id, client, title)| {
            json!({
                "id": id, "client": client, "title": title, "type": "fixed",
                "start": "2026-01-05", "payments": [], "refunds": [], "milestones": [],
                "end": null, "feedback": null
            })
        })
        .collect();
    json!({
        "scenario": {
            "format": "jss-lab.scenario", "version": 1, "rules": { "era": "current" },
            "clients": clients, "contracts": contracts
        },
        "simulator": {},
        "prefs": {}
    })
}

/// `payload` with `value` at the JSON pointer `at`.
fn with(mut payload: Value, at: &str, value: Value) -> Value {
    *payload.pointer_mut(at).expect("the pointer exists") = value;
    payload
}

/// One merge case: `base` (`None`: nothing was saved when the tab loaded), our pending state,
/// the other tab's newer save, and the merge or the conflicting places expected.
struct MergeCase {
    name: &'static str,
    base: Option<Value>,
    ours: Value,
    theirs: Value,
    expected: Result<Value, Vec<Place>>,
}

fn check_merge(case: MergeCase) {
    let got = merge(case.base.as_ref(), &case.ours, &case.theirs);
    let expected = case.expected.map_err(|places| MergeConflict { places });
    assert_eq!(got, expected, "{}", case.name);
    // Swapping the sides never turns a conflict into a merge or the other way round.
    let swapped = merge(case.base.as_ref(), &case.theirs, &case.ours);
    assert_eq!(
        swapped.is_ok(),
        got.is_ok(),
        "{} (sides swapped)",
        case.name
    );
}

// The merge itself is the engine's (`jss_engine::merge`), tested there rule by rule over typed
// inputs, with the simulator's inputs following renamed contracts and merging field by field;
// tests/native.rs runs the shell's payload adapter over full saved payloads. These cases check
// the adapter in the browser build.
#[wasm_bindgen_test]
fn two_tabs_edits_merge_contract_by_contract() {
    let acme = ("c01", "Acme");
    let k1 = ("k01", "c01", "Logo");
    let base = scenario(&[acme], &[k1]);
    let cases = vec![
        MergeCase {
            name: "only this tab changed something",
            base: Some(base.clone()),
            ours: scenario(&[acme], &[k1, ("k02", "c01", "Site")]),
            theirs: base.clone(),
            expected: Ok(scenario(&[acme], &[k1, ("k02", "c01", "Site")])),
        },
        MergeCase {
            name: "only the other tab changed something",
            base: Some(base.clone()),
            ours: base.clone(),
            theirs: scenario(&[acme], &[]),
            expected: Ok(scenario(&[acme], &[])),
        },
        MergeCase {
            name: "each tab added a contract under its own id",
            base: Some(base.clone()),
            ours: scenario(&[acme], &[k1, ("k03", "c01", "Ours")]),
            theirs: scenario(&[acme], &[k1, ("k02", "c01", "Theirs")]),
            expected: Ok(scenario(
                &[acme],
                &[k1, ("k02", "c01", "Theirs"), ("k03", "c01", "Ours")],
            )),
        },
        MergeCase {
            name: "both tabs numbered a new contract and a new client alike",
            base: Some(base.clone()),
            ours: scenario(
                &[acme, ("c02", "Beta Tab")],
                &[k1, ("k02", "c02", "From B")],
            ),
            theirs: scenario(
                &[acme, ("c02", "Alpha Tab")],
                &[k1, ("k02", "c02", "From A")],
            ),
            expected: Ok(scenario(
                &[acme, ("c02", "Alpha Tab"), ("c03", "Beta Tab")],
                &[k1, ("k02", "c02", "From A"), ("k03", "c03", "From B")],
            )),
        },
        MergeCase {
            name: "both tabs added the very same contract",
            base: Some(base.clone()),
            ours: scenario(&[acme], &[k1, ("k02", "c01", "Same")]),
            theirs: scenario(&[acme], &[k1, ("k02", "c01", "Same")]),
            expected: Ok(scenario(&[acme], &[k1, ("k02", "c01", "Same")])),
        },
        MergeCase {
            name: "different contracts changed on each side",
            base: Some(scenario(&[acme], &[k1, ("k02", "c01", "Two")])),
            ours: scenario(&[acme], &[("k01", "c01", "Logo v2"), ("k02", "c01", "Two")]),
            theirs: scenario(&[acme], &[k1, ("k02", "c01", "Two v2")]),
            expected: Ok(scenario(
                &[acme],
                &[("k01", "c01", "Logo v2"), ("k02", "c01", "Two v2")],
            )),
        },
        MergeCase {
            name: "the rules changed here, a contract there",
            base: Some(base.clone()),
            ours: with(base.clone(), "/scenario/rules/era", json!("legacy")),
            theirs: scenario(&[acme], &[k1, ("k02", "c01", "Site")]),
            expected: Ok(with(
                scenario(&[acme], &[k1, ("k02", "c01", "Site")]),
                "/scenario/rules/era",
                json!("legacy"),
            )),
        },
        MergeCase {
            name: "one contract changed differently on both sides",
            base: Some(base.clone()),
            ours: scenario(&[acme], &[("k01", "c01", "Ours")]),
            theirs: scenario(&[acme], &[("k01", "c01", "Theirs")]),
            expected: Err(vec![Place::Contract("k01".into())]),
        },
        MergeCase {
            name: "deleted here, changed there",
            base: Some(base.clone()),
            ours: scenario(&[acme], &[]),
            theirs: scenario(&[acme], &[("k01", "c01", "Theirs")]),
            expected: Err(vec![Place::Contract("k01".into())]),
        },
        MergeCase {
            name: "deleted here, untouched there",
            base: Some(base.clone()),
            ours: scenario(&[acme], &[]),
            theirs: with(base.clone(), "/prefs", json!({ "note": "x" })),
            expected: Ok(with(
                scenario(&[acme], &[]),
                "/prefs",
                json!({ "note": "x" }),
            )),
        },
        MergeCase {
            name: "the same setting changed to different values",
            base: Some(base.clone()),
            ours: with(base.clone(), "/scenario/rules/era", json!("legacy")),
            theirs: with(base.clone(), "/scenario/rules/era", json!("y2020")),
            expected: Err(vec![Place::Era]),
        },
        MergeCase {
            name: "a tab that loaded nothing adds to the other tab's first save",
            base: None,
            ours: scenario(&[("c01", "Mine")], &[("k01", "c01", "Mine")]),
            theirs: base.clone(),
            expected: Ok(scenario(
                &[acme, ("c02", "Mine")],
                &[k1, ("k02", "c02", "Mine")],
            )),
        },
        MergeCase {
            name: "a scenario that was still empty (null) in the base",
            base: Some(json!({ "scenario": null, "simulator": {}, "prefs": {} })),
            ours: scenario(&[acme], &[k1]),
            theirs: scenario(&[acme], &[("k01", "c01", "Other")]),
            expected: Ok(scenario(
                &[acme],
                &[("k01", "c01", "Other"), ("k02", "c01", "Logo")],
            )),
        },
    ];
    for case in cases {
        check_merge(case);
    }
}

#[wasm_bindgen_test]
fn a_fresh_id_keeps_the_style_and_skips_every_taken_one() {
    let taken = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect();
    for (id, used, expected) in [
        ("k19", &["k19"][..], "k20"),
        ("k19", &["k19", "k20", "k21"][..], "k22"),
        ("k09", &["k09"][..], "k10"),
        ("c5", &["c5"][..], "c6"),
        ("acme", &["acme"][..], "acme-2"),
        ("acme", &["acme", "acme-2"][..], "acme-3"),
        ("7", &["7"][..], "8"),
    ] {
        assert_eq!(fresh_id(id, &taken(used)), expected, "{id} among {used:?}");
    }
}

/// Two tabs that both loaded `first` (saved once before), and the events tab B's saver sends.
fn two_tabs_after(first: Value) -> (Saver, Saver, Rc<RefCell<Vec<SaverEvent>>>) {
    Saver::new(&load(at(0)))
        .save_now(first, at(0))
        .expect("first save");
    let tab_a = Saver::new(&load(at(1)));
    let tab_b = Saver::new(&load(at(1)));
    let events: Rc<RefCell<Vec<SaverEvent>>> = Rc::default();
    let sink = events.clone();
    tab_b.on_event(move |e| sink.borrow_mut().push(e));
    (tab_a, tab_b, events)
}

#[wasm_bindgen_test]
fn a_stale_tab_merges_its_edit_into_the_newer_save() {
    reset();
    let acme = ("c01", "Acme");
    let base = scenario(&[acme], &[("k01", "c01", "Logo")]);
    let (tab_a, tab_b, events) = two_tabs_after(base.clone());

    let from_a = scenario(
        &[acme, ("c02", "Alpha Tab")],
        &[("k01", "c01", "Logo"), ("k02", "c02", "X")],
    );
    tab_a.save_now(from_a.clone(), at(2)).expect("A saves");
    let a_saved = get(keys::STATE).expect("saved");
    // B never heard of A's save (its storage event is late) and saves its own new contract.
    let from_b = scenario(
        &[acme, ("c02", "Beta Tab")],
        &[("k01", "c01", "Logo"), ("k02", "c02", "Y")],
    );
    let report = tab_b.save_now(from_b, at(3)).expect("B merges and saves");
    assert_eq!((report.revision, report.merged_with), (3, Some(2)));
    let both = scenario(
        &[acme, ("c02", "Alpha Tab"), ("c03", "Beta Tab")],
        &[
            ("k01", "c01", "Logo"),
            ("k02", "c02", "X"),
            ("k03", "c03", "Y"),
        ],
    );
    assert_eq!(saved_payload(), both, "both edits are saved");
    assert_eq!(get(keys::BACKUP), Some(a_saved), "A's save is the backup");
    assert_eq!(tab_b.base(), Some(both.clone()));
    assert!(!tab_b.has_pending());
    let merged = events.borrow().iter().find_map(|e| match e {
        SaverEvent::Merged(outcome) => Some(outcome.clone()),
        _ => None,
    });
    assert!(
        matches!(&merged, Some(LoadOutcome::Loaded { payload, revision: 3, .. }) if *payload == both),
        "B's app is handed the merge: {merged:?}"
    );

    // A shows what it saved; that is not an edit, so nothing is pending to overwrite B's merge.
    tab_a.schedule(from_a, at(4));
    assert!(!tab_a.has_pending());
    assert!(matches!(
        tab_a.reload(at(5)),
        LoadOutcome::Loaded { revision: 3, .. }
    ));
    assert_eq!(tab_a.base(), Some(both));
    drop(tab_a);
    drop(tab_b);
}

/// A payload whose preferences hold `prefs` beside the shared note.
fn with_prefs(prefs: Value) -> Value {
    let mut p = payload("one");
    for (k, v) in prefs.as_object().expect("an object") {
        p["prefs"][k] = v.clone();
    }
    p
}

#[wasm_bindgen_test]
async fn a_merge_before_its_code_arrived_keeps_the_edit_and_saves_it_after() {
    reset();
    let (tab_a, tab_b, events) = two_tabs_after(payload("one"));
    tab_a
        .save_now(with_prefs(json!({ "a": 1 })), at(2))
        .expect("A saves");
    // As when a release build has not fetched the saver's occasional code yet.
    jss_lab::storage::on_demand::unload();
    assert_eq!(
        tab_b.save_now(with_prefs(json!({ "b": 2 })), at(3)),
        Err(SaveError::CodeNotLoaded)
    );
    assert!(tab_b.has_pending(), "the edit is kept in memory");
    assert_eq!(
        saved_payload(),
        with_prefs(json!({ "a": 1 })),
        "A's save is intact"
    );
    assert!(
        !events
            .borrow()
            .iter()
            .any(|e| matches!(e, SaverEvent::SaveFailed(_))),
        "nothing is reported while the code is on its way: {:?}",
        events.borrow()
    );
    sleep(100).await;
    assert!(jss_lab::storage::on_demand::ready());
    assert_eq!(
        saved_payload()["prefs"],
        with_prefs(json!({ "a": 1, "b": 2 }))["prefs"],
        "the edit is merged and saved once the code is here"
    );
    assert!(!tab_b.has_pending());
    drop(tab_a);
    drop(tab_b);
}

#[wasm_bindgen_test]
async fn a_large_save_before_the_deflater_arrived_waits_for_it_never_writing_plain() {
    reset();
    let saver = Saver::new(&load(at(0)));
    let large = payload(&"a long history ".repeat(6_000));
    jss_lab::storage::on_demand::unload();
    assert_eq!(
        saver.save_now(large.clone(), at(1)),
        Err(SaveError::CodeNotLoaded)
    );
    assert_eq!(get(keys::STATE), None, "nothing is written plain meanwhile");
    assert!(saver.has_pending());
    sleep(100).await;
    let raw = get(keys::STATE).expect("saved once the deflater is here");
    assert!(raw.contains("payload_deflate"), "stored deflated");
    assert_eq!(saved_payload(), large);
    drop(saver);
}

#[wasm_bindgen_test]
async fn a_deflated_save_read_before_its_inflater_arrived_is_never_called_unreadable() {
    reset();
    let large = payload(&"a long history ".repeat(6_000));
    Saver::new(&load(at(0)))
        .save_now(large.clone(), at(0))
        .expect("saved");
    let raw = get(keys::STATE).expect("stored");
    assert!(raw.contains("payload_deflate"), "stored deflated");

    // As when a release build has not fetched the saver's occasional code yet.
    jss_lab::storage::on_demand::unload();
    let outcome = load(at(1));
    assert!(
        matches!(&outcome, LoadOutcome::Unavailable { reason } if reason.contains("did not arrive")),
        "a reader without the inflater says so: {outcome:?}"
    );
    assert_eq!(quarantined_copies(&raw), 0, "nothing is set aside");
    assert_eq!(get(keys::STATE), Some(raw.clone()), "nothing is changed");

    // The start fetches the inflater before it reads.
    jss_lab::storage::on_demand::unload();
    let outcome = jss_lab::storage::load_in_steps(at(2)).await;
    assert!(
        matches!(&outcome, LoadOutcome::Loaded { payload, .. } if *payload == large),
        "the start reads it: {outcome:?}"
    );

    // A save that must first read another tab's deflated save waits for the inflater too,
    // rather than stopping as if the data were unreadable.
    let saver = Saver::new(&LoadOutcome::Fresh);
    jss_lab::storage::on_demand::unload();
    assert_eq!(
        saver.save_now(payload("mine"), at(3)),
        Err(SaveError::CodeNotLoaded)
    );
    assert_eq!(saver.status(), StorageStatus::Writable);
    assert!(saver.has_pending(), "the edit is kept");
    sleep(100).await;
    assert!(jss_lab::storage::on_demand::ready());
    assert_eq!(saver.status(), StorageStatus::Writable);
    assert_eq!(quarantined_copies(&raw), 0, "nothing is set aside");
    drop(saver);
}

#[wasm_bindgen_test]
fn a_merge_the_app_cannot_load_is_refused_and_both_versions_kept() {
    reset();
    let acme = ("c01", "Acme");
    let base = scenario(&[acme, ("c02", "Gone")], &[("k01", "c01", "Logo")]);
    Saver::new(&load(at(0)))
        .save_now(base, at(0))
        .expect("first save");
    let tab_a = Saver::new(&load(at(1)));
    let tab_b = Saver::new(&load(at(1)));
    tab_b.set_merge_check(|p| jss_lab::state::scenario_of(p).map(|_| ()));
    // A removes client c02 while B adds a contract for it: each is fine, together invalid.
    tab_a
        .save_now(scenario(&[acme], &[("k01", "c01", "Logo")]), at(2))
        .expect("A saves");
    let a_saved = get(keys::STATE).expect("saved");
    let from_b = scenario(
        &[acme, ("c02", "Gone")],
        &[("k01", "c01", "Logo"), ("k02", "c02", "New")],
    );
    let refused = tab_b.save_now(from_b.clone(), at(3));
    assert!(
        matches!(
            &refused,
            Err(SaveError::StaleTab {
                why: Unmerged::Invalid(_),
                ..
            })
        ),
        "{refused:?}"
    );
    check_kept(&a_saved, false);
    assert_eq!(tab_b.pending_payload(), Some(from_b), "B's edit is kept");
    drop(tab_a);
    drop(tab_b);
}

/// Takes the save lock from the test, as another tab in the middle of a save would, and
/// returns the function that releases it.
async fn hold_save_lock() -> js_sys::Function {
    let locks = js_sys::Reflect::get(
        &web_sys::window().expect("window").navigator(),
        &"locks".into(),
    )
    .expect("navigator.locks");
    let request: js_sys::Function = js_sys::Reflect::get(&locks, &"request".into())
        .expect("request")
        .dyn_into()
        .expect("a function");
    let release: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let slot = release.clone();
    // The lock is held until the promise the callback returns settles.
    let hold = wasm_bindgen::closure::Closure::once_into_js(move |_lock: wasm_bindgen::JsValue| {
        js_sys::Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve))
    });
    let _ = request.call2(&locks, &SAVE_LOCK.into(), &hold);
    while release.borrow().is_none() {
        sleep(5).await;
    }
    let function = release.borrow_mut().take().expect("granted");
    function
}

#[wasm_bindgen_test]
async fn a_save_waits_for_the_lock_another_save_holds() {
    reset();
    let saver = Saver::new(&load(at(0)));
    let release = hold_save_lock().await;
    saver.schedule(payload("locked out"), at(1));
    assert_eq!(saver.flush_locked(), LockUse::Requested);
    sleep(400).await;
    assert_eq!(
        get(keys::STATE),
        None,
        "no write while another save holds the lock"
    );
    assert!(saver.has_pending(), "the edit waits in memory");

    release
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("release");
    sleep(50).await;
    assert_eq!(saved_payload(), payload("locked out"));
    assert!(!saver.has_pending());
    drop(saver);
}

// --- recovery choices ---

#[wasm_bindgen_test]
fn restore_backup_sets_the_bad_data_aside_and_brings_back_the_previous_save() {
    reset();
    let saver = Saver::new(&load(at(0)));
    assert_eq!(saver.restore_backup(at(0)), Err(RecoveryError::NoBackup));
    saver.save_now(payload("one"), at(1)).expect("save");
    saver.save_now(payload("two"), at(2)).expect("save");
    put(keys::STATE, "broken");

    let outcome = load(at(3));
    let saver = Saver::new(&outcome);
    let events: Rc<RefCell<Vec<SaverEvent>>> = Rc::default();
    let sink = events.clone();
    saver.on_event(move |e| sink.borrow_mut().push(e));

    let restored = saver.restore_backup(at(4)).expect("restore");
    assert!(
        matches!(&restored, LoadOutcome::Loaded { payload: p, .. } if *p == payload("one")),
        "{restored:?}"
    );
    assert_eq!(saved_payload(), payload("one"));
    assert_eq!(quarantined_copies("broken"), 1);
    assert_eq!(saver.status(), StorageStatus::Writable);
    assert_eq!(
        events.borrow().as_slice(),
        &[SaverEvent::StatusChanged(StorageStatus::Writable)]
    );
    assert!(saver.save_now(payload("three"), at(5)).is_ok());
}

#[wasm_bindgen_test]
fn start_fresh_moves_the_bad_data_aside_and_never_deletes_it() {
    reset();
    put(keys::STATE, XSS);
    let outcome = load(at(0));
    let saver = Saver::new(&outcome);
    saver.start_fresh(at(1)).expect("start fresh");
    assert_eq!(get(keys::STATE), None);
    assert_eq!(quarantined_copies(XSS), 1);
    assert_eq!(jss_lab::storage::raw_for_download().as_deref(), Some(XSS));
    assert_eq!(saver.status(), StorageStatus::Writable);
    assert!(saver.save_now(payload("new start"), at(2)).is_ok());
    assert_eq!(load(at(3)).revision(), 1);
}

// --- keeping the data around ---

#[wasm_bindgen_test]
fn the_export_reminder_counts_whole_days() {
    reset();
    assert_eq!(jss_lab::storage::last_export_days(at(0)), None);
    jss_lab::storage::mark_exported(at(0)).expect("mark");
    assert_eq!(
        jss_lab::storage::last_export_days(at(0) + Duration::hours(47)),
        Some(1)
    );
    assert_eq!(
        jss_lab::storage::last_export_days(at(0) + Duration::days(9)),
        Some(9)
    );
    put(keys::LAST_EXPORT, "yesterday");
    assert_eq!(jss_lab::storage::last_export_days(at(0)), None);
}

#[wasm_bindgen_test]
async fn request_persistence_answers_once() {
    let answers: Rc<RefCell<Vec<PersistOutcome>>> = Rc::default();
    let sink = answers.clone();
    jss_lab::storage::request_persistence(move |a| sink.borrow_mut().push(a));
    for _ in 0..50 {
        if !answers.borrow().is_empty() {
            break;
        }
        sleep(20).await;
    }
    let answers = answers.borrow();
    assert_eq!(answers.len(), 1, "{answers:?}");
    // Firefox asks the user first (its component tests answer no through its testing
    // preferences); WebKitGTK has no `navigator.storage`, and then the answer is Unsupported.
    let navigator = web_sys::window().unwrap().navigator();
    if js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        assert!(
            matches!(answers[0], PersistOutcome::Granted | PersistOutcome::Denied),
            "{answers:?}"
        );
    } else {
        assert_eq!(answers[0], PersistOutcome::Unsupported);
    }
}

#[wasm_bindgen_test]
fn the_theme_keeps_its_own_key() {
    reset();
    jss_lab::theme::save_theme(jss_lab::theme::Theme::Dark);
    assert_eq!(get(keys::THEME).as_deref(), Some("dark"));
    assert_eq!(jss_lab::theme::load_theme(), jss_lab::theme::Theme::Dark);
}

// --- the banner ---

fn click(section: &web_sys::HtmlElement, action: &str) {
    let button: web_sys::HtmlElement = section
        .query_selector(&format!("button[data-action={action}]"))
        .expect("query")
        .unwrap_or_else(|| panic!("a {action} button"))
        .unchecked_into();
    button.click();
}

/// The labels of the banner's action buttons, in the banner's order of actions.
fn button_labels(section: &web_sys::HtmlElement) -> Vec<String> {
    [
        BannerAction::UseOtherTab,
        BannerAction::KeepThisTab,
        BannerAction::DownloadRaw,
        BannerAction::RestoreBackup,
        BannerAction::StartFresh,
        BannerAction::Export,
    ]
    .into_iter()
    .filter_map(|a| {
        section
            .query_selector(&format!("button[data-action={a:?}]"))
            .expect("query")
    })
    .filter_map(|b| b.text_content())
    .collect()
}

#[wasm_bindgen_test]
async fn the_banner_renders_stored_text_as_text_never_html() {
    let status = RwSignal::new(StorageStatus::ReadOnly {
        why: ReadOnlyReason::Unreadable {
            reason: format!("it is not in a shape JSS Lab knows ({XSS})"),
            preview: XSS.to_string(),
        },
    });
    let problem = RwSignal::new(None::<SaveError>);
    let report = RwSignal::new(None::<SaveReport>);
    let actions = RwSignal::new(Vec::<BannerAction>::new());
    let on_action = Callback::new(move |a| actions.update(|v| v.push(a)));
    let section = mount(move || {
        view! { <StorageBanner status=status problem=problem report=report on_action=on_action /> }
    });
    tick().await;

    assert!(
        section.query_selector("img").expect("query").is_none(),
        "no element was injected"
    );
    let banner = section
        .query_selector("[data-testid=storage-banner]")
        .expect("query")
        .expect("a banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap_or_default();
    assert!(
        text.contains("Your saved data could not be read."),
        "{text}"
    );
    assert!(
        text.contains(XSS),
        "the markup shows as literal text: {text}"
    );
    assert_eq!(
        button_labels(&section),
        ["Download raw data", "Restore backup", "Start fresh"]
    );

    click(&section, "DownloadRaw");
    click(&section, "StartFresh");
    tick().await;
    assert_eq!(
        actions.get_untracked(),
        [BannerAction::DownloadRaw],
        "start fresh waits"
    );
    click(&section, "CancelStartFresh");
    tick().await;
    assert!(section
        .query_selector("[data-action=ConfirmStartFresh]")
        .expect("query")
        .is_none());
    click(&section, "StartFresh");
    tick().await;
    click(&section, "ConfirmStartFresh");
    tick().await;
    assert_eq!(
        actions.get_untracked(),
        [BannerAction::DownloadRaw, BannerAction::StartFresh]
    );

    // A quota failure in a writable tab offers an export; all well shows nothing.
    status.set(StorageStatus::Writable);
    problem.set(Some(SaveError::QuotaExceeded {
        size_chars: 10,
        used_chars: 5_000_000,
    }));
    tick().await;
    assert_eq!(button_labels(&section), ["Export"]);
    assert!(section
        .text_content()
        .unwrap_or_default()
        .contains("storage is full"));
    problem.set(None);
    tick().await;
    assert!(section
        .query_selector("[data-testid=storage-banner]")
        .expect("query")
        .is_none());
    section.remove();
}

#[wasm_bindgen_test]
fn every_state_maps_to_a_plain_words_notice() {
    let writable = StorageStatus::Writable;
    assert_eq!(notice_for(&writable, None, None), None);
    let near = SaveReport {
        revision: 1,
        size_chars: 10,
        used_chars: 4_200_000,
        near_budget: true,
        backup_written: true,
        merged_with: None,
    };
    let notice = notice_for(&writable, None, Some(&near)).expect("near budget");
    assert!(notice.body.contains("84%"), "{}", notice.body);
    assert_eq!(notice.actions, [BannerAction::Export]);

    let merged = SaveReport {
        near_budget: false,
        merged_with: Some(4),
        ..near.clone()
    };
    let notice = notice_for(&writable, None, Some(&merged)).expect("merged");
    assert_eq!(notice.urgency, Urgency::Status);
    assert!(notice.title.contains("another tab"), "{}", notice.title);
    assert!(notice.actions.is_empty());

    let stale = SaveError::StaleTab {
        stored_revision: 2,
        loaded_revision: 1,
        why: Unmerged::Conflicts(vec![
            Place::Contract("k18".into()),
            Place::Client("c03".into()),
            Place::Pref("note".into()),
        ]),
    };
    let notice = notice_for(&writable, Some(&stale), None).expect("conflict");
    assert!(
        notice
            .body
            .contains("both tabs changed contract k18, client c03 and the preference note"),
        "{}",
        notice.body
    );
    assert_eq!(
        notice.actions,
        [
            BannerAction::UseOtherTab,
            BannerAction::KeepThisTab,
            BannerAction::Export
        ]
    );
    let invalid = SaveError::StaleTab {
        stored_revision: 2,
        loaded_revision: 1,
        why: Unmerged::Invalid("contracts[1].client: names no client (\"c02\")".into()),
    };
    let notice = notice_for(&writable, Some(&invalid), None).expect("invalid together");
    assert!(
        notice.body.contains(
            "because together with the other tab's changes the data would not be valid: \
             contracts[1].client"
        ),
        "{}",
        notice.body
    );
    let memory = StorageStatus::MemoryOnly {
        why: "blocked".into(),
    };
    let notice = notice_for(&memory, Some(&stale), None).expect("memory only");
    assert_eq!(notice.title, "This browser does not let JSS Lab save.");
    let newer = StorageStatus::ReadOnly {
        why: ReadOnlyReason::NewerSchema { version: 9 },
    };
    let notice = notice_for(&newer, None, None).expect("newer");
    assert!(notice.body.contains("format 9"), "{}", notice.body);
    for error in [
        SaveError::VerifyFailed,
        SaveError::Busy,
        SaveError::WriteFailed {
            detail: "SecurityError: denied".into(),
        },
    ] {
        let notice = notice_for(&writable, Some(&error), None).expect("failure");
        assert!(notice.body.contains(&error.to_string()), "{}", notice.body);
    }

    // The first screen decides whether there is a notice without building one (its words are a
    // module of their own): both agree on every mix of these states.
    let all_well = SaveReport {
        near_budget: false,
        merged_with: None,
        ..near.clone()
    };
    let statuses = [writable, memory, newer];
    let problems = [None, Some(stale), Some(invalid), Some(SaveError::Busy)];
    let reports = [None, Some(near), Some(merged), Some(all_well)];
    for status in &statuses {
        for problem in &problems {
            for report in &reports {
                assert_eq!(
                    has_notice(status, problem.as_ref(), report.as_ref()),
                    notice_for(status, problem.as_ref(), report.as_ref()).is_some(),
                    "{status:?} {problem:?} {report:?}"
                );
            }
        }
    }
}

// --- the reactive context the app wires in ---

#[wasm_bindgen_test]
async fn the_context_tracks_status_saves_and_recovery() {
    reset();
    put(keys::STATE, "not json");
    let owner = Owner::new();
    let outcome = load(at(30));
    let ctx = owner.with(|| StorageContext::provide_loaded(|| at(30), outcome.clone()));
    assert!(matches!(outcome, LoadOutcome::Unreadable { .. }));
    assert!(matches!(
        ctx.status.get_untracked(),
        StorageStatus::ReadOnly { .. }
    ));

    ctx.act(BannerAction::RestoreBackup);
    assert_eq!(
        ctx.recovery_error.get_untracked(),
        Some(RecoveryError::NoBackup)
    );
    ctx.act(BannerAction::StartFresh);
    assert_eq!(ctx.recovery_error.get_untracked(), None);
    assert_eq!(ctx.replaced.get_untracked(), Some(LoadOutcome::Fresh));
    assert_eq!(ctx.status.get_untracked(), StorageStatus::Writable);
    assert_eq!(quarantined_copies("not json"), 1);

    ctx.schedule(payload("typed"));
    ctx.flush();
    assert_eq!(saved_payload(), payload("typed"));
    assert_eq!(ctx.report.get_untracked().map(|r| r.revision), Some(1));
    assert_eq!(ctx.problem.get_untracked(), None);

    // Another tab saves while this one is idle: the context reloads and hands over the state.
    let other = Saver::new(&load(at(31)));
    other
        .save_now(payload("from the other tab"), at(31))
        .expect("save");
    fire_storage_event(Some(keys::STATE));
    assert!(matches!(
        ctx.replaced.get_untracked(),
        Some(LoadOutcome::Loaded { revision: 2, .. })
    ));
    drop(other);
    drop(owner);
}

#[wasm_bindgen_test]
async fn the_context_merges_on_another_tabs_save_and_hands_the_app_both_edits() {
    reset();
    let acme = ("c01", "Acme");
    let base = scenario(&[acme], &[("k01", "c01", "Logo")]);
    Saver::new(&load(at(0)))
        .save_now(base.clone(), at(0))
        .expect("first save");
    let owner = Owner::new();
    let ctx = owner.with(|| StorageContext::provide_loaded(|| at(40), load(at(40))));
    let ours = scenario(&[acme], &[("k01", "c01", "Logo"), ("k02", "c01", "Ours")]);
    ctx.schedule(ours);

    // Another tab saves while this one's edit is still in its debounce window.
    let other = Saver::new(&load(at(41)));
    let theirs = scenario(&[acme], &[("k01", "c01", "Logo"), ("k02", "c01", "Theirs")]);
    other.save_now(theirs, at(41)).expect("other saves");
    fire_storage_event(Some(keys::STATE));
    // The merge runs once the save lock is granted, well before the debounce would have.
    sleep(100).await;
    let both = scenario(
        &[acme],
        &[
            ("k01", "c01", "Logo"),
            ("k02", "c01", "Theirs"),
            ("k03", "c01", "Ours"),
        ],
    );
    assert_eq!(saved_payload(), both);
    assert!(
        matches!(ctx.replaced.get_untracked(), Some(LoadOutcome::Loaded { payload, revision: 3, .. }) if payload == both),
        "the app is handed the merge"
    );
    assert_eq!(
        ctx.report.get_untracked().and_then(|r| r.merged_with),
        Some(2)
    );
    assert_eq!(ctx.problem.get_untracked(), None);
    // The app then shows the merge; scheduling it is not an edit and writes nothing.
    ctx.schedule(both);
    sleep(400).await;
    assert_eq!(
        saved_payload().pointer("/scenario/contracts/2/title"),
        Some(&json!("Ours"))
    );
    assert_eq!(
        envelope::read(&get(keys::STATE).expect("saved")).map(|s| s.revision),
        Ok(3),
        "no echo save"
    );
    drop(other);
    drop(owner);
}
