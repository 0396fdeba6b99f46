//! The screen's styles: bold, dim and reverse everywhere, colour where
//! the terminal has it.

use ratatui::style::{Color, Modifier, Style};

use crate::meeting::Level;

/// Styles; without colour (NO_COLOR) only bold, dim and reverse remain, and
/// every state is in words anyway.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub(super) fn base(self) -> Style {
        Style::default()
    }
    pub(super) fn bold(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub(super) fn dim(self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }
    pub(super) fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub(super) fn warn(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            self.bold()
        }
    }
    /// The last warning (NOG 30 SEC): another colour than the first, and
    /// underlined without colour.
    pub(super) fn last(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::White)
                .bg(Color::Magenta)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }
    pub(super) fn over(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }
    pub(super) fn good(self) -> Style {
        if self.color {
            Style::default().fg(Color::Green)
        } else {
            self.base()
        }
    }
    pub fn level(self, level: Level) -> Style {
        match level {
            Level::Normal => self.bold(),
            Level::First => self.warn(),
            Level::Final => self.last(),
            Level::Over => self.over(),
        }
    }
}
