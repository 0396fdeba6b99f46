//! `hamer import`: a behandelvoorstel, as the council's system exports it,
//! to a session file. The export is label/value cells separated by tabs,
//! with HTML fragments in values, Dutch dates and checkboxes as HTML inputs.
//! What cannot be found becomes a warning naming its label; nothing panics,
//! whatever the text.

use chrono::NaiveDate;

use crate::sanitize::{Lines, clean};
use crate::session::{Goal, Item, ItemKind, NextStep, PublicSpeaking, Session};

/// Something the importer could not use, with the label it was looking for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A field of the document was not found.
    Missing { label: &'static str },
    /// A label the importer does not know, at a line.
    UnknownLabel { line: usize, label: String },
    /// A value that could not be read (a date, a duration).
    Unreadable { label: &'static str, value: String },
    /// The text was not valid UTF-8; unreadable bytes were replaced.
    NotUtf8,
    /// The text was not UTF-8 but another encoding (UTF-16 with its byte
    /// order mark, or else Windows-1252), and was read as that.
    Decoded { encoding: &'static str },
}

/// The result of reading a behandelvoorstel.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub session: Session,
    pub warnings: Vec<Warning>,
}

/// Which block of the document a line belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Head,
    Market,
    Raad,
}

#[derive(Default)]
struct Found {
    subject: Option<String>,
    case_number: Option<String>,
    portfolio_holder: Option<String>,
    decision_points: Option<Vec<String>>,
    history: Option<String>,
    date: Option<String>,
    chair: Option<String>,
    clerk: Option<String>,
    room: Option<String>,
    domain: Option<String>,
    duration: Option<String>,
    goal: Option<String>,
    advice: Option<String>,
    public: Option<Vec<String>>,
    raad_date: Option<String>,
    raad_goal: Option<String>,
    raad_advice: Option<String>,
}

fn norm(label: &str) -> String {
    label
        .trim()
        .trim_end_matches(':')
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text of an HTML fragment: tags removed, entities decoded, paragraphs and
/// line breaks kept as line breaks. Entities are decoded as a browser
/// shows them (`htmlize`): every named one (`&euml;`, `&rsquo;`,
/// `&hellip;`, …, and the old ones written without `;`, such as `&amp`),
/// and every numeric one (`&#235;`, `&#xEB;`). Each run of text between
/// tags is decoded on its own, so an encoded `&lt;b&gt;` stays text; an `&`
/// that starts no entity stays as it is.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            push_decoded(&mut out, after);
            rest = "";
            break;
        };
        let tag = after[1..gt].trim().to_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match name.as_str() {
            "br" => out.push('\n'),
            "p" | "div" | "ol" | "ul" if tag.starts_with('/') => out.push_str("\n\n"),
            "li" if !tag.starts_with('/') => out.push_str(LIST_ITEM),
            _ => {}
        }
        rest = &after[gt + 1..];
    }
    push_decoded(&mut out, rest);
    let decoded = out;
    // Collapse blanks within lines; at most one empty line between paragraphs.
    let mut text = String::new();
    let mut blank = 0;
    for line in decoded.split('\n') {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(&line);
    }
    text
}

/// Where a `<li>` item starts in the text of [`html_text`].
const LIST_ITEM: &str = "\n\u{1}";

/// Text with its entities decoded. The character that marks a list item
/// cannot come from the text (`&#1;`): it is dropped there.
fn push_decoded(out: &mut String, text: &str) {
    let decoded = htmlize::unescape(text);
    if decoded.contains('\u{1}') {
        out.extend(decoded.chars().filter(|c| *c != '\u{1}'));
    } else {
        out.push_str(&decoded);
    }
}

