//! The meeting engine: actions of the chair and the clerk become events,
//! events go to the journal first, then into the state.
//!
//! No terminal code lives here. The screens call [`Meeting::act`] and draw
//! [`Meeting::state`]; a test does the same with a [`crate::clock::FakeClock`].

pub mod remote;
pub mod schedule;
pub mod sim;
pub mod state;
pub mod texts;

use std::path::{Path, PathBuf};

/// The events and records are the journal's format; the meeting speaks them.
pub use crate::journal::record::{
    Advice, Event, Id, MotionKind, Present, Record, Role, Speaker, SpeechKind, Stance,
};
pub use state::{ClockStep, Level, Speech, State, Thresholds, Usage};

use crate::clock::{Clock, Ts};
use crate::journal::{self, JournalError, Notice, OpenRequest, Writer};
use crate::session::{FactionBudget, SessionPlan};

/// What the chair or the clerk asks for. Serialized as JSON when a clerk's
/// laptop sends it to the writer ([`remote`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Action {
    /// Open the session; the first item becomes current.
    Open,
    Close,
    /// Recess (schorsing) on or off.
    ToggleRecess,
    /// A recess of this many minutes (`None`: open-ended); refused while
    /// one runs.
    Recess(Option<u32>),
    /// The next item becomes current; with `end_speech` the speech that
    /// runs ends first, otherwise it goes on into the next item.
    NextItem {
        end_speech: bool,
    },
    PreviousItem,
    GotoItem(usize),
    Queue(Speaker),
    /// Move a queue entry to a position (0-based).
    MoveQueue {
        entry: Id,
        to: usize,
    },
    RemoveQueue(Id),
    /// The queued entry is someone else (a name corrected or added).
    EditQueue(Id, Speaker),
    /// Start the first speaker in the queue (ends the current speech).
    StartNext,
    /// Start a speaker who is not in the queue.
    Start(Speaker, SpeechKind),
    /// Pause or resume the active speech (the interruption while one runs).
    TogglePause,
    /// End the interruption if one runs, otherwise the speech.
    End,
    /// Add (or, negative, take) seconds to the active speech's limit.
    AdjustLimit(i32),
    Interrupt(Speaker),
    /// A note by the clerk.
    Note(String),
    /// A note taken in the chair's view: the chair's undo takes it back.
    ChairNote(String),
    EditNote(Id, String),
    SetAdvice(Option<Advice>, Vec<String>),
    SetPosition {
        faction: String,
        stance: Option<Stance>,
        note: String,
    },
    AddCommitment {
        by: String,
        what: String,
        due: String,
    },
    EditCommitment {
        id: Id,
        by: String,
        what: String,
        due: String,
    },
    AnnounceMotion {
        factions: Vec<String>,
        kind: MotionKind,
        title: String,
    },
    EditMotion {
        id: Id,
        factions: Vec<String>,
        kind: MotionKind,
        title: String,
    },
    AddActionPoint {
        text: String,
        owner: String,
    },
    EditActionPoint {
        id: Id,
        text: String,
        owner: String,
    },
    RemoveOutcome(Id),
    SetConclusion(String),
    SetPresence(Present, bool),
    /// Take back the most recent action of this role that is not yet
    /// taken back.
    Undo(Role),
    /// Take back the most recent undo of this role.
    Redo(Role),
}

impl Action {
    /// Whose action this is: the clerk's (notes, outcomes, presence, the
    /// clerk's undo) or the chair's (everything that runs the meeting).
    pub fn role(&self) -> Role {
        match self {
            Action::Note(_)
            | Action::EditNote(..)
            | Action::SetAdvice(..)
            | Action::SetPosition { .. }
            | Action::AddCommitment { .. }
            | Action::EditCommitment { .. }
            | Action::AnnounceMotion { .. }
            | Action::EditMotion { .. }
            | Action::AddActionPoint { .. }
            | Action::EditActionPoint { .. }
            | Action::RemoveOutcome(_)
            | Action::SetConclusion(_)
            | Action::SetPresence(..)
            | Action::Undo(Role::Clerk)
            | Action::Redo(Role::Clerk) => Role::Clerk,
            Action::Open
            | Action::Close
            | Action::ToggleRecess
            | Action::Recess(_)
            | Action::NextItem { .. }
            | Action::PreviousItem
            | Action::GotoItem(_)
            | Action::Queue(_)
            | Action::MoveQueue { .. }
            | Action::RemoveQueue(_)
            | Action::EditQueue(..)
            | Action::StartNext
            | Action::Start(..)
            | Action::TogglePause
            | Action::End
            | Action::AdjustLimit(_)
            | Action::Interrupt(_)
            | Action::ChairNote(_)
            | Action::Undo(Role::Chair)
            | Action::Redo(Role::Chair) => Role::Chair,
        }
    }
}

