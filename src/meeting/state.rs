//! The session state: a pure fold over the journal's events.
//!
//! Nothing here reads a clock. The state keeps timestamps; every duration is
//! computed on demand for a given `now` as the sum of running stretches
//! between event timestamps, so a timer cannot drift and a restart measures
//! a running speech from the journal. Durations never go negative, even when
//! the system clock jumped backwards between two events.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::clock::{Ts, ms_between};
use crate::journal::record::{
    Advice, Event, Id, MotionKind, Present, Record, Role, Speaker, SpeechKind, Stance,
};

/// How many of the most recent undoable events of each role (the chair's,
/// the clerk's) the state remembers for `u`. Undo re-folds the journal, so
/// the window is refilled after each undo.
pub const UNDO_WINDOW: usize = 64;

/// An item index beyond any agenda is a damaged journal; the cap keeps a
/// bad number from exhausting memory.
const MAX_ITEM: usize = 100_000;

/// A stretch of time; `end` is `None` while it lasts.
#[derive(Clone, Debug, PartialEq)]
pub struct Interval {
    pub start: Ts,
    pub end: Option<Ts>,
}

impl Interval {
    pub fn ms(&self, now: Ts) -> i64 {
        ms_between(self.start, self.end.unwrap_or(now))
    }
}

/// Warning thresholds of a speech timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    pub first_ms: i64,
    pub final_ms: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            first_ms: 60_000,
            final_ms: 30_000,
        }
    }
}

/// How close a timer is to its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// No limit (counting up) or more than the first threshold left.
    Normal,
    /// At most the first threshold left (default 60 s): "nog 1 minuut".
    First,
    /// At most the final threshold left (default 30 s): "nog 30 sec".
    Final,
    /// The limit is reached: overtime counts up.
    Over,
}

/// A speech (or interruption) that runs or ran.
#[derive(Clone, Debug, PartialEq)]
pub struct Speech {
    /// The sequence number of the event that started it.
    pub id: Id,
    pub speaker: Speaker,
    pub kind: SpeechKind,
    /// The agenda item that was current when it started.
    pub item: Option<usize>,
    pub started: Ts,
    pub ended: Option<Ts>,
    /// The limit given at the start, in ms.
    pub limit_ms: Option<i64>,
    /// Time the chair added (or took) since.
    pub adjust_ms: i64,
    /// Time run in closed stretches.
    run_ms: i64,
    running_since: Option<Ts>,
    /// Paused with the pause key.
    pub paused: bool,
    /// Held while an interruption runs (main speech only).
    pub held_by_interruption: bool,
    /// Held during a recess.
    pub held_by_recess: bool,
}

