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
    let mut scan = Scan {
        found: Found::default(),
        block: Block::Head,
        columns: None,
    };
    for (n, raw) in text.split('\n').enumerate() {
        let cells = cells_of(raw);
        if cells.is_empty() {
            continue;
        }
        if let Some(columns) = scan.columns.take() {
            table_row(&mut scan.found.market, &columns, &cells);
        } else if !scan.block_line(&cells) {
            scan.pairs(n + 1, &cells, warnings);
        }
    }
    scan.found
}

/// The cells of a line, trimmed, without the empty ones at its end.
fn cells_of(raw: &str) -> Vec<String> {
    let mut cells: Vec<String> = raw
        .trim_end_matches('\r')
        .split('\t')
        .map(|c| c.trim().to_owned())
        .collect();
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

/// The row under the header row of the market table.
fn table_row(market: &mut Market, columns: &[String], cells: &[String]) {
    for (label, value) in columns.iter().zip(cells) {
        let v = Some(html_text(value));
        match norm(label).as_str() {
            "voorzitter" => market.chair = v,
            "griffiemedewerker" | "griffier" => market.clerk = v,
            "zaal" => market.room = v,
            "domein" => market.domain = v,
            "duur" => market.duration = v,
            _ => {}
        }
    }
}

/// What the scan has found so far, and where it is in the document.
struct Scan {
    found: Found,
    block: Block,
    /// The header row of the market table, when the next line is its row.
    columns: Option<Vec<String>>,
}

impl Scan {
    /// A line that starts a block, the market table's header row, a
    /// heading, or spreekrecht publiek (its value is all the cells after
    /// the label). False for any other line.
    fn block_line(&mut self, cells: &[String]) -> bool {
        let f = &mut self.found;
        match norm(&cells[0]).as_str() {
            "politieke markt" => {
                self.block = Block::Market;
                f.market.date = cells.get(1).map(|d| html_text(d));
            }
            "raad" | "gemeenteraad" => {
                self.block = Block::Raad;
                f.raad.date = cells.get(1).map(|d| html_text(d));
            }
            "voorzitter" if self.block == Block::Market => self.columns = Some(cells.to_vec()),
            "behandelvorschlag" | "behandelvoorstel" | "behandeladvies politieke markt"
                if cells.len() == 1 => {}
            "spreekrecht publiek" => {
                if self.block != Block::Raad {
                    f.public = Some(cells[1..].to_vec());
                }
            }
            _ => return false,
        }
        true
    }

    /// Label/value pairs along a line.
    fn pairs(&mut self, line: usize, cells: &[String], warnings: &mut Vec<Warning>) {
        for pair in cells.chunks(2) {
            let label = norm(&pair[0]);
            let value = pair.get(1).map_or("", String::as_str);
            if !self.label(&label, value) && !label.is_empty() {
                warnings.push(Warning::UnknownLabel {
                    line,
                    label: clean(&pair[0], Lines::Single).text.into_owned(),
                });
            }
        }
    }

    /// Keep the value of a label; false for a label it does not know.
    /// Goal and advice in the Raad block are the Raad's own.
    fn label(&mut self, label: &str, value: &str) -> bool {
        let f = &mut self.found;
        let text = || Some(html_text(value));
        match (label, self.block) {
            ("onderwerp", _) => f.subject = text(),
            ("zaaknummer", _) => f.case_number = text(),
            ("portefeuillehouder", _) => f.portfolio_holder = text(),
            (l, _) if l.starts_with("belangrijkste beslis") => {
                f.decision_points = Some(decision_points(value));
            }
            ("historie", _) => f.history = text(),
            ("doel van de sessie" | "doel", Block::Raad) => f.raad.goal = text(),
            ("doel van de sessie" | "doel", _) => f.goal = text(),
            ("behandeladvies", Block::Raad) => f.raad.advice = text(),
            ("behandeladvies", _) => f.advice = text(),
            _ => return false,
        }
        true
    }
}
