//! The session record: what `hamer export` and the `e` key write.
//!
//! [`build`] turns a session plan and the folded journal into a
//! [`SessionRecord`]; the formats render that one value: Markdown for
//! people (as Hengelo publishes a session), CSV for the griffie's lists,
//! JSON (Popolo terms where they exist) for other systems. Export reads the
//! journal without the lock, so it works while a session runs; speeches that
//! still run are exported up to `now` without an end.

pub mod chapters;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod template;
pub mod verslag;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::clock::{Ts, ms_between};
use crate::meeting::{Advice, MotionKind, Present, Speaker, Speech, SpeechKind, Stance, State};
use crate::session::SessionPlan;

pub use write::{
    BesideError, Existing, Protected, begins_with_journal_header, default_markdown_path,
    is_hamer_record, protected_target, write_atomically, write_beside, write_error_message,
    write_record_beside,
};

/// `a b`, or the one that is not empty.
pub fn with_space(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_owned(),
        (false, true) => a.to_owned(),
        (false, false) => format!("{a} {b}"),
    }
}

/// A presenter's function and organisation as the screens and the
/// records write them: `Onderzoekster, Rekenkamer Hengelo`, either alone
/// when the other is empty.
pub fn function_and_organisation(function: &str, organisation: &str) -> String {
    match (function.is_empty(), organisation.is_empty()) {
        (true, _) => organisation.to_owned(),
        (false, true) => function.to_owned(),
        (false, false) => format!("{function}, {organisation}"),
    }
}

impl SpeechRecord {
    /// The speaker's name as the record writes it: an inspreker with
    /// their salutation (`dhr. Methorst`).
    pub fn shown_name(&self) -> String {
        with_space(&self.salutation, &self.speaker)
    }
}

impl SessionRecord {
    /// A faction's full name ("BurgerBelangen" for "BBH"); a code the
    /// record does not know stays as it is.
    pub fn faction_name(&self, code: &str) -> String {
        self.factions
            .iter()
            .find(|f| f.code == code)
            .map_or_else(|| code.to_owned(), |f| f.name.clone())
    }

    /// A college member's role ("wethouder"): from the college list, else
    /// the role they spoke in; empty when neither says.
    pub fn college_role(&self, plan: &SessionPlan, name: &str) -> String {
        college_role(plan, &self.speeches, name)
    }

    /// Leave the clerk's private notes out of this record.
    pub fn withhold_notes(&mut self) {
        self.notes.clear();
        self.notes_withheld = true;
    }
}

/// Everything the record holds, in one value that serializes to JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub title: String,
    pub case_number: String,
    pub body: String,
    pub date: String,
    pub room: String,
    pub domain: String,
    pub chairs: Vec<String>,
    pub clerk: String,
    pub portfolio_holder: String,
    pub opened_at: Option<Ts>,
    pub closed_at: Option<Ts>,
    /// Total recess time, seconds.
    pub recess_seconds: i64,
    pub college_present: Vec<String>,
    pub factions_present: Vec<String>,
    /// Faction members present, by name (recorded by the clerk, or seen
    /// speaking), in the session's order of factions and of their members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members_present: Vec<MemberRecord>,
    /// The codes of the session's factions recorded absent (by the clerk's
    /// presence list or the position "not present") that nothing shows
    /// present. A faction nobody recorded is in neither list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factions_absent: Vec<String>,
    pub factions: Vec<FactionRecord>,
    pub agenda: Vec<ItemRecord>,
    pub speeches: Vec<SpeechRecord>,
    pub advice: Option<Advice>,
    pub advice_requested_by: Vec<String>,
    pub positions: Vec<PositionRecord>,
    pub commitments: Vec<CommitmentRecord>,
    pub motions: Vec<MotionRecord>,
    pub action_points: Vec<ActionPointRecord>,
    pub conclusion: String,
    pub notes: Vec<NoteRecord>,
    /// The notes were left out (`hamer export` without `--with-notes`):
    /// the Markdown then has no notes section at all.
    #[serde(skip)]
    pub notes_withheld: bool,
    /// The recesses of a set length (`RecessStartedFor`), with their
    /// planned length; open-ended recesses count in `recess_seconds` only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub planned_recesses: Vec<RecessRecord>,
    /// Interruptions per person, in the factions' order (a faction's
    /// total is in `factions`); people of no faction last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interruptions: Vec<InterruptionRecord>,
    /// Times the system clock was found set away from the clock hamer
    /// counts on (all times in the record are on hamer's clock).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clock_steps: Vec<ClockStepRecord>,
    /// The municipality of the council file (empty without one); part of
    /// the Popolo ids, so that records of two councils never share one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub municipality: String,
    /// Where the item goes next (the session file's `next_step`): the
    /// Raad of 29-3-2023, as a hamerstuk when that is the advice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<crate::session::NextStep>,
    /// When the record was made (export time).
    pub exported_at: Ts,
}

