//! Events: everything that happens in a session, as it is written to the
//! journal. The names here are the journal format: renaming one makes old
//! journals unreadable, so add, never rename.

use serde::{Deserialize, Serialize};

use crate::clock::Ts;
use crate::sanitize::{Lines, clean_in_place};

/// The identity of an entry (queue entry, note, commitment, …): the sequence
/// number of the event that created it.
pub type Id = u64;

/// One line of the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub seq: u64,
    pub at: Ts,
    pub event: Event,
    /// The id a clerk's laptop gave the action this event was written for
    /// (`hamer run --serve`): a request with an id the journal already has
    /// is answered with this event, never applied twice. Absent for the
    /// writer's own keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
}

/// Who speaks.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Speaker {
    /// A faction's speaker (a council member or fractievertegenwoordiger);
    /// `faction` is the faction's short code.
    Faction {
        faction: String,
        #[serde(default)]
        name: Option<String>,
    },
    /// A member of the public (inspreker), with the salutation the record
    /// writes before the name ("dhr.", "mevr.").
    Public {
        name: String,
        #[serde(default)]
        organisation: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        salutation: Option<String>,
    },
    /// The portfolio holder or another member of the college.
    College { name: String, role: String },
    /// Someone giving a presentation or speaking from outside the council
    /// and the college (the Rekenkamer's chair or researcher): the
    /// record's "overige sprekers", with function and organisation.
    Presenter {
        name: String,
        #[serde(default)]
        organisation: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        function: Option<String>,
    },
    /// The chair.
    Chair { name: String },
    /// An official (ambtenaar) supporting the college, with their function
    /// ("beleidsadviseur onderwijs").
    Official {
        name: String,
        #[serde(default)]
        function: Option<String>,
    },
    /// A fractievertegenwoordiger: speaks for a faction without being a
    /// council member. Counts for the faction like a faction speaker.
    Representative { faction: String, name: String },
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Whose action an event is: `u` in the chair's view takes back the
/// chair's last action, in the clerk's view the clerk's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Chair,
    Clerk,
}

impl Speaker {
    /// The faction code, for faction speakers.
    pub fn faction(&self) -> Option<&str> {
        match self {
            Speaker::Faction { faction, .. } | Speaker::Representative { faction, .. } => {
                Some(faction)
            }
            _ => None,
        }
    }

    /// A key for per-person totals: the name, or for an unnamed faction
    /// speaker the faction code.
    pub fn person_key(&self) -> String {
        match self {
            Speaker::Faction {
                faction,
                name: Some(n),
            } => format!("{faction}: {n}"),
            Speaker::Faction {
                faction,
                name: None,
            } => faction.clone(),
            Speaker::Representative { faction, name } => format!("{faction}: {name}"),
            Speaker::Public { name, .. }
            | Speaker::College { name, .. }
            | Speaker::Presenter { name, .. }
            | Speaker::Official { name, .. }
            | Speaker::Chair { name } => name.clone(),
        }
    }

    /// The speaker's name, when one was given.
    pub fn name(&self) -> Option<&str> {
        match self {
            Speaker::Faction { name, .. } => name.as_deref(),
            Speaker::Representative { name, .. }
            | Speaker::Public { name, .. }
            | Speaker::College { name, .. }
            | Speaker::Presenter { name, .. }
            | Speaker::Official { name, .. }
            | Speaker::Chair { name } => Some(name),
        }
    }

