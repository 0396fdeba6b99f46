//! Golden files: a scripted session (fake clock, fixed actions) exports
//! byte for byte the expected Markdown, CSV and JSON; the CSV reads back
//! with the csv crate to the same values (names with commas, quotes and
//! newlines included) and the JSON reads back with serde.
//!
//! After an intended change of the output: UPDATE_GOLDEN=1 cargo test --test export_golden

use hamer::clock::{Clock, FakeClock, parse_ts};
use hamer::export::{self, Format, SessionRecord, What};
use hamer::i18n::Lang;
use hamer::meeting::{Action, Advice, MotionKind, Present, Speaker, SpeechKind, Stance};

mod common;
use common::SEED;

/// The scripted session: the seed agenda, with awkward names.
fn scripted() -> SessionRecord {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    let mut act = |a: Action, then_secs: i64| {
        m.act(a).unwrap();
        clock.advance_secs(then_secs);
    };
    let faction = |code: &str, name: Option<&str>| Speaker::Faction {
        faction: code.into(),
        name: name.map(str::to_owned),
    };
    act(Action::Open, 0);
    act(Action::GotoItem(0), 95);
    act(Action::GotoItem(1), 0);
    act(
        Action::Start(
            Speaker::Presenter {
                function: None,
                name: "dr. M.J. Oude Vrielink".into(),
                organisation: Some("Rekenkamer Hengelo".into()),
            },
            SpeechKind::Presentation,
        ),
        9 * 60 + 40,
    );
    act(Action::GotoItem(2), 0);
    act(
        Action::Queue(Speaker::Public {
            salutation: None,
            name: "Jan \"de\" Vries, jr.".into(),
            organisation: Some("Wijkraad Noord | Oost".into()),
        }),
        0,
    );
    act(Action::StartNext, 200);
    act(Action::TogglePause, 15);
    act(Action::TogglePause, 110);
    act(Action::GotoItem(3), 0);
    act(Action::Queue(faction("VVD", Some("Sander Janssen"))), 0);
    act(Action::Queue(faction("SP", None)), 0);
    act(Action::Queue(faction("GL", Some("Anna van Dijk"))), 0);
    act(Action::StartNext, 150);
    act(Action::Interrupt(faction("SP", None)), 25);
    act(Action::End, 40);
    act(Action::StartNext, 170);
    act(Action::AdjustLimit(30), 20);
    act(Action::StartNext, 181);
    act(Action::End, 5);
    act(
        Action::Note("SP vraagt naar privacy; \"algoritmeregister\"".into()),
        0,
    );
    act(Action::GotoItem(4), 0);
    act(
        Action::Start(
            Speaker::College {
                name: "Freriksen".into(),
                role: "wethouder".into(),
            },
            SpeechKind::Answer,
        ),
        300,
    );
    act(
        Action::AddCommitment {
            by: "Freriksen".into(),
            what: "Dialoog over kaders,\nmet presidium".into(),
            due: "najaar 2023".into(),
        },
        0,
    );
    act(Action::ToggleRecess, 120);
    act(Action::ToggleRecess, 200);
    act(Action::End, 0);
    act(Action::GotoItem(6), 150);
    act(Action::SetAdvice(Some(Advice::Hamerstuk), Vec::new()), 0);
    act(
        Action::SetPosition {
            faction: "VVD".into(),
            stance: Some(Stance::Supports),
            note: String::new(),
        },
        0,
    );
    act(
        Action::SetPosition {
            faction: "SP".into(),
            stance: Some(Stance::SupportsWithReservation),
            note: "privacy, \"waarborgen\"".into(),
        },
        0,
    );
    act(
        Action::SetPosition {
            faction: "PVV".into(),
            stance: Some(Stance::Absent),
            note: String::new(),
        },
        0,
    );
    act(
        Action::AnnounceMotion {
            factions: vec!["SP".into(), "GL".into()],
            kind: MotionKind::Motion,
            title: "Algoritmeregister | openbaar".into(),
        },
        0,
    );
    act(
        Action::AddActionPoint {
            text: "Griffie plant dialoog in".into(),
            owner: "griffie".into(),
        },
        0,
    );
    act(
        Action::SetPresence(Present::College("Sander Schelberg".into()), false),
        0,
    );
    act(Action::SetPresence(Present::Faction("CDA".into()), true), 0);
    act(
        Action::SetConclusion(
            "De markt adviseert een hamerstuk.\n\nToezegging: dialoog in het najaar.\n- geen lijst"
                .into(),
        ),
        10,
    );
    act(Action::Close, 0);
    let now = clock.now();
    export::build(m.plan(), m.state(), now)
}

