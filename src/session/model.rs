//! The shape of session and council files, exactly as a clerk writes them.
//!
//! Field and variant names are the file format: renaming one breaks every
//! session file in the wild. `docs/session-format.md` documents each field;
//! keep the two in step.

use serde::{Deserialize, Serialize};

use crate::sanitize::Lines;

fn default_body() -> String {
    "Politieke Markt".to_owned()
}

/// One session of a Politieke Markt (or any other body): what the
/// behandelvoorstel says, plus the planned agenda.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub title: String,
    #[serde(default)]
    pub case_number: String,
    #[serde(default)]
    pub portfolio_holder: String,
    #[serde(default = "default_body")]
    pub body: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, the planned start of the slot.
    #[serde(default)]
    pub start: Option<String>,
    pub duration_min: u32,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub domain: String,
    pub goal: Goal,
    #[serde(default)]
    pub chairs: Vec<String>,
    #[serde(default)]
    pub clerk: String,
    #[serde(default)]
    pub decision_points: Vec<String>,
    #[serde(default)]
    pub history: String,
    #[serde(default)]
    pub handling_advice: String,
    /// `None`: no spreekrecht for the public in this session.
    #[serde(default)]
    pub public_speaking: Option<PublicSpeaking>,
    /// Registered insprekers.
    #[serde(default)]
    pub public_speakers: Vec<PublicSpeaker>,
    /// Presenters known beforehand (the Rekenkamer): the record's
    /// "overige sprekers", offered with the insprekers (`p`).
    #[serde(default)]
    pub presenters: Vec<Presenter>,
    /// Officials known beforehand (ambtelijke ondersteuning), offered by
    /// `a`.
    #[serde(default)]
    pub officials: Vec<Official>,
    /// Path of a council file, relative to this session file.
    #[serde(default)]
    pub council: Option<String>,
    /// The IANA time zone every time is shown in (`Europe/Amsterdam`);
    /// goes before the council file's. `None` and no council's: Amsterdam.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Inline factions; replace the council's when given.
    #[serde(default)]
    pub factions: Option<Vec<Faction>>,
    /// Inline college; replaces the council's when given.
    #[serde(default)]
    pub college: Option<Vec<CollegeMember>>,
    #[serde(default)]
    pub next_step: Option<NextStep>,
    /// Speaking time per faction for the whole session.
    #[serde(default)]
    pub faction_budget: Option<FactionBudget>,
    /// When a speech timer warns; `None`: 60 s and 30 s before the limit.
    #[serde(default)]
    pub timer_warnings: Option<TimerWarnings>,
    /// Limit of an interruption in seconds; `None`: one minute.
    #[serde(default)]
    pub interruption_limit_sec: Option<u32>,
    /// Limits per kind of speaker, for items that set none of their own.
    #[serde(default)]
    pub speaker_limits: Option<SpeakerLimits>,
    pub agenda: Vec<Item>,
}

/// Doel van de sessie.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Goal {
    Informerend,
    Beeldvormend,
    Oordeelsvormend,
}

/// Spreekrecht publiek: members of the public may speak, each at most
/// `limit_min` minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicSpeaking {
    pub limit_min: u32,
}

/// A registered inspreker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicSpeaker {
    pub name: String,
    #[serde(default)]
    pub organisation: Option<String>,
    /// How the record addresses them: "dhr.", "mevr.".
    #[serde(default)]
    pub salutation: Option<String>,
}

/// A presenter known beforehand: name, function and organisation, as the
/// record writes "Louis Rings (Voorzitter Rekenkamercommissie Hengelo)".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presenter {
    pub name: String,
    #[serde(default)]
    pub function: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
}

/// An official known beforehand: name and function, as the record writes
/// "Astrid Scholtens (Beleidsadviseur Onderwijs)".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    pub name: String,
    #[serde(default)]
    pub function: Option<String>,
}

/// Where the item goes after this session (usually the Raad).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextStep {
    pub body: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub advice: String,
}

