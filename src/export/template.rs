//! Record templates (issue 16): the council's own text, rendered from the
//! session record through `minijinja`.
//!
//! A template gets the [`SessionRecord`] as `record` and the values derived
//! from it that a published text needs ([`TemplateContext`]): speakers
//! grouped by faction with full faction names, insprekers, officials,
//! other speakers, the college members present, outcomes numbered, the next
//! step. docs/templates.md lists them all.
//!
//! Templates are sandboxed: the environment has no loader, so `include`,
//! `import` and `extends` find only the template itself (never a file);
//! rendering runs on fuel and the output is bounded, so a template cannot
//! loop or grow without end. Nothing is HTML-escaped: the output is text.

use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, Error, UndefinedBehavior, Value};
use serde::Serialize;

use super::{SessionRecord, SpeakerKind, with_space};
use crate::i18n::Lang;
use crate::meeting::texts::{advice_text, motion_kind_text};
use crate::meeting::{Advice, SpeechKind};
use crate::session::SessionPlan;

/// The built-in templates: name and text.
pub const BUILTINS: &[(&str, &str)] = &[
    (
        "hengelo-ris",
        include_str!("../../assets/templates/hengelo-ris.j2"),
    ),
    // The Markdown record (`--format md`, the `e` key); its values are
    // `lang`, `t` and `verslag` (export::verslag).
    ("verslag", include_str!("../../assets/templates/verslag.j2")),
];

/// Instructions a template may run: far more than any record needs, few
/// enough that a runaway loop stops within a second.
const FUEL: u64 = 2_000_000;

/// The most a template may write, in bytes.
pub const MAX_OUTPUT: usize = 4 * 1024 * 1024;

