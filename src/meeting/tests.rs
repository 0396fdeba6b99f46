//! The engine with a fake clock: every event and state rule, through the
//! real journal in a scratch folder. No sleeps.

use std::path::{Path, PathBuf};

use super::*;
use crate::clock::{FakeClock, parse_ts};
use crate::session::load_session;

const SEED: &str = "2023-03-08-datagedreven-sturing.ron";

struct Harness {
    _dir: tempfile::TempDir,
    session: PathBuf,
    clock: FakeClock,
    meeting: Option<Meeting<FakeClock>>,
}

fn scratch_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for f in [SEED, "hengelo-2022-2026.ron"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let session = dir.path().join(SEED);
    (dir, session)
}

fn open_at(session: &Path, clock: &FakeClock) -> (Meeting<FakeClock>, Vec<Notice>) {
    let plan = load_session(session).unwrap().value;
    let bytes = std::fs::read(session).unwrap();
    Meeting::open(
        plan,
        &bytes,
        clock.clone(),
        &OpenOptions {
            journal: None,
            fresh: false,
            data_dir: None,
        },
    )
    .unwrap()
}

impl Harness {
    fn new() -> Self {
        let (dir, session) = scratch_copy();
        let clock = FakeClock::at_seed();
        let (m, notices) = open_at(&session, &clock);
        assert!(notices.is_empty(), "{notices:?}");
        Harness {
            _dir: dir,
            session,
            clock,
            meeting: Some(m),
        }
    }

    fn m(&mut self) -> &mut Meeting<FakeClock> {
        self.meeting.as_mut().expect("the meeting is open")
    }

    fn mr(&self) -> &Meeting<FakeClock> {
        self.meeting.as_ref().expect("the meeting is open")
    }

    /// Close the meeting (releasing the journal), as quitting or a crash does.
    fn close_meeting(&mut self) {
        self.meeting = None;
    }

    fn act(&mut self, a: Action) -> Done {
        self.m().act(a).unwrap()
    }

    fn secs(&self, s: i64) {
        self.clock.advance_secs(s);
    }

    fn state(&self) -> &State {
        self.mr().state()
    }

    fn now(&self) -> Ts {
        self.clock.now()
    }

    /// Drop the meeting (as a crash would) and open the journal again.
    fn restart(&mut self) -> Vec<Notice> {
        self.meeting = None;
        let (m, notices) = open_at(&self.session, &self.clock);
        self.meeting = Some(m);
        notices
    }

    fn speech(&self) -> &Speech {
        self.state().speech.as_ref().expect("a speech runs")
    }

    fn journal_text(&self) -> String {
        std::fs::read_to_string(self.mr().journal_path()).unwrap()
    }

    /// The state folded from the file equals the state built live.
    fn assert_replay_matches(&self) {
        let replay = crate::journal::read(self.mr().journal_path()).unwrap();
        assert_eq!(&State::fold(&replay.records), self.state());
    }
}

fn faction(code: &str) -> Speaker {
    Speaker::Faction {
        faction: code.into(),
        name: None,
    }
}

fn inspreker(name: &str) -> Speaker {
    Speaker::Public {
        salutation: None,
        name: name.into(),
        organisation: Some("Wijkraad Noord".into()),
    }
}

fn wethouder() -> Speaker {
    Speaker::College {
        name: "Freriksen".into(),
        role: "wethouder".into(),
    }
}

/// Go to the item with this index and queue + start a speaker.
fn start_in_item(h: &mut Harness, item: usize, who: Speaker) {
    h.act(Action::GotoItem(item));
    h.act(Action::Queue(who));
    h.act(Action::StartNext);
}

// ---- session and items ----

#[test]
fn opening_starts_the_session_clock() {
    let mut h = Harness::new();
    assert_eq!(h.state().session_remaining_ms(60, h.now()), None);
    h.act(Action::Open);
    h.secs(90);
    assert_eq!(h.state().session_remaining_ms(60, h.now()), Some(3_510_000));
    assert!(matches!(h.m().act(Action::Open), Err(Refusal::AlreadyOpen)));
}

#[test]
fn starting_an_item_or_speech_opens_the_session() {
    let mut h = Harness::new();
    h.act(Action::NextItem { end_speech: false });
    assert_eq!(h.state().opened_at, Some(h.now()));
    let mut h = Harness::new();
    h.act(Action::Start(inspreker("A"), SpeechKind::PublicSpeaking));
    assert!(h.state().is_open());
}

#[test]
fn session_clock_runs_into_overtime_and_stops_at_close() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.secs(61 * 60 + 12);
    assert_eq!(h.state().session_remaining_ms(60, h.now()), Some(-72_000));
    h.act(Action::Close);
    h.secs(600);
    assert_eq!(h.state().session_remaining_ms(60, h.now()), Some(-72_000));
    assert!(matches!(
        h.m().act(Action::NextItem { end_speech: false }),
        Err(Refusal::Closed)
    ));
}

#[test]
fn items_record_start_end_and_overrun() {
    let mut h = Harness::new();
    h.act(Action::NextItem { end_speech: false }); // Opening, planned 2 min
    let start = h.now();
    h.secs(150);
    h.act(Action::NextItem { end_speech: false });
    assert_eq!(h.state().item_used_ms(0, h.now()), 150_000);
    assert_eq!(h.state().item_span(0), Some((start, Some(h.now()))));
    let planned_ms = i64::from(h.mr().plan().session.agenda[0].planned_min) * 60_000;
    assert!(h.state().item_used_ms(0, h.now()) > planned_ms, "overrun");
    h.secs(30);
    assert_eq!(h.state().item_used_ms(1, h.now()), 30_000);
    assert_eq!(h.state().current_item, Some(1));
    // Going back adds a second stretch to the earlier item.
    h.act(Action::PreviousItem);
    h.secs(10);
    assert_eq!(h.state().item_used_ms(0, h.now()), 160_000);
    assert_eq!(h.state().item_used_ms(1, h.now()), 30_000);
}

#[test]
fn no_item_past_the_agenda() {
    let mut h = Harness::new();
    assert!(matches!(
        h.m().act(Action::PreviousItem),
        Err(Refusal::NoItem)
    ));
    assert!(matches!(
        h.m().act(Action::GotoItem(7)),
        Err(Refusal::NoItem)
    ));
    h.act(Action::GotoItem(6));
    assert!(matches!(
        h.m().act(Action::NextItem { end_speech: false }),
        Err(Refusal::NoItem)
    ));
}

// ---- speeches, limits, warnings ----

#[test]
fn inspreker_gets_the_public_speaking_limit() {
    let mut h = Harness::new();
    start_in_item(&mut h, 2, inspreker("Jan"));
    assert_eq!(h.speech().limit_ms, Some(300_000));
    assert_eq!(h.speech().remaining_ms(h.now()), Some(300_000));
    h.secs(42);
    assert_eq!(h.speech().remaining_ms(h.now()), Some(258_000));
}

#[test]
fn faction_speaker_gets_the_item_limit_or_none() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("VVD"));
    assert_eq!(h.speech().limit_ms, Some(180_000));
    start_in_item(&mut h, 4, wethouder());
    assert_eq!(h.speech().limit_ms, None, "Response has no speaker limit");
    assert_eq!(h.speech().kind, SpeechKind::Answer);
    h.secs(500);
    assert_eq!(
        h.speech().level(h.now(), h.mr().thresholds()),
        Level::Normal
    );
    assert_eq!(h.speech().elapsed_ms(h.now()), 500_000);
}

