//! The windows over the main screen: at most one is open, and it gets the
//! keys first. Each kind has its own file with its keys: a key on a window
//! gives an [`Outcome`] that the app carries out (an action on the meeting,
//! another window, closing). The drawing is in `view::overlay`.

pub mod clerk;
pub mod confirm;
pub mod form;
pub mod help;
pub mod links;
pub mod name;
pub mod picker;
pub mod speaker;
pub mod steps;

use ratatui::crossterm::event::KeyEvent;

use super::keymap::Keymap;
use crate::i18n::Lang;
use crate::meeting::{Action, Id, MotionKind, Speaker, State};
use crate::session::SessionPlan;
pub use clerk::{ADVICE, presence_mark, presence_rows};
pub use form::{Field, Form, FormKind};
pub use name::{NameFor, NameRow, name_rows};
pub use picker::Picker;
pub use speaker::{NewKind, college_choices, filtered_factions};
pub use steps::{NEXT_ITEM_CHOICES, NextItemChoice};

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
    /// The window stays open and says this (a key that cannot do what it
    /// looks like it would).
    Say(String),
    Quit,
}

/// What a faction picker is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickFor {
    /// A faction's speaker for the queue.
    Queue,
    /// Who interrupts.
    Interrupt,
    /// A fractievertegenwoordiger for the queue.
    Representative,
}

/// What becomes of the speaker a window names: queued, interrupting, or
/// in the place of a queued entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dest {
    Queue,
    Interrupt,
    Edit(Id),
}

impl Dest {
    /// The action that puts `speaker` where it goes.
    pub fn action(self, speaker: Speaker) -> Action {
        match self {
            Dest::Queue => Action::Queue(speaker),
            Dest::Interrupt => Action::Interrupt(speaker),
            Dest::Edit(id) => Action::EditQueue(id, speaker),
        }
    }
}

/// A window over the main screen. There is at most one, so the size of the
/// text inputs in some variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    /// The keys of the view on screen, scrolled down `scroll` rows.
    Help { scroll: u16 },
    /// Pick a faction (type to filter).
    Factions { purpose: PickFor, picker: Picker },
    /// A name from a list (a faction's members, the chairs), typed to
    /// filter; typed text that matches nobody is a new name.
    Name {
        who: NameFor,
        dest: Dest,
        picker: Picker,
    },
    /// Registered insprekers and presenters, then "new".
    Public { picker: Picker },
    /// The session file's officials, then "new".
    Officials { picker: Picker },
    /// A new inspreker, presenter or official (or one queued, corrected).
    NewPublic(speaker::PersonForm),
    /// The portfolio holder and the rest of the college.
    College { picker: Picker, dest: Dest },
    /// Quit while a speech runs?
    ConfirmQuit,
    /// `]` while a speech runs: end it and go on, go on with it, or stay.
    NextItem { picker: Picker },
    /// Close the session while something runs?
    ConfirmClose,
    /// The length of a recess in minutes (empty: open-ended).
    RecessMinutes { input: String },
    /// A window of the clerk's view.
    Clerk(ClerkOverlay),
    /// The join links of a served session, `selected` shown as a QR code.
    Links {
        links: Vec<(crate::meeting::remote::Access, String)>,
        selected: usize,
    },
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
            Overlay::Name { who, dest, picker } => name::key(who, *dest, picker, key, ctx),
            Overlay::Public { picker } => speaker::public_key(picker, key, ctx),
            Overlay::Officials { picker } => speaker::official_key(picker, key, ctx),
            Overlay::NewPublic(form) => form.key(key),
            Overlay::College { picker, dest } => speaker::college_key(picker, *dest, key, ctx),
            Overlay::NextItem { picker } => steps::next_item_key(picker, key),
            Overlay::ConfirmClose => steps::close_key(key),
            Overlay::RecessMinutes { input } => steps::recess_key(input, key),
            Overlay::Clerk(o) => o.key(key, ctx),
            Overlay::Links { links, selected } => links::key(selected, links.len(), key),
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
