//! Shared by the integration tests and benches: a scratch copy of the seed
//! session and its council, and opening it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hamer::clock::Clock;
use hamer::i18n::Lang;
use hamer::meeting::{Meeting, OpenOptions};

pub mod golden;
pub mod mutate;
pub mod tmux;

pub const SEED: &str = "2023-03-08-datagedreven-sturing.ron";
pub const COUNCIL: &str = "hengelo-2022-2026.ron";

/// Copy the seed session and its council into `dir`; the session's path.
pub fn copy_seed(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for f in [SEED, COUNCIL] {
        std::fs::copy(src.join(f), dir.join(f)).expect("copy a sample session");
    }
    dir.join(SEED)
}

/// A scratch folder with the seed session; the folder lives as long as the
/// returned guard.
pub fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let session = copy_seed(dir.path());
    (dir, session)
}

/// The seed evening (`meeting::sim::seed_evening`: the seed session
/// played through as a real evening, opened at 19:30 on its date) written
/// as the seed session's journal beside a scratch copy of the session and
/// its council. The folder and the session's path.
pub fn seed_evening() -> (tempfile::TempDir, PathBuf) {
    use std::io::Write;
    let (dir, session) = scratch();
    let bytes = std::fs::read(&session).expect("the seed session");
    let opened = hamer::clock::parse_ts("2023-03-08T19:30:00+01:00");
    let header = hamer::journal::Header {
        format: hamer::journal::FORMAT,
        app: "hamer test".into(),
        session: SEED.into(),
        session_hash: hamer::journal::session_hash(&bytes),
        created: opened,
    };
    let path = dir.path().join(SEED.replace(".ron", ".journal"));
    let mut out = std::fs::File::create(&path).expect("a journal");
    writeln!(out, "{}", ron::to_string(&header).unwrap()).unwrap();
    for r in hamer::meeting::sim::seed_evening(opened) {
        writeln!(out, "{}", ron::to_string(&r).unwrap()).unwrap();
    }
    (dir, session)
}

/// Open a session's journal in its default place.
pub fn open<C: Clock>(session: &Path, clock: C) -> Meeting<C> {
    Meeting::open_file(session, clock, &OpenOptions::default(), Lang::Nl)
        .expect("open the session")
        .0
}

/// The sample files in `sessions/` that the parsers are tried on.
pub const SAMPLES: [&str; 4] = [
    "2023-03-08-datagedreven-sturing.ron",
    "2023-05-10-omgevingsvisie-beeldvormend.ron",
    "hengelo-2022-2026.ron",
    "minimal.ron",
];

/// A sample file's path and bytes.
pub fn sample(name: &str) -> (PathBuf, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .join(name);
    let bytes = std::fs::read(&path).expect("sample");
    (path, bytes)
}

/// Draw the chair's screen (or the clerk's view, as the app is set) at the
/// terminal's size; `color: false` as with NO_COLOR.
pub fn draw_screen<C: Clock>(
    t: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    app: &hamer::tui::app::App<C>,
    now: hamer::clock::Ts,
    color: bool,
) -> std::io::Result<()> {
    t.draw(|f| {
        let area = f.area();
        f.render_widget(
            hamer::tui::view::Screen {
                app,
                now,
                theme: hamer::tui::view::Theme { color },
            },
            area,
        )
    })
    .map(|_| ())
    .map_err(|e| std::io::Error::other(e.to_string()))
}

/// The chair's screen (or the clerk's view) at `w`x`h`, as text.
pub fn screen_text<C: Clock>(app: &hamer::tui::app::App<C>, w: u16, h: u16, color: bool) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    draw_screen(&mut t, app, app.now(), color).unwrap();
    t.backend().to_string()
}

/// Draw the public display at the terminal's size.
pub fn draw_display(
    t: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    follower: &hamer::follow::Follower,
    plan: &hamer::session::SessionPlan,
    lang: Lang,
    now: hamer::clock::Ts,
) -> std::io::Result<()> {
    t.draw(|f| {
        let area = f.area();
        f.render_widget(
            hamer::tui::display::Display {
                follower,
                plan,
                thresholds: hamer::meeting::thresholds(plan),
                lang,
                now,
                theme: hamer::tui::view::Theme { color: true },
            },
            area,
        )
    })
    .map(|_| ())
    .map_err(|e| std::io::Error::other(e.to_string()))
}

/// The public display at `w`x`h`, as text.
pub fn display_text(
    follower: &hamer::follow::Follower,
    plan: &hamer::session::SessionPlan,
    now: hamer::clock::Ts,
    lang: Lang,
    w: u16,
    h: u16,
) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    draw_display(&mut t, follower, plan, lang, now).unwrap();
    t.backend().to_string()
}

/// `hamer export` of the seed session in `dir`, in Dutch: the Markdown
/// record (the export must succeed).
pub fn export_markdown(dir: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir)
        .args(["export", SEED])
        .env_remove("HAMER_LANG")
        .output()
        .expect("run hamer export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the record is UTF-8")
}
