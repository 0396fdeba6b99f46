//! "Quit while a speech runs?"

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::super::popup::Popup;
use super::super::theme::Theme;
use super::window;
use crate::tui::overlay::Ctx;

/// The question, its height worked out for the wrapped text.
pub fn popup(ctx: &Ctx, area: Rect, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let text = lang.text("ui.quit_confirm");
    let inner_w = area.width.saturating_sub(6).clamp(10, 70) as usize;
    let rows = text.chars().count().div_ceil(inner_w) as u16 + 1;
    let mut p = window(lang.text("ui.quit"), vec![Line::raw(text)], ctx, theme);
    p.height = rows + 2;
    p
}
