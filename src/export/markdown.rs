//! The session record as Markdown (CommonMark with GFM tables), the way
//! Hengelo publishes a session: who was there, what was said by whom and how
//! long, and what came out of it.

use std::fmt::Write;

use super::{SessionRecord, SpeakerKind, SpeechRecord};
use crate::clock::Ts;
use crate::i18n::Lang;
use crate::meeting::SpeechKind;
use crate::meeting::texts::{advice_text, motion_kind_text, speech_kind_text, stance_text};

/// Escape text for inline use: characters that would start Markdown
/// formatting get a backslash; line breaks become `<br>` in a table cell.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escape a paragraph: inline escapes, plus a line that would start a list,
/// heading or quote is protected.
fn paragraph(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            // Leading blanks would make an indented code block.
            let t = line.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let mut l = String::new();
            if t.starts_with(['-', '+', '=']) {
                l.push('\\');
            }
            for (i, c) in t.chars().enumerate() {
                match c {
                    '.' | ')' if digits > 0 && i == digits => {
                        l.push('\\');
                        l.push(c);
                    }
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' => {
                        l.push('\\');
                        l.push(c);
                    }
                    c => l.push(c),
                }
            }
            l
        })
        .collect::<Vec<_>>()
        .join("  \n")
}

fn time(t: Ts) -> String {
    t.format("%H:%M:%S").to_string()
}

fn opt_time(t: Option<Ts>, lang: Lang) -> String {
    t.map_or_else(|| lang.text("rec.running").to_owned(), time)
}

/// `m:ss`, or `h:mm:ss` from an hour.
pub fn duration(secs: i64) -> String {
    let secs = secs.max(0);
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

fn table(out: &mut String, head: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        head.iter().map(|_| " --- ").collect::<Vec<_>>().join("|")
    );
    for r in rows {
        let _ = writeln!(out, "| {} |", r.join(" | "));
    }
    out.push('\n');
}

/// Per person: time and turns, in order of first speech.
fn by_person<'a>(
    speeches: impl Iterator<Item = &'a SpeechRecord>,
) -> Vec<(String, String, i64, u32)> {
    by_person_kind(speeches)
        .into_iter()
        .map(|(name, aff, _, secs, turns)| (name, aff, secs, turns))
        .collect()
}

/// Per person and kind of speaker: time and turns, in order of first
/// speech.
fn by_person_kind<'a>(
    speeches: impl Iterator<Item = &'a SpeechRecord>,
) -> Vec<(String, String, SpeakerKind, i64, u32)> {
    let mut out: Vec<(String, String, SpeakerKind, i64, u32)> = Vec::new();
    for s in speeches {
        match out
            .iter_mut()
            .find(|p| p.0 == s.speaker && p.1 == s.affiliation && p.2 == s.speaker_kind)
        {
            // Time counts every speech; turns leave interruptions out, as
            // in the factions' totals.
            Some(p) => {
                p.3 += s.seconds;
                p.4 += u32::from(s.kind != SpeechKind::Interruption);
            }
            None => out.push((
                s.speaker.clone(),
                s.affiliation.clone(),
                s.speaker_kind,
                s.seconds,
                u32::from(s.kind != SpeechKind::Interruption),
            )),
        }
    }
    out
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
            format!("{}, {}", lang.text(what), inline(affiliation))
        }
    };
    match kind {
        SpeakerKind::Chair => with("ui.kind.chair"),
        SpeakerKind::Official => with("ui.kind.official"),
        SpeakerKind::Representative => format!(
            "{} ({})",
            inline(affiliation),
            lang.text("ui.kind.representative")
        ),
        _ => inline(affiliation),
    }
}

/// The record as Markdown: its sections in the order Hengelo publishes.
pub fn render(r: &SessionRecord, lang: Lang) -> String {
    let mut out = String::new();
    header(&mut out, r, lang);
    agenda(&mut out, r, lang);
    faction_speakers(&mut out, r, lang);
    interruptions(&mut out, r, lang);
    public_speakers(&mut out, r, lang);
    other_speakers(&mut out, r, lang);
    advice(&mut out, r, lang);
    positions(&mut out, r, lang);
    commitments(&mut out, r, lang);
    motions(&mut out, r, lang);
    action_points(&mut out, r, lang);
    conclusion(&mut out, r, lang);
    if !r.notes_withheld {
        notes(&mut out, r, lang);
    }
    speeches(&mut out, r, lang);
    clock_steps(&mut out, r, lang);
    footer(&mut out, r, lang);
    out
}

/// A section's heading.
fn heading(out: &mut String, lang: Lang, key: &'static str) {
    let _ = writeln!(out, "## {}\n", lang.text(key));
}