/// Speaking time per faction for the whole session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum FactionBudget {
    /// Every faction gets the same number of minutes.
    Equal { min: u32 },
    /// `total_min` shared out over the factions by their seats.
    BySeats { total_min: u32 },
}

/// The two warnings of a speech timer, in seconds before the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimerWarnings {
    /// First warning ("nog 1 minuut"); default 60.
    pub first_sec: u32,
    /// Final warning ("nog 30 sec"); default 30.
    pub final_sec: u32,
}

/// The speaking limit of each kind of speaker, in minutes; `None`: no
/// limit (the clock counts up). An item's `speaker_limit_min` goes before
/// `faction_min`; insprekers have `public_speaking.limit_min`, the chair
/// never has a limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerLimits {
    /// Faction speakers and fractievertegenwoordigers.
    #[serde(default)]
    pub faction_min: Option<u32>,
    /// The portfolio holder and other members of the college.
    #[serde(default)]
    pub college_min: Option<u32>,
    /// Officials (ambtelijke ondersteuning).
    #[serde(default)]
    pub official_min: Option<u32>,
    /// Presenters (the Rekenkamer, guests).
    #[serde(default)]
    pub presenter_min: Option<u32>,
}

/// One agenda item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub title: String,
    pub kind: ItemKind,
    pub planned_min: u32,
    /// Speaking time per faction speaker in this item (before
    /// `speaker_limits.faction_min`).
    #[serde(default)]
    pub speaker_limit_min: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    Opening,
    Presentation,
    PublicSpeaking,
    Round,
    Response,
    Conclusion,
    Other,
}

/// The council of a municipality for one term: its factions and college.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Council {
    pub municipality: String,
    pub term: String,
    pub seats: u32,
    pub factions: Vec<Faction>,
    /// The template `hamer export` renders the record through, relative to
    /// the council file (issue 16).
    #[serde(default)]
    pub record_template: Option<String>,
    #[serde(default)]
    pub college: Vec<CollegeMember>,
    /// The IANA time zone of the council (`Europe/Amsterdam`, the default).
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// A fractie.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faction {
    /// Short code shown in tight places, unique in the council (`VVD`, `BBH`).
    pub short: String,
    pub name: String,
    pub seats: u32,
    #[serde(default)]
    pub coalition: bool,
    /// Council members and fractievertegenwoordigers who may speak for it.
    #[serde(default)]
    pub members: Vec<String>,
}

/// A member of the college van B&W.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollegeMember {
    pub name: String,
    /// `burgemeester`, `wethouder`, …
    pub role: String,
}

/// Calls `f` with the path, kind and a mutable reference of every string in
/// a loaded file, so untrusted text can be cleaned in one place.
pub trait VisitStrings {
    fn visit_strings(&mut self, path: &str, f: &mut dyn FnMut(&str, Lines, &mut String));
}

fn visit_list<T: VisitStrings>(
    list: &mut [T],
    path: &str,
    f: &mut dyn FnMut(&str, Lines, &mut String),
) {
    for (i, v) in list.iter_mut().enumerate() {
        v.visit_strings(&format!("{path}[{i}]"), f);
    }
}

