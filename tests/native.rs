//! The shell's pure logic under plain `cargo test` (no browser): the saved envelope and its
//! migrations from every golden file, the share-link codec, and the three-way merge between
//! tabs. The browser suites (`storage_web.rs`, `share_web.rs`) test the same code where it
//! meets localStorage and the page; these run in a second and fail before any browser starts.
#![cfg(not(target_arch = "wasm32"))]

mod golden;

use chrono::{NaiveDate, TimeZone, Utc};
use golden::GOLDEN;
use jss_lab::components::layout::current_page::Page;
use jss_lab::share::{self, ShareError};
use jss_lab::storage::envelope::{self, ReadError};
use jss_lab::storage::merge::{fresh_id, merge, MergeConflict, Place};
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
    let raw = envelope::encode(&payload, saved_at, 7).expect("encoded");
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
    assert_eq!(share::decode(payload).as_ref(), Ok(&text));
    let mut expected = demo.clone();
    expected.as_of = Some(today());
    assert_eq!(share::open(payload), Ok(expected));
}

/// The payload of a link to the demo as of 2026-12-04, made by the share code of that day,
/// before the engine owned the compact form (the shell then packed the export's JSON itself).
/// Links like it are in the wild: they must keep opening.
const DEMO_LINK_PAYLOAD_2026_12_04: &str = "7Vltb9s2EP4rhD5tQGJIsl79LWm3JVu2Fu3QL8MQUBJjc6ZEg6KSGkH_-46WHZ0SU9NsFxi6fDJEnk_kc3fPvejRofWtvHNm8TRNw-DMyQVnla6d2R-PDi-cmUPzkjlnTkXhZ-ZcwBO5rvKJ8-VsK5CJhmVcFZ3Q5XaFfNRNwWUnmsuMCt0Jvtk8kxua1Z1Q0VSlVOidb9sF8oGB8LoTZPdMzRVjVSf6w26JXBnhRSd8RzPB7nnNJRL_0SyST-3qk-hc0YprdICf2gVyI-e81jxHh11QlUnViV5tnskbeXfHWCcG-nneSV2bR3KxWiFNfzUVXzGk6ud2gdywORWd3JLVWjHRyf3SLpB3jS6kVEhlJZVePPAKmea33RL5XdGCYem5kBn7jG69eYarqJVUVPcgEk2JYb8xj-SiomLdwvMnOJKstKL51pVat-rcicGhZo9OtjZe0e6dOQUF1GfnkfFDxWgNbzQ-U64E06yAtzsAapHRfGn-20r7Z06tKdxjFk5ckGgxcj1QV3IB0MiKtUegpWzMETzfdScuvK0xL5uC0qYqQP3s3E-2_y_N3wFTOIPZ8FN4SZOVXOuNXGDut6Lr8ilSXujenG0jZ06njXJQorkWBq9fqVoyzas5qY1fKZY1XBgr6fXK7N_xz5v7ItxQlA1gF7rjkfP2I-fbkZuGCDgfAecF-4HzwrHA7VS_xM3o2OEGASgJxGLZuuMQXk9UM4BWHB_iZ8EkBYmFbJRY36r2wKE5_BbAqWO5Y4DveB6k5rx79-L_9A6yTYRs85ZqSlbAWIJXjBiL1J2BWrTg-YGxJcAmOPjErVkFiHy3Z7mO_4dMlxxNEYHd0SPMEH6AKcKzUIT_3NMxgEidH-7V5ve1eWPjJsJ8c-7F-17bguBhwwVTFFQmpwEVrejcUFHBaj4fji2ceAdsFAWHhVfY2Si02yg9lsVDK6gpBi60kTikb8krbf5OHngxZ3oQtH4BMgCb50eHk3ifllxES5GNlqY-dqHUxS7U24tfdw7cwenMjTsX-sQLJtsaoKTgS6yiVc4Oo82uaj1RSE7302Y8UFmFOCaD01ZW4ajK6uOCr1aGzXIq8kZQvSnO7VH5VL-fvKgKJkkHWmIHLfh6RVUwqqh6V20ytlTQDuzywCBmu2ZmALI0ORGFhZjCUiuF9bJg5PdC0bUG6bewg4wa95MTAWeDrlnQqtiZ9cCKrGtNTxQl-ysyzx1oPWzZ_gSthzsmSq4rTZdQ10pVDgZH156fqHqNnjUeW6wGGtwYYxUfVLzasIrtJOx3WL1XsmhyTWBuIZhaD-L1z_OAODm2p_UGetrEtdDv8SkrGZWxLoWck5LP1Wl6Ws_zT1U9oqbWsza10whTbzLtUVVkJbH_6w5ygnSKm-d6kUkKI9McKhJ9IE-PmxF5gXdsX-YN9c6hrS87mn2icAz7XEnBC7qGCrBcUWhln2e-PYE1qnZO_aMT3EA763lfcSrpjWIimAjny1EVIB4s98s1zBnWjjPsDcK8aYIDJrTOoV53vpEdXGIFKa6x7sFXpFqTYseHB_bCu08ZPeeMUC_hxdYpbYLP2h_SJtYR6evO-B3bNOTi_TUxQ5AXpdC_Mf3uy9TWzMm4ys937YyLONbvDwNRe_D07QsmqPC5TBPNIEHAhV8mHtBgugi66azq-lzQbFLnMPpR8KkU9mCwKswYSJl0sv3A9oFCXQDf-C7JdwUr5fcm66hGmBs9OkxRk5EapQwEsAPj2c2YceZ9-Rs";

