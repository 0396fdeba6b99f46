//! Every time in an export is on the council's wall clock, whatever the
//! machine's `TZ` (issue 16, "Local time"): the same journal, written by a
//! machine in UTC (offset `+00:00`) for a session at 19:30 in Amsterdam,
//! exported by the real binary under `TZ=UTC`, `TZ=Europe/Amsterdam` and
//! `TZ=America/New_York` gives identical files, with 19:30 in them and
//! not 18:30.

use std::path::Path;
use std::process::Command;

use hamer::clock::{FakeClock, parse_ts};
use hamer::meeting::{Action, Speaker, SpeechKind};

mod common;

const ZONES: [&str; 3] = ["UTC", "Europe/Amsterdam", "America/New_York"];

/// A short session played on a clock that says UTC: opened 19:30 in
/// Amsterdam (18:30Z), a speech of two minutes, closed 20:05.
fn play(session: &Path) {
    let clock = FakeClock::new(parse_ts("2023-03-08T18:30:00.000+00:00"));
    let mut m = common::open(session, clock.clone());
    let mut act = |a: Action, then_secs: i64| {
        m.act(a).unwrap();
        clock.advance_secs(then_secs);
    };
    act(Action::Open, 0);
    act(Action::GotoItem(0), 60);
    act(
        Action::Start(
            Speaker::Chair {
                name: "Voorzitter".into(),
            },
            SpeechKind::Contribution,
        ),
        120,
    );
    act(Action::End, 5);
    act(Action::Note("afspraak".into()), 35 * 60 - 185);
    act(Action::Close, 0);
}

fn export(session: &Path, tz: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_hamer"))
        .arg("export")
        .arg(session)
        .args(args)
        .env("TZ", tz)
        .env("HAMER_LANG", "nl")
        // The export's own time (2023-03-08T21:00:00Z), so three runs can
        // be the same to the byte.
        .env("SOURCE_DATE_EPOCH", "1678309200")
        .output()
        .expect("run hamer export");
    assert!(
        out.status.success(),
        "TZ={tz} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The export in every zone; identical, or the test fails.
fn same_under_every_tz(session: &Path, args: &[&str]) -> String {
    let all: Vec<String> = ZONES.iter().map(|tz| export(session, tz, args)).collect();
    for (tz, e) in ZONES.iter().zip(&all).skip(1) {
        assert_eq!(&all[0], e, "{args:?}: TZ=UTC against TZ={tz}");
    }
    all[0].clone()
}

#[test]
fn the_same_journal_exports_the_same_under_every_tz() {
    let (_dir, session) = common::scratch();
    play(&session);

    let md = same_under_every_tz(&session, &[]);
    // Opened at 19:30 Amsterdam time (UTC+1 in March), closed at 20:05.
    assert!(md.contains("19:30 – 20:05"), "{md}");
    assert!(!md.contains("18:30"), "a time in UTC: {md}");
    // The export's own time: 21:00Z is 22:00 in Amsterdam.
    assert!(md.contains("2023-03-08 22:00."), "{md}");

    let json = same_under_every_tz(&session, &["--format", "json"]);
    assert!(json.contains("2023-03-08T19:30:00+01:00"), "{json}");
    assert!(!json.contains("+00:00"), "{json}");

    for what in ["speeches", "commitments", "positions"] {
        let csv = same_under_every_tz(&session, &["--format", "csv", "--what", what]);
        assert!(!csv.contains("+00:00"), "{what}: {csv}");
        if what == "speeches" {
            assert!(csv.contains("2023-03-08T19:31:00+01:00"), "{csv}");
        }
    }
}

/// Summer time: a session on the evening of 2023-03-26 starts in CEST
/// (+02:00); written in UTC, it is exported at +02:00.
#[test]
fn summer_time_shows_as_the_wall_clock() {
    let (_dir, session) = common::scratch();
    let text = std::fs::read_to_string(&session).unwrap();
    let text = text.replacen("date: \"2023-03-08\"", "date: \"2023-03-26\"", 1);
    std::fs::write(&session, text).unwrap();
    let clock = FakeClock::new(parse_ts("2023-03-26T17:30:00.000+00:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Open).unwrap();
    clock.advance_secs(600);
    m.act(Action::Close).unwrap();
    drop(m);
    let json = same_under_every_tz(&session, &["--format", "json"]);
    assert!(json.contains("2023-03-26T19:30:00+02:00"), "{json}");
    assert!(json.contains("2023-03-26T19:40:00+02:00"), "{json}");
}
