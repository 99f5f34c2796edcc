//! The generated files must match what the table generates now. Run with `CCX_BLESS=1` to
//! rewrite them after changing the table.

use std::path::PathBuf;

fn check(rel: &str, want: String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return;
    }
    if std::env::var_os("CCX_BLESS").is_some() {
        std::fs::write(&path, want).unwrap();
        eprintln!("rewrote {}", path.display());
    } else {
        panic!(
            "{} is stale: run `CCX_BLESS=1 cargo test -p cti-proto --test generated`",
            path.display()
        );
    }
}

#[test]
fn codes_are_current() {
    check("src/codes/generated.rs", cti_proto::codegen::codes_rs());
}

#[test]
fn typed_messages_are_current() {
    check("src/msg/generated.rs", cti_proto::codegen::msg_rs());
}

#[test]
fn messages_md_is_current() {
    check("../../docs/messages.md", cti_proto::codegen::messages_md());
}
