//! Fuzzing for a fixed time (issue 8): the session loader, the journal
//! reader and the importer, each fed generated input for
//! `HAMER_FUZZ_SECS` seconds (default 2, so `cargo test` stays quick).
//! Inputs come from proptest strategies (arbitrary bytes and text, and
//! real files damaged by the edits of `common::mutate`); each is checked
//! for more than "no panic":
//! - the loader answers with a clean value or with diagnostics that hold
//!   an error and render, located, in both languages;
//! - a journal that parses folds without a panic, and its records are a
//!   prefix of what was written when only the tail was damaged;
//! - what the importer writes always loads without a syntax error.
//!
//! A failing input is written to `target/fuzz-failures/` and the test
//! fails. The long run for the figures in RELIABILITY.md:
//!
//!     HAMER_FUZZ_SECS=300 cargo test --release --test fuzz -- --nocapture --test-threads 1

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use hamer::i18n::Lang;
use hamer::journal;
use hamer::meeting::{State, sim};
use hamer::session::{Document, load_document_bytes, load_session_bytes};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

mod common;
use common::mutate::{Edit, apply, edit};
use common::{SAMPLES, sample};

fn budget() -> Duration {
    let secs = std::env::var("HAMER_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(2.0);
    Duration::from_secs_f64(secs)
}

/// A runner with a seed printed, so a failure can be found again
/// (`HAMER_FUZZ_SEED`).
fn runner(name: &str) -> TestRunner {
    let seed: u64 = std::env::var("HAMER_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    println!("{name}: seed {seed}");
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    )
}

/// Feed `check` values of `strategy` until the budget is spent; the number
/// of cases tried.
fn fuzz<S: Strategy>(
    name: &str,
    strategy: S,
    mut check: impl FnMut(&S::Value) -> Result<(), String>,
) -> u64
where
    S::Value: std::fmt::Debug,
{
    let mut runner = runner(name);
    let deadline = Instant::now() + budget();
    let mut cases = 0u64;
    while Instant::now() < deadline {
        let value = strategy
            .new_tree(&mut runner)
            .expect("a strategy that generates")
            .current();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&value)));
        let failure = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some(why),
            Err(panic) => Some(format!(
                "panic: {}",
                panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("?")
            )),
        };
        if let Some(why) = failure {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{name}-{cases}.txt"));
            let _ =
                std::fs::File::create(&file).and_then(|mut f| writeln!(f, "{why}\n\n{value:#?}"));
            panic!(
                "{name}: case {cases} failed: {why}\n(input in {})",
                file.display()
            );
        }
        cases += 1;
    }
    println!(
        "{name}: {cases} cases in {:.0} s, 0 failures",
        budget().as_secs_f64()
    );
    assert!(cases > 0, "{name}: no case ran");
    cases
}

/// Input for a parser: arbitrary bytes, arbitrary text, or one of the real
/// files with a few edits.
#[derive(Debug, Clone)]
enum Input {
    Bytes(Vec<u8>),
    Text(String),
    Damaged(usize, Vec<Edit>),
}

fn input(files: usize) -> impl Strategy<Value = Input> {
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..4096).prop_map(Input::Bytes),
        1 => "\\PC{0,1000}".prop_map(Input::Text),
        6 => (0..files, proptest::collection::vec(edit(), 1..8)).prop_map(|(f, e)| Input::Damaged(f, e)),
    ]
}

fn bytes_of(input: &Input, files: &[Vec<u8>]) -> Vec<u8> {
    match input {
        Input::Bytes(b) => b.clone(),
        Input::Text(t) => t.as_bytes().to_vec(),
        Input::Damaged(f, edits) => {
            let mut b = files[*f].clone();
            for e in edits {
                apply(&mut b, e);
            }
            b
        }
    }
}

