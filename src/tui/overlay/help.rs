//! The `?` help: the keys of the view on screen, scrolled with the arrows
//! when they do not fit.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Ctx, Outcome};

/// Rows PageUp and PageDown scroll.
const PAGE: u16 = 10;

/// `?`, `q` and Enter close (as Esc does); the arrows, PageUp/PageDown and
/// Home/End scroll, never past the last row; other keys do nothing.
pub fn key(scroll: &mut u16, key: KeyEvent, ctx: &Ctx) -> Outcome {
    let rows = ctx.keymap.help_rows(ctx.lang).len();
    let last = u16::try_from(rows.saturating_sub(1)).unwrap_or(u16::MAX);
    let to = match key.code {
        KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => return Outcome::Close,
        KeyCode::Up => scroll.saturating_sub(1),
        KeyCode::Down => scroll.saturating_add(1),
        KeyCode::PageUp => scroll.saturating_sub(PAGE),
        KeyCode::PageDown => scroll.saturating_add(PAGE),
        KeyCode::Home => 0,
        KeyCode::End => last,
        _ => *scroll,
    };
    *scroll = to.min(last);
    Outcome::Keep
}
