//! Video chapters (issue 16): the seed evening (`meeting::sim::seed_evening`,
//! the seed session played through with the times of a real evening),
//! exported by the real binary as WebVTT in English and with
//! `--stream-start`, byte for byte as the golden files (the Dutch VTT and
//! chapter list are golden files of `tests/record_golden.rs`); what the
//! chapters hold; and `--stream-start` on the command line.
//!
//! After an intended change of the output: UPDATE_GOLDEN=1 cargo test --test video_chapters

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::SEED;

/// The seed evening (`meeting::sim::seed_evening`) as the seed session's
/// journal in a scratch copy. The folder and the session's path.
fn simulated_evening() -> (tempfile::TempDir, PathBuf) {
    common::seed_evening()
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

#[test]
fn golden_vtt_and_chapters_of_the_seed_evening() {
    let (dir, _) = simulated_evening();
    let d = dir.path();
    common::golden::assert(
        "evening.en.vtt",
        &stdout_of(d, &["--format", "vtt", "--lang", "en"]),
    );
    let stream = ["--stream-start", "19:28:30"];
    common::golden::assert(
        "evening.stream.vtt",
        &stdout_of(d, &[&["--format", "vtt"][..], &stream].concat()),
    );
    common::golden::assert(
        "evening.stream.txt",
        &stdout_of(d, &[&["--format", "chapters"][..], &stream].concat()),
    );
}

#[test]
fn the_simulated_evening_reads_like_one() {
    let (dir, _) = simulated_evening();
    let d = dir.path();
    let vtt = stdout_of(d, &["--format", "vtt"]);
    assert!(vtt.starts_with("WEBVTT\n\n"), "{vtt}");
    // Every agenda item of the seed session, speeches of each kind, and
    // the interruption.
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
    for cue in [
        "Inspreker · dhr. Meijerink (Stichting Digitaal Hengelo)",
        "VVD · Van der Zweth",
        "BurgerBelangen · Hammami",
        "Interruptie · D66 · Van der Pal",
        "Presentatie · Louis Rings (Voorzitter, Rekenkamercommissie Hengelo)",
        "Wethouder Freriksen",
    ] {
        assert!(vtt.contains(&format!("\n{cue}\n")), "{cue}: {vtt}");
    }
    // The agenda items as chapters, the opening at 0:00.
    let chapters = stdout_of(d, &["--format", "chapters"]);
    assert!(chapters.starts_with("0:00 Opening\n"), "{chapters}");
    assert_eq!(chapters.lines().count(), 7, "{chapters}");
    // The stream began 90 s before the opening: the title at 0:00, then
    // every chapter 1:30 later.
    let early = stdout_of(d, &["--format", "chapters", "--stream-start", "19:28:30"]);
    let secs = |line: &str| {
        line.split(' ')
            .next()
            .unwrap()
            .split(':')
            .fold(0, |acc, p| acc * 60 + p.parse::<i64>().unwrap())
    };
    assert_eq!(early.lines().count(), chapters.lines().count() + 1);
    assert_eq!(
        early.lines().next(),
        Some("0:00 Rekenkameronderzoek Datagedreven Sturing")
    );
    for (a, b) in chapters.lines().zip(early.lines().skip(1)) {
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
