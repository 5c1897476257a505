#![cfg(target_arch = "wasm32")]
//! Share links in headless Chromium: encode/decode round trips, the length limit, damaged
//! links give errors (never panics), and the preview of a link. Run with
//! `cargo test -p jss-lab --target wasm32-unknown-unknown --test share_web`.

use chrono::NaiveDate;
use jss_engine::demo::vanished_clients;
use jss_engine::scenario::compact::from_compact;
use jss_lab::components::import::share_preview::{open_payload, Opened};
use jss_lab::share::{self, ShareError, MAX_LINK_CHARS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

#[wasm_bindgen_test]
fn text_round_trips_through_the_encoding() {
    for text in [
        "",
        "a",
        "ab",
        "abc",
        "abcd",
        "{\"é\":\"ü — ✓\"}",
        &"x".repeat(10_000),
    ] {
        let encoded = share::encode(text);
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{encoded}"
        );
        assert_eq!(share::decode(&encoded).as_deref(), Ok(text));
    }
}

#[wasm_bindgen_test]
fn the_demo_fits_in_a_link_and_comes_back_identical() {
    let demo = vanished_clients(today()).expect("the demo loads");
    let text = share::share_text(&demo, today());
    let link = share::link("http://127.0.0.1:8080/", &text)
        .unwrap_or_else(|e| panic!("{e:?} for {} chars of JSON", text.len()));
    assert!(link.len() <= MAX_LINK_CHARS, "{}", link.len());
    let payload = share::payload_of_fragment(link.split_once('#').unwrap().1).unwrap();
    assert_eq!(share::decode(payload).as_deref(), Ok(text.as_str()));
    let mut expected = demo.clone();
    expected.as_of = Some(today());
    assert_eq!(from_compact(&text), Ok(expected.clone()));
    assert_eq!(open_payload(payload), Opened::Scenario(expected));
}

#[wasm_bindgen_test]
fn a_too_long_scenario_is_refused_with_its_length() {
    // Incompressible text: every character differs from its neighbours.
    let text: String = (0..4000u32)
        .map(|i| char::from_u32(0x4e00 + (i.wrapping_mul(2_654_435_761) % 20_000)).unwrap())
        .collect();
    match share::link("http://127.0.0.1:8080/", &text) {
        Err(ShareError::TooLong { chars }) => assert!(chars > MAX_LINK_CHARS),
        other => panic!("expected TooLong, got {other:?}"),
    }
    assert!(ShareError::TooLong { chars: 5000 }
        .to_string()
        .contains("Export the file"));
}

#[wasm_bindgen_test]
fn garbage_gives_an_error_not_a_panic() {
    let valid = share::encode("{\"format\":\"jss-lab.scenario\"}");
    let cut = &valid[..valid.len() / 2];
    let cases: Vec<(&str, ShareError)> = vec![
        ("not base64!", ShareError::NotBase64),
        ("%7B%7D", ShareError::NotBase64),
        ("A", ShareError::NotBase64),
        ("AAAA", ShareError::NotCompressed),
        ("hello-world_", ShareError::NotCompressed),
    ];
    for (input, expected) in cases {
        assert_eq!(share::decode(input), Err(expected), "{input}");
    }
    assert!(share::decode(cut).is_err());
    // Bytes that inflate but are not UTF-8.
    let not_text = miniz_oxide_free_invalid_utf8();
    assert_eq!(share::decode(&not_text), Err(ShareError::NotText));
    // Text that is not a scenario: the parser's problems, listed.
    match open_payload(&share::encode("{\"format\":\"other\"}")) {
        Opened::Broken(problems) => assert!(!problems.is_empty()),
        other => panic!("expected problems, got {other:?}"),
    }
    match open_payload("%%%") {
        Opened::Broken(problems) => assert!(problems[0].contains("damaged"), "{problems:?}"),
        other => panic!("expected problems, got {other:?}"),
    }
    // Arbitrary fragments never panic.
    let mut seed = 7u32;
    for len in 0..300 {
        let text: String = (0..len)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b"ABCxyz019-_"[(seed >> 16) as usize % 11])
            })
            .collect();
        let _ = share::decode(&text);
        let _ = open_payload(&text);
    }
}

/// A valid deflate stream (stored block) holding the bytes 0xFF 0xFE, base64url-encoded.
fn miniz_oxide_free_invalid_utf8() -> String {
    // Stored block: BFINAL=1, BTYPE=00, then LEN=2, NLEN=!2, then the two bytes.
    let bytes = [0x01u8, 0x02, 0x00, 0xFD, 0xFF, 0xFF, 0xFE];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let mut n = 0u32;
        for (i, b) in chunk.iter().enumerate() {
            n |= u32::from(*b) << (16 - 8 * i);
        }
        for i in 0..=chunk.len() {
            out.push(char::from(alphabet[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

#[wasm_bindgen_test]
fn fragments_are_recognised() {
    assert_eq!(share::payload_of_fragment("#share=abc"), Some("abc"));
    assert_eq!(share::payload_of_fragment("share=abc"), Some("abc"));
    assert_eq!(share::payload_of_fragment("#main"), None);
    assert_eq!(share::payload_of_fragment(""), None);
}