#[test]
fn pause_and_resume() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("SP"));
    h.secs(20);
    h.act(Action::TogglePause);
    assert!(h.speech().paused);
    h.secs(100);
    assert_eq!(h.speech().elapsed_ms(h.now()), 20_000);
    h.act(Action::TogglePause);
    h.secs(5);
    assert_eq!(h.speech().elapsed_ms(h.now()), 25_000);
    assert_eq!(h.speech().remaining_ms(h.now()), Some(155_000));
}

#[test]
fn warnings_then_overtime() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("CDA"));
    let t = h.mr().thresholds();
    h.secs(119);
    assert_eq!(h.speech().level(h.now(), t), Level::Normal);
    h.secs(1);
    assert_eq!(h.speech().level(h.now(), t), Level::First);
    h.secs(30);
    assert_eq!(h.speech().level(h.now(), t), Level::Final);
    h.secs(29);
    assert_eq!(h.speech().level(h.now(), t), Level::Final);
    h.secs(1);
    assert_eq!(h.speech().level(h.now(), t), Level::Over);
    h.secs(12);
    assert_eq!(h.speech().remaining_ms(h.now()), Some(-12_000), "+0:12");
}

#[test]
fn added_and_taken_time() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("D66"));
    h.act(Action::AdjustLimit(30));
    h.act(Action::AdjustLimit(30));
    assert_eq!(h.speech().remaining_ms(h.now()), Some(240_000));
    h.act(Action::AdjustLimit(-30));
    assert_eq!(h.speech().remaining_ms(h.now()), Some(210_000));
    // Taking more than the limit leaves zero, never a negative limit.
    h.act(Action::AdjustLimit(-10_000));
    assert_eq!(h.speech().limit_total_ms(), Some(0));
    assert_eq!(h.speech().level(h.now(), h.mr().thresholds()), Level::Over);
}

#[test]
fn starting_the_next_speaker_ends_the_current_one() {
    let mut h = Harness::new();
    h.act(Action::GotoItem(3));
    h.act(Action::Queue(faction("VVD")));
    h.act(Action::Queue(faction("SP")));
    h.act(Action::StartNext);
    h.secs(100);
    h.act(Action::StartNext);
    assert_eq!(h.speech().speaker, faction("SP"));
    assert_eq!(h.state().finished.len(), 1);
    assert_eq!(h.state().finished[0].elapsed_ms(h.now()), 100_000);
    assert!(h.state().queue.is_empty());
    assert!(matches!(
        h.m().act(Action::StartNext),
        Err(Refusal::QueueEmpty)
    ));
}

#[test]
fn end_speech() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("PvdA"));
    h.secs(61);
    h.act(Action::End);
    assert!(h.state().speech.is_none());
    h.secs(100);
    assert_eq!(h.state().faction_usage("PvdA", h.now()).ms, 61_000);
    assert!(matches!(h.m().act(Action::End), Err(Refusal::NoSpeech)));
    assert!(matches!(
        h.m().act(Action::TogglePause),
        Err(Refusal::NoSpeech)
    ));
}

// ---- interruptions ----

#[test]
fn interruption_pauses_the_main_speech() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("VVD"));
    h.secs(30);
    h.act(Action::Interrupt(faction("SP")));
    let i = h.state().interruption.as_ref().unwrap();
    assert_eq!(i.kind, SpeechKind::Interruption);
    assert!(h.speech().held_by_interruption);
    h.secs(20);
    assert_eq!(h.speech().elapsed_ms(h.now()), 30_000, "main paused");
    assert_eq!(
        h.state().active_speech().unwrap().elapsed_ms(h.now()),
        20_000
    );
    h.act(Action::End); // ends the interruption
    assert!(h.state().interruption.is_none());
    h.secs(10);
    assert_eq!(h.speech().elapsed_ms(h.now()), 40_000, "main resumed");
    let sp = h.state().faction_usage("SP", h.now());
    assert_eq!((sp.ms, sp.turns, sp.interruptions), (20_000, 0, 1));
}

#[test]
fn interruptions_nest_one_deep_and_need_a_speech() {
    let mut h = Harness::new();
    h.act(Action::GotoItem(3));
    assert!(matches!(
        h.m().act(Action::Interrupt(faction("SP"))),
        Err(Refusal::NoSpeech)
    ));
    h.act(Action::Start(faction("VVD"), SpeechKind::Contribution));
    h.act(Action::Interrupt(faction("SP")));
    assert!(matches!(
        h.m().act(Action::Interrupt(faction("CDA"))),
        Err(Refusal::AlreadyInterrupted)
    ));
}

#[test]
fn ending_the_main_speech_during_an_interruption_ends_both() {
    let mut h = Harness::new();
    h.act(Action::GotoItem(3));
    h.act(Action::Queue(faction("CDA")));
    h.act(Action::Start(faction("VVD"), SpeechKind::Contribution));
    h.secs(30);
    h.act(Action::Interrupt(faction("SP")));
    h.secs(15);
    // Starting the next speaker ends the interruption and the main speech.
    h.act(Action::StartNext);
    assert!(h.state().interruption.is_none());
    assert_eq!(h.speech().speaker, faction("CDA"));
    let ended: Vec<_> = h
        .state()
        .finished
        .iter()
        .map(|s| (s.speaker.clone(), s.ended))
        .collect();
    assert_eq!(
        ended,
        vec![
            (faction("SP"), Some(h.now())),
            (faction("VVD"), Some(h.now()))
        ]
    );
    assert_eq!(h.state().faction_usage("VVD", h.now()).ms, 30_000);
    assert_eq!(h.state().faction_usage("SP", h.now()).ms, 15_000);
}

#[test]
fn a_paused_main_speech_stays_paused_after_an_interruption() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("VVD"));
    h.secs(10);
    h.act(Action::TogglePause);
    h.act(Action::Interrupt(faction("SP")));
    h.secs(10);
    h.act(Action::End);
    h.secs(10);
    assert!(h.speech().paused);
    assert_eq!(h.speech().elapsed_ms(h.now()), 10_000);
}

#[test]
fn pause_and_time_apply_to_the_interruption_while_it_runs() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("VVD"));
    h.act(Action::Interrupt(faction("SP")));
    // The seed session sets no interruption limit: one minute, and time
    // given goes to the interruption, not the speech it interrupts.
    h.act(Action::AdjustLimit(30));
    assert_eq!(
        h.state().interruption.as_ref().unwrap().limit_total_ms(),
        Some(90_000)
    );
    h.act(Action::TogglePause);
    let i = h.state().interruption.as_ref().unwrap();
    assert!(i.paused);
    assert_eq!(h.speech().adjust_ms, 0);
    assert!(!h.speech().paused, "the main speech is held, not paused");
}

// ---- recess ----

#[test]
fn recess_holds_speeches_but_not_the_session_clock() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("VVD"));
    h.secs(30);
    h.act(Action::ToggleRecess);
    assert!(h.state().in_recess());
    h.secs(300);
    assert_eq!(h.speech().elapsed_ms(h.now()), 30_000);
    assert_eq!(
        h.state().session_remaining_ms(60, h.now()),
        Some(3_600_000 - 330_000)
    );
    h.act(Action::ToggleRecess);
    h.secs(10);
    assert_eq!(h.speech().elapsed_ms(h.now()), 40_000);
    assert_eq!(h.state().recess_ms(h.now()), 300_000);
    assert_eq!(h.state().recesses.len(), 1);
}

// ---- queue ----

