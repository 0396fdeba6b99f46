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

use fields::Found;
use values::{goal_of, public_speaking};

use crate::session::{Goal, NextStep, Session};

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

/// Read a behandelvoorstel.
pub fn import(bytes: &[u8]) -> Imported {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let f = fields::scan(&text, &mut warnings);
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

#[cfg(test)]
mod tests;
