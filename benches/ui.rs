//! Screen benchmark (issue 4): handling a key and drawing a frame at
//! 200x60 into a TestBackend. Target: under 2 ms.
//!
//! cargo bench --bench ui

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use hamer::clock::FakeClock;
use hamer::i18n::Lang;
use hamer::meeting::{Action, Meeting, OpenOptions, Speaker, SpeechKind};
use hamer::tui::app::App;
use hamer::tui::view::{Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> (tempfile::TempDir, App<FakeClock>, FakeClock) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for f in [
        "2023-03-08-datagedreven-sturing.ron",
        "hengelo-2022-2026.ron",
    ] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let session = dir.path().join("2023-03-08-datagedreven-sturing.ron");
    let plan = hamer::session::load_session(&session).unwrap().value;
    let bytes = std::fs::read(&session).unwrap();
    let clock = FakeClock::at_seed();
    let options = OpenOptions {
        journal: None,
        fresh: false,
        data_dir: None,
    };
    let (mut m, _) = Meeting::open(plan, &bytes, clock.clone(), &options).unwrap();
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
    let theme = Theme { color: true };
    let draw = |app: &App<FakeClock>, terminal: &mut Terminal<TestBackend>| {
        let now = app.now();
        terminal
            .draw(|f| {
                let area = f.area();
                f.render_widget(Screen { app, now, theme }, area);
            })
            .unwrap();
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
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
