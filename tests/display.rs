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