#[test]
fn queue_add_move_remove() {
    let mut h = Harness::new();
    let a = h.act(Action::Queue(faction("A"))).record.seq;
    let b = h.act(Action::Queue(faction("B"))).record.seq;
    let c = h.act(Action::Queue(faction("C"))).record.seq;
    h.act(Action::MoveQueue { entry: c, to: 0 });
    let order: Vec<_> = h.state().queue.iter().map(|q| q.id).collect();
    assert_eq!(order, vec![c, a, b]);
    h.act(Action::MoveQueue { entry: c, to: 99 });
    let order: Vec<_> = h.state().queue.iter().map(|q| q.id).collect();
    assert_eq!(order, vec![a, b, c]);
    h.act(Action::RemoveQueue(b));
    assert!(matches!(
        h.m().act(Action::RemoveQueue(b)),
        Err(Refusal::NoSuchEntry)
    ));
    let order: Vec<_> = h.state().queue.iter().map(|q| q.id).collect();
    assert_eq!(order, vec![a, c]);
    assert!(!h.state().is_open(), "queueing does not open the session");
}

// ---- factions, persons, budgets ----

#[test]
fn time_and_turns_per_faction_and_person_per_item() {
    let mut h = Harness::new();
    h.act(Action::GotoItem(3));
    let named = Speaker::Faction {
        faction: "VVD".into(),
        name: Some("Sander Janssen".into()),
    };
    h.act(Action::Start(named.clone(), SpeechKind::Contribution));
    h.secs(100);
    h.act(Action::End);
    h.act(Action::GotoItem(5));
    h.act(Action::Start(named, SpeechKind::Contribution));
    h.secs(40);
    let now = h.now();
    let total = h.state().faction_usage("VVD", now);
    assert_eq!((total.ms, total.turns), (140_000, 2));
    assert_eq!(h.state().faction_item_usage("VVD", 3, now).ms, 100_000);
    assert_eq!(h.state().faction_item_usage("VVD", 5, now).ms, 40_000);
    assert!(h.state().spoke_in_item("VVD", 5, now));
    assert!(!h.state().spoke_in_item("SP", 5, now));
    let person = h.state().person_usage("VVD: Sander Janssen", now);
    assert_eq!((person.ms, person.turns), (140_000, 2));
}

#[test]
fn budgets_equal_and_by_seats() {
    let mut h = Harness::new();
    assert_eq!(h.mr().budget_sec("VVD"), None);
    let mut plan = h.mr().plan().clone();
    plan.session.faction_budget = Some(FactionBudget::Equal { min: 3 });
    assert_eq!(budget_sec(&plan, "VVD"), Some(180));
    plan.session.faction_budget = Some(FactionBudget::BySeats { total_min: 37 });
    // 37 minutes over 37 seats: a minute per seat.
    assert_eq!(budget_sec(&plan, "BBH"), Some(7 * 60));
    assert_eq!(budget_sec(&plan, "FVD"), Some(60));
    assert_eq!(budget_sec(&plan, "NOPE"), None);
    // Budget left is the budget minus the usage, and may go negative.
    start_in_item(&mut h, 3, faction("FVD"));
    h.secs(75);
    let left =
        budget_sec(&plan, "FVD").unwrap() * 1000 - h.state().faction_usage("FVD", h.now()).ms;
    assert_eq!(left, -15_000);
}

// ---- outcomes ----

#[test]
fn outcomes_are_recorded_edited_and_removed() {
    let mut h = Harness::new();
    start_in_item(&mut h, 4, wethouder());
    let note = h
        .act(Action::Note("Wethouder zegt dialoog toe".into()))
        .record
        .seq;
    let n = &h.state().outcomes.notes[0];
    assert_eq!((n.item, n.speaker.clone()), (Some(4), Some(wethouder())));
    h.act(Action::EditNote(note, "Dialoog in najaar".into()));
    assert_eq!(h.state().outcomes.notes[0].text, "Dialoog in najaar");
    let c = h
        .act(Action::AddCommitment {
            by: "Freriksen".into(),
            what: "Dialoog over kaders datagedreven werken".into(),
            due: "najaar 2023".into(),
        })
        .record
        .seq;
    h.act(Action::EditCommitment {
        id: c,
        by: "Freriksen".into(),
        what: "Dialoog in een politieke markt".into(),
        due: "najaar 2023".into(),
    });
    assert_eq!(
        h.state().outcomes.commitments[0].what,
        "Dialoog in een politieke markt"
    );
    let mo = h
        .act(Action::AnnounceMotion {
            factions: vec!["SP".into(), "GL".into()],
            kind: MotionKind::Motion,
            title: "Algoritmeregister".into(),
        })
        .record
        .seq;
    h.act(Action::EditMotion {
        id: mo,
        factions: vec!["SP".into()],
        kind: MotionKind::Amendment,
        title: "Algoritmeregister".into(),
    });
    assert_eq!(h.state().outcomes.motions[0].kind, MotionKind::Amendment);
    let ap = h
        .act(Action::AddActionPoint {
            text: "Griffie plant dialoog".into(),
            owner: "griffie".into(),
        })
        .record
        .seq;
    h.act(Action::EditActionPoint {
        id: ap,
        text: "Griffie plant dialoog met presidium".into(),
        owner: "griffie".into(),
    });
    h.act(Action::SetAdvice(
        Some(Advice::Bespreekstuk),
        vec!["SP".into(), "PVV".into()],
    ));
    h.act(Action::SetPosition {
        faction: "VVD".into(),
        stance: Some(Stance::Supports),
        note: "".into(),
    });
    h.act(Action::SetPosition {
        faction: "SP".into(),
        stance: Some(Stance::SupportsWithReservation),
        note: "privacy".into(),
    });
    h.act(Action::SetPosition {
        faction: "SP".into(),
        stance: None,
        note: "".into(),
    });
    h.act(Action::SetConclusion("Hamerstuk, met toezegging.".into()));
    let o = &h.state().outcomes;
    assert_eq!(o.advice, Some(Advice::Bespreekstuk));
    assert_eq!(o.requested_by, vec!["SP".to_owned(), "PVV".to_owned()]);
    assert_eq!(o.positions.keys().collect::<Vec<_>>(), vec!["VVD"]);
    assert_eq!(
        o.action_points[0].text,
        "Griffie plant dialoog met presidium"
    );
    assert_eq!(o.conclusion, "Hamerstuk, met toezegging.");
    for id in [note, c, mo, ap] {
        h.act(Action::RemoveOutcome(id));
    }
    let o = &h.state().outcomes;
    assert!(o.notes.is_empty() && o.commitments.is_empty() && o.motions.is_empty());
    assert!(o.action_points.is_empty());
    assert!(matches!(
        h.m().act(Action::RemoveOutcome(note)),
        Err(Refusal::NoSuchEntry)
    ));
    assert!(matches!(
        h.m().act(Action::Note("  ".into())),
        Err(Refusal::EmptyText)
    ));
    h.assert_replay_matches();
}

#[test]
fn outcomes_may_be_recorded_after_closing() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::Close);
    h.act(Action::SetConclusion("Na afloop vastgelegd".into()));
    h.act(Action::Note("Nagekomen".into()));
    assert_eq!(h.state().outcomes.notes.len(), 1);
}

#[test]
fn typed_text_is_cleaned_before_it_is_written() {
    let mut h = Harness::new();
    h.act(Action::Note("regel\u{1b}[2J een\nregel twee".into()));
    assert_eq!(h.state().outcomes.notes[0].text, "regel een\nregel twee");
    assert!(!h.journal_text().contains("\\u{1b}"));
}

// ---- undo ----

