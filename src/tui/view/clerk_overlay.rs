//! The clerk's overlays: the advice, the checklists of factions, the
//! presence list and the forms. Each gives the title, lines and height of
//! its popup.

use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::clock::Clock;
use crate::tui::app::App;
use crate::tui::clerk::{ADVICE, ClerkOverlay, FormKind, presence_rows};

/// The title, lines and rows (border included) of a clerk's overlay.
pub fn contents<C: Clock>(
    app: &App<C>,
    o: &ClerkOverlay,
    theme: Theme,
) -> (&'static str, Vec<Line<'static>>, u16) {
    let lang = app.lang;
    let plan = app.meeting.plan();
    let state = app.meeting.state();
    let pick = |sel: bool, text: String| {
        Line::styled(
            format!("{} {text}", if sel { "▶" } else { " " }),
            if sel { theme.selected() } else { theme.base() },
        )
    };
    let factions = &plan.factions;
    let checklist = |selected: usize, chosen: &[String]| -> Vec<Line<'static>> {
        let mut lines: Vec<Line> = factions
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let on = chosen.contains(&f.short);
                pick(
                    i == selected,
                    format!("[{}] {:<6} {}", if on { "x" } else { " " }, f.short, f.name),
                )
            })
            .collect();
        lines.push(Line::styled(lang.text("clerk.checklist_hint"), theme.dim()));
        lines
    };
    match o {
        ClerkOverlay::Advice { selected } => {
            let current = state.outcomes.advice;
            let mut lines: Vec<Line> = ADVICE
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let mark = if current == Some(*a) { " ✓" } else { "" };
                    pick(
                        i == *selected,
                        format!(
                            "{} {}{mark}",
                            i + 1,
                            crate::meeting::texts::advice_text(*a, lang)
                        ),
                    )
                })
                .collect();
            lines.push(Line::styled(lang.text("clerk.advice_hint"), theme.dim()));
            let h = lines.len() as u16 + 2;
            (lang.text("clerk.advice"), lines, h)
        }
        ClerkOverlay::Requesters { selected, chosen } => {
            let lines = checklist(*selected, chosen);
            let h = lines.len() as u16 + 2;
            (lang.text("clerk.requesters"), lines, h)
        }
        ClerkOverlay::MotionFactions {
            selected, chosen, ..
        } => {
            let lines = checklist(*selected, chosen);
            let h = lines.len() as u16 + 2;
            (lang.text("clerk.motion_factions"), lines, h)
        }
        ClerkOverlay::Presence { selected } => {
            let p = &state.outcomes.presence;
            let mut lines: Vec<Line> = presence_rows(app)
                .into_iter()
                .enumerate()
                .map(|(i, (who, label))| {
                    let (mark, word) = match p.get(&who) {
                        Some(true) => ("x", lang.text("clerk.present")),
                        Some(false) => (" ", lang.text("clerk.absent")),
                        None => ("?", lang.text("clerk.unrecorded")),
                    };
                    let name = match &who {
                        crate::meeting::Present::Faction(c)
                        | crate::meeting::Present::College(c) => c.clone(),
                    };
                    pick(
                        i == *selected,
                        format!("[{mark}] {name:<18} {label:<16} {word}"),
                    )
                })
                .collect();
            lines.push(Line::styled(lang.text("clerk.presence_hint"), theme.dim()));
            let h = lines.len() as u16 + 2;
            (lang.text("clerk.presence"), lines, h)
        }
        ClerkOverlay::Form(form) => {
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
            lines.push(Line::styled(
                lang.text(if multi {
                    "clerk.form_hint_multi"
                } else {
                    "clerk.form_hint"
                }),
                theme.dim(),
            ));
            let title = match &form.kind {
                FormKind::Note { .. } => "clerk.form.note",
                FormKind::Commitment { .. } => "clerk.form.commitment",
                FormKind::ActionPoint { .. } => "clerk.form.action_point",
                FormKind::Motion { .. } => "clerk.form.motion",
                FormKind::Conclusion => "clerk.form.conclusion",
                FormKind::PositionNote { .. } => "clerk.form.position",
            };
            let h = lines.len() as u16 + 2;
            (lang.text(title), lines, h)
        }
    }
}