impl Speech {
    pub(crate) fn new(
        id: Id,
        at: Ts,
        speaker: Speaker,
        kind: SpeechKind,
        item: Option<usize>,
        limit_sec: Option<u32>,
    ) -> Self {
        Speech {
            id,
            speaker,
            kind,
            item,
            started: at,
            ended: None,
            limit_ms: limit_sec.map(|s| i64::from(s) * 1000),
            adjust_ms: 0,
            run_ms: 0,
            running_since: Some(at),
            paused: false,
            held_by_interruption: false,
            held_by_recess: false,
        }
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Open or close the running stretch to match the flags.
    fn sync(&mut self, at: Ts) {
        let should_run = self.ended.is_none()
            && !self.paused
            && !self.held_by_interruption
            && !self.held_by_recess;
        match (should_run, self.running_since) {
            (true, None) => self.running_since = Some(at),
            (false, Some(since)) => {
                self.run_ms += ms_between(since, at);
                self.running_since = None;
            }
            _ => {}
        }
    }

    fn end(&mut self, at: Ts) {
        self.ended = Some(at);
        self.sync(at);
    }

    /// Time spoken: `now - started - paused`, as the sum of running stretches.
    pub fn elapsed_ms(&self, now: Ts) -> i64 {
        self.run_ms + self.running_since.map_or(0, |s| ms_between(s, now))
    }

    /// The limit with the chair's adjustments, never below zero.
    pub fn limit_total_ms(&self) -> Option<i64> {
        self.limit_ms.map(|l| (l + self.adjust_ms).max(0))
    }

    /// `limit - elapsed`; negative is overtime. `None` without a limit.
    pub fn remaining_ms(&self, now: Ts) -> Option<i64> {
        self.limit_total_ms().map(|l| l - self.elapsed_ms(now))
    }

    /// A warning counts when the limit is at least half as long again as
    /// its threshold: with the default 60 s and 30 s, a limit of 45 s or
    /// more gets "nog 30 sec", one over 90 s "nog 1 minuut" too. A
    /// one-minute turn does not start in "one minute left".
    pub fn level(&self, now: Ts, t: Thresholds) -> Level {
        let limit = self.limit_total_ms().unwrap_or(0);
        match self.remaining_ms(now) {
            None => Level::Normal,
            Some(r) if r <= 0 => Level::Over,
            Some(r) if r <= t.final_ms && 2 * limit >= 3 * t.final_ms => Level::Final,
            Some(r) if r <= t.first_ms && 2 * limit > 3 * t.first_ms => Level::First,
            Some(_) => Level::Normal,
        }
    }
}

/// Speaking time and turns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub ms: i64,
    /// Speeches, not counting interruptions.
    pub turns: u32,
    pub interruptions: u32,
}

impl Usage {
    fn add(&mut self, s: &Speech, ms: i64) {
        self.ms += ms;
        if s.kind == SpeechKind::Interruption {
            self.interruptions += 1;
        } else {
            self.turns += 1;
        }
    }
}

/// A queue entry: `id` is the sequence number of the event that queued it.
#[derive(Clone, Debug, PartialEq)]
pub struct QueueEntry {
    pub id: Id,
    pub speaker: Speaker,
    pub queued_at: Ts,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub id: Id,
    pub at: Ts,
    pub text: String,
    pub item: Option<usize>,
    pub speaker: Option<Speaker>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Commitment {
    pub id: Id,
    pub at: Ts,
    pub by: String,
    pub what: String,
    pub due: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Motion {
    pub id: Id,
    pub at: Ts,
    pub factions: Vec<String>,
    pub kind: MotionKind,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionPoint {
    pub id: Id,
    pub at: Ts,
    pub text: String,
    pub owner: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    pub stance: Stance,
    pub note: String,
    pub at: Ts,
}

/// What the clerk records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcomes {
    pub advice: Option<Advice>,
    pub requested_by: Vec<String>,
    /// By faction code.
    pub positions: BTreeMap<String, Position>,
    pub commitments: Vec<Commitment>,
    pub motions: Vec<Motion>,
    pub action_points: Vec<ActionPoint>,
    pub notes: Vec<Note>,
    pub conclusion: String,
    /// Recorded presence; who is not in here was not recorded either way.
    pub presence: BTreeMap<Present, bool>,
}

impl Outcomes {
    fn remove(&mut self, id: Id) -> bool {
        let before = self.notes.len()
            + self.commitments.len()
            + self.motions.len()
            + self.action_points.len();
        self.notes.retain(|n| n.id != id);
        self.commitments.retain(|c| c.id != id);
        self.motions.retain(|m| m.id != id);
        self.action_points.retain(|a| a.id != id);
        let after = self.notes.len()
            + self.commitments.len()
            + self.motions.len()
            + self.action_points.len();
        after < before
    }
}

/// An event in the journal that had no effect when folded (it names an
/// entry that is gone, or does not fit the state). Kept and shown, never
/// dropped silently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub seq: u64,
    pub event: &'static str,
}

/// The whole state of a session at the last event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub last_seq: u64,
    pub last_at: Option<Ts>,
    pub opened_at: Option<Ts>,
    pub closed_at: Option<Ts>,
    pub recesses: Vec<Interval>,
    /// The planned minutes of every recess of a set length, by its index in
    /// `recesses`.
    pub recess_plans: BTreeMap<usize, u32>,
    pub current_item: Option<usize>,
    /// Per agenda index, the stretches it was current. Longer than the
    /// agenda when the journal names items the session file no longer has.
    pub items: Vec<Vec<Interval>>,
    pub queue: Vec<QueueEntry>,
    pub speech: Option<Speech>,
    pub interruption: Option<Speech>,
    /// Speeches and interruptions that ended, in order of ending.
    pub finished: Vec<Speech>,
    faction_total: BTreeMap<String, Usage>,
    faction_item: BTreeMap<(usize, String), Usage>,
    person_total: BTreeMap<String, Usage>,
    pub outcomes: Outcomes,
    /// The most recent events that `u` can take back, oldest first.
    pub undoable: Vec<Record>,
    /// Per role, the `Undo` events that `Ctrl-R` can take back, most recent
    /// last; a new action of that role empties its list.
    pub redoable: HashMap<Role, Vec<Record>>,
    pub notices: Vec<Notice>,
    /// Times the system clock was found stepped away from hamer's running
    /// clock ([`Event::ClockStepped`]), in order.
    pub clock_steps: Vec<ClockStep>,
}

