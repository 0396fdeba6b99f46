//! The Markdown record: the built-in `verslag` template ([`render`]) and
//! what it gets: the record's sections as plain values, from the [`SessionRecord`] and the
//! language alone (the `e` key and `--format md` have no session plan at
//! hand), and the record's labels in that language.
//!
//! Nothing here is Markdown: the template escapes every value with the
//! `md_inline` and `md_paragraph` filters. Clock times are `HH:MM` and
//! durations whole minutes ([`minutes`]); the CSV and JSON keep seconds.

use std::collections::BTreeMap;

use minijinja::Value;
use minijinja::value::{Serde, merge_maps};
use serde::Serialize;

use super::template::TemplateContext;
use super::{SessionRecord, SpeakerKind, SpeechRecord, function_and_organisation, with_space};
use crate::clock::Ts;
use crate::i18n::Lang;
use crate::meeting::SpeechKind;
use crate::meeting::texts::{advice_text, motion_kind_text, speech_kind_text, stance_text};

/// The labels a record template gets as `t`: name in the template and key
/// in the catalogue (`t.agenda` is `rec.agenda`).
const LABELS: &[(&str, &str)] = &[
    ("field", "rec.field"),
    ("value", "rec.value"),
    ("case_number", "rec.case_number"),
    ("body", "rec.body"),
    ("date", "rec.date"),
    ("room", "rec.room"),
    ("domain", "rec.domain"),
    ("chairs", "rec.chairs"),
    ("clerk", "rec.clerk"),
    ("portfolio_holder", "rec.portfolio_holder"),
    ("opened_closed", "rec.opened_closed"),
    ("not_opened", "rec.not_opened"),
    ("running", "rec.running"),
    ("recess", "rec.recess"),
    ("recess_planned", "rec.recess_planned"),
    ("college_present", "rec.college_present"),
    ("factions_present", "rec.factions_present"),
    ("members_present", "rec.members_present"),
    ("factions_absent", "rec.factions_absent"),
    ("next_step", "rec.next_step"),
    ("agenda", "rec.agenda"),
    ("item", "rec.item"),
    ("planned", "rec.planned"),
    ("start", "rec.start"),
    ("end", "rec.end"),
    ("duration", "rec.duration"),
    ("overrun", "rec.overrun"),
    ("speakers_per_faction", "rec.speakers_per_faction"),
    ("faction", "rec.faction"),
    ("speaker", "rec.speaker"),
    ("time", "rec.time"),
    ("turns", "rec.turns"),
    ("unnamed", "rec.unnamed"),
    ("none", "rec.none"),
    ("interruptions", "rec.interruptions"),
    ("count", "rec.count"),
    ("total", "rec.total"),
    ("no_faction", "rec.no_faction"),
    ("public", "rec.public"),
    ("others", "rec.others"),
    ("name", "rec.name"),
    ("organisation_or_role", "rec.organisation_or_role"),
    ("advice", "rec.advice"),
    ("no_advice", "rec.no_advice"),
    ("requested_by", "rec.requested_by"),
    ("positions", "rec.positions"),
    ("stance", "rec.stance"),
    ("note", "rec.note"),
    ("commitments", "rec.commitments"),
    ("what", "rec.what"),
    ("by", "rec.by"),
    ("due", "rec.due"),
    ("at", "rec.at"),
    ("status", "rec.status"),
    ("status_open", "rec.status.open"),
    ("motions", "rec.motions"),
    ("kind", "rec.kind"),
    ("title", "rec.title"),
    ("factions", "rec.factions"),
    ("action_points", "rec.action_points"),
    ("conclusion", "rec.conclusion"),
    ("notes", "rec.notes"),
    ("speeches", "rec.speeches"),
    ("clock", "rec.clock"),
    ("clock_step", "rec.clock_step"),
    ("footer", "rec.footer"),
    ("representative", "ui.kind.representative"),
];

/// What the `verslag` template gets besides the filters: `lang`, `t` (the
/// labels) and `verslag` (the sections). docs/templates.md lists them.
#[derive(Clone, Debug, Serialize)]
pub struct VerslagContext {
    /// `nl` or `en`.
    pub lang: Lang,
    pub t: BTreeMap<&'static str, &'static str>,
    pub verslag: Verslag,
}