/// Every undoable action, undone right after it, leaves the state as it was.
#[test]
fn undo_of_each_undoable_event() {
    type Setup = fn(&mut Harness) -> Vec<Action>;
    let cases: Vec<(&str, Setup)> = vec![
        ("open", |_| vec![Action::Open]),
        ("close", |_| vec![Action::Open, Action::Close]),
        ("recess on", |_| vec![Action::Open, Action::ToggleRecess]),
        ("recess off", |_| {
            vec![Action::Open, Action::ToggleRecess, Action::ToggleRecess]
        }),
        ("item", |_| vec![Action::NextItem { end_speech: false }]),
        ("queue", |_| vec![Action::Queue(faction("SP"))]),
        ("move", |h| {
            let a = h.act(Action::Queue(faction("A"))).record.seq;
            h.act(Action::Queue(faction("B")));
            vec![Action::MoveQueue { entry: a, to: 1 }]
        }),
        ("remove", |h| {
            let a = h.act(Action::Queue(faction("A"))).record.seq;
            vec![Action::RemoveQueue(a)]
        }),
        ("start next", |h| {
            h.act(Action::GotoItem(3));
            h.act(Action::Queue(faction("A")));
            vec![Action::StartNext]
        }),
        ("start", |_| {
            vec![Action::Start(wethouder(), SpeechKind::Answer)]
        }),
        ("pause", |h| {
            h.act(Action::Start(faction("A"), SpeechKind::Contribution));
            vec![Action::TogglePause]
        }),
        ("resume", |h| {
            h.act(Action::Start(faction("A"), SpeechKind::Contribution));
            h.act(Action::TogglePause);
            vec![Action::TogglePause]
        }),
        ("end", |h| {
            h.act(Action::Start(faction("A"), SpeechKind::Contribution));
            vec![Action::End]
        }),
        ("adjust", |h| {
            h.act(Action::GotoItem(3));
            h.act(Action::Start(faction("A"), SpeechKind::Contribution));
            vec![Action::AdjustLimit(30)]
        }),
        ("interrupt", |h| {
            h.act(Action::Start(faction("A"), SpeechKind::Contribution));
            vec![Action::Interrupt(faction("B"))]
        }),
        ("end interruption", |h| {
            h.act(Action::Start(faction("A"), SpeechKind::Contribution));
            h.act(Action::Interrupt(faction("B")));
            vec![Action::End]
        }),
        ("note", |_| vec![Action::Note("n".into())]),
        ("advice", |_| {
            vec![Action::SetAdvice(Some(Advice::Hamerstuk), vec![])]
        }),
        ("position", |_| {
            vec![Action::SetPosition {
                faction: "SP".into(),
                stance: Some(Stance::Against),
                note: String::new(),
            }]
        }),
        ("commitment", |_| {
            vec![Action::AddCommitment {
                by: "F".into(),
                what: "w".into(),
                due: String::new(),
            }]
        }),
        ("motion", |_| {
            vec![Action::AnnounceMotion {
                factions: vec!["SP".into()],
                kind: MotionKind::Motion,
                title: "t".into(),
            }]
        }),
        ("action point", |_| {
            vec![Action::AddActionPoint {
                text: "a".into(),
                owner: String::new(),
            }]
        }),
        ("conclusion", |_| vec![Action::SetConclusion("c".into())]),
        ("presence", |_| {
            vec![Action::SetPresence(
                crate::meeting::Present::Faction("SP".into()),
                true,
            )]
        }),
        ("remove outcome", |h| {
            let id = h.act(Action::Note("n".into())).record.seq;
            vec![Action::RemoveOutcome(id)]
        }),
        ("edit note", |h| {
            let id = h.act(Action::Note("n".into())).record.seq;
            vec![Action::EditNote(id, "m".into())]
        }),
    ];
    for (name, setup) in cases {
        let mut h = Harness::new();
        let actions = setup(&mut h);
        let (last, before) = actions.split_last().unwrap();
        for a in before {
            h.act(a.clone());
        }
        h.secs(5);
        let expected = h.state().clone();
        let done = h.act(last.clone());
        h.secs(5);
        let role = done.record.event.role().expect("an action has a role");
        let undo = h.act(Action::Undo(role));
        assert_eq!(
            undo.undone.as_ref().map(|r| r.seq),
            Some(done.record.seq),
            "{name}"
        );
        // The state is as before, except for what only the clock changed.
        let mut got = h.state().clone();
        got.last_seq = expected.last_seq;
        got.last_at = expected.last_at;
        got.notices = expected.notices.clone();
        got.redoable = expected.redoable.clone();
        assert_eq!(got, expected, "undo of {name}");
        // Nothing was deleted: the undone event and the undo are in the file.
        let text = h.journal_text();
        assert!(
            text.contains(&format!("(seq:{},", done.record.seq)),
            "{name}"
        );
        assert!(
            text.contains(&format!("Undo(seq:{})", done.record.seq)),
            "{name}"
        );
    }
}

#[test]
fn undo_walks_back_one_action_at_a_time() {
    let mut h = Harness::new();
    h.act(Action::Queue(faction("A")));
    h.act(Action::Queue(faction("B")));
    h.act(Action::Undo(crate::meeting::Role::Chair));
    h.act(Action::Undo(crate::meeting::Role::Chair));
    assert!(h.state().queue.is_empty());
    assert!(matches!(
        h.m().act(Action::Undo(crate::meeting::Role::Chair)),
        Err(Refusal::NothingToUndo)
    ));
}

#[test]
fn undoing_the_end_of_a_speech_lets_it_run_on() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("VVD"));
    h.secs(30);
    h.act(Action::End);
    h.secs(10);
    h.act(Action::Undo(crate::meeting::Role::Chair));
    h.secs(5);
    // As if it had never ended: 45 s spoken.
    assert_eq!(h.speech().elapsed_ms(h.now()), 45_000);
}

#[test]
fn undo_across_a_restart() {
    let mut h = Harness::new();
    h.act(Action::Queue(faction("A")));
    h.act(Action::Note("n".into()));
    h.restart();
    let undo = h.act(Action::Undo(crate::meeting::Role::Clerk));
    assert!(matches!(
        undo.undone.unwrap().event,
        Event::NoteAdded { .. }
    ));
    h.restart();
    assert!(h.state().outcomes.notes.is_empty());
    assert_eq!(h.state().queue.len(), 1);
    h.act(Action::Undo(crate::meeting::Role::Chair));
    h.restart();
    assert!(h.state().queue.is_empty());
}

// ---- restart and time ----

#[test]
fn a_running_speech_survives_a_restart() {
    let mut h = Harness::new();
    start_in_item(&mut h, 2, inspreker("Jan"));
    h.secs(40);
    h.act(Action::TogglePause);
    h.secs(10);
    h.act(Action::TogglePause);
    h.secs(20);
    let before = h.state().clone();
    h.restart();
    assert_eq!(h.state(), &before);
    h.secs(30);
    assert_eq!(h.speech().elapsed_ms(h.now()), 90_000);
    assert_eq!(h.speech().remaining_ms(h.now()), Some(210_000));
}

#[test]
fn a_clock_that_jumps_backwards_never_gives_negative_durations() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("VVD"));
    h.secs(30);
    h.clock.set(parse_ts("2023-03-08T18:00:00+01:00"));
    let s = h.speech();
    assert_eq!(s.elapsed_ms(h.now()), 0);
    assert_eq!(h.state().session_remaining_ms(60, h.now()), Some(3_600_000));
    h.act(Action::End);
    assert_eq!(h.state().faction_usage("VVD", h.now()).ms, 0);
    for f in &h.state().finished {
        assert!(f.elapsed_ms(h.now()) >= 0);
    }
    h.secs(10);
    assert!(h.state().item_used_ms(3, h.now()) >= 0);
}

