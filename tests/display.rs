//! The public display: snapshots at 40x12, 80x24 and 200x60, following a
//! journal written by a meeting with a fake clock.

use std::path::Path;

use hamer::clock::{Clock, FakeClock, parse_ts};
use hamer::follow::Follower;
use hamer::i18n::Lang;
use hamer::meeting::{Action, Meeting, Speaker, SpeechKind};

mod common;

type Setup = fn(&mut Meeting<FakeClock>, &FakeClock);

fn states() -> Vec<(&'static str, Setup)> {
    vec![
        ("waiting", |_, _| {}),
        ("speaker", |m, clock| {
            m.act(Action::GotoItem(2)).unwrap();
            m.act(Action::Start(
                Speaker::Public {
                    salutation: None,
                    name: "Jan de Vries".into(),
                    organisation: Some("Wijkraad Hengelo-Noord".into()),
                },
                SpeechKind::PublicSpeaking,
            ))
            .unwrap();
            clock.advance_secs(83);
        }),
        ("overtime", |m, clock| {
            m.act(Action::GotoItem(3)).unwrap();
            m.act(Action::Start(
                Speaker::Faction {
                    faction: "VVD".into(),
                    name: Some("Sander Janssen".into()),
                },
                SpeechKind::Contribution,
            ))
            .unwrap();
            clock.advance_secs(192);
        }),
        ("recess", |m, clock| {
            m.act(Action::Open).unwrap();
            clock.advance_secs(600);
            m.act(Action::ToggleRecess).unwrap();
            clock.advance_secs(75);
        }),
        // A recess of a set length over a held speaker: when the session
        // resumes and how long until then, not the speaker's digits.
        ("recess_until", |m, clock| {
            m.act(Action::Open).unwrap();
            clock.advance_secs(600);
            m.act(Action::GotoItem(3)).unwrap();
            m.act(Action::Start(
                Speaker::Faction {
                    faction: "VVD".into(),
                    name: Some("Sander Janssen".into()),
                },
                SpeechKind::Contribution,
            ))
            .unwrap();
            clock.advance_secs(60);
            m.act(Action::Recess(Some(5))).unwrap();
            clock.advance_secs(108);
        }),
        ("recess_over", |m, clock| {
            m.act(Action::Open).unwrap();
            clock.advance_secs(600);
            m.act(Action::Recess(Some(5))).unwrap();
            clock.advance_secs(365);
        }),
        ("interruption", |m, clock| {
            interrupted(m, clock, "LH", Some("Anne Bakker"), 20);
        }),
        ("interruption_faction", |m, clock| {
            interrupted(m, clock, "FVD", None, 35);
        }),
        ("closed", |m, clock| {
            m.act(Action::Open).unwrap();
            clock.advance_secs(3000);
            m.act(Action::Close).unwrap();
        }),
    ]
}

#[test]
fn display_snapshots() {
    for (name, setup) in states() {
        let (_dir, session) = common::scratch();
        let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
        let journal = hamer::journal::default_path(&session);
        let mut follower = Follower::new(&journal);
        let plan = hamer::session::load_session(&session).unwrap().value;
        if name != "waiting" {
            let mut m = common::open(&session, clock.clone());
            setup(&mut m, &clock);
        }
        follower.poll();
        for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
            for (w, h) in [(40, 12), (80, 24), (200, 60)] {
                let screen = common::display_text(&follower, &plan, clock.now(), lang, w, h);
                insta::assert_snapshot!(format!("display_{name}_{tag}_{w}x{h}"), screen);
            }
        }
    }
}

#[test]
fn a_damaged_journal_is_said_on_screen() {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    drop(common::open(&session, clock.clone()));
    let journal = hamer::journal::default_path(&session);
    let mut text = std::fs::read_to_string(&journal).unwrap();
    text.push_str("dit is geen regel\n");
    std::fs::write(&journal, text).unwrap();
    let mut follower = Follower::new(&journal);
    follower.poll();
    let plan = hamer::session::load_session(&session).unwrap().value;
    let screen = common::display_text(&follower, &plan, clock.now(), Lang::Nl, 80, 24);
    assert!(screen.contains("beschadigd op regel 2"), "{screen}");
}

#[test]
fn every_size_renders() {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Start(
        Speaker::Public {
            salutation: None,
            name: "Jan".into(),
            organisation: None,
        },
        SpeechKind::PublicSpeaking,
    ))
    .unwrap();
    let mut follower = Follower::new(&hamer::journal::default_path(&session));
    follower.poll();
    let plan = hamer::session::load_session(&session).unwrap().value;
    for w in 1..=40 {
        for h in 1..=12 {
            let _ = common::display_text(&follower, &plan, clock.now(), Lang::Nl, w, h);
        }
    }
    let _ = Path::new("");
}

/// A follower of `journal` that expects the scratch session.
fn expecting(session: &Path, journal: &Path) -> Follower {
    Follower::new(journal).expecting(hamer::follow::Expected {
        name: session.file_name().unwrap().to_string_lossy().into_owned(),
        hash: hamer::journal::session_hash(&std::fs::read(session).unwrap()),
    })
}

