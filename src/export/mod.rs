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
    })
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
/// replaced, the link stays): `-o` names the file the user wants written.
/// Something that is not a regular file, such as `/dev/null`,
/// `/dev/stdout` or a named pipe, is written to as it is: renaming over it
/// would replace a device with a plain file. The temporary file is made
/// new, never through a link planted under its name.
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
    let tmp = write_temp_beside(&target, text)?;
    let result = std::fs::rename(&tmp, &target);
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Write `text` to a new file beside `target` (`<target>.<pid>.tmp`, or
/// with a number after it when that name is taken), synced, and return its
/// name. It is created new (`O_EXCL`, and no link is followed), so nothing
/// that was there is written through or over.
fn write_temp_beside(target: &Path, text: &str) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let mut n = 0u32;
    loop {
        let mut name = target.as_os_str().to_owned();
        name.push(format!(".{}.tmp", std::process::id()));
        if n > 0 {
            name.push(format!("{n}"));
        }
        let tmp = PathBuf::from(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
        }
        match options.open(&tmp) {
            Ok(mut f) => {
                let written = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
                if let Err(e) = written {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e);
                }
                return Ok(tmp);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Why a file beside a session was not written.
#[derive(Debug)]
pub enum BesideError {
    /// Something is at the path that hamer may not replace: a link, a
    /// folder, a file it did not write (or, for import, any file without
    /// `--force`).
    Exists {
        what: Existing,
    },
    Io(std::io::Error),
}

/// What was found at a path hamer was to create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Link,
    File,
    NotAFile,
}

impl BesideError {
    /// The message for the user, naming the path.
    pub fn message(&self, path: &Path, lang: crate::i18n::Lang) -> String {
        match self {
            BesideError::Exists { what } => {
                let key = match what {
                    Existing::Link => "write.exists_link",
                    Existing::File => "write.exists_file",
                    Existing::NotAFile => "write.exists_other",
                };
                lang.fill(key, &[("path", &path.display())])
            }
            BesideError::Io(e) => write_error_message(path, e, lang),
        }
    }
}

/// Create a file that hamer makes beside a session (the `e` key's record,
/// import's session file), whole or not at all, without following a link
/// at its name. What is already at the path is replaced only when
/// `may_replace` allows it (it is shown what is there, unfollowed); a link
/// that is replaced is replaced itself, its target is left alone. When
/// nothing was there, nothing that appears meanwhile is replaced either.
pub fn write_beside(
    path: &Path,
    text: &str,
    may_replace: impl Fn(Existing) -> bool,
) -> Result<(), BesideError> {
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Some(Existing::Link),
        Ok(meta) if meta.is_file() => Some(Existing::File),
        Ok(_) => Some(Existing::NotAFile),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(BesideError::Io(e)),
    };
    if let Some(what) = existing
        && (what == Existing::NotAFile || !may_replace(what))
    {
        return Err(BesideError::Exists { what });
    }
    let tmp = write_temp_beside(path, text).map_err(BesideError::Io)?;
    let result = match existing {
        Some(_) => std::fs::rename(&tmp, path).map_err(BesideError::Io),
        // A hard link is made only where no name is: a file or link that
        // appeared since the look above stays as it is.
        None => match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(BesideError::Exists {
                what: Existing::File,
            }),
            // A file system without hard links: rename, after one more look.
            Err(_) if std::fs::symlink_metadata(path).is_err() => {
                std::fs::rename(&tmp, path).map_err(BesideError::Io)
            }
            Err(e) => Err(BesideError::Io(e)),
        },
    };
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Whether the file at `path` is a Markdown record hamer wrote: its last
/// line is the record's footer, in either language. Read bounded; a file
/// that cannot be read is not one.
pub fn is_hamer_record(path: &Path) -> bool {
    let Ok(bytes) = crate::fsio::read_bounded(path) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes);
    let Some(last) = text.lines().rev().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    [crate::i18n::Lang::Nl, crate::i18n::Lang::En]
        .iter()
        .any(|lang| {
            let footer = lang.text("rec.footer");
            let before = footer.split('{').next().unwrap_or(footer);
            last.strip_prefix('_')
                .is_some_and(|l| !before.is_empty() && l.starts_with(before))
        })
}

/// The `e` key: write the Markdown record beside the session. An earlier
/// record is replaced; a link, or a file hamer did not write, is not.
pub fn write_record_beside(path: &Path, text: &str) -> Result<(), BesideError> {
    write_beside(path, text, |what| {
        what == Existing::File && is_hamer_record(path)
    })
}