/// Everything a template gets.
#[derive(Clone, Debug, Serialize)]
pub struct TemplateContext {
    /// The whole record, as in the JSON export (`record.speeches`, …).
    pub record: SessionRecord,
    /// The session as planned: title, case number, body, date.
    pub session: SessionFacts,
    /// The council of the session file (`None` without a council file).
    pub council: Option<CouncilFacts>,
    /// The result line: the advice in Hengelo's words.
    pub result: String,
    /// The advice given (`None`: none recorded).
    pub advice: Option<AdviceFacts>,
    pub chairs: Vec<String>,
    pub clerk: String,
    /// Faction speakers per faction, in the council's order.
    pub faction_speakers: Vec<FactionSpeakers>,
    /// Faction members present by name (marked by the clerk or seen
    /// speaking), per faction in the council's order.
    pub members_present: Vec<FactionMembers>,
    /// Everyone who spoke (the chair left out), in order of first speech.
    pub persons: Vec<Person>,
    pub insprekers: Vec<NamedWith>,
    /// Ambtelijke ondersteuning: officials who spoke, with their function.
    pub officials: Vec<NamedWith>,
    /// Presenters (the Rekenkamer), with their organisation.
    pub other_speakers: Vec<NamedWith>,
    /// College members present (spoke or marked present).
    pub college: Vec<CollegeFacts>,
    /// The full names of the factions present.
    pub factions_present: Vec<String>,
    /// The full names of the factions recorded absent (the clerk's
    /// presence list or the position "not present"); a faction nobody
    /// recorded is in neither list.
    pub factions_absent: Vec<String>,
    /// Toezeggingen, numbered from 1.
    pub commitments: Vec<Commitment>,
    /// Motions and amendments announced, numbered from 1.
    pub motions: Vec<Motion>,
    pub conclusion: String,
    pub next_step: Option<NextStepFacts>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SessionFacts {
    pub title: String,
    pub case_number: String,
    pub body: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// As Hengelo writes a date: `8-3-2023`.
    pub date_text: String,
    pub room: String,
    pub domain: String,
    pub portfolio_holder: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CouncilFacts {
    pub municipality: String,
    pub term: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AdviceFacts {
    /// `informed`, `hamerstuk`, `bespreekstuk`, `not_ready`, `postponed`.
    pub code: String,
    pub text: String,
    /// Full names of the factions that asked for it.
    pub requested_by: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FactionSpeakers {
    pub code: String,
    /// The full name: `BurgerBelangen`, never `BBH`.
    pub name: String,
    /// The name as "namens …" takes it: `de VVD`, `het CDA`, `D66`.
    pub namens: String,
    /// The speakers' names; a speaker whose name was not noted is left out.
    pub names: Vec<String>,
    /// As Hengelo writes it: `Han Daals (BurgerBelangen)`, `A en B (beiden
    /// namens de VVD)`; `een woordvoerder (PVV)` when no name was noted.
    pub text: String,
}

/// A faction's members present.
#[derive(Clone, Debug, Serialize)]
pub struct FactionMembers {
    pub code: String,
    /// The full name.
    pub name: String,
    pub names: Vec<String>,
    /// `Han Daals en Hammami (BurgerBelangen)`.
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Person {
    pub name: String,
    /// `faction`, `representative`, `public`, `college`, `presenter`,
    /// `official`.
    pub kind: String,
    /// Faction code, organisation, function or role, as recorded.
    pub affiliation: String,
    /// A presenter's or official's function.
    pub function: String,
    /// An inspreker's salutation ("dhr.").
    pub salutation: String,
    /// The full faction name for faction speakers, else empty.
    pub faction: String,
    /// Turns taken (interruptions not counted).
    pub turns: u32,
    pub interruptions: u32,
}

/// A name with what the record says of them.
#[derive(Clone, Debug, Serialize)]
pub struct NamedWith {
    pub name: String,
    /// An inspreker's salutation ("dhr.", "mevr."); else empty.
    pub salutation: String,
    /// A presenter's or official's function; else empty.
    pub function: String,
    /// An inspreker's or presenter's organisation; else empty.
    pub organisation: String,
    /// What the brackets hold: function and organisation for other
    /// speakers, the function for officials, the organisation for
    /// insprekers.
    pub with: String,
    /// As the RIS text writes it: `Louis Rings (Voorzitter
    /// Rekenkamercommissie Hengelo)`, `Astrid Scholtens (Beleidsadviseur
    /// Onderwijs)`, for an inspreker `dhr. Methorst (namens stichting 't
    /// Neutje)`.
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CollegeFacts {
    pub name: String,
    /// `wethouder`, `burgemeester`; empty when not known.
    pub role: String,
    /// `Wethouder Freriksen`.
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Commitment {
    pub number: usize,
    pub by: String,
    /// Role and name where the college lists them: `wethouder Freriksen`.
    pub by_title: String,
    /// The role alone (`wethouder`); empty when not known.
    pub by_role: String,
    pub what: String,
    /// `what` on one line, without a closing full stop.
    pub what_line: String,
    pub due: String,
    /// Always `open` in a record: hamer records toezeggingen, not their
    /// fulfilment.
    pub status: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Motion {
    pub number: usize,
    /// `motion`, `amendment`.
    pub kind: String,
    /// `motie`, `amendement`.
    pub kind_text: String,
    pub title: String,
    /// Full names of the factions that announced it.
    pub factions: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NextStepFacts {
    pub body: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `29-3-2023`.
    pub date_text: String,
    pub goal: String,
    pub advice: String,
    /// `hamerstuk` or `bespreekstuk` from the advice given, else empty.
    pub kind: String,
    /// `Raad 29-3-2023, hamerstuk`.
    pub text: String,
}

/// The next step of a record, with the advice given: `Raad 29-3-2023,
/// hamerstuk`.
///
/// `None` when the item does not go on as planned: held over
/// (`Postponed`) or found not ready for a decision (`NotReady`).
pub fn next_step_facts(r: &SessionRecord) -> Option<NextStepFacts> {
    if matches!(r.advice, Some(Advice::Postponed | Advice::NotReady)) {
        return None;
    }
    r.next_step.as_ref().map(|n| {
        let kind = match r.advice {
            Some(Advice::Hamerstuk) => "hamerstuk",
            Some(Advice::Bespreekstuk) => "bespreekstuk",
            _ => "",
        };
        let date_text = date_text(&n.date);
        let mut text = with_space(&n.body, &date_text);
        if !kind.is_empty() {
            text = format!("{text}, {kind}");
        }
        NextStepFacts {
            body: n.body.clone(),
            date: n.date.clone(),
            date_text,
            goal: n.goal.clone(),
            advice: n.advice.clone(),
            kind: kind.to_owned(),
            text,
        }
    })
}

/// `2023-03-29` as Hengelo writes it: `29-3-2023`; other text unchanged.
pub fn date_text(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%-d-%-m-%Y").to_string(),
        Err(_) => iso.to_owned(),
    }
}

/// Names as a Dutch list: `A`, `A en B`, `A, B en C`.
pub fn nl_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// A faction's name as "namens …" takes it: the national parties with
/// their article, as Hengelo writes them; local parties and D66 without.
pub fn namens(name: &str) -> String {
    let article = match name {
        "CDA" => "het ",
        "VVD"
        | "PvdA"
        | "SP"
        | "PVV"
        | "ChristenUnie"
        | "SGP"
        | "PvdD"
        | "Partij van de Arbeid"
        | "Partij voor de Dieren"
        | "Partij voor de Vrijheid"
        | "Socialistische Partij"
        | "BBB"
        | "BoerBurgerBeweging" => "de ",
        _ => "",
    };
    format!("{article}{name}")
}

/// Text on one line: runs of white space (line breaks too) become one
/// space (see [`super::chapters::one_line`]).
pub use super::chapters::one_line;

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A serde enum's name as text (`hamerstuk`, `motion`).
fn code_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl TemplateContext {
    /// The context of a record made from `plan`.
    pub fn new(record: &SessionRecord, plan: &SessionPlan) -> TemplateContext {
        let r = record;
        let lang = Lang::Nl;
        let full = |code: &str| r.faction_name(code);
        let role_of = |name: &str| r.college_role(plan, name);

        // Everyone who spoke, in order of first speech; the chair left out.
        let mut persons: Vec<Person> = Vec::new();
        for s in r
            .speeches
            .iter()
            .filter(|s| s.speaker_kind != SpeakerKind::Chair)
        {
            let kind = super::csv::speaker_kind_code(s.speaker_kind);
            let interruption = s.kind == SpeechKind::Interruption;
            match persons
                .iter_mut()
                .find(|p| p.name == s.speaker && p.affiliation == s.affiliation && p.kind == kind)
            {
                Some(p) => {
                    p.turns += u32::from(!interruption);
                    p.interruptions += u32::from(interruption);
                    // A salutation or function noted at a later turn.
                    if p.salutation.is_empty() {
                        p.salutation = s.salutation.clone();
                    }
                    if p.function.is_empty() {
                        p.function = s.function.clone();
                    }
                }
                None => persons.push(Person {
                    name: s.speaker.clone(),
                    kind: kind.to_owned(),
                    affiliation: s.affiliation.clone(),
                    function: s.function.clone(),
                    salutation: s.salutation.clone(),
                    faction: match s.speaker_kind {
                        SpeakerKind::Faction | SpeakerKind::Representative => full(&s.affiliation),
                        _ => String::new(),
                    },
                    turns: u32::from(!interruption),
                    interruptions: u32::from(interruption),
                }),
            }
        }

        let faction_speakers = r
            .factions
            .iter()
            .filter_map(|f| {
                let speakers: Vec<&Person> = persons
                    .iter()
                    .filter(|p| {
                        (p.kind == "faction" || p.kind == "representative")
                            && p.affiliation == f.code
                    })
                    .collect();
                if speakers.is_empty() {
                    return None;
                }
                // A faction speaker without a noted name is recorded under
                // the faction's code.
                let names: Vec<String> = speakers
                    .iter()
                    .filter(|p| !(p.kind == "faction" && p.name == f.code))
                    .map(|p| p.name.clone())
                    .collect();
                let namens = namens(&f.name);
                let text = match names.len() {
                    // Nobody noted a name: not the faction's name alone,
                    // which would read as a person in the list.
                    0 => format!("een woordvoerder ({})", f.name),
                    1 => format!("{} ({})", names[0], f.name),
                    2 => format!("{} (beiden namens {namens})", nl_list(&names)),
                    _ => format!("{} (allen namens {namens})", nl_list(&names)),
                };
                Some(FactionSpeakers {
                    code: f.code.clone(),
                    name: f.name.clone(),
                    namens,
                    names,
                    text,
                })
            })
            .collect();

        let named_with = |kind: &str| -> Vec<NamedWith> {
            persons
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| {
                    let organisation = if kind == "official" {
                        String::new()
                    } else {
                        p.affiliation.clone()
                    };
                    let with = match kind {
                        "presenter" => with_space(&p.function, &organisation),
                        "official" => p.function.clone(),
                        _ => organisation.clone(),
                    };
                    let name = with_space(&p.salutation, &p.name);
                    let text = match (kind, with.is_empty()) {
                        (_, true) => name,
                        ("public", false) => format!("{name} (namens {with})"),
                        _ => format!("{name} ({with})"),
                    };
                    NamedWith {
                        name: p.name.clone(),
                        salutation: p.salutation.clone(),
                        function: p.function.clone(),
                        organisation,
                        with,
                        text,
                    }
                })
                .collect()
        };
        let insprekers = named_with("public");
        let officials = named_with("official");
        let other_speakers = named_with("presenter");

        let members_present = r
            .factions
            .iter()
            .filter_map(|f| {
                let names: Vec<String> = r
                    .members_present
                    .iter()
                    .filter(|m| m.faction == f.code)
                    .map(|m| m.name.clone())
                    .collect();
                (!names.is_empty()).then(|| FactionMembers {
                    code: f.code.clone(),
                    name: f.name.clone(),
                    text: format!("{} ({})", nl_list(&names), f.name),
                    names,
                })
            })
            .collect();

        let college = r
            .college_present
            .iter()
            .map(|name| {
                let role = role_of(name);
                CollegeFacts {
                    title: capitalize(&with_space(&role, name)),
                    name: name.clone(),
                    role,
                }
            })
            .collect();

        let factions_present: Vec<String> = r.factions_present.iter().map(|c| full(c)).collect();
        let factions_absent = r.factions_absent.iter().map(|c| full(c)).collect();

        let commitments = r
            .commitments
            .iter()
            .map(|c| Commitment {
                number: c.number,
                by: c.by.clone(),
                by_title: with_space(&c.by_role, &c.by),
                by_role: c.by_role.clone(),
                what: c.what.clone(),
                what_line: one_line(&c.what).trim_end_matches('.').to_owned(),
                due: c.due.clone(),
                status: c.status.code().to_owned(),
            })
            .collect();

        let motions = r
            .motions
            .iter()
            .enumerate()
            .map(|(i, m)| Motion {
                number: i + 1,
                kind: code_of(&m.kind),
                kind_text: motion_kind_text(m.kind, lang).to_lowercase(),
                title: m.title.clone(),
                factions: m.factions.iter().map(|c| full(c)).collect(),
            })
            .collect();

        let advice = r.advice.map(|a| AdviceFacts {
            code: code_of(&a),
            text: advice_text(a, lang).to_owned(),
            requested_by: r.advice_requested_by.iter().map(|c| full(c)).collect(),
        });
        let result = r.advice.map_or_else(
            || "Behandeld".to_owned(),
            |a| advice_text(a, lang).to_owned(),
        );

        let next_step = next_step_facts(r);

        TemplateContext {
            record: r.clone(),
            session: SessionFacts {
                title: r.title.clone(),
                case_number: r.case_number.clone(),
                body: r.body.clone(),
                date: r.date.clone(),
                date_text: date_text(&r.date),
                room: r.room.clone(),
                domain: r.domain.clone(),
                portfolio_holder: r.portfolio_holder.clone(),
            },
            council: plan.council.as_ref().map(|(_, c)| CouncilFacts {
                municipality: c.municipality.clone(),
                term: c.term.clone(),
            }),
            result,
            advice,
            chairs: r.chairs.clone(),
            clerk: r.clerk.clone(),
            faction_speakers,
            members_present,
            persons,
            insprekers,
            officials,
            other_speakers,
            college,
            factions_present,
            factions_absent,
            commitments,
            motions,
            conclusion: r.conclusion.clone(),
            next_step,
        }
    }
}

/// A template to render: its name in messages (the built-in's name or the
/// file's path) and its text.
#[derive(Clone, Debug)]
pub struct Template {
    pub name: String,
    pub text: String,
}

/// The names of the built-in templates, for messages.
pub fn builtin_names() -> String {
    BUILTINS
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A built-in template by name.
pub fn builtin(name: &str) -> Option<Template> {
    BUILTINS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, t)| Template {
            name: (*n).to_owned(),
            text: (*t).to_owned(),
        })
}

/// `--template NAME|PATH`: a built-in by name, else a file (relative to
/// the working directory). An argument that names no built-in and no file
/// and does not look like a path is an unknown name: the message lists the
/// built-ins.
pub fn resolve(arg: &str) -> Result<Template, String> {
    if let Some(t) = builtin(arg) {
        return Ok(t);
    }
    let path = Path::new(arg);
    let looks_like_path = arg.contains(['/', '\\', '.']);
    if !path.exists() && !looks_like_path {
        return Err(format!(
            "unknown template '{arg}'; built in: {}; or give a template file's path",
            builtin_names()
        ));
    }
    from_file(path)
}

/// A template file.
pub fn from_file(path: &Path) -> Result<Template, String> {
    std::fs::read_to_string(path)
        .map(|text| Template {
            name: path.display().to_string(),
            text,
        })
        .map_err(|e| format!("{}: cannot read the template: {e}", path.display()))
}

/// The template a council file names (`record_template`), relative to the
/// council file.
pub fn council_template(council_file: &Path, relative: &str) -> PathBuf {
    council_file
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join(relative)
}

/// A writer that refuses more than [`MAX_OUTPUT`] bytes.
struct Bounded {
    out: Vec<u8>,
    over: bool,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.out.len() + buf.len() > MAX_OUTPUT {
            self.over = true;
            return Err(std::io::Error::other("output too large"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The sandbox: no loader, no auto-escape, fuel, strict about undefined
/// values only where they would be silently lost (printing is lenient, as
/// Jinja is), plus the filters `nl_list`, `one_line`, `date_text` and the
/// Markdown escapes `md_inline` and `md_paragraph`.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_fuel(Some(FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Lenient);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.add_filter("nl_list", |v: Vec<String>| nl_list(&v));
    env.add_filter("one_line", |s: String| one_line(&s));
    env.add_filter("date_text", |s: String| date_text(&s));
    env.add_filter("md_inline", |v: Value| {
        super::markdown::md_inline(&text_of(&v))
    });
    env.add_filter("md_paragraph", |v: Value| {
        super::markdown::md_paragraph(&text_of(&v))
    });
    env
}

/// A value as text for the Markdown filters: nothing for none or undefined.
fn text_of(v: &Value) -> String {
    if v.is_undefined() || v.is_none() {
        String::new()
    } else {
        v.as_str().map_or_else(|| v.to_string(), str::to_owned)
    }
}

/// `NAME:LINE: message` for an error in a template.
fn error_message(template: &str, e: &Error) -> String {
    let name = e.name().unwrap_or(template);
    let what = match e.detail() {
        Some(d) => format!("{}: {d}", e.kind()),
        None => e.kind().to_string(),
    };
    match e.line() {
        Some(line) => format!("{name}:{line}: {what}"),
        None => format!("{name}: {what}"),
    }
}

/// Render a built-in template with a context. An error is a bug in the
/// built-in.
pub fn render_builtin(name: &str, ctx: &impl Serialize) -> Result<String, String> {
    let template = builtin(name).ok_or_else(|| format!("no built-in template '{name}'"))?;
    render(&template, ctx)
}

/// Render a template with a context (a [`TemplateContext`], or any value
/// of named fields). An error says `NAME:LINE: message`. A built-in runs
/// without the fuel and size bounds: it loops over the record only, and a
/// long session is not a runaway template.
pub fn render(template: &Template, ctx: &impl Serialize) -> Result<String, String> {
    let built_in = builtin(&template.name).is_some_and(|b| b.text == template.text);
    let mut env = environment();
    if built_in {
        env.set_fuel(None);
    }
    env.add_template(&template.name, &template.text)
        .map_err(|e| error_message(&template.name, &e))?;
    let t = env
        .get_template(&template.name)
        .map_err(|e| error_message(&template.name, &e))?;
    let ctx = Value::from(minijinja::value::Serde(ctx));
    if built_in {
        return t.render(ctx).map_err(|e| error_message(&template.name, &e));
    }
    let mut out = Bounded {
        out: Vec::new(),
        over: false,
    };
    if let Err(e) = t.render_captured_to(ctx, &mut out) {
        return Err(if out.over {
            format!(
                "{}: the output is larger than {MAX_OUTPUT} bytes",
                template.name
            )
        } else {
            error_message(&template.name, &e)
        });
    }
    String::from_utf8(out.out).map_err(|e| format!("{}: {e}", template.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_lists_dates_and_namens() {
        let v = |xs: &[&str]| xs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(nl_list(&v(&[])), "");
        assert_eq!(nl_list(&v(&["A"])), "A");
        assert_eq!(nl_list(&v(&["A", "B"])), "A en B");
        assert_eq!(nl_list(&v(&["A", "B", "C"])), "A, B en C");
        assert_eq!(date_text("2023-03-29"), "29-3-2023");
        assert_eq!(date_text("najaar"), "najaar");
        assert_eq!(namens("VVD"), "de VVD");
        assert_eq!(namens("CDA"), "het CDA");
        assert_eq!(namens("D66"), "D66");
        assert_eq!(namens("BurgerBelangen"), "BurgerBelangen");
        assert_eq!(one_line("a\n  b\tc "), "a b c");
    }

    #[test]
    fn unknown_names_list_the_builtins() {
        let e = resolve("ris").unwrap_err();
        assert!(e.contains("hengelo-ris"), "{e}");
        assert!(resolve("hengelo-ris").is_ok());
    }

    #[test]
    fn every_builtin_parses() {
        for (name, text) in BUILTINS {
            let mut env = environment();
            env.add_template(name, text)
                .unwrap_or_else(|e| panic!("{}", error_message(name, &e)));
        }
    }
}
