//! The clerk's view: recording the outcomes while the chair runs the
//! session. Keys here become outcome actions on the same meeting (and
//! journal) as the chair's; forms use ratatui-textarea for real text editing.

use ratatui::crossterm::event::KeyCode;

use super::app::App;
pub use super::mode::{Section, View};
pub use super::overlay::{ADVICE, presence_mark, presence_rows};
use super::overlay::{ClerkOverlay, Field, Form, FormKind, Overlay, Picker};
use crate::clock::Clock;
use crate::meeting::{Action, Id, MotionKind, Stance};
use crate::sanitize::{Lines, clean};

/// Stance keys 1-5 in the positions list (0 clears).
pub const STANCES: [Stance; 5] = [
    Stance::Supports,
    Stance::SupportsWithReservation,
    Stance::Against,
    Stance::Undecided,
    Stance::Absent,
];

fn up_down(selected: &mut usize, len: usize, code: KeyCode) {
    match code {
        KeyCode::Up => *selected = selected.saturating_sub(1),
        KeyCode::Down => *selected = (*selected + 1).min(len.saturating_sub(1)),
        _ => {}
    }
}

impl<C: Clock> App<C> {
    /// The number of rows in a section of the clerk's view.
    pub fn section_len(&self, s: Section) -> usize {
        let o = &self.meeting.state().outcomes;
        match s {
            Section::Positions => self.position_codes().len(),
            Section::Commitments => o.commitments.len(),
            Section::Motions => o.motions.len(),
            Section::ActionPoints => o.action_points.len(),
            Section::Notes => o.notes.len(),
        }
    }

    /// Faction codes in the positions table: the session's, then any the
    /// journal names.
    pub fn position_codes(&self) -> Vec<String> {
        let plan = self.meeting.plan();
        let mut codes: Vec<String> = plan.factions.iter().map(|f| f.short.clone()).collect();
        for code in self.meeting.state().outcomes.positions.keys() {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
        }
        codes
    }

    fn selected_id(&self) -> Option<Id> {
        let o = &self.meeting.state().outcomes;
        let row = self.clerk_row;
        match self.clerk_section {
            Section::Positions => None,
            Section::Commitments => o.commitments.get(row).map(|c| c.id),
            Section::Motions => o.motions.get(row).map(|m| m.id),
            Section::ActionPoints => o.action_points.get(row).map(|a| a.id),
            Section::Notes => o.notes.get(row).map(|n| n.id),
        }
    }

    pub(crate) fn note_form(&self, edit: Option<(Id, String)>) -> Overlay {
        let (edit, text) = match edit {
            Some((id, t)) => (Some(id), t),
            None => (None, String::new()),
        };
        Overlay::Clerk(ClerkOverlay::Form(Form {
            kind: FormKind::Note { edit },
            fields: vec![Field::new("clerk.field.note", &text, false)],
            focus: 0,
        }))
    }

    pub(crate) fn commitment_form(&self, edit: Option<Id>) -> Overlay {
        let o = &self.meeting.state().outcomes;
        let existing = edit.and_then(|id| o.commitments.iter().find(|c| c.id == id));
        let by = existing.map_or_else(
            || self.meeting.plan().session.portfolio_holder.clone(),
            |c| c.by.clone(),
        );
        Overlay::Clerk(ClerkOverlay::Form(Form {
            kind: FormKind::Commitment { edit },
            fields: vec![
                Field::new(
                    "clerk.field.what",
                    existing.map_or("", |c| c.what.as_str()),
                    false,
                ),
                Field::new("clerk.field.by", &by, false),
                Field::new(
                    "clerk.field.due",
                    existing.map_or("", |c| c.due.as_str()),
                    false,
                ),
            ],
            focus: 0,
        }))
    }

    pub(crate) fn action_point_form(&self, edit: Option<Id>) -> Overlay {
        let o = &self.meeting.state().outcomes;
        let existing = edit.and_then(|id| o.action_points.iter().find(|a| a.id == id));
        Overlay::Clerk(ClerkOverlay::Form(Form {
            kind: FormKind::ActionPoint { edit },
            fields: vec![
                Field::new(
                    "clerk.field.action",
                    existing.map_or("", |a| a.text.as_str()),
                    false,
                ),
                Field::new(
                    "clerk.field.owner",
                    existing.map_or("", |a| a.owner.as_str()),
                    false,
                ),
            ],
            focus: 0,
        }))
    }

    pub(crate) fn conclusion_form(&self) -> Overlay {
        let text = self.meeting.state().outcomes.conclusion.clone();
        Overlay::Clerk(ClerkOverlay::Form(Form {
            kind: FormKind::Conclusion,
            fields: vec![Field::new("clerk.field.conclusion", &text, true)],
            focus: 0,
        }))
    }