    /// The speech kind this speaker gives by default.
    pub fn default_kind(&self) -> SpeechKind {
        match self {
            Speaker::Faction { .. } | Speaker::Representative { .. } | Speaker::Chair { .. } => {
                SpeechKind::Contribution
            }
            Speaker::Public { .. } => SpeechKind::PublicSpeaking,
            Speaker::College { .. } | Speaker::Official { .. } => SpeechKind::Answer,
            Speaker::Presenter { .. } => SpeechKind::Presentation,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SpeechKind {
    Contribution,
    PublicSpeaking,
    Presentation,
    Answer,
    PointOfOrder,
    Interruption,
}

/// The advice of the session to the Raad.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Advice {
    /// Ter beeldvorming besproken.
    Informed,
    /// Behandeld, agenderen hamerstuk Raad.
    Hamerstuk,
    /// Behandeld, agenderen bespreekstuk Raad.
    Bespreekstuk,
    /// Niet rijp voor besluitvorming.
    NotReady,
    /// Aangehouden.
    Postponed,
}

/// A faction's position on the proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    Supports,
    SupportsWithReservation,
    Against,
    Undecided,
    Absent,
}

/// Someone whose presence the clerk records.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Present {
    /// A faction as a whole (by code).
    Faction(String),
    /// A member of the college (by name).
    College(String),
    /// A member of a faction, by name (from the council's member list, or
    /// a fractievertegenwoordiger): present makes the faction present.
    Member { faction: String, name: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MotionKind {
    Motion,
    Amendment,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    // Session.
    SessionOpened,
    SessionClosed,
    /// An open-ended recess.
    RecessStarted,
    RecessEnded,
    /// Opens the session and makes `first_item` current: what `o` writes
    /// (an older journal has `SessionOpened` and then `ItemStarted`).
    SessionStarted {
        first_item: Option<usize>,
    },
    /// A recess of `minutes`: the screens show when the session resumes.
    /// It still ends with `RecessEnded`.
    RecessStartedFor {
        minutes: u32,
    },

    // Agenda: the item with this index (0-based) becomes current; the item
    // that was current ends. With `end_speech`, the speech that runs (and
    // its interruption) ends first.
    ItemStarted {
        index: usize,
        #[serde(default, skip_serializing_if = "is_false")]
        end_speech: bool,
    },

    // Queue.
    SpeakerQueued {
        speaker: Speaker,
    },
    /// Move the entry to position `to` (0-based) in the queue.
    QueueMoved {
        entry: Id,
        to: usize,
    },
    QueueRemoved {
        entry: Id,
    },
    /// The queued entry is someone else (a name corrected or added).
    QueueEdited {
        entry: Id,
        speaker: Speaker,
    },

    // Speeches. Starting a speech ends the one that runs (and its interruption).
    SpeechStarted {
        speaker: Speaker,
        kind: SpeechKind,
        /// The limit in seconds; `None` counts up without a limit.
        limit_sec: Option<u32>,
        /// The queue entry this speaker came from; it leaves the queue.
        #[serde(default)]
        from_queue: Option<Id>,
        /// No item was current: this item becomes current first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start_item: Option<usize>,
    },
    SpeechPaused,
    SpeechResumed,
    /// Ends the interruption if one runs, otherwise the speech.
    SpeechEnded,
    /// The chair gives (or takes) time: seconds added to the current limit
    /// (of the interruption while one runs).
    LimitAdjusted {
        delta_sec: i32,
    },
    /// A faction speaker interrupts; the main speech pauses.
    InterruptionStarted {
        speaker: Speaker,
        limit_sec: Option<u32>,
    },
    /// The interruption ends; the main speech resumes if it was running.
    InterruptionEnded,

    // Outcomes, recorded by the clerk.
    NoteAdded {
        text: String,
        /// Stamps: the current item and speaker when the note was taken.
        #[serde(default)]
        item: Option<usize>,
        #[serde(default)]
        speaker: Option<Speaker>,
        /// Who took the note, when the chair did (`N` in the chair's view):
        /// the chair's `u` takes it back. `None`: the clerk.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<Role>,
    },
    NoteEdited {
        id: Id,
        text: String,
    },
    /// `None` clears the advice. `requested_by`: the factions that asked for
    /// a bespreekstuk.
    AdviceSet {
        advice: Option<Advice>,
        #[serde(default)]
        requested_by: Vec<String>,
    },
    /// `None` clears the faction's position.
    PositionSet {
        faction: String,
        stance: Option<Stance>,
        #[serde(default)]
        note: String,
    },
    CommitmentAdded {
        by: String,
        what: String,
        #[serde(default)]
        due: String,
    },
    CommitmentEdited {
        id: Id,
        by: String,
        what: String,
        #[serde(default)]
        due: String,
    },
    MotionAnnounced {
        factions: Vec<String>,
        kind: MotionKind,
        title: String,
    },
    MotionEdited {
        id: Id,
        factions: Vec<String>,
        kind: MotionKind,
        title: String,
    },
    ActionPointAdded {
        text: String,
        #[serde(default)]
        owner: String,
    },
    ActionPointEdited {
        id: Id,
        text: String,
        #[serde(default)]
        owner: String,
    },
    /// Removes a note, commitment, motion or action point.
    OutcomeRemoved {
        id: Id,
    },
    ConclusionSet {
        text: String,
    },
    /// Who is present: a faction (by code), a college member (by name) or
    /// a faction's member (by name).
    PresenceSet {
        who: Present,
        present: bool,
    },

    /// Takes back the event with this sequence number. The event stays in the
    /// journal; the state is folded as if it had not happened.
    Undo {
        seq: u64,
    },
    /// Takes back the `Undo` event with this sequence number: the event it
    /// took back counts again.
    Redo {
        seq: u64,
    },

    /// The system's wall clock and the clock hamer counts on drifted apart
    /// (the system clock was set, or stepped by NTP): at `at` (hamer's
    /// running clock) the wall clock said `wall`, `drift_ms` ahead of it
    /// (negative: behind). Written by hamer itself, never by a key; changes
    /// no time in the state, and is not a target of `Undo`.
    ClockStepped {
        wall: Ts,
        drift_ms: i64,
    },
}

impl Event {
    /// A stable English name, for diagnostics and tests (the UI translates).
    pub fn name(&self) -> &'static str {
        match self {
            Event::SessionOpened => "SessionOpened",
            Event::SessionClosed => "SessionClosed",
            Event::RecessStarted => "RecessStarted",
            Event::RecessEnded => "RecessEnded",
            Event::SessionStarted { .. } => "SessionStarted",
            Event::RecessStartedFor { .. } => "RecessStartedFor",
            Event::ItemStarted { .. } => "ItemStarted",
            Event::SpeakerQueued { .. } => "SpeakerQueued",
            Event::QueueMoved { .. } => "QueueMoved",
            Event::QueueRemoved { .. } => "QueueRemoved",
            Event::QueueEdited { .. } => "QueueEdited",
            Event::SpeechStarted { .. } => "SpeechStarted",
            Event::SpeechPaused => "SpeechPaused",
            Event::SpeechResumed => "SpeechResumed",
            Event::SpeechEnded => "SpeechEnded",
            Event::LimitAdjusted { .. } => "LimitAdjusted",
            Event::InterruptionStarted { .. } => "InterruptionStarted",
            Event::InterruptionEnded => "InterruptionEnded",
            Event::NoteAdded { .. } => "NoteAdded",
            Event::NoteEdited { .. } => "NoteEdited",
            Event::AdviceSet { .. } => "AdviceSet",
            Event::PositionSet { .. } => "PositionSet",
            Event::CommitmentAdded { .. } => "CommitmentAdded",
            Event::CommitmentEdited { .. } => "CommitmentEdited",
            Event::MotionAnnounced { .. } => "MotionAnnounced",
            Event::MotionEdited { .. } => "MotionEdited",
            Event::ActionPointAdded { .. } => "ActionPointAdded",
            Event::ActionPointEdited { .. } => "ActionPointEdited",
            Event::OutcomeRemoved { .. } => "OutcomeRemoved",
            Event::ConclusionSet { .. } => "ConclusionSet",
            Event::PresenceSet { .. } => "PresenceSet",
            Event::Undo { .. } => "Undo",
            Event::Redo { .. } => "Redo",
            Event::ClockStepped { .. } => "ClockStepped",
        }
    }
}

impl Event {
    /// Whose action this is, for undo and redo; `None` for the events that
    /// are not actions (`Undo`, `Redo`, `ClockStepped`).
    pub fn role(&self) -> Option<Role> {
        match self {
            Event::NoteAdded { by: Some(role), .. } => Some(*role),
            Event::NoteAdded { .. }
            | Event::NoteEdited { .. }
            | Event::AdviceSet { .. }
            | Event::PositionSet { .. }
            | Event::CommitmentAdded { .. }
            | Event::CommitmentEdited { .. }
            | Event::MotionAnnounced { .. }
            | Event::MotionEdited { .. }
            | Event::ActionPointAdded { .. }
            | Event::ActionPointEdited { .. }
            | Event::OutcomeRemoved { .. }
            | Event::ConclusionSet { .. }
            | Event::PresenceSet { .. } => Some(Role::Clerk),
            Event::Undo { .. } | Event::Redo { .. } | Event::ClockStepped { .. } => None,
            Event::SessionOpened
            | Event::SessionClosed
            | Event::RecessStarted
            | Event::RecessEnded
            | Event::SessionStarted { .. }
            | Event::RecessStartedFor { .. }
            | Event::ItemStarted { .. }
            | Event::SpeakerQueued { .. }
            | Event::QueueMoved { .. }
            | Event::QueueRemoved { .. }
            | Event::QueueEdited { .. }
            | Event::SpeechStarted { .. }
            | Event::SpeechPaused
            | Event::SpeechResumed
            | Event::SpeechEnded
            | Event::LimitAdjusted { .. }
            | Event::InterruptionStarted { .. }
            | Event::InterruptionEnded => Some(Role::Chair),
        }
    }
}

impl Speaker {
    fn clean(&mut self) {
        let one = |s: &mut String| {
            clean_in_place(s, Lines::Single);
        };
        match self {
            Speaker::Faction { faction, name } => {
                one(faction);
                name.iter_mut().for_each(one);
            }
            Speaker::Public {
                name,
                organisation,
                salutation: extra,
            }
            | Speaker::Presenter {
                name,
                organisation,
                function: extra,
            } => {
                one(name);
                organisation.iter_mut().for_each(one);
                extra.iter_mut().for_each(one);
            }
            Speaker::College { name, role } => {
                one(name);
                one(role);
            }
            Speaker::Chair { name } => one(name),
            Speaker::Official { name, function } => {
                one(name);
                function.iter_mut().for_each(one);
            }
            Speaker::Representative { faction, name } => {
                one(faction);
                one(name);
            }
        }
    }
}

impl Event {
    /// Clean every text in the event, as text from a session file is
    /// cleaned: what the clerk types or a hand-edited journal holds can
    /// never reach the terminal as an escape sequence.
    pub fn clean(&mut self) {
        let one = |s: &mut String| {
            clean_in_place(s, Lines::Single);
        };
        let multi = |s: &mut String| {
            clean_in_place(s, Lines::Multi);
        };
        match self {
            Event::SpeakerQueued { speaker }
            | Event::QueueEdited { speaker, .. }
            | Event::SpeechStarted { speaker, .. }
            | Event::InterruptionStarted { speaker, .. } => speaker.clean(),
            Event::NoteAdded { text, speaker, .. } => {
                multi(text);
                if let Some(s) = speaker {
                    s.clean();
                }
            }
            Event::NoteEdited { text, .. } | Event::ConclusionSet { text } => multi(text),
            Event::AdviceSet { requested_by, .. } => requested_by.iter_mut().for_each(one),
            Event::PositionSet { faction, note, .. } => {
                one(faction);
                multi(note);
            }
            Event::CommitmentAdded { by, what, due }
            | Event::CommitmentEdited { by, what, due, .. } => {
                one(by);
                multi(what);
                one(due);
            }
            Event::MotionAnnounced {
                factions, title, ..
            }
            | Event::MotionEdited {
                factions, title, ..
            } => {
                factions.iter_mut().for_each(one);
                one(title);
            }
            Event::ActionPointAdded { text, owner }
            | Event::ActionPointEdited { text, owner, .. } => {
                multi(text);
                one(owner);
            }
            Event::PresenceSet { who, .. } => match who {
                Present::Faction(s) | Present::College(s) => one(s),
                Present::Member { faction, name } => {
                    one(faction);
                    one(name);
                }
            },
            Event::SessionOpened
            | Event::SessionClosed
            | Event::RecessStarted
            | Event::RecessEnded
            | Event::SessionStarted { .. }
            | Event::RecessStartedFor { .. }
            | Event::ItemStarted { .. }
            | Event::QueueMoved { .. }
            | Event::QueueRemoved { .. }
            | Event::SpeechPaused
            | Event::SpeechResumed
            | Event::SpeechEnded
            | Event::LimitAdjusted { .. }
            | Event::InterruptionEnded
            | Event::OutcomeRemoved { .. }
            | Event::ClockStepped { .. }
            | Event::Redo { .. }
            | Event::Undo { .. } => {}
        }
    }
}
