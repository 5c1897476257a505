//! The shell's pure logic under plain `cargo test` (no browser): the saved envelope and its
//! migrations from every golden file, the share-link codec, and the three-way merge between
//! tabs. The browser suites (`storage_web.rs`, `share_web.rs`) test the same code where it
//! meets localStorage and the page; these run in a second and fail before any browser starts.
#![cfg(not(target_arch = "wasm32"))]

mod golden;

use chrono::{NaiveDate, TimeZone, Utc};
use golden::GOLDEN;
use jss_engine::scenario::parse::parse_str;
use jss_lab::share::{self, ShareError};
use jss_lab::storage::envelope::{self, ReadError};
use jss_lab::storage::merge::{fresh_id, merge};
use jss_lab::storage::migrate::{self, MigrationError};
use jss_lab::storage::SCHEMA_VERSION;
use serde_json::{json, Value};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).expect("a date")
}

#[test]
fn every_golden_file_reads_and_migrates_to_its_expected_payload() {
    for version in 0..=SCHEMA_VERSION {
        assert!(
            GOLDEN.iter().any(|(v, _, _)| *v == version),
            "a golden file of schema version {version}"
        );
    }
    for (version, raw, expected) in GOLDEN {
        let expected: Value = serde_json::from_str(expected).expect("expected payload is JSON");
        let stored = envelope::read(raw).unwrap_or_else(|e| panic!("v{version}: {e}"));
        assert_eq!(stored.payload, expected, "v{version}");
        let migrated = (*version < SCHEMA_VERSION).then_some(*version);
        assert_eq!(stored.migrated_from, migrated, "v{version}");
    }
}

/// One stored text and what reading it gives: the payload back, or the kind of refusal.
fn check_read(name: &str, raw: &str, expected: Result<&Value, fn(&ReadError) -> bool>) {
    match (envelope::read(raw), expected) {
        (Ok(stored), Ok(payload)) => assert_eq!(&stored.payload, payload, "{name}"),
        (Err(e), Err(is_expected)) => {
            assert!(is_expected(&e), "{name}: {e:?}");
            assert!(!e.to_string().is_empty(), "{name}: a refusal says why");
        }
        (got, _) => panic!("{name}: unexpected {got:?}"),
    }
}

#[test]
fn the_envelope_round_trips_and_refuses_damage_with_a_reason() {
    let payload = json!({ "scenario": { "format": "jss-lab.scenario", "version": 1 }, "simulator": {}, "prefs": { "note": "kept as typed" } });
    let saved_at = Utc
        .with_ymd_and_hms(2026, 12, 4, 9, 30, 0)
        .single()
        .expect("a time");
    let raw = envelope::encode(&payload, saved_at, 7);
    let tampered = raw.replace("kept as typed", "changed by hand");
    assert_ne!(tampered, raw);
    let newer = raw.replace(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        &format!("\"schema_version\":{}", SCHEMA_VERSION + 1),
    );
    assert_ne!(newer, raw, "the envelope names its schema version");
    check_read("as written", &raw, Ok(&payload));
    check_read(
        "cut short",
        &raw[..raw.len() / 2],
        Err(|e| matches!(e, ReadError::NotJson { .. })),
    );
    check_read(
        "edited by hand",
        &tampered,
        Err(|e| matches!(e, ReadError::ChecksumMismatch { .. })),
    );
    check_read(
        "from a newer app",
        &newer,
        Err(|e| matches!(e, ReadError::NewerSchema { .. })),
    );
    check_read(
        "not ours",
        "[1,2,3]",
        Err(|e| matches!(e, ReadError::UnknownShape { .. })),
    );
    let stored = envelope::read(&raw).expect("reads");
    assert_eq!(stored.revision, 7);
    assert_eq!(stored.saved_at, Some(saved_at));
}

