//! The keys of the chair's screen, with a fake clock and plain key events.

use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{App, Control, Message, Overlay};
use crate::clock::FakeClock;
use crate::i18n::Lang;
use crate::meeting::{Meeting, OpenOptions, Speaker};
use crate::session::load_session;

const SEED: &str = "2023-03-08-datagedreven-sturing.ron";

struct T {
    _dir: tempfile::TempDir,
    clock: FakeClock,
    app: App<FakeClock>,
}

fn new() -> T {
    new_with(|_| {})
}

/// A chair's screen on the seed session, changed by `change` first.
fn new_with(change: impl FnOnce(&mut crate::session::SessionPlan)) -> T {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for f in [SEED, "hengelo-2022-2026.ron"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let session = dir.path().join(SEED);
    let mut plan = load_session(&session).unwrap().value;
    plan.session.public_speakers = vec![crate::session::PublicSpeaker {
        salutation: None,
        name: "Els Jansen".into(),
        organisation: Some("Stichting Open Data".into()),
    }];
    change(&mut plan);
    let bytes = std::fs::read(&session).unwrap();
    let clock = FakeClock::at_seed();
    let options = OpenOptions {
        journal: None,
        fresh: false,
        data_dir: None,
    };
    let (m, _) = Meeting::open(plan, &bytes, clock.clone(), &options).unwrap();
    T {
        _dir: dir,
        clock,
        app: App::new(m, Lang::Nl, true, Vec::new()),
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

impl T {
    fn press(&mut self, code: KeyCode) -> Control {
        self.app.handle_key(key(code))
    }
    fn chars(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }
    fn queue(&self) -> Vec<Speaker> {
        self.app
            .meeting
            .state()
            .queue
            .iter()
            .map(|q| q.speaker.clone())
            .collect()
    }
}

fn vvd(name: Option<&str>) -> Speaker {
    Speaker::Faction {
        faction: "VVD".into(),
        name: name.map(str::to_owned),
    }
}

#[test]
fn add_a_faction_speaker_by_typing_and_naming() {
    let mut t = new();
    t.press(KeyCode::Char('f'));
    t.chars("vv");
    t.press(KeyCode::Enter);
    assert!(matches!(t.app.overlay, Some(Overlay::Name { .. })));
    t.chars("Sander Janssen");
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none());
    assert_eq!(t.queue(), vec![vvd(Some("Sander Janssen"))]);
    // Without a name.
    t.press(KeyCode::Char('f'));
    t.chars("burger");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert_eq!(
        t.queue()[1],
        Speaker::Faction {
            faction: "BBH".into(),
            name: None
        }
    );
}

#[test]
fn add_insprekers_registered_and_new() {
    let mut t = new();
    t.press(KeyCode::Char('p'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('p'));
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    t.chars("de Vries");
    t.press(KeyCode::Tab);
    t.chars("Wijkraad");
    t.press(KeyCode::Tab);
    t.chars("dhr.");
    t.press(KeyCode::Enter);
    assert_eq!(
        t.queue(),
        vec![
            Speaker::Public {
                salutation: None,
                name: "Els Jansen".into(),
                organisation: Some("Stichting Open Data".into())
            },
            Speaker::Public {
                salutation: Some("dhr.".into()),
                name: "de Vries".into(),
                organisation: Some("Wijkraad".into())
            },
        ]
    );
}

#[test]
fn add_the_portfolio_holder_first() {
    let mut t = new();
    t.press(KeyCode::Char('w'));
    t.press(KeyCode::Enter);
    assert_eq!(
        t.queue(),
        vec![Speaker::College {
            name: "Freriksen".into(),
            role: "wethouder".into()
        }]
    );
}

#[test]
fn the_chair_runs_a_speech_with_keys() {
    let mut t = new();
    t.press(KeyCode::Char('o'));
    assert!(t.app.meeting.state().is_open());
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char('['));
    // `o` made the first item current.
    assert_eq!(t.app.meeting.state().current_item, Some(2));
    t.press(KeyCode::Char('p'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter); // start
    let s = t.app.meeting.state().speech.clone().unwrap();
    assert_eq!(s.limit_ms, Some(300_000));
    t.clock.advance_secs(10);
    t.press(KeyCode::Char(' '));
    assert!(t.app.meeting.state().speech.as_ref().unwrap().paused);
    t.press(KeyCode::Char(' '));
    t.press(KeyCode::Char('+'));
    t.press(KeyCode::Char('+'));
    t.press(KeyCode::Char('-'));
    assert_eq!(
        t.app.meeting.state().speech.as_ref().unwrap().adjust_ms,
        30_000
    );
    t.press(KeyCode::Char('i'));
    t.chars("sp");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter); // namens de fractie
    assert!(t.app.meeting.state().interruption.is_some());
    t.press(KeyCode::Char('x'));
    assert!(t.app.meeting.state().interruption.is_none());
    assert!(t.app.meeting.state().speech.is_some());
    t.press(KeyCode::Char('x'));
    assert!(t.app.meeting.state().speech.is_none());
    t.press(KeyCode::Char('s'));
    t.press(KeyCode::Enter); // no set length
    assert!(t.app.meeting.state().in_recess());
    t.press(KeyCode::Char('s'));
    assert!(!t.app.meeting.state().in_recess());
}

#[test]
fn queue_selection_move_and_remove() {
    let mut t = new();
    for name in ["A", "B", "C"] {
        t.press(KeyCode::Char('f'));
        t.chars("vvd");
        t.press(KeyCode::Enter);
        t.chars(name);
        t.press(KeyCode::Enter);
    }
    t.press(KeyCode::Down);
    t.press(KeyCode::Down);
    t.press(KeyCode::Char('K'));
    assert_eq!(t.app.selected, 1);
    assert_eq!(t.queue()[1], vvd(Some("C")));
    t.press(KeyCode::Char('J'));
    assert_eq!(t.queue()[2], vvd(Some("C")));
    t.press(KeyCode::Up);
    t.press(KeyCode::Delete);
    assert_eq!(t.queue(), vec![vvd(Some("A")), vvd(Some("C"))]);
}

#[test]
fn undo_says_what_it_undid() {
    let mut t = new();
    t.press(KeyCode::Char('o'));
    t.press(KeyCode::Char('u'));
    let Some(Message::Info { text, .. }) = &t.app.message else {
        panic!("{:?}", t.app.message)
    };
    assert_eq!(text, "Ongedaan gemaakt: sessie geopend");
    assert!(!t.app.meeting.state().is_open());
}

#[test]
fn refusals_are_said_in_words() {
    let mut t = new();
    t.press(KeyCode::Enter);
    let Some(Message::Info { text, .. }) = &t.app.message else {
        panic!()
    };
    assert!(text.contains("sprekerslijst is leeg"), "{text}");
    t.press(KeyCode::Char('i'));
    assert!(t.app.overlay.is_none());
}

#[test]
fn quitting_asks_while_someone_speaks() {
    let mut t = new();
    assert_eq!(t.press(KeyCode::Char('q')), Control::Quit);
    t.press(KeyCode::Char('w'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert_eq!(t.press(KeyCode::Char('q')), Control::Continue);
    assert!(matches!(t.app.overlay, Some(Overlay::ConfirmQuit)));
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
    t.press(KeyCode::Char('q'));
    assert_eq!(t.press(KeyCode::Char('j')), Control::Quit);
    // Ctrl-C is the same as q.
    let mut t2 = new();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(t2.app.handle_key(ctrl_c), Control::Quit);
}

#[test]
fn only_key_presses_count() {
    let mut t = new();
    let mut release = key(KeyCode::Char('o'));
    release.kind = KeyEventKind::Release;
    t.app.handle_key(release);
    assert!(!t.app.meeting.state().is_open());
}

#[test]
fn help_overlay_opens_and_closes() {
    let mut t = new();
    t.press(KeyCode::Char('?'));
    assert!(matches!(t.app.overlay, Some(Overlay::Help { .. })));
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
}

/// Fixed join links, in another order than the window shows them.
fn fake_links() -> Vec<(crate::meeting::remote::Access, String)> {
    use crate::meeting::remote::Access;
    let base = "http://192.168.1.20:8080";
    vec![
        (Access::Display, format!("{base}/display?t=d1")),
        (Access::Chair, format!("{base}/?t=c1")),
        (Access::Clerk, format!("{base}/?t=g1")),
    ]
}

fn chosen(t: &T) -> Option<(crate::meeting::remote::Access, usize)> {
    match &t.app.overlay {
        Some(Overlay::Links { links, selected }) => Some((links[*selected].0, *selected)),
        _ => None,
    }
}

#[test]
fn s_shows_the_links_with_the_display_chosen_and_switches_and_closes() {
    use crate::meeting::remote::Access;
    for view in [View::Chair, View::Clerk] {
        let mut t = new();
        t.app.view = view;
        t.app.links = fake_links();
        t.press(KeyCode::Char('S'));
        // Chair, clerk, display; the display's link first chosen.
        let Some(Overlay::Links { links, .. }) = &t.app.overlay else {
            panic!("{view:?}: no links window");
        };
        let order: Vec<Access> = links.iter().map(|l| l.0).collect();
        assert_eq!(order, [Access::Chair, Access::Clerk, Access::Display]);
        assert_eq!(chosen(&t), Some((Access::Display, 2)));
        t.press(KeyCode::Right);
        assert_eq!(chosen(&t), Some((Access::Chair, 0)));
        t.press(KeyCode::Tab);
        assert_eq!(chosen(&t), Some((Access::Clerk, 1)));
        t.press(KeyCode::Left);
        assert_eq!(chosen(&t), Some((Access::Chair, 0)));
        t.press(KeyCode::BackTab);
        assert_eq!(chosen(&t), Some((Access::Display, 2)));
        t.press(KeyCode::Char('2'));
        assert_eq!(chosen(&t), Some((Access::Clerk, 1)));
        t.press(KeyCode::Char('9'));
        assert_eq!(chosen(&t), Some((Access::Clerk, 1)));
        // Tab chooses a link here; the view stays.
        assert_eq!(t.app.view, view);
        for close in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('S')] {
            assert!(chosen(&t).is_some());
            assert_eq!(t.press(close), Control::Continue);
            assert!(t.app.overlay.is_none(), "{close:?} closes");
            // Opened again, the display's link is chosen again.
            t.press(KeyCode::Char('S'));
            assert_eq!(chosen(&t), Some((Access::Display, 2)));
        }
        // Nothing was written to the journal.
        assert_eq!(
            t.app.meeting.state().last_seq,
            new().app.meeting.state().last_seq
        );
    }
}

#[test]
fn s_without_links_says_how_to_serve_the_session() {
    for lang in Lang::ALL {
        for view in [View::Chair, View::Clerk] {
            let mut t = new();
            t.app.lang = lang;
            t.app.view = view;
            t.press(KeyCode::Char('S'));
            assert!(t.app.overlay.is_none());
            let Some(Message::Info { text, .. }) = &t.app.message else {
                panic!("{lang:?} {view:?}: no message");
            };
            assert!(
                text.contains("hamer run") && text.contains("--serve"),
                "{text}"
            );
        }
    }
}

#[test]
fn the_footer_names_s_only_when_the_session_is_served() {
    for view in [View::Chair, View::Clerk] {
        let mut t = new();
        t.app.view = view;
        let footer = |t: &T| {
            t.app.keymap().footer_for(
                Lang::Nl,
                |c| crate::tui::avail::app_footer_priority(&t.app, c),
                usize::MAX,
            )
        };
        assert!(!footer(&t).contains("S links"), "{}", footer(&t));
        t.app.links = fake_links();
        assert!(footer(&t).contains("S links"), "{}", footer(&t));
    }
}

#[test]
fn the_bell_rings_once_per_speech() {
    let mut t = new();
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char('f'));
    t.chars("sp");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    let now = t.app.now();
    assert!(!t.app.bell_due(now));
    t.clock.advance_secs(180);
    let now = t.app.now();
    assert!(t.app.bell_due(now));
    t.clock.advance_secs(1);
    let now = t.app.now();
    assert!(!t.app.bell_due(now), "once");
    t.app.bell = false;
}

/// What a key can change: the journal, a window, a selection, the
/// message, the view, or the end of the program.
fn fingerprint(t: &T, control: Control) -> impl PartialEq + std::fmt::Debug + use<> {
    (
        t.app.meeting.state().last_seq,
        t.app.overlay.is_some(),
        t.app.selected,
        (t.app.clerk_section, t.app.clerk_row),
        matches!(t.app.message, Some(Message::Error(_))),
        t.app.view,
        control,
    )
}

/// The key event a terminal sends for a key of the table (capitals and
/// Shift-Tab come with Shift).
fn event_of(k: super::keymap::Key) -> KeyEvent {
    let shifted = match k.code {
        KeyCode::Char(c) => c.is_uppercase(),
        KeyCode::BackTab => true,
        _ => false,
    };
    let mods = if shifted {
        k.mods | KeyModifiers::SHIFT
    } else {
        k.mods
    };
    KeyEvent::new(k.code, mods)
}

/// A running speech with two queued speakers, so every key has work.
fn busy_chair() -> T {
    let mut t = new();
    t.press(KeyCode::Char('w'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('p'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('f'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Down);
    t
}

/// The clerk's view on the middle of three notes.
fn busy_clerk() -> T {
    let mut t = new();
    for note in ["een", "twee", "drie"] {
        t.press(KeyCode::Char('N'));
        t.chars(note);
        t.press(KeyCode::Enter);
    }
    t.press(KeyCode::Tab);
    t.press(KeyCode::Left);
    t.press(KeyCode::Down);
    assert_eq!((t.app.clerk_section, t.app.clerk_row), (Section::Notes, 1));
    t
}

#[test]
fn every_key_of_every_binding_runs_its_command() {
    use super::keymap::{CHAIR, CLERK, Command};
    for (view, table) in [(View::Chair, &CHAIR), (View::Clerk, &CLERK)] {
        for b in table.bindings {
            for k in b.all_keys() {
                let ev = event_of(k);
                let mut t = match view {
                    View::Chair => busy_chair(),
                    View::Clerk => busy_clerk(),
                };
                match b.command {
                    // Down needs a row below the selection.
                    Command::SelectDown | Command::MoveDown => t.press(KeyCode::Up),
                    // Positions are set in the positions list.
                    Command::Position(_) => t.press(KeyCode::Right),
                    _ => Control::Continue,
                };
                assert_eq!(t.app.keymap().lookup(ev), Some(b.command), "{view:?} {k:?}");
                t.app.message = Some(Message::Error("x".into()));
                let before = fingerprint(&t, Control::Continue);
                let control = t.app.handle_key(ev);
                assert_ne!(
                    fingerprint(&t, control),
                    before,
                    "{view:?}: {k:?} ({:?}) did nothing",
                    b.command
                );
            }
        }
    }
}

/// The whole screen as text, one string per row.
fn screen_rows(t: &T, width: u16, height: u16) -> Vec<String> {
    use ratatui::widgets::Widget;
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    let screen = super::view::Screen {
        app: &t.app,
        now: t.app.now(),
        theme: super::view::Theme { color: false },
    };
    screen.render(area, &mut buf);
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn the_help_window_lists_every_binding_and_the_footer_comes_from_the_table() {
    for view in [View::Chair, View::Clerk] {
        for lang in Lang::ALL {
            let mut t = new();
            t.app.lang = lang;
            t.app.view = view;
            let rows = screen_rows(&t, 200, 60);
            let footer = t.app.keymap().footer_for(
                lang,
                |c| crate::tui::avail::app_footer_priority(&t.app, c),
                usize::MAX,
            );
            assert!(
                rows.iter().any(|r| r.contains(&footer)),
                "{view:?} {lang:?}: footer {footer:?} not on screen"
            );
            t.press(KeyCode::Char('?'));
            let rows = screen_rows(&t, 200, 60);
            for help in t.app.keymap().help_rows(lang) {
                // The start of the text: the window may cut a long one.
                let text: String = lang.text(help.text).chars().take(30).collect();
                let line = format!("{:>12}  {text}", help.keys);
                assert!(
                    rows.iter().any(|r| r.contains(&line)),
                    "{view:?} {lang:?}: help row {line:?} not on screen:\n{}",
                    rows.join("\n")
                );
            }
        }
    }
}

#[test]
fn presenters_and_officials_of_the_session_file_are_offered() {
    let mut t = new_with(|plan| {
        plan.session.presenters = vec![crate::session::Presenter {
            name: "M.J. Oude Vrielink".into(),
            function: Some("Onderzoekster".into()),
            organisation: Some("Rekenkamer Hengelo".into()),
        }];
        plan.session.officials = vec![crate::session::Official {
            name: "Astrid Scholtens".into(),
            function: Some("Beleidsadviseur Onderwijs".into()),
        }];
    });
    // p: the registered inspreker, then the presenter.
    t.press(KeyCode::Char('p'));
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    // a: the official, then "new official".
    t.press(KeyCode::Char('a'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('a'));
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    t.chars("Kees Smit");
    t.press(KeyCode::Tab);
    t.chars("projectleider");
    t.press(KeyCode::Enter);
    assert_eq!(
        t.queue(),
        vec![
            Speaker::Presenter {
                name: "M.J. Oude Vrielink".into(),
                organisation: Some("Rekenkamer Hengelo".into()),
                function: Some("Onderzoekster".into()),
            },
            Speaker::Official {
                name: "Astrid Scholtens".into(),
                function: Some("Beleidsadviseur Onderwijs".into()),
            },
            Speaker::Official {
                name: "Kees Smit".into(),
                function: Some("projectleider".into()),
            },
        ]
    );
}

#[test]
fn add_a_presenter() {
    let mut t = new();
    t.press(KeyCode::Char('p'));
    // Past the registered inspreker and "new inspreker".
    t.press(KeyCode::Down);
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    t.chars("M.J. Oude Vrielink");
    t.press(KeyCode::Tab);
    t.chars("Rekenkamer Hengelo");
    t.press(KeyCode::Tab);
    t.chars("Onderzoekster");
    t.press(KeyCode::Enter);
    assert_eq!(
        t.queue(),
        vec![Speaker::Presenter {
            function: Some("Onderzoekster".into()),
            name: "M.J. Oude Vrielink".into(),
            organisation: Some("Rekenkamer Hengelo".into())
        }]
    );
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Enter);
    let s = t.app.meeting.state().speech.clone().unwrap();
    assert_eq!(s.kind, crate::meeting::SpeechKind::Presentation);
    assert_eq!(s.limit_ms, None, "a presentation has no speaker limit");
}

// ---- the clerk's view ----

use super::clerk::{Section, View};
use crate::meeting::{Advice, MotionKind, Present, Stance};

fn clerk() -> T {
    let mut t = new();
    t.press(KeyCode::Tab);
    assert_eq!(t.app.view, View::Clerk);
    t
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn advice_bespreekstuk_with_the_factions_that_asked() {
    let mut t = clerk();
    t.press(KeyCode::Char('a'));
    t.press(KeyCode::Char('3'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Down);
    t.press(KeyCode::Down);
    t.press(KeyCode::Char(' ')); // SP
    t.press(KeyCode::Up);
    t.press(KeyCode::Char(' ')); // VVD
    t.press(KeyCode::Enter);
    let o = &t.app.meeting.state().outcomes;
    assert_eq!(o.advice, Some(Advice::Bespreekstuk));
    assert_eq!(o.requested_by, vec!["VVD".to_owned(), "SP".to_owned()]);
    // Another advice replaces it, without requesters.
    t.press(KeyCode::Char('a'));
    t.press(KeyCode::Char('2'));
    t.press(KeyCode::Enter);
    let o = &t.app.meeting.state().outcomes;
    assert_eq!(o.advice, Some(Advice::Hamerstuk));
    assert!(o.requested_by.is_empty());
}

#[test]
fn positions_by_number_keys_then_a_note() {
    let mut t = clerk();
    t.press(KeyCode::Char('1'));
    // The selection stays on the faction just given a position.
    assert_eq!(t.app.clerk_row, 0);
    t.press(KeyCode::Down);
    t.press(KeyCode::Char('3'));
    assert_eq!(t.app.clerk_row, 1);
    let p = &t.app.meeting.state().outcomes.positions;
    assert_eq!(p["BBH"].stance, Stance::Supports);
    assert_eq!(p["VVD"].stance, Stance::Against);
    // So Enter opens the note of the faction just given a position.
    t.press(KeyCode::Enter);
    t.chars("te duur");
    t.press(KeyCode::Enter);
    assert_eq!(
        t.app.meeting.state().outcomes.positions["VVD"].note,
        "te duur"
    );
    // A stance key keeps the note.
    t.press(KeyCode::Char('2'));
    let p = &t.app.meeting.state().outcomes.positions["VVD"];
    assert_eq!(
        (p.stance, p.note.as_str()),
        (Stance::SupportsWithReservation, "te duur")
    );
    t.press(KeyCode::Char('0'));
    assert!(!t.app.meeting.state().outcomes.positions.contains_key("VVD"));
    // A note needs a stance first.
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none());
}

#[test]
fn a_commitment_by_the_portfolio_holder() {
    let mut t = clerk();
    t.press(KeyCode::Char('t'));
    t.chars("Dialoog over kaders");
    t.press(KeyCode::Tab);
    t.press(KeyCode::Tab);
    t.chars("najaar 2023");
    t.press(KeyCode::Enter);
    let c = &t.app.meeting.state().outcomes.commitments[0];
    assert_eq!(
        (c.by.as_str(), c.what.as_str(), c.due.as_str()),
        ("Freriksen", "Dialoog over kaders", "najaar 2023")
    );
    // Edit it from the list, then remove it, then undo the removal.
    t.press(KeyCode::Right);
    assert_eq!(t.app.clerk_section, Section::Commitments);
    t.press(KeyCode::Enter);
    t.chars(" met presidium");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert_eq!(
        t.app.meeting.state().outcomes.commitments[0].what,
        "Dialoog over kaders met presidium"
    );
    t.press(KeyCode::Delete);
    assert!(t.app.meeting.state().outcomes.commitments.is_empty());
    t.press(KeyCode::Char('u'));
    assert_eq!(t.app.meeting.state().outcomes.commitments.len(), 1);
}

#[test]
fn esc_keeps_a_draft() {
    let mut t = clerk();
    t.press(KeyCode::Char('t'));
    t.chars("half getypt");
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
    assert!(t.app.meeting.state().outcomes.commitments.is_empty());
    t.press(KeyCode::Char('t'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert_eq!(
        t.app.meeting.state().outcomes.commitments[0].what,
        "half getypt"
    );
}

#[test]
fn a_motion_and_an_amendment() {
    let mut t = clerk();
    t.press(KeyCode::Char('m'));
    t.press(KeyCode::Enter); // nothing chosen yet: stays
    t.press(KeyCode::Down);
    t.press(KeyCode::Down);
    t.press(KeyCode::Char(' ')); // SP
    t.press(KeyCode::Enter);
    t.press(KeyCode::F(2));
    t.chars("Algoritmeregister");
    t.press(KeyCode::Enter);
    let m = &t.app.meeting.state().outcomes.motions[0];
    assert_eq!(m.kind, MotionKind::Amendment);
    assert_eq!(m.factions, vec!["SP".to_owned()]);
    assert_eq!(m.title, "Algoritmeregister");
}

#[test]
fn presence_toggles_and_is_recorded_at_once() {
    let mut t = clerk();
    t.press(KeyCode::Char('P'));
    t.press(KeyCode::Char(' '));
    let p = &t.app.meeting.state().outcomes.presence;
    assert_eq!(p.get(&Present::Faction("BBH".into())), Some(&true));
    t.press(KeyCode::Char(' '));
    let p = &t.app.meeting.state().outcomes.presence;
    assert_eq!(p.get(&Present::Faction("BBH".into())), Some(&false));
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
}

#[test]
fn members_are_marked_present_by_name_under_their_faction() {
    let mut t = clerk();
    t.press(KeyCode::Char('P'));
    // BurgerBelangen, then its members from the council file.
    t.press(KeyCode::Down);
    t.press(KeyCode::Char(' '));
    let member = Present::Member {
        faction: "BBH".into(),
        name: "Han Daals".into(),
    };
    let p = &t.app.meeting.state().outcomes.presence;
    assert_eq!(p.get(&member), Some(&true));
    assert_eq!(p.get(&Present::Faction("BBH".into())), None);
    // The faction shows as present through its member.
    assert_eq!(
        crate::tui::clerk::presence_mark(p, &Present::Faction("BBH".into())),
        Some(true)
    );
    // Space on the faction records nothing and says why.
    t.press(KeyCode::Up);
    t.press(KeyCode::Char(' '));
    let p = &t.app.meeting.state().outcomes.presence;
    assert_eq!(p.get(&Present::Faction("BBH".into())), None);
    let Some(Message::Info { text, .. }) = &t.app.message else {
        panic!("{:?}", t.app.message)
    };
    assert!(text.contains("Han Daals"), "{text}");
    assert!(t.app.overlay.is_some(), "the window stays open");
    t.press(KeyCode::Down);
    t.press(KeyCode::Char(' '));
    let p = &t.app.meeting.state().outcomes.presence;
    assert_eq!(p.get(&member), Some(&false));
    assert_eq!(
        crate::tui::clerk::presence_mark(p, &Present::Faction("BBH".into())),
        None
    );
}

#[test]
fn conclusion_is_multi_line() {
    let mut t = clerk();
    t.press(KeyCode::Char('C'));
    t.chars("Hamerstuk.");
    t.press(KeyCode::Enter);
    t.chars("Met toezegging.");
    t.app.handle_key(ctrl('s'));
    assert_eq!(
        t.app.meeting.state().outcomes.conclusion,
        "Hamerstuk.\nMet toezegging."
    );
}

#[test]
fn notes_from_either_view_are_stamped() {
    let mut t = new();
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char('w'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('N'));
    t.chars("Wethouder komt terug op de planning");
    t.press(KeyCode::Enter);
    let n = &t.app.meeting.state().outcomes.notes[0];
    assert_eq!(n.item, Some(0));
    assert!(n.speaker.is_some());
    t.press(KeyCode::Tab);
    t.press(KeyCode::Char('N'));
    t.app.paste("geplakt\u{1b}[2J van elders");
    t.press(KeyCode::Enter);
    assert_eq!(
        t.app.meeting.state().outcomes.notes[1].text,
        "geplakt van elders"
    );
}

#[test]
fn chair_keys_do_nothing_in_the_clerks_view() {
    let mut t = clerk();
    t.press(KeyCode::Char('o'));
    t.press(KeyCode::Char('x'));
    t.press(KeyCode::Char(' '));
    assert!(!t.app.meeting.state().is_open());
    assert_eq!(t.app.meeting.state().last_seq, 0);
}

#[test]
fn e_writes_the_record_next_to_the_session() {
    let mut t = new();
    t.press(KeyCode::Char('e'));
    let path = crate::export::default_markdown_path(&t.app.meeting.plan().path);
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.starts_with("# Rekenkameronderzoek Datagedreven Sturing"));
    let Some(Message::Info { text, .. }) = &t.app.message else {
        panic!()
    };
    assert!(text.contains(".verslag.md"), "{text}");
}

#[test]
fn drafts_are_kept_per_form_and_ctrl_c_asks() {
    let mut t = clerk();
    t.press(KeyCode::Char('t'));
    t.chars("toezegging half");
    t.press(KeyCode::Esc);
    t.press(KeyCode::Char('N'));
    t.chars("notitie half");
    t.press(KeyCode::Esc);
    assert_eq!(t.app.drafts.len(), 2);
    // Both come back, each in its own form.
    t.press(KeyCode::Char('t'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert_eq!(
        t.app.meeting.state().outcomes.commitments[0].what,
        "toezegging half"
    );
    // Ctrl-C in a form keeps it and asks before quitting, even when
    // nobody speaks.
    t.press(KeyCode::Char('m'));
    t.press(KeyCode::Char(' '));
    t.press(KeyCode::Enter);
    t.chars("Motie half");
    assert_eq!(t.app.handle_key(ctrl('c')), Control::Continue);
    assert!(matches!(t.app.overlay, Some(Overlay::ConfirmQuit)));
    t.press(KeyCode::Esc);
    t.press(KeyCode::Char('m'));
    t.press(KeyCode::Down);
    t.press(KeyCode::Char(' '));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    let m = &t.app.meeting.state().outcomes.motions[0];
    assert_eq!(m.title, "Motie half");
    assert_eq!(
        m.factions,
        vec!["VVD".to_owned()],
        "the factions chosen now"
    );
}

#[test]
fn time_given_back_after_taking_too_much_shows_at_once() {
    let mut t = new();
    t.press(KeyCode::Char('p'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    for _ in 0..12 {
        t.press(KeyCode::Char('-'));
    }
    t.press(KeyCode::Char('+'));
    let s = t.app.meeting.state().speech.clone().unwrap();
    assert_eq!(s.limit_total_ms(), Some(30_000));
}

/// Every running timer rolls over its seconds at its own phase; the loop
/// wakes for each (issue 8: timers exact to the wall clock within 50 ms).
#[test]
fn the_loop_wakes_on_the_second_of_every_running_timer() {
    use crate::meeting::{Action, SpeechKind};
    let mut t = new();
    let wait =
        |t: &T| super::next_change(&t.app, crate::clock::Clock::now(&t.clock)).as_millis() as i64;
    // Nothing runs: the header's minute.
    let now = crate::clock::Clock::now(&t.clock);
    assert_eq!(wait(&t), 60_000 - now.timestamp_millis().rem_euclid(60_000));
    t.app.meeting.act(Action::Open).unwrap();
    t.clock.advance_ms(300);
    let alderman = || {
        Action::Start(
            Speaker::College {
                name: "Freriksen".into(),
                role: "wethouder".into(),
            },
            SpeechKind::Answer,
        )
    };
    t.app.meeting.act(alderman()).unwrap();
    // Session clock at 300 ms, speech at 0: the session's second comes first.
    assert_eq!(wait(&t), 700);
    t.clock.advance_ms(750);
    // Session at 1,050, speech at 750: the speech's second is next.
    assert_eq!(wait(&t), 250);
    t.clock.advance_ms(250);
    // Session at 1,300, speech at 1,000: a whole second for the speech,
    // 700 ms for the session.
    assert_eq!(wait(&t), 700);

    // A speech that starts 30 ms after the session's second shares its wake.
    t.app.meeting.act(Action::End).unwrap();
    t.clock.advance_ms(730);
    t.app.meeting.act(alderman()).unwrap();
    // Session at 2,030 (next in 970), speech at 0 (next in 1,000): one
    // wake, at the later.
    assert_eq!(wait(&t), 1000);
    // Paused, only the session clock counts.
    t.app.meeting.act(Action::TogglePause).unwrap();
    assert_eq!(wait(&t), 970);
}

/// The current item counts down at its own phase; the session clock counts
/// to the slot's end in whole minutes, with seconds in the last ten: the
/// loop wakes for each as it is shown (issue 14).
#[test]
fn the_loop_wakes_on_the_second_of_the_item_and_the_slot() {
    use crate::meeting::Action;
    let mut t = new();
    let wait =
        |t: &T| super::next_change(&t.app, crate::clock::Clock::now(&t.clock)).as_millis() as i64;
    // Opened 400 ms after the slot's start: the item counts from the
    // opening; the slot clock shows "59 min" until 59:00 is left.
    t.clock.advance_ms(400);
    t.app.meeting.act(Action::Open).unwrap();
    t.clock.advance_ms(100);
    assert_eq!(wait(&t), 900);
    // The next item starts at another millisecond: its own second.
    t.clock.advance_ms(1_150);
    t.app
        .meeting
        .act(Action::NextItem { end_speech: false })
        .unwrap();
    t.clock.advance_ms(50);
    assert_eq!(wait(&t), 950);
    // Near the minute: the slot clock's "59 min" turns to "58 min" on the
    // slot's (whole) minute, before the item's next second.
    t.clock.advance_ms(57_700);
    // 19:30:59.400: the item (started at 1.650) turns in 250 ms, the
    // minute in 600.
    assert_eq!(wait(&t), 250);
    t.clock.advance_ms(400);
    // 19:30:59.800: the minute turns in 200 ms, before the item's 850.
    assert_eq!(wait(&t), 200);
    // 20:19:59.800, 10:00.2 left: the clock turns to seconds in 200 ms.
    t.clock.advance_ms(49 * 60_000);
    assert_eq!(wait(&t), 200);
    // In the last ten minutes the slot clock shows seconds: the slot's
    // whole seconds and the item's phase both wake the loop.
    t.clock.advance_ms(200);
    assert_eq!(wait(&t), 650);
    t.clock.advance_ms(700);
    assert_eq!(wait(&t), 300);
}

/// The screen as text, one string per row.
fn rows(app: &App<FakeClock>, now: crate::clock::Ts, w: u16, h: u16) -> Vec<String> {
    use ratatui::widgets::Widget;
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    super::view::Screen {
        app,
        now,
        theme: super::view::Theme { color: false },
    }
    .render(area, &mut buf);
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

#[test]
fn a_long_notice_is_wrapped_never_cut_before_its_way_out() {
    let mut t = new();
    let deep = "/srv/gedeelde-map/griffie/vergaderingen/2023/politieke-markt/maart";
    let notice = format!(
        "Logboek {deep}/sessie.journal: niet te schrijven: Permission denied (12 gebeurtenissen). \
         Herstel de rechten of start met --journal PAD EINDE-UITWEG"
    );
    t.app.notices.push(notice);
    t.app
        .notices
        .push("tweede melding DIE-OOK-BLIJFT".to_owned());
    let now = crate::clock::Clock::now(&t.clock);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = rows(&t.app, now, w, h).join("\n");
        for words in ["EINDE-UITWEG", "DIE-OOK-BLIJFT", "Permission", "--journal"] {
            assert!(
                screen.contains(words),
                "{w}x{h}: {words} cut off:\n{screen}"
            );
        }
    }
}

/// A fake clock whose wall clock is set apart from it by hand.
#[derive(Clone)]
struct DriftingClock {
    inner: FakeClock,
    drift: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl crate::clock::Clock for DriftingClock {
    fn now(&self) -> crate::clock::Ts {
        self.inner.now()
    }
    fn wall_drift_ms(&self) -> i64 {
        self.drift.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[test]
fn a_clock_step_is_said_once_on_screen_and_in_the_journal() {
    use std::sync::atomic::Ordering;
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for f in [SEED, "hengelo-2022-2026.ron"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let session = dir.path().join(SEED);
    let clock = DriftingClock {
        inner: FakeClock::at_seed(),
        drift: Default::default(),
    };
    let (m, _) =
        Meeting::open_file(&session, clock.clone(), &OpenOptions::default(), Lang::En).unwrap();
    let mut app = App::new(m, Lang::En, false, Vec::new());
    app.handle_key(key(KeyCode::Char('o')));
    let undoable = app.meeting.state().undoable.len();
    // Within 2 s: nothing.
    clock.drift.store(1_900, Ordering::Relaxed);
    assert!(!app.check_clock());
    // Set back a minute: said once, however often it is checked.
    clock.drift.store(-60_000, Ordering::Relaxed);
    assert!(app.check_clock());
    clock.inner.advance_secs(1);
    assert!(!app.check_clock());
    assert_eq!(app.notices.len(), 1, "{:?}", app.notices);
    assert!(app.notices[0].contains("-60 s"), "{}", app.notices[0]);
    // Then forward an hour: a new step, said again.
    clock.drift.store(3_540_000, Ordering::Relaxed);
    assert!(app.check_clock());
    assert!(!app.check_clock());
    let steps = &app.meeting.state().clock_steps;
    assert_eq!(
        steps.iter().map(|c| c.drift_ms).collect::<Vec<_>>(),
        [-60_000, 3_540_000]
    );
    assert_eq!(steps[1].wall - steps[1].at, chrono::Duration::seconds(3540));
    // Not something the chair did: undo does not take it back.
    assert_eq!(app.meeting.state().undoable.len(), undoable);
    // And it is in the journal, read back as it was.
    let replay = crate::journal::read(app.meeting.journal_path()).unwrap();
    let folded = crate::meeting::State::fold(&replay.records);
    assert_eq!(&folded.clock_steps, steps);
    // An Undo naming a clock step (only by hand) takes nothing back.
    let mut records = replay.records.clone();
    let last = records.last().unwrap().clone();
    records.push(crate::meeting::Record {
        seq: last.seq + 1,
        at: last.at,
        event: crate::meeting::Event::Undo { seq: last.seq },
        client: None,
    });
    assert_eq!(&crate::meeting::State::fold(&records).clock_steps, steps);
}

// ---- the chair's screen v2: questions, names, kinds (issue 14) ----

use super::app::{NameFor, NameRow};
use crate::meeting::SpeechKind;

fn info(t: &T) -> String {
    match &t.app.message {
        Some(Message::Info { text, .. }) => text.clone(),
        other => panic!("no information: {other:?}"),
    }
}

/// Open, with the portfolio holder speaking in the first item.
fn speaking() -> T {
    let mut t = new();
    t.press(KeyCode::Char('o'));
    t.press(KeyCode::Char('w'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert!(t.app.meeting.state().speech.is_some());
    t
}

fn item(t: &T) -> Option<usize> {
    t.app.meeting.state().current_item
}

#[test]
fn next_item_during_a_speech_ends_it_by_default() {
    let mut t = speaking();
    t.press(KeyCode::Char(']'));
    assert!(matches!(t.app.overlay, Some(Overlay::NextItem { .. })));
    assert_eq!(item(&t), Some(0), "nothing happens before the answer");
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none());
    assert_eq!(item(&t), Some(1));
    assert!(t.app.meeting.state().speech.is_none());
}

#[test]
fn next_item_during_a_speech_can_keep_the_speaker() {
    let mut t = speaking();
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    assert_eq!(item(&t), Some(1));
    assert!(
        t.app.meeting.state().speech.is_some(),
        "the speaker goes on"
    );
    // 2 chooses the same at once.
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char('2'));
    assert_eq!(item(&t), Some(2));
    assert!(t.app.meeting.state().speech.is_some());
}

#[test]
fn next_item_during_a_speech_can_be_cancelled() {
    let mut t = speaking();
    let seq = t.app.meeting.state().last_seq;
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Down);
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char('3'));
    assert!(t.app.overlay.is_none());
    assert_eq!(item(&t), Some(0));
    assert!(t.app.meeting.state().speech.is_some());
    assert_eq!(t.app.meeting.state().last_seq, seq, "nothing written");
}

#[test]
fn next_item_without_a_speech_goes_on_at_once() {
    let mut t = speaking();
    t.press(KeyCode::Char('x'));
    t.press(KeyCode::Char(']'));
    assert!(t.app.overlay.is_none());
    assert_eq!(item(&t), Some(1));
    // After the last item, a speech does not ask: there is nowhere to go.
    for _ in 0..5 {
        t.press(KeyCode::Char(']'));
    }
    assert_eq!(item(&t), Some(6));
    t.press(KeyCode::Char('w'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char(']'));
    assert!(t.app.overlay.is_none());
    assert!(info(&t).contains("agendapunt"), "{}", info(&t));
}

#[test]
fn close_asks_while_a_speech_runs_and_undo_reopens() {
    let mut t = speaking();
    t.press(KeyCode::Char('c'));
    assert!(matches!(t.app.overlay, Some(Overlay::ConfirmClose)));
    t.press(KeyCode::Esc);
    assert!(t.app.meeting.state().is_open());
    t.press(KeyCode::Char('c'));
    t.press(KeyCode::Char('x')); // any other key: not closed
    assert!(t.app.meeting.state().is_open());
    t.press(KeyCode::Char('c'));
    t.press(KeyCode::Enter);
    let state = t.app.meeting.state();
    assert!(state.closed_at.is_some());
    assert!(state.speech.is_none(), "closing ends the speech");
    assert_eq!(info(&t), "Sessie gesloten. u maakt het sluiten ongedaan.");
    // What changes the meeting is refused, in words that say the way back.
    let seq = t.app.meeting.state().last_seq;
    for k in ['f', 'p', 'w', 'v', 'a', 'r', 'i'] {
        t.press(KeyCode::Char(k));
        assert!(t.app.overlay.is_none(), "{k}: refused at once, no window");
    }
    assert!(t.queue().is_empty());
    assert_eq!(
        info(&t),
        "De sessie is gesloten; u maakt het sluiten ongedaan met u."
    );
    t.press(KeyCode::Char('s'));
    assert!(t.app.overlay.is_none());
    assert!(!t.app.meeting.state().in_recess());
    assert!(info(&t).contains("gesloten"));
    t.press(KeyCode::Char(']'));
    assert!(info(&t).contains("gesloten"));
    assert_eq!(t.app.meeting.state().last_seq, seq);
    // The clerk's record still works.
    t.press(KeyCode::Tab);
    t.press(KeyCode::Char('1'));
    t.press(KeyCode::Char('N'));
    t.chars("na afloop");
    t.press(KeyCode::Enter);
    let o = &t.app.meeting.state().outcomes;
    assert_eq!(o.positions["BBH"].stance, Stance::Supports);
    assert_eq!(o.notes.len(), 1);
    // u in the chair's view undoes the close, as the message said.
    t.press(KeyCode::Tab);
    t.press(KeyCode::Char('u'));
    assert_eq!(info(&t), "Ongedaan gemaakt: sessie gesloten");
    assert!(t.app.meeting.state().is_open());
    assert!(t.app.meeting.state().speech.is_some(), "the speech is back");
}

#[test]
fn close_asks_in_a_recess_and_not_when_nothing_runs() {
    let mut t = new();
    t.press(KeyCode::Char('o'));
    t.press(KeyCode::Char('s'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('c'));
    assert!(matches!(t.app.overlay, Some(Overlay::ConfirmClose)));
    t.press(KeyCode::Char('j'));
    assert!(t.app.meeting.state().closed_at.is_some());
    assert!(!t.app.meeting.state().in_recess());
    let mut t = new();
    t.press(KeyCode::Char('o'));
    t.press(KeyCode::Char('c'));
    assert!(t.app.overlay.is_none());
    assert!(t.app.meeting.state().closed_at.is_some());
}

#[test]
fn recess_asks_its_length() {
    let mut t = new();
    t.press(KeyCode::Char('o'));
    t.press(KeyCode::Char('s'));
    assert!(matches!(t.app.overlay, Some(Overlay::RecessMinutes { .. })));
    t.chars("5x"); // not a digit: ignored
    t.press(KeyCode::Enter);
    let state = t.app.meeting.state();
    assert!(state.in_recess());
    assert_eq!(
        state.recess_until(),
        Some(t.app.now() + chrono::Duration::minutes(5))
    );
    // s again ends it.
    t.press(KeyCode::Char('s'));
    assert!(t.app.overlay.is_none());
    assert!(!t.app.meeting.state().in_recess());
    // Enter on nothing: open-ended.
    t.press(KeyCode::Char('s'));
    t.chars("12");
    t.press(KeyCode::Backspace);
    t.press(KeyCode::Backspace);
    t.press(KeyCode::Enter);
    let state = t.app.meeting.state();
    assert!(state.in_recess());
    assert_eq!(state.recess_until(), None);
    t.press(KeyCode::Char('s'));
    assert!(!t.app.meeting.state().in_recess());
    // Esc: no recess.
    t.press(KeyCode::Char('s'));
    t.press(KeyCode::Esc);
    assert!(!t.app.meeting.state().in_recess());
}

fn interrupter(t: &T) -> Speaker {
    t.app
        .meeting
        .state()
        .interruption
        .as_ref()
        .expect("an interruption")
        .speaker
        .clone()
}

#[test]
fn an_interruption_names_who_interrupts() {
    let mut t = speaking();
    t.press(KeyCode::Char('i'));
    t.chars("vvd");
    t.press(KeyCode::Enter);
    assert!(matches!(t.app.overlay, Some(Overlay::Name { .. })));
    t.chars("jans");
    t.press(KeyCode::Enter);
    assert_eq!(interrupter(&t), vvd(Some("Sander Janssen")));
    // i during an interruption says so at once.
    t.press(KeyCode::Char('i'));
    assert!(t.app.overlay.is_none());
    assert!(info(&t).contains("interruptie"), "{}", info(&t));
    t.press(KeyCode::Char('x'));
    // Namens de fractie is the first choice.
    t.press(KeyCode::Char('i'));
    t.chars("vvd");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert_eq!(interrupter(&t), vvd(None));
    t.press(KeyCode::Char('x'));
    // A name the council does not know.
    t.press(KeyCode::Char('i'));
    t.chars("vvd");
    t.press(KeyCode::Enter);
    t.chars("Kees");
    t.press(KeyCode::Enter);
    assert_eq!(interrupter(&t), vvd(Some("Kees")));
}

/// Start the first queued speaker and say its limit in ms.
fn start_first(t: &mut T) -> (Speaker, Option<i64>) {
    t.press(KeyCode::Enter);
    let s = t.app.meeting.state().speech.clone().expect("a speech");
    (s.speaker, s.limit_ms)
}

fn limit_ms(t: &T, s: &Speaker) -> Option<i64> {
    t.app
        .meeting
        .limit_for(s, s.default_kind())
        .map(|sec| i64::from(sec) * 1000)
}

#[test]
fn the_chair_an_official_and_a_representative_are_queued_and_started() {
    let mut t = new();
    t.press(KeyCode::Char('o'));
    // v: the chair, from the session's chairs.
    t.press(KeyCode::Char('v'));
    t.press(KeyCode::Enter);
    let chair = Speaker::Chair {
        name: "Sander Janssen".into(),
    };
    // a: an official, name and function.
    t.press(KeyCode::Char('a'));
    t.chars("Piet Ambt");
    t.press(KeyCode::Tab);
    t.chars("beleidsadviseur");
    t.press(KeyCode::Enter);
    let official = Speaker::Official {
        name: "Piet Ambt".into(),
        function: Some("beleidsadviseur".into()),
    };
    // r: a fractievertegenwoordiger, faction then name.
    t.press(KeyCode::Char('r'));
    t.chars("vvd");
    t.press(KeyCode::Enter);
    t.chars("Karin Nieuw");
    t.press(KeyCode::Enter);
    let rep = Speaker::Representative {
        faction: "VVD".into(),
        name: "Karin Nieuw".into(),
    };
    assert_eq!(
        t.queue(),
        vec![chair.clone(), official.clone(), rep.clone()]
    );

    let (who, limit) = start_first(&mut t);
    assert_eq!((who, limit), (chair, None), "the chair has no limit");
    let (who, limit) = start_first(&mut t);
    assert_eq!(who, official);
    assert_eq!(limit, limit_ms(&t, &official));
    assert_eq!(
        t.app.meeting.state().speech.as_ref().unwrap().kind,
        SpeechKind::Answer
    );
    // In the first round, a representative has a faction's limit.
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Enter); // ends the official's answer
    t.press(KeyCode::Char(']'));
    t.press(KeyCode::Char(']'));
    assert_eq!(item(&t), Some(3));
    let (who, limit) = start_first(&mut t);
    assert_eq!(who, rep);
    assert_eq!(limit, Some(180_000));
}

#[test]
fn a_representative_needs_a_name() {
    // A faction whose members the council file does not list.
    let mut t = new_with(|plan| {
        for f in plan.factions.iter_mut().filter(|f| f.short == "SP") {
            f.members.clear();
        }
    });
    t.press(KeyCode::Char('r'));
    t.chars("sp");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter); // SP has no members here: nothing to take
    assert!(matches!(t.app.overlay, Some(Overlay::Name { .. })));
    assert!(t.queue().is_empty());
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
}

fn sp_members(plan: &mut crate::session::SessionPlan) {
    let sp = plan.factions.iter_mut().find(|f| f.short == "SP").unwrap();
    sp.members = vec![
        "Anja Kortschot".into(),
        "Jan Oude Nijhuis".into(),
        "Jannie Smit".into(),
    ];
}

#[test]
fn the_name_prompt_offers_the_members_and_filters() {
    let t = new_with(sp_members);
    let plan = t.app.meeting.plan();
    let sp = NameFor::Faction("SP".into());
    let known = |n: &str| NameRow::Known(n.into());
    assert_eq!(
        super::overlay::name_rows(plan, &sp, ""),
        vec![
            NameRow::OnBehalf,
            known("Anja Kortschot"),
            known("Jan Oude Nijhuis"),
            known("Jannie Smit")
        ]
    );
    // A name or one of its words starts with the text; the text itself
    // is offered as a new name after them.
    assert_eq!(
        super::overlay::name_rows(plan, &sp, "jan"),
        vec![
            known("Jan Oude Nijhuis"),
            known("Jannie Smit"),
            NameRow::New("jan".into())
        ]
    );
    assert_eq!(
        super::overlay::name_rows(plan, &sp, "kort"),
        vec![known("Anja Kortschot"), NameRow::New("kort".into())]
    );
    // An exact name comes first and is not offered again as new.
    assert_eq!(
        super::overlay::name_rows(plan, &sp, "jannie smit"),
        vec![known("Jannie Smit")]
    );
    assert_eq!(
        super::overlay::name_rows(plan, &sp, "a"),
        vec![known("Anja Kortschot"), NameRow::New("a".into())],
        "a letter inside a name does not match"
    );

    // With keys: filter, then arrows.
    let mut t = new_with(sp_members);
    let sp_named = |n: Option<&str>| Speaker::Faction {
        faction: "SP".into(),
        name: n.map(str::to_owned),
    };
    t.press(KeyCode::Char('f'));
    t.chars("sp");
    t.press(KeyCode::Enter);
    t.chars("jan");
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('f'));
    t.chars("sp");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    // Typed text that matches nobody is a new name.
    t.press(KeyCode::Char('f'));
    t.chars("sp");
    t.press(KeyCode::Enter);
    t.chars("Kees de Vries");
    t.press(KeyCode::Enter);
    // Backspace takes back what was typed.
    t.press(KeyCode::Char('f'));
    t.chars("sp");
    t.press(KeyCode::Enter);
    t.chars("xy");
    t.press(KeyCode::Backspace);
    t.press(KeyCode::Backspace);
    t.press(KeyCode::Enter);
    assert_eq!(
        t.queue(),
        vec![
            sp_named(Some("Jannie Smit")),
            sp_named(Some("Anja Kortschot")),
            sp_named(Some("Kees de Vries")),
            sp_named(None),
        ]
    );
}

#[test]
fn a_queued_name_is_corrected_with_e() {
    let mut t = new();
    t.press(KeyCode::Char('f'));
    t.chars("vvd");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('p'));
    t.press(KeyCode::Enter);
    t.press(KeyCode::Char('w'));
    t.press(KeyCode::Enter);
    assert_eq!(t.queue()[0], vvd(None));
    // The faction's speaker gets a name from the members.
    t.press(KeyCode::Char('E'));
    let Some(Overlay::Name { picker, .. }) = &t.app.overlay else {
        panic!("the name prompt")
    };
    assert_eq!(picker.filter(), "", "no name yet");
    t.chars("sand");
    t.press(KeyCode::Enter);
    assert_eq!(t.queue()[0], vvd(Some("Sander Janssen")));
    // Opened again, the name is there; Enter keeps it.
    t.app.handle_key(key(KeyCode::F(2)));
    let Some(Overlay::Name { picker, .. }) = &t.app.overlay else {
        panic!("the name prompt")
    };
    assert_eq!(picker.filter(), "Sander Janssen");
    t.press(KeyCode::Enter);
    assert_eq!(t.queue()[0], vvd(Some("Sander Janssen")));
    // An inspreker: name and organisation, as they were.
    t.press(KeyCode::Down);
    t.press(KeyCode::Char('E'));
    t.chars("-de Wit");
    t.press(KeyCode::Enter);
    assert_eq!(
        t.queue()[1],
        Speaker::Public {
            salutation: None,
            name: "Els Jansen-de Wit".into(),
            organisation: Some("Stichting Open Data".into())
        }
    );
    // A member of the college: another from the list.
    t.press(KeyCode::Down);
    t.press(KeyCode::Char('E'));
    t.press(KeyCode::Down);
    t.press(KeyCode::Enter);
    let Speaker::College { name, .. } = &t.queue()[2] else {
        panic!()
    };
    assert_ne!(name, "Freriksen");
    assert_eq!(t.queue().len(), 3, "corrected, not added");
}

#[test]
fn undo_and_redo_belong_to_the_view() {
    let mut t = clerk();
    t.press(KeyCode::Char('1')); // the clerk's standpunt for BBH
    t.press(KeyCode::Tab);
    t.press(KeyCode::Char('o')); // the chair opens
    let has_bbh = |t: &T| t.app.meeting.state().outcomes.positions.contains_key("BBH");
    // The chair's u takes back the opening, never the clerk's standpunt.
    t.press(KeyCode::Char('u'));
    assert_eq!(info(&t), "Ongedaan gemaakt: sessie geopend");
    assert!(!t.app.meeting.state().is_open());
    t.press(KeyCode::Char('u'));
    assert_eq!(info(&t), "Er is niets om ongedaan te maken.");
    assert!(has_bbh(&t));
    // The clerk's u does.
    t.press(KeyCode::Tab);
    t.press(KeyCode::Char('u'));
    assert_eq!(info(&t), "Ongedaan gemaakt: standpunt BBH");
    assert!(!has_bbh(&t));
    // Ctrl-R redoes, each in its own view.
    t.app.handle_key(ctrl('r'));
    assert_eq!(info(&t), "Opnieuw gedaan: standpunt BBH");
    assert!(has_bbh(&t));
    assert!(!t.app.meeting.state().is_open());
    t.press(KeyCode::Tab);
    t.app.handle_key(ctrl('r'));
    assert_eq!(info(&t), "Opnieuw gedaan: sessie geopend");
    assert!(t.app.meeting.state().is_open());
}

#[test]
fn the_new_windows_say_what_they_ask() {
    let on_screen = |t: &T, want: &str| {
        let rows = screen_rows(t, 120, 40);
        assert!(
            rows.iter().any(|r| r.contains(want)),
            "{want:?} not on screen:\n{}",
            rows.join("\n")
        );
    };
    let mut t = speaking();
    t.press(KeyCode::Char(']'));
    on_screen(
        &t,
        "Er spreekt nog iemand. Wat gebeurt er met de spreekbeurt?",
    );
    on_screen(
        &t,
        "1  spreekbeurt beëindigen en door naar het volgende punt",
    );
    on_screen(&t, "2  door naar het volgende punt, de spreker gaat door");
    on_screen(&t, "3  annuleren, bij dit punt blijven");
    t.press(KeyCode::Esc);
    t.press(KeyCode::Char('c'));
    on_screen(&t, "Sessie sluiten?");
    t.press(KeyCode::Esc);
    t.press(KeyCode::Char('x'));
    t.press(KeyCode::Char('s'));
    t.chars("10");
    on_screen(&t, "Hoe lang duurt de schorsing?");
    on_screen(&t, "10▏ minuten");
    t.press(KeyCode::Esc);
    t.press(KeyCode::Char('f'));
    t.chars("vvd");
    t.press(KeyCode::Enter);
    on_screen(&t, "Fractie: VVD");
    on_screen(&t, "namens de fractie (zonder naam)");
    on_screen(&t, "Sander Janssen");
    t.chars("Kees");
    on_screen(&t, "nieuwe naam: Kees");
    t.press(KeyCode::Esc);
    t.press(KeyCode::Char('a'));
    on_screen(&t, "Ambtenaar toevoegen");
    on_screen(&t, "functie");
    t.press(KeyCode::Esc);
    t.press(KeyCode::Char('r'));
    on_screen(&t, "Fractievertegenwoordiger van welke fractie?");
}

/// A wake on a second draws only the timers' panels over the last full
/// frame. For every kind of moment in a session, at every size, each
/// later moment with the same minute key must draw exactly what a full
/// frame draws: no panel left stale.
#[test]
fn a_timers_only_frame_equals_a_full_frame() {
    use crate::meeting::{Action, Speaker as Sp, SpeechKind};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    fn full(app: &App<FakeClock>, now: crate::clock::Ts, area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        super::view::Screen {
            app,
            now,
            theme: super::view::Theme { color: true },
        }
        .render(area, &mut buf);
        buf
    }
    type Setup = fn(&mut T);
    let scenes: [(&str, Setup); 8] = [
        ("before opening", |_| {}),
        ("opened", |t| {
            t.app.meeting.act(Action::Open).unwrap();
        }),
        ("speaker near the limit", |t| {
            t.app.meeting.act(Action::Open).unwrap();
            t.app.meeting.act(Action::GotoItem(3)).unwrap();
            t.clock.advance_ms(1_234);
            t.app
                .meeting
                .act(Action::Queue(Sp::Public {
                    salutation: None,
                    name: "Jan".into(),
                    organisation: None,
                }))
                .unwrap();
            t.app.meeting.act(Action::StartNext).unwrap();
            t.clock.advance_ms(268_700);
        }),
        ("interruption", |t| {
            t.app.meeting.act(Action::Open).unwrap();
            t.app.meeting.act(Action::GotoItem(3)).unwrap();
            t.clock.advance_ms(777);
            t.app
                .meeting
                .act(Action::Queue(Sp::Faction {
                    faction: "SP".into(),
                    name: None,
                }))
                .unwrap();
            t.app.meeting.act(Action::StartNext).unwrap();
            t.clock.advance_ms(45_321);
            t.app
                .meeting
                .act(Action::Interrupt(Sp::Faction {
                    faction: "VVD".into(),
                    name: Some("Sander Janssen".into()),
                }))
                .unwrap();
            t.clock.advance_ms(20_500);
        }),
        ("a faction's second turn", |t| {
            let vvd = || Sp::Faction {
                faction: "VVD".into(),
                name: None,
            };
            t.app.meeting.act(Action::Open).unwrap();
            t.app.meeting.act(Action::GotoItem(3)).unwrap();
            t.clock.advance_ms(777);
            t.app
                .meeting
                .act(Action::Start(vvd(), SpeechKind::Contribution))
                .unwrap();
            t.clock.advance_ms(61_313);
            t.app.meeting.act(Action::End).unwrap();
            t.clock.advance_ms(5_123);
            t.app
                .meeting
                .act(Action::Start(vvd(), SpeechKind::Contribution))
                .unwrap();
            t.clock.advance_ms(2_000);
        }),
        ("recess with an end", |t| {
            t.app.meeting.act(Action::Open).unwrap();
            t.clock.advance_ms(90_333);
            t.app.meeting.act(Action::Recess(Some(1))).unwrap();
            t.clock.advance_ms(50_000);
        }),
        ("item in overrun", |t| {
            t.app.meeting.act(Action::Open).unwrap();
            t.clock.advance_ms(3 * 60_000 + 500);
        }),
        ("closed", |t| {
            t.app.meeting.act(Action::Open).unwrap();
            t.clock.advance_ms(61_000);
            t.app.meeting.act(Action::Close).unwrap();
        }),
    ];
    for (name, setup) in scenes {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let mut t = new();
            setup(&mut t);
            let area = Rect::new(0, 0, w, h);
            let t0 = crate::clock::Clock::now(&t.clock);
            let key0 = super::view::minute_key(&t.app, t0);
            // As the loop does: one screen, drawn over wake after wake.
            let mut partial = full(&t.app, t0, area);
            let mut panels = super::view::TimerPanels::default();
            let mut compared = 0;
            // 90 s in uneven steps: across second and minute boundaries,
            // into the recess's end and a speech's warnings.
            for step in 1..=300 {
                let now = t0 + chrono::Duration::milliseconds(step * 301);
                if super::view::minute_key(&t.app, now) != key0 {
                    continue;
                }
                super::view::Screen {
                    app: &t.app,
                    now,
                    theme: super::view::Theme { color: true },
                }
                .render_timers(area, &mut partial, &mut panels);
                let whole = full(&t.app, now, area);
                assert!(
                    partial == whole,
                    "{name} at {w}x{h}, +{} ms: the timers-only frame differs:\n{}\n---\n{}",
                    step * 301,
                    rows_of(&partial).join("\n"),
                    rows_of(&whole).join("\n")
                );
                compared += 1;
            }
            assert!(compared > 0, "{name} {w}x{h}: nothing compared");
        }
    }
}

fn rows_of(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let a = buf.area;
    (a.y..a.y + a.height)
        .map(|y| (a.x..a.x + a.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// Review of issue 14: `N` in the chair's view, then `u`, took back the
/// running speech (the note counted as the clerk's).
#[test]
fn the_chairs_u_after_the_chairs_note_undoes_the_note() {
    let mut t = new();
    t.press(KeyCode::Char('o'));
    t.press(KeyCode::Char('f'));
    t.chars("vv");
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert!(t.app.meeting.state().speech.is_some());
    t.press(KeyCode::Char('N'));
    t.chars("typo in de notitie");
    t.press(KeyCode::Enter);
    assert_eq!(t.app.meeting.state().outcomes.notes.len(), 1);
    t.press(KeyCode::Char('u'));
    assert!(t.app.meeting.state().speech.is_some());
    assert!(t.app.meeting.state().outcomes.notes.is_empty());
}

/// Review of issue 14: planned minutes far beyond a session could carry
/// the expected start times past what a date holds; the screen must draw.
#[test]
fn absurd_planned_minutes_do_not_break_the_screen() {
    let mut t = new_with(|plan| {
        for item in &mut plan.session.agenda {
            item.planned_min = u32::MAX;
        }
    });
    t.press(KeyCode::Char('o'));
    let now = crate::clock::Clock::now(&t.clock);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let screen = rows(&t.app, now, w, h).join("\n");
        assert!(screen.contains("Opening"), "{screen}");
    }
}

/// After a fail-over, what the clerk's laptop still had pending is done
/// once each; a refused one is kept with its text beside it, and an id
/// the journal has already is passed by.
#[test]
fn a_takeover_does_the_pending_actions_once_and_keeps_the_refused() {
    use crate::meeting::Action;
    use crate::meeting::remote::{Pending, append_pending, pending_path, read_pending};
    let mut t = new();
    t.app.do_action(Action::Open);
    let path = pending_path(t.app.meeting.journal_path());
    let note = Pending {
        id: "a1".into(),
        action: Action::Note("na de storing".into()),
    };
    let gone = Pending {
        id: "a2".into(),
        action: Action::EditNote(999, "bestaat niet".into()),
    };
    for p in [&note, &gone, &note] {
        append_pending(&path, p).unwrap();
    }
    t.app.apply_pending();
    let notes = &t.app.meeting.state().outcomes.notes;
    assert_eq!(notes.len(), 1, "the note once");
    assert_eq!(notes[0].text, "na de storing");
    assert!(read_pending(&path).is_empty(), "nothing left pending");
    let mut refused = path.as_os_str().to_owned();
    refused.push(".refused");
    let kept = read_pending(std::path::Path::new(&refused));
    assert_eq!(kept, vec![gone]);
    assert!(
        t.app
            .notices
            .iter()
            .any(|n| n.contains("1 wachtende acties uitgevoerd, 1 geweigerd")),
        "{:?}",
        t.app.notices
    );
    // Started again: nothing is done twice.
    append_pending(&path, &note).unwrap();
    t.app.apply_pending();
    assert_eq!(t.app.meeting.state().outcomes.notes.len(), 1);
}
