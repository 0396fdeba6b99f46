//! `hamer import`: the seed behandelvoorstel, and one small fixture per
//! variant real exports show; arbitrary text never panics the importer.

use std::path::Path;

use hamer::import::{Warning, import, to_ron};
use hamer::session::{Goal, load_session, load_session_bytes};
use proptest::prelude::*;

mod common;

/// The real behandelvoorstel of the seed session, as the council's system
/// exported it (a copy of shared/seed, kept with the tests).
fn seed_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/behandelvoorstel-datagedreven-sturing.txt"),
    )
    .expect("tests/fixtures/behandelvoorstel-datagedreven-sturing.txt")
}

#[test]
fn the_seed_imports_to_the_hand_written_session() {
    let imported = import(seed_text().as_bytes());
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let mut got = imported.session;
    let dir = tempfile::tempdir().unwrap();
    let session = common::copy_seed(dir.path());
    let want = load_session(&session).unwrap().value.session;
    // The agenda is a proposal and the document has no start time; the
    // council is named by the command (tested below).
    got.agenda = want.agenda.clone();
    got.start = want.start.clone();
    got.council = want.council.clone();
    assert_eq!(got, want);
}

#[test]
fn the_written_file_passes_check_and_names_the_council() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/hengelo-2022-2026.ron"),
        sessions.join("hengelo-2022-2026.ron"),
    )
    .unwrap();
    let seed = dir.path().join("voorstel.txt");
    std::fs::write(&seed, seed_text()).unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
            .current_dir(dir.path())
            .env_remove("HAMER_LANG")
            .args(["import", "voorstel.txt"])
            .args(extra)
            .output()
            .unwrap()
    };
    let o = run(&[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = sessions.join("2023-03-08-rekenkameronderzoek-datagedreven-sturing.ron");
    let plan = load_session(&out).unwrap().value;
    assert_eq!(
        plan.session.council.as_deref(),
        Some("hengelo-2022-2026.ron")
    );
    assert_eq!(plan.factions.len(), 13);
    assert_eq!(plan.planned_min(), 60);
    // Not over an existing file without --force.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert!(run(&["--force"]).status.success());
}

fn variant(from: &str, to: &str) -> hamer::import::Imported {
    let text = seed_text();
    assert!(text.contains(from), "fixture: {from:?} not in the seed");
    import(text.replacen(from, to, 1).as_bytes())
}

#[test]
fn crlf_and_a_byte_order_mark() {
    let text = seed_text().replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let i = import(&bytes);
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    assert_eq!(i.session.title, "Rekenkameronderzoek Datagedreven Sturing");
    assert_eq!(i.session.room, "Raadzaal");
}

#[test]
fn html_entities_and_line_breaks() {
    let i = variant(
        "Rekenkameronderzoek Datagedreven Sturing",
        "Onderzoek &amp; sturing&nbsp;&#8211; &quot;data&quot;",
    );
    assert_eq!(i.session.title, "Onderzoek & sturing – \"data\"");
    let i = variant(
        "ambities voor datagedreven sturing. ",
        "ambities voor datagedreven sturing.<br/>",
    );
    assert!(
        i.session.history.contains("sturing.\nDatagedreven"),
        "{}",
        i.session.history
    );
}

#[test]
fn named_entities_become_their_letters() {
    let i = variant(
        "Portefeuillehouder\tFreriksen",
        "Portefeuillehouder\tWethouder Financi&euml;n &amp; Co&ouml;rdinatie",
    );
    assert_eq!(
        i.session.portfolio_holder,
        "Wethouder Financiën & Coördinatie"
    );
    let i = variant(
        "Rekenkameronderzoek Datagedreven Sturing",
        "Na&iuml;ef caf&eacute;&rsquo;s&hellip;",
    );
    assert_eq!(i.session.title, "Naïef café’s…");
    let ron = to_ron(&i.session, "test");
    assert!(ron.contains("Naïef café’s…"), "{ron}");
    assert!(!ron.contains("&iuml;"), "{ron}");
}

#[test]
fn extra_and_missing_tabs() {
    let i = variant(
        "Zaaknummer\t3542199\tPortefeuillehouder\tFreriksen",
        "Zaaknummer\t\t3542199\tPortefeuillehouder\tFreriksen\t\t",
    );
    // An extra tab shifts the pairs: the number is lost, with a warning, not
    // taken as a label.
    assert!(
        i.warnings
            .iter()
            .any(|w| matches!(w, Warning::UnknownLabel { .. } | Warning::Missing { .. }))
    );
    let i = variant(
        "Onderwerp\tRekenkameronderzoek Datagedreven Sturing\t\t",
        "Onderwerp\tRekenkameronderzoek Datagedreven Sturing",
    );
    assert_eq!(i.session.title, "Rekenkameronderzoek Datagedreven Sturing");
}

#[test]
fn an_unknown_label_warns_and_goes_on() {
    let i = variant("Historie\t", "Bijlagen\tgeen\nHistorie\t");
    assert!(
        i.warnings
            .iter()
            .any(|w| matches!(w, Warning::UnknownLabel { label, .. } if label == "Bijlagen")),
        "{:?}",
        i.warnings
    );
    assert!(i.session.history.starts_with("Zoals veel gemeenten"));
}

#[test]
fn a_missing_block_warns() {
    let text = seed_text();
    let cut = text.find("Raad\t29 maart 2023").unwrap();
    let i = import(&text.as_bytes()[..cut]);
    assert!(i.session.next_step.is_none());
    let text = text.replacen("Politieke Markt\tWoensdag 8 maart 2023", "", 1);
    let i = import(text.as_bytes());
    assert!(
        i.warnings.iter().any(|w| matches!(
            w,
            Warning::Missing {
                label: "Politieke Markt"
            }
        )),
        "{:?}",
        i.warnings
    );
}

#[test]
fn odd_header_words_are_ignored() {
    let i = variant("Behandelvorschlag", "Behandelvoorstel");
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

#[test]
fn durations_in_words() {
    for (text, min) in [
        ("60 min", 60),
        ("1 uur", 60),
        ("90 minuten", 90),
        ("1,5 uur", 90),
    ] {
        let i = variant("Bestuur\t60 min", &format!("Bestuur\t{text}"));
        assert_eq!(i.session.duration_min, min, "{text}");
        let planned: u32 = i.session.agenda.iter().map(|a| a.planned_min).sum();
        assert_eq!(planned, min, "the agenda fits {text}");
    }
}

#[test]
fn dates_in_numbers() {
    let i = variant("Woensdag 8 maart 2023", "8-3-2023");
    assert_eq!(i.session.date, "2023-03-08");
    let i = variant("Woensdag 8 maart 2023", "8 mrt 2023");
    assert_eq!(i.session.date, "2023-03-08");
    let i = variant("Woensdag 8 maart 2023", "morgen");
    assert!(i.warnings.iter().any(|w| matches!(
        w,
        Warning::Unreadable {
            label: "Politieke Markt",
            ..
        }
    )));
}

#[test]
fn decision_points_as_list_items() {
    let text = seed_text();
    let start = text.find("<ol").unwrap();
    // The seed's list is not even closed: it runs to the next cell.
    let end = start + text[start..].find('\t').unwrap();
    let replaced = format!(
        "{}<ol><li>Kennis te nemen</li><li>Over te nemen</li></ol>{}",
        &text[..start],
        &text[end..]
    );
    let i = import(replaced.as_bytes());
    assert_eq!(
        i.session.decision_points,
        vec!["Kennis te nemen", "Over te nemen"]
    );
}

#[test]
fn no_public_speaking_means_no_insprekers_item() {
    let i = variant(
        "ja <input checked=\"\" type=\"checkbox\"/>\tnee <input type=\"checkbox\"/>",
        "ja <input type=\"checkbox\"/>\tnee <input checked=\"\" type=\"checkbox\"/>",
    );
    assert!(i.session.public_speaking.is_none());
    assert!(!i.session.agenda.iter().any(|a| a.title == "Insprekers"));
    let i = variant("Oordeelsvormend", "Beeldvormend");
    assert_eq!(i.session.goal, Goal::Beeldvormend);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,600}") {
        let i = import(text.as_bytes());
        let ron = to_ron(&i.session, "fuzz");
        // What it writes is always RON that the loader reads (it may break
        // rules, such as an empty title, but never the syntax).
        let res = load_session_bytes(ron.as_bytes(), Path::new("/nonexistent/x.ron"));
        if let Err(e) = res {
            for d in e.diagnostics() {
                let syntax = matches!(
                    d.problem,
                    hamer::session::Problem::Syntax { .. } | hamer::session::Problem::Expected { .. }
                );
                prop_assert!(!syntax, "{}", d.render(hamer::i18n::Lang::En));
            }
        }
    }

    /// Any title written as numeric references reads back as itself.
    #[test]
    fn numeric_entities_read_back(title in "[a-zA-Z0-9ëéïöü’…<>&\"'/;#]{1,30}") {
        let encoded: String = title.chars().map(|c| format!("&#{};", c as u32)).collect();
        let i = import(
            seed_text()
                .replacen("Rekenkameronderzoek Datagedreven Sturing", &encoded, 1)
                .as_bytes(),
        );
        prop_assert_eq!(i.session.title, title);
    }

    #[test]
    fn mutated_seeds_never_panic(cut in 0usize..4000, junk in "[\\t\\n<>&;#a-z0-9 ]{0,40}") {
        let text = seed_text();
        let at = (cut % text.len()).min(text.len());
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let mutated = format!("{}{junk}{}", &text[..at], &text[at..]);
        let _ = import(mutated.as_bytes());
    }
}