#[test]
fn the_migration_list_defines_the_schema_version_and_refuses_bad_input() {
    assert_eq!(migrate::MIGRATIONS.len() as u32, SCHEMA_VERSION);
    let current = json!({ "scenario": {}, "simulator": {}, "prefs": { "note": "x" } });
    assert_eq!(
        migrate::migrate(current.clone(), SCHEMA_VERSION),
        Ok(current)
    );
    assert_eq!(
        migrate::migrate(json!({}), SCHEMA_VERSION + 1),
        Err(MigrationError::UnknownVersion {
            version: SCHEMA_VERSION + 1
        })
    );
    assert_eq!(
        migrate::migrate(json!([1]), 0),
        Err(MigrationError::NotAnObject { from_version: 0 })
    );
    assert_eq!(
        migrate::migrate(json!([1]), 1),
        Err(MigrationError::NotAnObject { from_version: 1 })
    );
    let wrong = migrate::migrate(json!({ "format": "other" }), 0).expect_err("not a scenario");
    assert!(wrong.to_string().contains("\"other\""), "{wrong}");
}

#[test]
fn a_share_link_carries_the_demo_and_gives_back_the_same_scenario() {
    let demo = jss_engine::demo::vanished_clients(today()).expect("the demo parses");
    let text = share::share_text(&demo, today());
    let link = share::link("https://example.org/", &text).expect("the demo fits a link");
    assert!(
        link.chars().count() <= share::MAX_LINK_CHARS,
        "{}",
        link.len()
    );
    let payload = share::payload_of_fragment(&link[link.find('#').expect("a fragment")..])
        .expect("the fragment holds a payload");
    let back = parse_str(&share::decode(payload).expect("decodes")).expect("parses");
    let mut expected = demo.clone();
    expected.as_of = Some(today());
    assert_eq!(back, expected);
}

#[test]
fn a_damaged_share_link_is_refused_never_a_panic() {
    let valid = share::encode("{\"format\":\"jss-lab.scenario\"}");
    let cases: [(&str, ShareError); 3] = [
        ("a!b", ShareError::NotBase64),
        ("A", ShareError::NotBase64),
        ("AAAA", ShareError::NotCompressed),
    ];
    for (input, expected) in cases {
        assert_eq!(share::decode(input), Err(expected), "{input}");
    }
    // A link cut when copied.
    assert!(share::decode(&valid[..valid.len() / 2]).is_err());
    // Arbitrary text never panics.
    for n in 0..200u32 {
        let junk: String = (0..n)
            .map(|i| char::from(b'A' + ((i * 7 + n) % 60) as u8))
            .collect();
        let _ = share::decode(&junk);
    }
}

fn scenario(contracts: &[(&str, &str)]) -> Value {
    json!({
        "scenario": {
            "format": "jss-lab.scenario",
            "version": 1,
            "clients": [{ "id": "c01", "name": "Acme" }],
            "contracts": contracts
                .iter()
                .map(|(id, title)| json!({ "id": id, "client": "c01", "title": title }))
                .collect::<Vec<_>>(),
        },
        "simulator": {},
        "prefs": {}
    })
}

#[test]
fn two_tabs_edits_merge_and_a_real_clash_is_named() {
    let base = scenario(&[("k01", "Logo")]);
    // Each tab adds a different contract: both are kept.
    let ours = scenario(&[("k01", "Logo"), ("k02", "Site")]);
    let theirs = scenario(&[("k01", "Logo"), ("k03", "App")]);
    let merged = merge(Some(&base), &ours, &theirs).expect("no clash");
    let titles: Vec<&str> = merged["scenario"]["contracts"]
        .as_array()
        .expect("contracts")
        .iter()
        .filter_map(|c| c["title"].as_str())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    for t in ["Logo", "Site", "App"] {
        assert!(titles.contains(&t), "{t} is kept: {titles:?}");
    }
    // Both tabs retitle the same contract differently: the user is asked, naming it.
    let ours = scenario(&[("k01", "Logo, blue")]);
    let theirs = scenario(&[("k01", "Logo, red")]);
    let clash = merge(Some(&base), &ours, &theirs).expect_err("a clash");
    assert!(clash.paths.iter().any(|p| p.contains("k01")), "{clash:?}");
    assert_eq!(fresh_id("k19", &["k19".into(), "k20".into()].into()), "k21");
    assert_eq!(fresh_id("acme", &["acme".into()].into()), "acme-2");
}

