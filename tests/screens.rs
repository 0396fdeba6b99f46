//! Snapshots of whole screens (TestBackend + insta) at 80x24 and 120x40, in
//! Dutch and English, with a fixed clock; and every tiny size without panic.

use std::path::{Path, PathBuf};

use hamer::clock::{FakeClock, parse_ts};
use hamer::i18n::Lang;
use hamer::meeting::{Action, Advice, MotionKind, Present, Speaker, SpeechKind, Stance};
use hamer::tui::app::{App, Overlay};
use hamer::tui::clerk::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;
use common::SEED;

/// A scratch copy of the samples under target/, at a relative path so the
/// journal path on screen is the same on every machine.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new("target").join("screens").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    common::copy_seed(&dir);
    dir
}

fn app_for(session: &Path, lang: Lang, clock: &FakeClock) -> App<FakeClock> {
    App::new(
        common::open(session, clock.clone()),
        lang,
        false,
        Vec::new(),
    )
}

/// The scripted states of a session, each a function that brings a fresh
/// app (at 19:30 on the seed session) to that state.
type Setup = fn(&mut App<FakeClock>, &FakeClock);

fn states() -> Vec<(&'static str, Setup)> {
    vec![
        ("before_opening", |app, _| {
            let _ = app.meeting.act(Action::Queue(Speaker::Public {
                salutation: None,
                name: "Jan de Vries".into(),
                organisation: Some("Wijkraad Hengelo-Noord".into()),
            }));
        }),
        ("running_inspreker", |app, clock| {
            let m = &mut app.meeting;
            m.act(Action::GotoItem(2)).unwrap();
            m.act(Action::Queue(Speaker::Public {
                salutation: None,
                name: "Jan de Vries".into(),
                organisation: Some("Wijkraad Hengelo-Noord".into()),
            }))
            .unwrap();
            m.act(Action::Queue(Speaker::Faction {
                faction: "SP".into(),
                name: None,
            }))
            .unwrap();
            clock.advance_secs(5);
            m.act(Action::StartNext).unwrap();
            clock.advance_secs(83);
        }),
        ("warning", |app, clock| {
            let m = &mut app.meeting;
            m.act(Action::GotoItem(3)).unwrap();
            m.act(Action::Start(
                Speaker::Faction {
                    faction: "VVD".into(),
                    name: Some("Sander Janssen".into()),
                },
                SpeechKind::Contribution,
            ))
            .unwrap();
            clock.advance_secs(155);
        }),
        ("overtime", |app, clock| {
            let m = &mut app.meeting;
            m.act(Action::GotoItem(3)).unwrap();
            m.act(Action::Start(
                Speaker::Faction {
                    faction: "CDA".into(),
                    name: None,
                },
                SpeechKind::Contribution,
            ))
            .unwrap();
            clock.advance_secs(192);
        }),
        ("interruption", |app, clock| {
            let m = &mut app.meeting;
            m.act(Action::GotoItem(3)).unwrap();
            m.act(Action::Start(
                Speaker::Faction {
                    faction: "VVD".into(),
                    name: Some("Sander Janssen".into()),
                },
                SpeechKind::Contribution,
            ))
            .unwrap();
            clock.advance_secs(70);
            m.act(Action::Interrupt(Speaker::Faction {
                faction: "SP".into(),
                name: None,
            }))
            .unwrap();
            clock.advance_secs(21);
        }),
        ("recess", |app, clock| {
            let m = &mut app.meeting;
            m.act(Action::GotoItem(4)).unwrap();
            m.act(Action::Start(
                Speaker::College {
                    name: "Freriksen".into(),
                    role: "wethouder".into(),
                },
                SpeechKind::Answer,
            ))
            .unwrap();
            clock.advance_secs(300);
            m.act(Action::ToggleRecess).unwrap();
            clock.advance_secs(125);
        }),
        // Chair screen v2: the session opened with `o`, an inspreker at
        // NOG 30 SEC of 5 minutes, a queue behind.
        ("inspreker_final", |app, clock| {
            open_to(app, clock, 2);
            let m = &mut app.meeting;
            for s in [
                Speaker::Public {
                    salutation: None,
                    name: "Jan de Vries".into(),
                    organisation: Some("Wijkraad Hengelo-Noord".into()),
                },
                Speaker::Faction {
                    faction: "SP".into(),
                    name: None,
                },
                Speaker::College {
                    name: "Freriksen".into(),
                    role: "wethouder".into(),
                },
            ] {
                m.act(Action::Queue(s)).unwrap();
            }
            m.act(Action::StartNext).unwrap();
            clock.advance_secs(4 * 60 + 35);
        }),
        ("interruption_named", |app, clock| {
            open_to(app, clock, 3);
            let m = &mut app.meeting;
            m.act(Action::Start(
                Speaker::Faction {
                    faction: "VVD".into(),
                    name: Some("Sander Janssen".into()),
                },
                SpeechKind::Contribution,
            ))
            .unwrap();
            clock.advance_secs(70);
            m.act(Action::Interrupt(Speaker::Faction {
                faction: "BBH".into(),
                name: Some("Marieke Wolters".into()),
            }))
            .unwrap();
            clock.advance_secs(33);
        }),
        ("recess_until", |app, clock| {
            open_to(app, clock, 3);
            let m = &mut app.meeting;
            clock.advance_secs(10 * 60);
            m.act(Action::Recess(Some(5))).unwrap();
            clock.advance_secs(108);
        }),
        ("overrun_behind", |app, clock| {
            open_to(app, clock, 1);
            let m = &mut app.meeting;
            clock.advance_secs(14 * 60 + 20);
            m.act(Action::Queue(Speaker::Faction {
                faction: "PvdA".into(),
                name: None,
            }))
            .unwrap();
            m.act(Action::Start(
                Speaker::Presenter {
                    function: None,
                    name: "Rekenkamer".into(),
                    organisation: None,
                },
                SpeechKind::Presentation,
            ))
            .unwrap();
            clock.advance_secs(40);
        }),
        ("closed", |app, clock| {
            open_to(app, clock, 6);
            clock.advance_secs(2 * 60 + 40);
            app.meeting.act(Action::Close).unwrap();
            clock.advance_secs(60);
        }),
        ("help", |app, _| {
            app.overlay = Some(Overlay::Help { scroll: 0 });
        }),
        ("clerk", |app, clock| {
            clerk_session(app, clock);
        }),
        ("clerk_form", |app, clock| {
            clerk_session(app, clock);
            let t = |app: &mut App<FakeClock>, code| {
                app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            };
            t(app, KeyCode::Char('t'));
            for c in "Rapportage over de aanbevelingen".chars() {
                t(app, KeyCode::Char(c));
            }
            t(app, KeyCode::Tab);
        }),
        // The help scrolled to its end: at 80x24 its last rows (Esc, q)
        // are reachable.
        ("help_end", |app, _| {
            app.handle_key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
            app.handle_key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        }),
        // The presence list with its last row chosen: the list scrolls to
        // keep it in view and the hint stays under it.
        ("presence_end", |app, clock| {
            clerk_session(app, clock);
            app.handle_key(KeyEvent::new(KeyCode::Char('P'), KeyModifiers::NONE));
            app.handle_key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        }),
        // A long toezegging: the form grows, and the next fields and the
        // hint stay visible.
        ("clerk_long_form", |app, clock| {
            clerk_session(app, clock);
            let t = |app: &mut App<FakeClock>, code| {
                app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            };
            t(app, KeyCode::Char('t'));
            let what = "De wethouder zegt toe de raad voor de begrotingsbehandeling \
                schriftelijk te informeren over de uitkomsten van het onderzoek \
                naar datagedreven sturing, inclusief de gevolgen voor privacy, \
                de kosten van het algoritmeregister en de planning van de \
                dialoog met inwoners, maatschappelijke partners en de raad";
            for c in what.chars() {
                t(app, KeyCode::Char(c));
            }
        }),
        ("clerk_help", |app, _| {
            app.view = View::Clerk;
            app.overlay = Some(Overlay::Help { scroll: 0 });
        }),
    ]
}