/// Why an action was not done. Nothing was written.
#[derive(Debug)]
pub enum Refusal {
    AlreadyOpen,
    NotOpen,
    Closed,
    NoSpeech,
    QueueEmpty,
    NoSuchEntry,
    /// An interruption already runs (they nest one deep).
    AlreadyInterrupted,
    NoItem,
    NothingToUndo,
    NothingToRedo,
    /// A recess already runs.
    AlreadyInRecess,
    EmptyText,
    /// A recess runs; a speech cannot start until it ends.
    InRecess,
    /// The speech has no limit to add time to.
    NoLimit,
    /// The journal could not be written; the state is as the file says.
    Journal(JournalError),
    /// This laptop's access does not allow the action (a clerk's link and
    /// a chair's action).
    NotAllowed,
    /// A replica could not keep the action for sending: why.
    Link(String),
}

impl From<JournalError> for Refusal {
    fn from(e: JournalError) -> Self {
        Refusal::Journal(e)
    }
}

/// What an action did: the record written, and for an undo, the record
/// that was taken back (for a redo, the one that counts again).
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    pub record: Record,
    pub undone: Option<Record>,
    /// For a redo, the record that counts again.
    pub redone: Option<Record>,
}

/// Why a session could not be opened: one text that says what to fix, and
/// the exit status for the command line (2 for a file hamer refuses to
/// touch, such as a file that is not a journal; 1 otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenError {
    pub message: String,
    pub code: u8,
}

impl From<String> for OpenError {
    fn from(message: String) -> Self {
        OpenError { message, code: 1 }
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A running session: the plan, the journal writer, the state and the clock.
pub struct Meeting<C: Clock> {
    plan: SessionPlan,
    journal: Journal,
    state: State,
    clock: C,
    thresholds: Thresholds,
    /// The client ids of the actions sent over the network, and the event
    /// each became (see [`Record::client`]).
    clients: std::collections::HashMap<String, u64>,
}

/// Where a meeting's events come from.
enum Journal {
    /// This process writes the journal.
    Writer(Writer),
    /// Another process writes it (`hamer join`): actions go over the link,
    /// events come back over it, already in the replica at `path`.
    Replica {
        path: PathBuf,
        link: Box<dyn remote::Link>,
        records: Vec<Record>,
    },
}

/// How to open a meeting.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenOptions<'a> {
    /// `--journal PATH`; `None`: next to the session file.
    pub journal: Option<&'a Path>,
    /// `--fresh`: move an existing journal aside.
    pub fresh: bool,
    /// Base of the fallback place; `None`: the user's data directory.
    pub data_dir: Option<&'a Path>,
}

impl<C: Clock> Meeting<C> {
    /// Open the session's journal (creating it if needed), replay it, and
    /// return the meeting with what is worth telling the user.
    pub fn open(
        plan: SessionPlan,
        session_bytes: &[u8],
        clock: C,
        options: &OpenOptions<'_>,
    ) -> Result<(Self, Vec<Notice>), JournalError> {
        let (writer, replay, notices) = Writer::open(&OpenRequest {
            session_path: &plan.path,
            session_bytes,
            journal: options.journal,
            fresh: options.fresh,
            data_dir: options.data_dir,
            now: clock.now(),
        })?;
        let state = State::fold(&replay.records);
        let thresholds = thresholds(&plan);
        let clients = client_ids(&replay.records);
        Ok((
            Meeting {
                plan,
                journal: Journal::Writer(writer),
                state,
                clock,
                thresholds,
                clients,
            },
            notices,
        ))
    }

