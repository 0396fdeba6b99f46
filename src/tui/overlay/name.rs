//! Naming a speaker from a list: a faction's members (with "namens de
//! fractie" first), or the session's chairs. Typing filters the list; text
//! that matches nobody exactly is offered as a new name.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Ctx, Dest, Outcome, Picker};
use crate::meeting::Speaker;
use crate::sanitize::{Lines, clean};
use crate::session::SessionPlan;

/// Whose name is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameFor {
    /// A faction's speaker; no name speaks for the faction.
    Faction(String),
    /// A fractievertegenwoordiger of the faction; a name is needed.
    Representative(String),
    /// The chair; a name is needed.
    Chair,
}

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameRow {
    /// "namens de fractie": no name.
    OnBehalf,
    /// A name from the list.
    Known(String),
    /// The text typed, as a name the list does not have.
    New(String),
}

impl NameFor {
    /// The names offered: the faction's members or the chairs.
    pub fn options(&self, plan: &SessionPlan) -> Vec<String> {
        match self {
            NameFor::Faction(f) | NameFor::Representative(f) => plan
                .factions
                .iter()
                .find(|x| &x.short == f)
                .map(|x| x.members.clone())
                .unwrap_or_default(),
            NameFor::Chair => plan.session.chairs.clone(),
        }
    }

    /// The speaker a row names (`None`: the row names nobody).
    pub fn speaker(&self, row: &NameRow) -> Option<Speaker> {
        let name = match row {
            NameRow::OnBehalf => None,
            NameRow::Known(n) | NameRow::New(n) => Some(n.clone()),
        };
        match (self, name) {
            (NameFor::Faction(faction), name) => Some(Speaker::Faction {
                faction: faction.clone(),
                name,
            }),
            (NameFor::Representative(faction), Some(name)) => Some(Speaker::Representative {
                faction: faction.clone(),
                name,
            }),
            (NameFor::Chair, Some(name)) => Some(Speaker::Chair { name }),
            _ => None,
        }
    }
}

/// The rows for what was typed: with nothing typed, "namens de fractie"
/// (for a faction's speaker) and every name; otherwise the names that
/// the text starts, or one of whose words it starts (an exact match
/// first), then the text as a new name
/// unless a name is exactly that.
pub fn name_rows(plan: &SessionPlan, who: &NameFor, filter: &str) -> Vec<NameRow> {
    let options = who.options(plan);
    let typed = clean(filter, Lines::Single).text.trim().to_owned();
    if typed.is_empty() {
        let first = matches!(who, NameFor::Faction(_)).then_some(NameRow::OnBehalf);
        return first
            .into_iter()
            .chain(options.into_iter().map(NameRow::Known))
            .collect();
    }
    let low = typed.to_lowercase();
    let mut found: Vec<String> = options
        .into_iter()
        .filter(|o| matches_name(o, &low))
        .collect();
    found.sort_by_key(|o| o.to_lowercase() != low);
    let exact = found.first().is_some_and(|o| o.to_lowercase() == low);
    let mut rows: Vec<NameRow> = found.into_iter().map(NameRow::Known).collect();
    if !exact {
        rows.push(NameRow::New(typed));
    }
    rows
}

/// Whether a name matches typed text (lower case): the text starts the
/// name or one of its words ("jans" and "sander j" both find "Sander
/// Janssen"; "a" does not, so a short new name is not taken for it).
fn matches_name(name: &str, low: &str) -> bool {
    let name = name.to_lowercase();
    name.starts_with(low)
        || name
            .char_indices()
            .filter(|(_, c)| c.is_whitespace() || *c == '-' || *c == '.')
            .any(|(i, c)| name[i + c.len_utf8()..].starts_with(low))
}

/// Enter takes the chosen row; other keys move or filter.
pub fn key(who: &NameFor, dest: Dest, picker: &mut Picker, key: KeyEvent, ctx: &Ctx) -> Outcome {
    let rows = name_rows(ctx.plan, who, picker.filter());
    if key.code == KeyCode::Enter {
        return match rows.get(picker.selected()).and_then(|r| who.speaker(r)) {
            Some(speaker) => Outcome::Act(dest.action(speaker)),
            None => Outcome::Keep,
        };
    }
    // No tabs in a name.
    if !matches!(key.code, KeyCode::Tab | KeyCode::BackTab) {
        picker.key(key, rows.len());
    }
    Outcome::Keep
}

/// The window, with `prefill` typed (a name being corrected).
pub fn window(who: NameFor, dest: Dest, prefill: Option<&str>) -> super::Overlay {
    let mut picker = Picker::filtered();
    if let Some(text) = prefill {
        picker.type_text(text);
    }
    super::Overlay::Name { who, dest, picker }
}
