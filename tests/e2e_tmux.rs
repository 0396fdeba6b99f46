//! End to end in a real terminal: the hamer binary in tmux, driven with
//! send-keys and read with capture-pane. Add an inspreker and start them,
//! see the time count down across two captures; kill -9 the process, start
//! it again, and see the same speaker still running with the time moved on.
//!
//! CI runs this file against the release binary too (see .ci/run).

use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::tmux::{Tmux, tmux};
use common::{SEED, scratch};

/// Seconds left as shown in words: "nog 4:57".
fn seconds_left(screen: &str) -> u32 {
    let at = screen
        .find("nog ")
        .unwrap_or_else(|| panic!("no time left on screen:\n{screen}"));
    let rest = &screen[at + 4..];
    let time: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (m, s) = time.split_once(':').unwrap();
    m.parse::<u32>().unwrap() * 60 + s.parse::<u32>().unwrap()
}

#[test]
fn run_a_speaker_then_kill_9_and_restart() {
    let (dir, _) = scratch();
    let bin = env!("CARGO_BIN_EXE_hamer");
    let cmd = format!("{bin} run {SEED}");
    let name = format!("hamer-e2e-{}", std::process::id());
    let t = Tmux::start(&name, dir.path(), &cmd);
    t.wait_for("Rekenkameronderzoek Datagedreven Sturing");
    t.wait_for("NIET GEOPEND");

    // To the insprekers, add one, start them.
    t.keys(&["]", "]", "]"]);
    t.wait_for("▶ Insprekers");
    t.keys(&["p"]);
    t.wait_for("Nieuwe inspreker");
    t.keys(&["Enter"]);
    t.literal("Jan de Vries");
    t.keys(&["Tab"]);
    t.literal("Wijkraad Noord");
    t.keys(&["Enter"]);
    t.wait_for("1.  Jan de Vries");
    t.keys(&["Enter"]);
    let first = t.wait_for("SPREEKT");
    assert!(first.contains("inspreker · Wijkraad Noord"), "{first}");
    let a = seconds_left(&first);
    assert!((295..=300).contains(&a), "{a}\n{first}");

    // The time counts down between two captures.
    std::thread::sleep(Duration::from_millis(2500));
    let second = t.capture();
    let b = seconds_left(&second);
    assert!(b < a && a - b >= 2 && a - b <= 4, "{a} -> {b}\n{second}");
    assert!(second.contains("✓ opgeslagen"), "{second}");

    // kill -9, then start again.
    let pid = t.pid();
    let killed = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    drop(t);
    std::thread::sleep(Duration::from_millis(1500));
    let t = Tmux::start(&format!("{name}-again"), dir.path(), &cmd);
    let again = t.wait_for("SPREEKT");
    assert!(again.contains("Jan de Vries"), "{again}");
    let c = seconds_left(&again);
    assert!(
        c < b,
        "the time moved on while hamer was dead: {b} -> {c}\n{again}"
    );
    assert!(b - c <= 6, "{b} -> {c}");
    // And still counting.
    std::thread::sleep(Duration::from_millis(2200));
    let d = seconds_left(&t.capture());
    assert!(d < c, "{c} -> {d}");
    t.keys(&["x", "q"]);
}

#[test]
fn a_tiny_terminal_says_so() {
    let (dir, _) = scratch();
    let bin = env!("CARGO_BIN_EXE_hamer");
    let name = format!("hamer-e2e-tiny-{}", std::process::id());
    let t = Tmux::start(&name, dir.path(), &format!("{bin} run {SEED}"));
    t.wait_for("Rekenkameronderzoek");
    let ok = tmux()
        .args(["resize-window", "-t", &name, "-x", "60", "-y", "15"])
        .status()
        .unwrap();
    assert!(ok.success());
    t.wait_for("Terminal te klein");
    let ok = tmux()
        .args(["resize-window", "-t", &name, "-x", "120", "-y", "40"])
        .status()
        .unwrap();
    assert!(ok.success());
    t.wait_for("Sprekerslijst");
    t.keys(&["q"]);
}

