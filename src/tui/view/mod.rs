//! Drawing the chair's screen: a pure function of the app state and `now`.
//!
//! `Screen` lays the screen out; each panel is a small widget in a file of
//! its own that borrows only what it draws. Styles are in `theme`, the
//! `m:ss` helpers in `time`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::App;
use super::mode::View;
use crate::clock::{Clock, Ts};

mod agenda;
mod clerk_panels;
mod draw;
mod factions;
mod header;
mod next;
mod overlay;
mod popup;
mod queue;
mod session_clock;
mod speaker;
mod status;
mod theme;
mod time;

pub use theme::Theme;
pub use time::{countdown, elapsed, speech_state, speech_time};

use agenda::Agenda;
use clerk_panels::ClerkBody;
use draw::Ctx;
use factions::Factions;
use header::Header;
use next::{Commitments, Spoken, Upcoming};
use queue::Queue;
use session_clock::SessionClock;
use speaker::Speaker;
use status::{MessageLine, StatusLine};

/// The smallest terminal the full screen is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub struct Screen<'a, C: Clock> {
    pub app: &'a App<C>,
    pub now: Ts,
    pub theme: Theme,
}

impl<C: Clock> Widget for Screen<'_, C> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            self.too_small(area, buf);
            return;
        }
        let header_h = if area.height >= 32 { 2 } else { 1 };
        let (lang, theme) = (self.app.lang, self.theme);
        let ctx = Ctx {
            plan: self.app.meeting.plan(),
            state: self.app.meeting.state(),
            now: self.now,
            lang,
            theme,
        };
        let message_line = MessageLine {
            message: self.app.message.as_ref(),
            notices: &self.app.notices,
            lang,
            theme,
        };
        // A message is wrapped, never cut: its way out is often at the end.
        let message_h = message_line.height(area);
        let [header, body, message, status] = area.layout(&Layout::vertical([
            Constraint::Length(header_h),
            Constraint::Fill(1),
            Constraint::Length(message_h),
            Constraint::Length(1),
        ]));
        Header { ctx }.render(header, buf);
        if self.app.view == View::Clerk {
            ClerkBody { app: self.app, ctx }.render(body, buf);
        } else {
            self.chair_body(ctx, body, buf);
        }
        message_line.render(message, buf);
        StatusLine {
            keys: {
                let st = self.app.meeting.state();
                let view = self.app.view;
                let width = usize::from(area.width)
                    .saturating_sub(lang.text("ui.saved_short").chars().count() + 3);
                self.app.keymap().footer_for(
                    lang,
                    |c| crate::tui::avail::footer_priority(view, st, c),
                    width,
                )
            },
            journal: self.app.meeting.journal_path(),
            lang,
            theme,
        }
        .render(status, buf);
        if let Some(open) = &self.app.overlay {
            let ctx = self.app.overlay_ctx();
            overlay::popup(open, &ctx, area, theme).render(area, buf);
        }
    }
}

impl<C: Clock> Screen<'_, C> {
    /// The chair's body: clock, agenda, speaker, queue and factions, in
    /// three columns from 120 wide, else in two.
    fn chair_body(&self, ctx: Ctx, body: Rect, buf: &mut Buffer) {
        let clock = SessionClock { ctx };
        let agenda = Agenda {
            ctx,
            wrap: body.width >= 120,
        };
        let speaker = Speaker {
            ctx,
            thresholds: self.app.meeting.thresholds(),
        };
        let queue = Queue {
            ctx,
            selected: self.app.selected,
        };
        let factions = Factions { ctx };
        if body.width >= 120 {
            // Left: the session, the whole agenda, the items still to come,
            // who spoke on this item. Right: the speaker across the top in
            // digits that grow; under it the queue and the toezeggingen
            // beside the factions. Lists share what is left evenly, so no
            // column ends in a tall empty block.
            let extra = body.width - 120;
            let [left, right] = body.layout(
                &Layout::horizontal([
                    Constraint::Length((40 + extra / 4).min(56)),
                    Constraint::Fill(1),
                ])
                .spacing(1),
            );
            let clock_h = clock.height(left.width);
            let agenda_h = agenda
                .height_at(left.width)
                .min(left.height.saturating_sub(clock_h + 3));
            let [clock_area, agenda_area, upcoming_area, spoken_area] =
                left.layout(&Layout::vertical([
                    Constraint::Length(clock_h),
                    Constraint::Length(agenda_h),
                    Constraint::Fill(1),
                    Constraint::Fill(1),
                ]));
            clock.render(clock_area, buf);
            agenda.render(agenda_area, buf);
            Upcoming { ctx }.render(upcoming_area, buf);
            Spoken { ctx }.render(spoken_area, buf);
            let [speaker_area, below] = right.layout(&Layout::vertical([
                Constraint::Length(speaker.height(right)),
                Constraint::Fill(1),
            ]));
            speaker.render(speaker_area, buf);
            let [lists, factions_col] = below.layout(
                &Layout::horizontal([
                    Constraint::Fill(1),
                    Constraint::Length((40 + extra / 8).min(50)),
                ])
                .spacing(1),
            );
            let [queue_area, commitments_area] = lists.layout(&Layout::vertical([
                Constraint::Fill(1),
                Constraint::Fill(1),
            ]));
            queue.render(queue_area, buf);
            Commitments { ctx }.render(commitments_area, buf);
            factions.render(factions_col, buf);
        } else {
            let [left, right] = body.layout(
                &Layout::horizontal([Constraint::Fill(1), Constraint::Length(35)]).spacing(1),
            );
            // Priorities: the speaker's time, the session clock, the queue.
            let speaker_h = speaker.height(left).min(left.height.saturating_sub(8));
            let clock_h = clock
                .height(left.width)
                .min(left.height.saturating_sub(speaker_h + 3))
                .min(5);
            let [clock_area, speaker_area, queue_area] = left.layout(&Layout::vertical([
                Constraint::Length(clock_h),
                Constraint::Length(speaker_h),
                Constraint::Fill(1),
            ]));
            clock.render(clock_area, buf);
            speaker.render(speaker_area, buf);
            queue.render(queue_area, buf);
            // Every faction stays visible; the agenda scrolls around the
            // current item in what is left.
            let factions_h = factions.height();
            let agenda_h = agenda
                .height()
                .min(right.height.saturating_sub(factions_h).max(4));
            let [agenda_area, factions_area] = right.layout(&Layout::vertical([
                Constraint::Length(agenda_h),
                Constraint::Fill(1),
            ]));
            agenda.render(agenda_area, buf);
            factions.render(factions_area, buf);
        }
    }

    fn too_small(&self, area: Rect, buf: &mut Buffer) {
        let text = self.app.lang.fill(
            "ui.too_small",
            &[
                ("width", &area.width),
                ("height", &area.height),
                ("min_width", &MIN_WIDTH),
                ("min_height", &MIN_HEIGHT),
            ],
        );
        // The one thing a chair still needs: the speaker's time.
        let mut lines = vec![Line::styled(text, self.theme.bold())];
        if let Some(s) = self.app.meeting.state().active_speech() {
            let time = speech_time(s, self.now);
            let words = speech_state(s, self.now, self.app.meeting.thresholds(), self.app.lang);
            lines.push(Line::styled(
                format!("{time} {words}"),
                self.theme
                    .level(s.level(self.now, self.app.meeting.thresholds())),
            ));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Center)
            .render(area, buf);
    }
}
