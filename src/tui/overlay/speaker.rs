//! The chair's windows that add a speaker: a faction (type to filter),
//! then its member (see `name`); an inspreker (registered or new), a
//! presenter or an official; a member of the college.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{Ctx, Dest, NameFor, Outcome, Overlay, PickFor, Picker};
use crate::meeting::{Action, Speaker};
use crate::sanitize::{Lines, clean};
use crate::session::SessionPlan;

/// Who a name-and-organisation window adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewKind {
    /// An inspreker (organisation optional).
    Public,
    /// A presenter (organisation optional).
    Presenter,
    /// An official (ambtenaar), with a function.
    Official,
}

/// A one-line text input with a placeholder.
pub fn single_line(placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_placeholder_text(placeholder.to_owned());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

/// A one-line input holding `text`, the cursor at its end.
pub fn filled(placeholder: &str, text: &str) -> TextArea<'static> {
    let mut t = single_line(placeholder);
    t.insert_str(text);
    t
}

/// The text of a one-line input, cleaned.
fn text(t: &TextArea) -> String {
    clean(&t.lines().join(" "), Lines::Single).text.into_owned()
}

/// The factions that match a filter (code or name, case-insensitive).
pub fn filtered_factions(plan: &SessionPlan, filter: &str) -> Vec<(String, String)> {
    let f = filter.to_lowercase();
    plan.factions
        .iter()
        .filter(|x| {
            f.is_empty()
                || x.short.to_lowercase().contains(&f)
                || x.name.to_lowercase().contains(&f)
        })
        .map(|x| (x.short.clone(), x.name.clone()))
        .collect()
}

/// The college, portfolio holder first.
pub fn college_choices(plan: &SessionPlan) -> Vec<(String, String, bool)> {
    let holder = &plan.session.portfolio_holder;
    let mut v: Vec<(String, String, bool)> = plan
        .college
        .iter()
        .map(|m| (m.name.clone(), m.role.clone(), &m.name == holder))
        .collect();
    if !holder.is_empty() && !v.iter().any(|c| c.2) {
        v.push((holder.clone(), "wethouder".to_owned(), true));
    }
    v.sort_by_key(|c| !c.2);
    v
}

/// Enter on a faction: its speaker, its interrupter or its
/// fractievertegenwoordiger is named next.
pub fn faction_key(purpose: PickFor, picker: &mut Picker, key: KeyEvent, ctx: &Ctx) -> Outcome {
    let list = filtered_factions(ctx.plan, picker.filter());
    if key.code == KeyCode::Enter
        && let Some((short, _)) = list.get(picker.selected())
    {
        let faction = short.clone();
        let (who, dest) = match purpose {
            PickFor::Interrupt => (NameFor::Faction(faction), Dest::Interrupt),
            PickFor::Queue => (NameFor::Faction(faction), Dest::Queue),
            PickFor::Representative => (NameFor::Representative(faction), Dest::Queue),
        };
        return Outcome::Open(super::name::window(who, dest, None));
    }
    picker.key(key, list.len());
    Outcome::Keep
}

/// The registered insprekers, then "new inspreker", then "new presenter".
pub fn public_key(picker: &mut Picker, key: KeyEvent, ctx: &Ctx) -> Outcome {
    let registered = &ctx.plan.session.public_speakers;
    let selected = picker.selected();
    if key.code == KeyCode::Enter {
        return match registered.get(selected) {
            Some(p) => Outcome::Act(Action::Queue(Speaker::Public {
                name: p.name.clone(),
                organisation: p.organisation.clone(),
            })),
            None => Outcome::Open(Overlay::NewPublic {
                name: single_line(ctx.lang.text("ui.input.name")),
                organisation: single_line(ctx.lang.text("ui.input.organisation")),
                on_name: true,
                kind: if selected > registered.len() {
                    NewKind::Presenter
                } else {
                    NewKind::Public
                },
                dest: Dest::Queue,
            }),
        };
    }
    picker.key(key, registered.len() + 2);
    Outcome::Keep
}

/// A new inspreker, presenter or official: a name (required) and an
/// organisation (or function).
pub fn new_public_key(
    name: &mut TextArea<'static>,
    organisation: &mut TextArea<'static>,
    on_name: &mut bool,
    kind: NewKind,
    dest: Dest,
    key: KeyEvent,
) -> Outcome {
    match key.code {
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => *on_name = !*on_name,
        KeyCode::Enter => {
            let n = text(name);
            if n.is_empty() {
                *on_name = true;
                return Outcome::Keep;
            }
            let org = text(organisation);
            let organisation = (!org.is_empty()).then_some(org);
            return Outcome::Act(dest.action(match kind {
                NewKind::Presenter => Speaker::Presenter {
                    name: n,
                    organisation,
                },
                NewKind::Public => Speaker::Public {
                    name: n,
                    organisation,
                },
                NewKind::Official => Speaker::Official {
                    name: n,
                    function: organisation,
                },
            }));
        }
        _ => {
            if *on_name {
                name.input(key);
            } else {
                organisation.input(key);
            }
        }
    }
    Outcome::Keep
}

/// Enter queues the chosen member of the college (or puts them in the
/// place of the entry edited).
pub fn college_key(picker: &mut Picker, dest: Dest, key: KeyEvent, ctx: &Ctx) -> Outcome {
    let list = college_choices(ctx.plan);
    if key.code == KeyCode::Enter
        && let Some((name, role, _)) = list.get(picker.selected())
    {
        return Outcome::Act(dest.action(Speaker::College {
            name: name.clone(),
            role: role.clone(),
        }));
    }
    picker.key(key, list.len());
    Outcome::Keep
}
