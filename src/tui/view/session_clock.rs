//! The session clock: what is left of the session (or how long it took),
//! its state in words, the planned end and a gauge.

use chrono::Duration;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Widget};

use super::draw::{Ctx, render_lines, section};
use super::time::{countdown, elapsed};

pub struct SessionClock<'a> {
    /// The plan, state, time, language and styles it draws from.
    pub ctx: Ctx<'a>,
}

impl Widget for SessionClock<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.ctx.lang;
        let block = section(lang.text("ui.session"), self.ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let st = self.ctx.state;
        let dur = self.ctx.plan.session.duration_min;
        let remaining = st.session_remaining_ms(dur, self.ctx.now);
        let (time, words, style) = match remaining {
            None => (
                format!("{dur}:00"),
                lang.text("ui.session.not_open").to_owned(),
                self.ctx.theme.dim(),
            ),
            Some(r) => {
                let closed = st.closed_at.zip(st.opened_at);
                // Closed: how long it took, not what was left.
                let time = match closed {
                    Some((c, o)) => elapsed(crate::clock::ms_between(o, c)),
                    None => countdown(r),
                };
                let (words, style) = if let Some((c, _)) = closed {
                    (
                        lang.fill("ui.session.closed", &[("time", &c.format("%H:%M"))]),
                        self.ctx.theme.bold(),
                    )
                } else if st.in_recess() {
                    let recess = st.recesses.last().map_or(0, |x| x.ms(self.ctx.now));
                    (
                        lang.fill("ui.session.recess", &[("time", &elapsed(recess))]),
                        self.ctx.theme.warn(),
                    )
                } else if r <= 0 {
                    (
                        lang.text("ui.session.over").to_owned(),
                        self.ctx.theme.over(),
                    )
                } else if r <= 10 * 60_000 {
                    (
                        lang.fill("ui.session.ending", &[("min", &((r + 59_999) / 60_000))]),
                        self.ctx.theme.warn(),
                    )
                } else {
                    (
                        lang.text("ui.session.running").to_owned(),
                        self.ctx.theme.bold(),
                    )
                };
                (time, words, style)
            }
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{time} "), self.ctx.theme.bold()),
            Span::styled(words, style),
        ])];
        let s = &self.ctx.plan.session;
        let mut ends = Vec::new();
        if let Some(opened) = st.opened_at {
            let end = opened + Duration::minutes(i64::from(dur));
            ends.push(lang.fill("ui.session.planned_end", &[("time", &end.format("%H:%M"))]));
        }
        if let Some(start) = self.ctx.plan.start {
            let slot_end = start + Duration::minutes(i64::from(s.duration_min));
            ends.push(lang.fill(
                "ui.session.slot",
                &[
                    ("from", &start.format("%H:%M")),
                    ("to", &slot_end.format("%H:%M")),
                ],
            ));
        }
        if !ends.is_empty() {
            lines.push(Line::styled(ends.join(" · "), self.ctx.theme.dim()));
        }
        let text_h = lines.len() as u16;
        render_lines(&lines, inner, buf);
        if inner.height > text_h {
            let gauge_area = Rect {
                y: inner.y + text_h,
                height: 1,
                ..inner
            };
            let total = i64::from(dur) * 60_000;
            let used = remaining.map_or(0, |r| total - r);
            let ratio = if total > 0 {
                (used as f64 / total as f64).clamp(0.0, 1.0)
            } else {
                0.0
            };
            LineGauge::default()
                .ratio(ratio)
                .label("")
                .filled_style(style)
                .render(gauge_area, buf);
        }
    }
}