/// A faction's member present, by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRecord {
    /// The faction's code.
    pub faction: String,
    pub name: String,
}

/// A recess of a set length: when it began and ended, how long it was
/// meant to last and how long it did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecessRecord {
    pub start: Ts,
    /// `None` while it still runs.
    pub end: Option<Ts>,
    pub planned_minutes: u32,
    pub seconds: i64,
}

/// One person's interruptions: who (as in [`SpeechRecord`]), for which
/// faction (empty for a speaker of no faction), how often and how long.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterruptionRecord {
    pub faction: String,
    pub speaker: String,
    pub speaker_kind: SpeakerKind,
    pub count: u32,
    pub seconds: i64,
}

/// The system clock said `wall` at `at` (hamer's clock): `drift_ms` ahead
/// (negative: behind).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockStepRecord {
    pub at: Ts,
    pub wall: Ts,
    pub drift_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactionRecord {
    pub code: String,
    pub name: String,
    pub seats: u32,
    pub coalition: bool,
    /// False for a faction the journal names but the session file does not.
    pub known: bool,
    pub seconds: i64,
    pub turns: u32,
    pub interruptions: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    pub number: usize,
    pub title: String,
    pub planned_minutes: u32,
    pub start: Option<Ts>,
    pub end: Option<Ts>,
    pub seconds: i64,
    /// Seconds over the planned time (0 when within).
    pub overrun_seconds: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeechRecord {
    /// The sequence number of the event that started it.
    pub id: u64,
    pub item: Option<String>,
    pub start: Ts,
    /// `None` while it still runs.
    pub end: Option<Ts>,
    pub seconds: i64,
    pub speaker: String,
    /// Faction code for faction speakers, organisation for insprekers and
    /// presenters, role for college members.
    pub affiliation: String,
    pub speaker_kind: SpeakerKind,
    pub kind: SpeechKind,
    /// The function of a presenter or an official ("onderzoekster",
    /// "beleidsadviseur onderwijs"); empty when none was noted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub function: String,
    /// An inspreker's salutation ("dhr.", "mevr."); empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub salutation: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeakerKind {
    Faction,
    Public,
    College,
    Presenter,
    Chair,
    Official,
    /// A fractievertegenwoordiger: speaks for a faction (`affiliation`).
    Representative,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PositionRecord {
    pub faction: String,
    pub faction_name: String,
    /// `None`: no position recorded yet (open).
    pub stance: Option<Stance>,
    pub note: String,
    pub recorded_at: Option<Ts>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitmentRecord {
    pub id: u64,
    pub made_at: Ts,
    /// Who made it, as the clerk wrote it ("Freriksen").
    pub by: String,
    pub what: String,
    /// When it is to be done ("najaar 2023"), as the clerk wrote it.
    pub due: String,
    /// Numbered per session from 1, in the order made.
    #[serde(default)]
    pub number: usize,
    /// The maker's role where the college lists them or they spoke as a
    /// member of it ("wethouder"); empty when not known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by_role: String,
    /// Always open in the record of the session: hamer records
    /// toezeggingen as made; the griffie's list tracks them after.
    #[serde(default)]
    pub status: CommitmentStatus,
}

/// Where a toezegging stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    #[default]
    Open,
}

impl CommitmentStatus {
    /// The status as the CSV and templates write it (as in the JSON).
    pub fn code(self) -> &'static str {
        match self {
            CommitmentStatus::Open => "open",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MotionRecord {
    pub id: u64,
    pub announced_at: Ts,
    pub factions: Vec<String>,
    pub kind: MotionKind,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionPointRecord {
    pub id: u64,
    pub at: Ts,
    pub text: String,
    pub owner: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteRecord {
    pub id: u64,
    pub at: Ts,
    pub text: String,
    pub item: Option<String>,
    pub speaker: Option<String>,
}

fn item_title(plan: &SessionPlan, index: usize) -> String {
    plan.session
        .agenda
        .get(index)
        .map_or_else(|| format!("#{}", index + 1), |i| i.title.clone())
}

/// What the record says of a speaker.
struct Parts {
    name: String,
    affiliation: String,
    kind: SpeakerKind,
    /// A presenter's or official's function.
    function: String,
    /// An inspreker's salutation.
    salutation: String,
}

fn speaker_parts(s: &Speaker) -> Parts {
    let parts = |name: &String, affiliation: String, kind| Parts {
        name: name.clone(),
        affiliation,
        kind,
        function: String::new(),
        salutation: String::new(),
    };
    match s {
        Speaker::Faction { faction, name } => Parts {
            name: name.clone().unwrap_or_else(|| faction.clone()),
            ..parts(faction, faction.clone(), SpeakerKind::Faction)
        },
        Speaker::Public {
            name,
            organisation,
            salutation,
        } => Parts {
            salutation: salutation.clone().unwrap_or_default(),
            ..parts(
                name,
                organisation.clone().unwrap_or_default(),
                SpeakerKind::Public,
            )
        },
        Speaker::College { name, role } => parts(name, role.clone(), SpeakerKind::College),
        Speaker::Presenter {
            name,
            organisation,
            function,
        } => Parts {
            function: function.clone().unwrap_or_default(),
            ..parts(
                name,
                organisation.clone().unwrap_or_default(),
                SpeakerKind::Presenter,
            )
        },
        Speaker::Chair { name } => parts(name, String::new(), SpeakerKind::Chair),
        Speaker::Official { name, function } => Parts {
            function: function.clone().unwrap_or_default(),
            ..parts(
                name,
                function.clone().unwrap_or_default(),
                SpeakerKind::Official,
            )
        },
        Speaker::Representative { faction, name } => {
            parts(name, faction.clone(), SpeakerKind::Representative)
        }
    }
}

/// Seconds, rounded down, of a duration in milliseconds.
fn secs(ms: i64) -> i64 {
    ms.max(0) / 1000
}

/// The recesses that have a planned length.
fn recess_records(state: &State, now: Ts) -> Vec<RecessRecord> {
    state
        .recesses
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            state.recess_plans.get(&i).map(|m| RecessRecord {
                start: r.start,
                end: r.end,
                planned_minutes: *m,
                seconds: secs(r.ms(now)),
            })
        })
        .collect()
}

/// Interruptions per person, grouped by faction in the session's order
/// (unknown factions after, then speakers of no faction).
fn interruption_records(
    factions: &[FactionRecord],
    all: &[&Speech],
    now: Ts,
) -> Vec<InterruptionRecord> {
    let mut out: Vec<InterruptionRecord> = Vec::new();
    for sp in all.iter().filter(|s| s.kind == SpeechKind::Interruption) {
        let Parts {
            name: speaker,
            kind: speaker_kind,
            ..
        } = speaker_parts(&sp.speaker);
        let faction = sp.speaker.faction().unwrap_or_default().to_owned();
        let seconds = secs(sp.elapsed_ms(sp.ended.unwrap_or(now)));
        match out.iter_mut().find(|i| {
            i.faction == faction && i.speaker == speaker && i.speaker_kind == speaker_kind
        }) {
            Some(i) => {
                i.count += 1;
                i.seconds += seconds;
            }
            None => out.push(InterruptionRecord {
                faction,
                speaker,
                speaker_kind,
                count: 1,
                seconds,
            }),
        }
    }
    let order = |f: &str| {
        if f.is_empty() {
            usize::MAX
        } else {
            factions
                .iter()
                .position(|r| r.code == f)
                .unwrap_or(usize::MAX - 1)
        }
    };
    // Stable: within a faction, in order of first interruption.
    out.sort_by_key(|i| order(&i.faction));
    out
}

/// The record of a session as folded from its journal, up to `now`.
///
/// Every time in it is on the council's wall clock ([`SessionPlan::local`]),
/// whatever offset the journal wrote and whatever the machine's `TZ`, so
/// Markdown, CSV and JSON all show the times the room saw.
pub fn build(plan: &SessionPlan, state: &State, now: Ts) -> SessionRecord {
    let mut record = build_as_written(plan, state, now);
    record.put_in_zone(plan.time_zone);
    record
}

impl SessionRecord {
    /// Every time of the record in `zone` (same instants, the zone's
    /// offsets).
    fn put_in_zone(&mut self, zone: chrono_tz::Tz) {
        let z = |t: &mut Ts| *t = crate::clock::in_zone(*t, zone);
        let zo = |t: &mut Option<Ts>| {
            if let Some(t) = t {
                z(t);
            }
        };
        zo(&mut self.opened_at);
        zo(&mut self.closed_at);
        z(&mut self.exported_at);
        for i in &mut self.agenda {
            zo(&mut i.start);
            zo(&mut i.end);
        }
        for s in &mut self.speeches {
            z(&mut s.start);
            zo(&mut s.end);
        }
        for p in &mut self.positions {
            zo(&mut p.recorded_at);
        }
        for c in &mut self.commitments {
            z(&mut c.made_at);
        }
        for m in &mut self.motions {
            z(&mut m.announced_at);
        }
        for a in &mut self.action_points {
            z(&mut a.at);
        }
        for n in &mut self.notes {
            z(&mut n.at);
        }
        for r in &mut self.planned_recesses {
            z(&mut r.start);
            zo(&mut r.end);
        }
        for c in &mut self.clock_steps {
            z(&mut c.at);
            z(&mut c.wall);
        }
    }
}

fn build_as_written(plan: &SessionPlan, state: &State, now: Ts) -> SessionRecord {
    let s = &plan.session;
    let o = &state.outcomes;
    let all = all_speeches(state);
    let factions = faction_records(plan, state, &all, now);
    let present = presence(plan, state, &all);
    let positions = position_records(state, &factions);
    let interruptions = interruption_records(&factions, &all, now);
    let speeches = speech_records(plan, &all, now);
    SessionRecord {
        title: s.title.clone(),
        case_number: s.case_number.clone(),
        body: s.body.clone(),
        date: s.date.clone(),
        room: s.room.clone(),
        domain: s.domain.clone(),
        chairs: s.chairs.clone(),
        clerk: s.clerk.clone(),
        portfolio_holder: s.portfolio_holder.clone(),
        opened_at: state.opened_at,
        closed_at: state.closed_at,
        recess_seconds: secs(state.recess_ms(now)),
        college_present: present.college,
        factions_present: present.factions,
        members_present: present.members,
        factions_absent: present.absent,
        factions,
        agenda: item_records(plan, state, now),
        commitments: commitment_records(plan, state, &speeches),
        speeches,
        advice: o.advice,
        advice_requested_by: o.requested_by.clone(),
        positions,
        motions: motion_records(state),
        action_points: action_point_records(state),
        conclusion: o.conclusion.clone(),
        notes: note_records(plan, state),
        notes_withheld: false,
        planned_recesses: recess_records(state, now),
        interruptions,
        clock_steps: clock_step_records(state),
        next_step: s.next_step.clone(),
        municipality: plan
            .council
            .as_ref()
            .map(|(_, c)| c.municipality.clone())
            .unwrap_or_default(),
        exported_at: now,
    }
}

/// Every agenda item, planned or only in the journal, with its times; an
/// open session counts up to `now`.
fn item_records(plan: &SessionPlan, state: &State, now: Ts) -> Vec<ItemRecord> {
    let s = &plan.session;
    let n_items = s.agenda.len().max(state.items.len());
    (0..n_items)
        .map(|i| {
            let planned = s.agenda.get(i).map_or(0, |it| it.planned_min);
            let used = state.item_used_ms(i, state.closed_at.unwrap_or(now));
            let span = state.item_span(i);
            ItemRecord {
                number: i + 1,
                title: item_title(plan, i),
                planned_minutes: planned,
                start: span.map(|(a, _)| a),
                end: span.and_then(|(_, b)| b),
                seconds: secs(used),
                overrun_seconds: secs((used - i64::from(planned) * 60_000).max(0)),
            }
        })
        .collect()
}

/// Every speech, finished or running, interruptions too, in the order
/// they began.
fn all_speeches(state: &State) -> Vec<&Speech> {
    let mut all: Vec<&Speech> = state
        .finished
        .iter()
        .chain(state.speech.iter())
        .chain(state.interruption.iter())
        .collect();
    all.sort_by_key(|sp| (sp.started, sp.id));
    all
}

/// The speeches as the record lists them; one still running counts up to
/// `now` and has no end.
fn speech_records(plan: &SessionPlan, all: &[&Speech], now: Ts) -> Vec<SpeechRecord> {
    all.iter()
        .map(|sp| {
            let p = speaker_parts(&sp.speaker);
            SpeechRecord {
                id: sp.id,
                item: sp.item.map(|i| item_title(plan, i)),
                start: sp.started,
                end: sp.ended,
                seconds: secs(sp.elapsed_ms(sp.ended.unwrap_or(now))),
                speaker: p.name,
                affiliation: p.affiliation,
                speaker_kind: p.kind,
                kind: sp.kind,
                function: p.function,
                salutation: p.salutation,
            }
        })
        .collect()
}

/// The session's factions in its order, then every code the journal names
/// that the session does not know.
fn faction_records(
    plan: &SessionPlan,
    state: &State,
    all: &[&Speech],
    now: Ts,
) -> Vec<FactionRecord> {
    let mut factions: Vec<FactionRecord> = plan
        .factions
        .iter()
        .map(|f| {
            let u = state.faction_usage(&f.short, now);
            FactionRecord {
                code: f.short.clone(),
                name: f.name.clone(),
                seats: f.seats,
                coalition: f.coalition,
                known: true,
                seconds: secs(u.ms),
                turns: u.turns,
                interruptions: u.interruptions,
            }
        })
        .collect();
    for code in &factions_named(state, all) {
        let code = code.as_str();
        if !factions.iter().any(|f| f.code == code) {
            let u = state.faction_usage(code, now);
            factions.push(FactionRecord {
                code: code.to_owned(),
                name: code.to_owned(),
                seats: 0,
                coalition: false,
                known: false,
                seconds: secs(u.ms),
                turns: u.turns,
                interruptions: u.interruptions,
            });
        }
    }
    factions
}

/// Codes from everywhere the journal names a faction, so that nothing
/// refers to a faction the record leaves out. In order of first naming,
/// repeats included.
fn factions_named(state: &State, all: &[&Speech]) -> Vec<String> {
    let o = &state.outcomes;
    let mut named: Vec<String> = state.factions_named().map(str::to_owned).collect();
    named.extend(
        all.iter()
            .filter_map(|sp| sp.speaker.faction().map(str::to_owned)),
    );
    named.extend(o.positions.keys().cloned());
    named.extend(o.motions.iter().flat_map(|m| m.factions.iter().cloned()));
    named.extend(o.requested_by.iter().cloned());
    named.extend(o.presence.keys().filter_map(|p| match p {
        Present::Faction(c) | Present::Member { faction: c, .. } => Some(c.clone()),
        Present::College(_) => None,
    }));
    named
}

/// Who was there, as the record lists it.
struct Presence {
    /// Faction codes, in the session's order (unknown codes last).
    factions: Vec<String>,
    /// College members by name.
    college: Vec<String>,
    /// Faction members by name, per faction in the session's order, each
    /// faction's members in the order of its member list.
    members: Vec<MemberRecord>,
    /// Faction codes recorded absent (presence or position) that nothing
    /// shows present, in the session's order.
    absent: Vec<String>,
}

/// Who was there: what the clerk recorded; a faction, member or college
/// member who spoke was there unless the clerk recorded otherwise, and a
/// faction with a member present is present.
fn presence(plan: &SessionPlan, state: &State, all: &[&Speech]) -> Presence {
    let mut present: BTreeMap<Present, bool> = BTreeMap::new();
    for sp in all {
        match &sp.speaker {
            // A fractievertegenwoordiger who spoke makes the faction present.
            Speaker::Faction { faction, name } => {
                present.insert(Present::Faction(faction.clone()), true);
                if let Some(name) = name {
                    present.insert(
                        Present::Member {
                            faction: faction.clone(),
                            name: name.clone(),
                        },
                        true,
                    );
                }
            }
            Speaker::Representative { faction, name } => {
                present.insert(Present::Faction(faction.clone()), true);
                present.insert(
                    Present::Member {
                        faction: faction.clone(),
                        name: name.clone(),
                    },
                    true,
                );
            }
            Speaker::College { name, .. } => {
                present.insert(Present::College(name.clone()), true);
            }
            _ => {}
        }
    }
    for (who, here) in &state.outcomes.presence {
        present.insert(who.clone(), *here);
    }
    let order_f = |code: &str| {
        plan.factions
            .iter()
            .position(|f| f.short == code)
            .unwrap_or(usize::MAX)
    };
    let order_m = |faction: &str, name: &str| {
        plan.factions
            .iter()
            .find(|f| f.short == faction)
            .and_then(|f| f.members.iter().position(|m| m == name))
            .unwrap_or(usize::MAX)
    };
    let mut members: Vec<MemberRecord> = present
        .iter()
        .filter_map(|(w, here)| match w {
            Present::Member { faction, name } if *here => Some(MemberRecord {
                faction: faction.clone(),
                name: name.clone(),
            }),
            _ => None,
        })
        .collect();
    members.sort_by_key(|m| (order_f(&m.faction), order_m(&m.faction, &m.name)));
    let mut factions: Vec<String> = present
        .iter()
        .filter_map(|(w, here)| match w {
            Present::Faction(c) if *here => Some(c.clone()),
            _ => None,
        })
        .chain(members.iter().map(|m| m.faction.clone()))
        .collect();
    factions.sort_by_key(|c| (order_f(c), c.clone()));
    factions.dedup();
    let college: Vec<String> = present
        .iter()
        .filter_map(|(w, here)| match w {
            Present::College(n) if *here => Some(n.clone()),
            _ => None,
        })
        .collect();
    let recorded_absent = |code: &str| {
        present.get(&Present::Faction(code.to_owned())) == Some(&false)
            || state.outcomes.positions.get(code).map(|p| p.stance) == Some(Stance::Absent)
    };
    // The session's factions in its order, then codes it does not know
    // that the clerk recorded absent.
    let unknown = present.keys().filter_map(|w| match w {
        Present::Faction(c) if order_f(c) == usize::MAX => Some(c.clone()),
        _ => None,
    });
    let absent = plan
        .factions
        .iter()
        .map(|f| f.short.clone())
        .chain(unknown)
        .filter(|c| !factions.contains(c) && recorded_absent(c))
        .collect();
    Presence {
        factions,
        college,
        members,
        absent,
    }
}

/// A position for every faction of the record, open where none was taken.
fn position_records(state: &State, factions: &[FactionRecord]) -> Vec<PositionRecord> {
    factions
        .iter()
        .map(|f| {
            let p = state.outcomes.positions.get(&f.code);
            PositionRecord {
                faction: f.code.clone(),
                faction_name: f.name.clone(),
                stance: p.map(|p| p.stance),
                note: p.map(|p| p.note.clone()).unwrap_or_default(),
                recorded_at: p.map(|p| p.at),
            }
        })
        .collect()
}

/// A college member's role: from the college list, else the role they
/// spoke in.
fn college_role(plan: &SessionPlan, speeches: &[SpeechRecord], name: &str) -> String {
    plan.college
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.role.clone())
        .or_else(|| {
            speeches
                .iter()
                .find(|s| s.speaker_kind == SpeakerKind::College && s.speaker == name)
                .map(|s| s.affiliation.clone())
        })
        .unwrap_or_default()
}

fn commitment_records(
    plan: &SessionPlan,
    state: &State,
    speeches: &[SpeechRecord],
) -> Vec<CommitmentRecord> {
    state
        .outcomes
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| CommitmentRecord {
            id: c.id,
            made_at: c.at,
            by: c.by.clone(),
            what: c.what.clone(),
            due: c.due.clone(),
            number: i + 1,
            by_role: college_role(plan, speeches, &c.by),
            status: CommitmentStatus::Open,
        })
        .collect()
}

fn motion_records(state: &State) -> Vec<MotionRecord> {
    state
        .outcomes
        .motions
        .iter()
        .map(|m| MotionRecord {
            id: m.id,
            announced_at: m.at,
            factions: m.factions.clone(),
            kind: m.kind,
            title: m.title.clone(),
        })
        .collect()
}

fn action_point_records(state: &State) -> Vec<ActionPointRecord> {
    state
        .outcomes
        .action_points
        .iter()
        .map(|a| ActionPointRecord {
            id: a.id,
            at: a.at,
            text: a.text.clone(),
            owner: a.owner.clone(),
        })
        .collect()
}

/// Notes, with the item and speaker they were made at named.
fn note_records(plan: &SessionPlan, state: &State) -> Vec<NoteRecord> {
    state
        .outcomes
        .notes
        .iter()
        .map(|n| NoteRecord {
            id: n.id,
            at: n.at,
            text: n.text.clone(),
            item: n.item.map(|i| item_title(plan, i)),
            speaker: n.speaker.as_ref().map(|sp| speaker_parts(sp).name),
        })
        .collect()
}

fn clock_step_records(state: &State) -> Vec<ClockStepRecord> {
    state
        .clock_steps
        .iter()
        .map(|c| ClockStepRecord {
            at: c.at,
            wall: c.wall,
            drift_ms: c.drift_ms,
        })
        .collect()
}

/// Output formats of `hamer export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Json,
    /// WebVTT chapters: a cue per agenda item and per speech (issue 16).
    Vtt,
    /// The chapter list video sites read: `0:00 Opening` (issue 16).
    Chapters,
}

/// What a CSV export lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Speeches,
    Commitments,
    Positions,
}

