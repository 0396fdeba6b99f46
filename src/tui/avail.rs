//! Whether a command works now: the footer shows only the keys that do
//! something in the state on screen ("o open" is gone once the session is
//! open). A pure function of the view and the meeting's state.

use super::keymap::Command;
use super::mode::View;
use crate::meeting::State;

/// Whether `command` does something in `view` with the session in `st`.
/// Keys that always work (help, switching views, quitting, notes) do.
pub fn available(view: View, st: &State, command: Command) -> bool {
    let open = st.opened_at.is_some() && st.closed_at.is_none();
    let not_closed = st.closed_at.is_none();
    match command {
        Command::Open => st.opened_at.is_none(),
        Command::Close | Command::Recess | Command::NextItem | Command::PreviousItem => open,
        Command::AddFaction
        | Command::AddPublic
        | Command::AddCollege
        | Command::AddChair
        | Command::AddOfficial
        | Command::AddRepresentative => not_closed,
        Command::EditSpeaker => not_closed && !st.queue.is_empty(),
        Command::StartNext => not_closed && !st.queue.is_empty(),
        Command::TogglePause | Command::End | Command::MoreTime | Command::LessTime => {
            st.active_speech().is_some()
        }
        Command::Interrupt => st.speech.is_some() && st.interruption.is_none(),
        Command::SelectUp
        | Command::SelectDown
        | Command::MoveUp
        | Command::MoveDown
        | Command::RemoveSpeaker => view == View::Clerk || !st.queue.is_empty(),
        Command::Undo => st.last_undoable(view.role()).is_some(),
        Command::Redo => st.last_redoable(view.role()).is_some(),
        _ => true,
    }
}

/// How much a command's key matters in the footer now: `None` when it
/// does not work, 0 for the keys that always stay (help, switching views,
/// quitting), then lower first: with a speech running, ending and pausing
/// it come before adding speakers.
pub fn footer_priority(view: View, st: &State, command: Command) -> Option<u8> {
    if !available(view, st, command) {
        return None;
    }
    let speaking = st.active_speech().is_some();
    Some(match command {
        Command::Help | Command::SwitchView | Command::Quit => 0,
        Command::Open => 1,
        Command::End | Command::TogglePause if speaking => 1,
        Command::Interrupt => 3,
        Command::StartNext => 2,
        // The agenda leads when no one speaks.
        Command::NextItem if !speaking => 2,
        Command::NextItem => 4,
        Command::AddFaction | Command::AddPublic | Command::AddCollege => 3,
        Command::Undo | Command::Recess => 4,
        _ => 5,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FakeClock};

    #[test]
    fn open_only_before_the_opening_and_speech_keys_only_with_a_speech() {
        let clock = FakeClock::at_seed();
        let mut st = State::default();
        assert!(available(View::Chair, &st, Command::Open));
        assert!(!available(View::Chair, &st, Command::Close));
        assert!(!available(View::Chair, &st, Command::End));
        assert!(!available(View::Chair, &st, Command::StartNext));
        st.opened_at = Some(clock.now());
        assert!(!available(View::Chair, &st, Command::Open));
        assert!(available(View::Chair, &st, Command::Close));
        for always in [Command::SwitchView, Command::Quit, Command::Help] {
            assert!(available(View::Chair, &st, always));
            assert!(available(View::Clerk, &st, always));
        }
        st.closed_at = Some(clock.now());
        assert!(!available(View::Chair, &st, Command::AddFaction));
    }

    #[test]
    fn the_footer_keeps_tab_and_q_at_80_columns_and_drops_open_once_open() {
        use crate::i18n::Lang;
        use crate::tui::keymap::CHAIR;
        let clock = FakeClock::at_seed();
        let mut st = State::default();
        for lang in Lang::ALL {
            let f = CHAIR.footer_for(lang, |c| footer_priority(View::Chair, &st, c), 66);
            assert!(
                f.contains(&format!("o {}", lang.text("ui.foot.open"))),
                "{f}"
            );
            assert!(f.contains("Tab ") && f.contains("q "), "{f}");
            assert!(f.chars().count() <= 66, "{f}");
        }
        st.opened_at = Some(clock.now());
        for lang in Lang::ALL {
            let f = CHAIR.footer_for(lang, |c| footer_priority(View::Chair, &st, c), 66);
            assert!(
                !f.contains(&format!("o {}", lang.text("ui.foot.open"))),
                "{f}"
            );
            assert!(f.contains("Tab ") && f.contains("q "), "{f}");
        }
    }
}
