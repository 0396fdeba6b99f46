//! Whether a command works now: the footer shows only the keys that do
//! something in the state on screen ("o open" is gone once the session is
//! open). A pure function of the view and the meeting's state.

use super::app::App;
use super::keymap::Command;
use super::mode::View;
use crate::clock::Clock;
use crate::meeting::State;
use crate::session::SessionPlan;

/// Whether `command` does something in `view` with the session in `st`.
/// Keys that always work (help, switching views, quitting, notes) do.
pub fn available(view: View, plan: &SessionPlan, st: &State, command: Command) -> bool {
    let open = st.opened_at.is_some() && st.closed_at.is_none();
    let not_closed = st.closed_at.is_none();
    let speaking_allowed = not_closed && !st.in_recess();
    match command {
        Command::Open => st.opened_at.is_none(),
        Command::Close | Command::Recess => open,
        Command::NextItem => {
            open && st.current_item.map_or(0, |i| i + 1) < plan.session.agenda.len()
        }
        Command::PreviousItem => open && st.current_item.is_some_and(|i| i > 0),
        Command::AddFaction
        | Command::AddPublic
        | Command::AddCollege
        | Command::AddChair
        | Command::AddOfficial
        | Command::AddRepresentative => not_closed,
        Command::EditSpeaker => not_closed && !st.queue.is_empty(),
        Command::StartNext => speaking_allowed && !st.queue.is_empty(),
        Command::TogglePause | Command::End | Command::MoreTime | Command::LessTime => {
            st.active_speech().is_some()
        }
        Command::Interrupt => speaking_allowed && st.speech.is_some() && st.interruption.is_none(),
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
pub fn footer_priority(view: View, plan: &SessionPlan, st: &State, command: Command) -> Option<u8> {
    if !available(view, plan, st, command) {
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
        Command::Undo | Command::Recess | Command::Links => 4,
        _ => 5,
    })
}

/// Whether `command` works now on the app's screen: as [`available`],
/// and the join links' key only when the session is served (the app was
/// given its links).
pub fn app_available<C: Clock>(app: &App<C>, command: Command) -> bool {
    let served = command != Command::Links || !app.links.is_empty();
    served && available(app.view, app.meeting.plan(), app.meeting.state(), command)
}

/// [`footer_priority`] on the app's screen: see [`app_available`].
pub fn app_footer_priority<C: Clock>(app: &App<C>, command: Command) -> Option<u8> {
    if !app_available(app, command) {
        return None;
    }
    footer_priority(app.view, app.meeting.plan(), app.meeting.state(), command)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FakeClock};

    fn seed() -> SessionPlan {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sessions/2023-03-08-datagedreven-sturing.ron");
        crate::session::load_session(&path).unwrap().value
    }

    #[test]
    fn no_next_item_after_the_last_and_no_speech_in_a_recess() {
        let clock = FakeClock::at_seed();
        let plan = seed();
        let mut st = State::default();
        st.opened_at = Some(clock.now());
        st.current_item = Some(0);
        assert!(available(View::Chair, &plan, &st, Command::NextItem));
        assert!(!available(View::Chair, &plan, &st, Command::PreviousItem));
        st.current_item = Some(plan.session.agenda.len() - 1);
        assert!(!available(View::Chair, &plan, &st, Command::NextItem));
        assert!(available(View::Chair, &plan, &st, Command::PreviousItem));
        st.queue.push(crate::meeting::state::QueueEntry {
            id: 1,
            speaker: crate::meeting::Speaker::Chair { name: "A".into() },
            queued_at: clock.now(),
        });
        assert!(available(View::Chair, &plan, &st, Command::StartNext));
        st.recesses.push(crate::meeting::state::Interval {
            start: clock.now(),
            end: None,
        });
        assert!(!available(View::Chair, &plan, &st, Command::StartNext));
    }

    #[test]
    fn open_only_before_the_opening_and_speech_keys_only_with_a_speech() {
        let clock = FakeClock::at_seed();
        let plan = seed();
        let mut st = State::default();
        assert!(available(View::Chair, &plan, &st, Command::Open));
        assert!(!available(View::Chair, &plan, &st, Command::Close));
        assert!(!available(View::Chair, &plan, &st, Command::End));
        assert!(!available(View::Chair, &plan, &st, Command::StartNext));
        st.opened_at = Some(clock.now());
        assert!(!available(View::Chair, &plan, &st, Command::Open));
        assert!(available(View::Chair, &plan, &st, Command::Close));
        for always in [Command::SwitchView, Command::Quit, Command::Help] {
            assert!(available(View::Chair, &plan, &st, always));
            assert!(available(View::Clerk, &plan, &st, always));
        }
        st.closed_at = Some(clock.now());
        assert!(!available(View::Chair, &plan, &st, Command::AddFaction));
    }

    #[test]
    fn the_footer_keeps_tab_and_q_at_80_columns_and_drops_open_once_open() {
        use crate::i18n::Lang;
        use crate::tui::keymap::CHAIR;
        let clock = FakeClock::at_seed();
        let plan = seed();
        let mut st = State::default();
        for lang in Lang::ALL {
            let f = CHAIR.footer_for(lang, |c| footer_priority(View::Chair, &plan, &st, c), 66);
            assert!(
                f.contains(&format!("o {}", lang.text("ui.foot.open"))),
                "{f}"
            );
            assert!(f.contains("Tab ") && f.contains("q "), "{f}");
            assert!(f.chars().count() <= 66, "{f}");
        }
        st.opened_at = Some(clock.now());
        for lang in Lang::ALL {
            let f = CHAIR.footer_for(lang, |c| footer_priority(View::Chair, &plan, &st, c), 66);
            assert!(
                !f.contains(&format!("o {}", lang.text("ui.foot.open"))),
                "{f}"
            );
            assert!(f.contains("Tab ") && f.contains("q "), "{f}");
        }
    }
}