    /// A meeting that another process writes: its records so far (the
    /// replica at `path`) and the link that sends actions to the writer
    /// and brings its events (`hamer join`).
    pub fn replica(
        plan: SessionPlan,
        path: PathBuf,
        records: Vec<Record>,
        link: Box<dyn remote::Link>,
        clock: C,
    ) -> Self {
        let state = State::fold(&records);
        let thresholds = thresholds(&plan);
        let clients = client_ids(&records);
        Meeting {
            plan,
            journal: Journal::Replica {
                path,
                link,
                records,
            },
            state,
            clock,
            thresholds,
            clients,
        }
    }

    /// Another process writes this meeting's journal.
    pub fn is_replica(&self) -> bool {
        matches!(self.journal, Journal::Replica { .. })
    }

    /// The link's state, for a replica.
    pub fn link_status(&self) -> Option<remote::LinkStatus> {
        match &self.journal {
            Journal::Replica { link, .. } => Some(link.status()),
            Journal::Writer(_) => None,
        }
    }

    /// What a replica's link allows; the chair's own screen allows all.
    pub fn access(&self) -> remote::Access {
        match &self.journal {
            Journal::Replica { link, .. } => link.access(),
            Journal::Writer(_) => remote::Access::Chair,
        }
    }

    /// A replica: take in what arrived over the link. Returns whether the
    /// state changed, the actions the writer refused (with why), and why
    /// the link broke, if it did.
    pub fn sync(&mut self) -> (bool, Vec<String>, Option<String>) {
        let Journal::Replica { link, records, .. } = &mut self.journal else {
            return (false, Vec::new(), None);
        };
        let incoming = link.take();
        if incoming.reset {
            *records = incoming.records;
            self.state = State::fold(records.iter());
            self.clients = client_ids(records);
            return (true, incoming.refused, incoming.broken);
        }
        let changed = !incoming.records.is_empty();
        let mut refold = false;
        for record in incoming.records {
            if let Some(id) = &record.client {
                self.clients.insert(id.clone(), record.seq);
            }
            if matches!(record.event, Event::Undo { .. } | Event::Redo { .. }) {
                refold = true;
            } else if !refold {
                self.state.apply(&record);
            }
            records.push(record);
        }
        if refold {
            self.state = State::fold(records.iter());
        }
        (changed, incoming.refused, incoming.broken)
    }

    /// A replica: check the action against the state here (a refusal is
    /// said at once), then hand it to the link, which keeps it on disk
    /// until the writer answered.
    pub fn send(&mut self, action: Action) -> Result<(), Refusal> {
        if !self.access().allows(&action) {
            return Err(Refusal::NotAllowed);
        }
        self.event_for(action.clone())?;
        match &mut self.journal {
            Journal::Replica { link, .. } => link.send(action).map_err(Refusal::Link),
            Journal::Writer(_) => self.act(action).map(|_| ()),
        }
    }

    /// Make every further write fail (see `Writer::break_for_test`).
    #[cfg(test)]
    pub(crate) fn break_for_test(&mut self) {
        if let Journal::Writer(w) = &mut self.journal {
            w.break_for_test();
        }
    }

    /// The event that an action with this client id became, if the journal
    /// has it.
    pub fn client_seq(&self, id: &str) -> Option<u64> {
        self.clients.get(id).copied()
    }

