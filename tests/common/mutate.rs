//! Damage of the kinds a hand-edited, half-written or corrupted file shows,
//! for the property tests and the timed fuzzer.

use proptest::prelude::*;

/// One edit of a file: the kinds of damage a hand-edited or half-written
/// file shows.
#[derive(Clone, Debug)]
pub enum Edit {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    Duplicate(usize, usize),
}

pub fn edit() -> impl Strategy<Value = Edit> {
    let interesting = prop_oneof![
        Just(b"(".to_vec()),
        Just(b")".to_vec()),
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"/*".to_vec()),
        Just(b"Some(".to_vec()),
        Just(b"\x1b[2J".to_vec()),
        Just("\u{202e}".as_bytes().to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"99999999999999999999".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"0".to_vec()),
        Just(b"r#\"".to_vec()),
        proptest::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), interesting).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Replace(a, b)),
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Edit::Duplicate(a, n)),
    ]
}

pub fn apply(bytes: &mut Vec<u8>, e: &Edit) {
    let len = bytes.len().max(1);
    match e {
        Edit::Truncate(at) => bytes.truncate(at % len),
        Edit::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Edit::Insert(at, b) => {
            let at = (at % len).min(bytes.len());
            bytes.splice(at..at, b.iter().copied());
        }
        Edit::Replace(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = *b;
            }
        }
        Edit::Duplicate(at, n) => {
            let at = (at % len).min(bytes.len());
            let end = (at + n).min(bytes.len());
            let copy = bytes[at..end].to_vec();
            bytes.splice(at..at, copy);
        }
    }
}