#[test]
fn golden_markdown_nl_and_en() {
    let r = scripted();
    common::golden::assert(
        "session.nl.md",
        &export::render(&r, Format::Md, What::Speeches, Lang::Nl),
    );
    common::golden::assert(
        "session.en.md",
        &export::render(&r, Format::Md, What::Speeches, Lang::En),
    );
}

#[test]
fn golden_csv() {
    let r = scripted();
    for (what, name) in [
        (What::Speeches, "speeches.csv"),
        (What::Commitments, "commitments.csv"),
        (What::Positions, "positions.csv"),
    ] {
        common::golden::assert(name, &export::render(&r, Format::Csv, what, Lang::Nl));
    }
}

#[test]
fn golden_json() {
    let r = scripted();
    common::golden::assert(
        "session.json",
        &export::render(&r, Format::Json, What::Speeches, Lang::Nl),
    );
}

#[test]
fn csv_reads_back_to_the_same_values() {
    let r = scripted();
    let text = export::render(&r, Format::Csv, What::Speeches, Lang::Nl);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), r.speeches.len());
    for (row, s) in rows.iter().zip(&r.speeches) {
        assert_eq!(&row[4], s.speaker.as_str());
        assert_eq!(&row[5], s.affiliation.as_str());
        assert_eq!(row[3].parse::<i64>().unwrap(), s.seconds);
    }
    // The awkward ones survived: quotes, commas, pipes, a line break.
    assert!(
        rows.iter()
            .any(|r| &r[4] == "Jan \"de\" Vries, jr." && &r[5] == "Wijkraad Noord | Oost")
    );

    let text = export::render(&r, Format::Csv, What::Positions, Lang::Nl);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let sp = reader
        .records()
        .map(Result::unwrap)
        .find(|row| &row[0] == "SP")
        .unwrap();
    assert_eq!(&sp[2], "supports_with_reservation");
    assert_eq!(&sp[3], "privacy, \"waarborgen\"");

    let text = export::render(&r, Format::Csv, What::Commitments, Lang::Nl);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let c: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert_eq!(c.len(), 1);
    assert_eq!(&c[0][5], "Dialoog over kaders,\nmet presidium");
    assert_eq!(&c[0][6], "najaar 2023");
}

#[test]
fn json_reads_back_with_serde() {
    let r = scripted();
    let text = export::render(&r, Format::Json, What::Speeches, Lang::Nl);
    let doc: export::json::Document = serde_json::from_str(&text).unwrap();
    assert_eq!(doc, export::json::document(&r));
    assert_eq!(doc.record, r);
    assert_eq!(doc.speeches.len(), r.speeches.len());
    assert_eq!(doc.events[0].identifiers[0].identifier, "3542199");
    assert!(doc.speeches.iter().any(|s| s.kind == "question"));
    assert_eq!(doc.motions[0].classification, "motion");
}

#[test]
fn markdown_escapes_table_cells() {
    let r = scripted();
    let md = export::render(&r, Format::Md, What::Speeches, Lang::Nl);
    assert!(md.contains("Wijkraad Noord \\| Oost"), "{md}");
    // No `<br>`: a toezegging is an item of a numbered list, on one line.
    assert!(
        md.contains("1. wethouder Freriksen: Dialoog over kaders, met presidium —"),
        "{md}"
    );
    assert!(!md.contains("<br>"), "{md}");
    // Every table row has the same number of unescaped pipes as its header.
    for block in md.split("\n\n") {
        let lines: Vec<&str> = block.lines().filter(|l| l.starts_with('|')).collect();
        if lines.is_empty() {
            continue;
        }
        let count = |l: &str| l.matches('|').count() - l.matches("\\|").count();
        let want = count(lines[0]);
        for l in &lines {
            assert_eq!(count(l), want, "ragged table row: {l}");
        }
    }
}

