//! The labels of a behandelvoorstel: which line belongs to which block,
//! and the value found for each label.

use super::Warning;
use super::decode::html_text;
use super::values::decision_points;
use crate::sanitize::{Lines, clean};

/// Which block of the document a line belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Head,
    Market,
    Raad,
}

/// The value of each label, as text, before it is read.
#[derive(Default)]
pub(super) struct Found {
    pub(super) subject: Option<String>,
    pub(super) case_number: Option<String>,
    pub(super) portfolio_holder: Option<String>,
    pub(super) decision_points: Option<Vec<String>>,
    pub(super) history: Option<String>,
    pub(super) market: Market,
    pub(super) goal: Option<String>,
    pub(super) advice: Option<String>,
    pub(super) public: Option<Vec<String>>,
    pub(super) raad: Raad,
}

/// The Politieke Markt block: the date on its line, and the table row
/// under its header row.
#[derive(Default)]
pub(super) struct Market {
    pub(super) date: Option<String>,
    pub(super) chair: Option<String>,
    pub(super) clerk: Option<String>,
    pub(super) room: Option<String>,
    pub(super) domain: Option<String>,
    pub(super) duration: Option<String>,
}

/// The Raad block: the date on its line, and its own goal and advice.
#[derive(Default)]
pub(super) struct Raad {
    pub(super) date: Option<String>,
    pub(super) goal: Option<String>,
    pub(super) advice: Option<String>,
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

/// Every label of the text and its value; a label it does not know is a
/// warning with its line.
pub(super) fn scan(text: &str, warnings: &mut Vec<Warning>) -> Found {
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
                    "voorzitter" => f.market.chair = v,
                    "griffiemedewerker" | "griffier" => f.market.clerk = v,
                    "zaal" => f.market.room = v,
                    "domein" => f.market.domain = v,
                    "duur" => f.market.duration = v,
                    _ => {}
                }
            }
            continue;
        }
        let first = norm(&cells[0]);
        match first.as_str() {
            "politieke markt" => {
                block = Block::Market;
                f.market.date = cells.get(1).map(|d| html_text(d));
                continue;
            }
            "raad" | "gemeenteraad" => {
                block = Block::Raad;
                f.raad.date = cells.get(1).map(|d| html_text(d));
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
                    f.raad.goal = Some(html_text(&value));
                    true
                }
                ("doel van de sessie" | "doel", _) => {
                    f.goal = Some(html_text(&value));
                    true
                }
                ("behandeladvies", Block::Raad) => {
                    f.raad.advice = Some(html_text(&value));
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
    f
}
