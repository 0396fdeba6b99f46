//! Hostile input (issue 8): huge titles, ten thousand factions, and every
//! control character, through check, the engine, the screens and export.

use std::path::Path;

use hamer::clock::{Clock, FakeClock, parse_ts};
use hamer::i18n::Lang;
use hamer::meeting::{Action, Speaker, SpeechKind};
use hamer::tui::app::App;

mod common;

fn session_text(title: &str, factions: usize) -> String {
    let mut s = format!(
        "Session(\n  title: {},\n  date: \"2023-03-08\",\n  duration_min: 60,\n  goal: Oordeelsvormend,\n  public_speaking: Some(PublicSpeaking(limit_min: 5)),\n  factions: Some([\n",
        ron::to_string(title).unwrap()
    );
    for i in 0..factions {
        s.push_str(&format!(
            "    Faction(short: \"F{i}\", name: \"Fractie {i} \\u{{202e}}\\u{{1b}}[2J\", seats: 1, members: [\"Lid {i}\"]),\n"
        ));
    }
    s.push_str("  ]),\n  agenda: [Item(title: \"Ronde\", kind: Round, planned_min: 60, speaker_limit_min: Some(3))],\n)\n");
    s
}

#[test]
fn a_200_kb_title_and_ten_thousand_factions() {
    let dir = tempfile::tempdir().unwrap();
    let title = "Zeer lange titel \u{1b}]0;gekaapt\u{7} ".repeat(200_000 / 30);
    let path = dir.path().join("groot.ron");
    std::fs::write(&path, session_text(&title, 10_000)).unwrap();
    // check: valid, with warnings for the cleaned text, quickly enough.
    let started = std::time::Instant::now();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
        .args(["--lang", "en", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'));
    assert!(
        out.contains("10000 factions"),
        "{}",
        &out[..out.len().min(400)]
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));

    // The engine and the screens take it.
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&path, clock.clone());
    m.act(Action::GotoItem(0)).unwrap();
    for i in [0, 4_999, 9_999] {
        m.act(Action::Start(
            Speaker::Faction {
                faction: format!("F{i}"),
                name: Some(title[..1000].to_owned()),
            },
            SpeechKind::Contribution,
        ))
        .unwrap();
        clock.advance_secs(30);
    }
    let mut app = App::new(m, Lang::Nl, false, Vec::new());
    for (w, h) in [(80, 24), (120, 40), (250, 70)] {
        let screen = common::screen_text(&app, w, h, true);
        assert!(!screen.contains('\u{1b}'));
    }
    app.view = hamer::tui::clerk::View::Clerk;
    let _ = common::screen_text(&app, 120, 40, true);
    // The record too.
    let record = hamer::export::build(app.meeting.plan(), app.meeting.state(), clock.now());
    assert_eq!(record.factions.len(), 10_000);
    let md = hamer::export::verslag::render(&record, Lang::Nl);
    assert!(!md.contains('\u{1b}'));
    let _ = Path::new("");
}

#[test]
fn every_control_character_in_a_name_is_cleaned_everywhere() {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    let nasty: String = (0u32..0x20)
        .chain(0x7f..0xa0)
        .chain([0x202a, 0x202e, 0x2066, 0x2069])
        .filter_map(char::from_u32)
        .collect();
    let name = format!("Jan{nasty}Vries");
    m.act(Action::Start(
        Speaker::Public {
            salutation: None,
            name: name.clone(),
            organisation: Some(nasty.clone()),
        },
        SpeechKind::PublicSpeaking,
    ))
    .unwrap();
    m.act(Action::Note(format!("notitie{nasty}"))).unwrap();
    let app = App::new(m, Lang::Nl, false, Vec::new());
    let screen = common::screen_text(&app, 120, 40, true);
    assert!(
        screen.contains("Jan") && screen.contains("Vries"),
        "{screen}"
    );
    for c in nasty.chars().filter(|c| *c != '\n') {
        assert!(!screen.contains(c), "{:?} reached the screen", c);
    }
    let record = hamer::export::build(app.meeting.plan(), app.meeting.state(), clock.now());
    let json = hamer::export::json::render(&record);
    assert!(!json.contains("\\u001b"));
}