/// The decision points: `<li>` items, or an inline list numbered 1. 2. 3.
pub fn decision_points(html: &str) -> Vec<String> {
    let text = html_text(html);
    if text.contains('\u{1}') {
        return text
            .split('\u{1}')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
    }
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Find "1. ", then "2. " after it, and so on; text before "1." is dropped
    // only when it is empty.
    let mut starts = Vec::new();
    let mut from = 0;
    for n in 1.. {
        let marker = format!("{n}. ");
        let found = flat[from..].match_indices(&marker).find(|(i, _)| {
            let at = from + i;
            at == 0 || flat[..at].ends_with(' ')
        });
        match found {
            Some((i, _)) => {
                starts.push((from + i, marker.len()));
                from += i + marker.len();
            }
            None => break,
        }
    }
    if starts.len() < 2 {
        return if flat.is_empty() {
            Vec::new()
        } else {
            vec![flat]
        };
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, (at, len))| {
            let end = starts.get(k + 1).map_or(flat.len(), |s| s.0);
            flat[at + len..end].trim().to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

const MONTHS: [(&str, u32); 23] = [
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("april", 4),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mrt", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("nov", 11),
];

/// A Dutch date: `Woensdag 8 maart 2023`, `8 maart 2023`, `8-3-2023`,
/// `08/03/2023` or `2023-03-08`.
pub fn dutch_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().to_lowercase();
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return Some(d);
    }
    let numeric: Vec<&str> = s.split(['-', '/', '.']).map(str::trim).collect();
    if numeric.len() == 3
        && numeric
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let (d, m, y) = (
            numeric[0].parse().ok()?,
            numeric[1].parse().ok()?,
            numeric[2].parse().ok()?,
        );
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for w in words.windows(3) {
        let Ok(day) = w[0].parse::<u32>() else {
            continue;
        };
        let month = MONTHS
            .iter()
            .find(|(name, _)| *name == w[1].trim_end_matches('.'))
            .map(|(_, m)| *m);
        if let (Some(month), Ok(year)) = (month, w[2].parse::<i32>()) {
            return NaiveDate::from_ymd_opt(year, month, day);
        }
    }
    None
}

/// Minutes from `60 min`, `90 minuten`, `1 uur`, `1,5 uur`, `1 uur 30 min`.
pub fn duration_min(s: &str) -> Option<u32> {
    let s = s.trim().to_lowercase().replace(',', ".");
    let mut total = 0f64;
    let mut number: Option<f64> = None;
    let mut any = false;
    for token in s
        .split(|c: char| c.is_whitespace())
        .flat_map(split_number_unit)
    {
        if let Ok(n) = token.parse::<f64>() {
            number = Some(n);
            continue;
        }
        let unit = match token.trim_end_matches('.') {
            "min" | "minuten" | "minuut" | "m" => 1.0,
            "uur" | "u" | "h" | "uren" => 60.0,
            _ => continue,
        };
        if let Some(n) = number.take() {
            total += n * unit;
            any = true;
        }
    }
    if !any {
        // A bare number is minutes.
        total = number?;
    }
    let minutes = total.round();
    (minutes > 0.0 && minutes < 100_000.0).then_some(minutes as u32)
}

/// "60min" -> "60", "min".
fn split_number_unit(token: &str) -> Vec<&str> {
    let digits = token
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if digits == 0 || digits == token.len() {
        vec![token]
    } else {
        vec![&token[..digits], &token[digits..]]
    }
}

fn goal_of(s: &str) -> Option<Goal> {
    let s = s.to_lowercase();
    if s.contains("oordeelsvormend") {
        Some(Goal::Oordeelsvormend)
    } else if s.contains("beeldvormend") {
        Some(Goal::Beeldvormend)
    } else if s.contains("informerend") {
        Some(Goal::Informerend)
    } else {
        None
    }
}

/// Spreekrecht publiek from its cells: which box is checked, and the
/// limit in "duur: maximaal 5 minuten". `None` when it is "nee".
fn public_speaking(cells: &[String]) -> Option<PublicSpeaking> {
    let joined = cells.join(" ").to_lowercase();
    let checked_yes = cells.iter().any(|c| {
        let c = c.to_lowercase();
        c.trim_start().starts_with("ja") && c.contains("checked")
    });
    let checked_no = cells.iter().any(|c| {
        let c = c.to_lowercase();
        c.trim_start().starts_with("nee") && c.contains("checked")
    });
    let plain = html_text(&joined);
    let yes = checked_yes
        || (!checked_no && !joined.contains("<input") && plain.trim_start().starts_with("ja"));
    if !yes {
        return None;
    }
    let limit = joined
        .find("maximaal")
        .and_then(|i| duration_min(&html_text(&joined[i + "maximaal".len()..])))
        .unwrap_or(5);
    Some(PublicSpeaking { limit_min: limit })
}