/// Render a record in a format.
pub fn render(
    record: &SessionRecord,
    format: Format,
    what: What,
    lang: crate::i18n::Lang,
) -> String {
    match format {
        Format::Md => verslag::render(record, lang),
        Format::Csv => csv::render(record, what),
        Format::Json => json::render(record),
        // Offsets from the opening; `chapters::render` takes a stream start.
        Format::Vtt => chapters::vtt(record, lang, None),
        Format::Chapters => chapters::list(record, None),
    }
}

/// A record read from files, with what `hamer export` must know besides.
#[derive(Debug)]
pub struct FromFiles {
    pub record: SessionRecord,
    /// Things to tell the user (on standard error) that do not stop export:
    /// the session file changed since the journal began.
    pub notices: Vec<String>,
    /// The journal that was read (it may not exist: an unopened session).
    pub journal: PathBuf,
    /// The council file the session names, resolved.
    pub council: Option<PathBuf>,
    /// The session as loaded: what templates need besides the record (the
    /// next step, the college's roles, the council's template).
    pub plan: SessionPlan,
}

/// Read a session and its journal (without the lock) and build its record.
pub fn record_from_files(
    session: &Path,
    journal: Option<&Path>,
    now: Ts,
    lang: crate::i18n::Lang,
) -> Result<SessionRecord, String> {
    read_record(session, journal, now, lang).map(|r| r.record)
}

