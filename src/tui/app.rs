//! The application state of the chair's screen and what each key does.
//!
//! Keys become [`Action`]s on the [`Meeting`]; the meeting writes them to
//! the journal before anything changes. This module has no drawing code and
//! no terminal I/O, so it is tested with a fake clock and plain key events.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::describe;
use super::keymap::{self, Command, Keymap};
pub use super::mode::{Section, View};
use super::overlay::{self, Ctx, Outcome};
pub use super::overlay::{
    ClerkOverlay, Dest, Form, NameFor, NameRow, NewKind, Overlay, PickFor, Picker,
};
use crate::clock::{Clock, Ts};
use crate::i18n::Lang;
use crate::meeting::{Action, Level, Meeting, Refusal, Speaker, SpeechKind};

/// What the main loop should do after a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Continue,
    Quit,
}

/// A message in the status area: an error stays until acknowledged (Esc),
/// information goes away by itself after a few seconds.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Error(String),
    Info { text: String, until: Ts },
}

pub struct App<C: Clock> {
    pub meeting: Meeting<C>,
    pub lang: Lang,
    pub overlay: Option<Overlay>,
    /// Selected queue entry (index).
    pub selected: usize,
    pub message: Option<Message>,
    /// Notices from opening the journal, shown until acknowledged.
    pub notices: Vec<String>,
    pub bell: bool,
    /// The speech (or interruption) whose limit bell has rung.
    pub rung: Option<u64>,
    pub view: View,
    pub clerk_section: Section,
    pub clerk_row: usize,
    /// Forms closed with Esc (or Ctrl-C) before they were saved, one per
    /// kind of form; the same key brings each back.
    pub drafts: Vec<Form>,
    /// The drift of the wall clock from the meeting's clock that was last
    /// said (on screen and in the journal), in milliseconds.
    pub drift_said: i64,
    /// The last check of the journal at a wake failed (and said so): the
    /// wakes do not try again until an action was written.
    pub journal_check_failed: bool,
    /// The join links when the session is served (`--serve`), set by the
    /// caller after [`App::new`]; empty otherwise.
    pub links: Vec<(crate::meeting::remote::Access, String)>,
}

impl<C: Clock> App<C> {
    pub fn new(meeting: Meeting<C>, lang: Lang, bell: bool, notices: Vec<String>) -> Self {
        App {
            meeting,
            lang,
            overlay: None,
            selected: 0,
            message: None,
            notices,
            bell,
            rung: None,
            view: View::Chair,
            clerk_section: Section::Positions,
            clerk_row: 0,
            drafts: Vec::new(),
            drift_said: 0,
            journal_check_failed: false,
            links: Vec::new(),
        }
    }

    /// Compare the wall clock with the meeting's clock. When they drifted
    /// more than [`crate::clock::DRIFT_NOTICE_MS`] further apart than was
    /// last said, say so once: a notice on screen and a `ClockStepped`
    /// event in the journal. Cheap (two clock reads); called at the wakes
    /// the screen has anyway. True when the screen changed.
    pub fn check_clock(&mut self) -> bool {
        let drift = self.meeting.wall_drift_ms();
        if (drift - self.drift_said).abs() <= crate::clock::DRIFT_NOTICE_MS {
            return false;
        }
        self.drift_said = drift;
        let result = self.meeting.record_clock_step(drift);
        for n in self.meeting.take_notices() {
            self.notices.push(n.message(self.lang));
        }
        match result {
            Ok(record) => {
                let wall = match record.event {
                    crate::meeting::Event::ClockStepped { wall, .. } => wall,
                    _ => record.at,
                };
                let plan = self.meeting.plan();
                let (wall, at) = (plan.local(wall), plan.local(record.at));
                self.notices.push(self.lang.fill(
                    "clock.stepped",
                    &[
                        ("drift", &crate::clock::drift_text(drift)),
                        ("wall", &wall.format("%H:%M:%S")),
                        ("now", &at.format("%H:%M:%S")),
                    ],
                ));
            }
            Err(Refusal::Journal(e)) => {
                self.message = Some(Message::Error(e.message(self.lang)));
            }
            Err(_) => {}
        }
        true
    }

