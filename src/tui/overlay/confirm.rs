//! "Quit while a speech runs?": yes quits, any other key stays.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::Outcome;

/// j, y, q or Enter quit; any other key closes the question.
pub fn key(key: KeyEvent) -> Outcome {
    match key.code {
        KeyCode::Char('j') | KeyCode::Char('y') | KeyCode::Char('q') | KeyCode::Enter => {
            Outcome::Quit
        }
        _ => Outcome::Close,
    }
}
