//! The rules a parsed session or council file must meet, beyond its syntax.
//! Every rule reports at the place of the value that breaks it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::diag::{Diagnostic, Problem};
use super::locate::Locator;
use super::model::{Council, Faction, FactionBudget, ItemKind, Session};
use super::plan::{DEFAULT_TIME_ZONE, SessionPlan};
use crate::fsio::ReadFailure;

/// Does `value` have exactly this shape, `d` standing for an ASCII digit?
fn has_shape(value: &str, shape: &str) -> bool {
    value.len() == shape.len()
        && value.bytes().zip(shape.bytes()).all(|(v, s)| match s {
            b'd' => v.is_ascii_digit(),
            other => v == other,
        })
}

struct Check<'a> {
    path: &'a Path,
    locator: &'a Locator,
    out: &'a mut Vec<Diagnostic>,
}

impl Check<'_> {
    fn error(&mut self, field: &str, problem: Problem) {
        let pos = self.locator.pos(field);
        self.out.push(Diagnostic::error(self.path, pos, problem));
    }

    fn warning(&mut self, field: &str, problem: Problem) {
        let pos = self.locator.pos(field);
        self.out.push(Diagnostic::warning(self.path, pos, problem));
    }

    fn not_empty(&mut self, field: &str, value: &str) {
        if value.is_empty() {
            self.error(
                field,
                Problem::Empty {
                    field: field.to_owned(),
                },
            );
        }
    }

    fn not_zero(&mut self, field: &str, value: u32) {
        if value == 0 {
            self.error(
                field,
                Problem::Zero {
                    field: field.to_owned(),
                },
            );
        }
    }

    fn date(&mut self, field: &str, value: &str) -> Option<NaiveDate> {
        let parsed = has_shape(value, "dddd-dd-dd")
            .then(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
            .flatten();
        if parsed.is_none() {
            self.error(
                field,
                Problem::BadDate {
                    field: field.to_owned(),
                    value: value.to_owned(),
                },
            );
        }
        parsed
    }

    fn time(&mut self, field: &str, value: &str) -> Option<NaiveTime> {
        let parsed = has_shape(value, "dd:dd")
            .then(|| NaiveTime::parse_from_str(value, "%H:%M").ok())
            .flatten();
        if parsed.is_none() {
            self.error(
                field,
                Problem::BadTime {
                    field: field.to_owned(),
                    value: value.to_owned(),
                },
            );
        }
        parsed
    }

    /// An IANA time zone name (`Europe/Amsterdam`), spelt as the tz
    /// database spells it; a near miss is named.
    fn time_zone(&mut self, field: &str, value: &str) -> Option<Tz> {
        let parsed = value.parse::<Tz>().ok();
        if parsed.is_none() {
            let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
            self.error(
                field,
                Problem::BadTimeZone {
                    field: field.to_owned(),
                    value: value.to_owned(),
                    suggestion: super::diag::closest(value, &names),
                },
            );
        }
        parsed
    }

    /// Unique short codes, no member in two factions, names filled in.
    fn factions(&mut self, list_path: &str, factions: &[Faction]) {
        let mut shorts: HashMap<String, usize> = HashMap::new();
        let mut members: HashMap<String, &str> = HashMap::new();
        for (i, f) in factions.iter().enumerate() {
            let at = format!("{list_path}[{i}]");
            self.not_empty(&format!("{at}.short"), &f.short);
            self.not_empty(&format!("{at}.name"), &f.name);
            if !f.short.is_empty() {
                let key = f.short.to_lowercase();
                if let Some(&first) = shorts.get(&key) {
                    let first_line = self
                        .locator
                        .pos(&format!("{list_path}[{first}].short"))
                        .map_or(0, |p| p.line);
                    self.error(
                        &format!("{at}.short"),
                        Problem::DuplicateFaction {
                            short: f.short.clone(),
                            first_line,
                        },
                    );
                } else {
                    shorts.insert(key, i);
                }
            }
            let mut own = std::collections::HashSet::new();
            for (j, m) in f.members.iter().enumerate() {
                let field = format!("{at}.members[{j}]");
                self.not_empty(&field, m);
                let key = m.to_lowercase();
                if m.is_empty() || !own.insert(key.clone()) {
                    continue;
                }
                match members.get(&key) {
                    Some(other) => self.error(
                        &field,
                        Problem::MemberTwice {
                            member: m.clone(),
                            first: (*other).to_owned(),
                            second: f.short.clone(),
                        },
                    ),
                    None => {
                        members.insert(key, &f.short);
                    }
                }
            }
        }
    }

    fn seats(&mut self, field: &str, factions: &[Faction], seats: u32) {
        let sum: u64 = factions.iter().map(|f| u64::from(f.seats)).sum();
        if sum != u64::from(seats) {
            self.warning(field, Problem::SeatsMismatch { sum, seats });
        }
    }
}

