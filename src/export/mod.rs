//! The session record: what `hamer export` and the `e` key write.
//!
//! [`build`] turns a session plan and the folded journal into a
//! [`SessionRecord`]; the formats render that one value: Markdown for
//! people (as Hengelo publishes a session), CSV for the griffie's lists,
//! JSON (Popolo terms where they exist) for other systems. Export reads the
//! journal without the lock, so it works while a session runs; speeches that
//! still run are exported up to `now` without an end.

pub mod csv;
pub mod json;
pub mod markdown;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::clock::{Ts, ms_between};
use crate::meeting::{Advice, MotionKind, Present, Speaker, SpeechKind, Stance, State};
use crate::session::SessionPlan;

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
    /// Times the system clock was found set away from the clock hamer
    /// counts on (all times in the record are on hamer's clock).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clock_steps: Vec<ClockStepRecord>,
    /// When the record was made (export time).
    pub exported_at: Ts,
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeakerKind {
    Faction,
    Public,
    College,
    Presenter,
    Chair,
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
    pub by: String,
    pub what: String,
    pub due: String,
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

fn speaker_parts(s: &Speaker) -> (String, String, SpeakerKind) {
    match s {
        Speaker::Faction { faction, name } => (
            name.clone().unwrap_or_else(|| faction.clone()),
            faction.clone(),
            SpeakerKind::Faction,
        ),
        Speaker::Public { name, organisation } => (
            name.clone(),
            organisation.clone().unwrap_or_default(),
            SpeakerKind::Public,
        ),
        Speaker::College { name, role } => (name.clone(), role.clone(), SpeakerKind::College),
        Speaker::Presenter { name, organisation } => (
            name.clone(),
            organisation.clone().unwrap_or_default(),
            SpeakerKind::Presenter,
        ),
        Speaker::Chair { name } => (name.clone(), String::new(), SpeakerKind::Chair),
    }
}

/// Seconds, rounded down, of a duration in milliseconds.
fn secs(ms: i64) -> i64 {
    ms.max(0) / 1000
}

/// The record of a session as folded from its journal, up to `now`.
pub fn build(plan: &SessionPlan, state: &State, now: Ts) -> SessionRecord {
    let s = &plan.session;
    let end_of = |e: Option<Ts>| e.unwrap_or(now);

    let n_items = s.agenda.len().max(state.items.len());
    let agenda = (0..n_items)
        .map(|i| {
            let planned = s.agenda.get(i).map_or(0, |it| it.planned_min);
            let used = state.item_used_ms(i, end_of(state.closed_at));
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
        .collect();

    let mut all: Vec<&crate::meeting::Speech> = state
        .finished
        .iter()
        .chain(state.speech.iter())
        .chain(state.interruption.iter())
        .collect();
    all.sort_by_key(|sp| (sp.started, sp.id));
    let speeches: Vec<SpeechRecord> = all
        .iter()
        .map(|sp| {
            let (speaker, affiliation, speaker_kind) = speaker_parts(&sp.speaker);
            SpeechRecord {
                id: sp.id,
                item: sp.item.map(|i| item_title(plan, i)),
                start: sp.started,
                end: sp.ended,
                seconds: secs(sp.elapsed_ms(end_of(sp.ended))),
                speaker,
                affiliation,
                speaker_kind,
                kind: sp.kind,
            }
        })
        .collect();

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
    // Codes the session does not know, from everywhere the journal names
    // one, so that nothing refers to a faction the record leaves out.
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
        Present::Faction(c) => Some(c.clone()),
        Present::College(_) => None,
    }));
    for code in &named {
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

    // Presence: what the clerk recorded; a faction or college member who
    // spoke was there unless the clerk recorded otherwise.
    let mut present: BTreeMap<Present, bool> = BTreeMap::new();
    for sp in &all {
        match &sp.speaker {
            Speaker::Faction { faction, .. } => {
                present.insert(Present::Faction(faction.clone()), true);
            }
            Speaker::College { name, .. } => {
                present.insert(Present::College(name.clone()), true);
            }
            _ => {}
        }
    }
    for (who, here) in &o.presence {
        present.insert(who.clone(), *here);
    }
    let order_f = |code: &str| {
        plan.factions
            .iter()
            .position(|f| f.short == code)
            .unwrap_or(usize::MAX)
    };
    let mut factions_present: Vec<String> = present
        .iter()
        .filter_map(|(w, here)| match w {
            Present::Faction(c) if *here => Some(c.clone()),
            _ => None,
        })
        .collect();
    factions_present.sort_by_key(|c| (order_f(c), c.clone()));
    let college_present: Vec<String> = present
        .iter()
        .filter_map(|(w, here)| match w {
            Present::College(n) if *here => Some(n.clone()),
            _ => None,
        })
        .collect();

    let positions = factions
        .iter()
        .map(|f| {
            let p = o.positions.get(&f.code);
            PositionRecord {
                faction: f.code.clone(),
                faction_name: f.name.clone(),
                stance: p.map(|p| p.stance),
                note: p.map(|p| p.note.clone()).unwrap_or_default(),
                recorded_at: p.map(|p| p.at),
            }
        })
        .collect();

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
        college_present,
        factions_present,
        factions,
        agenda,
        speeches,
        advice: o.advice,
        advice_requested_by: o.requested_by.clone(),
        positions,
        commitments: o
            .commitments
            .iter()
            .map(|c| CommitmentRecord {
                id: c.id,
                made_at: c.at,
                by: c.by.clone(),
                what: c.what.clone(),
                due: c.due.clone(),
            })
            .collect(),
        motions: o
            .motions
            .iter()
            .map(|m| MotionRecord {
                id: m.id,
                announced_at: m.at,
                factions: m.factions.clone(),
                kind: m.kind,
                title: m.title.clone(),
            })
            .collect(),
        action_points: o
            .action_points
            .iter()
            .map(|a| ActionPointRecord {
                id: a.id,
                at: a.at,
                text: a.text.clone(),
                owner: a.owner.clone(),
            })
            .collect(),
        conclusion: o.conclusion.clone(),
        notes: o
            .notes
            .iter()
            .map(|n| NoteRecord {
                id: n.id,
                at: n.at,
                text: n.text.clone(),
                item: n.item.map(|i| item_title(plan, i)),
                speaker: n.speaker.as_ref().map(|sp| speaker_parts(sp).0),
            })
            .collect(),
        clock_steps: state
            .clock_steps
            .iter()
            .map(|c| ClockStepRecord {
                at: c.at,
                wall: c.wall,
                drift_ms: c.drift_ms,
            })
            .collect(),
        exported_at: now,
    }
}

