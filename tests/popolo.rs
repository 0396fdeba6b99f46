//! Issue 16, "Popolo that readers accept": the JSON export checked as
//! Popolo. In Rust: the shape (events as an array with agenda items under
//! the session, every membership with an organization, no invented
//! persons, ids unique over sessions). With Python
//! (`tests/popolo_reader.py`): Popolo's own JSON Schemas, vendored in
//! `tests/popolo/schemas/` with their licence, and the real Popolo reader
//! `everypolitician-popolo`, in the venv that `.ci/run` makes.
//!
//! `HAMER_POPOLO_PYTHON` names that venv's python. Without it the Python
//! checks are skipped with a loud message, unless `HAMER_NEED_POPOLO` is
//! set (as `.ci/run` does): then a missing reader fails the test.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use hamer::clock::{FakeClock, parse_ts};
use hamer::export::json::{self, Document};
use hamer::export::{self, Format, What};
use hamer::i18n::Lang;
use hamer::meeting::{Action, Speaker, SpeechKind};

mod common;
use common::SEED;

fn golden() -> PathBuf {
    common::golden::path("session.json")
}

/// The python to run the reader with, or `None` to skip (loudly).
fn python() -> Option<PathBuf> {
    match std::env::var_os("HAMER_POPOLO_PYTHON") {
        Some(p) => Some(PathBuf::from(p)),
        None if std::env::var_os("HAMER_NEED_POPOLO").is_some() => panic!(
            "HAMER_NEED_POPOLO is set but HAMER_POPOLO_PYTHON is not: \
             the Popolo schema and reader checks cannot run (see .ci/run)"
        ),
        None => {
            // Straight to stderr, past the test harness's capture: loud.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: the Popolo schema and reader checks; set HAMER_POPOLO_PYTHON \
                 to a python with everypolitician-popolo and jsonschema (bash .ci/run makes one)"
            );
            None
        }
    }
}

/// Run `tests/popolo_reader.py` on a JSON file; panics with its findings.
fn read_with_popolo(path: &Path) {
    let Some(py) = python() else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/popolo_reader.py");
    let out = Command::new(&py)
        .arg(&script)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", py.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} is not Popolo that readers accept:\n{stdout}{stderr}",
        path.display()
    );
    assert!(stdout.starts_with("ok: "), "{stdout}{stderr}");
}

