//! The seed session from opening to conclusion, through the keys alone, in a
//! real terminal (tmux): the chair opens, speaks, gives the floor to the
//! Rekenkamer, two insprekers (one over the limit), six factions with an
//! interruption by a named member, the wethouder, a recess of set length,
//! a second round, the conclusion, the clerk's toezegging and advice, the
//! close; then quit and start again, and everything is still there.
//!
//! Each step waits for its event in the journal (the truth) and checks what
//! the screen says where it matters.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;
use common::scratch;
use common::tmux::Tmux;

/// The journal as text.
fn journal(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// How many events of this kind the journal has.
fn count(path: &Path, event: &str) -> usize {
    journal(path).matches(&format!("event:{event}")).count()
}

/// Wait until the journal has `n` events of this kind.
fn wait_events(t: &Tmux, path: &Path, event: &str, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while count(path, event) < n {
        assert!(
            Instant::now() < deadline,
            "waited for {n} × {event}; the journal is:\n{}\nthe screen is:\n{}",
            journal(path),
            t.capture()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

struct Run {
    t: Tmux,
    journal: PathBuf,
}

impl Run {
    /// Keys, then wait for the `n`th event of a kind.
    fn step(&self, keys: &[&str], event: &str, n: usize) {
        self.t.keys(keys);
        wait_events(&self.t, &self.journal, event, n);
    }

    /// Queue a faction speaker: the faction by typing its code, then a name
    /// from the list (`None`: "namens de fractie", the first row).
    fn faction(&self, code: &str, name: Option<&str>, queued: usize) {
        self.t.keys(&["f"]);
        self.t.literal(code);
        self.t.keys(&["Enter"]);
        self.t.wait_for("namens de fractie");
        if let Some(name) = name {
            self.t.literal(name);
        }
        self.step(&["Enter"], "SpeakerQueued", queued);
    }

    /// `]` while someone speaks: the chair is asked, Enter ends the speech.
    fn next_item_ending_speech(&self, items: usize) {
        self.t.keys(&["]"]);
        self.t.wait_for("Volgend agendapunt");
        self.step(&["Enter"], "ItemStarted", items);
    }
}

#[test]
fn the_seed_session_from_opening_to_conclusion_by_keys() {
    let (dir, session) = scratch();
    let bin = env!("CARGO_BIN_EXE_hamer");
    let cmd = format!("{bin} run {} --no-bell", session.display());
    let name = format!("hamer-seed-{}", std::process::id());
    let run = Run {
        t: Tmux::start(&name, dir.path(), &cmd),
        journal: session.with_extension("journal"),
    };
    let t = &run.t;
    t.wait_for("Rekenkameronderzoek Datagedreven Sturing");

    // Opening: `o` opens and starts the first item; the chair speaks.
    run.step(&["o"], "SessionStarted", 1);
    run.t.keys(&["v"]);
    t.wait_for("Sander Janssen");
    run.step(&["Enter"], "SpeakerQueued", 1);
    run.step(&["Enter"], "SpeechStarted", 1);
    t.wait_for("voorzitter");

    // The Rekenkamer presents: `]` asks about the chair's speech first.
    run.next_item_ending_speech(1);
    assert_eq!(count(&run.journal, "SpeechEnded"), 0);
    assert!(journal(&run.journal).contains("ItemStarted(index:1,end_speech:true)"));
    t.keys(&["p", "Down", "Down", "Enter"]);
    t.literal("Louis Rings");
    t.keys(&["Tab"]);
    t.literal("Rekenkamer Hengelo");
    run.step(&["Enter"], "SpeakerQueued", 2);
    run.step(&["Enter"], "SpeechStarted", 2);
    t.wait_for("Louis Rings");

    // Two insprekers; the second runs over the limit.
    run.next_item_ending_speech(2);
    for (n, (who, org)) in [("Methorst", "stichting 't Neutje"), ("Anna de Boer", "")]
        .iter()
        .enumerate()
    {
        t.keys(&["p", "Enter"]);
        t.literal(who);
        if !org.is_empty() {
            t.keys(&["Tab"]);
            t.literal(org);
        }
        run.step(&["Enter"], "SpeakerQueued", 3 + n);
    }
    run.step(&["Enter"], "SpeechStarted", 3);
    let first = t.wait_for("Methorst");
    assert!(first.contains("5:00") || first.contains("4:5"), "{first}");
    run.step(&["x"], "SpeechEnded", 1);
    run.step(&["Enter"], "SpeechStarted", 4);
    // The chair takes the time away: ten times 30 seconds is the whole limit.
    for n in 1..=10 {
        run.step(&["-"], "LimitAdjusted", n);
    }
    t.wait_for("+0:0");
    run.step(&["x"], "SpeechEnded", 2);

    // The first round: six factions; the second is interrupted by a
    // named member of another faction.
    run.step(&["]"], "ItemStarted", 3);
    let factions = ["BBH", "VVD", "SP", "CDA", "PvdA", "D66"];
    for (n, code) in factions.iter().enumerate() {
        run.faction(code, None, 5 + n);
    }
    let screen = t.wait_for("D66");
    assert!(
        screen.contains("3:00"),
        "the round's limit per speaker:\n{screen}"
    );
    run.step(&["Enter"], "SpeechStarted", 5);
    run.step(&["x"], "SpeechEnded", 3);
    run.step(&["Enter"], "SpeechStarted", 6);
    t.keys(&["i"]);
    t.literal("SP");
    t.keys(&["Enter"]);
    t.wait_for("namens de fractie");
    t.literal("Erik Mulder");
    run.step(&["Enter"], "InterruptionStarted", 1);
    let screen = t.wait_for("Erik Mulder");
    assert!(screen.contains("INTERRUPTIE"), "{screen}");
    run.step(&["x"], "InterruptionEnded", 1);
    run.step(&["x"], "SpeechEnded", 4);
    for n in 0..4 {
        run.step(&["Enter"], "SpeechStarted", 7 + n);
        run.step(&["x"], "SpeechEnded", 5 + n);
    }

    // The wethouder answers; a recess of five minutes in the middle.
    run.step(&["]"], "ItemStarted", 4);
    run.step(&["w", "Enter"], "SpeakerQueued", 11);
    run.step(&["Enter"], "SpeechStarted", 11);
    t.keys(&["s"]);
    t.wait_for("Hoe lang duurt de schorsing?");
    t.literal("5");
    run.step(&["Enter"], "RecessStartedFor", 1);
    let screen = t.wait_for("hervat om");
    assert!(screen.contains("SCHORSING"), "{screen}");
    run.step(&["s"], "RecessEnded", 1);
    run.step(&["x"], "SpeechEnded", 9);

    // The second round: one faction, one minute.
    run.step(&["]"], "ItemStarted", 5);
    run.faction("BBH", None, 12);
    run.step(&["Enter"], "SpeechStarted", 12);
    t.wait_for("1:00");
    run.step(&["x"], "SpeechEnded", 10);

    // The chair concludes.
    run.step(&["]"], "ItemStarted", 6);
    t.keys(&["v"]);
    t.wait_for("Sander Janssen");
    run.step(&["Enter"], "SpeakerQueued", 13);
    run.step(&["Enter"], "SpeechStarted", 13);

    // The clerk notes the toezegging and the advice, beside the chair.
    t.keys(&["Tab"]);
    t.keys(&["t"]);
    t.literal("Een dialoog in een politieke markt over kaders bij datagedreven werken");
    // Who: the portfolio holder is filled in.
    t.keys(&["Tab", "Tab"]);
    t.literal("najaar 2023");
    run.step(&["C-s"], "CommitmentAdded", 1);
    t.keys(&["a"]);
    t.wait_for("hamerstuk");
    t.keys(&["Down"]);
    run.step(&["Enter"], "AdviceSet", 1);
    t.keys(&["Tab"]);

    // Close while the chair still speaks: asked first.
    t.keys(&["c"]);
    t.wait_for("Sessie sluiten?");
    run.step(&["j"], "SessionClosed", 1);
    let closed = t.wait_for("GESLOTEN");
    assert!(closed.contains("gebruikt"), "{closed}");

    // Quit and start again: the same session, closed, with its record.
    t.keys(&["q"]);
    t.wait_gone();
    let before = journal(&run.journal);
    let again = Tmux::start(&format!("{name}-again"), dir.path(), &cmd);
    let screen = again.wait_for("GESLOTEN");
    assert!(screen.contains("gebruikt"), "{screen}");
    again.keys(&["q"]);
    again.wait_gone();
    assert_eq!(journal(&run.journal), before, "a restart writes nothing");

    let text = journal(&run.journal);
    for (event, n) in [
        ("SessionStarted", 1),
        ("SpeechStarted", 13),
        ("InterruptionStarted", 1),
        ("RecessStartedFor", 1),
        ("CommitmentAdded", 1),
        ("SessionClosed", 1),
    ] {
        assert_eq!(count(&run.journal, event), n, "{event} in\n{text}");
    }
    assert!(text.contains("name:Some(\"Erik Mulder\")"), "{text}");
    assert!(text.contains("Chair(name:\"Sander Janssen\")"), "{text}");
    assert!(text.contains("limit_sec:Some(180)"), "{text}");
}
