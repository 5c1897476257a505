//! The storage golden files (tests/fixtures/storage/), shared by the browser suite
//! (`storage_web.rs`) and the native one (`native.rs`).

/// Every golden file: the version it was saved in, the stored text, and the payload it must
/// become in the current schema.
pub const GOLDEN: &[(u32, &str, &str)] = &[
    (
        0,
        include_str!("../fixtures/storage/v0.json"),
        include_str!("../fixtures/storage/v0.expected.json"),
    ),
    (
        1,
        include_str!("../fixtures/storage/v1.json"),
        include_str!("../fixtures/storage/v1.expected.json"),
    ),
    (
        2,
        include_str!("../fixtures/storage/v2.json"),
        include_str!("../fixtures/storage/v1.expected.json"),
    ),
    (
        2,
        include_str!("../fixtures/storage/v2-deflate.json"),
        include_str!("../fixtures/storage/v1.expected.json"),
    ),
];