    pub(crate) fn motion_factions(&self, edit: Option<Id>) -> Overlay {
        let existing = edit.and_then(|id| {
            self.meeting
                .state()
                .outcomes
                .motions
                .iter()
                .find(|m| m.id == id)
                .cloned()
        });
        Overlay::Clerk(ClerkOverlay::MotionFactions {
            picker: Picker::at(0),
            chosen: existing
                .as_ref()
                .map(|m| m.factions.clone())
                .unwrap_or_default(),
            edit,
            kind: existing.as_ref().map_or(MotionKind::Motion, |m| m.kind),
            title: existing.map(|m| m.title).unwrap_or_default(),
        })
    }

    /// Left / Right: the list before or after.
    pub(crate) fn step_section(&mut self, by: isize) {
        self.clerk_section = self.clerk_section.step(by);
        self.clerk_row = 0;
    }

    /// Up / Down in the list.
    pub(crate) fn step_row(&mut self, up: bool) {
        let len = self.section_len(self.clerk_section);
        let code = if up { KeyCode::Up } else { KeyCode::Down };
        up_down(&mut self.clerk_row, len, code);
    }

    /// `a`: the advice picker, on the advice given so far.
    pub(crate) fn pick_advice(&mut self) {
        let current = self.meeting.state().outcomes.advice;
        let selected = current
            .and_then(|a| ADVICE.iter().position(|x| *x == a))
            .unwrap_or(0);
        self.overlay = Some(Overlay::Clerk(ClerkOverlay::Advice {
            picker: Picker::at(selected),
        }));
    }

    /// 1-5 / 0 in the positions list: the selected faction's position,
    /// keeping its note; the selection stays on it.
    pub(crate) fn set_stance(&mut self, stance: Option<Stance>) {
        if self.clerk_section != Section::Positions {
            return;
        }
        let codes = self.position_codes();
        if let Some(faction) = codes.get(self.clerk_row).cloned() {
            let note = self
                .meeting
                .state()
                .outcomes
                .positions
                .get(&faction)
                .map(|p| p.note.clone())
                .unwrap_or_default();
            // The selection stays on the faction, so Enter then opens its
            // note; Down goes on to the next.
            self.do_action(Action::SetPosition {
                faction,
                stance,
                note,
            });
        }
    }

    /// Delete: remove the selected line (positions have none to remove).
    pub(crate) fn remove_selected(&mut self) {
        if let Some(id) = self.selected_id() {
            self.do_action(Action::RemoveOutcome(id));
            let len = self.section_len(self.clerk_section);
            self.clerk_row = self.clerk_row.min(len.saturating_sub(1));
        }
    }

    pub(crate) fn edit_selected(&mut self) {
        let o = &self.meeting.state().outcomes;
        let row = self.clerk_row;
        match self.clerk_section {
            Section::Positions => {
                let codes = self.position_codes();
                let Some(faction) = codes.get(row).cloned() else {
                    return;
                };
                match o.positions.get(&faction) {
                    Some(p) => {
                        let form = Form {
                            kind: FormKind::PositionNote {
                                faction,
                                stance: p.stance,
                            },
                            fields: vec![Field::new("clerk.field.position_note", &p.note, false)],
                            focus: 0,
                        };
                        self.overlay = Some(Overlay::Clerk(ClerkOverlay::Form(form)));
                    }
                    None => self.info(self.lang.text("clerk.stance_first").to_owned()),
                }
            }
            Section::Commitments => {
                if let Some(c) = o.commitments.get(row) {
                    self.overlay = Some(self.commitment_form(Some(c.id)));
                }
            }
            Section::Motions => {
                if let Some(m) = o.motions.get(row) {
                    self.overlay = Some(self.motion_factions(Some(m.id)));
                }
            }
            Section::ActionPoints => {
                if let Some(a) = o.action_points.get(row) {
                    self.overlay = Some(self.action_point_form(Some(a.id)));
                }
            }
            Section::Notes => {
                if let Some(n) = o.notes.get(row) {
                    let edit = Some((n.id, n.text.clone()));
                    self.overlay = Some(self.note_form(edit));
                }
            }
        }
    }

    /// Text pasted into a form goes to its focused field.
    pub(crate) fn paste_into_form(&mut self, text: &str) -> bool {
        if let Some(Overlay::Clerk(ClerkOverlay::Form(form))) = &mut self.overlay {
            let field = &mut form.fields[form.focus];
            let lines = if field.multiline {
                Lines::Multi
            } else {
                Lines::Single
            };
            field.input.insert_str(clean(text, lines).text);
            return true;
        }
        false
    }

    /// `e`: write the Markdown record next to the session file.
    pub(crate) fn export_markdown(&mut self) {
        let now = self.now();
        let record = crate::export::build(self.meeting.plan(), self.meeting.state(), now);
        let text = crate::export::verslag::render(&record, self.lang);
        let path = crate::export::default_markdown_path(&self.meeting.plan().path);
        match crate::export::write_record_beside(&path, &text) {
            Ok(()) => self.info(
                self.lang
                    .fill("clerk.exported", &[("path", &path.display())]),
            ),
            Err(e) => self.message = Some(super::app::Message::Error(e.message(&path, self.lang))),
        }
    }
}
