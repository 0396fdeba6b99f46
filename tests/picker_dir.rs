//! `hamer DIR`: the session picker on a folder named on the command line
//! (issue 14); a file, a missing folder and a folder without sessions are
//! refused with exit status 2 and a message that names the path.

use std::process::Command;

mod common;
use common::tmux::Tmux;
use common::{SEED, scratch};

const BIN: &str = env!("CARGO_BIN_EXE_hamer");

/// `hamer ARG` in `dir`, in Dutch, without a terminal: status and stderr.
fn hamer(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let o = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .env_remove("HAMER_LANG")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_folder_without_sessions_is_said_with_its_name() {
    let (dir, _) = scratch();
    std::fs::create_dir(dir.path().join("leeg")).unwrap();
    let (code, err) = hamer(dir.path(), &["leeg"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("geen sessiebestanden (*.ron) in leeg"),
        "{err}"
    );
    let (code, err) = hamer(dir.path(), &["--lang", "en", "leeg"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no session files (*.ron) in leeg"), "{err}");
}

#[test]
fn a_file_or_a_missing_folder_is_refused() {
    let (dir, _) = scratch();
    let (code, err) = hamer(dir.path(), &[SEED]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("is een bestand, geen map") && err.contains(&format!("hamer run {SEED}")),
        "{err}"
    );
    let (code, err) = hamer(dir.path(), &["bestaat-niet"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("de map bestaat-niet bestaat niet"), "{err}");
    // Nothing was written next to the session.
    assert!(!dir.path().join(format!("{SEED}.journal")).exists());
}

#[test]
fn a_folder_with_sessions_asks_for_a_terminal_without_one() {
    let (dir, _) = scratch();
    let (code, err) = hamer(dir.path(), &["."]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("heeft een terminal nodig"), "{err}");
    // Subcommands still win over a folder argument.
    let (code, err) = hamer(dir.path(), &["check", SEED]);
    assert_eq!(code, Some(0), "{err}");
}

/// In a terminal, `hamer DIR` offers the sessions of DIR (not ./sessions)
/// and `q` leaves the picker with status 0.
#[test]
fn the_picker_opens_on_the_folder_named() {
    let (dir, _) = scratch();
    let elders = dir.path().join("elders");
    std::fs::create_dir(&elders).unwrap();
    for f in [SEED, common::COUNCIL] {
        std::fs::rename(dir.path().join(f), elders.join(f)).unwrap();
    }
    let t = Tmux::start(
        &format!("hamer-pickdir-{}", std::process::id()),
        dir.path(),
        "bash --norc --noprofile",
    );
    t.literal("PS1='$ '; echo SHELL-BEFORE-HAMER");
    t.keys(&["Enter"]);
    t.wait_for("SHELL-BEFORE-HAMER\n");
    t.literal(&format!("{BIN} elders; echo EXIT-$?-"));
    t.keys(&["Enter"]);
    t.wait_for("kies een sessie");
    let screen = t.wait_for("2023-03-08");
    assert!(screen.contains("niet gestart"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("EXIT-0-");
    t.wait_format("#{alternate_on}", "0");
    // The picker only read.
    assert!(!elders.join(format!("{SEED}.journal")).exists());
}