fn visit_string_list(
    list: &mut [String],
    path: &str,
    lines: Lines,
    f: &mut dyn FnMut(&str, Lines, &mut String),
) {
    for (i, s) in list.iter_mut().enumerate() {
        f(&format!("{path}[{i}]"), lines, s);
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

impl VisitStrings for Session {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        use Lines::{Multi, Single};
        f(&join(p, "title"), Single, &mut self.title);
        f(&join(p, "case_number"), Single, &mut self.case_number);
        f(
            &join(p, "portfolio_holder"),
            Single,
            &mut self.portfolio_holder,
        );
        f(&join(p, "body"), Single, &mut self.body);
        f(&join(p, "date"), Single, &mut self.date);
        if let Some(start) = &mut self.start {
            f(&join(p, "start"), Single, start);
        }
        f(&join(p, "room"), Single, &mut self.room);
        f(&join(p, "domain"), Single, &mut self.domain);
        visit_string_list(&mut self.chairs, &join(p, "chairs"), Single, f);
        f(&join(p, "clerk"), Single, &mut self.clerk);
        visit_string_list(
            &mut self.decision_points,
            &join(p, "decision_points"),
            Multi,
            f,
        );
        f(&join(p, "history"), Multi, &mut self.history);
        f(
            &join(p, "handling_advice"),
            Multi,
            &mut self.handling_advice,
        );
        visit_list(&mut self.public_speakers, &join(p, "public_speakers"), f);
        visit_list(&mut self.presenters, &join(p, "presenters"), f);
        visit_list(&mut self.officials, &join(p, "officials"), f);
        if let Some(council) = &mut self.council {
            f(&join(p, "council"), Single, council);
        }
        if let Some(zone) = &mut self.time_zone {
            f(&join(p, "time_zone"), Single, zone);
        }
        if let Some(factions) = &mut self.factions {
            visit_list(factions, &join(p, "factions"), f);
        }
        if let Some(college) = &mut self.college {
            visit_list(college, &join(p, "college"), f);
        }
        if let Some(next) = &mut self.next_step {
            next.visit_strings(&join(p, "next_step"), f);
        }
        visit_list(&mut self.agenda, &join(p, "agenda"), f);
    }
}

impl VisitStrings for PublicSpeaker {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        f(&join(p, "name"), Lines::Single, &mut self.name);
        if let Some(org) = &mut self.organisation {
            f(&join(p, "organisation"), Lines::Single, org);
        }
        if let Some(salutation) = &mut self.salutation {
            f(&join(p, "salutation"), Lines::Single, salutation);
        }
    }
}

impl VisitStrings for Presenter {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        f(&join(p, "name"), Lines::Single, &mut self.name);
        if let Some(function) = &mut self.function {
            f(&join(p, "function"), Lines::Single, function);
        }
        if let Some(org) = &mut self.organisation {
            f(&join(p, "organisation"), Lines::Single, org);
        }
    }
}

impl VisitStrings for Official {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        f(&join(p, "name"), Lines::Single, &mut self.name);
        if let Some(function) = &mut self.function {
            f(&join(p, "function"), Lines::Single, function);
        }
    }
}

impl VisitStrings for NextStep {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        f(&join(p, "body"), Lines::Single, &mut self.body);
        f(&join(p, "date"), Lines::Single, &mut self.date);
        f(&join(p, "goal"), Lines::Single, &mut self.goal);
        f(&join(p, "advice"), Lines::Multi, &mut self.advice);
    }
}

impl VisitStrings for Item {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        f(&join(p, "title"), Lines::Single, &mut self.title);
    }
}

impl VisitStrings for Council {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        f(
            &join(p, "municipality"),
            Lines::Single,
            &mut self.municipality,
        );
        f(&join(p, "term"), Lines::Single, &mut self.term);
        if let Some(zone) = &mut self.time_zone {
            f(&join(p, "time_zone"), Lines::Single, zone);
        }
        visit_list(&mut self.factions, &join(p, "factions"), f);
        if let Some(t) = &mut self.record_template {
            f(&join(p, "record_template"), Lines::Single, t);
        }
        visit_list(&mut self.college, &join(p, "college"), f);
    }
}

impl VisitStrings for Faction {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        f(&join(p, "short"), Lines::Single, &mut self.short);
        f(&join(p, "name"), Lines::Single, &mut self.name);
        visit_string_list(&mut self.members, &join(p, "members"), Lines::Single, f);
    }
}

impl VisitStrings for CollegeMember {
    fn visit_strings(&mut self, p: &str, f: &mut dyn FnMut(&str, Lines, &mut String)) {
        f(&join(p, "name"), Lines::Single, &mut self.name);
        f(&join(p, "role"), Lines::Single, &mut self.role);
    }
}
