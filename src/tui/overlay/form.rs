//! A form: labelled text fields (ratatui-textarea) for what the clerk
//! records, and what it records.

use ratatui_textarea::TextArea;

use crate::meeting::{Id, MotionKind, Stance};
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
