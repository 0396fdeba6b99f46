//! Every terminal size from 1x1 to 300x100 (issue 8): the chair's screen,
//! the clerk's view and the public display, in a busy state with CJK and
//! emoji names, an interruption and a queue, render without a panic and
//! without writing outside the screen.
//!
//! `cargo test` takes every size up to 40x15 and a stride above it;
//! `HAMER_ALL_SIZES=1 cargo test --release --test sizes` takes all 30,000
//! (`.ci/run` does).

use hamer::clock::{Clock, FakeClock, parse_ts};
use hamer::follow::Follower;
use hamer::i18n::Lang;
use hamer::meeting::{Action, MotionKind, Speaker};
use hamer::tui::app::App;
use hamer::tui::clerk::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

mod common;

fn sizes() -> Vec<(u16, u16)> {
    let all = std::env::var("HAMER_ALL_SIZES").is_ok_and(|v| v == "1");
    let mut out = Vec::new();
    for w in 1..=300u16 {
        for h in 1..=100u16 {
            let small = w <= 40 && h <= 15;
            let sampled = w % 23 == 0 && h % 7 == 0 || (w, h) == (300, 100);
            if all || small || sampled {
                out.push((w, h));
            }
        }
    }
    out
}

fn busy(app: &mut App<FakeClock>, clock: &FakeClock) {
    let m = &mut app.meeting;
    m.act(Action::GotoItem(2)).unwrap();
    for name in [
        "王小明 🎤",
        "Jan de Vries-van den Berg-Oosterhuis",
        "🇳🇱🇳🇱🇳🇱",
    ] {
        m.act(Action::Queue(Speaker::Public {
            salutation: None,
            name: name.into(),
            organisation: Some("Stichting 日本語 ✨".into()),
        }))
        .unwrap();
    }
    m.act(Action::StartNext).unwrap();
    clock.advance_secs(290);
    m.act(Action::Interrupt(Speaker::Faction {
        faction: "SP".into(),
        name: Some("李四 👩‍👩‍👧".into()),
    }))
    .unwrap();
    clock.advance_secs(20);
    m.act(Action::AnnounceMotion {
        factions: vec!["SP".into()],
        kind: MotionKind::Motion,
        title: "Motie 🚲 fietsen".into(),
    })
    .unwrap();
    m.act(Action::Note("Een notitie met 漢字 en 😀".into()))
        .unwrap();
}

#[test]
fn every_size_from_1x1_to_300x100() {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut app = App::new(
        common::open(&session, clock.clone()),
        Lang::Nl,
        false,
        Vec::new(),
    );
    busy(&mut app, &clock);
    let mut follower = Follower::new(&hamer::journal::default_path(&session));
    follower.poll();
    let plan = hamer::session::load_session(&session).unwrap().value;
    let now = clock.now();

    let mut t = Terminal::new(TestBackend::new(1, 1)).unwrap();
    let sizes = sizes();
    let mut frames = 0usize;
    for &(w, h) in &sizes {
        t.backend_mut().resize(w, h);
        t.resize(Rect::new(0, 0, w, h)).unwrap();
        for view in [View::Chair, View::Clerk] {
            app.view = view;
            common::draw_screen(&mut t, &app, now, true)
                .unwrap_or_else(|e| panic!("{view:?} at {w}x{h}: {e}"));
            frames += 1;
        }
        common::draw_display(&mut t, &follower, &plan, Lang::Nl, now)
            .unwrap_or_else(|e| panic!("display at {w}x{h}: {e}"));
        frames += 1;
    }
    // The last frame is the display at the largest size; it shows the time.
    let last = t.backend().to_string();
    assert!(!last.trim().is_empty(), "an empty display at 300x100");
    println!("{} sizes, {frames} frames, no panic", sizes.len());
}