#[test]
fn export_command_writes_files() {
    let (dir, _) = common::scratch();
    let out = dir.path().join("verslag.md");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir.path())
        .args(["export", SEED, "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# Rekenkameronderzoek Datagedreven Sturing\n"),
        "{md}"
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir.path())
        .args(["export", SEED, "--format", "csv", "--what", "positions"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .starts_with("faction,faction_name,stance,note,recorded_at\r\n")
    );
}

#[test]
fn a_journal_named_but_missing_is_an_error() {
    let (dir, _) = common::scratch();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir.path())
        .args(["--lang", "en", "export", SEED, "--journal", "typo.journal"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("typo.journal"));
}

#[test]
fn unknown_factions_and_list_like_text_stay_in_place() {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::SetPosition {
        faction: "NIEUW".into(),
        stance: Some(Stance::Against),
        note: String::new(),
    })
    .unwrap();
    m.act(Action::Start(
        Speaker::Faction {
            faction: "ANDER".into(),
            name: None,
        },
        SpeechKind::Contribution,
    ))
    .unwrap();
    m.act(Action::AddActionPoint {
        text: "1. eerst dit".into(),
        owner: String::new(),
    })
    .unwrap();
    clock.advance_secs(30);
    let r = export::build(m.plan(), m.state(), clock.now());
    for code in ["NIEUW", "ANDER"] {
        assert!(
            r.factions.iter().any(|f| f.code == code && !f.known),
            "{code}"
        );
    }
    assert!(r.positions.iter().any(|p| p.faction == "NIEUW"));
    let md = export::render(&r, Format::Md, What::Speeches, Lang::Nl);
    assert!(md.contains("- 1\\. eerst dit\n"), "{md}");
    let doc = export::json::document(&r);
    for m in &doc.memberships {
        let org = &m.organization_id;
        assert!(doc.organizations.iter().any(|o| &o.id == org), "{org}");
    }
    for s in &doc.speeches {
        if let Some(org) = &s.on_behalf_of_id {
            assert!(doc.organizations.iter().any(|o| &o.id == org), "{org}");
        }
    }
}

/// Writing the record over a device, a named pipe or a link must write
/// into it, not replace it with a plain file (`--output /dev/null` as root
/// once turned /dev/null into a file).
#[cfg(unix)]
#[test]
fn writing_over_a_pipe_or_a_link_keeps_what_is_there() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();

    let fifo = dir.path().join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    hamer::export::write_atomically(&fifo, "het verslag\n").unwrap();
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(reader.join().unwrap(), "het verslag\n");

    let real = dir.path().join("verslag.md");
    std::fs::write(&real, "oud").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    hamer::export::write_atomically(&link, "nieuw").unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "nieuw");
}

