//! The system clock set during a session, and a display on a machine whose
//! clock differs: the real binary in tmux, with a small `LD_PRELOAD` shim
//! that shifts `CLOCK_REALTIME` (and `time`) by a number of seconds read
//! from a file on every call, so a test can set the clock mid-run.
//! `CLOCK_BOOTTIME` and `CLOCK_MONOTONIC` are left alone, as a real clock
//! change leaves them.
#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::tmux::Tmux;
use common::{SEED, scratch};

const SHIM: &str = r#"
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

/* Seconds to add to the wall clock, read from $HAMER_CLOCK_SHIFT each call. */
static long shift(void) {
    const char *path = getenv("HAMER_CLOCK_SHIFT");
    long s = 0;
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f) {
        if (fscanf(f, "%ld", &s) != 1) s = 0;
        fclose(f);
    }
    return s;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
    int rc = (int)syscall(SYS_clock_gettime, id, ts);
    if (rc == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
        ts->tv_sec += shift();
    return rc;
}

time_t time(time_t *t) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (t) *t = ts.tv_sec;
    return ts.tv_sec;
}
"#;

/// Build the shim into `dir`; its path.
fn build_shim(dir: &Path) -> PathBuf {
    let src = dir.join("clockshift.c");
    let lib = dir.join("libclockshift.so");
    std::fs::write(&src, SHIM).unwrap();
    let out = Command::new("cc")
        .args(["-shared", "-fPIC", "-O1", "-o"])
        .arg(&lib)
        .arg(&src)
        .output()
        .expect("a C compiler (cc) for the clock shim");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lib
}

/// A wall clock for one process: `shift` seconds off, changeable.
struct Shift {
    file: PathBuf,
}

impl Shift {
    fn new(dir: &Path, name: &str, secs: i64) -> Shift {
        let s = Shift {
            file: dir.join(name),
        };
        s.set(secs);
        s
    }

    fn set(&self, secs: i64) {
        // Written whole and renamed: the shim never reads half a number.
        let tmp = self.file.with_extension("tmp");
        std::fs::write(&tmp, secs.to_string()).unwrap();
        std::fs::rename(&tmp, &self.file).unwrap();
    }

    /// The environment that runs a command on this clock.
    fn env(&self, shim: &Path) -> String {
        format!(
            "LD_PRELOAD={} HAMER_CLOCK_SHIFT={}",
            shim.display(),
            self.file.display()
        )
    }
}

