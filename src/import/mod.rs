//! `hamer import`: a behandelvoorstel, as the council's system exports it,
//! to a session file. The export is label/value cells separated by tabs,
//! with HTML fragments in values, Dutch dates and checkboxes as HTML inputs.
//! What cannot be found becomes a warning naming its label; nothing panics,
//! whatever the text.

mod agenda;
mod decode;
mod fields;
mod output;
mod values;

pub use agenda::default_agenda;
pub use decode::{decode, html_text};
pub use output::{default_file_name, to_ron};
pub use values::{decision_points, duration_min, dutch_date};

use values::{goal_of, public_speaking};

use crate::session::{Goal, NextStep, PublicSpeaking, Session};

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

/// Read a behandelvoorstel: its text, the values of its labels, then each
/// section in turn. The warnings come in that order too: the encoding,
/// the unknown labels, then those of the sections (see `Warnings`).
pub fn import(bytes: &[u8]) -> Imported {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let f = fields::scan(&text, &mut warnings);
    let mut w = Warnings::default();
    let title = w.text(f.subject, "Onderwerp");
    let case_number = w.text(f.case_number, "Zaaknummer");
    let portfolio_holder = w.text(f.portfolio_holder, "Portefeuillehouder");
    let history = w.text(f.history, "Historie");
    let handling_advice = w.text(f.advice, "Behandeladvies");
    let market = politieke_markt(f.market, &mut w);
    let goal = goal(f.goal, &mut w);
    let decision_points = decision_points_of(f.decision_points, &mut w);
    let public_speaking = spreekrecht(f.public, &mut w);
    let next_step = raad(f.raad, &mut w);
    let agenda = default_agenda(
        goal,
        &handling_advice,
        public_speaking.is_some(),
        market.duration_min,
    );
    warnings.extend(w.texts);
    warnings.extend(w.values);
    let session = Session {
        speaker_limits: None,
        title,
        case_number,
        portfolio_holder,
        body: "Politieke Markt".to_owned(),
        date: market.date,
        start: None,
        duration_min: market.duration_min,
        room: market.room,
        domain: market.domain,
        goal,
        chairs: market.chairs,
        clerk: market.clerk,
        decision_points,
        history,
        handling_advice,
        public_speaking,
        public_speakers: Vec::new(),
        presenters: Vec::new(),
        officials: Vec::new(),
        council: None,
        time_zone: None,
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

/// The warnings of the sections, in two rounds: first every text the
/// document lacks, then every value that could not be read from its text
/// (or, for spreekrecht publiek, was not there); each round in the order
/// of the sections.
#[derive(Default)]
struct Warnings {
    texts: Vec<Warning>,
    values: Vec<Warning>,
}

impl Warnings {
    /// The text of a field, or a warning that it is missing or empty.
    fn text(&mut self, found: Option<String>, label: &'static str) -> String {
        match found {
            Some(s) if !s.is_empty() => s,
            _ => {
                self.texts.push(Warning::Missing { label });
                String::new()
            }
        }
    }

    fn unreadable(&mut self, label: &'static str, value: &str) {
        self.values.push(Warning::Unreadable {
            label,
            value: value.to_owned(),
        });
    }
}

/// The Politieke Markt block: its date and the table of chair, clerk,
/// room, domain and duration.
struct Market {
    date: String,
    duration_min: u32,
    room: String,
    domain: String,
    chairs: Vec<String>,
    clerk: String,
}

fn politieke_markt(found: fields::Market, w: &mut Warnings) -> Market {
    let room = w.text(found.room, "Zaal");
    let domain = w.text(found.domain, "Domein");
    let clerk = w.text(found.clerk, "Griffiemedewerker");
    let chair = w.text(found.chair, "Voorzitter");
    let date_text = w.text(found.date, "Politieke Markt");
    let duration_text = w.text(found.duration, "Duur");
    let date = dutch_date(&date_text);
    if date.is_none() && !date_text.is_empty() {
        w.unreadable("Politieke Markt", &date_text);
    }
    let duration_min = duration_min(&duration_text).unwrap_or_else(|| {
        if !duration_text.is_empty() {
            w.unreadable("Duur", &duration_text);
        }
        60
    });
    Market {
        date: date.map_or(date_text, |d| d.format("%Y-%m-%d").to_string()),
        duration_min,
        room,
        domain,
        chairs: if chair.is_empty() {
            Vec::new()
        } else {
            vec![chair]
        },
        clerk,
    }
}

/// Doel van de sessie; oordeelsvormend when it cannot be read.
fn goal(found: Option<String>, w: &mut Warnings) -> Goal {
    let text = w.text(found, "Doel van de sessie");
    goal_of(&text).unwrap_or_else(|| {
        if !text.is_empty() {
            w.unreadable("Doel van de sessie", &text);
        }
        Goal::Oordeelsvormend
    })
}

/// Belangrijkste beslis-/bespreekpunten; an empty list is no warning.
fn decision_points_of(found: Option<Vec<String>>, w: &mut Warnings) -> Vec<String> {
    found.unwrap_or_else(|| {
        w.texts.push(Warning::Missing {
            label: "Belangrijkste beslis/-bespreekpunten",
        });
        Vec::new()
    })
}

/// Spreekrecht publiek, from the cells after its label.
fn spreekrecht(found: Option<Vec<String>>, w: &mut Warnings) -> Option<PublicSpeaking> {
    match found {
        Some(cells) => public_speaking(&cells),
        None => {
            w.values.push(Warning::Missing {
                label: "Spreekrecht publiek",
            });
            None
        }
    }
}

/// The Raad block: the next step, when the document names one. A date
/// that cannot be read is kept as it is written.
fn raad(found: fields::Raad, w: &mut Warnings) -> Option<NextStep> {
    let text = found.date?;
    let date = dutch_date(&text);
    if date.is_none() {
        w.unreadable("Raad", &text);
    }
    Some(NextStep {
        body: "Raad".to_owned(),
        date: date.map_or(text, |d| d.format("%Y-%m-%d").to_string()),
        goal: found.goal.unwrap_or_default(),
        advice: found.advice.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests;
