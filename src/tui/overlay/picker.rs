//! One picker for every selection list in a window: a selection over
//! ratatui's `ListState`, so a list longer than its window scrolls and
//! keeps the selected row in view; optionally with a filter that typing
//! narrows.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::widgets::ListState;

/// Rows PageUp and PageDown move.
const PAGE: usize = 10;

/// The selection (and filter) of one list.
#[derive(Clone, Debug)]
pub struct Picker {
    state: ListState,
    /// `Some` when typing filters the list.
    filter: Option<String>,
}

impl Picker {
    /// A list with row `selected` chosen.
    pub fn at(selected: usize) -> Picker {
        Picker {
            state: ListState::default().with_selected(Some(selected)),
            filter: None,
        }
    }

    /// A list that typing filters, empty filter, first row chosen.
    pub fn filtered() -> Picker {
        Picker {
            filter: Some(String::new()),
            ..Picker::at(0)
        }
    }

    pub fn selected(&self) -> usize {
        self.state.selected().unwrap_or(0)
    }

    pub fn select(&mut self, row: usize) {
        self.state.select(Some(row));
    }

    /// The filter typed so far ("" when the list has none).
    pub fn filter(&self) -> &str {
        self.filter.as_deref().unwrap_or("")
    }

    /// The state to draw the list with (its scroll is worked out anew each
    /// frame from the selection).
    pub fn state(&self) -> ListState {
        self.state
    }

    /// Text (typed or pasted) for the filter; the first match is chosen.
    pub fn type_text(&mut self, text: &str) {
        if let Some(f) = &mut self.filter {
            f.push_str(text);
            self.select(0);
        }
    }

    /// A key on a list of `len` rows: Up/Down, PageUp/PageDown, Home/End
    /// move the selection (never past either end); in a filtered list,
    /// characters and Backspace edit the filter. True when the key was
    /// the picker's.
    pub fn key(&mut self, key: KeyEvent, len: usize) -> bool {
        let last = len.saturating_sub(1);
        let at = self.selected();
        let to = match key.code {
            KeyCode::Up => at.saturating_sub(1),
            KeyCode::Down => (at + 1).min(last),
            KeyCode::PageUp => at.saturating_sub(PAGE),
            KeyCode::PageDown => (at + PAGE).min(last),
            KeyCode::Home => 0,
            KeyCode::End => last,
            KeyCode::Backspace if self.filter.is_some() => {
                if let Some(f) = &mut self.filter {
                    f.pop();
                }
                0
            }
            KeyCode::Char(c)
                if self.filter.is_some() && !key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.type_text(c.encode_utf8(&mut [0; 4]));
                0
            }
            _ => return false,
        };
        self.select(to);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(p: &mut Picker, code: KeyCode, len: usize) -> bool {
        p.key(KeyEvent::new(code, KeyModifiers::NONE), len)
    }

    #[test]
    fn the_selection_stays_in_the_list() {
        let mut p = Picker::at(0);
        press(&mut p, KeyCode::Up, 3);
        assert_eq!(p.selected(), 0);
        for _ in 0..5 {
            press(&mut p, KeyCode::Down, 3);
        }
        assert_eq!(p.selected(), 2);
        press(&mut p, KeyCode::PageDown, 30);
        assert_eq!(p.selected(), 12);
        press(&mut p, KeyCode::End, 30);
        assert_eq!(p.selected(), 29);
        press(&mut p, KeyCode::Home, 30);
        assert_eq!(p.selected(), 0);
    }

    #[test]
    fn typing_filters_only_a_filtered_list() {
        let mut p = Picker::at(1);
        assert!(!press(&mut p, KeyCode::Char('v'), 3));
        assert_eq!(p.filter(), "");
        let mut p = Picker::filtered();
        press(&mut p, KeyCode::Down, 3);
        assert!(press(&mut p, KeyCode::Char('v'), 3));
        assert_eq!((p.filter(), p.selected()), ("v", 0));
        press(&mut p, KeyCode::Backspace, 3);
        assert_eq!(p.filter(), "");
        let ctrl = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(!p.key(ctrl, 3));
    }
}