#[test]
fn session_loader() {
    let files: Vec<Vec<u8>> = SAMPLES.iter().map(|s| sample(s).1).collect();
    let path = sample(SAMPLES[0]).0;
    fuzz("session-loader", input(files.len()), |i| {
        let bytes = bytes_of(i, &files);
        match load_document_bytes(&bytes, &path) {
            Ok(loaded) => {
                let text = match &loaded.value {
                    Document::Session(plan) => format!("{:?}", plan.session),
                    Document::Council(c) => format!("{c:?}"),
                };
                for bad in ["\\u{1b}", "\\u{9b}", "\\u{202e}", "\\r", "\\t", "\\0"] {
                    if text.contains(bad) {
                        return Err(format!("{bad} survived loading"));
                    }
                }
            }
            Err(e) => {
                let diagnostics = e.diagnostics();
                if !diagnostics.iter().any(|d| d.is_error()) {
                    return Err("refused without an error".into());
                }
                for d in diagnostics {
                    for lang in [Lang::Nl, Lang::En] {
                        let shown = d.render(lang);
                        // FILE:LINE:COL first.
                        let located = shown
                            .split(':')
                            .nth(1)
                            .is_some_and(|l| l.parse::<usize>().is_ok());
                        if !located || shown.chars().any(|c| c.is_control() && c != '\n') {
                            return Err(format!("not located or not clean: {shown:?}"));
                        }
                    }
                }
            }
        }
        Ok(())
    });
}

/// A real journal (the seed session's header, 400 simulated events).
fn journal_bytes() -> (Vec<u8>, usize) {
    let header = journal::Header {
        format: journal::FORMAT,
        app: "hamer fuzz".into(),
        session: "fuzz.ron".into(),
        session_hash: journal::session_hash(b"fuzz"),
        created: hamer::clock::parse_ts("2023-03-08T19:30:00+01:00"),
    };
    let records = sim::records(400, header.created, 1500);
    let mut out = ron::to_string(&header).expect("header") + "\n";
    for r in &records {
        out += &ron::to_string(r).expect("record");
        out.push('\n');
    }
    (out.into_bytes(), records.len())
}

#[test]
fn journal_reader() {
    let (file, n) = journal_bytes();
    let good = journal::parse(Path::new("fuzz.journal"), &file).expect("the undamaged journal");
    assert_eq!(good.records.len(), n);
    let files = vec![file.clone()];
    fuzz("journal-reader", input(1), |i| {
        let bytes = bytes_of(i, &files);
        if let Ok(replay) = journal::parse(Path::new("fuzz.journal"), &bytes) {
            let state = State::fold(&replay.records);
            let _ = state.notices.len();
            // Damage only at the end (a cut): what is read is a prefix of
            // what was written.
            if let Input::Damaged(_, edits) = i
                && edits.iter().all(|e| matches!(e, Edit::Truncate(_)))
                && replay.records[..] != good.records[..replay.records.len()]
            {
                return Err("a cut journal reads other events than were written".into());
            }
        }
        Ok(())
    });
}

#[test]
fn importer() {
    let seed = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/behandelvoorstel-datagedreven-sturing.txt"),
    )
    .expect("the seed fixture");
    // The seed also as Windows programs save it: UTF-16 with a byte order
    // mark, and Windows-1252; damaged, these reach the decoders' edges.
    let text = String::from_utf8_lossy(&seed).into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let cp1252 = encoding_rs::WINDOWS_1252.encode(&text).0.into_owned();
    let files = vec![seed, utf16, cp1252];
    fuzz("importer", input(files.len()), |i| {
        let bytes = bytes_of(i, &files);
        let imported = hamer::import::import(&bytes);
        let ron = hamer::import::to_ron(&imported.session, "fuzz");
        if let Err(e) = load_session_bytes(ron.as_bytes(), Path::new("/nonexistent/x.ron")) {
            for d in e.diagnostics() {
                if matches!(
                    d.problem,
                    hamer::session::Problem::Syntax { .. }
                        | hamer::session::Problem::Expected { .. }
                ) {
                    return Err(format!(
                        "the importer wrote bad RON: {}",
                        d.render(Lang::En)
                    ));
                }
            }
        }
        Ok(())
    });
}