/// A default agenda from the goal, the advice and the public speaking
/// right, fitting the duration.
pub fn default_agenda(goal: Goal, advice: &str, public: bool, duration: u32) -> Vec<Item> {
    let item = |title: &str, kind, planned_min, speaker_limit_min| Item {
        title: title.to_owned(),
        kind,
        planned_min,
        speaker_limit_min,
    };
    let mut agenda = vec![item("Opening", ItemKind::Opening, 2, None)];
    let advice = advice.to_lowercase();
    if advice.contains("presentatie") {
        let title = if advice.contains("rekenkamer") {
            "Presentatie Rekenkamer"
        } else {
            "Presentatie"
        };
        agenda.push(item(title, ItemKind::Presentation, 10, None));
    }
    if public {
        agenda.push(item("Insprekers", ItemKind::PublicSpeaking, 10, None));
    }
    let main = agenda.len();
    match goal {
        Goal::Oordeelsvormend => {
            agenda.push(item("Eerste termijn fracties", ItemKind::Round, 0, Some(3)));
            agenda.push(item(
                "Reactie portefeuillehouder",
                ItemKind::Response,
                10,
                None,
            ));
            agenda.push(item("Tweede termijn", ItemKind::Round, 5, Some(1)));
        }
        Goal::Beeldvormend | Goal::Informerend => {
            agenda.push(item("Vragenronde", ItemKind::Round, 0, None));
            agenda.push(item("Beantwoording", ItemKind::Response, 10, None));
        }
    }
    agenda.push(item("Conclusie voorzitter", ItemKind::Conclusion, 3, None));
    // The main round takes what is left; when that is too little, the
    // fixed items shrink in turn, never below a minute.
    let fixed: u32 = agenda.iter().map(|i| i.planned_min).sum();
    agenda[main].planned_min = duration.saturating_sub(fixed).max(5);
    let mut total: u32 = agenda.iter().map(|i| i.planned_min).sum();
    while total > duration {
        let Some(biggest) = agenda
            .iter_mut()
            .filter(|i| i.planned_min > 1)
            .max_by_key(|i| i.planned_min)
        else {
            break;
        };
        biggest.planned_min -= 1;
        total -= 1;
    }
    agenda
}

/// The text of an export: UTF-8 (with or without a byte order mark) as
/// it is; UTF-16 with a byte order mark (what Windows calls "Unicode"
/// text); anything else as Windows-1252, the other encoding Windows
/// programs save text in. Every byte sequence decodes to some text; a
/// notice says when it was not UTF-8.
pub fn decode(bytes: &[u8], warnings: &mut Vec<Warning>) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if encoding != encoding_rs::UTF_8 {
            warnings.push(Warning::Decoded {
                encoding: encoding.name(),
            });
        }
        if had_errors {
            warnings.push(Warning::NotUtf8);
        }
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            warnings.push(Warning::Decoded {
                encoding: encoding_rs::WINDOWS_1252.name(),
            });
            text.into_owned()
        }
    }
}

/// Read a behandelvoorstel.
pub fn import(bytes: &[u8]) -> Imported {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let mut f = Found::default();
    let mut block = Block::Head;
    let mut columns: Option<Vec<String>> = None;
    for (n, raw) in text.split('\n').enumerate() {
        let line = n + 1;
        let cells: Vec<String> = raw
            .trim_end_matches('\r')
            .split('\t')
            .map(|c| c.trim().to_owned())
            .collect();
        let mut cells = cells;
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        // A table row under a header row of the market block.
        if let Some(cols) = columns.take() {
            for (label, value) in cols.iter().zip(&cells) {
                let v = Some(html_text(value));
                match norm(label).as_str() {
                    "voorzitter" => f.chair = v,
                    "griffiemedewerker" | "griffier" => f.clerk = v,
                    "zaal" => f.room = v,
                    "domein" => f.domain = v,
                    "duur" => f.duration = v,
                    _ => {}
                }
            }
            continue;
        }
        let first = norm(&cells[0]);
        match first.as_str() {
            "politieke markt" => {
                block = Block::Market;
                f.date = cells.get(1).map(|d| html_text(d));
                continue;
            }
            "raad" | "gemeenteraad" => {
                block = Block::Raad;
                f.raad_date = cells.get(1).map(|d| html_text(d));
                continue;
            }
            "voorzitter" if block == Block::Market => {
                columns = Some(cells.clone());
                continue;
            }
            "behandelvorschlag" | "behandelvoorstel" | "behandeladvies politieke markt"
                if cells.len() == 1 =>
            {
                continue;
            }
            "spreekrecht publiek" => {
                let rest = cells[1..].to_vec();
                match block {
                    Block::Raad => {}
                    _ => f.public = Some(rest),
                }
                continue;
            }
            _ => {}
        }
        // Label/value pairs along the line.
        let mut i = 0;
        while i < cells.len() {
            let label = norm(&cells[i]);
            let value = cells.get(i + 1).cloned().unwrap_or_default();
            let known = match (label.as_str(), block) {
                ("onderwerp", _) => {
                    f.subject = Some(html_text(&value));
                    true
                }
                ("zaaknummer", _) => {
                    f.case_number = Some(html_text(&value));
                    true
                }
                ("portefeuillehouder", _) => {
                    f.portfolio_holder = Some(html_text(&value));
                    true
                }
                (l, _) if l.starts_with("belangrijkste beslis") => {
                    f.decision_points = Some(decision_points(&value));
                    true
                }
                ("historie", _) => {
                    f.history = Some(html_text(&value));
                    true
                }
                ("doel van de sessie" | "doel", Block::Raad) => {
                    f.raad_goal = Some(html_text(&value));
                    true
                }
                ("doel van de sessie" | "doel", _) => {
                    f.goal = Some(html_text(&value));
                    true
                }
                ("behandeladvies", Block::Raad) => {
                    f.raad_advice = Some(html_text(&value));
                    true
                }
                ("behandeladvies", _) => {
                    f.advice = Some(html_text(&value));
                    true
                }
                _ => false,
            };
            if !known && !label.is_empty() {
                warnings.push(Warning::UnknownLabel {
                    line,
                    label: clean(&cells[i], Lines::Single).text.into_owned(),
                });
            }
            i += 2;
        }
    }
    build(f, warnings)
}