/// Open the seed session and take items 0..`item` at their planned
/// minutes, then make `item` current: a session on schedule.
fn open_to(app: &mut App<FakeClock>, clock: &FakeClock, item: usize) {
    let m = &mut app.meeting;
    m.act(Action::Open).unwrap();
    let planned = [2, 10, 10, 20, 10, 5, 3];
    for (i, min) in planned.iter().enumerate().take(item) {
        clock.advance_secs(min * 60);
        m.act(Action::GotoItem(i + 1)).unwrap();
    }
}

/// A session with outcomes recorded, in the clerk's view.
fn clerk_session(app: &mut App<FakeClock>, clock: &FakeClock) {
    let m = &mut app.meeting;
    m.act(Action::GotoItem(4)).unwrap();
    m.act(Action::Start(
        Speaker::College {
            name: "Freriksen".into(),
            role: "wethouder".into(),
        },
        SpeechKind::Answer,
    ))
    .unwrap();
    clock.advance_secs(200);
    m.act(Action::SetAdvice(
        Some(Advice::Bespreekstuk),
        vec!["SP".into(), "PVV".into()],
    ))
    .unwrap();
    for (f, st, note) in [
        ("VVD", Stance::Supports, ""),
        ("SP", Stance::SupportsWithReservation, "privacy"),
        ("PVV", Stance::Against, "te duur"),
    ] {
        m.act(Action::SetPosition {
            faction: f.into(),
            stance: Some(st),
            note: note.into(),
        })
        .unwrap();
    }
    m.act(Action::AddCommitment {
        by: "Freriksen".into(),
        what: "Dialoog over kaders in een politieke markt".into(),
        due: "najaar 2023".into(),
    })
    .unwrap();
    m.act(Action::AnnounceMotion {
        factions: vec!["SP".into(), "GL".into()],
        kind: MotionKind::Motion,
        title: "Algoritmeregister".into(),
    })
    .unwrap();
    m.act(Action::Note(
        "Wethouder zegt rapportage binnen zes maanden toe".into(),
    ))
    .unwrap();
    m.act(Action::SetPresence(Present::Faction("CDA".into()), true))
        .unwrap();
    app.view = View::Clerk;
    app.clerk_row = 2;
}

