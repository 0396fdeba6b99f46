//! The clerk's lists in a window: the advice, the checklists of factions
//! and the presence, each a list with its hint under it.

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::super::popup::Popup;
use super::super::theme::Theme;
use crate::meeting::Present;
use crate::tui::overlay::{ADVICE, ClerkOverlay, Ctx, Picker, presence_mark, presence_rows};

/// The popup of one of the clerk's windows.
pub fn popup(o: &ClerkOverlay, ctx: &Ctx, area: Rect, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let plan = ctx.plan;
    let state = ctx.state;
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
            let items = presence_rows(plan)
                .into_iter()
                .map(|(who, label)| {
                    let (mark, word) = match presence_mark(p, &who) {
                        Some(true) => ("x", lang.text("clerk.present")),
                        Some(false) => (" ", lang.text("clerk.absent")),
                        None => ("?", lang.text("clerk.unrecorded")),
                    };
                    match &who {
                        Present::Faction(c) | Present::College(c) => {
                            Line::raw(format!("[{mark}] {c:<20} {label:<16} {word}"))
                        }
                        // A faction's member, under the faction.
                        Present::Member { name, .. } => {
                            Line::raw(format!("[{mark}]   · {name:<33} {word}"))
                        }
                    }
                })
                .collect();
            list(
                lang.text("clerk.presence"),
                items,
                picker,
                "clerk.presence_hint",
            )
        }
        ClerkOverlay::Form(form) => super::form::popup(form, ctx, area, theme),
    }
}
