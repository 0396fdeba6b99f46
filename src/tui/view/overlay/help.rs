//! The `?` help: one row per binding of the view on screen; when the rows
//! do not fit, the arrows and PgUp/PgDn scroll them and the bottom line
//! says whether there is more below or above.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::super::popup::Popup;
use super::super::theme::Theme;
use super::window;
use crate::tui::overlay::Ctx;

/// The help, scrolled down `scroll` rows.
pub fn popup(scroll: u16, ctx: &Ctx, area: Rect, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let lines: Vec<Line> = ctx
        .keymap
        .help_rows(lang)
        .into_iter()
        .map(|row| {
            Line::from(vec![
                Span::styled(format!("{:>12}  ", row.keys), theme.bold()),
                Span::raw(lang.text(row.text)),
            ])
        })
        .collect();
    // Rows as wrapped in the window; when they do not all fit, the
    // arrows scroll them and the bottom line says so.
    let inner_w = area.width.saturating_sub(6).min(70);
    let rows = Paragraph::new(Text::from(lines.clone()))
        .wrap(Wrap { trim: false })
        .line_count(inner_w);
    // The popup shows `visible` rows and scrolls no further than the last.
    let visible = usize::from(area.height.saturating_sub(4)).min(rows);
    let top = usize::from(scroll).min(rows - visible);
    let (above, below) = (top > 0, top + visible < rows);
    let mut p = window(lang.text("ui.help"), lines, ctx, theme);
    p.scroll = scroll;
    p.hint = match (above, below) {
        (false, true) => lang.text("ui.help.more_below"),
        (true, true) => lang.text("ui.help.more_both"),
        (true, false) => lang.text("ui.help.more_above"),
        (false, false) => p.hint,
    };
    p
}