/// Issue 14: the new speaker kinds, interruptions per faction and person,
/// and a recess of a set length, through `hamer export` (the journal's
/// records) in Markdown, CSV and JSON.
#[test]
fn new_speakers_interruptions_and_a_planned_recess_are_in_the_record() {
    let (dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    let mut act = |a: Action, then_secs: i64| {
        m.act(a).unwrap();
        clock.advance_secs(then_secs);
    };
    act(Action::Open, 60);
    act(
        Action::Start(
            Speaker::Chair {
                name: "Ria Voorzitter".into(),
            },
            SpeechKind::Contribution,
        ),
        30,
    );
    act(Action::GotoItem(3), 0);
    act(
        Action::Start(
            Speaker::Representative {
                faction: "VVD".into(),
                name: "Piet Vertegenwoordiger".into(),
            },
            SpeechKind::Contribution,
        ),
        50,
    );
    for (who, secs) in [
        (
            Speaker::Faction {
                faction: "SP".into(),
                name: Some("Els Lid".into()),
            },
            20,
        ),
        (
            Speaker::Faction {
                faction: "SP".into(),
                name: None,
            },
            10,
        ),
        (
            Speaker::Faction {
                faction: "SP".into(),
                name: Some("Els Lid".into()),
            },
            15,
        ),
    ] {
        act(Action::Interrupt(who), secs);
        act(Action::End, 5);
    }
    act(Action::End, 0);
    act(Action::Recess(Some(5)), 6 * 60 + 10);
    act(Action::ToggleRecess, 0);
    act(
        Action::Start(
            Speaker::Official {
                name: "Kees Ambtenaar".into(),
                function: Some("beleidsadviseur data".into()),
            },
            SpeechKind::Answer,
        ),
        40,
    );
    act(Action::End, 0);
    drop(m);
    let md = common::export_markdown(dir.path());
    assert!(
        md.contains("| Schorsing | 6 min (19:33: 5 min gepland, duurde 6 min) |"),
        "{md}"
    );
    assert!(
        md.contains("| VVD | Piet Vertegenwoordiger (fractievertegenwoordiger) | 1 min | 1 |"),
        "{md}"
    );
    assert!(md.contains("| Aanwezige fracties | VVD, SP |"), "{md}");
    assert!(md.contains("## Interrupties"), "{md}");
    assert!(md.contains("| SP | Els Lid | 2 | 1 min |"), "{md}");
    assert!(
        md.contains("| SP | (namens de fractie) | 1 | < 1 min |"),
        "{md}"
    );
    assert!(md.contains("| SP | *totaal* | 3 | 1 min |"), "{md}");
    assert!(
        md.contains("| Kees Ambtenaar | ambtenaar, beleidsadviseur data | 1 min | 1 |"),
        "{md}"
    );
    assert!(
        md.contains("| Ria Voorzitter | voorzitter | 1 min | 1 |"),
        "{md}"
    );
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
            .current_dir(dir.path())
            .args(["export", SEED])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let csv = run(&["--format", "csv", "--what", "speeches"]);
    assert!(
        csv.contains(",Piet Vertegenwoordiger,VVD,contribution,representative"),
        "{csv}"
    );
    assert!(csv.contains(",Els Lid,SP,interruption,faction"), "{csv}");
    assert!(
        csv.contains(",Kees Ambtenaar,beleidsadviseur data,answer,official"),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    let record = &json["record"];
    assert_eq!(record["planned_recesses"][0]["planned_minutes"], 5);
    assert_eq!(record["planned_recesses"][0]["seconds"], 370);
    let per_person = record["interruptions"].as_array().unwrap();
    assert_eq!(per_person.len(), 2, "{per_person:?}");
    assert_eq!(per_person[0]["speaker"], "Els Lid");
    assert_eq!(per_person[0]["count"], 2);
    let sp = record["factions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "SP")
        .unwrap();
    assert_eq!(sp["interruptions"], 3);
}

/// The clerk's notes are private: `hamer export` leaves them out of every
/// published form unless `--with-notes` (issue 16).
#[test]
fn the_clerks_notes_stay_out_unless_asked_for() {
    let (dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Open).unwrap();
    m.act(Action::Note("privé: bel de wethouder terug".into()))
        .unwrap();
    drop(m);
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
            .current_dir(dir.path())
            .env_remove("HAMER_LANG")
            .args(["export", SEED])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    for args in [
        &[][..],
        &["--format", "json"],
        &["--template", "hengelo-ris"],
    ] {
        let out = run(args);
        assert!(!out.contains("bel de wethouder"), "{args:?}:\n{out}");
    }
    assert!(!run(&[]).contains("## Notities"));
    let with = run(&["--with-notes"]);
    assert!(with.contains("## Notities"), "{with}");
    assert!(with.contains("bel de wethouder"), "{with}");
}