#[test]
fn live_state_equals_replayed_state() {
    let mut h = Harness::new();
    start_in_item(&mut h, 3, faction("VVD"));
    h.secs(7);
    h.act(Action::Interrupt(faction("SP")));
    h.secs(3);
    h.act(Action::ToggleRecess);
    h.secs(60);
    h.act(Action::ToggleRecess);
    h.act(Action::End);
    h.act(Action::Queue(inspreker("Els")));
    h.act(Action::Undo(crate::meeting::Role::Chair));
    h.assert_replay_matches();
}

// ---- journal ----

#[test]
fn a_torn_last_line_is_cut_with_a_notice_and_kept_aside() {
    let mut h = Harness::new();
    h.act(Action::Note("first".into()));
    let path = h.mr().journal_path().to_owned();
    h.close_meeting();
    // Simulate a crash in the middle of the next write.
    let good = std::fs::read(&path).unwrap();
    let mut torn = good.clone();
    torn.extend_from_slice(b"(seq:2,at:\"2023-03-08T19:3");
    std::fs::write(&path, &torn).unwrap();
    let notices = h.restart();
    assert!(
        matches!(
            &notices[..],
            [Notice::TornTail {
                line: 3,
                bytes: 26,
                saved_to: Some(_)
            }]
        ),
        "{notices:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), good);
    if let Notice::TornTail {
        saved_to: Some(p), ..
    } = &notices[0]
    {
        assert_eq!(std::fs::read(p).unwrap(), b"(seq:2,at:\"2023-03-08T19:3");
    }
    assert_eq!(h.state().outcomes.notes.len(), 1);
    // The journal goes on after the cut.
    h.act(Action::Note("second".into()));
    assert_eq!(h.state().outcomes.notes.len(), 2);
    h.assert_replay_matches();
}

#[test]
fn a_bad_line_in_the_middle_stops_with_its_place() {
    let mut h = Harness::new();
    let path = h.mr().journal_path().to_owned();
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("(seq:1,at:\"2023-03-08T19:30:00+01:00\",event:SessionOpened)\n");
    text.push_str("garbage\n");
    text.push_str("(seq:3,at:\"2023-03-08T19:30:00+01:00\",event:SessionClosed)\n");
    h.close_meeting();
    std::fs::write(&path, text).unwrap();
    let err = crate::journal::read(&path).unwrap_err();
    let msg = err.message(crate::i18n::Lang::En);
    assert!(
        msg.starts_with(&format!(
            "{}:3: damaged line in the journal",
            path.display()
        )),
        "{msg}"
    );
    assert!(msg.contains("--fresh"), "{msg}");
}

#[test]
fn a_gap_in_the_sequence_is_a_bad_line() {
    let path = Path::new("x.journal");
    let text = "(format:1,app:\"hamer\",session:\"s\",session_hash:\"h\",created:\"2023-03-08T19:30:00+01:00\")\n\
                (seq:1,at:\"2023-03-08T19:30:00+01:00\",event:SessionOpened)\n\
                (seq:3,at:\"2023-03-08T19:30:00+01:00\",event:SessionClosed)\n";
    let err = crate::journal::parse(path, text.as_bytes()).unwrap_err();
    assert!(
        matches!(err, JournalError::BadLine { line: 3, .. }),
        "{err:?}"
    );
}

#[test]
fn a_changed_session_file_loads_with_a_warning_and_unknown_names_are_kept() {
    let mut h = Harness::new();
    h.act(Action::GotoItem(6));
    h.act(Action::Start(faction("NIEUW"), SpeechKind::Contribution));
    h.secs(10);
    h.act(Action::End);
    h.close_meeting();
    // The clerk shortens the agenda after the session began.
    let text = std::fs::read_to_string(&h.session).unwrap();
    let shorter = text.replace(
        "        Item(title: \"Conclusie voorzitter\", kind: Conclusion, planned_min: 3),\n",
        "",
    );
    assert_ne!(text, shorter);
    std::fs::write(&h.session, shorter).unwrap();
    let notices = h.restart();
    assert!(
        matches!(&notices[..], [Notice::SessionChanged { .. }]),
        "{notices:?}"
    );
    assert_eq!(h.mr().plan().session.agenda.len(), 6);
    assert_eq!(
        h.state().current_item,
        Some(6),
        "item 7 is kept, not dropped"
    );
    assert_eq!(h.state().item_used_ms(6, h.now()), 10_000);
    assert_eq!(
        h.state().factions_named().collect::<Vec<_>>(),
        vec!["NIEUW"]
    );
}

#[test]
fn a_second_writer_is_refused_with_the_holder() {
    let h = Harness::new();
    let plan = load_session(&h.session).unwrap().value;
    let bytes = std::fs::read(&h.session).unwrap();
    let second = Meeting::open(
        plan,
        &bytes,
        h.clock.clone(),
        &OpenOptions {
            journal: None,
            fresh: false,
            data_dir: None,
        },
    );
    let Err(err) = second else {
        panic!("a second writer was let in")
    };
    let msg = err.message(crate::i18n::Lang::En);
    assert!(
        msg.contains(&format!("pid {}", std::process::id())),
        "{msg}"
    );
    assert!(msg.contains("in use by hamer"), "{msg}");
    // Readers need no lock.
    assert!(crate::journal::read(h.mr().journal_path()).is_ok());
}

#[test]
fn fresh_moves_the_old_journal_aside() {
    let mut h = Harness::new();
    h.act(Action::Note("kept".into()));
    let path = h.mr().journal_path().to_owned();
    let old = std::fs::read(&path).unwrap();
    h.close_meeting();
    h.close_meeting();
    let plan = load_session(&h.session).unwrap().value;
    let bytes = std::fs::read(&h.session).unwrap();
    let (m, notices) = Meeting::open(
        plan,
        &bytes,
        h.clock.clone(),
        &OpenOptions {
            journal: None,
            fresh: true,
            data_dir: None,
        },
    )
    .unwrap();
    let [Notice::MovedAside { to }] = &notices[..] else {
        panic!("{notices:?}")
    };
    assert_eq!(std::fs::read(to).unwrap(), old);
    assert!(m.state().outcomes.notes.is_empty());
    assert_eq!(
        to.file_name().unwrap().to_string_lossy(),
        "2023-03-08-datagedreven-sturing.journal.20230308-193000"
    );
}

#[test]
fn a_journal_path_can_be_given() {
    let (dir, session) = scratch_copy();
    let journal = dir.path().join("elders.journal");
    let plan = load_session(&session).unwrap().value;
    let bytes = std::fs::read(&session).unwrap();
    let (mut m, _) = Meeting::open(
        plan,
        &bytes,
        FakeClock::at_seed(),
        &OpenOptions {
            journal: Some(&journal),
            fresh: false,
            data_dir: None,
        },
    )
    .unwrap();
    m.act(Action::Open).unwrap();
    assert_eq!(m.journal_path(), journal);
    assert!(journal.exists());
    assert!(!crate::journal::default_path(&session).exists());
    assert_eq!(journal_for_reading(&session, Some(&journal)), journal);
}

#[test]
fn a_failed_write_is_refused_and_changes_nothing() {
    let mut h = Harness::new();
    h.act(Action::Queue(faction("A")));
    let before_state = h.state().clone();
    let before_file = h.journal_text();
    h.m().break_for_test();
    let err = h.m().act(Action::Queue(faction("B"))).unwrap_err();
    assert!(matches!(err, Refusal::Journal(_)), "{err:?}");
    assert_eq!(h.state(), &before_state);
    assert_eq!(h.journal_text(), before_file);
    // Until reopened, nothing more is written.
    assert!(matches!(
        h.m().act(Action::Open),
        Err(Refusal::Journal(JournalError::Broken { .. }))
    ));
    h.restart();
    assert_eq!(h.state().queue.len(), 1);
}

#[test]
fn an_unwritable_folder_falls_back_to_the_data_directory() {
    let (dir, session) = scratch_copy();
    let data = tempfile::tempdir().unwrap();
    let wanted = crate::journal::default_path(&session);
    // A journal that cannot be created where it belongs (this works as root
    // too, unlike a read-only folder): it points into /proc.
    std::os::unix::fs::symlink("/proc/hamer-no-such-dir/x.journal", &wanted).unwrap();
    let plan = load_session(&session).unwrap().value;
    let bytes = std::fs::read(&session).unwrap();
    let (mut m, notices) = Meeting::open(
        plan,
        &bytes,
        FakeClock::at_seed(),
        &OpenOptions {
            journal: None,
            fresh: false,
            data_dir: Some(data.path()),
        },
    )
    .unwrap();
    let [Notice::FellBack { wanted: w, used }] = &notices[..] else {
        panic!("{notices:?}")
    };
    assert_eq!(w, &wanted);
    assert!(
        used.starts_with(data.path().join("hamer").join("journals")),
        "{used:?}"
    );
    m.act(Action::Open).unwrap();
    assert!(used.exists());
    let msg = notices[0].message(crate::i18n::Lang::En);
    assert!(msg.contains("is not writable; the journal is in"), "{msg}");
    drop(dir);
}

#[test]
fn an_explicit_journal_path_does_not_fall_back() {
    let (_dir, session) = scratch_copy();
    let journal = Path::new("/proc/hamer-no-such-dir/x.journal");
    let plan = load_session(&session).unwrap().value;
    let result = Meeting::open(
        plan,
        b"x",
        FakeClock::at_seed(),
        &OpenOptions {
            journal: Some(journal),
            fresh: false,
            data_dir: None,
        },
    );
    let Err(err) = result else {
        panic!("opened a journal in /proc")
    };
    let msg = err.message(crate::i18n::Lang::En);
    assert!(
        msg.starts_with("Journal /proc/hamer-no-such-dir/x.journal: could not create"),
        "{msg}"
    );
}

#[test]
fn only_insprekers_get_the_inspreker_limit_in_the_public_speaking_item() {
    let mut h = Harness::new();
    start_in_item(&mut h, 2, wethouder());
    assert_eq!(h.speech().limit_ms, None);
    h.act(Action::Interrupt(faction("SP")));
    // An interruption has its own limit: one minute when the file sets none.
    assert_eq!(
        h.state().interruption.as_ref().unwrap().limit_ms,
        Some(60_000)
    );
}

#[test]
fn a_note_of_escape_sequences_only_is_empty() {
    let mut h = Harness::new();
    assert!(matches!(
        h.m().act(Action::Note("\u{1b}[2J\u{1b}]0;x\u{7}".into())),
        Err(Refusal::EmptyText)
    ));
}

#[test]
fn an_absurd_item_index_changes_nothing() {
    let at = parse_ts("2023-03-08T19:30:00+01:00");
    let r = Record {
        seq: 1,
        at,
        event: Event::ItemStarted {
            index: 5_000_000,
            end_speech: false,
        },
        client: None,
    };
    let s = State::fold([&r]);
    assert_eq!(s.opened_at, None);
    assert!(s.items.is_empty());
    assert_eq!(s.notices.len(), 1);
}

#[test]
fn a_journal_with_a_byte_order_mark_reads() {
    let text = "\u{feff}(format:1,app:\"hamer\",session:\"s\\u{1b}[2J\",session_hash:\"h\",created:\"2023-03-08T19:30:00+01:00\")\n\
                (seq:1,at:\"2023-03-08T19:30:00+01:00\",event:SessionOpened)\n";
    let r = crate::journal::parse(Path::new("x.journal"), text.as_bytes()).unwrap();
    assert_eq!(r.records.len(), 1);
    assert_eq!(r.header.session, "s", "the header is cleaned too");
    assert_eq!(r.good_len, text.len() as u64);
}

#[test]
fn no_speech_starts_during_a_recess() {
    let mut h = Harness::new();
    h.act(Action::Queue(faction("SP")));
    h.act(Action::ToggleRecess);
    assert!(matches!(
        h.m().act(Action::StartNext),
        Err(Refusal::InRecess)
    ));
    h.act(Action::ToggleRecess);
    h.act(Action::StartNext);
}

#[test]
fn a_short_turn_does_not_start_in_a_warning() {
    let mut h = Harness::new();
    // The second round gives one minute: no "one minute left" at once.
    start_in_item(&mut h, 5, faction("SP"));
    let t = h.mr().thresholds();
    assert_eq!(h.speech().level(h.now(), t), Level::Normal);
    h.secs(30);
    assert_eq!(h.speech().level(h.now(), t), Level::Final);
}

#[test]
fn a_journal_deleted_while_running_is_written_again() {
    let mut h = Harness::new();
    h.act(Action::Note("voor het wissen".into()));
    let path = h.mr().journal_path().to_owned();
    std::fs::remove_file(&path).unwrap();
    h.act(Action::Note("na het wissen".into()));
    let notices = h.m().take_notices();
    assert!(
        matches!(&notices[..], [Notice::Restored { .. }]),
        "{notices:?}"
    );
    let replay = crate::journal::read(&path).unwrap();
    assert_eq!(replay.records.len(), 2, "nothing acknowledged was lost");
    h.restart();
    assert_eq!(h.state().outcomes.notes.len(), 2);
}

#[test]
fn a_journal_replaced_while_running_is_kept_aside_and_written_again() {
    let mut h = Harness::new();
    h.act(Action::Note("een".into()));
    let path = h.mr().journal_path().to_owned();
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, "iets anders\n").unwrap();
    h.act(Action::Note("twee".into()));
    let replay = crate::journal::read(&path).unwrap();
    assert_eq!(replay.records.len(), 2);
    let aside = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.contains(".replaced"))
        .expect("the replacement is kept");
    assert!(aside.ends_with(".journal.replaced"));
}