/// The record's sections, every value plain text.
#[derive(Clone, Debug, Serialize)]
pub struct Verslag {
    pub title: String,
    pub case_number: String,
    pub body: String,
    pub date: String,
    pub room: String,
    pub domain: String,
    pub chairs: Vec<String>,
    pub clerk: String,
    pub portfolio_holder: String,
    /// `HH:MM`; empty when not opened.
    pub opened: String,
    /// `HH:MM`; empty while open.
    pub closed: String,
    /// Total recess in minutes; empty without a recess.
    pub recess: String,
    pub planned_recesses: Vec<PlannedRecess>,
    pub college_present: Vec<String>,
    /// Full names.
    pub factions_present: Vec<String>,
    /// Per faction: `Han Daals, Hammami (BurgerBelangen)`.
    pub members_present: Vec<String>,
    /// Full names of the factions recorded absent.
    pub factions_absent: Vec<String>,
    pub agenda: Vec<AgendaRow>,
    pub faction_speakers: Vec<FactionSpeaker>,
    pub interruptions: Vec<InterruptionGroup>,
    pub public: Vec<PersonRow>,
    pub others: Vec<PersonRow>,
    pub advice: Option<AdviceRow>,
    /// Where the item goes next, with the advice: `Raad 29-3-2023,
    /// hamerstuk`.
    pub next_step: Option<super::template::NextStepFacts>,
    pub positions: Vec<PositionRow>,
    pub commitments: Vec<CommitmentRow>,
    pub motions: Vec<MotionRow>,
    pub action_points: Vec<ActionPointRow>,
    /// The conclusion's paragraphs; empty when there is none.
    pub conclusion: Vec<String>,
    /// The notes were left out: no notes section at all.
    pub notes_withheld: bool,
    pub notes: Vec<NoteRow>,
    pub speeches: Vec<SpeechRow>,
    pub clock_steps: Vec<ClockStepRow>,
    /// `YYYY-MM-DD HH:MM`.
    pub exported_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlannedRecess {
    pub start: String,
    pub planned_minutes: u32,
    pub took: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgendaRow {
    pub number: usize,
    pub title: String,
    pub planned_minutes: u32,
    /// `HH:MM`; empty when not started.
    pub start: String,
    /// `HH:MM`; empty when not started or still running.
    pub end: String,
    pub running: bool,
    /// Empty when not started.
    pub duration: String,
    /// Empty when within the planned time.
    pub overrun: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FactionSpeaker {
    /// The faction's full name.
    pub faction: String,
    pub name: String,
    /// A fractievertegenwoordiger.
    pub representative: bool,
    /// Spoke for the faction without a noted name.
    pub unnamed: bool,
    pub time: String,
    pub turns: u32,
}

/// A faction's interruptions (`faction` empty: people of no faction).
#[derive(Clone, Debug, Serialize)]
pub struct InterruptionGroup {
    pub faction: String,
    pub people: Vec<InterruptionRow>,
    /// Only for more than one person.
    pub total: Option<InterruptionTotal>,
}

#[derive(Clone, Debug, Serialize)]
pub struct InterruptionRow {
    pub name: String,
    pub representative: bool,
    pub unnamed: bool,
    pub count: u32,
    pub duration: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct InterruptionTotal {
    pub count: u32,
    pub duration: String,
}

/// A person who spoke: name, organisation or role, time and turns.
#[derive(Clone, Debug, Serialize)]
pub struct PersonRow {
    pub name: String,
    pub role: String,
    pub time: String,
    pub turns: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct AdviceRow {
    pub text: String,
    pub requested_by: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PositionRow {
    pub faction: String,
    pub stance: String,
    pub note: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommitmentRow {
    /// From 1.
    pub number: usize,
    pub by: String,
    /// With the role the speaker was recorded with: `wethouder Freriksen`.
    pub by_title: String,
    pub what: String,
    pub due: String,
    /// `open`.
    pub status: String,
    /// `HH:MM`.
    pub at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MotionRow {
    pub kind: String,
    pub title: String,
    pub factions: Vec<String>,
    pub at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActionPointRow {
    pub text: String,
    pub owner: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct NoteRow {
    pub at: String,
    pub item: String,
    pub speaker: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SpeechRow {
    pub start: String,
    /// Empty while it runs.
    pub end: String,
    pub duration: String,
    pub speaker: String,
    pub role: String,
    pub kind: String,
    pub item: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClockStepRow {
    pub at: String,
    pub wall: String,
    pub drift: String,
}

/// A clock time as the record gives it: `19:30`.
pub fn clock(t: Ts) -> String {
    t.format("%H:%M").to_string()
}

/// A duration in whole minutes, rounded to the nearest (half a minute
/// up): `10 min`; `0 min` for none, `< 1 min` for less than half a minute.
pub fn minutes(secs: i64) -> String {
    match secs.max(0) {
        0 => "0 min".to_owned(),
        1..30 => "< 1 min".to_owned(),
        s => format!("{} min", (s + 30) / 60),
    }
}

/// Per person and kind of speaker: time and turns, in order of first
/// speech. Time counts every speech; turns leave interruptions out, as in
/// the factions' totals.
fn by_person_kind<'a>(
    speeches: impl Iterator<Item = &'a SpeechRecord>,
) -> Vec<(String, String, SpeakerKind, i64, u32)> {
    // One person: who they are as recorded, what the record shows of them
    // (an inspreker with their salutation, a presenter with their
    // function: the first speech that has one), time and turns.
    struct Person<'s> {
        key: (&'s str, &'s str, SpeakerKind),
        salutation: &'s str,
        function: &'s str,
        secs: i64,
        turns: u32,
    }
    let mut people: Vec<Person> = Vec::new();
    for s in speeches {
        let turn = u32::from(s.kind != SpeechKind::Interruption);
        let key = (s.speaker.as_str(), s.affiliation.as_str(), s.speaker_kind);
        let p = match people.iter().position(|p| p.key == key) {
            Some(i) => &mut people[i],
            None => {
                people.push(Person {
                    key,
                    salutation: "",
                    function: "",
                    secs: 0,
                    turns: 0,
                });
                people.last_mut().expect("just pushed")
            }
        };
        p.secs += s.seconds;
        p.turns += turn;
        if p.salutation.is_empty() {
            p.salutation = &s.salutation;
        }
        if p.function.is_empty() {
            p.function = &s.function;
        }
    }
    people
        .into_iter()
        .map(|p| {
            let (name, aff, kind) = p.key;
            let name = with_space(p.salutation, name);
            let aff = if kind == SpeakerKind::Presenter {
                function_and_organisation(p.function, aff)
            } else {
                aff.to_owned()
            };
            (name, aff, kind, p.secs, p.turns)
        })
        .collect()
}

/// What the record says of a speaker besides the name: the chair is the
/// chair, an official an official with their function, a
/// fractievertegenwoordiger one with their faction; others their
/// organisation, role or faction as recorded.
fn role(kind: SpeakerKind, affiliation: &str, lang: Lang) -> String {
    let with = |what: &'static str| {
        if affiliation.is_empty() {
            lang.text(what).to_owned()
        } else {
            format!("{}, {affiliation}", lang.text(what))
        }
    };
    match kind {
        SpeakerKind::Chair => with("ui.kind.chair"),
        SpeakerKind::Official => with("ui.kind.official"),
        SpeakerKind::Representative => {
            format!("{affiliation} ({})", lang.text("ui.kind.representative"))
        }
        _ => affiliation.to_owned(),
    }
}

fn people(r: &SessionRecord, kinds: &[SpeakerKind], lang: Lang) -> Vec<PersonRow> {
    by_person_kind(
        r.speeches
            .iter()
            .filter(|s| kinds.contains(&s.speaker_kind)),
    )
    .into_iter()
    .map(|(name, aff, kind, secs, turns)| PersonRow {
        name,
        role: if kind == SpeakerKind::Public {
            aff
        } else {
            role(kind, &aff, lang)
        },
        time: minutes(secs),
        turns,
    })
    .collect()
}

fn faction_speakers(r: &SessionRecord) -> Vec<FactionSpeaker> {
    let mut rows = Vec::new();
    for f in &r.factions {
        let people = by_person_kind(r.speeches.iter().filter(|s| {
            matches!(
                s.speaker_kind,
                SpeakerKind::Faction | SpeakerKind::Representative
            ) && s.affiliation == f.code
        }));
        for (name, _, kind, secs, turns) in people {
            let representative = kind == SpeakerKind::Representative;
            rows.push(FactionSpeaker {
                faction: f.name.clone(),
                unnamed: !representative && name == f.code,
                representative,
                name,
                time: minutes(secs),
                turns,
            });
        }
    }
    rows
}

fn interruptions(r: &SessionRecord) -> Vec<InterruptionGroup> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < r.interruptions.len() {
        let code = &r.interruptions[i].faction;
        let group: Vec<_> = r.interruptions[i..]
            .iter()
            .take_while(|x| &x.faction == code)
            .collect();
        i += group.len();
        let faction = r.faction_name(code);
        let total = (group.len() > 1).then(|| InterruptionTotal {
            count: group.iter().map(|x| x.count).sum(),
            duration: minutes(group.iter().map(|x| x.seconds).sum()),
        });
        groups.push(InterruptionGroup {
            faction,
            people: group
                .iter()
                .map(|x| InterruptionRow {
                    name: x.speaker.clone(),
                    representative: x.speaker_kind == SpeakerKind::Representative,
                    unnamed: x.speaker_kind == SpeakerKind::Faction && x.speaker == *code,
                    count: x.count,
                    duration: minutes(x.seconds),
                })
                .collect(),
            total,
        });
    }
    groups
}

fn full_names(r: &SessionRecord, codes: &[String]) -> Vec<String> {
    codes.iter().map(|c| r.faction_name(c)).collect()
}

/// The members present, a line per faction in the record's order:
/// `Han Daals, Hammami (BurgerBelangen)`.
fn members_present(r: &SessionRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < r.members_present.len() {
        let code = &r.members_present[i].faction;
        let names: Vec<&str> = r.members_present[i..]
            .iter()
            .take_while(|m| &m.faction == code)
            .map(|m| m.name.as_str())
            .collect();
        i += names.len();
        out.push(format!("{} ({})", names.join(", "), r.faction_name(code)));
    }
    out
}

/// What the speeches table says of a speaker besides the name: a faction
/// by its full name, a presenter's function and organisation.
fn speech_role(r: &SessionRecord, s: &SpeechRecord, lang: Lang) -> String {
    match s.speaker_kind {
        SpeakerKind::Faction | SpeakerKind::Representative => {
            role(s.speaker_kind, &r.faction_name(&s.affiliation), lang)
        }
        SpeakerKind::Presenter => function_and_organisation(&s.function, &s.affiliation),
        _ => role(s.speaker_kind, &s.affiliation, lang),
    }
}

/// The context of the `verslag` template for a record, in a language.
pub fn context(r: &SessionRecord, lang: Lang) -> VerslagContext {
    let t = LABELS
        .iter()
        .map(|(name, key)| (*name, lang.text(key)))
        .collect();
    let verslag = Verslag {
        title: r.title.clone(),
        case_number: r.case_number.clone(),
        body: r.body.clone(),
        date: r.date.clone(),
        room: r.room.clone(),
        domain: r.domain.clone(),
        chairs: r.chairs.clone(),
        clerk: r.clerk.clone(),
        portfolio_holder: r.portfolio_holder.clone(),
        opened: r.opened_at.map(clock).unwrap_or_default(),
        closed: r.closed_at.map(clock).unwrap_or_default(),
        recess: if r.recess_seconds > 0 {
            minutes(r.recess_seconds)
        } else {
            String::new()
        },
        planned_recesses: r
            .planned_recesses
            .iter()
            .map(|p| PlannedRecess {
                start: clock(p.start),
                planned_minutes: p.planned_minutes,
                took: minutes(p.seconds),
            })
            .collect(),
        college_present: r.college_present.clone(),
        factions_present: full_names(r, &r.factions_present),
        members_present: members_present(r),
        factions_absent: full_names(r, &r.factions_absent),
        agenda: r
            .agenda
            .iter()
            .map(|i| AgendaRow {
                number: i.number,
                title: i.title.clone(),
                planned_minutes: i.planned_minutes,
                start: i.start.map(clock).unwrap_or_default(),
                end: i.start.and(i.end).map(clock).unwrap_or_default(),
                running: i.start.is_some() && i.end.is_none(),
                duration: if i.start.is_some() {
                    minutes(i.seconds)
                } else {
                    String::new()
                },
                overrun: if i.overrun_seconds > 0 {
                    minutes(i.overrun_seconds)
                } else {
                    String::new()
                },
            })
            .collect(),
        faction_speakers: faction_speakers(r),
        interruptions: interruptions(r),
        public: people(r, &[SpeakerKind::Public], lang),
        others: people(
            r,
            &[
                SpeakerKind::College,
                SpeakerKind::Official,
                SpeakerKind::Presenter,
                SpeakerKind::Chair,
            ],
            lang,
        ),
        advice: r.advice.map(|a| AdviceRow {
            text: advice_text(a, lang).to_owned(),
            requested_by: full_names(r, &r.advice_requested_by),
        }),
        next_step: super::template::next_step_facts(r),
        positions: r
            .positions
            .iter()
            .map(|p| PositionRow {
                faction: p.faction_name.clone(),
                // No position taken by a faction recorded absent: it was
                // not there to take one.
                stance: match p.stance {
                    None if r.factions_absent.contains(&p.faction) => {
                        stance_text(Some(crate::meeting::Stance::Absent), lang).to_owned()
                    }
                    stance => stance_text(stance, lang).to_owned(),
                },
                note: p.note.clone(),
            })
            .collect(),
        commitments: r
            .commitments
            .iter()
            .map(|c| CommitmentRow {
                number: c.number,
                by: c.by.clone(),
                by_title: if c.by_role.is_empty() {
                    c.by.clone()
                } else {
                    format!("{} {}", c.by_role, c.by)
                },
                status: c.status.code().to_owned(),
                what: c.what.clone(),
                due: c.due.clone(),
                at: clock(c.made_at),
            })
            .collect(),
        motions: r
            .motions
            .iter()
            .map(|m| MotionRow {
                kind: motion_kind_text(m.kind, lang).to_owned(),
                title: m.title.clone(),
                factions: full_names(r, &m.factions),
                at: clock(m.announced_at),
            })
            .collect(),
        action_points: r
            .action_points
            .iter()
            .map(|a| ActionPointRow {
                text: a.text.clone(),
                owner: a.owner.clone(),
            })
            .collect(),
        conclusion: if r.conclusion.trim().is_empty() {
            Vec::new()
        } else {
            r.conclusion.split("\n\n").map(str::to_owned).collect()
        },
        notes_withheld: r.notes_withheld,
        notes: r
            .notes
            .iter()
            .map(|n| NoteRow {
                at: clock(n.at),
                item: n.item.clone().unwrap_or_default(),
                speaker: n.speaker.clone().unwrap_or_default(),
                text: n.text.clone(),
            })
            .collect(),
        speeches: r
            .speeches
            .iter()
            .map(|s| SpeechRow {
                start: clock(s.start),
                end: s.end.map(clock).unwrap_or_default(),
                duration: minutes(s.seconds),
                // A faction speaker whose name was not noted.
                speaker: if s.speaker_kind == SpeakerKind::Faction && s.speaker == s.affiliation {
                    lang.text("rec.unnamed").to_owned()
                } else {
                    s.shown_name()
                },
                role: speech_role(r, s, lang),
                kind: speech_kind_text(s.kind, lang).to_owned(),
                item: s.item.clone().unwrap_or_default(),
            })
            .collect(),
        clock_steps: r
            .clock_steps
            .iter()
            .map(|c| ClockStepRow {
                at: clock(c.at),
                wall: clock(c.wall),
                drift: crate::clock::drift_text(c.drift_ms),
            })
            .collect(),
        exported_at: r.exported_at.format("%Y-%m-%d %H:%M").to_string(),
    };
    VerslagContext { lang, t, verslag }
}

/// The record as Markdown, the way Hengelo publishes a session: the
/// built-in `verslag` template with the record's values and labels.
pub fn render(r: &SessionRecord, lang: Lang) -> String {
    // A built-in renders any record: it is tested with the empty, a hostile
    // and a full record in both languages, and runs without the fuel and
    // size bounds of a user's template, so an error is a bug.
    super::template::render_builtin("verslag", &context(r, lang))
        .unwrap_or_else(|e| panic!("the built-in verslag template failed: {e}"))
}

/// What a template given by `--template` gets: the [`TemplateContext`] and
/// besides it `lang`, `t` and `verslag`, so that `--template verslag`
/// writes what `--format md` writes, and a copy of `verslag.j2` works.
pub fn with_verslag(ctx: &TemplateContext, record: &SessionRecord, lang: Lang) -> Value {
    merge_maps([
        Value::from(Serde(ctx)),
        Value::from(Serde(context(record, lang))),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_whole_and_rounded() {
        assert_eq!(minutes(0), "0 min");
        assert_eq!(minutes(-5), "0 min");
        assert_eq!(minutes(1), "< 1 min");
        assert_eq!(minutes(29), "< 1 min");
        assert_eq!(minutes(30), "1 min");
        assert_eq!(minutes(89), "1 min");
        assert_eq!(minutes(90), "2 min");
        assert_eq!(minutes(3725), "62 min");
    }

    #[test]
    fn every_label_is_in_the_catalogue() {
        for (_, key) in LABELS {
            assert_ne!(Lang::Nl.text(key), *key, "{key}");
            assert_ne!(Lang::En.text(key), *key, "{key}");
        }
    }
}
