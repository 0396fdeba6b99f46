//! The chair's questions before a step: `]` while a speech runs, `c`
//! while something runs, and `s` (how long a recess).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Outcome, Picker};
use crate::meeting::Action;

/// What `]` does with the speech that runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextItemChoice {
    /// End the speech, then the next item (the default).
    EndSpeech,
    /// The next item; the speaker goes on.
    KeepSpeech,
    /// Stay in this item.
    Cancel,
}

/// The choices in the order the window shows them, with their texts.
pub const NEXT_ITEM_CHOICES: [(NextItemChoice, &str); 3] = [
    (NextItemChoice::EndSpeech, "ui.next_item.end"),
    (NextItemChoice::KeepSpeech, "ui.next_item.keep"),
    (NextItemChoice::Cancel, "ui.next_item.cancel"),
];

/// Up/Down choose, Enter does the choice (the first, unless moved);
/// 1-3 choose and do at once.
pub fn next_item_key(picker: &mut Picker, key: KeyEvent) -> Outcome {
    let choice = match key.code {
        KeyCode::Enter => NEXT_ITEM_CHOICES[picker.selected().min(2)].0,
        KeyCode::Char(c @ '1'..='3') => NEXT_ITEM_CHOICES[(c as u8 - b'1') as usize].0,
        _ => {
            picker.key(key, NEXT_ITEM_CHOICES.len());
            return Outcome::Keep;
        }
    };
    match choice {
        NextItemChoice::EndSpeech => Outcome::Act(Action::NextItem { end_speech: true }),
        NextItemChoice::KeepSpeech => Outcome::Act(Action::NextItem { end_speech: false }),
        NextItemChoice::Cancel => Outcome::Close,
    }
}

/// j, y or Enter close the session; any other key closes the window and
/// leaves the session open.
pub fn close_key(key: KeyEvent) -> Outcome {
    match key.code {
        KeyCode::Char('j') | KeyCode::Char('y') | KeyCode::Enter => Outcome::Act(Action::Close),
        _ => Outcome::Close,
    }
}

/// At most this many minutes (three digits).
const MAX_DIGITS: usize = 3;

/// Digits make the minutes, Backspace takes one back; Enter starts the
/// recess (open-ended when nothing or 0 was typed).
pub fn recess_key(input: &mut String, key: KeyEvent) -> Outcome {
    match key.code {
        KeyCode::Char(c) if c.is_ascii_digit() && input.len() < MAX_DIGITS => input.push(c),
        KeyCode::Backspace => {
            input.pop();
        }
        KeyCode::Enter => {
            let minutes = input.parse::<u32>().ok().filter(|m| *m > 0);
            return Outcome::Act(Action::Recess(minutes));
        }
        _ => {}
    }
    Outcome::Keep
}