// ---- the chair's screen, second version (issue 14) ----

impl Harness {
    /// The seed session with its text changed by `edit` before opening.
    fn with_session(edit: impl FnOnce(String) -> String) -> Self {
        let (dir, session) = scratch_copy();
        let text = std::fs::read_to_string(&session).unwrap();
        std::fs::write(&session, edit(text)).unwrap();
        let clock = FakeClock::at_seed();
        let (m, _) = open_at(&session, &clock);
        Harness {
            _dir: dir,
            session,
            clock,
            meeting: Some(m),
        }
    }
}

fn limit_sec(h: &Harness, who: &Speaker) -> Option<u32> {
    h.mr().limit_for(who, who.default_kind())
}

#[test]
fn opening_starts_the_first_item() {
    let mut h = Harness::new();
    h.act(Action::Open);
    assert!(h.state().is_open());
    assert_eq!(h.state().current_item, Some(0));
    assert!(
        h.journal_text()
            .contains("SessionStarted(first_item:Some(0))")
    );
    // One undo takes back the opening and its item.
    h.act(Action::Undo(Role::Chair));
    assert_eq!(h.state().opened_at, None);
    assert_eq!(h.state().current_item, None);
    h.assert_replay_matches();
}

#[test]
fn a_speaker_started_with_no_current_item_starts_the_first_item() {
    let mut h = Harness::new();
    h.act(Action::Queue(inspreker("Jansen")));
    h.act(Action::StartNext);
    assert!(h.state().is_open());
    assert_eq!(h.state().current_item, Some(0));
    assert_eq!(h.speech().item, Some(0));
    h.assert_replay_matches();
}

