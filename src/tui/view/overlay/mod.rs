//! The windows over the screen, each drawn as a popup by its own file:
//! `help`, `confirm`, the chair's `speaker` windows, the clerk's lists in
//! `clerk` and the `form`s. They read the same `Ctx` as their keys.

mod clerk;
mod confirm;
mod form;
mod help;
mod links;
mod speaker;
mod steps;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::popup::Popup;
use super::theme::Theme;
use crate::tui::overlay::{Ctx, Overlay};

/// Draw a window over `area` (the whole screen).
pub fn render(overlay: &Overlay, ctx: &Ctx, area: Rect, theme: Theme, buf: &mut Buffer) {
    match overlay {
        // The QR code is drawn cell by cell, not as text in a popup.
        Overlay::Links { links, selected } => {
            links::render(links, *selected, ctx, area, theme, buf)
        }
        other => popup(other, ctx, area, theme).render(area, buf),
    }
}

/// The popup a window opens over `area`.
pub fn popup(overlay: &Overlay, ctx: &Ctx, area: Rect, theme: Theme) -> Popup<'static> {
    match overlay {
        Overlay::Help { scroll } => help::popup(*scroll, ctx, area, theme),
        Overlay::ConfirmQuit => confirm::popup(ctx, area, theme),
        Overlay::Factions { purpose, picker } => speaker::factions(*purpose, picker, ctx, theme),
        Overlay::Name { who, dest, picker } => speaker::name(who, *dest, picker, ctx, theme),
        Overlay::Public { picker } => speaker::public(picker, ctx, theme),
        Overlay::Officials { picker } => speaker::officials(picker, ctx, theme),
        Overlay::NewPublic(form) => speaker::new_public(form, ctx, theme),
        Overlay::College { picker, dest } => speaker::college(picker, *dest, ctx, theme),
        Overlay::NextItem { picker } => steps::next_item(picker, ctx, theme),
        Overlay::ConfirmClose => steps::close(ctx, area, theme),
        Overlay::RecessMinutes { input } => steps::recess(input, ctx, theme),
        Overlay::Clerk(o) => clerk::popup(o, ctx, area, theme),
        Overlay::Links { links, selected } => links::text_popup(links, *selected, ctx, theme),
    }
}

/// A popup of lines, closed with Esc.
fn window(
    title: &'static str,
    lines: Vec<Line<'static>>,
    ctx: &Ctx,
    theme: Theme,
) -> Popup<'static> {
    Popup::new(title, lines, ctx.lang.text("ui.esc_closes"), theme)
}

/// A one-line text input as a line with a cursor mark.
fn text_line(input: &ratatui_textarea::TextArea<'_>, theme: Theme) -> Line<'static> {
    let text = input.lines().join(" ");
    let col = input.cursor().1;
    let before: String = text.chars().take(col).collect();
    let after: String = text.chars().skip(col).collect();
    Line::from(vec![
        Span::styled(before, theme.bold()),
        Span::styled("▏", theme.base()),
        Span::styled(after, theme.bold()),
    ])
}