    /// Is the journal still at its path ([`Meeting::check_journal`])? A
    /// journal deleted while the chair works is written again at once, with
    /// a notice. Cheap (a `stat` and an `fstat`); called at the wakes the
    /// screen has anyway. True when the screen changed.
    pub fn check_journal(&mut self) -> bool {
        if self.journal_check_failed {
            return false;
        }
        let result = self.meeting.check_journal();
        let mut changed = false;
        for n in self.meeting.take_notices() {
            self.notices.push(n.message(self.lang));
            changed = true;
        }
        if let Err(e) = result {
            self.journal_check_failed = true;
            self.message = Some(Message::Error(e.message(self.lang)));
            changed = true;
        }
        changed
    }

    /// A request from another laptop (`hamer run --serve`): done as the
    /// key would be, and answered only once it is written and flushed. An
    /// id the journal has already is answered with its event, never done
    /// twice.
    pub fn serve_request(&mut self, request: crate::meeting::remote::Request) {
        use crate::meeting::remote::Reply;
        let crate::meeting::remote::Request {
            id,
            access,
            action,
            lang,
            reply,
        } = request;
        if let Some(seq) = self.meeting.client_seq(&id) {
            reply(Reply::Done { seq });
            return;
        }
        if !access.allows(&action) {
            let why = describe::refusal(&Refusal::NotAllowed, lang);
            reply(Reply::Refused { why });
            return;
        }
        let result = self.meeting.act_from(action, Some(id));
        for n in self.meeting.take_notices() {
            self.notices.push(n.message(self.lang));
        }
        match result {
            Ok(done) => {
                self.journal_check_failed = false;
                self.clamp_selection();
                reply(Reply::Done {
                    seq: done.record.seq,
                });
            }
            Err(Refusal::Journal(e)) => {
                // Not the action's fault: the client keeps it and sends it
                // again once the journal can be written.
                self.message = Some(Message::Error(e.message(self.lang)));
                reply(Reply::Unavailable {
                    why: e.message(lang),
                });
            }
            Err(refusal) => {
                let why = describe::refusal(&refusal, lang);
                reply(Reply::Refused { why });
            }
        }
    }

    /// A replica (`hamer join`): take in the events that arrived, and say
    /// what the writer refused. True when the screen changed.
    pub fn sync_remote(&mut self) -> bool {
        let (changed, refused, broken) = self.meeting.sync();
        if changed {
            self.clamp_selection();
        }
        let said = !refused.is_empty() || broken.is_some();
        if !refused.is_empty() {
            let why = refused.join(" · ");
            self.message = Some(Message::Error(
                self.lang.fill("join.refused", &[("why", &why)]),
            ));
        }
        if let Some(why) = broken {
            self.message = Some(Message::Error(why));
        }
        changed || said
    }

    /// After a fail-over (`hamer run FILE --journal REPLICA`): do what the
    /// clerk's laptop had kept in `<replica>.pending` and not yet got
    /// answered, each once (an id the journal has is passed by), then
    /// empty the pending file. Said as a notice.
    pub fn apply_pending(&mut self) {
        use crate::meeting::remote::{append_pending, pending_path, read_pending, rewrite_pending};
        if self.meeting.is_replica() {
            return;
        }
        let path = pending_path(self.meeting.journal_path());
        let pending = read_pending(&path);
        if pending.is_empty() {
            return;
        }
        // Refused actions are kept beside it, with their text, and named.
        let refused_file = crate::fsio::with_suffix(&path, ".refused");
        let (mut done, mut refused) = (0, 0);
        let mut left = Vec::new();
        let mut stopped = None;
        for p in pending {
            if stopped.is_some() {
                left.push(p);
                continue;
            }
            if self.meeting.client_seq(&p.id).is_some() {
                continue;
            }
            match self.meeting.act_from(p.action.clone(), Some(p.id.clone())) {
                Ok(_) => done += 1,
                // The journal cannot be written: this one and the rest stay
                // pending for the next start.
                Err(Refusal::Journal(e)) => {
                    stopped = Some(e.message(self.lang));
                    left.push(p);
                }
                Err(_) => {
                    refused += 1;
                    let _ = append_pending(&refused_file, &p);
                }
            }
        }
        let _ = rewrite_pending(&path, &left);
        self.notices.push(self.lang.fill(
            "join.pending_applied",
            &[("done", &done), ("refused", &refused)],
        ));
        if refused > 0 {
            self.notices.push(
                self.lang
                    .fill("join.pending_refused", &[("path", &refused_file.display())]),
            );
        }
        if let Some(why) = stopped {
            self.message = Some(Message::Error(why));
        }
    }