#[test]
fn the_limit_follows_the_speaker_not_the_item() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::GotoItem(2)); // Insprekers
    assert_eq!(limit_sec(&h, &inspreker("Jansen")), Some(300));
    // A faction speaker in the insprekers item does not get 5 minutes.
    assert_eq!(limit_sec(&h, &faction("VVD")), None);
    h.act(Action::GotoItem(3)); // Eerste termijn, 3 minutes each
    assert_eq!(limit_sec(&h, &faction("VVD")), Some(180));
    let rep = Speaker::Representative {
        faction: "VVD".into(),
        name: "J. de Vries".into(),
    };
    assert_eq!(limit_sec(&h, &rep), Some(180));
    assert_eq!(limit_sec(&h, &wethouder()), None);
    let chair = Speaker::Chair {
        name: "Sander Janssen".into(),
    };
    assert_eq!(limit_sec(&h, &chair), None);
    assert_eq!(limit_sec(&h, &inspreker("Jansen")), Some(300));
}

#[test]
fn the_session_file_sets_a_limit_per_kind_of_speaker() {
    let mut h = Harness::with_session(|t| {
        t.replace(
            "    agenda: [",
            "    speaker_limits: Some(SpeakerLimits(faction_min: Some(4), college_min: Some(6), official_min: Some(2), presenter_min: Some(8))),\n    interruption_limit_sec: Some(45),\n    agenda: [",
        )
    });
    h.act(Action::Open);
    h.act(Action::GotoItem(2));
    assert_eq!(limit_sec(&h, &faction("VVD")), Some(240));
    assert_eq!(limit_sec(&h, &wethouder()), Some(360));
    let official = Speaker::Official {
        name: "Astrid Scholtens".into(),
        function: Some("beleidsadviseur".into()),
    };
    assert_eq!(limit_sec(&h, &official), Some(120));
    let presenter = Speaker::Presenter {
        function: None,
        name: "Louis Rings".into(),
        organisation: None,
    };
    assert_eq!(limit_sec(&h, &presenter), Some(480));
    // The item's own limit goes first.
    h.act(Action::GotoItem(3));
    assert_eq!(limit_sec(&h, &faction("VVD")), Some(180));
    h.act(Action::Queue(faction("VVD")));
    h.act(Action::StartNext);
    h.act(Action::Interrupt(faction("SP")));
    assert_eq!(
        h.state().interruption.as_ref().unwrap().limit_ms,
        Some(45_000)
    );
}

#[test]
fn next_item_ends_the_speech_or_lets_it_run_on_as_asked() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::GotoItem(3));
    h.act(Action::Queue(faction("VVD")));
    h.act(Action::StartNext);
    h.secs(20);
    h.act(Action::NextItem { end_speech: false });
    assert_eq!(h.state().current_item, Some(4));
    assert!(h.state().speech.is_some(), "it keeps speaking");
    h.secs(10);
    assert_eq!(h.speech().elapsed_ms(h.now()), 30_000);
    h.act(Action::NextItem { end_speech: true });
    assert_eq!(h.state().current_item, Some(5));
    assert!(h.state().speech.is_none());
    let last = h.state().finished.last().unwrap();
    assert_eq!(last.elapsed_ms(h.now()), 30_000);
    assert!(
        h.journal_text()
            .contains("ItemStarted(index:5,end_speech:true)")
    );
    assert!(h.journal_text().contains("ItemStarted(index:4)"));
    // Undo brings the speech back as it was.
    h.act(Action::Undo(Role::Chair));
    assert!(h.state().speech.is_some());
    assert_eq!(h.state().current_item, Some(4));
    h.assert_replay_matches();
}

#[test]
fn after_closing_the_meeting_is_refused_but_the_record_and_undo_work() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::Queue(faction("VVD")));
    let entry = h.state().queue[0].id;
    h.act(Action::Close);
    for a in [
        Action::Queue(faction("SP")),
        Action::RemoveQueue(entry),
        Action::MoveQueue { entry, to: 0 },
        Action::EditQueue(entry, faction("SP")),
        Action::StartNext,
        Action::NextItem { end_speech: true },
        Action::Recess(Some(5)),
        Action::ToggleRecess,
    ] {
        assert!(
            matches!(h.m().act(a.clone()), Err(Refusal::Closed)),
            "{a:?}"
        );
    }
    h.act(Action::Note("na afloop".into()));
    h.act(Action::SetConclusion("Hamerstuk.".into()));
    // The chair's undo takes back the close, not the clerk's note.
    let undo = h.act(Action::Undo(Role::Chair));
    assert!(matches!(undo.undone.unwrap().event, Event::SessionClosed));
    assert!(h.state().is_open());
    assert_eq!(h.state().outcomes.notes.len(), 1);
    h.act(Action::Queue(faction("SP")));
}

#[test]
fn undo_and_redo_belong_to_a_view() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::Queue(faction("VVD")));
    h.act(Action::SetPosition {
        faction: "BBH".into(),
        stance: Some(Stance::Supports),
        note: String::new(),
    });
    // The chair's undo skips the clerk's position.
    h.act(Action::Undo(Role::Chair));
    assert!(h.state().queue.is_empty());
    assert!(h.state().outcomes.positions.contains_key("BBH"));
    // The clerk's undo takes back the position.
    h.act(Action::Undo(Role::Clerk));
    assert!(h.state().outcomes.positions.is_empty());
    // Redo per view, across a restart.
    h.restart();
    let redo = h.act(Action::Redo(Role::Chair));
    assert!(matches!(
        redo.redone.unwrap().event,
        Event::SpeakerQueued { .. }
    ));
    assert_eq!(h.state().queue.len(), 1);
    assert!(h.state().outcomes.positions.is_empty());
    assert!(matches!(
        h.m().act(Action::Redo(Role::Chair)),
        Err(Refusal::NothingToRedo)
    ));
    h.act(Action::Redo(Role::Clerk));
    assert!(h.state().outcomes.positions.contains_key("BBH"));
    h.assert_replay_matches();
}

#[test]
fn a_new_action_ends_what_its_view_could_redo() {
    let mut h = Harness::new();
    h.act(Action::Queue(faction("VVD")));
    h.act(Action::Note("n".into()));
    h.act(Action::Undo(Role::Chair));
    h.act(Action::Undo(Role::Clerk));
    // A clerk's action does not take the chair's redo away.
    h.act(Action::Note("m".into()));
    assert!(h.state().last_redoable(Role::Clerk).is_none());
    assert!(h.state().last_redoable(Role::Chair).is_some());
    h.act(Action::Queue(faction("SP")));
    assert!(matches!(
        h.m().act(Action::Redo(Role::Chair)),
        Err(Refusal::NothingToRedo)
    ));
    h.assert_replay_matches();
}

