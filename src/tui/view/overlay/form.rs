//! A form: its fields, each label over its text (wrapped, growing with
//! it), the cursor in the focused one; the hint stays under them.

use ratatui::text::{Line, Span};

use super::super::popup::Popup;
use super::super::theme::Theme;
use crate::tui::overlay::{Ctx, Form, FormKind};

/// The popup of a form.
pub fn popup(form: &Form, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let hint = lang.text("ui.esc_closes");
    let mut lines = Vec::new();
    if let FormKind::Motion { factions, kind, .. } = &form.kind {
        lines.push(Line::raw(lang.fill(
            "clerk.motion_head",
            &[
                (
                    "kind",
                    &crate::meeting::texts::motion_kind_text(*kind, lang),
                ),
                ("factions", &factions.join(", ")),
            ],
        )));
    }
    if let FormKind::PositionNote { faction, stance } = &form.kind {
        lines.push(Line::raw(format!(
            "{faction}: {}",
            crate::meeting::texts::stance_text(Some(*stance), lang)
        )));
    }
    for (i, f) in form.fields.iter().enumerate() {
        let focus = i == form.focus;
        lines.push(Line::styled(
            format!("{}{}", if focus { "▶ " } else { "  " }, lang.text(f.label)),
            if focus { theme.bold() } else { theme.dim() },
        ));
        let (row, col) = (f.input.cursor().0, f.input.cursor().1);
        for (r, text) in f.input.lines().iter().enumerate() {
            if focus && r == row {
                let before: String = text.chars().take(col).collect();
                let after: String = text.chars().skip(col).collect();
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(before, theme.bold()),
                    Span::raw("▏"),
                    Span::styled(after, theme.bold()),
                ]));
            } else {
                lines.push(Line::raw(format!("  {text}")));
            }
        }
    }
    let multi = form.fields.iter().any(|f| f.multiline);
    let tail = vec![Line::styled(
        lang.text(if multi {
            "clerk.form_hint_multi"
        } else {
            "clerk.form_hint"
        }),
        theme.dim(),
    )];
    let title = match &form.kind {
        FormKind::Note { .. } => "clerk.form.note",
        FormKind::Commitment { .. } => "clerk.form.commitment",
        FormKind::ActionPoint { .. } => "clerk.form.action_point",
        FormKind::Motion { .. } => "clerk.form.motion",
        FormKind::Conclusion => "clerk.form.conclusion",
        FormKind::PositionNote { .. } => "clerk.form.position",
    };
    // The fields grow with their text; the hint stays under them.
    let mut p = Popup::new(lang.text(title), lines, hint, theme);
    p.tail = tail;
    p
}
