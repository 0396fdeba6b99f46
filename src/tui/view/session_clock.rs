//! The session clock: one meaning at a time. Before the opening the
//! planned duration; while running what is left of the slot (with a
//! warning at 10 and at 5 minutes), the recess, the current item's
//! countdown and how the session stands against its schedule; closed,
//! how long it took of the planned time and when it closed.

use chrono::Duration;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget, Wrap};

use super::draw::{Ctx, section};
use super::time::{countdown, elapsed};
use crate::meeting::schedule::{self, Phase, Recess, SlotWarning, Standing};

/// The session panel. Its lines are made once (they are drawn at every
/// wake), and their wrapped height is counted once per width.
pub struct SessionClock<'a> {
    /// The plan, state, time, language and styles it draws from.
    pub ctx: Ctx<'a>,
    lines: Vec<Line<'static>>,
    gauge: Option<(f64, Style)>,
    rows: std::cell::Cell<Option<(u16, u16)>>,
}

impl<'a> SessionClock<'a> {
    pub fn new(ctx: Ctx<'a>) -> Self {
        let mut clock = SessionClock {
            ctx,
            lines: Vec::new(),
            gauge: None,
            rows: std::cell::Cell::new(None),
        };
        (clock.lines, clock.gauge) = clock.lines();
        clock
    }

    /// The wrapped text's rows at `width`.
    fn text_rows(&self, width: u16) -> u16 {
        if let Some((w, rows)) = self.rows.get()
            && w == width
        {
            return rows;
        }
        let rows = Paragraph::new(self.lines.clone())
            .wrap(Wrap { trim: true })
            .line_count(width);
        let rows = u16::try_from(rows).unwrap_or(u16::MAX);
        self.rows.set(Some((width, rows)));
        rows
    }