#[test]
fn undo_and_redo_walk_back_and_forth() {
    let mut h = Harness::new();
    h.act(Action::Queue(faction("A")));
    h.act(Action::Queue(faction("B")));
    h.act(Action::Undo(Role::Chair));
    h.act(Action::Undo(Role::Chair));
    assert!(h.state().queue.is_empty());
    h.act(Action::Redo(Role::Chair));
    assert_eq!(h.state().queue.len(), 1);
    assert_eq!(h.state().queue[0].speaker, faction("A"));
    h.act(Action::Redo(Role::Chair));
    assert_eq!(h.state().queue.len(), 2);
    h.act(Action::Undo(Role::Chair));
    assert_eq!(h.state().queue.len(), 1);
    h.assert_replay_matches();
}

#[test]
fn a_recess_of_set_length_says_when_the_session_resumes() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::Recess(Some(5)));
    assert!(h.state().in_recess());
    assert_eq!(
        h.state().recess_until(),
        Some(h.now() + chrono::Duration::minutes(5))
    );
    assert!(matches!(
        h.m().act(Action::Recess(None)),
        Err(Refusal::AlreadyInRecess)
    ));
    h.secs(400);
    h.act(Action::ToggleRecess);
    assert!(!h.state().in_recess());
    assert_eq!(h.state().recess_until(), None);
    assert_eq!(h.state().recess_ms(h.now()), 400_000);
    h.act(Action::Recess(None));
    assert_eq!(h.state().recess_until(), None);
    h.assert_replay_matches();
}

#[test]
fn a_queued_name_can_be_corrected() {
    let mut h = Harness::new();
    h.act(Action::Queue(faction("VVD")));
    let entry = h.state().queue[0].id;
    let named = Speaker::Faction {
        faction: "VVD".into(),
        name: Some("Brigiet Schoemaker".into()),
    };
    h.act(Action::EditQueue(entry, named.clone()));
    assert_eq!(h.state().queue[0].speaker, named);
    assert_eq!(h.state().queue[0].id, entry);
    assert!(matches!(
        h.m().act(Action::EditQueue(999, named)),
        Err(Refusal::NoSuchEntry)
    ));
    h.assert_replay_matches();
}

#[test]
fn warnings_need_a_limit_half_as_long_again_as_their_threshold() {
    let t = Thresholds::default();
    let start = parse_ts("2023-03-08T19:30:00+01:00");
    let speech = |limit: u32| {
        Speech::new(
            1,
            start,
            faction("VVD"),
            SpeechKind::Contribution,
            None,
            Some(limit),
        )
    };
    let at = |s: i64| start + chrono::Duration::seconds(s);
    // 30 s: no warning at all before the end.
    assert_eq!(speech(30).level(at(1), t), Level::Normal);
    assert_eq!(speech(30).level(at(29), t), Level::Normal);
    // 45 s: the 30-second warning.
    assert_eq!(speech(45).level(at(16), t), Level::Final);
    // 60 s and 90 s: the 30-second warning, never "one minute".
    assert_eq!(speech(60).level(at(1), t), Level::Normal);
    assert_eq!(speech(60).level(at(31), t), Level::Final);
    assert_eq!(speech(90).level(at(31), t), Level::Normal);
    assert_eq!(speech(90).level(at(61), t), Level::Final);
    // 91 s: both.
    assert_eq!(speech(91).level(at(32), t), Level::First);
    assert_eq!(speech(91).level(at(62), t), Level::Final);
    assert_eq!(speech(91).level(at(91), t), Level::Over);
}

#[test]
fn an_older_journal_reads_as_it_did() {
    // A journal of version 1: SessionOpened, then `]` for the first item,
    // no end_speech or start_item fields.
    let old = "(seq:1,at:\"2023-03-08T19:30:00+01:00\",event:SessionOpened)\n\
               (seq:2,at:\"2023-03-08T19:31:00+01:00\",event:ItemStarted(index:0))\n\
               (seq:3,at:\"2023-03-08T19:32:00+01:00\",event:SpeakerQueued(speaker:Faction(faction:\"VVD\")))\n\
               (seq:4,at:\"2023-03-08T19:33:00+01:00\",event:SpeechStarted(speaker:Faction(faction:\"VVD\"),kind:Contribution,limit_sec:None,from_queue:Some(3)))\n\
               (seq:5,at:\"2023-03-08T19:34:00+01:00\",event:Undo(seq:4))\n";
    let records: Vec<Record> = old.lines().map(|l| ron::from_str(l).unwrap()).collect();
    let s = State::fold(&records);
    assert_eq!(s.opened_at, Some(parse_ts("2023-03-08T19:30:00+01:00")));
    assert_eq!(s.current_item, Some(0));
    assert!(s.speech.is_none());
    assert_eq!(s.queue.len(), 1);
    // The chair can redo the undone start.
    assert_eq!(s.last_redoable(Role::Chair).map(|r| r.seq), Some(5));
}

#[test]
fn the_chairs_close_stays_undoable_after_many_clerk_entries() {
    // Review of issue 14: one undo window for both roles let 64 clerk
    // entries after the close push the close out of reach.
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::Close);
    for i in 0..(state::UNDO_WINDOW + 6) {
        h.act(Action::Note(format!("note {i}")));
    }
    let undo = h.act(Action::Undo(Role::Chair));
    assert!(matches!(undo.undone.unwrap().event, Event::SessionClosed));
    assert!(h.state().is_open());
}

#[test]
fn a_note_taken_by_the_chair_is_the_chairs_to_undo() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::Queue(faction("VVD")));
    h.act(Action::StartNext);
    h.act(Action::ChairNote("typo".into()));
    let undo = h.act(Action::Undo(Role::Chair));
    assert!(matches!(
        undo.undone.unwrap().event,
        Event::NoteAdded { .. }
    ));
    assert!(h.state().speech.is_some(), "the speech stays");
    assert!(h.journal_text().contains("by:Some(Chair)"));
    // The clerk's notes stay the clerk's.
    h.act(Action::Note("n".into()));
    assert!(
        !h.journal_text().contains(
            "text:\"n\",item:Some(0),speaker:Some(Faction(faction:\"VVD\",name:None)),by:"
        )
    );
    h.assert_replay_matches();
}

#[test]
fn odd_new_events_in_a_hand_written_journal_fold_without_harm() {
    let at = parse_ts("2023-03-08T19:30:00+01:00");
    let events = vec![
        Event::SessionStarted {
            first_item: Some(usize::MAX),
        },
        Event::RecessStartedFor { minutes: u32::MAX },
        Event::RecessEnded,
        Event::SpeechStarted {
            speaker: faction("VVD"),
            kind: SpeechKind::Contribution,
            limit_sec: Some(u32::MAX),
            from_queue: Some(777),
            start_item: Some(usize::MAX),
        },
        Event::QueueEdited {
            entry: 999,
            speaker: faction("SP"),
        },
        Event::Redo { seq: 1 },
        Event::Undo { seq: 6 },
        Event::Redo { seq: u64::MAX },
        Event::Undo { seq: u64::MAX },
        Event::ItemStarted {
            index: 99_999,
            end_speech: true,
        },
    ];
    let records: Vec<Record> = events
        .into_iter()
        .enumerate()
        .map(|(i, event)| Record {
            seq: i as u64 + 1,
            at: at + chrono::Duration::seconds(i as i64),
            event,
            client: None,
        })
        .collect();
    let s = State::fold(&records);
    assert!(s.opened_at.is_some());
    assert_eq!(s.current_item, Some(99_999));
    assert!(s.speech.is_none(), "ended by the item that ends the speech");
    assert!(s.notices.iter().any(|n| n.event == "QueueEdited"));
}
