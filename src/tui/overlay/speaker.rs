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

/// An inspreker registered in the session file, as a speaker.
pub fn registered_public(p: &crate::session::PublicSpeaker) -> Speaker {
    Speaker::Public {
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        salutation: p.salutation.clone(),
    }
}

/// A presenter named in the session file, as a speaker.
pub fn registered_presenter(p: &crate::session::Presenter) -> Speaker {
    Speaker::Presenter {
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        function: p.function.clone(),
    }
}

/// An official named in the session file, as a speaker.
pub fn registered_official(o: &crate::session::Official) -> Speaker {
    Speaker::Official {
        name: o.name.clone(),
        function: o.function.clone(),
    }
}

/// The registered insprekers and presenters, then "new inspreker", then
/// "new presenter".
pub fn public_key(picker: &mut Picker, key: KeyEvent, ctx: &Ctx) -> Outcome {
    let session = &ctx.plan.session;
    let known: Vec<Speaker> = session
        .public_speakers
        .iter()
        .map(registered_public)
        .chain(session.presenters.iter().map(registered_presenter))
        .collect();
    let selected = picker.selected();
    if key.code == KeyCode::Enter {
        return match known.get(selected) {
            Some(s) => Outcome::Act(Action::Queue(s.clone())),
            None => {
                let kind = if selected > known.len() {
                    NewKind::Presenter
                } else {
                    NewKind::Public
                };
                Outcome::Open(Overlay::NewPublic(PersonForm::new(
                    kind,
                    Dest::Queue,
                    None,
                    ctx.lang,
                )))
            }
        };
    }
    picker.key(key, known.len() + 2);
    Outcome::Keep
}

/// The officials of the session file, then "new official".
pub fn official_key(picker: &mut Picker, key: KeyEvent, ctx: &Ctx) -> Outcome {
    let known = &ctx.plan.session.officials;
    if key.code == KeyCode::Enter {
        return match known.get(picker.selected()) {
            Some(o) => Outcome::Act(Action::Queue(registered_official(o))),
            None => Outcome::Open(Overlay::NewPublic(PersonForm::new(
                NewKind::Official,
                Dest::Queue,
                None,
                ctx.lang,
            ))),
        };
    }
    picker.key(key, known.len() + 1);
    Outcome::Keep
}

/// A new inspreker, presenter or official, with what the record says of
/// them: an inspreker's salutation and organisation, a presenter's
/// function and organisation, an official's function. Only the name is
/// required.
#[derive(Clone, Debug)]
pub struct PersonForm {
    pub kind: NewKind,
    pub dest: Dest,
    /// The inputs, the name first; labels from [`PersonForm::labels`].
    pub inputs: Vec<TextArea<'static>>,
    pub focus: usize,
}

impl PersonForm {
    /// The label keys of the fields of `kind`, in order.
    pub fn labels(kind: NewKind) -> &'static [&'static str] {
        match kind {
            NewKind::Public => &[
                "ui.input.name",
                "ui.input.organisation",
                "ui.input.salutation",
            ],
            NewKind::Presenter => &[
                "ui.input.name",
                "ui.input.organisation",
                "ui.input.function",
            ],
            NewKind::Official => &["ui.input.name", "ui.input.function"],
        }
    }

    /// The window for `kind`, filled from `from` (the queued entry edited).
    pub fn new(
        kind: NewKind,
        dest: Dest,
        from: Option<&Speaker>,
        lang: crate::i18n::Lang,
    ) -> PersonForm {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let values: Vec<String> = match from {
            Some(Speaker::Public {
                name,
                organisation,
                salutation,
            }) => vec![name.clone(), opt(organisation), opt(salutation)],
            Some(Speaker::Presenter {
                name,
                organisation,
                function,
            }) => vec![name.clone(), opt(organisation), opt(function)],
            Some(Speaker::Official { name, function }) => vec![name.clone(), opt(function)],
            _ => Vec::new(),
        };
        let inputs = Self::labels(kind)
            .iter()
            .enumerate()
            .map(|(i, label)| filled(lang.text(label), values.get(i).map_or("", |v| v)))
            .collect();
        PersonForm {
            kind,
            dest,
            inputs,
            focus: 0,
        }
    }

    /// Field `i`, cleaned; `None` when empty.
    fn value(&self, i: usize) -> Option<String> {
        let t = self.inputs.get(i).map(text).unwrap_or_default();
        (!t.is_empty()).then_some(t)
    }

    /// The speaker the form names; `None` without a name.
    pub fn speaker(&self) -> Option<Speaker> {
        let name = self.value(0)?;
        Some(match self.kind {
            NewKind::Public => Speaker::Public {
                name,
                organisation: self.value(1),
                salutation: self.value(2),
            },
            NewKind::Presenter => Speaker::Presenter {
                name,
                organisation: self.value(1),
                function: self.value(2),
            },
            NewKind::Official => Speaker::Official {
                name,
                function: self.value(1),
            },
        })
    }

    /// Text pasted goes into the field that has the focus.
    pub fn paste(&mut self, text: &str) {
        if let Some(input) = self.inputs.get_mut(self.focus) {
            input.insert_str(text);
        }
    }

    /// Tab and the arrows move between the fields; Enter adds (or
    /// corrects) the speaker once a name is given.
    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        let n = self.inputs.len();
        match key.code {
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n - 1) % n,
            KeyCode::Enter => match self.speaker() {
                Some(s) => return Outcome::Act(self.dest.action(s)),
                None => self.focus = 0,
            },
            _ => {
                if let Some(input) = self.inputs.get_mut(self.focus) {
                    input.input(key);
                }
            }
        }
        Outcome::Keep
    }
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
