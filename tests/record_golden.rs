//! The published record of the seed evening (issue 16): the seed session
//! played through by the simulator (`meeting::sim::seed_evening`, the
//! times and speakers of a real evening), exported by the real binary as
//! the RIS text (`--template hengelo-ris`), the Markdown verslag in Dutch
//! and English, WebVTT and a chapter list, byte for byte as the golden
//! files `tests/golden/evening.*`. The export time is pinned
//! (`SOURCE_DATE_EPOCH`) and the machine's zone is UTC: the files are in
//! the council's time, whatever `TZ` says.
//!
//! Besides the golden files, the RIS text is checked against what the
//! griffie's published records hold (../shared/records): the sections in
//! their order, full faction names, no seconds, no private notes.
//!
//! After an intended change of the output: UPDATE_GOLDEN=1 cargo test --test record_golden

use std::path::Path;
use std::process::{Command, Output};

use hamer::meeting::sim;

mod common;
use common::SEED;

/// The export's own time: 2023-03-08T21:00:00Z, after the close.
const EPOCH: &str = "1678309200";

/// The seed evening's journal in a scratch folder.
fn evening() -> tempfile::TempDir {
    common::seed_evening().0
}

fn hamer_export(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir)
        .args(["export", SEED])
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("TZ", "UTC")
        .env_remove("HAMER_LANG")
        .output()
        .unwrap()
}