#[test]
fn screens() {
    for (name, setup) in states() {
        for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
            let dir = scratch(&format!("{name}-{tag}"));
            let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
            let mut app = app_for(&dir.join(SEED), lang, &clock);
            setup(&mut app, &clock);
            for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                let screen = common::screen_text(&app, w, h, true);
                insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), screen);
            }
        }
    }
}

#[test]
fn cjk_and_emoji_names() {
    let dir = scratch("cjk");
    let session = dir.join("cjk.ron");
    std::fs::write(
        &session,
        r#"Session(
    title: "国际交流 · Internationale samenwerking 🌍",
    date: "2023-03-08",
    duration_min: 45,
    room: "Zaal 张",
    goal: Beeldvormend,
    factions: Some([
        Faction(short: "🎉", name: "Feestpartij 🎉", seats: 3),
        Faction(short: "中", name: "中文党", seats: 2, members: ["王小明"]),
        Faction(short: "VVD", name: "VVD", seats: 5),
    ]),
    agenda: [
        Item(title: "Opening 开幕", kind: Opening, planned_min: 5),
        Item(title: "Vragenronde ❓", kind: Round, planned_min: 40, speaker_limit_min: Some(2)),
    ],
)
"#,
    )
    .unwrap();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut app = app_for(&session, Lang::Nl, &clock);
    let m = &mut app.meeting;
    m.act(Action::GotoItem(1)).unwrap();
    m.act(Action::Queue(Speaker::Faction {
        faction: "🎉".into(),
        name: None,
    }))
    .unwrap();
    m.act(Action::Start(
        Speaker::Faction {
            faction: "中".into(),
            name: Some("王小明".into()),
        },
        SpeechKind::Contribution,
    ))
    .unwrap();
    clock.advance_secs(61);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("cjk_{w}x{h}"),
            common::screen_text(&app, w, h, true)
        );
    }
}

