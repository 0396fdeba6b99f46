//! Property tests of what `hamer run --serve` and `hamer join` read from
//! outside: a line offered to a replica, a pending file, a tokens file, a
//! link on the command line. None panics; a replica takes only a record
//! that comes next, and never a line that is not one.

use proptest::prelude::*;

use hamer::clock::parse_ts;
use hamer::journal::{Header, Replica};
use hamer::meeting::remote::{Pending, read_pending};
use hamer::meeting::{Action, Event, Record};
use hamer::serve::client::Target;
use hamer::serve::tokens;

fn header() -> String {
    ron::to_string(&Header {
        format: hamer::journal::FORMAT,
        app: "hamer 0.1.0".to_owned(),
        session: "s.ron".to_owned(),
        session_hash: hamer::journal::session_hash(b"s"),
        created: parse_ts("2023-03-08T19:30:00+01:00"),
    })
    .unwrap()
}

fn record(seq: u64) -> String {
    ron::to_string(&Record {
        seq,
        at: parse_ts("2023-03-08T19:30:00+01:00"),
        event: Event::SessionOpened,
        client: Some(format!("id{seq}")),
    })
    .unwrap()
}

/// A line: a real record (maybe out of order), one mangled, or noise.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u64..6).prop_map(record),
        ((1u64..6), any::<usize>(), any::<char>()).prop_map(|(seq, at, c)| {
            let mut l = record(seq);
            let at = at % (l.len() + 1);
            let at = (0..=at).rev().find(|i| l.is_char_boundary(*i)).unwrap_or(0);
            l.insert(at, c);
            l
        }),
        ".{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever lines arrive, the replica holds its header and then
    /// exactly the records 1..=n in order, each a line as it was given.
    #[test]
    fn a_replica_takes_only_the_record_that_comes_next(lines in proptest::collection::vec(line(), 0..12)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.journal");
        let (mut replica, _) = Replica::open(&path).unwrap();
        replica.begin(&header(), parse_ts("2023-03-08T19:30:00+01:00")).unwrap();
        let mut taken = vec![header()];
        for l in &lines {
            if let Ok(Some(r)) = replica.append(l) {
                prop_assert_eq!(r.seq, taken.len() as u64);
                taken.push(l.clone());
            }
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let want: String = taken.iter().map(|l| format!("{l}\n")).collect();
        prop_assert_eq!(&text, &want);
        // And it reads back as a journal with those records.
        drop(replica);
        let (again, records) = Replica::open(&path).unwrap();
        prop_assert_eq!(records.len(), taken.len() - 1);
        prop_assert_eq!(again.last_seq(), (taken.len() - 1) as u64);
    }

    /// A pending file of any bytes is read without a panic; the actions
    /// before the first unreadable line are kept.
    #[test]
    fn a_pending_file_of_any_bytes_is_read(bytes in proptest::collection::vec(any::<u8>(), 0..400), good in 0usize..4) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.journal.pending");
        let mut text = String::new();
        for i in 0..good {
            let p = Pending { id: format!("id{i}"), action: Action::Note(format!("n{i}")) };
            text.push_str(&serde_json::to_string(&p).unwrap());
            text.push('\n');
        }
        let mut all = text.into_bytes();
        all.extend_from_slice(&bytes);
        std::fs::write(&path, &all).unwrap();
        let read = read_pending(&path);
        if std::str::from_utf8(&all).is_ok() {
            prop_assert!(read.len() >= good);
            for (i, p) in read.iter().take(good).enumerate() {
                prop_assert_eq!(&p.id, &format!("id{i}"));
            }
        }
    }

    /// A tokens file of any text gives tokens or an error, never a panic,
    /// and one that is not a tokens file is left as it is.
    #[test]
    fn a_tokens_file_of_any_text_is_never_overwritten(text in ".{0,200}") {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("s.journal");
        let path = tokens::path_for(&journal);
        std::fs::write(&path, &text).unwrap();
        if tokens::load_or_make(&journal, false).is_err() {
            prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
    }

    /// Any text as a link: a target with a token, or an error; no panic.
    #[test]
    fn a_link_of_any_text_is_parsed_or_refused(text in ".{0,120}") {
        if let Ok(t) = Target::parse(&text) {
            prop_assert!(matches!(t.base.scheme(), "http" | "https"));
        }
        let with_token = format!("http://127.0.0.1:8080/?t={}", text.replace(['&', '#'], ""));
        let _ = Target::parse(&with_token);
    }
}