#[test]
fn the_clerk_records_outcomes_and_exports_them() {
    let (dir, _) = scratch();
    let bin = env!("CARGO_BIN_EXE_hamer");
    let name = format!("hamer-e2e-clerk-{}", std::process::id());
    let t = Tmux::start(&name, dir.path(), &format!("{bin} run {SEED}"));
    t.wait_for("Rekenkameronderzoek");
    t.keys(&["Tab"]);
    t.wait_for("Standpunten");
    // Advice: hamerstuk.
    t.keys(&["a", "2", "Enter"]);
    t.wait_for("Behandeld, agenderen hamerstuk Raad");
    // A commitment by the portfolio holder (filled in), with a due date.
    t.keys(&["t"]);
    t.wait_for("wat is toegezegd");
    t.literal("Dialoog over kaders, met presidium");
    t.keys(&["Tab", "Tab"]);
    t.literal("najaar 2023");
    t.keys(&["Enter"]);
    t.wait_for("Freriksen: Dialoog over kaders");
    // Positions: BBH supports, VVD supports with reservation, with a note
    // (a position key keeps the selection on its faction).
    t.keys(&["1", "Down", "2", "Enter"]);
    t.wait_for("toelichting");
    t.literal("privacy | waarborgen");
    t.keys(&["Enter"]);
    t.wait_for("privacy | waarborgen");
    // Quit (nobody speaks, so no question), then export.
    t.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(500));
    drop(t);
    let md = common::export_markdown(dir.path());
    assert!(
        md.contains("**Behandeld, agenderen hamerstuk Raad**"),
        "{md}"
    );
    assert!(
        md.contains(
            "Freriksen: Dialoog over kaders, met presidium — termijn: najaar 2023 · status: open"
        ),
        "{md}"
    );
    assert!(md.contains("| BurgerBelangen | steunt |  |"), "{md}");
    assert!(
        md.contains("| VVD | steunt met voorbehoud | privacy \\| waarborgen |"),
        "{md}"
    );
}

#[test]
fn the_display_follows_run_across_a_kill() {
    let (dir, _) = scratch();
    let bin = env!("CARGO_BIN_EXE_hamer");
    let id = std::process::id();
    let display = Tmux::start(
        &format!("hamer-e2e-display-{id}"),
        dir.path(),
        &format!("{bin} display {SEED}"),
    );
    display.wait_for("Wachten op de sessie");
    let run_cmd = format!("{bin} run {SEED}");
    let run = Tmux::start(&format!("hamer-e2e-run-{id}"), dir.path(), &run_cmd);
    run.wait_for("NIET GEOPEND");
    run.keys(&["w"]);
    run.wait_for("Freriksen");
    run.keys(&["Enter"]);
    run.wait_for("1.  Freriksen");
    let started = Instant::now();
    run.keys(&["Enter"]);
    display.wait_for("SPREEKT");
    assert!(
        started.elapsed() < Duration::from_millis(1000),
        "the display took {:?}",
        started.elapsed()
    );
    assert!(display.capture().contains("Freriksen"));
    // kill -9 the writer; the display goes on, and so does a new writer.
    let pid = run.pid();
    assert!(
        Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    drop(run);
    std::thread::sleep(Duration::from_millis(600));
    assert!(
        display.capture().contains("SPREEKT"),
        "{}",
        display.capture()
    );
    let run = Tmux::start(&format!("hamer-e2e-run2-{id}"), dir.path(), &run_cmd);
    run.wait_for("SPREEKT");
    run.keys(&["Space"]);
    display.wait_for("PAUZE");
    run.keys(&["Space", "x", "q"]);
    display.wait_for("SESSIETIJD");
    display.keys(&["q"]);
}

/// The header clock is the council's wall clock (Europe/Amsterdam), not
/// the machine's: run under `TZ=America/New_York`, it shows Amsterdam's
/// time (issue 16).
#[test]
fn the_header_clock_is_the_councils_whatever_tz() {
    let (dir, _) = scratch();
    let bin = env!("CARGO_BIN_EXE_hamer");
    let cmd = format!("env TZ=America/New_York {bin} run {SEED}");
    let name = format!("hamer-e2e-tz-{}", std::process::id());
    let t = Tmux::start(&name, dir.path(), &cmd);
    let screen = t.wait_for("NIET GEOPEND");
    let header = screen.lines().next().unwrap_or("").trim_end();
    // The minute may turn between the capture and this.
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Amsterdam);
    let shown: Vec<String> = [now, now - chrono::Duration::minutes(1)]
        .iter()
        .map(|t| t.format("%H:%M").to_string())
        .collect();
    assert!(
        shown.iter().any(|s| header.ends_with(s.as_str())),
        "the header says {header:?}, Amsterdam's time is {shown:?}"
    );
}
