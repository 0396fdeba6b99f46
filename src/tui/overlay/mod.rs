//! The windows over the main screen: at most one is open. Each kind has
//! its own file; the keys that work on them are in `app` and `clerk`, the
//! drawing in `view::overlay`.

pub mod form;
pub mod picker;

use ratatui_textarea::TextArea;

use crate::meeting::{Id, MotionKind};
pub use form::{Field, Form, FormKind};
pub use picker::Picker;

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