#[test]
fn a_link_made_before_the_engine_owned_the_compact_form_still_opens() {
    let demo = jss_engine::demo::vanished_clients(today()).expect("the demo parses");
    let mut expected = demo.clone();
    expected.as_of = Some(today());
    assert_eq!(share::open(DEMO_LINK_PAYLOAD_2026_12_04), Ok(expected));
    // The engine writes the very same text, so old and new links are one format.
    assert_eq!(
        share::decode(DEMO_LINK_PAYLOAD_2026_12_04),
        Ok(share::share_text(&demo, today()))
    );
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
    // Text that is no scenario: the problems a file import would list.
    match share::open(&share::encode("{\"format\":\"other\"}")) {
        Err(ShareError::NotScenario { problems }) => {
            assert!(
                problems.iter().any(|p| p.contains("format")),
                "{problems:?}"
            )
        }
        other => panic!("expected the parser's problems, got {other:?}"),
    }
    // Arbitrary text never panics.
    for n in 0..200u32 {
        let junk: String = (0..n)
            .map(|i| char::from(b'A' + ((i * 7 + n) % 60) as u8))
            .collect();
        let _ = share::decode(&junk);
        let _ = share::open(&junk);
    }
}

/// A saved payload: clients `(id, name)`, fixed-price contracts `(id, client, title)` as the
/// app exports them, the simulator's inputs and the preferences.
fn payload(
    clients: &[(&str, &str)],
    contracts: &[(&str, &str, &str)],
    inputs: Option<Value>,
    prefs: Value,
) -> Value {
    let clients: Vec<Value> = clients
        .iter()
        .map(|(id, name)| json!({ "id": id, "name": name }))
        .collect();
    let contracts: Vec<Value> = contracts
        .iter()
        .map(|(id, client, title)| json!({ "id": id, "client": client, "title": title, "type": "fixed", "start": "2026-01-05" }))
        .collect();
    json!({
        "scenario": { "format": "jss-lab.scenario", "version": 1, "clients": clients, "contracts": contracts },
        "simulator": inputs.map_or(json!({}), |inputs| json!({ "inputs": inputs })),
        "prefs": prefs
    })
}

/// A payload as the app writes it, which is how a merge comes back.
fn as_saved(payload: Value) -> Value {
    let scenario = jss_lab::state::scenario_of(&payload).expect("a valid scenario");
    let inputs = jss_lab::state::sim_inputs_of(&payload)
        .as_ref()
        .and_then(jss_lab::state::sim_inputs_value);
    let mut saved = jss_lab::state::payload_of(scenario.as_ref(), inputs.as_ref());
    saved["prefs"] = payload["prefs"].clone();
    saved
}

/// Simulator inputs naming `contract` as chosen, with a behaviour, in a custom strategy, and
/// `client` as the client of planned work, as the app saves them.
fn inputs_naming(contract: &str, client: &str) -> Value {
    use jss_engine::simulate::custom::{
        BehaviourChoice, CustomStep, CustomStrategy, PlannedRating, PlannedSpec, StepWhen,
    };
    let step = |contract: &str, when| CustomStep {
        contract: contract.into(),
        when,
        reason: Default::default(),
    };
    let inputs = jss_lab::state::SimInputs {
        contracts: Some(vec!["k01".into(), contract.into()]),
        behaviours: [(
            contract.into(),
            BehaviourChoice::of(jss_engine::simulate::BehaviourPreset::Happy),
        )]
        .into(),
        custom: vec![CustomStrategy {
            name: "Mine".into(),
            steps: vec![
                step(contract, StepWhen::Now),
                step(
                    "k01",
                    StepWhen::AfterFeedback {
                        after: contract.into(),
                    },
                ),
            ],
        }],
        planned: vec![PlannedSpec {
            id: "p".into(),
            client: Some(client.into()),
            count: 1,
            value_cents: 50_000,
            rating: PlannedRating::Stars {
                stars_hundredths: 500,
            },
            start: today(),
            every_days: 0,
            duration_days: 28,
        }],
        ..Default::default()
    };
    serde_json::to_value(inputs).expect("inputs serialise")
}

/// One merge at the storage boundary: the merged payload, or the conflicting places the user
/// is shown.
fn check_merge(
    name: &str,
    base: Option<Value>,
    ours: Value,
    theirs: Value,
    expected: Result<Value, Vec<Place>>,
) {
    let got = merge(base.as_ref(), &ours, &theirs);
    let expected = expected
        .map(as_saved)
        .map_err(|places| MergeConflict { places });
    assert_eq!(got, expected, "{name}");
}