/// A payload like a long history: `n` finished contracts with a payment each.
fn history(n: usize) -> Value {
    let contracts: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "id": format!("k{i:05}"),
                "client": format!("c{:03}", i % 300),
                "title": format!("Landing page, version {i}"),
                "kind": "fixed",
                "start": "2025-03-02",
                "milestones": [{ "amount": "500.00", "funded": "2025-03-02", "released": "2025-03-20" }],
                "end": { "date": "2025-03-21", "by": "client", "reason": "completed" },
                "feedback": { "stars": 5.0 }
            })
        })
        .collect();
    json!({ "scenario": { "format": "jss-lab.scenario", "version": 1, "contracts": contracts }, "simulator": {}, "prefs": {} })
}

#[test]
fn a_large_payload_is_stored_deflated_and_reads_back_exactly() {
    let saved_at = Utc
        .with_ymd_and_hms(2026, 12, 4, 9, 30, 0)
        .single()
        .expect("a time");
    let small = history(3);
    let plain = envelope::encode(&small, saved_at, 1);
    assert!(
        plain.contains("\"payload\":"),
        "a small payload stays plain JSON"
    );

    let large = history(2_000);
    let raw = envelope::encode(&large, saved_at, 2);
    let uncompressed = envelope::encode_as(&large, saved_at, 2, Some(false));
    assert!(raw.contains("\"payload_deflate\":") && !raw.contains("\"payload\":"));
    assert!(
        raw.len() * 5 < uncompressed.len(),
        "deflated {} vs plain {} characters",
        raw.len(),
        uncompressed.len()
    );
    let stored = envelope::read(&raw).expect("reads");
    assert_eq!(stored.payload, large);
    assert_eq!((stored.revision, stored.migrated_from), (2, None));

    // Damage to the deflated form is refused with the field named, never a panic.
    let envelope_value: Value = serde_json::from_str(&raw).expect("JSON");
    let packed = envelope_value["payload_deflate"]
        .as_str()
        .expect("a string");
    let with_packed = |packed: String| {
        let mut v = envelope_value.clone();
        v["payload_deflate"] = Value::from(packed);
        v.to_string()
    };
    let cut = with_packed(packed[..packed.len() / 2].to_owned());
    let middle = packed.len() / 2;
    let other = if &packed[middle..middle + 1] == "A" {
        "B"
    } else {
        "A"
    };
    let flipped = with_packed(format!(
        "{}{other}{}",
        &packed[..middle],
        &packed[middle + 1..]
    ));
    for (name, text) in [("cut", cut), ("altered", flipped)] {
        let e = envelope::read(&text).expect_err(name);
        assert!(
            matches!(
                e,
                ReadError::BadField {
                    field: "payload_deflate",
                    ..
                } | ReadError::NotJson { .. }
                    | ReadError::ChecksumMismatch { .. }
            ),
            "{name}: {e:?}"
        );
    }
}

#[test]
fn fifty_thousand_contracts_fit_twice_in_the_quota() {
    // The saver keeps the previous save as a backup, so a save must fit in half the quota.
    let saved_at = Utc
        .with_ymd_and_hms(2026, 12, 4, 9, 30, 0)
        .single()
        .expect("a time");
    let payload = history(50_000);
    let raw = envelope::encode(&payload, saved_at, 1);
    let chars = raw.encode_utf16().count();
    let plain = envelope::encode_as(&payload, saved_at, 1, Some(false)).len();
    eprintln!("50,000 contracts: {chars} characters deflated, {plain} plain");
    assert!(
        chars * 2 < jss_lab::storage::QUOTA_CHARS,
        "{chars} characters for 50,000 contracts"
    );
}