/// The first `m:ss` after `after` on the screen, in seconds.
fn mss_after(screen: &str, after: &str) -> Option<i64> {
    let at = screen.find(after)? + after.len();
    let time: String = screen[at..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (m, s) = time.split_once(':')?;
    Some(m.parse::<i64>().ok()? * 60 + s.parse::<i64>().ok()?)
}

/// Seconds left on the chair's screen ("nog 4:57").
fn chair_left(screen: &str) -> i64 {
    mss_after(screen, "nog ").unwrap_or_else(|| panic!("no time left on screen:\n{screen}"))
}

/// Add an inspreker on the chair's screen and start them (5:00).
fn start_inspreker(run: &Tmux) {
    run.wait_for("NIET GEOPEND");
    run.keys(&["]", "]", "]"]);
    run.wait_for("▶ Insprekers");
    run.keys(&["p"]);
    run.wait_for("Nieuwe inspreker");
    run.keys(&["Enter"]);
    run.literal("Jan de Vries");
    run.keys(&["Enter"]);
    run.wait_for("1.  Jan de Vries");
    run.keys(&["Enter"]);
    run.wait_for("SPREEKT");
}

#[test]
fn a_clock_set_back_or_forward_neither_freezes_nor_jumps_a_speech() {
    let (dir, _) = scratch();
    let shim = build_shim(dir.path());
    let wall = Shift::new(dir.path(), "shift", 0);
    let bin = env!("CARGO_BIN_EXE_hamer");
    let name = format!("hamer-shim-run-{}", std::process::id());
    let run = Tmux::start_sized(
        &name,
        dir.path(),
        (120, 40),
        &format!("{} {bin} run {SEED}", wall.env(&shim)),
    );
    start_inspreker(&run);
    let started = Instant::now();
    let a = chair_left(&run.capture());

    // Back a minute: the speaker's time keeps counting down.
    wall.set(-60);
    std::thread::sleep(Duration::from_millis(1500));
    let screen_b = run.capture();
    let b = chair_left(&screen_b);
    assert!(b < a && a - b <= 3, "set back 60 s: {a} -> {b}\n{screen_b}");
    // Said on screen.
    run.wait_for("Systeemklok verzet (-60 s)");

    // Forward an hour: not over time, still counting.
    run.keys(&["Escape"]);
    wall.set(3600);
    std::thread::sleep(Duration::from_millis(1500));
    let screen_c = run.capture();
    assert!(!screen_c.contains("TIJD OM"), "{screen_c}");
    let c = chair_left(&screen_c);
    assert!(
        c < b && b - c <= 3,
        "forward an hour: {b} -> {c}\n{screen_c}"
    );
    run.wait_for("Systeemklok verzet (+3600 s)");
    // Said once: the notice does not come back after Esc.
    run.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(1200));
    assert!(
        !run.capture().contains("Systeemklok verzet"),
        "{}",
        run.capture()
    );

    // End the speech and quit; the record has its real length.
    run.keys(&["x"]);
    let spoke = started.elapsed().as_secs() as i64;
    run.wait_for("Niemand spreekt");
    run.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(500));
    drop(run);
    let md = common::export_markdown(dir.path());
    // The seconds are in the CSV (the Markdown has whole minutes).
    let csv = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir.path())
        .args(["export", SEED, "--format", "csv"])
        .output()
        .expect("run hamer export");
    let csv = String::from_utf8(csv.stdout).expect("UTF-8");
    let row = csv
        .lines()
        .find(|l| l.contains(",Jan de Vries,"))
        .unwrap_or_else(|| panic!("no speech of Jan de Vries:\n{csv}"));
    // item,start,end,seconds,speaker,…
    let secs: i64 = row
        .split(',')
        .nth(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{row}"));
    assert!(
        (spoke - 2..=spoke + 2).contains(&secs),
        "the speech lasted {spoke} s, recorded {secs} s: {row}"
    );
    assert!(md.contains("## Klok"), "{md}");
    assert!(md.contains("(-60 s)") && md.contains("(+3600 s)"), "{md}");
}

#[test]
fn a_display_on_a_clock_30_s_off_shows_what_the_chair_sees() {
    let (dir, _) = scratch();
    let shim = build_shim(dir.path());
    let bin = env!("CARGO_BIN_EXE_hamer");
    let id = std::process::id();
    let writer = Shift::new(dir.path(), "writer", 0);
    // Two displays, one with its clock 30 s ahead, one 30 s behind; two
    // rows each, so the time is plain text: "4:57 SPREEKT".
    let displays: Vec<(i64, Tmux)> = [30, -30]
        .into_iter()
        .map(|secs| {
            let shift = Shift::new(dir.path(), &format!("display{secs}"), secs);
            let t = Tmux::start_sized(
                &format!("hamer-shim-display{secs}-{id}"),
                dir.path(),
                (40, 2),
                &format!("{} {bin} display {SEED}", shift.env(&shim)),
            );
            (secs, t)
        })
        .collect();
    for (_, d) in &displays {
        d.wait_for("Wachten op de sessie");
    }
    let run = Tmux::start_sized(
        &format!("hamer-shim-chair-{id}"),
        dir.path(),
        (120, 40),
        &format!("{} {bin} run {SEED}", writer.env(&shim)),
    );
    start_inspreker(&run);
    for (secs, d) in &displays {
        d.wait_for("SPREEKT");
        // Both panes captured back to back, six times over three seconds:
        // never more than a second apart (a second rolling over between
        // the two captures), and mostly the same.
        let mut same = 0;
        let mut seen = Vec::new();
        for _ in 0..6 {
            let chair = run.capture();
            let shown = d.capture();
            let c = chair_left(&chair);
            let s = mss_after(&shown, "").unwrap_or_else(|| panic!("{shown}"));
            assert!(
                (c - s).abs() <= 1,
                "display {secs:+} s shows {s} s left, the chair {c} s\n{chair}\n{shown}"
            );
            same += i32::from(c == s);
            seen.push((c, s));
            std::thread::sleep(Duration::from_millis(450));
        }
        assert!(same >= 4, "display {secs:+} s: {seen:?}");
    }
    run.keys(&["x", "q"]);
    for (_, d) in &displays {
        d.keys(&["q"]);
    }
}
