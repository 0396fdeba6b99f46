//! The terminal is a resource too (issue 12, items 4, 12 and 13): a
//! command that needs a terminal says so before it touches any file; the
//! screens use the alternate screen, so the shell's screen comes back; and
//! every way out (q, SIGTERM, SIGHUP, SIGINT, SIGQUIT, a panic) gives the
//! terminal back, closes the journal and removes its owner file.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::tmux::Tmux;
use common::{SEED, scratch};

const BIN: &str = env!("CARGO_BIN_EXE_hamer");

/// The names and bytes of every file in a folder.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    all.sort();
    all
}

/// A journal with one event, as `hamer run` leaves it.
fn journal_with_a_note(session: &Path) {
    let mut m = common::open(session, hamer::clock::FakeClock::at_seed());
    m.act(hamer::meeting::Action::Note("bewaar mij".into()))
        .unwrap();
}

#[test]
fn without_a_terminal_nothing_is_touched() {
    let (dir, session) = scratch();
    journal_with_a_note(&session);
    // For bare `hamer`: sessions to pick from.
    let sessions = dir.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    common::copy_seed(&sessions);
    let before = [snapshot(dir.path()), snapshot(&sessions)];
    let setsid = Path::new("/usr/bin/setsid").exists();
    for args in [
        vec!["run", SEED, "--fresh"],
        vec!["run", SEED],
        vec!["display", SEED],
        vec![],
    ] {
        // As from a script: no input, output to a pipe, and (with setsid)
        // no controlling terminal to fall back on.
        let mut cmd = if setsid {
            let mut c = Command::new("setsid");
            c.arg("-w").arg(BIN);
            c
        } else {
            Command::new(BIN)
        };
        let out = cmd
            .args(&args)
            .current_dir(dir.path())
            .env("HAMER_LANG", "en")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("needs a terminal"), "{args:?}: {stderr}");
        let name = if args.is_empty() {
            "hamer needs".to_owned()
        } else {
            format!("hamer {} needs", args[0])
        };
        assert!(stderr.contains(&name), "{args:?}: {stderr}");
        let after = [snapshot(dir.path()), snapshot(&sessions)];
        assert_eq!(after, before, "{args:?} touched a file");
    }
}

/// A shell in tmux with a marker on its screen, ready for a command.
fn shell(name: &str, dir: &Path) -> Tmux {
    let t = Tmux::start(name, dir, "bash --norc --noprofile");
    t.literal("PS1='$ '; echo SHELL-BEFORE-HAMER");
    t.keys(&["Enter"]);
    t.wait_for("SHELL-BEFORE-HAMER\n");
    t
}

/// The pid of the shell's one child (the program it runs).
fn child_of(t: &Tmux) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let out = Command::new("pgrep")
            .args(["-P", &t.pid().to_string()])
            .output()
            .unwrap();
        if let Some(pid) = String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
        {
            return pid;
        }
        assert!(Instant::now() < deadline, "no child of the shell");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// After the program ended: its exit status as the shell saw it, and the
/// terminal as the shell has it (echo and line editing on, cursor shown,
/// the shell's own screen back).
fn assert_given_back(t: &Tmux, status: &str) {
    // The command line reads `EXIT-$?-`; only the shell's output has the
    // number in it.
    t.wait_for(&format!("EXIT-{status}-"));
    t.wait_format("#{alternate_on}", "0");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor hidden");
    t.literal("stty -a | tr ' ' '\\n' | grep -xE -- '-?(echo|icanon|isig)' | tr '\\n' ' '; echo");
    t.keys(&["Enter"]);
    let screen = t.wait_for("icanon");
    assert!(
        screen.contains("echo icanon isig") || screen.contains("isig icanon echo"),
        "the terminal is left raw:\n{screen}"
    );
    assert!(
        screen.contains("SHELL-BEFORE-HAMER"),
        "the shell's screen is gone:\n{screen}"
    );
}

#[test]
fn signals_give_the_terminal_back_and_close_the_journal() {
    for (sig, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let (dir, session) = scratch();
        let name = format!("hamer-sig-{sig}-{}", std::process::id());
        let t = shell(&name, dir.path());
        t.literal(&format!("{BIN} run {SEED}; echo EXIT-$?-"));
        t.keys(&["Enter"]);
        t.wait_for("NIET GEOPEND");
        t.wait_format("#{alternate_on}", "1");
        let owner = session.with_extension("journal.owner");
        assert!(owner.exists(), "no owner file while running");
        let pid = child_of(&t);
        let killed = Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        assert_given_back(&t, &(128 + number).to_string());
        assert!(!owner.exists(), "SIG{sig}: the owner file is left behind");
        let journal = std::fs::read_to_string(session.with_extension("journal")).unwrap();
        assert!(journal.ends_with('\n'), "SIG{sig}: the journal ends torn");
    }
}