    /// Do an action; true when it was done (refusals and errors are shown).
    /// On a replica (`hamer join`), done is handed to the link: the action
    /// is on disk in the pending file and its event follows.
    pub(crate) fn do_action(&mut self, action: Action) -> bool {
        let before = self.meeting.state().last_seq;
        let sent = self.act_or_send(action);
        sent || self.meeting.state().last_seq != before
    }

    pub fn now(&self) -> Ts {
        self.meeting.now()
    }

    pub(crate) fn info(&mut self, text: String) {
        let until = self.now() + chrono::Duration::seconds(5);
        self.message = Some(Message::Info { text, until });
    }

    /// Do an action; a refusal becomes a message, a journal error a banner.
    fn act(&mut self, action: Action) {
        self.act_or_send(action);
    }

    /// [`App::act`]; true when a replica handed the action to its link
    /// (see [`App::do_action`]).
    fn act_or_send(&mut self, action: Action) -> bool {
        let closing = matches!(action, Action::Close);
        // A note taken in the chair's view is the chair's to undo.
        let action = match action {
            Action::Note(t) if self.view == View::Chair => Action::ChairNote(t),
            a => a,
        };
        if self.meeting.is_replica() {
            // Another laptop writes: the action goes there, and its event
            // comes back over the link.
            return match self.meeting.send(action) {
                Ok(()) => true,
                Err(refusal) => {
                    let text = describe::refusal(&refusal, self.lang);
                    self.info(text);
                    false
                }
            };
        }
        let result = self.meeting.act(action);
        for n in self.meeting.take_notices() {
            self.notices.push(n.message(self.lang));
        }
        match result {
            Ok(done) => {
                self.journal_check_failed = false;
                if let Some(undone) = done.undone {
                    let what = describe::event(&undone.event, self.lang, self.meeting.plan());
                    self.info(self.lang.fill("ui.undone", &[("what", &what)]));
                } else if let Some(redone) = done.redone {
                    let what = describe::event(&redone.event, self.lang, self.meeting.plan());
                    self.info(self.lang.fill("ui.redone", &[("what", &what)]));
                } else if closing {
                    // What is refused from now on, and the way back.
                    self.info(self.lang.text("ui.closed_hint").to_owned());
                } else if matches!(self.message, Some(Message::Info { .. })) {
                    self.message = None;
                }
                self.clamp_selection();
            }
            Err(Refusal::Journal(e)) => {
                self.message = Some(Message::Error(e.message(self.lang)));
            }
            Err(refusal) => {
                let text = describe::refusal(&refusal, self.lang);
                self.info(text);
            }
        }
        false
    }

    fn clamp_selection(&mut self) {
        let len = self.meeting.state().queue.len();
        if self.selected >= len {
            self.selected = len.saturating_sub(1);
        }
    }

    /// Ring the bell once when the active speech reaches its limit.
    /// Returns true when the bell should sound now.
    pub fn bell_due(&mut self, now: Ts) -> bool {
        let state = self.meeting.state();
        let Some(s) = state.active_speech() else {
            return false;
        };
        if s.level(now, self.meeting.thresholds()) == Level::Over && self.rung != Some(s.id) {
            self.rung = Some(s.id);
            return self.bell;
        }
        false
    }

    /// Expire an information message whose time is up; true if it changed.
    pub fn expire(&mut self, now: Ts) -> bool {
        if let Some(Message::Info { until, .. }) = &self.message
            && *until <= now
        {
            self.message = None;
            return true;
        }
        false
    }

    /// Text pasted into the terminal (bracketed paste) goes to the input
    /// that has the focus, if any.
    pub fn paste(&mut self, text: &str) {
        if self.paste_into_form(text) {
            return;
        }
        let clean = crate::sanitize::clean(text, crate::sanitize::Lines::Single).text;
        match &mut self.overlay {
            Some(Overlay::Name { picker, .. }) => picker.type_text(&clean),
            Some(Overlay::NewPublic(form)) => form.paste(&clean),
            Some(Overlay::Factions { picker, .. }) => picker.type_text(&clean),
            _ => {}
        }
    }

