//! The clerk's overlays: the advice, the checklists of factions, the
//! presence list and the forms, each as its popup.

use ratatui::text::{Line, Span};

use super::popup::Popup;
use super::theme::Theme;
use crate::clock::Clock;
use crate::tui::app::App;
use crate::tui::clerk::{ADVICE, presence_rows};
use crate::tui::overlay::{ClerkOverlay, FormKind, Picker};

/// The popup of a clerk's overlay.
pub fn popup<C: Clock>(app: &App<C>, o: &ClerkOverlay, theme: Theme) -> Popup<'static> {
    let lang = app.lang;
    let plan = app.meeting.plan();
    let state = app.meeting.state();
    let hint = lang.text("ui.esc_closes");
    // A list with its hint under it.
    let list =
        |title: &'static str, items: Vec<Line<'static>>, picker: &Picker, tail: &'static str| {
            let mut p = Popup::new(title, Vec::new(), hint, theme);
            p.list = Some((items, picker.state()));
            p.tail = vec![Line::styled(lang.text(tail), theme.dim())];
            p
        };
    let factions = &plan.factions;
    let checklist = |chosen: &[String]| -> Vec<Line<'static>> {
        factions
            .iter()
            .map(|f| {
                let on = chosen.contains(&f.short);
                Line::raw(format!(
                    "[{}] {:<6} {}",
                    if on { "x" } else { " " },
                    f.short,
                    f.name
                ))
            })
            .collect()
    };
    match o {
        ClerkOverlay::Advice { picker } => {
            let current = state.outcomes.advice;
            let items = ADVICE
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let mark = if current == Some(*a) { " ✓" } else { "" };
                    Line::raw(format!(
                        "{} {}{mark}",
                        i + 1,
                        crate::meeting::texts::advice_text(*a, lang)
                    ))
                })
                .collect();
            list(
                lang.text("clerk.advice"),
                items,
                picker,
                "clerk.advice_hint",
            )
        }
        ClerkOverlay::Requesters { picker, chosen } => list(
            lang.text("clerk.requesters"),
            checklist(chosen),
            picker,
            "clerk.checklist_hint",
        ),
        ClerkOverlay::MotionFactions { picker, chosen, .. } => list(
            lang.text("clerk.motion_factions"),
            checklist(chosen),
            picker,
            "clerk.checklist_hint",
        ),
        ClerkOverlay::Presence { picker } => {
            let p = &state.outcomes.presence;
            let items = presence_rows(app.meeting.plan())
                .into_iter()
                .map(|(who, label)| {
                    let (mark, word) = match p.get(&who) {
                        Some(true) => ("x", lang.text("clerk.present")),
                        Some(false) => (" ", lang.text("clerk.absent")),
                        None => ("?", lang.text("clerk.unrecorded")),
                    };
                    let name = match &who {
                        crate::meeting::Present::Faction(c)
                        | crate::meeting::Present::College(c) => c.clone(),
                    };
                    Line::raw(format!("[{mark}] {name:<18} {label:<16} {word}"))
                })
                .collect();
            list(
                lang.text("clerk.presence"),
                items,
                picker,
                "clerk.presence_hint",
            )
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
    }
}