/// A journal with this header line and one event that opens the session.
fn journal_with_header(path: &Path, format: u32, session: &str, hash: &str) {
    std::fs::write(
        path,
        format!(
            "(format:{format},app:\"hamer 9\",session:\"{session}\",session_hash:\"{hash}\",created:\"2023-03-08T19:30:00+01:00\")\n\
             (seq:1,at:\"2023-03-08T19:30:00+01:00\",event:SessionOpened)\n"
        ),
    )
    .unwrap();
}

#[test]
fn another_sessions_journal_is_refused_with_both_names() {
    let (dir, session) = common::scratch();
    let journal = dir.path().join("other.journal");
    journal_with_header(&journal, 1, "sessions/2024-01-10-other.ron", "sha256:00");
    let mut follower = expecting(&session, &journal);
    follower.poll();
    assert!(
        matches!(&follower.status, hamer::follow::Status::Foreign { journal } if journal == "sessions/2024-01-10-other.ron"),
        "{:?}",
        follower.status
    );
    assert!(follower.state.opened_at.is_none(), "nothing of it is read");
    let plan = hamer::session::load_session(&session).unwrap().value;
    let now = parse_ts("2023-03-08T19:31:00+01:00");
    for (lang, words) in [
        (Lang::Nl, "hoort bij een andere"),
        (Lang::En, "belongs to another"),
    ] {
        let screen = common::display_text(&follower, &plan, now, lang, 120, 24);
        let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(words), "{screen}");
        assert!(screen.contains("2024-01-10-other.ron"), "{screen}");
        assert!(screen.contains("2023-03-08-datagedreven"), "{screen}");
        assert!(
            !screen.contains("SESSION TIME") && !screen.contains("0:59"),
            "{screen}"
        );
    }
}

#[test]
fn a_changed_session_file_is_warned_on_screen() {
    let (dir, session) = common::scratch();
    let journal = dir.path().join("x.journal");
    let name = session.file_name().unwrap().to_string_lossy().into_owned();
    journal_with_header(&journal, 1, &name, "sha256:00");
    let mut follower = expecting(&session, &journal);
    follower.poll();
    assert_eq!(follower.status, hamer::follow::Status::Following);
    assert!(follower.session_changed);
    assert!(follower.state.opened_at.is_some(), "it is followed");
    let plan = hamer::session::load_session(&session).unwrap().value;
    let now = parse_ts("2023-03-08T19:31:00+01:00");
    let screen = common::display_text(&follower, &plan, now, Lang::En, 120, 24);
    let warning = Lang::En.fill("journal.session_changed", &[("session", &name)]);
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat(&screen).contains(&flat(&warning)), "{screen}");
    // The time is still shown.
    assert!(screen.contains("SESSION TIME"), "{screen}");
    // The same journal with the session's own hash: no warning.
    let hash = hamer::journal::session_hash(&std::fs::read(&session).unwrap());
    journal_with_header(&journal, 1, &name, &hash);
    let mut follower = expecting(&session, &journal);
    follower.poll();
    assert!(!follower.session_changed);
    let screen = common::display_text(&follower, &plan, now, Lang::En, 120, 24);
    assert!(!flat(&screen).contains("changed since"), "{screen}");
}

#[test]
fn a_newer_journal_format_is_refused_on_screen() {
    let (dir, session) = common::scratch();
    let journal = dir.path().join("x.journal");
    let name = session.file_name().unwrap().to_string_lossy().into_owned();
    let hash = hamer::journal::session_hash(&std::fs::read(&session).unwrap());
    journal_with_header(&journal, hamer::journal::FORMAT + 1, &name, &hash);
    let mut follower = expecting(&session, &journal);
    follower.poll();
    assert_eq!(
        follower.status,
        hamer::follow::Status::TooNew {
            format: hamer::journal::FORMAT + 1
        }
    );
    assert!(follower.state.opened_at.is_none(), "nothing of it is read");
    let plan = hamer::session::load_session(&session).unwrap().value;
    let now = parse_ts("2023-03-08T19:31:00+01:00");
    let screen = common::display_text(&follower, &plan, now, Lang::Nl, 120, 24);
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!("formaat {}", hamer::journal::FORMAT + 1)),
        "{screen}"
    );
    assert!(flat.contains("nieuwer dan deze hamer kent"), "{screen}");
}

/// Sander Janssen (VVD) speaks 40 s in the first round, then `faction`
/// (by `name`, or on behalf of the faction) interrupts for `secs`.
fn interrupted(
    m: &mut Meeting<FakeClock>,
    clock: &FakeClock,
    faction: &str,
    name: Option<&str>,
    secs: i64,
) {
    m.act(Action::GotoItem(3)).unwrap();
    m.act(Action::Start(
        Speaker::Faction {
            faction: "VVD".into(),
            name: Some("Sander Janssen".into()),
        },
        SpeechKind::Contribution,
    ))
    .unwrap();
    clock.advance_secs(40);
    m.act(Action::Interrupt(Speaker::Faction {
        faction: faction.into(),
        name: name.map(Into::into),
    }))
    .unwrap();
    clock.advance_secs(secs);
}