/// The file name part of a path as text, for comparing session names.
fn file_name_of(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// Read a session and its journal and build the record, as `hamer export`
/// does. The journal's header is checked as `hamer run` checks it: a
/// journal begun for another session (another hash *and* another file
/// name) is refused, naming both; a journal of this session whose file has
/// changed since gives the same notice `run` gives, and the record is made.
pub fn read_record(
    session: &Path,
    journal: Option<&Path>,
    now: Ts,
    lang: crate::i18n::Lang,
) -> Result<FromFiles, String> {
    let bytes = crate::session::load::read_file(session).map_err(|e| e.message(lang))?;
    let loaded =
        crate::session::load_session_bytes(&bytes, session).map_err(|e| e.message(lang))?;
    let path = crate::meeting::journal_for_reading(session, journal);
    if journal.is_some() && !path.exists() {
        // A journal asked for by name must be there: a typo is not an
        // empty session.
        return Err(lang.fill(
            "journal.io",
            &[
                ("path", &path.display()),
                ("action", &lang.text("journal.action.read")),
                ("reason", &"No such file or directory"),
            ],
        ));
    }
    let mut notices = Vec::new();
    let state = if path.exists() {
        let replay = crate::journal::read(&path).map_err(|e| match e {
            // Export's own way out: it has no --fresh.
            crate::journal::JournalError::BadLine { path, line, why } => lang.fill(
                "export.bad_line",
                &[("path", &path.display()), ("line", &line), ("why", &why)],
            ),
            e => e.message(lang),
        })?;
        let header = &replay.header;
        if header.session_hash != crate::journal::session_hash(&bytes) {
            let theirs = file_name_of(Path::new(&header.session));
            if theirs != file_name_of(session) {
                return Err(lang.fill(
                    "export.other_session",
                    &[
                        ("journal", &path.display()),
                        ("other", &header.session),
                        ("session", &session.display()),
                    ],
                ));
            }
            notices.push(lang.fill("journal.session_changed", &[("session", &header.session)]));
        }
        State::fold(&replay.records)
    } else {
        State::default()
    };
    let council = loaded.value.council.as_ref().map(|(p, _)| p.clone());
    Ok(FromFiles {
        record: build(&loaded.value, &state, now),
        notices,
        journal: path,
        council,
        plan: loaded.value,
    })
}

/// Milliseconds between two times as whole seconds, for renderers.
pub fn seconds_between(a: Ts, b: Ts) -> i64 {
    secs(ms_between(a, b))
}
