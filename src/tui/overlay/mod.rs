//! The windows over the main screen: at most one is open, and it gets the
//! keys first. Each kind has its own file with its keys: a key on a window
//! gives an [`Outcome`] that the app carries out (an action on the meeting,
//! another window, closing). The drawing is in `view::overlay`.

pub mod clerk;
pub mod confirm;
pub mod form;
pub mod help;
pub mod picker;
pub mod speaker;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::keymap::Keymap;
use crate::i18n::Lang;
use crate::meeting::{Action, Id, MotionKind, State};
use crate::session::SessionPlan;
pub use clerk::{ADVICE, presence_rows};
pub use form::{Field, Form, FormKind};
pub use picker::Picker;
pub use speaker::{college_choices, filtered_factions};

/// What a window may read to answer a key.
pub struct Ctx<'a> {
    pub plan: &'a SessionPlan,
    pub state: &'a State,
    pub lang: Lang,
    /// The keys of the view on screen (for the help).
    pub keymap: &'static Keymap,
}

/// What a key on a window comes to.
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// The window stays open (as the key changed it).
    Keep,
    Close,
    /// Do the action; the window closes.
    Act(Action),
    /// Do the action; the window stays open.
    Then(Action),
    /// Do the action; the window closes only when it was done (a refused
    /// save keeps the form and what was typed).
    Save(Action),
    /// Another window in its place.
    Open(Overlay),
    Quit,
}

/// What a picker is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickFor {
    Queue,
    Interrupt,
}

/// A window over the main screen. There is at most one, so the size of the
/// text inputs in some variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    /// The keys of the view on screen, scrolled down `scroll` rows.
    Help { scroll: u16 },
    /// Pick a faction (type to filter).
    Factions { purpose: PickFor, picker: Picker },
    /// Optionally name the faction's speaker.
    Member {
        faction: String,
        input: TextArea<'static>,
    },
    /// Registered insprekers, then "new".
    Public { picker: Picker },
    /// A new inspreker (or presenter): name and organisation.
    NewPublic {
        name: TextArea<'static>,
        organisation: TextArea<'static>,
        on_name: bool,
        presenter: bool,
    },
    /// The portfolio holder and the rest of the college.
    College { picker: Picker },
    /// Quit while a speech runs?
    ConfirmQuit,
    /// A window of the clerk's view.
    Clerk(ClerkOverlay),
}

impl Overlay {
    /// A key on the window (Esc and Ctrl-C are the app's).
    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Outcome {
        match self {
            Overlay::Help { scroll } => help::key(scroll, key, ctx),
            Overlay::ConfirmQuit => confirm::key(key),
            Overlay::Factions { purpose, picker } => {
                speaker::faction_key(*purpose, picker, key, ctx)
            }
            Overlay::Member { faction, input } => speaker::member_key(faction, input, key),
            Overlay::Public { picker } => speaker::public_key(picker, key, ctx),
            Overlay::NewPublic {
                name,
                organisation,
                on_name,
                presenter,
            } => speaker::new_public_key(name, organisation, on_name, *presenter, key),
            Overlay::College { picker } => speaker::college_key(picker, key, ctx),
            Overlay::Clerk(o) => o.key(key, ctx),
        }
    }
}

/// The windows of the clerk's view.
pub enum ClerkOverlay {
    Advice {
        picker: Picker,
    },
    /// Which factions asked for a bespreekstuk.
    Requesters {
        picker: Picker,
        chosen: Vec<String>,
    },
    /// Which factions announce a motion; then the title form.
    MotionFactions {
        picker: Picker,
        chosen: Vec<String>,
        edit: Option<Id>,
        kind: MotionKind,
        title: String,
    },
    Presence {
        picker: Picker,
    },
    Form(Form),
}