/// The system clock was found `drift_ms` away from hamer's running clock
/// at `at` (running clock), when it said `wall`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockStep {
    pub seq: u64,
    pub at: Ts,
    pub wall: Ts,
    pub drift_ms: i64,
}

impl State {
    /// Fold a whole journal. Undo events take back the event they name: the
    /// state is folded as if that event had not happened.
    /// A `Redo` takes back an `Undo`, so the event counts again.
    pub fn fold<'a>(records: impl IntoIterator<Item = &'a Record> + Clone) -> State {
        // The undos in force: an undo's seq to the seq it takes back.
        let mut undos: HashMap<u64, u64> = HashMap::new();
        for r in records.clone() {
            match r.event {
                Event::Undo { seq } => {
                    undos.insert(r.seq, seq);
                }
                Event::Redo { seq } => {
                    undos.remove(&seq);
                }
                _ => {}
            }
        }
        let undone: HashSet<u64> = undos.values().copied().collect();
        let mut state = State::default();
        // The role of every action seen, to file an undo under its role.
        let mut roles: HashMap<u64, Role> = HashMap::new();
        for r in records {
            if let Some(role) = r.event.role() {
                roles.insert(r.seq, role);
            }
            match &r.event {
                Event::Undo { seq } => {
                    state.last_seq = state.last_seq.max(r.seq);
                    if let Some(role) = roles.get(seq) {
                        state.redoable.entry(*role).or_default().push(r.clone());
                    }
                    continue;
                }
                Event::Redo { seq } => {
                    state.last_seq = state.last_seq.max(r.seq);
                    for list in state.redoable.values_mut() {
                        list.retain(|u| u.seq != *seq);
                    }
                    continue;
                }
                _ => {}
            }
            // A clock step is a fact, not an action: an `Undo` naming it
            // (only by hand) takes nothing back.
            if undone.contains(&r.seq) && !matches!(r.event, Event::ClockStepped { .. }) {
                state.last_seq = state.last_seq.max(r.seq);
                continue;
            }
            state.apply(r);
        }
        state
    }

    pub fn is_open(&self) -> bool {
        self.opened_at.is_some() && self.closed_at.is_none()
    }

    pub fn in_recess(&self) -> bool {
        self.recesses.last().is_some_and(|r| r.end.is_none())
    }

    /// The speech whose timer the chair is watching: the interruption while
    /// one runs, otherwise the main speech.
    pub fn active_speech(&self) -> Option<&Speech> {
        self.interruption.as_ref().or(self.speech.as_ref())
    }

    /// Apply one event that is not undone. Events that do not fit the state
    /// are recorded as notices and change nothing else.
    pub fn apply(&mut self, r: &Record) {
        let at = r.at;
        self.last_seq = self.last_seq.max(r.seq);
        self.last_at = Some(at);
        let effective = match &r.event {
            Event::SessionOpened => {
                if self.opened_at.is_none() {
                    self.opened_at = Some(at);
                    true
                } else {
                    false
                }
            }
            Event::SessionClosed => {
                if self.closed_at.is_none() {
                    self.open_implicitly(at);
                    self.end_interruption(at);
                    self.end_speech(at);
                    self.end_recess(at);
                    self.close_item(at);
                    self.closed_at = Some(at);
                    true
                } else {
                    false
                }
            }
            Event::SessionStarted { first_item } => {
                if self.opened_at.is_none() {
                    self.opened_at = Some(at);
                    if let Some(index) = first_item
                        && *index <= MAX_ITEM
                    {
                        self.start_item(at, *index);
                    }
                    true
                } else {
                    false
                }
            }
            Event::RecessStarted | Event::RecessStartedFor { .. } => {
                if self.in_recess() {
                    false
                } else {
                    if let Event::RecessStartedFor { minutes } = &r.event {
                        self.recess_plans.insert(self.recesses.len(), *minutes);
                    }
                    self.open_implicitly(at);
                    self.recesses.push(Interval {
                        start: at,
                        end: None,
                    });
                    for s in self.speech.iter_mut().chain(self.interruption.iter_mut()) {
                        s.held_by_recess = true;
                        s.sync(at);
                    }
                    true
                }
            }
            Event::RecessEnded => self.end_recess(at),
            // An index far beyond any agenda is a damaged journal; the cap
            // keeps a bad number from exhausting memory.
            Event::ItemStarted { index, .. } if *index > MAX_ITEM => false,
            Event::ItemStarted { index, end_speech } => {
                self.open_implicitly(at);
                if *end_speech {
                    self.end_interruption(at);
                    self.end_speech(at);
                }
                self.start_item(at, *index);
                true
            }
            Event::SpeakerQueued { speaker } => {
                self.queue.push(QueueEntry {
                    id: r.seq,
                    speaker: speaker.clone(),
                    queued_at: at,
                });
                true
            }
            Event::QueueMoved { entry, to } => match self.queue.iter().position(|q| q.id == *entry)
            {
                Some(from) => {
                    let e = self.queue.remove(from);
                    let to = (*to).min(self.queue.len());
                    self.queue.insert(to, e);
                    true
                }
                None => false,
            },
            Event::QueueEdited { entry, speaker } => {
                match self.queue.iter_mut().find(|q| q.id == *entry) {
                    Some(q) => {
                        q.speaker = speaker.clone();
                        true
                    }
                    None => false,
                }
            }
            Event::QueueRemoved { entry } => {
                let before = self.queue.len();
                self.queue.retain(|q| q.id != *entry);
                self.queue.len() < before
            }
            Event::SpeechStarted {
                speaker,
                kind,
                limit_sec,
                from_queue,
                start_item,
            } => {
                self.open_implicitly(at);
                self.end_interruption(at);
                self.end_speech(at);
                if let Some(index) = start_item
                    && self.current_item.is_none()
                    && *index <= MAX_ITEM
                {
                    self.start_item(at, *index);
                }
                if let Some(entry) = from_queue {
                    self.queue.retain(|q| q.id != *entry);
                }
                let mut s = Speech::new(
                    r.seq,
                    at,
                    speaker.clone(),
                    *kind,
                    self.current_item,
                    *limit_sec,
                );
                if self.in_recess() {
                    s.held_by_recess = true;
                    s.sync(at);
                }
                self.speech = Some(s);
                true
            }
            Event::SpeechPaused => self.set_paused(at, true),
            Event::SpeechResumed => self.set_paused(at, false),
            Event::SpeechEnded => {
                let had = self.speech.is_some();
                self.end_interruption(at);
                self.end_speech(at);
                had
            }
            Event::LimitAdjusted { delta_sec } => {
                match self.interruption.as_mut().or(self.speech.as_mut()) {
                    Some(s) => {
                        // Never below a limit of zero, so time given back
                        // after taking too much shows at once.
                        let floor = -s.limit_ms.unwrap_or(0);
                        s.adjust_ms = (s.adjust_ms + i64::from(*delta_sec) * 1000).max(floor);
                        true
                    }
                    None => false,
                }
            }
            Event::InterruptionStarted { speaker, limit_sec } => {
                if self.interruption.is_some() || self.speech.is_none() {
                    // Interruptions nest at most one deep, and need a speech.
                    false
                } else {
                    let mut i = Speech::new(
                        r.seq,
                        at,
                        speaker.clone(),
                        SpeechKind::Interruption,
                        self.current_item,
                        *limit_sec,
                    );
                    if let Some(main) = self.speech.as_mut() {
                        main.held_by_interruption = true;
                        main.sync(at);
                    }
                    if self.in_recess() {
                        i.held_by_recess = true;
                        i.sync(at);
                    }
                    self.interruption = Some(i);
                    true
                }
            }
            Event::InterruptionEnded => self.end_interruption(at),
            Event::NoteAdded {
                text,
                item,
                speaker,
                ..
            } => {
                self.outcomes.notes.push(Note {
                    id: r.seq,
                    at,
                    text: text.clone(),
                    item: *item,
                    speaker: speaker.clone(),
                });
                true
            }
            Event::NoteEdited { id, text } => {
                match self.outcomes.notes.iter_mut().find(|n| n.id == *id) {
                    Some(n) => {
                        n.text = text.clone();
                        true
                    }
                    None => false,
                }
            }
            Event::AdviceSet {
                advice,
                requested_by,
            } => {
                self.outcomes.advice = *advice;
                self.outcomes.requested_by = requested_by.clone();
                true
            }
            Event::PositionSet {
                faction,
                stance,
                note,
            } => {
                match stance {
                    Some(stance) => {
                        self.outcomes.positions.insert(
                            faction.clone(),
                            Position {
                                stance: *stance,
                                note: note.clone(),
                                at,
                            },
                        );
                    }
                    None => {
                        self.outcomes.positions.remove(faction);
                    }
                }
                true
            }
            Event::CommitmentAdded { by, what, due } => {
                self.outcomes.commitments.push(Commitment {
                    id: r.seq,
                    at,
                    by: by.clone(),
                    what: what.clone(),
                    due: due.clone(),
                });
                true
            }
            Event::CommitmentEdited { id, by, what, due } => {
                match self.outcomes.commitments.iter_mut().find(|c| c.id == *id) {
                    Some(c) => {
                        c.by = by.clone();
                        c.what = what.clone();
                        c.due = due.clone();
                        true
                    }
                    None => false,
                }
            }
            Event::MotionAnnounced {
                factions,
                kind,
                title,
            } => {
                self.outcomes.motions.push(Motion {
                    id: r.seq,
                    at,
                    factions: factions.clone(),
                    kind: *kind,
                    title: title.clone(),
                });
                true
            }
            Event::MotionEdited {
                id,
                factions,
                kind,
                title,
            } => match self.outcomes.motions.iter_mut().find(|m| m.id == *id) {
                Some(m) => {
                    m.factions = factions.clone();
                    m.kind = *kind;
                    m.title = title.clone();
                    true
                }
                None => false,
            },
            Event::ActionPointAdded { text, owner } => {
                self.outcomes.action_points.push(ActionPoint {
                    id: r.seq,
                    at,
                    text: text.clone(),
                    owner: owner.clone(),
                });
                true
            }
            Event::ActionPointEdited { id, text, owner } => {
                match self.outcomes.action_points.iter_mut().find(|a| a.id == *id) {
                    Some(a) => {
                        a.text = text.clone();
                        a.owner = owner.clone();
                        true
                    }
                    None => false,
                }
            }
            Event::OutcomeRemoved { id } => self.outcomes.remove(*id),
            Event::ConclusionSet { text } => {
                self.outcomes.conclusion = text.clone();
                true
            }
            Event::PresenceSet { who, present } => {
                self.outcomes.presence.insert(who.clone(), *present);
                true
            }
            // Undo and redo events are resolved in `fold`; when applied
            // live, the caller re-folds the journal instead.
            Event::Undo { .. } | Event::Redo { .. } => return,
            // A fact about the clocks, not an action: nothing to undo.
            Event::ClockStepped { wall, drift_ms } => {
                self.clock_steps.push(ClockStep {
                    seq: r.seq,
                    at,
                    wall: *wall,
                    drift_ms: *drift_ms,
                });
                return;
            }
        };
        if effective {
            // A new action of a role ends what that role could redo.
            if let Some(role) = r.event.role() {
                self.redoable.remove(&role);
            }
            self.undoable.push(r.clone());
            // A window per role: the clerk's many entries after the close
            // never push out the chair's close.
            let role = r.event.role();
            if self
                .undoable
                .iter()
                .filter(|u| u.event.role() == role)
                .count()
                > UNDO_WINDOW
                && let Some(i) = self.undoable.iter().position(|u| u.event.role() == role)
            {
                self.undoable.remove(i);
            }
        } else {
            self.notices.push(Notice {
                seq: r.seq,
                event: r.event.name(),
            });
        }
    }

    /// Starting a speech, an item or a recess also opens the session.
    fn open_implicitly(&mut self, at: Ts) {
        if self.opened_at.is_none() {
            self.opened_at = Some(at);
        }
    }

    fn set_paused(&mut self, at: Ts, paused: bool) -> bool {
        match self.interruption.as_mut().or(self.speech.as_mut()) {
            Some(s) if s.paused != paused => {
                s.paused = paused;
                s.sync(at);
                true
            }
            _ => false,
        }
    }

    fn end_recess(&mut self, at: Ts) -> bool {
        match self.recesses.last_mut() {
            Some(r) if r.end.is_none() => {
                r.end = Some(at);
                for s in self.speech.iter_mut().chain(self.interruption.iter_mut()) {
                    s.held_by_recess = false;
                    s.sync(at);
                }
                true
            }
            _ => false,
        }
    }

    /// The item with this index becomes current; the current one ends.
    fn start_item(&mut self, at: Ts, index: usize) {
        self.close_item(at);
        if self.items.len() <= index {
            self.items.resize(index + 1, Vec::new());
        }
        self.items[index].push(Interval {
            start: at,
            end: None,
        });
        self.current_item = Some(index);
    }

    fn close_item(&mut self, at: Ts) {
        if let Some(i) = self.current_item.take()
            && let Some(last) = self.items.get_mut(i).and_then(|v| v.last_mut())
            && last.end.is_none()
        {
            last.end = Some(at);
        }
    }

    /// End the interruption, if one runs; the main speech resumes unless the
    /// chair had paused it.
    fn end_interruption(&mut self, at: Ts) -> bool {
        let Some(mut i) = self.interruption.take() else {
            return false;
        };
        i.end(at);
        self.account(&i, at);
        if let Some(main) = self.speech.as_mut() {
            main.held_by_interruption = false;
            main.sync(at);
        }
        self.finished.push(i);
        true
    }

    fn end_speech(&mut self, at: Ts) {
        if let Some(mut s) = self.speech.take() {
            s.end(at);
            self.account(&s, at);
            self.finished.push(s);
        }
    }

    fn account(&mut self, s: &Speech, at: Ts) {
        let ms = s.elapsed_ms(at);
        if let Some(f) = s.speaker.faction() {
            self.faction_total
                .entry(f.to_owned())
                .or_default()
                .add(s, ms);
            if let Some(item) = s.item {
                self.faction_item
                    .entry((item, f.to_owned()))
                    .or_default()
                    .add(s, ms);
            }
        }
        self.person_total
            .entry(s.speaker.person_key())
            .or_default()
            .add(s, ms);
    }

    fn running(&self) -> impl Iterator<Item = &Speech> {
        self.speech.iter().chain(self.interruption.iter())
    }

    /// A faction's speaking time and turns in the whole session, up to `now`.
    pub fn faction_usage(&self, faction: &str, now: Ts) -> Usage {
        let mut u = self.faction_total.get(faction).copied().unwrap_or_default();
        for s in self
            .running()
            .filter(|s| s.speaker.faction() == Some(faction))
        {
            u.add(s, s.elapsed_ms(now));
        }
        u
    }

    /// A faction's speaking time and turns in one agenda item.
    pub fn faction_item_usage(&self, faction: &str, item: usize, now: Ts) -> Usage {
        let mut u = self
            .faction_item
            .get(&(item, faction.to_owned()))
            .copied()
            .unwrap_or_default();
        for s in self
            .running()
            .filter(|s| s.speaker.faction() == Some(faction) && s.item == Some(item))
        {
            u.add(s, s.elapsed_ms(now));
        }
        u
    }

    /// A person's speaking time (see [`Speaker::person_key`]).
    pub fn person_usage(&self, key: &str, now: Ts) -> Usage {
        let mut u = self.person_total.get(key).copied().unwrap_or_default();
        for s in self.running().filter(|s| s.speaker.person_key() == key) {
            u.add(s, s.elapsed_ms(now));
        }
        u
    }

    /// Every faction code the journal names, known to the session or not.
    pub fn factions_named(&self) -> impl Iterator<Item = &str> {
        self.faction_total.keys().map(String::as_str)
    }

    /// Every person who spoke, with their usage.
    pub fn persons(&self, now: Ts) -> BTreeMap<String, Usage> {
        let mut all = self.person_total.clone();
        for s in self.running() {
            all.entry(s.speaker.person_key())
                .or_default()
                .add(s, s.elapsed_ms(now));
        }
        all
    }

    /// Has the faction spoken (not counting interruptions) in this item?
    pub fn spoke_in_item(&self, faction: &str, item: usize, now: Ts) -> bool {
        self.faction_item_usage(faction, item, now).turns > 0
    }

    /// Time an agenda item has been current, up to `now`.
    pub fn item_used_ms(&self, index: usize, now: Ts) -> i64 {
        self.items
            .get(index)
            .map_or(0, |v| v.iter().map(|i| i.ms(now)).sum())
    }

    /// When the item was first started and last ended (if it did).
    pub fn item_span(&self, index: usize) -> Option<(Ts, Option<Ts>)> {
        let v = self.items.get(index)?;
        let first = v.first()?;
        let last = v.last()?;
        Some((first.start, last.end))
    }

    /// Milliseconds left of a session of `duration_min` since the opening;
    /// a recess does not stop this clock. Negative is overtime. `None`
    /// before the opening.
    pub fn session_remaining_ms(&self, duration_min: u32, now: Ts) -> Option<i64> {
        let opened = self.opened_at?;
        let end = self.closed_at.unwrap_or(now);
        Some(i64::from(duration_min) * 60_000 - ms_between(opened, end))
    }

    /// When the recess that runs was said to end (a recess of a set
    /// length); `None` without a recess or for an open-ended one.
    pub fn recess_until(&self) -> Option<Ts> {
        let (i, r) = self.recesses.iter().enumerate().next_back()?;
        let minutes = self.recess_plans.get(&i).filter(|_| r.end.is_none())?;
        Some(r.start + chrono::Duration::minutes(i64::from(*minutes)))
    }

    /// Total recess time, up to `now`.
    pub fn recess_ms(&self, now: Ts) -> i64 {
        self.recesses.iter().map(|r| r.ms(now)).sum()
    }

    /// The event `u` would take back: the last action of `role`.
    pub fn last_undoable(&self, role: Role) -> Option<&Record> {
        self.undoable
            .iter()
            .rev()
            .find(|r| r.event.role() == Some(role))
    }

    /// The `Undo` that `Ctrl-R` would take back for `role`.
    pub fn last_redoable(&self, role: Role) -> Option<&Record> {
        self.redoable.get(&role).and_then(|l| l.last())
    }
}
