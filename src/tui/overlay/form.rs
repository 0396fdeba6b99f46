//! A form: labelled text fields (ratatui-textarea) for what the clerk
//! records, and what it records.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::Outcome;
use crate::meeting::{Action, Id, MotionKind, Stance};
use crate::sanitize::{Lines, clean};

/// One text field of a form.
pub struct Field {
    /// Catalogue key of the label.
    pub label: &'static str,
    pub input: TextArea<'static>,
    pub multiline: bool,
}

impl Field {
    pub fn new(label: &'static str, text: &str, multiline: bool) -> Field {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_owned).collect()
        };
        let mut input = TextArea::new(lines);
        input.set_cursor_line_style(ratatui::style::Style::default());
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Field {
            label,
            input,
            multiline,
        }
    }

    pub fn text(&self) -> String {
        let joined = self.input.lines().join("\n");
        let lines = if self.multiline {
            Lines::Multi
        } else {
            Lines::Single
        };
        clean(&joined, lines).text.into_owned()
    }
}

/// What a form records.
#[derive(Clone, Debug, PartialEq)]
pub enum FormKind {
    Note {
        edit: Option<Id>,
    },
    Commitment {
        edit: Option<Id>,
    },
    ActionPoint {
        edit: Option<Id>,
    },
    Motion {
        edit: Option<Id>,
        factions: Vec<String>,
        kind: MotionKind,
    },
    Conclusion,
    PositionNote {
        faction: String,
        stance: Stance,
    },
}

impl FormKind {
    /// Whether two forms are for the same thing (the same new entry, or the
    /// same entry edited): a draft of one fits the other.
    pub fn same_slot(&self, other: &FormKind) -> bool {
        use FormKind::*;
        match (self, other) {
            (Note { edit: a }, Note { edit: b })
            | (Commitment { edit: a }, Commitment { edit: b })
            | (ActionPoint { edit: a }, ActionPoint { edit: b })
            | (Motion { edit: a, .. }, Motion { edit: b, .. }) => a == b,
            (Conclusion, Conclusion) => true,
            (PositionNote { faction: a, .. }, PositionNote { faction: b, .. }) => a == b,
            _ => false,
        }
    }
}

pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl Form {
    /// Ctrl-S saves; Enter goes to the next field (saves on the last) but
    /// makes a new line in a text of several lines; Tab / Shift-Tab (and
    /// Down / Up outside such a text) move between fields; F2 switches a
    /// motion and an amendment; other keys edit the field.
    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        let save = key.code == KeyCode::Char('s') && key.modifiers.contains(KeyModifiers::CONTROL);
        let field_multiline = self.fields[self.focus].multiline;
        let last = self.focus + 1 == self.fields.len();
        let n = self.fields.len();
        match key.code {
            _ if save => return Outcome::Save(self.action()),
            KeyCode::Tab | KeyCode::Down if !field_multiline || key.code == KeyCode::Tab => {
                self.focus = (self.focus + 1) % n;
            }
            KeyCode::BackTab | KeyCode::Up if !field_multiline || key.code == KeyCode::BackTab => {
                self.focus = (self.focus + n - 1) % n;
            }
            KeyCode::F(2) => {
                if let FormKind::Motion { kind, .. } = &mut self.kind {
                    *kind = match kind {
                        MotionKind::Motion => MotionKind::Amendment,
                        MotionKind::Amendment => MotionKind::Motion,
                    };
                }
            }
            KeyCode::Enter if !field_multiline => {
                if last {
                    return Outcome::Save(self.action());
                }
                self.focus += 1;
            }
            _ => {
                self.fields[self.focus].input.input(key);
            }
        }
        Outcome::Keep
    }

    /// What the form records.
    pub fn action(&self) -> Action {
        let f = |i: usize| self.fields.get(i).map(Field::text).unwrap_or_default();
        match &self.kind {
            FormKind::Note { edit: None } => Action::Note(f(0)),
            FormKind::Note { edit: Some(id) } => Action::EditNote(*id, f(0)),
            FormKind::Commitment { edit } => {
                let (what, by, due) = (f(0), f(1), f(2));
                match edit {
                    None => Action::AddCommitment { by, what, due },
                    Some(id) => Action::EditCommitment {
                        id: *id,
                        by,
                        what,
                        due,
                    },
                }
            }
            FormKind::ActionPoint { edit } => {
                let (text, owner) = (f(0), f(1));
                match edit {
                    None => Action::AddActionPoint { text, owner },
                    Some(id) => Action::EditActionPoint {
                        id: *id,
                        text,
                        owner,
                    },
                }
            }
            FormKind::Motion {
                edit,
                factions,
                kind,
            } => match edit {
                None => Action::AnnounceMotion {
                    factions: factions.clone(),
                    kind: *kind,
                    title: f(0),
                },
                Some(id) => Action::EditMotion {
                    id: *id,
                    factions: factions.clone(),
                    kind: *kind,
                    title: f(0),
                },
            },
            FormKind::Conclusion => Action::SetConclusion(f(0)),
            FormKind::PositionNote { faction, stance } => Action::SetPosition {
                faction: faction.clone(),
                stance: Some(*stance),
                note: f(0),
            },
        }
    }
}
