//! Running the built `jss` command from a test.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `jss` with `args`, feeding `stdin`; returns (exit status, stdout, stderr).
pub fn jss(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jss"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start jss: {e}"));
    if let Some(mut input) = child.stdin.take() {
        // The command may exit before reading (bad arguments): a broken pipe is expected then.
        let _ = input.write_all(stdin.as_bytes());
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("jss did not finish: {e}"));
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap_or_default();
    (
        output.status.code(),
        text(output.stdout),
        text(output.stderr),
    )
}