/// A session with every kind of speaker: the chair, a named and an
/// unnamed faction speaker, a fractievertegenwoordiger, an inspreker with
/// and one without an organisation, a presenter, a college member and an
/// official, and a faction the session does not know.
fn every_speaker() -> (tempfile::TempDir, String) {
    let (dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    let mut act = |a: Action, then_secs: i64| {
        m.act(a).unwrap();
        clock.advance_secs(then_secs);
    };
    act(Action::Open, 30);
    let speakers = [
        Speaker::Chair {
            name: "Sander Janssen".into(),
        },
        Speaker::Presenter {
            function: Some("Voorzitter".into()),
            name: "Louis Rings".into(),
            organisation: Some("Rekenkamercommissie Hengelo".into()),
        },
        Speaker::Public {
            salutation: Some("dhr.".into()),
            name: "Methorst".into(),
            organisation: Some("stichting 't Neutje".into()),
        },
        Speaker::Public {
            salutation: None,
            name: "Mevrouw Zonder".into(),
            organisation: None,
        },
        Speaker::Faction {
            faction: "BBH".into(),
            name: Some("Mevrouw Hammami".into()),
        },
        Speaker::Faction {
            faction: "VVD".into(),
            name: None,
        },
        Speaker::Faction {
            faction: "NIEUW".into(),
            name: None,
        },
        Speaker::Representative {
            faction: "PH".into(),
            name: "Herbert Capelle".into(),
        },
        Speaker::College {
            name: "Bruggink".into(),
            role: "wethouder".into(),
        },
        Speaker::Official {
            name: "Astrid Scholtens".into(),
            function: Some("Beleidsadviseur Onderwijs".into()),
        },
    ];
    for (i, who) in speakers.into_iter().enumerate() {
        act(Action::GotoItem(1 + i % 6), 0);
        act(Action::Start(who, SpeechKind::Contribution), 40);
        act(Action::End, 5);
    }
    // A member marked present who did not speak.
    act(
        Action::SetPresence(
            hamer::meeting::Present::Member {
                faction: "BBH".into(),
                name: "Han Daals".into(),
            },
            true,
        ),
        0,
    );
    act(Action::Close, 0);
    drop(m);
    let o = Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir.path())
        .args(["export", SEED, "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, String::from_utf8(o.stdout).unwrap())
}

fn ids(doc: &Document) -> Vec<String> {
    doc.events
        .iter()
        .map(|e| e.id.clone())
        .chain(doc.speeches.iter().map(|s| s.id.clone()))
        .chain(doc.motions.iter().map(|m| m.id.clone()))
        .collect()
}

#[test]
fn the_golden_record_is_popolo_that_readers_accept() {
    read_with_popolo(&golden());
}

#[test]
fn every_kind_of_speaker_is_popolo_that_readers_accept() {
    let (dir, text) = every_speaker();
    let path = dir.path().join("record.json");
    std::fs::write(&path, &text).unwrap();
    read_with_popolo(&path);

    let doc: Document = serde_json::from_str(&text).unwrap();
    // The session, then each agenda item under it; attendees on the session.
    let session = &doc.events[0];
    assert_eq!(session.classification, "session");
    assert!(session.parent_id.is_none());
    assert_eq!(doc.events.len(), 1 + doc.record.agenda.len());
    for item in &doc.events[1..] {
        assert_eq!(item.parent_id.as_deref(), Some(session.id.as_str()));
    }
    // The salutation, a presenter's function, a member present.
    let methorst = doc.persons.iter().find(|p| p.name == "Methorst").unwrap();
    assert_eq!(methorst.honorific_prefix.as_deref(), Some("dhr."));
    let daals = doc.persons.iter().find(|p| p.name == "Han Daals").unwrap();
    assert!(
        doc.memberships
            .iter()
            .any(|m| m.person_id == daals.id && m.role.as_deref() == Some("member"))
    );
    let attendees: HashSet<&str> = session.attendees.iter().map(|a| a.id.as_str()).collect();
    for p in &doc.persons {
        assert!(attendees.contains(p.id.as_str()), "{} attended", p.name);
    }
    // Every membership in an organization that is there.
    let orgs: HashSet<&str> = doc.organizations.iter().map(|o| o.id.as_str()).collect();
    for m in &doc.memberships {
        assert!(orgs.contains(m.organization_id.as_str()), "{m:?}");
        if let Some(f) = &m.on_behalf_of_id {
            assert!(orgs.contains(f.as_str()), "{m:?}");
        }
    }
    for name in [
        "Gemeenteraad Hengelo",
        "Politieke Markt",
        "College van burgemeester en wethouders",
        "Rekenkamercommissie Hengelo",
        "stichting 't Neutje",
    ] {
        assert!(doc.organizations.iter().any(|o| o.name == name), "{name}");
    }
    // No invented persons: the unnamed faction speakers are nobody, and
    // their speeches say for whom they spoke.
    assert!(
        !doc.persons
            .iter()
            .any(|p| p.name == "VVD" || p.name == "NIEUW")
    );
    let vvd = doc
        .speeches
        .iter()
        .find(|s| s.attribution_text == "namens VVD")
        .unwrap();
    assert_eq!(vvd.creator_id, None);
    assert_eq!(vvd.role.as_deref(), Some("speaker"));
    assert_eq!(
        vvd.on_behalf_of_id.as_deref(),
        Some("hengelo:organization:faction:vvd")
    );
    let nieuw = doc
        .speeches
        .iter()
        .find(|s| s.attribution_text == "namens NIEUW")
        .unwrap();
    assert!(orgs.contains(nieuw.on_behalf_of_id.as_deref().unwrap()));
    // Roles and dates where known.
    let chair = doc.speeches.iter().find(|s| s.position == 1).unwrap();
    assert_eq!(chair.role.as_deref(), Some("chair"));
    assert_eq!(chair.date.to_rfc3339(), "2023-03-08T19:30:30+01:00");
    let chair_id = chair.creator_id.as_deref().unwrap();
    assert!(doc.memberships.iter().any(|m| m.person_id == chair_id
        && m.role.as_deref() == Some("chair")
        && m.organization_id == "hengelo:organization:politieke-markt"));
    let capelle = doc
        .memberships
        .iter()
        .find(|m| m.role.as_deref() == Some("fractievertegenwoordiger"))
        .unwrap();
    assert_eq!(
        capelle.on_behalf_of_id.as_deref(),
        Some("hengelo:organization:faction:ph")
    );
    // Every speech's event is one of the events.
    let events: HashSet<&str> = doc.events.iter().map(|e| e.id.as_str()).collect();
    for s in &doc.speeches {
        assert!(events.contains(s.event_id.as_str()), "{s:?}");
    }
}

/// One zaak often has several sessions: a record of the same case number
/// on another evening, or before another body, shares no event, speech or
/// motion id with this one, and the persons and organizations of the
/// council keep theirs.
#[test]
fn ids_are_unique_over_sessions_and_evenings() {
    let (_dir, text) = every_speaker();
    let doc: Document = serde_json::from_str(&text).unwrap();
    let mut r = doc.record.clone();
    r.date = "2023-03-15".to_owned();
    let other_evening = json::document(&r);
    let mut r = doc.record.clone();
    r.body = "Raad".to_owned();
    let other_body = json::document(&r);
    let mine: HashSet<String> = ids(&doc).into_iter().collect();
    assert_eq!(mine.len(), ids(&doc).len(), "ids repeat within a record");
    for other in [&other_evening, &other_body] {
        for id in ids(other) {
            assert!(!mine.contains(&id), "{id} in two sessions");
        }
    }
    assert_eq!(doc.persons, other_evening.persons);
    let mut r = doc.record.clone();
    r.municipality = "Enschede".to_owned();
    let other_council = json::document(&r);
    for id in ids(&other_council) {
        assert!(!mine.contains(&id), "{id} in two councils");
    }
    assert!(other_council.persons[0].id.starts_with("enschede:person:"));
}

/// The Popolo parts of the golden record, as the scripted session of
/// tests/export_golden.rs makes it (that file checks it byte for byte).
#[test]
fn the_golden_record_has_no_invented_person() {
    let doc: Document = serde_json::from_str(&std::fs::read_to_string(golden()).unwrap()).unwrap();
    assert!(!doc.persons.iter().any(|p| p.name == "SP"));
    let sp: Vec<_> = doc
        .speeches
        .iter()
        .filter(|s| s.on_behalf_of_id.as_deref() == Some("hengelo:organization:faction:sp"))
        .collect();
    assert_eq!(sp.len(), 2);
    assert!(sp.iter().all(|s| s.creator_id.is_none()));
    assert!(sp.iter().all(|s| s.attribution_text == "namens SP"));
    // Rendering is the export's JSON format.
    let r = doc.record.clone();
    let again: Document =
        serde_json::from_str(&export::render(&r, Format::Json, What::Speeches, Lang::Nl)).unwrap();
    assert_eq!(again, doc);
}
