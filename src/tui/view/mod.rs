//! Drawing the chair's screen: a pure function of the app state and `now`.
//!
//! `Screen` lays the screen out; each panel is a small widget in a file of
//! its own that borrows only what it draws. Styles are in `theme`, the
//! `m:ss` helpers in `time`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

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
pub use time::{countdown, elapsed, level_words, speech_state, speech_time};

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
        self.draw(area, buf, true, &mut TimerPanels::default());
    }
}

/// What, besides the seconds of the running timers, the chair's screen
/// shows that can change with time alone: the wall clock's minute in the
/// header, and the minutes an item has been current (the agenda's
/// "used/planned", the expected starts of the items still to come). Two
/// moments with the same key and nothing else changed draw the same screen
/// except in the panels [`Screen::render_timers`] draws again.
pub fn minute_key<C: Clock>(app: &App<C>, now: Ts) -> (i64, i64) {
    let st = app.meeting.state();
    let item = st
        .current_item
        .map_or(-1, |i| st.item_used_ms(i, now).div_euclid(60_000));
    (now.timestamp().div_euclid(60), item)
}

impl<C: Clock> Screen<'_, C> {
    /// Draw only the panels that show a running timer's seconds (the
    /// session clock, the speaker, the factions' times, who spoke on this
    /// item) over `buf`, which holds the last full frame drawn at a moment
    /// with the same [`minute_key`] and nothing else changed since: a
    /// wake on a second costs a fraction of a full frame. Falls back to a
    /// full frame where that does not hold (the clerk's view, a window
    /// open, a terminal too small).
    ///
    /// `panels` keeps, from one call to the next, what the redrawn panels
    /// held before (so the caller can send only the cells that changed)
    /// and the factions' seconds last drawn (the factions' panel is drawn
    /// again only when those changed). Only where
    /// [`Screen::draws_timers_only`] says so; a full frame otherwise.
    pub fn render_timers(self, area: Rect, buf: &mut Buffer, panels: &mut TimerPanels) {
        if self.draws_timers_only(area) {
            self.draw(area, buf, false, panels);
        } else {
            buf.reset();
            panels.before.clear();
            panels.factions = None;
            self.draw(area, buf, true, panels);
        }
    }

    /// Whether [`Screen::render_timers`] can draw only the timers' panels:
    /// the chair's view, no window open, a terminal large enough.
    pub fn draws_timers_only(&self, area: Rect) -> bool {
        self.app.view == View::Chair
            && self.app.overlay.is_none()
            && area.width >= MIN_WIDTH
            && area.height >= MIN_HEIGHT
    }

    /// The whole screen (`full`), or only its timers' panels; what those
    /// panels held before.
    fn draw(self, area: Rect, buf: &mut Buffer, full: bool, panels: &mut TimerPanels) {
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
        let mut pass = Pass {
            full,
            before: &mut panels.before,
            used: 0,
        };
        if self.app.view == View::Clerk {
            ClerkBody { app: self.app, ctx }.render(body, buf);
        } else {
            // The factions' panel changes by the second only in the times of
            // the factions whose member speaks (or interrupts).
            let st = ctx.state;
            let seconds: Vec<(String, i64)> = st
                .speech
                .iter()
                .chain(st.interruption.iter())
                .filter(|s| s.is_running())
                .filter_map(|s| s.speaker.faction())
                .map(|f| {
                    (
                        f.to_owned(),
                        st.faction_usage(f, self.now).ms.div_euclid(1000),
                    )
                })
                .collect();
            let factions = full || panels.factions.as_ref() != Some(&seconds);
            panels.factions = Some(seconds);
            self.chair_body(ctx, body, buf, &mut pass, factions);
        }
        if !full {
            pass.before.truncate(pass.used);
            return;
        }
        Header { ctx }.render(header, buf);
        message_line.render(message, buf);
        StatusLine {
            keys: {
                let width = usize::from(area.width)
                    .saturating_sub(lang.text("ui.saved_short").chars().count() + 3);
                self.app.keymap().footer_for(
                    lang,
                    |c| crate::tui::avail::app_footer_priority(self.app, c),
                    width,
                )
            },
            journal: self.app.meeting.journal_path(),
            link: self.app.meeting.link_status(),
            lang,
            theme,
        }
        .render(status, buf);
        if let Some(open) = &self.app.overlay {
            let ctx = self.app.overlay_ctx();
            overlay::render(open, &ctx, area, theme, buf);
        }
    }
}