#[test]
fn every_tiny_size_renders() {
    let dir = scratch("tiny");
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut app = app_for(&dir.join(SEED), Lang::Nl, &clock);
    app.meeting
        .act(Action::Start(
            Speaker::Public {
                salutation: None,
                name: "Jan".into(),
                organisation: None,
            },
            SpeechKind::PublicSpeaking,
        ))
        .unwrap();
    for w in 1..=30 {
        for h in 1..=10 {
            let _ = common::screen_text(&app, w, h, true);
        }
    }
    // Just below the minimum: the message, not a broken layout.
    let small = common::screen_text(&app, 79, 24, false);
    assert!(small.contains("Terminal te klein: 79x24"), "{small}");
    assert!(
        small.contains("5:00"),
        "the speaker's time stays visible:\n{small}"
    );
    // Every size between the minimum and large ones lays out too.
    for (w, h) in [(80, 24), (100, 30), (119, 39), (160, 50), (250, 70)] {
        let _ = common::screen_text(&app, w, h, true);
    }
}

#[test]
fn no_color_keeps_words() {
    let dir = scratch("nocolor");
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut app = app_for(&dir.join(SEED), Lang::Nl, &clock);
    app.meeting.act(Action::GotoItem(3)).unwrap();
    app.meeting
        .act(Action::Start(
            Speaker::Faction {
                faction: "SP".into(),
                name: None,
            },
            SpeechKind::Contribution,
        ))
        .unwrap();
    clock.advance_secs(200);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    common::draw_screen(&mut t, &app, app.now(), false).unwrap();
    let buf = t.backend().buffer().clone();
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    assert!(t.backend().to_string().contains("TIJD OM +0:20"));
}

#[test]
fn a_faction_budget_shows_on_the_speakers_clock() {
    let dir = scratch("budget");
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/2023-05-10-omgevingsvisie-beeldvormend.ron");
    let session = dir.join("omgevingsvisie.ron");
    std::fs::copy(src, &session).unwrap();
    let clock = FakeClock::new(parse_ts("2023-05-10T20:30:00+02:00"));
    let mut app = app_for(&session, Lang::Nl, &clock);
    app.meeting.act(Action::GotoItem(2)).unwrap();
    app.meeting
        .act(Action::Start(
            Speaker::Faction {
                faction: "CU".into(),
                name: None,
            },
            SpeechKind::Contribution,
        ))
        .unwrap();
    clock.advance_secs(52);
    // 30 minutes by seats: CU has 1 of 37 seats, 48 s; 4 s over.
    let screen = common::screen_text(&app, 120, 40, false);
    assert!(screen.contains("budget CU nog -0:04"), "{screen}");
}

/// At 80x24 every row of the `?` help, the chair's and the clerk's, can
/// be scrolled into view.
#[test]
fn every_help_row_is_reachable_at_80x24() {
    for view in [View::Chair, View::Clerk] {
        for lang in [Lang::Nl, Lang::En] {
            let dir = scratch(&format!("help-rows-{view:?}-{lang:?}"));
            let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
            let mut app = app_for(&dir.join(SEED), lang, &clock);
            app.view = view;
            app.handle_key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
            let mut seen = String::new();
            for _ in 0..40 {
                seen.push_str(&common::screen_text(&app, 80, 24, true));
                app.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
            }
            assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
            for row in app.keymap().help_rows(lang) {
                // The start of the text, as far as it fits on one row.
                let text: String = lang.text(row.text).chars().take(40).collect();
                assert!(
                    seen.contains(&text),
                    "{view:?} {lang:?}: {text:?} never shown"
                );
            }
        }
    }
}

/// A long toezegging: the form grows with it, and at 80x24 the next
/// fields and the hint stay in view.
#[test]
fn a_long_toezegging_keeps_every_field_and_the_hint() {
    let dir = scratch("long-toezegging");
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut app = app_for(&dir.join(SEED), Lang::Nl, &clock);
    app.view = View::Clerk;
    app.handle_key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE));
    for c in "een heel lange toezegging ".repeat(20).chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let screen = common::screen_text(&app, 80, 24, true);
    for key in [
        "clerk.field.what",
        "clerk.field.by",
        "clerk.field.due",
        "clerk.form_hint",
    ] {
        let text: String = Lang::Nl.text(key).chars().take(30).collect();
        assert!(screen.contains(&text), "{key} hidden:\n{screen}");
    }
}

/// Rows of `screen` (the TestBackend's text, quoted per row).
fn rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|l| l.trim_matches('"').to_owned())
        .collect()
}