#[test]
fn two_tabs_edits_merge_at_the_storage_boundary_and_a_real_clash_is_named() {
    let acme = ("c01", "Acme");
    let k1 = ("k01", "c01", "Logo");
    let plain = |clients: &[(&str, &str)], contracts: &[(&str, &str, &str)]| {
        payload(clients, contracts, None, json!({}))
    };
    let base = plain(&[acme], &[k1]);
    let ours_new = [acme, ("c02", "Beta")];
    let theirs_new = [acme, ("c02", "Alpha")];
    let both_new = [acme, ("c02", "Alpha"), ("c03", "Beta")];
    let note = |text: &str| json!({ "scenario": { "format": "jss-lab.scenario", "version": 1 }, "simulator": {}, "prefs": { "note": text } });
    let rows: Vec<(&str, Option<Value>, Value, Value, Result<Value, Vec<Place>>)> = vec![
        (
            "each tab added a contract: both are kept",
            Some(base.clone()),
            plain(&[acme], &[k1, ("k02", "c01", "Site")]),
            plain(&[acme], &[k1, ("k03", "c01", "App")]),
            Ok(plain(
                &[acme],
                &[k1, ("k03", "c01", "App"), ("k02", "c01", "Site")],
            )),
        ),
        (
            "both tabs retitled one contract: the user is asked, naming it",
            Some(base.clone()),
            plain(&[acme], &[("k01", "c01", "Logo, blue")]),
            plain(&[acme], &[("k01", "c01", "Logo, red")]),
            Err(vec![Place::Contract("k01".into())]),
        ),
        (
            "the simulator's inputs follow a renumbered contract and client",
            Some(base.clone()),
            payload(
                &ours_new,
                &[k1, ("k02", "c02", "B")],
                Some(inputs_naming("k02", "c02")),
                json!({}),
            ),
            plain(&theirs_new, &[k1, ("k02", "c02", "A")]),
            Ok(payload(
                &both_new,
                &[k1, ("k02", "c02", "A"), ("k03", "c03", "B")],
                Some(inputs_naming("k03", "c03")),
                json!({}),
            )),
        ),
        (
            "preferences merge key by key",
            Some(note("base")),
            note("from B"),
            note("from A"),
            Err(vec![Place::Pref("note".into())]),
        ),
        (
            "a preference here, a contract there",
            Some(base.clone()),
            payload(&[acme], &[k1], None, json!({ "note": "x" })),
            plain(&[acme], &[]),
            Ok(payload(&[acme], &[], None, json!({ "note": "x" }))),
        ),
        (
            "a side whose scenario cannot be read",
            Some(base.clone()),
            plain(&[acme], &[k1, ("k02", "nobody", "Site")]),
            plain(&[acme], &[k1, ("k03", "c01", "App")]),
            Err(vec![Place::Scenario]),
        ),
    ];
    for (name, base, ours, theirs, expected) in rows {
        check_merge(name, base, ours, theirs, expected);
    }
    assert_eq!(fresh_id("k19", &["k19".into(), "k20".into()].into()), "k21");
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
    let plain = envelope::encode(&small, saved_at, 1).expect("encoded");
    assert!(
        plain.contains("\"payload\":"),
        "a small payload stays plain JSON"
    );

    let large = history(2_000);
    let raw = envelope::encode(&large, saved_at, 2).expect("encoded");
    let uncompressed = envelope::encode_as(&large, saved_at, 2, Some(false)).expect("encoded");
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
    let raw = envelope::encode(&payload, saved_at, 1).expect("encoded");
    let chars = raw.encode_utf16().count();
    let plain = envelope::encode_as(&payload, saved_at, 1, Some(false))
        .expect("encoded")
        .len();
    eprintln!("50,000 contracts: {chars} characters deflated, {plain} plain");
    assert!(
        chars * 2 < jss_lab::storage::QUOTA_CHARS,
        "{chars} characters for 50,000 contracts"
    );
}

fn check_page(path: &str, expected: Page) {
    assert_eq!(Page::at(path), expected, "the page at {path:?}");
}

#[test]
fn every_address_names_its_page() {
    check_page("/", Page::Dashboard);
    check_page("", Page::Dashboard);
    check_page("/contracts", Page::Contracts);
    check_page("/contracts/", Page::Contracts);
    check_page("/jss", Page::Jss);
    check_page("/calendar", Page::Calendar);
    check_page("/import", Page::Import);
    check_page("/simulator", Page::Simulator);
    check_page("/settings", Page::Settings);
    check_page("/glossary", Page::Glossary);
    check_page("/refund", Page::Refund);
    check_page("/contracts/k18", Page::NotFound);
    check_page("/Contracts", Page::NotFound);
    check_page("/nowhere", Page::NotFound);
}
