//! The chair's windows that add a speaker.

use crate::tui::overlay::speaker::{
    PersonForm, registered_official, registered_presenter, registered_public,
};
use ratatui::text::{Line, Span};

use super::super::popup::Popup;
use super::super::theme::Theme;
use super::{text_line, window};
use crate::tui::describe;
use crate::tui::overlay::{
    Ctx, Dest, NameFor, NameRow, NewKind, PickFor, Picker, college_choices, filtered_factions,
    name_rows,
};

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
        PickFor::Representative => lang.text("ui.pick_representative_faction"),
    };
    let mut p = window(title, lines, ctx, theme);
    p.list = Some((items, picker.state()));
    p
}

/// A name from the list: what was typed, then the rows that match
/// ("namens de fractie", members or chairs, a new name).
pub fn name(who: &NameFor, dest: Dest, picker: &Picker, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let plan = ctx.plan;
    let filter = picker.filter();
    let mut lines = Vec::new();
    if let NameFor::Faction(f) | NameFor::Representative(f) = who {
        let f = describe::faction_name(f, plan);
        lines.push(Line::raw(
            lang.fill("ui.name.for_faction", &[("faction", &f)]),
        ));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", lang.text("ui.name.typed")), theme.dim()),
        Span::styled(format!("{filter}▏"), theme.bold()),
    ]));
    let rows = name_rows(plan, who, filter);
    if rows.is_empty() {
        lines.push(Line::styled(lang.text("ui.name.type_one"), theme.dim()));
    }
    let items = rows
        .iter()
        .map(|r| match r {
            NameRow::OnBehalf => Line::styled(lang.text("ui.name.on_behalf"), theme.bold()),
            NameRow::Known(n) => Line::raw(n.clone()),
            NameRow::New(n) => Line::raw(lang.fill("ui.name.new", &[("name", n)])),
        })
        .collect();
    let title = match (who, dest) {
        (_, Dest::Edit(_)) => lang.text("ui.name.edit"),
        (_, Dest::Interrupt) => lang.text("ui.pick_interrupter"),
        (NameFor::Faction(_), _) => lang.text("ui.add_faction_speaker"),
        (NameFor::Representative(_), _) => lang.text("ui.add_representative"),
        (NameFor::Chair, _) => lang.text("ui.add_chair"),
    };
    let mut p = window(title, lines, ctx, theme);
    p.list = Some((items, picker.state()));
    p.tail = vec![Line::styled(lang.text("ui.name.hint"), theme.dim())];
    p
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
    let session = &plan.session;
    let items = reg
        .iter()
        .map(registered_public)
        .chain(session.presenters.iter().map(registered_presenter))
        .map(|s| known_line(&s, ctx))
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

/// A speaker known from the session file: name, then kind and
/// affiliation ("dhr. Methorst  Inspreker · stichting 't Neutje").
fn known_line(s: &crate::meeting::Speaker, ctx: &Ctx) -> Line<'static> {
    Line::raw(format!(
        "{}  {}",
        describe::name(s, ctx.plan),
        describe::who(s, ctx.lang, ctx.plan)
    ))
}

/// The officials of the session file, then "new official".
pub fn officials(picker: &Picker, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let items = ctx
        .plan
        .session
        .officials
        .iter()
        .map(|o| known_line(&registered_official(o), ctx))
        .chain(std::iter::once(Line::raw(lang.text("ui.new_official"))))
        .collect();
    let mut p = window(lang.text("ui.add_official"), Vec::new(), ctx, theme);
    p.list = Some((items, picker.state()));
    p
}

/// A new inspreker, presenter or official: name and organisation (or
/// function).
pub fn new_public(form: &PersonForm, ctx: &Ctx, theme: Theme) -> Popup<'static> {
    let lang = ctx.lang;
    let label = |t: &'static str, focus: bool| {
        Span::styled(
            format!("{}{} ", if focus { "▶ " } else { "  " }, lang.text(t)),
            if focus { theme.bold() } else { theme.dim() },
        )
    };
    let mut lines: Vec<Line<'static>> = PersonForm::labels(form.kind)
        .iter()
        .zip(&form.inputs)
        .enumerate()
        .map(|(i, (l, input))| {
            let mut spans = vec![label(l, i == form.focus)];
            spans.extend(text_line(input, theme).spans);
            Line::from(spans)
        })
        .collect();
    lines.push(Line::styled(lang.text("ui.new_public_hint"), theme.dim()));
    let title = match (form.kind, form.dest) {
        (_, Dest::Edit(_)) => lang.text("ui.name.edit"),
        (NewKind::Presenter, _) => lang.text("ui.add_presenter"),
        (NewKind::Official, _) => lang.text("ui.add_official"),
        (NewKind::Public, _) => lang.text("ui.add_public"),
    };
    window(title, lines, ctx, theme)
}

/// The college, portfolio holder first.
pub fn college(picker: &Picker, dest: Dest, ctx: &Ctx, theme: Theme) -> Popup<'static> {
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
    let title = match dest {
        Dest::Edit(_) => lang.text("ui.name.edit"),
        _ => lang.text("ui.add_college"),
    };
    let mut p = window(title, lines, ctx, theme);
    p.list = Some((items, picker.state()));
    p
}