/// Check a council file.
pub fn council(council: &Council, locator: &Locator, path: &Path, out: &mut Vec<Diagnostic>) {
    let mut c = Check { path, locator, out };
    c.not_empty("municipality", &council.municipality);
    if let Some(zone) = &council.time_zone {
        c.time_zone("time_zone", zone);
    }
    if council.seats == 0 {
        c.error("seats", Problem::ZeroSeats);
    }
    c.factions("factions", &council.factions);
    if let Some(t) = &council.record_template {
        c.not_empty("record_template", t);
    }
    for (i, m) in council.college.iter().enumerate() {
        c.not_empty(&format!("college[{i}].name"), &m.name);
    }
    if council.seats > 0 {
        c.seats("factions", &council.factions, council.seats);
    }
}

/// The council file a session names, as the loader found it: the rules
/// are checked on values only, so the loader reads the council first.
#[derive(Debug)]
pub enum CouncilFile {
    /// It loaded; its warnings join the session's.
    Loaded {
        path: PathBuf,
        council: Council,
        warnings: Vec<Diagnostic>,
    },
    /// It could not be read.
    Unreadable { path: PathBuf, reason: ReadFailure },
    /// It was read but is not a valid council file.
    Invalid {
        path: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Check a session file with its council file (`None` when the session
/// names none); `None` when it cannot run.
pub fn session(
    session: Session,
    council: Option<CouncilFile>,
    locator: &Locator,
    path: &Path,
    out: &mut Vec<Diagnostic>,
) -> Option<SessionPlan> {
    let mut c = Check { path, locator, out };
    let s = &session;
    let (date, start) = when_and_who(&mut c, s);
    public_speaking(&mut c, s);
    if let Some(next) = &s.next_step {
        c.date("next_step.date", &next.date);
    }
    budgets_and_limits(&mut c, s);
    agenda(&mut c, s);
    if s.public_speaking.is_none() && !s.public_speakers.is_empty() {
        c.warning("public_speakers", Problem::SpeakersWithoutRight);
    }
    let council = council.and_then(|file| council_file(&mut c, file));
    college_and_factions(&mut c, s, council.as_ref().map(|(_, council)| council));
    let factions = match (&s.factions, &council) {
        (Some(inline), _) => inline.clone(),
        (None, Some((_, council))) => council.factions.clone(),
        (None, None) => Vec::new(),
    };
    let college = match (&s.college, &council) {
        (Some(inline), _) => inline.clone(),
        (None, Some((_, council))) => council.college.clone(),
        (None, None) => Vec::new(),
    };
    factions_to_speak(&mut c, s, &factions, council.is_some());
    // The session's own zone goes before the council's: a session file
    // with inline factions and no council file can still name it.
    let time_zone = match &s.time_zone {
        Some(zone) => c.time_zone("time_zone", zone),
        None => Some(
            council
                .as_ref()
                .and_then(|(_, council)| council.time_zone.as_deref())
                .and_then(|zone| zone.parse().ok())
                .unwrap_or(DEFAULT_TIME_ZONE),
        ),
    };

    let date = date?;
    let time_zone = time_zone?;
    let start = match start {
        Some(Some(t)) => Some(t),
        Some(None) => return None,
        None => None,
    };
    Some(SessionPlan {
        path: path.to_owned(),
        session,
        date,
        start,
        council,
        factions,
        college,
        time_zone,
    })
}

/// Title, date, start time, duration and chairs. The date, and the start
/// time when the session gives one (`Some(None)`: given but not valid).
fn when_and_who(c: &mut Check<'_>, s: &Session) -> (Option<NaiveDate>, Option<Option<NaiveTime>>) {
    c.not_empty("title", &s.title);
    let date = c.date("date", &s.date);
    let start = s.start.as_deref().map(|v| c.time("start", v));
    c.not_zero("duration_min", s.duration_min);
    for (i, chair) in s.chairs.iter().enumerate() {
        c.not_empty(&format!("chairs[{i}]"), chair);
    }
    (date, start)
}

/// The right to speak for the public: its time limit, and a name for
/// every inspreker.
fn public_speaking(c: &mut Check<'_>, s: &Session) {
    if let Some(ps) = &s.public_speaking {
        c.not_zero("public_speaking.limit_min", ps.limit_min);
    }
    for (i, p) in s.public_speakers.iter().enumerate() {
        c.not_empty(&format!("public_speakers[{i}].name"), &p.name);
    }
    for (i, p) in s.presenters.iter().enumerate() {
        c.not_empty(&format!("presenters[{i}].name"), &p.name);
    }
    for (i, p) in s.officials.iter().enumerate() {
        c.not_empty(&format!("officials[{i}].name"), &p.name);
    }
}

/// The factions' speaking budget, the timer's warnings (the final one
/// after the first) and the limit of an interruption.
fn budgets_and_limits(c: &mut Check<'_>, s: &Session) {
    match s.faction_budget {
        Some(FactionBudget::Equal { min }) => c.not_zero("faction_budget.min", min),
        Some(FactionBudget::BySeats { total_min }) => {
            c.not_zero("faction_budget.total_min", total_min)
        }
        None => {}
    }
    if let Some(w) = &s.timer_warnings {
        c.not_zero("timer_warnings.first_sec", w.first_sec);
        c.not_zero("timer_warnings.final_sec", w.final_sec);
        if w.final_sec > w.first_sec {
            c.error("timer_warnings.final_sec", Problem::WarningsOrder);
        }
    }
    if let Some(limit) = s.interruption_limit_sec {
        c.not_zero("interruption_limit_sec", limit);
    }
    if let Some(l) = &s.speaker_limits {
        for (field, value) in [
            ("speaker_limits.faction_min", l.faction_min),
            ("speaker_limits.college_min", l.college_min),
            ("speaker_limits.official_min", l.official_min),
            ("speaker_limits.presenter_min", l.presenter_min),
        ] {
            if let Some(v) = value {
                c.not_zero(field, v);
            }
        }
    }
}

/// At least one item; every item with a title and time; a public
/// speaking item only with the right to speak; the items' time within
/// the session's.
fn agenda(c: &mut Check<'_>, s: &Session) {
    if s.agenda.is_empty() {
        c.error("agenda", Problem::NoAgenda);
    }
    for (i, item) in s.agenda.iter().enumerate() {
        let at = format!("agenda[{i}]");
        c.not_empty(&format!("{at}.title"), &item.title);
        c.not_zero(&format!("{at}.planned_min"), item.planned_min);
        if let Some(limit) = item.speaker_limit_min {
            c.not_zero(&format!("{at}.speaker_limit_min"), limit);
        }
        if item.kind == ItemKind::PublicSpeaking && s.public_speaking.is_none() {
            c.warning(
                &format!("{at}.kind"),
                Problem::PublicItemWithoutRight {
                    title: item.title.clone(),
                },
            );
        }
    }
    let planned: u64 = s.agenda.iter().map(|i| u64::from(i.planned_min)).sum();
    if s.duration_min > 0 && planned > u64::from(s.duration_min) {
        c.warning(
            "agenda",
            Problem::AgendaOver {
                planned,
                duration: s.duration_min,
            },
        );
    }
}

/// The council file as the loader found it: a loaded one with its
/// warnings, or an error at `council` (with the council's own
/// diagnostics when it is invalid).
fn council_file(c: &mut Check<'_>, file: CouncilFile) -> Option<(PathBuf, Council)> {
    match file {
        CouncilFile::Loaded {
            path: resolved,
            council,
            warnings,
        } => {
            c.out.extend(warnings);
            Some((resolved, council))
        }
        CouncilFile::Unreadable {
            path: resolved,
            reason,
        } => {
            c.error(
                "council",
                Problem::CouncilUnreadable {
                    path: resolved.display().to_string(),
                    reason,
                },
            );
            None
        }
        CouncilFile::Invalid {
            path: resolved,
            diagnostics,
        } => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            c.error(
                "council",
                Problem::CouncilInvalid {
                    path: resolved.display().to_string(),
                    errors,
                },
            );
            c.out.extend(diagnostics);
            None
        }
    }
}

/// The session's own college and factions: names filled in, factions as
/// in a council file, and their seats adding up to the council's.
fn college_and_factions(c: &mut Check<'_>, s: &Session, council: Option<&Council>) {
    for (i, m) in s.college.iter().flatten().enumerate() {
        c.not_empty(&format!("college[{i}].name"), &m.name);
    }
    if let Some(inline) = &s.factions {
        c.factions("factions", inline);
        if let Some(council) = council {
            c.seats("factions", inline, council.seats);
        }
    }
}

/// Factions to give the floor to, and seats when the budget goes by
/// seats; not said again when the council file failed.
fn factions_to_speak(c: &mut Check<'_>, s: &Session, factions: &[Faction], council_loaded: bool) {
    let council_failed = s.council.is_some() && !council_loaded;
    if factions.is_empty() && !council_failed {
        let at = if s.factions.is_some() { "factions" } else { "" };
        c.warning(at, Problem::NoFactions);
    }
    if matches!(s.faction_budget, Some(FactionBudget::BySeats { .. }))
        && !council_failed
        && factions.iter().all(|f| f.seats == 0)
    {
        c.error("faction_budget", Problem::BudgetNoSeats);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::i18n::Lang;
    use crate::session::load::load_council_bytes;
    use crate::session::{LoadError, Pos, Problem, load_session_bytes};

    const MINIMAL: &str = "Session(\n    title: \"T\",\n    date: \"2024-01-17\",\n    duration_min: 30,\n    goal: Informerend,\n    ZONE    agenda: [Item(title: \"A\", kind: Round, planned_min: 30)],\n)";

    fn session(zone: Option<&str>) -> Result<crate::session::SessionPlan, LoadError> {
        let zone = zone.map_or(String::new(), |z| format!("time_zone: Some(\"{z}\"),\n"));
        let text = MINIMAL.replace("ZONE", &zone);
        load_session_bytes(text.as_bytes(), Path::new("s.ron")).map(|l| l.value)
    }

    fn only_error(err: LoadError) -> (Option<Pos>, Problem) {
        let LoadError::Invalid { diagnostics } = err else {
            panic!("expected invalid")
        };
        let errors: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.severity == crate::session::Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{diagnostics:?}");
        (errors[0].pos, errors[0].problem.clone())
    }

    #[test]
    fn no_zone_is_amsterdam_and_a_named_one_is_taken() {
        assert_eq!(
            session(None).unwrap().time_zone,
            chrono_tz::Europe::Amsterdam
        );
        assert_eq!(
            session(Some("America/New_York")).unwrap().time_zone,
            chrono_tz::America::New_York
        );
    }

    #[test]
    fn a_misspelt_zone_is_located_with_a_suggestion() {
        let (pos, problem) = only_error(session(Some("Europe/Amsterdan")).unwrap_err());
        // Line 6, at the value (after `    time_zone: Some(`).
        assert_eq!(pos, Some(Pos { line: 6, col: 21 }));
        assert_eq!(
            problem,
            Problem::BadTimeZone {
                field: "time_zone".into(),
                value: "Europe/Amsterdan".into(),
                suggestion: Some("Europe/Amsterdam".into()),
            }
        );
        let nl = problem.message(Lang::Nl);
        assert!(nl.contains("bedoelt u `Europe/Amsterdam`"), "{nl}");
        // The wrong case is a near miss too: the tz database's spelling.
        let (_, problem) = only_error(session(Some("europe/amsterdam")).unwrap_err());
        assert!(
            problem
                .message(Lang::En)
                .contains("did you mean `Europe/Amsterdam`"),
            "{problem:?}"
        );
        // Far from any zone: no guess.
        let (_, problem) = only_error(session(Some("Hengelo")).unwrap_err());
        assert!(matches!(
            problem,
            Problem::BadTimeZone {
                suggestion: None,
                ..
            }
        ));
    }

    #[test]
    fn a_council_file_names_its_zone_and_it_is_checked() {
        let text = "Council(\n    municipality: \"H\",\n    term: \"2022-2026\",\n    seats: 1,\n    time_zone: Some(\"Europe/Amsterdm\"),\n    factions: [Faction(short: \"A\", name: \"A\", seats: 1)],\n)";
        let err = load_council_bytes(text.as_bytes(), Path::new("c.ron")).unwrap_err();
        let (pos, problem) = only_error(err);
        assert_eq!(pos, Some(Pos { line: 5, col: 21 }));
        assert!(matches!(
            problem,
            Problem::BadTimeZone { suggestion: Some(s), .. } if s == "Europe/Amsterdam"
        ));
    }

    #[test]
    fn the_sessions_zone_goes_before_the_councils() {
        let dir = tempfile::tempdir().unwrap();
        let council = "Council(municipality: \"H\", term: \"t\", seats: 1, time_zone: Some(\"Europe/London\"), factions: [Faction(short: \"A\", name: \"A\", seats: 1)])";
        std::fs::write(dir.path().join("c.ron"), council).unwrap();
        let with = |zone: &str| {
            let text = MINIMAL.replace("ZONE", &format!("council: Some(\"c.ron\"),\n{zone}"));
            let path = dir.path().join("s.ron");
            std::fs::write(&path, text).unwrap();
            crate::session::load_session(&path).unwrap().value.time_zone
        };
        assert_eq!(with(""), chrono_tz::Europe::London);
        assert_eq!(
            with("time_zone: Some(\"Europe/Amsterdam\"),\n"),
            chrono_tz::Europe::Amsterdam
        );
    }
}