/// What a timers-only frame keeps from one wake to the next (see
/// [`Screen::render_timers`]).
#[derive(Default)]
pub struct TimerPanels {
    /// The redrawn panels as they were before the last timers-only frame,
    /// each with its area.
    pub before: Vec<Buffer>,
    /// The running factions' shown seconds when their panel was last drawn.
    factions: Option<Vec<(String, i64)>>,
}

/// One drawing of the chair's body: all of it, or only the panels that
/// show seconds, keeping what each of those held before (in `before`,
/// whose first `used` buffers are this drawing's).
struct Pass<'b> {
    full: bool,
    before: &'b mut Vec<Buffer>,
    used: usize,
}

impl Pass<'_> {
    /// Draw a panel that shows seconds: at every wake. When not `full`, it
    /// is cleared first, as a fresh frame would be.
    fn timer(&mut self, area: Rect, buf: &mut Buffer, draw: impl FnOnce(Rect, &mut Buffer)) {
        let area = area.intersection(buf.area);
        if !self.full {
            if self.before.len() <= self.used {
                self.before.push(Buffer::empty(area));
            }
            let old = &mut self.before[self.used];
            if old.area != area {
                *old = Buffer::empty(area);
            }
            self.used += 1;
            let w = usize::from(area.width);
            for (y, row) in (area.y..area.bottom()).enumerate() {
                let from = buf.index_of(area.x, row);
                old.content[y * w..(y + 1) * w].clone_from_slice(&buf.content[from..from + w]);
            }
            Clear.render(area, buf);
        }
        draw(area, buf);
    }
}

impl<C: Clock> Screen<'_, C> {
    /// The chair's body: clock, agenda, speaker, queue and factions, in
    /// three columns from 120 wide, else in two.
    /// Only the panels with a running timer's seconds when not `full`;
    /// those are cleared first, as a fresh frame would be.
    /// `faction_clock`: the factions' panel is drawn too.
    fn chair_body(
        &self,
        ctx: Ctx,
        body: Rect,
        buf: &mut Buffer,
        pass: &mut Pass,
        faction_clock: bool,
    ) {
        let full = pass.full;
        let clock = SessionClock::new(ctx);
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
            pass.timer(clock_area, buf, |a, b| clock.render(a, b));
            if full {
                agenda.render(agenda_area, buf);
                Upcoming { ctx }.render(upcoming_area, buf);
            }
            pass.timer(spoken_area, buf, |a, b| Spoken { ctx }.render(a, b));
            let [speaker_area, below] = right.layout(&Layout::vertical([
                Constraint::Length(speaker.height(right)),
                Constraint::Fill(1),
            ]));
            pass.timer(speaker_area, buf, |a, b| speaker.render(a, b));
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
            if full {
                queue.render(queue_area, buf);
                Commitments { ctx }.render(commitments_area, buf);
            }
            if full || faction_clock {
                pass.timer(factions_col, buf, |a, b| factions.render(a, b));
            }
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
            pass.timer(clock_area, buf, |a, b| clock.render(a, b));
            pass.timer(speaker_area, buf, |a, b| speaker.render(a, b));
            if full {
                queue.render(queue_area, buf);
            }
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
            if full {
                agenda.render(agenda_area, buf);
            }
            if full || faction_clock {
                pass.timer(factions_area, buf, |a, b| factions.render(a, b));
            }
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
