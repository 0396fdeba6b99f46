//! The clerk's lists in a window: the advice, the factions that asked for
//! a bespreekstuk or announce a motion (checklists), and the presence.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{ClerkOverlay, Ctx, Field, Form, FormKind, Outcome, Overlay, Picker};
use crate::meeting::{Action, Advice, Present};
use crate::session::SessionPlan;

/// The advice options in the order the picker shows them.
pub const ADVICE: [Advice; 5] = [
    Advice::Informed,
    Advice::Hamerstuk,
    Advice::Bespreekstuk,
    Advice::NotReady,
    Advice::Postponed,
];

/// Who can be marked present, in order: each faction followed by the
/// members its list names, then the college.
pub fn presence_rows(plan: &SessionPlan) -> Vec<(Present, String)> {
    plan.factions
        .iter()
        .flat_map(|f| {
            std::iter::once((Present::Faction(f.short.clone()), f.name.clone())).chain(
                f.members.iter().map(|m| {
                    (
                        Present::Member {
                            faction: f.short.clone(),
                            name: m.clone(),
                        },
                        f.short.clone(),
                    )
                }),
            )
        })
        .chain(
            plan.college
                .iter()
                .map(|m| (Present::College(m.name.clone()), m.role.clone())),
        )
        .collect()
}

/// What the presence list shows for a row: as the clerk recorded it, and
/// a faction with a member marked present as present.
pub fn presence_mark(
    presence: &std::collections::BTreeMap<Present, bool>,
    who: &Present,
) -> Option<bool> {
    let member_here = |code: &str| {
        presence.iter().any(|(m, here)| {
            *here && matches!(m, Present::Member { faction, .. } if faction == code)
        })
    };
    match who {
        Present::Faction(code) if member_here(code) => Some(true),
        _ => presence.get(who).copied(),
    }
}

fn toggle(list: &mut Vec<String>, code: &str) {
    if let Some(i) = list.iter().position(|c| c == code) {
        list.remove(i);
    } else {
        list.push(code.to_owned());
    }
}

/// The factions ticked, in the order of the council, whatever order they
/// were ticked in.
fn in_council_order(chosen: &[String], factions: &[String]) -> Vec<String> {
    let mut chosen = chosen.to_vec();
    chosen.sort_by_key(|c| factions.iter().position(|f| f == c));
    chosen
}

impl ClerkOverlay {
    /// A key on one of the clerk's windows.
    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Outcome {
        let factions: Vec<String> = ctx.plan.factions.iter().map(|f| f.short.clone()).collect();
        match self {
            ClerkOverlay::Advice { picker } => match key.code {
                KeyCode::Enter => {
                    let advice = ADVICE[picker.selected().min(ADVICE.len() - 1)];
                    if advice == Advice::Bespreekstuk {
                        Outcome::Open(Overlay::Clerk(ClerkOverlay::Requesters {
                            picker: Picker::at(0),
                            chosen: ctx.state.outcomes.requested_by.clone(),
                        }))
                    } else {
                        Outcome::Act(Action::SetAdvice(Some(advice), Vec::new()))
                    }
                }
                KeyCode::Delete | KeyCode::Backspace => {
                    Outcome::Act(Action::SetAdvice(None, Vec::new()))
                }
                KeyCode::Char(c @ '1'..='5') => {
                    picker.select((c as u8 - b'1') as usize);
                    Outcome::Keep
                }
                _ => {
                    picker.key(key, ADVICE.len());
                    Outcome::Keep
                }
            },
            ClerkOverlay::Requesters { picker, chosen } => match key.code {
                KeyCode::Char(' ') => {
                    if let Some(code) = factions.get(picker.selected()) {
                        toggle(chosen, code);
                    }
                    Outcome::Keep
                }
                KeyCode::Enter => Outcome::Act(Action::SetAdvice(
                    Some(Advice::Bespreekstuk),
                    in_council_order(chosen, &factions),
                )),
                _ => {
                    picker.key(key, factions.len());
                    Outcome::Keep
                }
            },
            ClerkOverlay::MotionFactions {
                picker,
                chosen,
                edit,
                kind,
                title,
            } => match key.code {
                KeyCode::Char(' ') => {
                    if let Some(code) = factions.get(picker.selected()) {
                        toggle(chosen, code);
                    }
                    Outcome::Keep
                }
                // The title next (or the draft left with Esc).
                KeyCode::Enter if !chosen.is_empty() => {
                    Outcome::Open(Overlay::Clerk(ClerkOverlay::Form(Form {
                        kind: FormKind::Motion {
                            edit: *edit,
                            factions: in_council_order(chosen, &factions),
                            kind: *kind,
                        },
                        fields: vec![Field::new("clerk.field.motion_title", title, false)],
                        focus: 0,
                    })))
                }
                _ => {
                    picker.key(key, factions.len());
                    Outcome::Keep
                }
            },
            ClerkOverlay::Presence { picker } => {
                let rows = presence_rows(ctx.plan);
                match key.code {
                    KeyCode::Char(' ') | KeyCode::Enter => {
                        if let Some((who, label)) = rows.get(picker.selected()) {
                            let presence = &ctx.state.outcomes.presence;
                            // A faction with a member marked present is
                            // present: marking it absent would change
                            // nothing the record says.
                            if let Present::Faction(code) = who {
                                let members: Vec<String> = presence
                                    .iter()
                                    .filter_map(|(m, here)| match m {
                                        Present::Member { faction, name }
                                            if *here && faction == code =>
                                        {
                                            Some(name.clone())
                                        }
                                        _ => None,
                                    })
                                    .collect();
                                if !members.is_empty() {
                                    return Outcome::Say(ctx.lang.fill(
                                        "clerk.present_by_member",
                                        &[("faction", label), ("members", &members.join(", "))],
                                    ));
                                }
                            }
                            let now = presence.get(who).copied();
                            return Outcome::Then(Action::SetPresence(
                                who.clone(),
                                now != Some(true),
                            ));
                        }
                        Outcome::Keep
                    }
                    _ => {
                        picker.key(key, rows.len());
                        Outcome::Keep
                    }
                }
            }
            ClerkOverlay::Form(form) => form.key(key),
        }
    }
}