    /// The key table of the view on screen.
    pub fn keymap(&self) -> &'static Keymap {
        match self.view {
            View::Chair => &keymap::CHAIR,
            View::Clerk => &keymap::CLERK,
        }
    }

    /// A key: an open window gets it first; otherwise the view's table
    /// names the command.
    pub fn handle_key(&mut self, key: KeyEvent) -> Control {
        if key.kind != KeyEventKind::Press {
            return Control::Continue;
        }
        if self.overlay.is_some() {
            if keymap::CTRL_C.matches(key) {
                // A half-written form is kept as a draft, and quitting then
                // asks first.
                if let Some(Overlay::Clerk(ClerkOverlay::Form(_))) = &self.overlay
                    && let Some(Overlay::Clerk(ClerkOverlay::Form(form))) = self.overlay.take()
                {
                    self.keep_draft(form);
                }
                return self.ask_quit();
            }
            return self.overlay_key(key);
        }
        match self.keymap().lookup(key) {
            Some(command) => self.run(command),
            None => Control::Continue,
        }
    }

    /// Do what a command says.
    pub(crate) fn run(&mut self, command: Command) -> Control {
        // After the close, a window that would name a speaker is not
        // opened only to be refused at its end: the refusal is said now.
        let names_a_speaker = matches!(
            command,
            Command::AddFaction
                | Command::AddPublic
                | Command::AddCollege
                | Command::AddChair
                | Command::AddOfficial
                | Command::AddRepresentative
                | Command::EditSpeaker
                | Command::Interrupt
        );
        if names_a_speaker && self.meeting.state().closed_at.is_some() {
            self.info(describe::refusal(&Refusal::Closed, self.lang));
            return Control::Continue;
        }
        match command {
            Command::Open => self.act(Action::Open),
            Command::Close => self.close(),
            Command::NextItem => self.next_item(),
            Command::PreviousItem => self.act(Action::PreviousItem),
            Command::AddFaction => self.pick_faction(PickFor::Queue),
            Command::Interrupt => {
                let state = self.meeting.state();
                if state.speech.is_none() {
                    self.info(describe::refusal(&Refusal::NoSpeech, self.lang));
                } else if state.interruption.is_some() {
                    self.info(describe::refusal(&Refusal::AlreadyInterrupted, self.lang));
                } else if state.in_recess() {
                    self.info(describe::refusal(&Refusal::InRecess, self.lang));
                } else {
                    self.pick_faction(PickFor::Interrupt);
                }
            }
            Command::AddPublic => {
                self.overlay = Some(Overlay::Public {
                    picker: Picker::at(0),
                })
            }
            Command::AddCollege => {
                self.overlay = Some(Overlay::College {
                    picker: Picker::at(0),
                    dest: Dest::Queue,
                })
            }
            Command::AddChair => {
                self.overlay = Some(overlay::name::window(NameFor::Chair, Dest::Queue, None))
            }
            Command::AddOfficial => {
                self.overlay = Some(if self.meeting.plan().session.officials.is_empty() {
                    self.new_person(NewKind::Official, None)
                } else {
                    Overlay::Officials {
                        picker: Picker::at(0),
                    }
                })
            }
            Command::AddRepresentative => self.pick_faction(PickFor::Representative),
            Command::EditSpeaker => self.edit_speaker(),
            Command::StartNext => self.act(Action::StartNext),
            Command::TogglePause => self.act(Action::TogglePause),
            Command::End => self.act(Action::End),
            Command::MoreTime => self.act(Action::AdjustLimit(30)),
            Command::LessTime => self.act(Action::AdjustLimit(-30)),
            Command::SelectUp => self.selected = self.selected.saturating_sub(1),
            Command::SelectDown => {
                let len = self.meeting.state().queue.len();
                if self.selected + 1 < len {
                    self.selected += 1;
                }
            }
            Command::MoveUp => self.move_selected(-1),
            Command::MoveDown => self.move_selected(1),
            Command::RemoveSpeaker => {
                if let Some(e) = self.meeting.state().queue.get(self.selected) {
                    let id = e.id;
                    self.act(Action::RemoveQueue(id));
                }
            }
            Command::Recess => self.recess(),
            Command::PreviousList => self.step_section(-1),
            Command::NextList => self.step_section(1),
            Command::RowUp => self.step_row(true),
            Command::RowDown => self.step_row(false),
            Command::Position(stance) => self.set_stance(stance),
            Command::EditRow => self.edit_selected(),
            Command::RemoveRow => self.remove_selected(),
            Command::Advice => self.pick_advice(),
            Command::Commitment => self.overlay = Some(self.commitment_form(None)),
            Command::Motion => self.overlay = Some(self.motion_factions(None)),
            Command::ActionPoint => self.overlay = Some(self.action_point_form(None)),
            Command::Conclusion => self.overlay = Some(self.conclusion_form()),
            Command::Presence => {
                self.overlay = Some(Overlay::Clerk(ClerkOverlay::Presence {
                    picker: Picker::at(0),
                }))
            }
            Command::Note => self.overlay = Some(self.note_form(None)),
            Command::Export => self.export_markdown(),
            // Not served: say how to serve the session.
            Command::Links => match overlay::links::window(&self.links) {
                Some(open) => self.overlay = Some(open),
                None => self.info(self.lang.text("ui.links.not_served").to_owned()),
            },
            Command::Undo => self.act(Action::Undo(self.view.role())),
            Command::Redo => self.act(Action::Redo(self.view.role())),
            Command::SwitchView
                if self.meeting.access() == crate::meeting::remote::Access::Clerk =>
            {
                self.info(self.lang.text("join.clerk_only").to_owned());
            }
            Command::SwitchView => {
                self.view = match self.view {
                    View::Chair => View::Clerk,
                    View::Clerk => View::Chair,
                };
            }
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::Dismiss => {
                self.message = None;
                self.notices.clear();
            }
            Command::Quit => return self.ask_quit(),
            // The session picker's own; never bound on these screens.
            Command::First | Command::Last | Command::Choose => {}
        }
        // A form left with Esc comes back as it was.
        self.restore_draft();
        Control::Continue
    }

    /// `]`: while a speech runs, ask what becomes of it; otherwise on at
    /// once (a refusal, when there is no next item, is said at once too).
    fn next_item(&mut self) {
        let state = self.meeting.state();
        let next = state.current_item.map_or(0, |i| i + 1);
        let asks = state.speech.is_some()
            && state.closed_at.is_none()
            && next < self.meeting.plan().session.agenda.len();
        if asks {
            self.overlay = Some(Overlay::NextItem {
                picker: Picker::at(0),
            });
        } else {
            self.act(Action::NextItem { end_speech: true });
        }
    }

    /// `c`: close, after a question while a speech, an interruption or a
    /// recess runs (closing ends them).
    fn close(&mut self) {
        let state = self.meeting.state();
        let runs = state.speech.is_some() || state.interruption.is_some() || state.in_recess();
        if runs && state.is_open() {
            self.overlay = Some(Overlay::ConfirmClose);
        } else {
            self.act(Action::Close);
        }
    }

    /// `s`: ask how long a recess takes; while one runs, end it.
    fn recess(&mut self) {
        let state = self.meeting.state();
        if state.in_recess() {
            self.act(Action::ToggleRecess);
        } else if state.closed_at.is_some() {
            // The engine says why not.
            self.act(Action::Recess(None));
        } else {
            self.overlay = Some(Overlay::RecessMinutes {
                input: String::new(),
            });
        }
    }

    /// A window for a new inspreker, presenter or official (or for the
    /// queued entry `edit`, filled with what it says).
    fn new_person(&self, kind: NewKind, edit: Option<(crate::meeting::Id, &Speaker)>) -> Overlay {
        Overlay::NewPublic(overlay::speaker::PersonForm::new(
            kind,
            edit.map_or(Dest::Queue, |(id, _)| Dest::Edit(id)),
            edit.map(|(_, s)| s),
            self.lang,
        ))
    }

    /// `E`: correct the selected queue entry in the window that named it,
    /// filled with what it says now.
    fn edit_speaker(&mut self) {
        let Some(entry) = self.meeting.state().queue.get(self.selected) else {
            self.info(describe::refusal(&Refusal::QueueEmpty, self.lang));
            return;
        };
        let (id, speaker) = (entry.id, entry.speaker.clone());
        let dest = Dest::Edit(id);
        let named = |who, name: Option<&str>| overlay::name::window(who, dest, name);
        self.overlay = Some(match &speaker {
            Speaker::Faction { faction, name } => {
                named(NameFor::Faction(faction.clone()), name.as_deref())
            }
            Speaker::Representative { faction, name } => {
                named(NameFor::Representative(faction.clone()), Some(name))
            }
            Speaker::Chair { name } => named(NameFor::Chair, Some(name)),
            Speaker::Public { .. } => self.new_person(NewKind::Public, Some((id, &speaker))),
            Speaker::Presenter { .. } => self.new_person(NewKind::Presenter, Some((id, &speaker))),
            Speaker::Official { .. } => self.new_person(NewKind::Official, Some((id, &speaker))),
            Speaker::College { name, .. } => {
                let at = self
                    .college_choices()
                    .iter()
                    .position(|c| &c.0 == name)
                    .unwrap_or(0);
                Overlay::College {
                    picker: Picker::at(at),
                    dest,
                }
            }
        });
    }

    fn pick_faction(&mut self, purpose: PickFor) {
        self.overlay = Some(Overlay::Factions {
            purpose,
            picker: Picker::filtered(),
        });
    }

    fn ask_quit(&mut self) -> Control {
        let unsaved = !self.drafts.is_empty();
        if (self.meeting.state().active_speech().is_some() || unsaved)
            && !matches!(self.overlay, Some(Overlay::ConfirmQuit))
        {
            self.overlay = Some(Overlay::ConfirmQuit);
            Control::Continue
        } else {
            Control::Quit
        }
    }

    fn move_selected(&mut self, by: isize) {
        let queue = &self.meeting.state().queue;
        let Some(entry) = queue.get(self.selected) else {
            return;
        };
        let to = self.selected as isize + by;
        if to < 0 || to as usize >= queue.len() {
            return;
        }
        let id = entry.id;
        self.act(Action::MoveQueue {
            entry: id,
            to: to as usize,
        });
        self.selected = to as usize;
    }

    /// The factions that match a filter (code or name, case-insensitive).
    pub fn filtered_factions(&self, filter: &str) -> Vec<(String, String)> {
        overlay::filtered_factions(self.meeting.plan(), filter)
    }

    /// The college, portfolio holder first.
    pub fn college_choices(&self) -> Vec<(String, String, bool)> {
        overlay::college_choices(self.meeting.plan())
    }

    /// What a window reads to answer a key and to draw itself.
    pub fn overlay_ctx(&self) -> Ctx<'_> {
        Ctx {
            plan: self.meeting.plan(),
            state: self.meeting.state(),
            lang: self.lang,
            keymap: self.keymap(),
        }
    }

    /// A key on the open window: Esc closes it (a half-written form is
    /// kept as a draft); other keys are the window's, and the app does
    /// what they come to.
    fn overlay_key(&mut self, key: KeyEvent) -> Control {
        let Some(mut open) = self.overlay.take() else {
            return Control::Continue;
        };
        if key.code == KeyCode::Esc {
            if let Overlay::Clerk(ClerkOverlay::Form(form)) = open {
                self.keep_draft(form);
            }
            return Control::Continue;
        }
        match open.key(key, &self.overlay_ctx()) {
            Outcome::Keep => self.overlay = Some(open),
            Outcome::Close => {}
            Outcome::Act(action) => self.act(action),
            Outcome::Then(action) => {
                self.act(action);
                self.overlay = Some(open);
            }
            Outcome::Save(action) => {
                if !self.do_action(action) {
                    self.overlay = Some(open);
                }
            }
            Outcome::Open(next) => {
                self.overlay = Some(next);
                // A form left with Esc comes back as it was.
                self.restore_draft();
            }
            Outcome::Say(text) => {
                self.info(text);
                self.overlay = Some(open);
            }
            Outcome::Quit => return Control::Quit,
        }
        Control::Continue
    }

    /// If the form just opened is the one that was left with Esc, bring
    /// back what was typed.
    pub(crate) fn restore_draft(&mut self) {
        let Some(Overlay::Clerk(ClerkOverlay::Form(open))) = &self.overlay else {
            return;
        };
        if let Some(i) = self
            .drafts
            .iter()
            .position(|d| d.kind.same_slot(&open.kind))
        {
            let mut draft = self.drafts.remove(i);
            // A motion's factions and kind are the ones just chosen.
            if matches!(open.kind, super::overlay::FormKind::Motion { .. }) {
                draft.kind = open.kind.clone();
            }
            self.overlay = Some(Overlay::Clerk(ClerkOverlay::Form(draft)));
        }
    }

    /// Keep a form that has text as a draft (replacing an older draft of
    /// the same form).
    fn keep_draft(&mut self, form: Form) {
        if form.fields.iter().any(|f| !f.text().is_empty()) {
            self.drafts.retain(|d| !d.kind.same_slot(&form.kind));
            self.drafts.push(form);
            self.info(self.lang.text("clerk.draft_kept").to_owned());
        }
    }

    /// Start a speaker directly (used by tests and scripted sessions).
    pub fn start(&mut self, speaker: Speaker, kind: SpeechKind) {
        self.act(Action::Start(speaker, kind));
    }
}