    /// The text lines, most important first, each with its style.
    fn lines(&self) -> (Vec<Line<'static>>, Option<(f64, Style)>) {
        let ctx = self.ctx;
        let (lang, theme, st, now) = (ctx.lang, ctx.theme, ctx.state, ctx.now);
        let s = &ctx.plan.session;
        let dur = s.duration_min;
        let planned_ms = i64::from(dur) * 60_000;
        let mut lines = Vec::with_capacity(5);
        let slot = ctx.plan.start.map(|start| {
            let end = start + Duration::minutes(i64::from(dur));
            lang.fill(
                "ui.session.slot",
                &[
                    ("from", &start.format("%H:%M")),
                    ("to", &end.format("%H:%M")),
                ],
            )
        });
        match schedule::phase(
            ctx.plan.date,
            ctx.plan.start,
            ctx.plan.time_zone,
            dur,
            st,
            now,
        ) {
            Phase::NotOpen => {
                lines.push(Line::from(vec![
                    Span::styled(format!("{dur}:00 "), theme.bold()),
                    Span::styled(lang.text("ui.session.not_open").to_owned(), theme.dim()),
                ]));
                if let Some(slot) = slot {
                    lines.push(Line::styled(slot, theme.dim()));
                }
                (lines, None)
            }
            Phase::Closed { used_ms, at, .. } => {
                lines.push(Line::styled(
                    lang.fill(
                        "ui.session.closed_used",
                        &[
                            ("used", &elapsed(used_ms)),
                            ("planned", &elapsed(planned_ms)),
                            ("time", &ctx.plan.local(at).format("%H:%M")),
                        ],
                    ),
                    theme.bold(),
                ));
                (lines, None)
            }
            Phase::Running { left_ms } => {
                let warning = schedule::slot_warning(left_ms);
                let (words, style) = match warning {
                    SlotWarning::Over => (lang.text("ui.session.over").to_owned(), theme.over()),
                    SlotWarning::Five => {
                        (lang.fill("ui.session.ending", &[("min", &5)]), theme.last())
                    }
                    SlotWarning::Ten => (
                        lang.fill("ui.session.ending", &[("min", &10)]),
                        theme.warn(),
                    ),
                    SlotWarning::None => (lang.text("ui.session.running").to_owned(), theme.bold()),
                };
                let left = if schedule::session_shows_seconds(left_ms) {
                    countdown(left_ms)
                } else {
                    lang.fill(
                        "ui.session.minutes",
                        &[("min", &schedule::session_minutes(left_ms))],
                    )
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{left} "), theme.bold()),
                    Span::styled(format!(" {words} "), style),
                ]));
                if let Some(r) = schedule::recess(st, now) {
                    let text = match r {
                        Recess::Until { until, left_ms } => lang.fill(
                            "ui.recess.until",
                            &[
                                ("time", &ctx.plan.local(until).format("%H:%M")),
                                ("left", &countdown(left_ms)),
                            ],
                        ),
                        Recess::Resume { over_ms, .. } => {
                            lang.fill("ui.recess.resume", &[("over", &elapsed(over_ms))])
                        }
                        Recess::Open { ms } => {
                            lang.fill("ui.recess.open", &[("time", &elapsed(ms))])
                        }
                    };
                    let style = if matches!(r, Recess::Resume { .. }) {
                        theme.over()
                    } else {
                        theme.warn()
                    };
                    lines.push(Line::styled(text, style));
                }
                let planned: Vec<u32> = s.agenda.iter().map(|i| i.planned_min).collect();
                if let Some(c) = st.current_item {
                    let p = planned.get(c).copied().unwrap_or(0);
                    let r = schedule::item_remaining_ms(p, st.item_used_ms(c, now));
                    let (key, style) = if r > 0 {
                        ("ui.item.left", theme.base())
                    } else {
                        ("ui.item.over", theme.over())
                    };
                    lines.push(Line::styled(
                        lang.fill(key, &[("time", &countdown(r)), ("planned", &p)]),
                        style,
                    ));
                }
                let to_come = schedule::still_to_come_ms(&planned, st, now);
                let (text, style) = match schedule::standing(to_come, left_ms) {
                    Standing::OnSchedule => (lang.text("ui.schedule.on").to_owned(), theme.good()),
                    Standing::Ahead(m) => {
                        (lang.fill("ui.schedule.ahead", &[("min", &m)]), theme.good())
                    }
                    Standing::Behind(m) => (
                        lang.fill("ui.schedule.behind", &[("min", &m)]),
                        theme.warn(),
                    ),
                };
                let detail = lang.fill(
                    "ui.schedule.detail",
                    &[
                        ("planned", &((to_come + 59_999) / 60_000)),
                        ("left", &(left_ms.max(0) / 60_000)),
                    ],
                );
                lines.push(Line::styled(text, style));
                lines.push(Line::styled(detail, theme.dim()));
                if let Some(slot) = slot {
                    lines.push(Line::styled(slot, theme.dim()));
                }
                let ratio = if planned_ms > 0 {
                    (1.0 - left_ms as f64 / planned_ms as f64).clamp(0.0, 1.0)
                } else {
                    1.0
                };
                (lines, Some((ratio, style)))
            }
        }
    }

    /// Rows the panel wants at `width`: its heading, its lines (a long one
    /// wrapped) and a gauge.
    pub fn height(&self, width: u16) -> u16 {
        1 + self.text_rows(width) + u16::from(self.gauge.is_some())
    }
}

impl Widget for SessionClock<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = section(self.ctx.lang.text("ui.session"), self.ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let text_h = self.text_rows(inner.width);
        let gauge = self.gauge;
        // On a short screen the gauge goes first, then the last lines.
        Paragraph::new(self.lines)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        if let Some((ratio, style)) = gauge
            && inner.height > text_h
        {
            LineGauge::default()
                .ratio(ratio)
                .label("")
                .filled_style(style)
                .render(
                    Rect {
                        y: inner.y + text_h,
                        height: 1,
                        ..inner
                    },
                    buf,
                );
        }
    }
}
