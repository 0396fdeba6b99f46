//! The chair's windows that add a speaker.

use ratatui::text::{Line, Span};
use ratatui_textarea::TextArea;

use super::super::popup::Popup;
use super::super::theme::Theme;
use super::{text_line, window};
use crate::tui::describe;
use crate::tui::overlay::{Ctx, PickFor, Picker, college_choices, filtered_factions};

/// Pick a faction: the filter typed so far, then the factions that match.
pub fn factions(purpose: PickFor, picker: &Picker, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let plan = ctx.plan;
    let filter = picker.filter();
    let list = filtered_factions(plan, filter);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", lang.text("ui.filter")), theme.dim()),
        Span::styled(format!("{filter}▏"), theme.bold()),
    ])];
    if list.is_empty() {
        lines.push(Line::styled(lang.text("ui.no_match"), theme.dim()));
    }
    let items = list
        .iter()
        .map(|(short, name)| Line::raw(format!("{short:<6} {name}")))
        .collect();
    let title = match purpose {
        PickFor::Queue => lang.text("ui.pick_faction"),
        PickFor::Interrupt => lang.text("ui.pick_interrupter"),
    };
    let mut p = window(title, lines, ctx, theme);
    p.list = Some((items, picker.state()));
    p
}

/// The faction's speaker (optional), with the members as a reminder.
pub fn member(faction: &str, input: &TextArea<'_>, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let plan = ctx.plan;
    let f = describe::faction_name(faction, plan);
    let mut lines = vec![Line::raw(lang.fill("ui.member_for", &[("faction", &f)]))];
    lines.push(text_line(input, theme));
    let members = plan
        .factions
        .iter()
        .find(|x| x.short == faction)
        .map(|x| x.members.join(", "))
        .unwrap_or_default();
    if !members.is_empty() {
        lines.push(Line::styled(
            lang.fill("ui.members", &[("names", &members)]),
            theme.dim(),
        ));
    }
    lines.push(Line::styled(lang.text("ui.member_hint"), theme.dim()));
    window(lang.text("ui.add_faction_speaker"), lines, ctx, theme)
}

/// The registered insprekers, then "new inspreker" and "new presenter".
pub fn public(picker: &Picker, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let plan = ctx.plan;
    let reg = &plan.session.public_speakers;
    let mut lines = Vec::new();
    if plan.session.public_speaking.is_none() {
        lines.push(Line::styled(lang.text("ui.no_public_right"), theme.warn()));
    }
    let items = reg
        .iter()
        .map(|p| {
            let org = p.organisation.clone().unwrap_or_default();
            Line::raw(format!("{}  {org}", p.name))
        })
        .chain(
            ["ui.new_public", "ui.new_presenter"]
                .into_iter()
                .map(|key| Line::raw(lang.text(key))),
        )
        .collect();
    let mut p = window(lang.text("ui.add_public"), lines, ctx, theme);
    p.list = Some((items, picker.state()));
    p
}

/// A new inspreker or presenter: name and organisation.
pub fn new_public(
    name: &TextArea<'_>,
    organisation: &TextArea<'_>,
    on_name: bool,
    presenter: bool,
    ctx: &Ctx,
    theme: Theme,
) -> Popup<'static> {
    let lang = ctx.lang;
    let label = |t: &'static str, focus: bool| {
        Span::styled(
            format!("{}{} ", if focus { "▶ " } else { "  " }, lang.text(t)),
            if focus { theme.bold() } else { theme.dim() },
        )
    };
    let mut l1 = vec![label("ui.input.name", on_name)];
    l1.extend(text_line(name, theme).spans);
    let mut l2 = vec![label("ui.input.organisation", !on_name)];
    l2.extend(text_line(organisation, theme).spans);
    let lines = vec![
        Line::from(l1),
        Line::from(l2),
        Line::styled(lang.text("ui.new_public_hint"), theme.dim()),
    ];
    let title = if presenter {
        lang.text("ui.add_presenter")
    } else {
        lang.text("ui.add_public")
    };
    window(title, lines, ctx, theme)
}

/// The college, portfolio holder first.
pub fn college(picker: &Picker, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let plan = ctx.plan;
    let list = college_choices(plan);
    let mut lines = Vec::new();
    if list.is_empty() {
        lines.push(Line::styled(lang.text("ui.no_college"), theme.dim()));
    }
    let items = list
        .iter()
        .map(|(name, role, holder)| {
            let tag = if *holder {
                format!(" · {}", lang.text("ui.kind.portfolio_holder"))
            } else {
                String::new()
            };
            Line::raw(format!("{name}  {role}{tag}"))
        })
        .collect();
    let mut p = window(lang.text("ui.add_college"), lines, ctx, theme);
    p.list = Some((items, picker.state()));
    p
}