    /// Load a session file and open its journal: what `hamer run` does.
    /// The notices of the journal and the warnings of the session file come
    /// back as text; an error is one text that says what to fix.
    pub fn open_file(
        session: &Path,
        clock: C,
        options: &OpenOptions<'_>,
        lang: crate::i18n::Lang,
    ) -> Result<(Self, Vec<String>), OpenError> {
        // One read: the plan and the journal header's hash are of the same bytes.
        let bytes = crate::session::load::read_file(session).map_err(|e| e.message(lang))?;
        let loaded =
            crate::session::load_session_bytes(&bytes, session).map_err(|e| e.message(lang))?;
        let (meeting, notices) =
            Meeting::open(loaded.value, &bytes, clock, options).map_err(|e| OpenError {
                message: e.message(lang),
                code: e.exit_code(),
            })?;
        let mut said: Vec<String> = notices.iter().map(|n| n.message(lang)).collect();
        said.extend(loaded.warnings.iter().map(|d| d.render(lang)));
        Ok((meeting, said))
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn plan(&self) -> &SessionPlan {
        &self.plan
    }

    pub fn now(&self) -> Ts {
        self.clock.now()
    }

    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    pub fn journal_path(&self) -> &Path {
        match &self.journal {
            Journal::Writer(w) => w.path(),
            Journal::Replica { path, .. } => path,
        }
    }

    /// What happened to the journal while acting that the user should hear
    /// about (a deleted journal written again).
    pub fn take_notices(&mut self) -> Vec<Notice> {
        match &mut self.journal {
            Journal::Writer(w) => w.take_notices(),
            Journal::Replica { .. } => Vec::new(),
        }
    }

    /// Is the journal still at its path? Cheap (a `stat` and an `fstat`);
    /// a deleted or replaced journal is written again at once (a notice in
    /// [`Meeting::take_notices`]). See [`Writer::check`].
    pub fn check_journal(&mut self) -> Result<(), JournalError> {
        let now = self.clock.now();
        match &mut self.journal {
            Journal::Writer(w) => w.check(now),
            Journal::Replica { .. } => Ok(()),
        }
    }

    /// End the session's use of the journal: a journal deleted since the
    /// last event is written again, or (another writer took its path)
    /// saved beside it; what was done comes back as notices. An error means
    /// the events are not at the journal's path: say so and do not end as
    /// if all is well. See [`Writer::close`].
    pub fn close(self) -> Result<Vec<Notice>, JournalError> {
        match self.journal {
            Journal::Writer(w) => w.close(),
            Journal::Replica { .. } => Ok(Vec::new()),
        }
    }

    /// The limit a speaker gets when they start in the current item (see
    /// [`limit_for`]).
    pub fn limit_for(&self, speaker: &Speaker, kind: SpeechKind) -> Option<u32> {
        limit_for(&self.plan, self.state.current_item, speaker, kind)
    }

    /// The limit in the current item, or in `start_item` when the speech
    /// starts that item.
    fn limit_in(
        &self,
        speaker: &Speaker,
        kind: SpeechKind,
        start_item: Option<usize>,
    ) -> Option<u32> {
        limit_for(
            &self.plan,
            self.state.current_item.or(start_item),
            speaker,
            kind,
        )
    }

    /// The speaking budget of a faction in seconds, when the session sets one.
    pub fn budget_sec(&self, faction: &str) -> Option<i64> {
        budget_sec(&self.plan, faction)
    }

    /// Do what was asked: validate, write the event to the journal (flushed),
    /// then apply it. Refused actions write nothing.
    pub fn act(&mut self, action: Action) -> Result<Done, Refusal> {
        self.act_from(action, None)
    }

    /// [`Meeting::act`] for an action a client sent with its own id (kept
    /// in the record, so a retried request is never applied twice).
    pub fn act_from(&mut self, action: Action, client: Option<String>) -> Result<Done, Refusal> {
        let event = self.event_for(action)?;
        let now = self.clock.now();
        let Journal::Writer(writer) = &mut self.journal else {
            return Err(Refusal::Link(String::new()));
        };
        let record = writer.append_for(now, event, client)?;
        if let Some(id) = &record.client {
            self.clients.insert(id.clone(), record.seq);
        }
        match record.event {
            Event::Undo { seq } => {
                let undone = self.state.undoable.iter().find(|r| r.seq == seq).cloned();
                let records = writer.records()?;
                self.state = State::fold(&records);
                return Ok(Done {
                    record,
                    undone,
                    redone: None,
                });
            }
            Event::Redo { seq } => {
                let records = writer.records()?;
                let redone = records
                    .iter()
                    .find_map(|r| match r.event {
                        Event::Undo { seq: target } if r.seq == seq => Some(target),
                        _ => None,
                    })
                    .and_then(|target| records.iter().find(|r| r.seq == target))
                    .cloned();
                self.state = State::fold(&records);
                return Ok(Done {
                    record,
                    undone: None,
                    redone,
                });
            }
            _ => {}
        }
        self.state.apply(&record);
        Ok(Done {
            record,
            undone: None,
            redone: None,
        })
    }

    /// How far the system's wall clock is ahead of the meeting's clock
    /// (see [`Clock::wall_drift_ms`]).
    pub fn wall_drift_ms(&self) -> i64 {
        self.clock.wall_drift_ms()
    }

    /// Write down that the wall clock was found `drift_ms` away from the
    /// meeting's clock ([`Event::ClockStepped`]), so the record says so.
    pub fn record_clock_step(&mut self, drift_ms: i64) -> Result<Record, Refusal> {
        let now = self.clock.now();
        let wall = now + chrono::Duration::milliseconds(drift_ms);
        let Journal::Writer(writer) = &mut self.journal else {
            return Err(Refusal::Link(String::new()));
        };
        let record = writer.append(now, Event::ClockStepped { wall, drift_ms })?;
        self.state.apply(&record);
        Ok(record)
    }

    fn event_for(&self, action: Action) -> Result<Event, Refusal> {
        let s = &self.state;
        let closed = s.closed_at.is_some();
        let live = |e: Event| if closed { Err(Refusal::Closed) } else { Ok(e) };
        // Text is checked as it will be written: cleaned of control
        // characters (a note of escape sequences only is empty).
        let text = |t: String| {
            if crate::sanitize::clean(&t, crate::sanitize::Lines::Multi)
                .text
                .trim()
                .is_empty()
            {
                Err(Refusal::EmptyText)
            } else {
                Ok(t)
            }
        };
        // With no item current, a speech starts the first item.
        let start_item =
            (s.current_item.is_none() && !self.plan.session.agenda.is_empty()).then_some(0);
        match action {
            Action::Open => {
                if s.opened_at.is_some() {
                    Err(if closed {
                        Refusal::Closed
                    } else {
                        Refusal::AlreadyOpen
                    })
                } else {
                    Ok(Event::SessionStarted {
                        first_item: start_item,
                    })
                }
            }
            Action::Close => {
                if closed {
                    Err(Refusal::Closed)
                } else if s.opened_at.is_none() {
                    Err(Refusal::NotOpen)
                } else {
                    Ok(Event::SessionClosed)
                }
            }
            Action::ToggleRecess => live(if s.in_recess() {
                Event::RecessEnded
            } else {
                Event::RecessStarted
            }),
            Action::Recess(_) if s.in_recess() => {
                if closed {
                    Err(Refusal::Closed)
                } else {
                    Err(Refusal::AlreadyInRecess)
                }
            }
            Action::Recess(minutes) => live(match minutes {
                Some(minutes) if minutes > 0 => Event::RecessStartedFor { minutes },
                _ => Event::RecessStarted,
            }),
            Action::NextItem { end_speech } => {
                let next = s.current_item.map_or(0, |i| i + 1);
                if next >= self.plan.session.agenda.len() {
                    Err(Refusal::NoItem)
                } else {
                    live(Event::ItemStarted {
                        index: next,
                        end_speech: end_speech && s.speech.is_some(),
                    })
                }
            }
            Action::PreviousItem => match s.current_item {
                Some(i) if i > 0 => live(Event::ItemStarted {
                    index: i - 1,
                    end_speech: false,
                }),
                _ => Err(Refusal::NoItem),
            },
            Action::GotoItem(index) => {
                if index >= self.plan.session.agenda.len() {
                    Err(Refusal::NoItem)
                } else {
                    live(Event::ItemStarted {
                        index,
                        end_speech: false,
                    })
                }
            }
            Action::Queue(speaker) => live(Event::SpeakerQueued { speaker }),
            Action::MoveQueue { entry, to } => {
                if s.queue.iter().any(|q| q.id == entry) {
                    live(Event::QueueMoved { entry, to })
                } else {
                    Err(Refusal::NoSuchEntry)
                }
            }
            Action::EditQueue(entry, speaker) => {
                if s.queue.iter().any(|q| q.id == entry) {
                    live(Event::QueueEdited { entry, speaker })
                } else {
                    Err(Refusal::NoSuchEntry)
                }
            }
            Action::RemoveQueue(entry) => {
                if s.queue.iter().any(|q| q.id == entry) {
                    live(Event::QueueRemoved { entry })
                } else {
                    Err(Refusal::NoSuchEntry)
                }
            }
            Action::StartNext | Action::Start(..) | Action::Interrupt(_) if s.in_recess() => {
                Err(Refusal::InRecess)
            }
            Action::StartNext => {
                let entry = s.queue.first().ok_or(Refusal::QueueEmpty)?;
                let kind = entry.speaker.default_kind();
                live(Event::SpeechStarted {
                    limit_sec: self.limit_in(&entry.speaker, kind, start_item),
                    speaker: entry.speaker.clone(),
                    kind,
                    from_queue: Some(entry.id),
                    start_item,
                })
            }
            Action::Start(speaker, kind) => live(Event::SpeechStarted {
                limit_sec: self.limit_in(&speaker, kind, start_item),
                speaker,
                kind,
                from_queue: None,
                start_item,
            }),
            Action::TogglePause => match s.active_speech() {
                Some(sp) if sp.paused => live(Event::SpeechResumed),
                Some(_) => live(Event::SpeechPaused),
                None => Err(Refusal::NoSpeech),
            },
            Action::End => {
                if s.interruption.is_some() {
                    live(Event::InterruptionEnded)
                } else if s.speech.is_some() {
                    live(Event::SpeechEnded)
                } else {
                    Err(Refusal::NoSpeech)
                }
            }
            Action::AdjustLimit(delta_sec) => match s.active_speech() {
                Some(sp) if sp.limit_ms.is_some() => live(Event::LimitAdjusted { delta_sec }),
                Some(_) => Err(Refusal::NoLimit),
                None => Err(Refusal::NoSpeech),
            },
            Action::Interrupt(speaker) => {
                if s.speech.is_none() {
                    Err(Refusal::NoSpeech)
                } else if s.interruption.is_some() {
                    Err(Refusal::AlreadyInterrupted)
                } else {
                    live(Event::InterruptionStarted {
                        limit_sec: self.limit_for(&speaker, SpeechKind::Interruption),
                        speaker,
                    })
                }
            }
            Action::Note(t) => Ok(Event::NoteAdded {
                text: text(t)?,
                item: s.current_item,
                speaker: s.active_speech().map(|sp| sp.speaker.clone()),
                by: None,
            }),
            Action::ChairNote(t) => Ok(Event::NoteAdded {
                text: text(t)?,
                item: s.current_item,
                speaker: s.active_speech().map(|sp| sp.speaker.clone()),
                by: Some(Role::Chair),
            }),
            Action::EditNote(id, t) => {
                if s.outcomes.notes.iter().any(|n| n.id == id) {
                    Ok(Event::NoteEdited { id, text: text(t)? })
                } else {
                    Err(Refusal::NoSuchEntry)
                }
            }
            Action::SetAdvice(advice, requested_by) => Ok(Event::AdviceSet {
                advice,
                requested_by,
            }),
            Action::SetPosition {
                faction,
                stance,
                note,
            } => Ok(Event::PositionSet {
                faction,
                stance,
                note,
            }),
            Action::AddCommitment { by, what, due } => Ok(Event::CommitmentAdded {
                by,
                what: text(what)?,
                due,
            }),
            Action::EditCommitment { id, by, what, due } => {
                if s.outcomes.commitments.iter().any(|c| c.id == id) {
                    Ok(Event::CommitmentEdited {
                        id,
                        by,
                        what: text(what)?,
                        due,
                    })
                } else {
                    Err(Refusal::NoSuchEntry)
                }
            }
            Action::AnnounceMotion {
                factions,
                kind,
                title,
            } => Ok(Event::MotionAnnounced {
                factions,
                kind,
                title: text(title)?,
            }),
            Action::EditMotion {
                id,
                factions,
                kind,
                title,
            } => {
                if s.outcomes.motions.iter().any(|m| m.id == id) {
                    Ok(Event::MotionEdited {
                        id,
                        factions,
                        kind,
                        title: text(title)?,
                    })
                } else {
                    Err(Refusal::NoSuchEntry)
                }
            }
            Action::AddActionPoint { text: t, owner } => Ok(Event::ActionPointAdded {
                text: text(t)?,
                owner,
            }),
            Action::EditActionPoint { id, text: t, owner } => {
                if s.outcomes.action_points.iter().any(|a| a.id == id) {
                    Ok(Event::ActionPointEdited {
                        id,
                        text: text(t)?,
                        owner,
                    })
                } else {
                    Err(Refusal::NoSuchEntry)
                }
            }
            Action::RemoveOutcome(id) => {
                let o = &s.outcomes;
                let exists = o.notes.iter().any(|n| n.id == id)
                    || o.commitments.iter().any(|c| c.id == id)
                    || o.motions.iter().any(|m| m.id == id)
                    || o.action_points.iter().any(|a| a.id == id);
                if exists {
                    Ok(Event::OutcomeRemoved { id })
                } else {
                    Err(Refusal::NoSuchEntry)
                }
            }
            Action::SetConclusion(text) => Ok(Event::ConclusionSet { text }),
            Action::SetPresence(who, present) => Ok(Event::PresenceSet { who, present }),
            Action::Undo(role) => match s.last_undoable(role) {
                Some(r) => Ok(Event::Undo { seq: r.seq }),
                None => Err(Refusal::NothingToUndo),
            },
            Action::Redo(role) => match s.last_redoable(role) {
                Some(r) => Ok(Event::Redo { seq: r.seq }),
                None => Err(Refusal::NothingToRedo),
            },
        }
    }
}

/// The client ids in a journal's records, and the event each became.
fn client_ids(records: &[Record]) -> std::collections::HashMap<String, u64> {
    records
        .iter()
        .filter_map(|r| r.client.clone().map(|id| (id, r.seq)))
        .collect()
}

/// Warning thresholds from the session file, or 60 s and 30 s.
pub fn thresholds(plan: &SessionPlan) -> Thresholds {
    match &plan.session.timer_warnings {
        Some(w) => Thresholds {
            first_ms: i64::from(w.first_sec) * 1000,
            final_ms: i64::from(w.final_sec) * 1000,
        },
        None => Thresholds::default(),
    }
}

/// The limit of an interruption when the session file sets none.
pub const DEFAULT_INTERRUPTION_SEC: u32 = 60;

/// The limit in seconds a speaker gets in agenda item `item`. The limit
/// follows the speaker, not the item: an inspreker gets the spreekrecht's
/// limit, a faction speaker the item's `speaker_limit_min` (or the
/// session's `speaker_limits.faction_min`), the college, officials and
/// presenters their `speaker_limits`, the chair none. An interruption has
/// `interruption_limit_sec` (one minute when the file says nothing).
/// `None`: the clock counts up.
pub fn limit_for(
    plan: &SessionPlan,
    item: Option<usize>,
    speaker: &Speaker,
    kind: SpeechKind,
) -> Option<u32> {
    let min = |m: Option<u32>| m.map(|m| m.saturating_mul(60));
    let limits = plan.session.speaker_limits.unwrap_or_default();
    if kind == SpeechKind::Interruption {
        return Some(
            plan.session
                .interruption_limit_sec
                .unwrap_or(DEFAULT_INTERRUPTION_SEC),
        );
    }
    match speaker {
        Speaker::Public { .. } => min(plan.session.public_speaking.as_ref().map(|p| p.limit_min)),
        Speaker::Chair { .. } => None,
        Speaker::College { .. } => min(limits.college_min),
        Speaker::Official { .. } => min(limits.official_min),
        Speaker::Presenter { .. } => min(limits.presenter_min),
        Speaker::Faction { .. } | Speaker::Representative { .. } => {
            let item = item.and_then(|i| plan.session.agenda.get(i));
            min(item
                .and_then(|i| i.speaker_limit_min)
                .or(limits.faction_min))
        }
    }
}

/// See [`Meeting::budget_sec`]. `BySeats` shares the total by seats, rounded
/// down to whole seconds.
pub fn budget_sec(plan: &SessionPlan, faction: &str) -> Option<i64> {
    match plan.session.faction_budget? {
        FactionBudget::Equal { min } => Some(i64::from(min) * 60),
        FactionBudget::BySeats { total_min } => {
            let total_seats: i64 = plan.factions.iter().map(|f| i64::from(f.seats)).sum();
            let seats = i64::from(plan.factions.iter().find(|f| f.short == faction)?.seats);
            (total_seats > 0).then(|| i64::from(total_min) * 60 * seats / total_seats)
        }
    }
}

/// Where a session's journal is, for readers: `--journal` or the default
/// place (with the fallback in the data directory).
pub fn journal_for_reading(session: &Path, journal: Option<&Path>) -> PathBuf {
    journal.map_or_else(|| journal::find_for_reading(session, None), Path::to_owned)
}

#[cfg(test)]
mod tests;
