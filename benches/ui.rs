//! Screen benchmark (issue 4): handling a key and drawing a frame at
//! 200x60 into a TestBackend. Target: under 2 ms.
//!
//! cargo bench --bench ui

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use hamer::clock::FakeClock;
use hamer::i18n::Lang;
use hamer::meeting::{Action, Speaker, SpeechKind};
use hamer::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> (tempfile::TempDir, App<FakeClock>, FakeClock) {
    let (dir, session) = common::scratch();
    let clock = FakeClock::at_seed();
    let mut m = common::open(&session, clock.clone());
    m.act(Action::GotoItem(3)).unwrap();
    for f in ["SP", "CDA", "GL", "PVV"] {
        m.act(Action::Queue(Speaker::Faction {
            faction: f.into(),
            name: None,
        }))
        .unwrap();
    }
    m.act(Action::Start(
        Speaker::Faction {
            faction: "VVD".into(),
            name: Some("Sander Janssen".into()),
        },
        SpeechKind::Contribution,
    ))
    .unwrap();
    (dir, App::new(m, Lang::Nl, false, Vec::new()), clock)
}

fn frame(c: &mut Criterion) {
    let (_dir, mut app, clock) = app();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let draw = |app: &App<FakeClock>, terminal: &mut Terminal<TestBackend>| {
        common::draw_screen(terminal, app, app.now(), true).unwrap();
    };
    let mut group = c.benchmark_group("screen 200x60");
    group.bench_function("selection key + frame", |b| {
        let mut down = true;
        b.iter(|| {
            let code = if down { KeyCode::Down } else { KeyCode::Up };
            down = !down;
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            clock.advance_ms(1000);
            draw(&app, &mut terminal);
        })
    });
    group.bench_function("action key (journal write + sync) + frame", |b| {
        let mut plus = true;
        b.iter(|| {
            let code = KeyCode::Char(if plus { '+' } else { '-' });
            plus = !plus;
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            clock.advance_ms(1000);
            draw(&app, &mut terminal);
        })
    });
    group.bench_function("frame only (a second rolls over)", |b| {
        b.iter(|| {
            clock.advance_ms(1000);
            draw(&app, &mut terminal);
        })
    });
    // What the chair's loop does at a wake on a second (src/tui/frames.rs):
    // only the panels that show seconds, over the last full frame; the
    // diff of those panels is not included.
    group.bench_function("timers' panels only (a second rolls over)", |b| {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::widgets::Widget;
        let area = Rect::new(0, 0, 200, 60);
        fn screen(app: &App<FakeClock>) -> hamer::tui::view::Screen<'_, FakeClock> {
            hamer::tui::view::Screen {
                app,
                now: app.now(),
                theme: hamer::tui::view::Theme { color: true },
            }
        }
        let mut shown = Buffer::empty(area);
        screen(&app).render(area, &mut shown);
        let mut panels = hamer::tui::view::TimerPanels::default();
        b.iter(|| {
            clock.advance_ms(1000);
            screen(&app).render_timers(area, &mut shown, &mut panels);
        })
    });
    group.finish();
}

criterion_group!(benches, frame, display_frame);
criterion_main!(benches);

fn display_frame(c: &mut Criterion) {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::at_seed();
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Start(
        Speaker::Public {
            salutation: None,
            name: "Jan de Vries".into(),
            organisation: Some("Wijkraad".into()),
        },
        SpeechKind::PublicSpeaking,
    ))
    .unwrap();
    let mut follower = hamer::follow::Follower::new(&hamer::journal::default_path(&session));
    follower.poll();
    let plan = hamer::session::load_session(&session).unwrap().value;
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("display 200x60: a second rolls over (frame)", |b| {
        b.iter(|| {
            clock.advance_ms(1000);
            let now = hamer::clock::Clock::now(&clock);
            common::draw_display(&mut terminal, &follower, &plan, Lang::Nl, now).unwrap();
        })
    });
}