/// An export to standard output.
fn stdout_of(dir: &Path, args: &[&str]) -> String {
    let o = hamer_export(dir, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The RIS text, written with `-o` as a clerk would.
fn ris(dir: &Path) -> String {
    let o = hamer_export(dir, &["--template", "hengelo-ris", "-o", "ris.txt"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(dir.join("ris.txt")).unwrap()
}

/// Every output of the evening: golden file name and text.
fn outputs(dir: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("evening.hengelo-ris.txt", ris(dir)),
        ("evening.verslag.nl.md", stdout_of(dir, &["--format", "md"])),
        (
            "evening.verslag.en.md",
            stdout_of(dir, &["--format", "md", "--lang", "en"]),
        ),
        ("evening.vtt", stdout_of(dir, &["--format", "vtt"])),
        (
            "evening.chapters.txt",
            stdout_of(dir, &["--format", "chapters"]),
        ),
    ]
}

/// Whether `text` holds a time with seconds (`\d:\d\d:\d\d`).
fn has_seconds(text: &str) -> bool {
    let pattern = "0:00:00".as_bytes();
    text.as_bytes().windows(pattern.len()).any(|w| {
        w.iter()
            .zip(pattern)
            .all(|(c, p)| (*p == b':') == (*c == b':') && (*p == b':' || c.is_ascii_digit()))
    })
}

#[test]
fn golden_record_of_the_seed_evening() {
    let dir = evening();
    let errors: Vec<String> = outputs(dir.path())
        .iter()
        .filter_map(|(name, got)| common::golden::check(name, got).err())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
}

#[test]
fn seconds_are_found() {
    assert!(has_seconds("om 19:30:05 begon"));
    assert!(has_seconds("0:01:15"));
    assert!(!has_seconds("19:30 en 1:15 en 8-3-2023"));
}

#[test]
fn the_ris_text_reads_like_the_published_records() {
    let dir = evening();
    let text = ris(dir.path());
    // The result line first, then the prose in the records' order.
    assert_eq!(
        text.lines().next(),
        Some("Behandeld, agenderen hamerstuk Raad"),
        "{text}"
    );
    let sections = [
        "Voorzitter: Sander Janssen. Griffier: Coen Hartendorp.",
        " Sprekers namens de fracties: Hammami (BurgerBelangen), ",
        " Namens het college aanwezig: Wethouder Freriksen.",
        " Ambtelijke ondersteuning door Astrid Scholtens (Beleidsadviseur Informatievoorziening).",
        " Overige sprekers: Louis Rings (Voorzitter Rekenkamercommissie Hengelo), \
         Mirjan Oude Vrielink (Onderzoekster Rekenkamercommissie Hengelo).",
        " Insprekers: dhr. Meijerink (namens Stichting Digitaal Hengelo), \
         dhr. Ter Horst (namens Wijkraad Hasseler Es).",
        "Vanuit de Rekenkamercommissie heeft de raad een presentatie gehad",
        "Toezegging 1: wethouder Freriksen",
        "Vervolg: Raad 29-3-2023, hamerstuk.",
    ];
    let mut at = 0;
    for s in sections {
        let found = text[at..]
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} missing or out of order in:\n{text}"));
        at += found + s.len();
    }
    // Speakers of one faction together, as Hengelo writes them, with full
    // faction names; the speaker whose name was not noted by the faction.
    for s in [
        "Van der Zweth (VVD)",
        "Leussink (SP)",
        "Bernadette Morskieft en Nuri Akfidan (beiden namens het CDA)",
        "Van der Pal (D66)",
        "Glenn Dedecker (LokaalHengelo)",
        "Gomez (GroenLinks)",
        ", een woordvoerder (PVV), ",
        "van den Beukel (ChristenUnie)",
    ] {
        assert!(text.contains(s), "{s:?} missing in:\n{text}");
    }
    for code in ["BBH", "(LH)", "(GL)", "(CU)", "FVD"] {
        assert!(!text.contains(code), "{code:?} in:\n{text}");
    }
    // The faction recorded absent, by its full name.
    assert!(text.contains("Forum voor Democratie"), "{text}");
    // No times: no seconds, nor minutes of a clock.
    assert!(!has_seconds(&text), "{text}");
    assert!(!text.contains("19:") && !text.contains("20:"), "{text}");
    // Prose, not tables.
    assert!(!text.contains('|'), "{text}");
}

#[test]
fn no_output_holds_the_clerks_private_note() {
    let dir = evening();
    for (name, got) in outputs(dir.path()) {
        assert!(
            !got.contains(sim::SEED_PRIVATE_NOTE) && !got.contains("privacyparagraaf"),
            "{name} holds the private note:\n{got}"
        );
    }
    // Unless asked for: the note is in the evening's journal.
    let with = stdout_of(dir.path(), &["--format", "md", "--with-notes"]);
    assert!(with.contains("privacyparagraaf"), "{with}");
}

#[test]
fn the_times_are_the_councils_whatever_the_machines_zone() {
    let dir = evening();
    // Outputs that hold clock times (the Markdown, the RIS text with its
    // dates, cues offset from a stream start): the same under another TZ.
    for args in [
        &["--format", "md"][..],
        &["--template", "hengelo-ris"],
        &["--format", "vtt", "--stream-start", "19:28:30"],
    ] {
        let here = stdout_of(dir.path(), args);
        let o = Command::new(env!("CARGO_BIN_EXE_hamer"))
            .current_dir(dir.path())
            .args(["export", SEED])
            .args(args)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env("TZ", "America/New_York")
            .env_remove("HAMER_LANG")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8(o.stdout).unwrap(), here, "{args:?}");
    }
    let md = stdout_of(dir.path(), &["--format", "md"]);
    assert!(
        md.contains("| Geopend – gesloten | 19:30 – 20:23 |"),
        "the opening at 19:30 local:\n{md}"
    );
}

#[test]
fn the_verslag_names_who_was_there_and_where_the_item_goes() {
    let dir = evening();
    let md = stdout_of(dir.path(), &["--format", "md"]);
    for want in [
        // Members marked present by the clerk, under their faction.
        "| Aanwezige leden | Han Daals, Hammami (BurgerBelangen);",
        "| Afwezige fracties | Forum voor Democratie |",
        "| dhr. Meijerink | Stichting Digitaal Hengelo |",
        "| Louis Rings | Voorzitter, Rekenkamercommissie Hengelo |",
        "1. wethouder Freriksen: ",
        "status: open",
        "Vervolg: Raad 29-3-2023, hamerstuk.",
    ] {
        assert!(md.contains(want), "{want:?} missing in:\n{md}");
    }
    assert!(!md.contains("<br>"), "{md}");
    assert!(!has_seconds(&md), "{md}");
    // Faction codes only where the session has no full name: nowhere.
    for code in ["| BBH", "| LH |", "| GL |", ", GL", "| FVD"] {
        assert!(!md.contains(code), "{code:?} in:\n{md}");
    }
}