fn build(f: Found, mut warnings: Vec<Warning>) -> Imported {
    let mut need = |v: Option<String>, label: &'static str| -> String {
        match v {
            Some(s) if !s.is_empty() => s,
            _ => {
                warnings.push(Warning::Missing { label });
                String::new()
            }
        }
    };
    let title = need(f.subject, "Onderwerp");
    let case_number = need(f.case_number, "Zaaknummer");
    let portfolio_holder = need(f.portfolio_holder, "Portefeuillehouder");
    let history = need(f.history, "Historie");
    let handling_advice = need(f.advice, "Behandeladvies");
    let room = need(f.room, "Zaal");
    let domain = need(f.domain, "Domein");
    let clerk = need(f.clerk, "Griffiemedewerker");
    let chair = need(f.chair, "Voorzitter");
    let date_text = need(f.date, "Politieke Markt");
    let duration_text = need(f.duration, "Duur");
    let goal_text = need(f.goal, "Doel van de sessie");
    let decision_points = f.decision_points.unwrap_or_else(|| {
        warnings.push(Warning::Missing {
            label: "Belangrijkste beslis/-bespreekpunten",
        });
        Vec::new()
    });
    let date = dutch_date(&date_text);
    if date.is_none() && !date_text.is_empty() {
        warnings.push(Warning::Unreadable {
            label: "Politieke Markt",
            value: date_text.clone(),
        });
    }
    let duration = duration_min(&duration_text).unwrap_or_else(|| {
        if !duration_text.is_empty() {
            warnings.push(Warning::Unreadable {
                label: "Duur",
                value: duration_text.clone(),
            });
        }
        60
    });
    let goal = goal_of(&goal_text).unwrap_or_else(|| {
        if !goal_text.is_empty() {
            warnings.push(Warning::Unreadable {
                label: "Doel van de sessie",
                value: goal_text.clone(),
            });
        }
        Goal::Oordeelsvormend
    });
    let public = match f.public {
        Some(cells) => public_speaking(&cells),
        None => {
            warnings.push(Warning::Missing {
                label: "Spreekrecht publiek",
            });
            None
        }
    };
    let next_step = match f.raad_date {
        Some(d) => {
            let date = dutch_date(&d);
            if date.is_none() {
                warnings.push(Warning::Unreadable {
                    label: "Raad",
                    value: d.clone(),
                });
            }
            Some(NextStep {
                body: "Raad".to_owned(),
                date: date.map_or(d, |d| d.format("%Y-%m-%d").to_string()),
                goal: f.raad_goal.unwrap_or_default(),
                advice: f.raad_advice.unwrap_or_default(),
            })
        }
        None => None,
    };
    let agenda = default_agenda(goal, &handling_advice, public.is_some(), duration);
    let session = Session {
        title,
        case_number,
        portfolio_holder,
        body: "Politieke Markt".to_owned(),
        date: date.map_or(date_text, |d| d.format("%Y-%m-%d").to_string()),
        start: None,
        duration_min: duration,
        room,
        domain,
        goal,
        chairs: if chair.is_empty() {
            Vec::new()
        } else {
            vec![chair]
        },
        clerk,
        decision_points,
        history,
        handling_advice,
        public_speaking: public,
        public_speakers: Vec::new(),
        council: None,
        factions: None,
        college: None,
        next_step,
        faction_budget: None,
        timer_warnings: None,
        interruption_limit_sec: None,
        agenda,
    };
    Imported { session, warnings }
}