/// The folder a file is written in.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A failed write, told by its cause: the folder missing or not a folder,
/// the folder not writable, or else the system's reason.
pub fn write_error_message(path: &Path, e: &std::io::Error, lang: crate::i18n::Lang) -> String {
    use std::io::ErrorKind;
    let reason = crate::fsio::io_reason(e);
    let dir = folder_of(path);
    let target_is_special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    match std::fs::metadata(&dir) {
        Err(_) => lang.fill(
            "write.no_folder",
            &[("path", &path.display()), ("dir", &dir.display())],
        ),
        Ok(m) if !m.is_dir() => lang.fill(
            "write.no_folder",
            &[("path", &path.display()), ("dir", &dir.display())],
        ),
        Ok(_)
            if !target_is_special
                && matches!(
                    e.kind(),
                    ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
                ) =>
        {
            lang.fill(
                "write.folder_not_writable",
                &[
                    ("path", &path.display()),
                    ("dir", &dir.display()),
                    ("reason", &reason),
                ],
            )
        }
        Ok(_) => lang.fill(
            "cli.export_failed",
            &[("path", &path.display()), ("reason", &reason)],
        ),
    }
}

/// What `hamer export -o` must never write over, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protected {
    Session,
    Council,
    Journal,
    /// A file hamer keeps beside a journal: its lock, its owner, a torn
    /// line or a copy kept aside (`<journal>.*`).
    BesideJournal,
    /// Some other file that begins with a journal header.
    AnyJournal,
}

impl Protected {
    pub fn key(self) -> &'static str {
        match self {
            Protected::Session => "export.refuse.session",
            Protected::Council => "export.refuse.council",
            Protected::Journal => "export.refuse.journal",
            Protected::BesideJournal => "export.refuse.beside_journal",
            Protected::AnyJournal => "export.refuse.any_journal",
        }
    }
}

/// Whether two paths name the same file (after links; hard links too).
fn same_file(a: &std::fs::Metadata, b: &Path) -> bool {
    let Ok(b) = std::fs::metadata(b) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Whether two paths, neither of which need exist, name the same place:
/// the same file name in the same (resolved) folder.
fn same_place(a: &Path, b: &Path) -> bool {
    let place = |p: &Path| {
        let dir = std::fs::canonicalize(folder_of(p)).ok()?;
        Some(dir.join(p.file_name()?))
    };
    place(a).is_some_and(|a| Some(a) == place(b))
}

/// Whether a file begins with a hamer journal header (its first line, up
/// to 64 KiB, parses as one).
pub fn begins_with_journal_header(path: &Path) -> bool {
    use std::io::{BufRead, Read};
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut line = Vec::new();
    if std::io::BufReader::new(file.take(64 * 1024))
        .read_until(b'\n', &mut line)
        .is_err()
    {
        return false;
    }
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line);
    std::str::from_utf8(line)
        .is_ok_and(|l| ron::from_str::<crate::journal::Header>(l.trim_end()).is_ok())
}

/// What `-o path` would write over that export must refuse, with the
/// protected file it resolves to. A link is followed; a hard link counts
/// as the file it shares. Every place the session's journal may be is
/// protected, whether a journal is there now or not: the one read, the one
/// beside the session, the one in the data directory (a record written in
/// any of them would hide the real journal from `run`, `export` and
/// `display`), and the files hamer keeps beside each (`<journal>.lock`,
/// `.owner`, torn lines and copies kept aside).
pub fn protected_target(
    output: &Path,
    session: &Path,
    council: Option<&Path>,
    journal: &Path,
) -> Option<(Protected, PathBuf)> {
    let mut journals = vec![journal.to_owned(), crate::journal::default_path(session)];
    journals.extend(crate::journal::fallback_path(session, None));
    for j in &journals {
        if same_place(output, j) {
            return Some((Protected::Journal, j.clone()));
        }
        if beside(output, j) {
            return Some((Protected::BesideJournal, j.clone()));
        }
    }
    let meta = std::fs::metadata(output).ok()?;
    let mut named = vec![(Protected::Session, session.to_owned())];
    named.extend(journals.iter().map(|j| (Protected::Journal, j.clone())));
    if let Some(c) = council {
        named.push((Protected::Council, c.to_owned()));
    }
    for (what, path) in named {
        if same_file(&meta, &path) {
            return Some((what, path));
        }
    }
    begins_with_journal_header(output).then(|| {
        let real = std::fs::canonicalize(output).unwrap_or_else(|_| output.to_owned());
        (Protected::AnyJournal, real)
    })
}

/// Is `path` one of the files beside `journal` (`<journal>.lock`, …), in
/// the same resolved folder?
fn beside(path: &Path, journal: &Path) -> bool {
    let place = |p: &Path| {
        let dir = std::fs::canonicalize(folder_of(p)).ok()?;
        Some((dir, p.file_name()?.to_owned()))
    };
    match (place(path), place(journal)) {
        (Some((dir_p, name_p)), Some((dir_j, name_j))) => {
            let mut prefix = name_j;
            prefix.push(".");
            dir_p == dir_j
                && name_p
                    .as_encoded_bytes()
                    .starts_with(prefix.as_encoded_bytes())
        }
        _ => false,
    }
}

/// Milliseconds between two times as whole seconds, for renderers.
pub fn seconds_between(a: Ts, b: Ts) -> i64 {
    secs(ms_between(a, b))
}
