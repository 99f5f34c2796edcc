//! Annotated hex for frames worked out by hand.
//!
//! A frame is written as a list of chunks, one per field, each with a comment saying what it
//! is. A chunk holds hex byte pairs (spaces anywhere) and `'quoted ASCII'` for the text of a
//! string field; tags, lengths and NUL terminators are always written out as hex, so every
//! byte that encodes a protocol decision is visible in the test:
//!
//! ```text
//! "00000007 00000001",   // header: BodyLength 7, FAILURE_CONF (1)
//! "07 05 'Busy' 00",     // Text[7]: length 5 = 4 bytes + NUL
//! ```
//!
//! Shared by the golden, validation and decision tests (`#[path]`-included).

#![allow(dead_code)]

/// Join annotated chunks into bytes. Panics on anything that is not a hex pair, whitespace or
/// a quoted run of ASCII: a typo in hand-written data must not pass silently.
pub fn hex(chunks: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in chunks {
        let mut chars = chunk.chars();
        let mut high: Option<u8> = None;
        while let Some(c) = chars.next() {
            match c {
                '\'' => {
                    assert!(high.is_none(), "odd hex digit before a quote in {chunk:?}");
                    let mut closed = false;
                    for t in chars.by_ref() {
                        if t == '\'' {
                            closed = true;
                            break;
                        }
                        assert!(t.is_ascii(), "non-ASCII text in {chunk:?}");
                        out.push(t as u8);
                    }
                    assert!(closed, "unclosed quote in {chunk:?}");
                }
                c if c.is_whitespace() => {}
                c => {
                    let d = c
                        .to_digit(16)
                        .unwrap_or_else(|| panic!("{c:?} is not hex in {chunk:?}"))
                        as u8;
                    match high.take() {
                        Some(h) => out.push(h << 4 | d),
                        None => high = Some(d),
                    }
                }
            }
        }
        assert!(high.is_none(), "odd number of hex digits in {chunk:?}");
    }
    out
}

/// Bytes as spaced hex, 16 to a line, each line prefixed with its offset.
pub fn show(b: &[u8]) -> String {
    b.chunks(16)
        .enumerate()
        .map(|(i, row)| {
            let h: Vec<String> = row.iter().map(|x| format!("{x:02X}")).collect();
            format!("{:04}: {}", i * 16, h.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Offset of the first byte where `a` and `b` differ (or where the shorter one ends).
pub fn first_diff(a: &[u8], b: &[u8]) -> Option<usize> {
    if a == b {
        return None;
    }
    Some(
        a.iter()
            .zip(b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len())),
    )
}

#[test]
fn hex_reads_pairs_quotes_and_spaces() {
    assert_eq!(hex(&["00 0a", "FF"]), vec![0, 10, 255]);
    assert_eq!(
        hex(&["19 05 '2006' 00"]),
        vec![0x19, 5, b'2', b'0', b'0', b'6', 0]
    );
    assert_eq!(hex(&["0E 02 ' ' 00"]), vec![0x0E, 2, b' ', 0]);
    assert_eq!(hex(&["0000002A"]), vec![0, 0, 0, 42]);
    assert_eq!(first_diff(&[1, 2, 3], &[1, 2, 4]), Some(2));
    assert_eq!(first_diff(&[1, 2], &[1, 2, 4]), Some(2));
    assert_eq!(first_diff(&[1, 2], &[1, 2]), None);
}

#[test]
#[should_panic(expected = "odd number of hex digits")]
fn hex_rejects_a_lone_digit() {
    hex(&["000"]);
}

#[test]
#[should_panic(expected = "is not hex")]
fn hex_rejects_stray_characters() {
    hex(&["00 0x"]);
}