/// Output formats of `hamer export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Json,
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
        Format::Md => markdown::render(record, lang),
        Format::Csv => csv::render(record, what),
        Format::Json => json::render(record),
    }
}

/// Read a session and its journal (without the lock) and build its record.
pub fn record_from_files(
    session: &Path,
    journal: Option<&Path>,
    now: Ts,
    lang: crate::i18n::Lang,
) -> Result<SessionRecord, String> {
    let loaded = crate::session::load_session(session).map_err(|e| e.message(lang))?;
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
    let state = if path.exists() {
        let replay = crate::journal::read(&path).map_err(|e| e.message(lang))?;
        State::fold(&replay.records)
    } else {
        State::default()
    };
    Ok(build(&loaded.value, &state, now))
}

/// Where the `e` key writes the Markdown record: next to the session file.
pub fn default_markdown_path(session: &Path) -> PathBuf {
    let stem = session
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sessie".to_owned());
    session.with_file_name(format!("{stem}.verslag.md"))
}

/// Write a file whole or not at all: to a temporary name beside it, then
/// renamed over it. A symbolic link is followed (the file it names is
/// replaced, the link stays). Something that is not a regular file, such
/// as `/dev/null`, `/dev/stdout` or a named pipe, is written to as it is:
/// renaming over it would replace a device with a plain file.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let target = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            return f.write_all(text.as_bytes()).and_then(|()| f.flush());
        }
        // The real file behind a link, so that the rename lands beside it.
        Ok(_) => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
        Err(_) => path.to_owned(),
    };
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    let result = written.and_then(|()| std::fs::rename(&tmp, &target));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Milliseconds between two times as whole seconds, for renderers.
pub fn seconds_between(a: Ts, b: Ts) -> i64 {
    secs(ms_between(a, b))
}
