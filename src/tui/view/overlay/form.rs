//! A form: its fields, each label over its text (wrapped, growing with
//! it), the cursor in the focused one; the hint stays under them.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::popup::Popup;
use super::super::theme::Theme;
use crate::tui::overlay::{Ctx, Form, FormKind};

/// Stands for the cursor while a line is wrapped: a control character,
/// which typed and pasted text cannot hold (keys with Ctrl are not typed,
/// pasted text is cleaned); it takes the column of the bar.
const CURSOR: char = '\u{1}';

/// The popup of a form over `area`.
pub fn popup(form: &Form, ctx: &Ctx, area: Rect, theme: Theme) -> Popup<'static> {
    // The text under a label, indented two: the popup is at most 72 wide
    // with a border each side.
    let width = usize::from(area.width.saturating_sub(4).min(72).saturating_sub(4)).max(1);
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
            let cursor_line = focus && r == row;
            let text = if cursor_line {
                let before: String = text.chars().take(col).collect();
                let after: String = text.chars().skip(col).collect();
                format!("{before}{CURSOR}{after}")
            } else {
                text.clone()
            };
            for part in wrap(&text, width) {
                lines.push(indented(&part, cursor_line, theme));
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

/// A row of a field's text, indented under its label; the line with the
/// cursor in bold, the cursor (if in this row) as a thin bar.
fn indented(part: &str, cursor_line: bool, theme: Theme) -> Line<'static> {
    match part.split_once(CURSOR) {
        Some((before, after)) => Line::from(vec![
            Span::raw("  "),
            Span::styled(before.to_owned(), theme.bold()),
            Span::raw("▏"),
            Span::styled(after.to_owned(), theme.bold()),
        ]),
        None if cursor_line => Line::from(vec![
            Span::raw("  "),
            Span::styled(part.to_owned(), theme.bold()),
        ]),
        None => Line::raw(format!("  {part}")),
    }
}

/// A line broken into rows of at most `width` columns, at spaces where it
/// can be (a word longer than a row is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let cols = |s: &str| Span::raw(s.replace(CURSOR, "▏")).width();
    let mut rows = vec![String::new()];
    for word in text.split(' ') {
        let row = rows.last_mut().expect("a row");
        let gap = usize::from(!row.is_empty());
        if cols(row) + gap + cols(word) <= width {
            if gap == 1 {
                row.push(' ');
            }
            row.push_str(word);
            continue;
        }
        if !row.is_empty() {
            rows.push(String::new());
        }
        for c in word.chars() {
            let row = rows.last_mut().expect("a row");
            if !row.is_empty() && cols(row) + cols(c.encode_utf8(&mut [0; 4])) > width {
                rows.push(String::new());
            }
            rows.last_mut().expect("a row").push(c);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn rows_break_at_spaces_and_cut_long_words() {
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("een twee drie", 8), vec!["een twee", "drie"]);
        assert_eq!(wrap("abcdefghij kl", 4), vec!["abcd", "efgh", "ij", "kl"]);
        assert_eq!(wrap("a  b", 10), vec!["a  b"]);
    }
}