/// The longest run of rows blank from `from` to `to` columns.
fn longest_blank(rows: &[String], from: usize, to: usize) -> usize {
    let mut run = 0;
    let mut most = 0;
    for r in rows {
        let part: String = r.chars().skip(from).take(to - from).collect();
        if part.trim().is_empty() {
            run += 1;
            most = most.max(run);
        } else {
            run = 0;
        }
    }
    most
}

/// The rows holding block digits.
fn digit_rows(rows: &[String]) -> usize {
    rows.iter()
        .filter(|r| r.contains('█') || r.contains('▀') || r.contains('▄'))
        .count()
}

/// The whole terminal is used: with the seed session running and a queue,
/// no block of empty rows taller than a third of the screen (across it,
/// and down each third of its width), and the speaker's digits at 200x60
/// at least twice as tall as at 120x40.
#[test]
fn the_whole_terminal_is_used() {
    let dir = scratch("space");
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut app = app_for(&dir.join(SEED), Lang::Nl, &clock);
    let m = &mut app.meeting;
    m.act(Action::Open).unwrap();
    m.act(Action::GotoItem(3)).unwrap();
    for f in ["VVD", "SP", "CDA"] {
        m.act(Action::Queue(Speaker::Faction {
            faction: f.into(),
            name: None,
        }))
        .unwrap();
    }
    m.act(Action::StartNext).unwrap();
    clock.advance_secs(75);
    let mut heights = Vec::new();
    for (w, h) in [(120usize, 40usize), (200, 60)] {
        let screen = common::screen_text(&app, w as u16, h as u16, true);
        let rows = rows(&screen);
        let third = h / 3;
        assert!(
            longest_blank(&rows, 0, w) <= third,
            "{w}x{h}: empty rows\n{screen}"
        );
        // And down each third of the screen.
        for c in 0..3 {
            let blank = longest_blank(&rows, c * w / 3, (c + 1) * w / 3);
            assert!(
                blank <= third,
                "{w}x{h}: third {c} has {blank} empty rows\n{screen}"
            );
        }
        heights.push(digit_rows(&rows));
    }
    // 8x8 glyphs whose last pixel row is blank: 7 rows drawn of 8.
    assert!(heights[0] >= 7, "{heights:?}");
    assert!(
        heights[1] >= 2 * heights[0],
        "digits do not grow: {heights:?}"
    );
}

/// On a machine in UTC (the clock and the journal at `+00:00`), the
/// screen shows the council's wall clock (Europe/Amsterdam): five minutes
/// after a 19:30 opening the header says 19:35, the slot counts to 20:30,
/// a recess of five minutes resumes at 19:40 and the close says 19:40, not
/// an hour earlier.
#[test]
fn a_machine_in_utc_shows_the_councils_wall_clock() {
    let dir = scratch("utc");
    let clock = FakeClock::new(parse_ts("2023-03-08T18:30:00+00:00"));
    let mut app = app_for(&dir.join(SEED), Lang::Nl, &clock);
    app.meeting.act(Action::Open).unwrap();
    clock.advance_secs(5 * 60);
    app.meeting.act(Action::Note("notitie".into())).unwrap();
    app.meeting.act(Action::Recess(Some(5))).unwrap();
    let screen = common::screen_text(&app, 120, 40, false);
    assert!(screen.contains("19:35"), "the header clock: {screen}");
    assert!(screen.contains("hervat om 19:40"), "{screen}");
    // The slot 19:30-20:30 Amsterdam: 55 minutes left, not 60 from the
    // opening (as for a slot hours away).
    assert!(screen.contains("55 min"), "{screen}");
    assert!(!screen.contains("18:3"), "a time in UTC: {screen}");
    // The expected starts of the items to come: the next one at 19:35.
    assert!(screen.contains("19:35 10 min"), "{screen}");
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    let clerk = common::screen_text(&app, 120, 40, false);
    assert!(clerk.contains("19:35 notitie"), "the note's time: {clerk}");
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    clock.advance_secs(5 * 60);
    app.meeting.act(Action::ToggleRecess).unwrap();
    app.meeting.act(Action::Close).unwrap();
    let screen = common::screen_text(&app, 120, 40, false);
    assert!(screen.contains("19:40"), "{screen}");
    assert!(!screen.contains("18:4"), "a time in UTC: {screen}");
}
