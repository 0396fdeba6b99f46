//! Video chapters (issue 16): the seed session played through by the
//! simulator (`meeting::sim`, with the times of a real evening), exported
//! by the real binary as WebVTT and as a chapter list, byte for byte as
//! the golden files; and `--stream-start` on the command line.
//!
//! After an intended change of the output: UPDATE_GOLDEN=1 cargo test --test video_chapters

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::Duration;
use hamer::clock::parse_ts;
use hamer::journal::{self, Header, record::Event, record::Record};
use hamer::meeting::sim;

mod common;
use common::SEED;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Seconds until the next event, by what just happened: speeches of one
/// to three minutes, short pauses and interruptions, as an evening runs.
/// `k` varies them (a fixed sequence, so the files do not change).
fn pause_after(e: &Event, k: u64) -> i64 {
    let vary = |span: u64| (k.wrapping_mul(2_654_435_761) >> 7) % span;
    (match e {
        Event::SessionOpened => 40,
        Event::SpeakerQueued { .. } => 3,
        Event::SpeechStarted { .. } => 45 + vary(90),
        Event::SpeechPaused => 8 + vary(20),
        Event::SpeechResumed => 30 + vary(40),
        Event::LimitAdjusted { .. } => 10 + vary(20),
        Event::InterruptionStarted { .. } => 15 + vary(30),
        Event::InterruptionEnded => 10 + vary(30),
        Event::SpeechEnded => 4 + vary(10),
        Event::ItemStarted { .. } => 20 + vary(60),
        _ => 0,
    }) as i64
}

/// The simulator's evening over the seed agenda: 34 turns, which take it
/// through all seven items, then the close; written as the seed session's
/// journal in a scratch copy. The folder and the session's path.
fn simulated_evening() -> (tempfile::TempDir, PathBuf) {
    let (dir, session) = common::scratch();
    let bytes = std::fs::read(&session).unwrap();
    let opened = parse_ts("2023-03-08T19:30:00+01:00");
    let header = Header {
        format: journal::FORMAT,
        app: "hamer test".into(),
        session: SEED.into(),
        session_hash: journal::session_hash(&bytes),
        created: opened,
    };
    let mut turns = 0;
    let mut events: Vec<Event> = sim::events(usize::MAX)
        .take_while(|e| {
            if matches!(e, Event::SpeakerQueued { .. }) {
                turns += 1;
            }
            turns <= 34
        })
        .collect();
    events.push(Event::SessionClosed);
    let mut at = opened;
    let path = dir.path().join(SEED.replace(".ron", ".journal"));
    let mut out = std::fs::File::create(&path).unwrap();
    writeln!(out, "{}", ron::to_string(&header).unwrap()).unwrap();
    for (i, event) in events.into_iter().enumerate() {
        let next = at + Duration::seconds(pause_after(&event, i as u64));
        let r = Record {
            seq: i as u64 + 1,
            at,
            event,
            client: None,
        };
        writeln!(out, "{}", ron::to_string(&r).unwrap()).unwrap();
        at = next;
    }
    (dir, session)
}

fn export(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir)
        .args(["export", SEED])
        .args(args)
        .output()
        .unwrap()
}

fn stdout_of(dir: &Path, args: &[&str]) -> String {
    let o = export(dir, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn check(name: &str, got: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        got == want,
        "{name} differs from the golden file; after an intended change run UPDATE_GOLDEN=1.\n--- got ---\n{got}"
    );
}

#[test]
fn golden_vtt_and_chapters_of_the_simulated_evening() {
    let (dir, _) = simulated_evening();
    let d = dir.path();
    check("chapters.vtt", &stdout_of(d, &["--format", "vtt"]));
    check(
        "chapters.en.vtt",
        &stdout_of(d, &["--format", "vtt", "--lang", "en"]),
    );
    check("chapters.txt", &stdout_of(d, &["--format", "chapters"]));
    let stream = ["--stream-start", "19:28:30"];
    check(
        "chapters.stream.vtt",
        &stdout_of(d, &[&["--format", "vtt"][..], &stream].concat()),
    );
    check(
        "chapters.stream.txt",
        &stdout_of(d, &[&["--format", "chapters"][..], &stream].concat()),
    );
}

#[test]
fn the_simulated_evening_reads_like_one() {
    let (dir, _) = simulated_evening();
    let d = dir.path();
    let vtt = stdout_of(d, &["--format", "vtt"]);
    assert!(vtt.starts_with("WEBVTT\n\n"), "{vtt}");
    // Every agenda item of the seed session, a speech of each kind the
    // simulator makes, and its interruptions.
    for item in [
        "Opening",
        "Presentatie Rekenkamer",
        "Insprekers",
        "Eerste termijn fracties",
        "Reactie portefeuillehouder",
        "Tweede termijn",
        "Conclusie voorzitter",
    ] {
        assert!(vtt.contains(&format!("\n{item}\n")), "{item}");
    }
    assert!(
        vtt.contains("\nInspreker · Inspreker 7 (Wijkraad)\n"),
        "{vtt}"
    );
    assert!(vtt.contains("\nVVD · Raadslid 1\n"), "{vtt}");
    assert!(vtt.contains("\nInterruptie · CDA\n"), "{vtt}");
    let chapters = stdout_of(d, &["--format", "chapters"]);
    assert!(chapters.starts_with("0:00 "), "{chapters}");
    assert_eq!(chapters.lines().count(), 8, "{chapters}");
    // The stream began 90 s before the opening: every chapter after the
    // first (the title, at 0:00) 1:30 later.
    let early = stdout_of(d, &["--format", "chapters", "--stream-start", "19:28:30"]);
    let secs = |line: &str| {
        line.split(' ')
            .next()
            .unwrap()
            .split(':')
            .fold(0, |acc, p| acc * 60 + p.parse::<i64>().unwrap())
    };
    assert_eq!(early.lines().count(), chapters.lines().count());
    for (a, b) in chapters.lines().zip(early.lines()).skip(1) {
        assert_eq!(secs(b), secs(a) + 90, "{a} / {b}");
    }
}

#[test]
fn a_bad_stream_start_is_a_usage_error_that_names_it() {
    let (dir, _) = simulated_evening();
    for bad in ["25:00:00", "half acht", "19:28:30Z"] {
        let o = export(dir.path(), &["--format", "vtt", "--stream-start", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("--stream-start") && err.contains(bad) && err.contains("HH:MM:SS"),
            "{err}"
        );
        assert!(o.stdout.is_empty());
    }
}