/// The line a section has when it holds nothing.
fn none(out: &mut String, lang: Lang) {
    let _ = writeln!(out, "{}\n", lang.text("rec.none"));
}

/// The title and the facts of the session, as a table of field and value;
/// a fact without a value is left out.
fn header(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    let _ = writeln!(out, "# {}\n", inline(&r.title));
    let mut facts: Vec<Vec<String>> = Vec::new();
    let mut fact = |k: &'static str, v: String| {
        if !v.is_empty() {
            facts.push(vec![t(k).to_owned(), v]);
        }
    };
    fact("rec.case_number", inline(&r.case_number));
    fact("rec.body", inline(&r.body));
    fact("rec.date", inline(&r.date));
    fact("rec.room", inline(&r.room));
    fact("rec.domain", inline(&r.domain));
    fact("rec.chairs", inline(&r.chairs.join(", ")));
    fact("rec.clerk", inline(&r.clerk));
    fact("rec.portfolio_holder", inline(&r.portfolio_holder));
    fact(
        "rec.opened_closed",
        match (r.opened_at, r.closed_at) {
            (Some(o), Some(c)) => format!("{} – {}", time(o), time(c)),
            (Some(o), None) => format!("{} – {}", time(o), t("rec.running")),
            _ => t("rec.not_opened").to_owned(),
        },
    );
    if r.recess_seconds > 0 {
        let planned: Vec<String> = r
            .planned_recesses
            .iter()
            .map(|p| {
                lang.fill(
                    "rec.recess_planned",
                    &[
                        ("at", &time(p.start)),
                        ("planned", &p.planned_minutes),
                        ("took", &duration(p.seconds)),
                    ],
                )
            })
            .collect();
        if planned.is_empty() {
            fact("rec.recess", duration(r.recess_seconds));
        } else {
            fact(
                "rec.recess",
                format!("{} ({})", duration(r.recess_seconds), planned.join("; ")),
            );
        }
    }
    fact("rec.college_present", inline(&r.college_present.join(", ")));
    fact(
        "rec.factions_present",
        inline(&r.factions_present.join(", ")),
    );
    table(out, &[t("rec.field"), t("rec.value")], &facts);
}