/// Not a test of its own: with `HAMER_PANIC_CHILD` set (by
/// [`a_panic_gives_the_terminal_back`], in tmux), take the terminal as every
/// screen does, hide the cursor as a frame does, and panic.
#[test]
fn panic_child() {
    if std::env::var_os("HAMER_PANIC_CHILD").is_none() {
        return;
    }
    let _terminal = hamer::tui::term::take().expect("a terminal");
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Hide);
    std::thread::sleep(Duration::from_millis(300));
    panic!("on purpose, to test the panic hook");
}

#[test]
fn a_panic_gives_the_terminal_back() {
    let exe = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let t = shell(&format!("hamer-panic-{}", std::process::id()), dir.path());
    t.literal(&format!(
        "HAMER_PANIC_CHILD=1 RUST_BACKTRACE=0 {} --exact panic_child --nocapture --test-threads=1; echo EXIT-$?-",
        exe.display()
    ));
    t.keys(&["Enter"]);
    t.wait_format("#{alternate_on}", "1");
    // The test harness reports a failed test with 101.
    assert_given_back(&t, "101");
    let screen = t.capture();
    assert!(
        screen.contains("on purpose"),
        "the panic message:\n{screen}"
    );
}

#[test]
fn the_shell_screen_comes_back_after_q() {
    let (dir, _) = scratch();
    let t = shell(&format!("hamer-alt-{}", std::process::id()), dir.path());
    t.literal(&format!("{BIN} run {SEED}; echo EXIT-$?-"));
    t.keys(&["Enter"]);
    t.wait_for("NIET GEOPEND");
    t.wait_format("#{alternate_on}", "1");
    t.keys(&["q"]);
    assert_given_back(&t, "0");
    let screen = t.capture();
    assert!(
        !screen.contains("NIET GEOPEND") && !screen.contains("Rekenkameronderzoek"),
        "the last frame stayed on the shell's screen:\n{screen}"
    );
}

/// Issue 14: the picker says per session how it stands, selects the next
/// one, and the chair's screen starts clean after it.
#[test]
fn the_picker_leaves_nothing_behind() {
    let (dir, _) = scratch();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    for f in [SEED, common::COUNCIL] {
        std::fs::rename(dir.path().join(f), sessions.join(f)).unwrap();
    }
    // The seed session was held and closed at 20:22.
    let clock = hamer::clock::FakeClock::at_seed();
    let mut m = common::open(&sessions.join(SEED), clock.clone());
    m.act(hamer::meeting::Action::Open).unwrap();
    clock.advance_secs(52 * 60);
    m.act(hamer::meeting::Action::Close).unwrap();
    drop(m);
    // A session far ahead, not started: the next one.
    let seed = std::fs::read_to_string(sessions.join(SEED)).unwrap();
    let next = seed
        .replace("date: \"2023-03-08\"", "date: \"2099-01-01\"")
        .replace(
            "title: \"Rekenkameronderzoek Datagedreven Sturing\"",
            "title: \"Een latere sessie\"",
        );
    assert!(next.contains("2099-01-01") && next.contains("Een latere sessie"));
    std::fs::write(sessions.join("0-later.ron"), next).unwrap();
    let before = snapshot(&sessions);
    let t = shell(&format!("hamer-pick-{}", std::process::id()), dir.path());
    t.literal(&format!("{BIN}; echo EXIT-$?-"));
    t.keys(&["Enter"]);
    t.wait_for("kies een sessie");
    t.wait_format("#{alternate_on}", "1");
    let screen = t.wait_for("niet gestart");
    assert!(screen.contains("gesloten 20:22"), "{screen}");
    // Sorted by date, though the file name sorts first.
    let old = screen.find("2023-03-08").expect("the seed session");
    let later = screen.find("2099-01-01").expect("the later session");
    assert!(old < later, "{screen}");
    let selected: Vec<&str> = screen.lines().filter(|l| l.contains('▶')).collect();
    assert_eq!(selected.len(), 1, "{screen}");
    assert!(
        selected[0].contains("Een latere sessie") && selected[0].contains("niet gestart"),
        "the next session is not selected:\n{screen}"
    );
    // The picker only read: no journal, lock or owner file appeared.
    assert_eq!(snapshot(&sessions), before, "the picker touched a file");
    t.keys(&["Enter"]);
    let screen = t.wait_for("NIET GEOPEND");
    assert!(
        !screen.contains("kies een sessie")
            && !screen.contains("Enter openen")
            && !screen.contains("gesloten 20:22"),
        "the picker's remains are on the chair's screen:\n{screen}"
    );
    assert!(screen.contains("Een latere sessie"), "{screen}");
    t.keys(&["q"]);
    assert_given_back(&t, "0");
}