/// The file name `hamer import` writes by default: the session's date, if
/// it is a real date, and a slug of its title. Nothing else of the document
/// reaches the name.
pub fn default_file_name(session: &Session) -> String {
    let date = NaiveDate::parse_from_str(&session.date, "%Y-%m-%d")
        .ok()
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
        .map(|d| d.format("%Y-%m-%d").to_string());
    let title = crate::slug::file_name(&session.title);
    let parts: Vec<String> = [date, Some(title).filter(|t| !t.is_empty())]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "sessie.ron".to_owned()
    } else {
        format!("{}.ron", parts.join("-"))
    }
}

fn ron_str(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The session as a RON file a clerk can read and edit: one field a line,
/// comments where a choice was made.
pub fn to_ron(s: &Session, source: &str) -> String {
    let mut o = String::new();
    let mut line = |t: String| {
        o.push_str(&t);
        o.push('\n');
    };
    line(format!(
        "// Session file made by `hamer import` from {source}."
    ));
    line("// Check it with `hamer check`; the agenda is a proposal: adjust it.".to_owned());
    line("Session(".to_owned());
    line(format!("    title: {},", ron_str(&s.title)));
    line(format!("    case_number: {},", ron_str(&s.case_number)));
    line(format!(
        "    portfolio_holder: {},",
        ron_str(&s.portfolio_holder)
    ));
    line(format!("    body: {},", ron_str(&s.body)));
    line(format!("    date: {},", ron_str(&s.date)));
    line("    start: None, // the planned slot start, e.g. Some(\"19:30\")".to_owned());
    line(format!("    duration_min: {},", s.duration_min));
    line(format!("    room: {},", ron_str(&s.room)));
    line(format!("    domain: {},", ron_str(&s.domain)));
    line(format!("    goal: {:?},", s.goal));
    line(format!(
        "    chairs: [{}],",
        s.chairs
            .iter()
            .map(|c| ron_str(c))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    line(format!("    clerk: {},", ron_str(&s.clerk)));
    line("    decision_points: [".to_owned());
    for p in &s.decision_points {
        line(format!("        {},", ron_str(p)));
    }
    line("    ],".to_owned());
    line(format!("    history: {},", ron_str(&s.history)));
    line(format!(
        "    handling_advice: {},",
        ron_str(&s.handling_advice)
    ));
    match &s.public_speaking {
        Some(p) => line(format!(
            "    public_speaking: Some(PublicSpeaking(limit_min: {})),",
            p.limit_min
        )),
        None => line("    public_speaking: None, // no spreekrecht for the public".to_owned()),
    }
    line("    public_speakers: [], // registered insprekers: PublicSpeaker(name: \"...\", organisation: Some(\"...\"))".to_owned());
    match &s.council {
        Some(c) => line(format!("    council: Some({}),", ron_str(c))),
        None => line(
            "    council: None, // name the council file, e.g. Some(\"hengelo-2022-2026.ron\")"
                .to_owned(),
        ),
    }
    match &s.next_step {
        Some(n) => {
            line("    next_step: Some(NextStep(".to_owned());
            line(format!("        body: {},", ron_str(&n.body)));
            line(format!("        date: {},", ron_str(&n.date)));
            line(format!("        goal: {},", ron_str(&n.goal)));
            line(format!("        advice: {},", ron_str(&n.advice)));
            line("    )),".to_owned());
        }
        None => line("    next_step: None,".to_owned()),
    }
    line("    agenda: [".to_owned());
    for i in &s.agenda {
        let limit = match i.speaker_limit_min {
            Some(m) => format!(", speaker_limit_min: Some({m})"),
            None => String::new(),
        };
        line(format!(
            "        Item(title: {}, kind: {:?}, planned_min: {}{limit}),",
            ron_str(&i.title),
            i.kind,
            i.planned_min
        ));
    }
    line("    ],".to_owned());
    line(")".to_owned());
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_come_from_a_parsed_date() {
        let mut s = import(b"").session;
        s.title = "Omgevingsvisie".into();
        s.date = "2023-05-10".into();
        assert_eq!(default_file_name(&s), "2023-05-10-omgevingsvisie.ron");
        s.date = "../../x".into();
        assert_eq!(default_file_name(&s), "omgevingsvisie.ron");
        s.title = "/".into();
        assert_eq!(default_file_name(&s), "sessie.ron");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 8);
        assert_eq!(dutch_date("Woensdag 8 maart 2023"), d);
        assert_eq!(dutch_date("8 maart 2023"), d);
        assert_eq!(dutch_date("8-3-2023"), d);
        assert_eq!(dutch_date("08/03/2023"), d);
        assert_eq!(dutch_date("2023-03-08"), d);
        assert_eq!(dutch_date("wo 8 mrt. 2023"), d);
        assert_eq!(dutch_date("30 februari 2023"), None);
        assert_eq!(dutch_date("morgen"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(duration_min("60 min"), Some(60));
        assert_eq!(duration_min("1 uur"), Some(60));
        assert_eq!(duration_min("90 minuten"), Some(90));
        assert_eq!(duration_min("1,5 uur"), Some(90));
        assert_eq!(duration_min("1 uur 30 min"), Some(90));
        assert_eq!(duration_min("45"), Some(45));
        assert_eq!(duration_min("60min"), Some(60));
        assert_eq!(duration_min("lang"), None);
    }

    #[test]
    fn html_and_entities() {
        assert_eq!(
            html_text("<p>Een &amp; twee</p> <p>drie&nbsp;vier<br>vijf &#8211; &#x41;</p>"),
            "Een & twee\n\ndrie vier\nvijf – A"
        );
        assert_eq!(html_text("a < b & c"), "a < b & c");
    }

    #[test]
    fn every_named_and_numeric_entity_is_decoded() {
        assert_eq!(
            html_text("Wethouder Financi&euml;n, co&ouml;rdinatie &amp; na&iuml;ef"),
            "Wethouder Financiën, coördinatie & naïef"
        );
        assert_eq!(
            html_text("het caf&eacute;&rsquo;s idee&hellip; &lsquo;ja&rsquo; &ldquo;nee&rdquo;"),
            "het café’s idee… ‘ja’ “nee”"
        );
        assert_eq!(html_text("&#235; &#xEB; &#XEB; &euro;&nbsp;5"), "ë ë ë € 5");
        // Encoded tags are text, not tags; unknown names stay as written.
        assert_eq!(html_text("&lt;b&gt;vet&lt;/b&gt;"), "<b>vet</b>");
        assert_eq!(html_text("&nietbestaand; R&D"), "&nietbestaand; R&D");
        // As a browser shows them: old names without `;` too.
        assert_eq!(html_text("Q&amp A &eacute"), "Q& A é");
    }

    #[test]
    fn an_encoded_control_character_forges_no_list_item() {
        assert_eq!(
            decision_points("1. Een &#1; twee 2. Drie"),
            vec!["Een twee", "Drie"]
        );
    }

    #[test]
    fn decision_points_inline_and_li() {
        assert_eq!(
            decision_points("<ol> 1. Een; 2. Twee, zie pagina 54 en 55; 3. Drie.</ol>"),
            vec!["Een;", "Twee, zie pagina 54 en 55;", "Drie."]
        );
        assert_eq!(
            decision_points("<ol><li>Een</li><li>Twee &amp; drie</li></ol>"),
            vec!["Een", "Twee & drie"]
        );
    }

    #[test]
    fn agenda_fits_the_duration() {
        let a = default_agenda(
            Goal::Oordeelsvormend,
            "Na een inleidende presentatie vanuit de Rekenkamer",
            true,
            60,
        );
        let titles: Vec<_> = a
            .iter()
            .map(|i| (i.title.as_str(), i.planned_min))
            .collect();
        assert_eq!(
            titles,
            vec![
                ("Opening", 2),
                ("Presentatie Rekenkamer", 10),
                ("Insprekers", 10),
                ("Eerste termijn fracties", 20),
                ("Reactie portefeuillehouder", 10),
                ("Tweede termijn", 5),
                ("Conclusie voorzitter", 3),
            ]
        );
        for d in [10, 30, 45, 90, 120] {
            let a = default_agenda(Goal::Beeldvormend, "", false, d);
            assert!(a.iter().map(|i| i.planned_min).sum::<u32>() <= d.max(a.len() as u32));
            assert!(a.iter().all(|i| i.planned_min >= 1));
        }
    }
}
