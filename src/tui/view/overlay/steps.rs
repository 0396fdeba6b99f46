//! The chair's questions before a step: what `]` does with the speech
//! that runs, closing while something runs, the length of a recess.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::popup::Popup;
use super::super::theme::Theme;
use super::window;
use crate::tui::overlay::{Ctx, NEXT_ITEM_CHOICES, Picker};

/// The three choices, the first (end the speech) chosen.
pub fn next_item(picker: &Picker, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let lines = vec![Line::raw(lang.text("ui.next_item.question"))];
    let items = NEXT_ITEM_CHOICES
        .iter()
        .enumerate()
        .map(|(i, (_, text))| Line::raw(format!("{}  {}", i + 1, lang.text(text))))
        .collect();
    let mut p = window(lang.text("ui.next_item.title"), lines, ctx, theme);
    p.list = Some((items, picker.state()));
    p.tail = vec![Line::styled(lang.text("ui.next_item.hint"), theme.dim())];
    p
}

/// Close while something runs?
pub fn close(ctx: &Ctx, area: Rect, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let text = lang.text("ui.close_confirm");
    let inner_w = area.width.saturating_sub(6).clamp(10, 70) as usize;
    let rows = text.chars().count().div_ceil(inner_w) as u16 + 1;
    let mut p = window(
        lang.text("ui.close_title"),
        vec![Line::raw(text)],
        ctx,
        theme,
    );
    p.height = rows + 2;
    p
}

/// How many minutes: what was typed, and what Enter does.
pub fn recess(input: &str, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let lines = vec![
        Line::raw(lang.text("ui.recess.question")),
        Line::from(vec![
            Span::styled(format!("{input}▏"), theme.bold()),
            Span::styled(format!(" {}", lang.text("ui.recess.minutes")), theme.dim()),
        ]),
        Line::styled(lang.text("ui.recess.hint"), theme.dim()),
    ];
    window(lang.text("ui.recess.title"), lines, ctx, theme)
}