/// The agenda: planned and used time per item, and the overrun.
fn agenda(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    heading(out, lang, "rec.agenda");
    let rows: Vec<Vec<String>> = r
        .agenda
        .iter()
        .map(|i| {
            vec![
                i.number.to_string(),
                inline(&i.title),
                format!("{} min", i.planned_minutes),
                i.start.map(time).unwrap_or_default(),
                match (i.start, i.end) {
                    (Some(_), Some(e)) => time(e),
                    (Some(_), None) => t("rec.running").to_owned(),
                    _ => String::new(),
                },
                if i.start.is_some() {
                    duration(i.seconds)
                } else {
                    String::new()
                },
                if i.overrun_seconds > 0 {
                    format!("+{}", duration(i.overrun_seconds))
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    table(
        out,
        &[
            "#",
            t("rec.item"),
            t("rec.planned"),
            t("rec.start"),
            t("rec.end"),
            t("rec.duration"),
            t("rec.overrun"),
        ],
        &rows,
    );
}

/// Speakers per faction, in the factions' order: time and turns each.
fn faction_speakers(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    heading(out, lang, "rec.speakers_per_faction");
    let mut rows = Vec::new();
    for f in &r.factions {
        let people = by_person_kind(r.speeches.iter().filter(|s| {
            matches!(
                s.speaker_kind,
                SpeakerKind::Faction | SpeakerKind::Representative
            ) && s.affiliation == f.code
        }));
        for (name, _, kind, secs, turns) in people {
            let name = if kind == SpeakerKind::Representative {
                format!("{} ({})", inline(&name), t("ui.kind.representative"))
            } else if name == f.code {
                t("rec.unnamed").to_owned()
            } else {
                inline(&name)
            };
            rows.push(vec![
                inline(&f.name),
                name,
                duration(secs),
                turns.to_string(),
            ]);
        }
    }
    if rows.is_empty() {
        none(out, lang);
    } else {
        table(
            out,
            &[
                t("rec.faction"),
                t("rec.speaker"),
                t("rec.time"),
                t("rec.turns"),
            ],
            &rows,
        );
    }
}

/// Interruptions per faction and per person: how often and how long,
/// with each faction's total; no section when there were none.
fn interruptions(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    if r.interruptions.is_empty() {
        return;
    }
    heading(out, lang, "rec.interruptions");
    let mut rows = Vec::new();
    let mut i = 0;
    while i < r.interruptions.len() {
        let code = &r.interruptions[i].faction;
        let group: Vec<_> = r.interruptions[i..]
            .iter()
            .take_while(|x| &x.faction == code)
            .collect();
        i += group.len();
        let faction = if code.is_empty() {
            t("rec.no_faction").to_owned()
        } else {
            r.factions
                .iter()
                .find(|f| &f.code == code)
                .map_or_else(|| inline(code), |f| inline(&f.name))
        };
        for x in &group {
            let name = match x.speaker_kind {
                SpeakerKind::Representative => {
                    format!("{} ({})", inline(&x.speaker), t("ui.kind.representative"))
                }
                SpeakerKind::Faction if x.speaker == *code => t("rec.unnamed").to_owned(),
                _ => inline(&x.speaker),
            };
            rows.push(vec![
                faction.clone(),
                name,
                x.count.to_string(),
                duration(x.seconds),
            ]);
        }
        if group.len() > 1 {
            rows.push(vec![
                faction.clone(),
                format!("*{}*", t("rec.total")),
                group.iter().map(|x| x.count).sum::<u32>().to_string(),
                duration(group.iter().map(|x| x.seconds).sum()),
            ]);
        }
    }
    table(
        out,
        &[
            t("rec.faction"),
            t("rec.speaker"),
            t("rec.count"),
            t("rec.duration"),
        ],
        &rows,
    );
}

/// The insprekers; the section is there when there were none too.
fn public_speakers(out: &mut String, r: &SessionRecord, lang: Lang) {
    heading(out, lang, "rec.public");
    let people = people_of(r, &[SpeakerKind::Public]);
    if people.is_empty() {
        none(out, lang);
    } else {
        let people = people
            .into_iter()
            .map(|(name, aff, secs, turns)| (name, inline(&aff), secs, turns))
            .collect();
        people_table(out, people, lang);
    }
}

/// College members, presenters and the chair who spoke; no section when
/// none did.
fn other_speakers(out: &mut String, r: &SessionRecord, lang: Lang) {
    let kinds = [
        SpeakerKind::College,
        SpeakerKind::Official,
        SpeakerKind::Presenter,
        SpeakerKind::Chair,
    ];
    let people: Vec<_> = by_person_kind(
        r.speeches
            .iter()
            .filter(|s| kinds.contains(&s.speaker_kind)),
    )
    .into_iter()
    .map(|(name, aff, kind, secs, turns)| (name, role(kind, &aff, lang), secs, turns))
    .collect();
    if people.is_empty() {
        return;
    }
    heading(out, lang, "rec.others");
    people_table(out, people, lang);
}

/// The people of these kinds who spoke, with time and turns.
fn people_of(r: &SessionRecord, kinds: &[SpeakerKind]) -> Vec<(String, String, i64, u32)> {
    by_person(
        r.speeches
            .iter()
            .filter(|s| kinds.contains(&s.speaker_kind)),
    )
}

/// Name, organisation or role (already Markdown), time and turns of
/// each person.
fn people_table(out: &mut String, people: Vec<(String, String, i64, u32)>, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    let rows: Vec<Vec<String>> = people
        .into_iter()
        .map(|(name, aff, secs, turns)| vec![inline(&name), aff, duration(secs), turns.to_string()])
        .collect();
    table(
        out,
        &[
            t("rec.name"),
            t("rec.organisation_or_role"),
            t("rec.time"),
            t("rec.turns"),
        ],
        &rows,
    );
}

/// The committee's advice and who asked for it.
fn advice(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    heading(out, lang, "rec.advice");
    match r.advice {
        Some(a) => {
            let _ = writeln!(out, "**{}**\n", advice_text(a, lang));
            if !r.advice_requested_by.is_empty() {
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    t("rec.requested_by"),
                    inline(&r.advice_requested_by.join(", "))
                );
            }
        }
        None => {
            let _ = writeln!(out, "{}\n", t("rec.no_advice"));
        }
    }
}

/// Every faction's position, open ones too.
fn positions(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    heading(out, lang, "rec.positions");
    let rows: Vec<Vec<String>> = r
        .positions
        .iter()
        .map(|p| {
            vec![
                inline(&p.faction_name),
                stance_text(p.stance, lang).to_owned(),
                inline(&p.note),
            ]
        })
        .collect();
    table(
        out,
        &[t("rec.faction"), t("rec.stance"), t("rec.note")],
        &rows,
    );
}

/// The toezeggingen: what, by whom, when due, when made.
fn commitments(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    heading(out, lang, "rec.commitments");
    if r.commitments.is_empty() {
        none(out, lang);
        return;
    }
    let rows: Vec<Vec<String>> = r
        .commitments
        .iter()
        .map(|c| {
            vec![
                inline(&c.what),
                inline(&c.by),
                inline(&c.due),
                time(c.made_at),
            ]
        })
        .collect();
    table(
        out,
        &[t("rec.what"), t("rec.by"), t("rec.due"), t("rec.at")],
        &rows,
    );
}

/// Motions and amendments announced.
fn motions(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    heading(out, lang, "rec.motions");
    if r.motions.is_empty() {
        none(out, lang);
        return;
    }
    let rows: Vec<Vec<String>> = r
        .motions
        .iter()
        .map(|m| {
            vec![
                motion_kind_text(m.kind, lang).to_owned(),
                inline(&m.title),
                inline(&m.factions.join(", ")),
                time(m.announced_at),
            ]
        })
        .collect();
    table(
        out,
        &[
            t("rec.kind"),
            t("rec.title"),
            t("rec.factions"),
            t("rec.at"),
        ],
        &rows,
    );
}

/// Action points as a list, each with its owner when it has one.
fn action_points(out: &mut String, r: &SessionRecord, lang: Lang) {
    heading(out, lang, "rec.action_points");
    if r.action_points.is_empty() {
        none(out, lang);
        return;
    }
    for a in &r.action_points {
        if a.owner.is_empty() {
            let _ = writeln!(out, "- {}", paragraph(&a.text));
        } else {
            let _ = writeln!(out, "- {} ({})", paragraph(&a.text), inline(&a.owner));
        }
    }
    out.push('\n');
}

/// The conclusion, paragraph by paragraph.
fn conclusion(out: &mut String, r: &SessionRecord, lang: Lang) {
    heading(out, lang, "rec.conclusion");
    if r.conclusion.trim().is_empty() {
        none(out, lang);
        return;
    }
    for para in r.conclusion.split("\n\n") {
        let _ = writeln!(out, "{}\n", paragraph(para));
    }
}

/// Notes as a list, each stamped with its time, item and speaker.
fn notes(out: &mut String, r: &SessionRecord, lang: Lang) {
    heading(out, lang, "rec.notes");
    if r.notes.is_empty() {
        none(out, lang);
        return;
    }
    for n in &r.notes {
        let mut stamp = vec![time(n.at)];
        if let Some(i) = &n.item {
            stamp.push(inline(i));
        }
        if let Some(s) = &n.speaker {
            stamp.push(inline(s));
        }
        let _ = writeln!(
            out,
            "- {}: {}",
            stamp.join(" · "),
            inline(&n.text).replace("<br>", " ")
        );
    }
    out.push('\n');
}

/// Every speech, in order.
fn speeches(out: &mut String, r: &SessionRecord, lang: Lang) {
    let t = |k: &'static str| lang.text(k);
    heading(out, lang, "rec.speeches");
    if r.speeches.is_empty() {
        none(out, lang);
        return;
    }
    let rows: Vec<Vec<String>> = r
        .speeches
        .iter()
        .map(|s| {
            vec![
                time(s.start),
                opt_time(s.end, lang),
                duration(s.seconds),
                inline(&s.speaker),
                role(s.speaker_kind, &s.affiliation, lang),
                speech_kind_text(s.kind, lang).to_owned(),
                inline(s.item.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    table(
        out,
        &[
            t("rec.start"),
            t("rec.end"),
            t("rec.duration"),
            t("rec.speaker"),
            t("rec.organisation_or_role"),
            t("rec.kind"),
            t("rec.item"),
        ],
        &rows,
    );
}

/// Steps of the system clock: rare, and only said when they happened.
fn clock_steps(out: &mut String, r: &SessionRecord, lang: Lang) {
    if r.clock_steps.is_empty() {
        return;
    }
    heading(out, lang, "rec.clock");
    for c in &r.clock_steps {
        let _ = writeln!(
            out,
            "- {}",
            lang.fill(
                "rec.clock_step",
                &[
                    ("at", &time(c.at)),
                    ("wall", &c.wall.format("%H:%M:%S")),
                    ("drift", &crate::clock::drift_text(c.drift_ms)),
                ]
            )
        );
    }
    out.push('\n');
}

/// The last line: when the record was made. `is_hamer_record` knows a
/// record by it.
fn footer(out: &mut String, r: &SessionRecord, lang: Lang) {
    let _ = writeln!(
        out,
        "_{}_",
        lang.fill(
            "rec.footer",
            &[("time", &r.exported_at.format("%Y-%m-%d %H:%M:%S"))]
        )
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_escape_pipes_and_newlines() {
        assert_eq!(inline("a|b\nc"), "a\\|b<br>c");
        assert_eq!(inline("*x* [y](z) <b>"), "\\*x\\* \\[y\\](z) \\<b\\>");
    }

    #[test]
    fn paragraphs_do_not_become_lists_or_headings() {
        assert_eq!(paragraph("- a\n1. b\n# c"), "\\- a  \n1\\. b  \n\\# c");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(0), "0:00");
        assert_eq!(duration(75), "1:15");
        assert_eq!(duration(3725), "1:02:05");
    }
}
