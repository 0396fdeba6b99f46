//! What the chair needs next, under the main panels on a large screen:
//! who has spoken on the current item, and the toezeggingen noted so far.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::draw::{Ctx, render_lines, section};
use super::time::elapsed;
use crate::tui::describe;

/// Who has spoken on the current item, in order, with how long.
#[derive(Clone, Copy)]
pub struct Spoken<'a> {
    pub ctx: Ctx<'a>,
}

impl Widget for Spoken<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, theme, st) = (self.ctx.lang, self.ctx.theme, self.ctx.state);
        let block = section(lang.text("ui.spoken_item"), theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let item = st.current_item;
        let plan = self.ctx.plan;
        let lines: Vec<Line> = st
            .finished
            .iter()
            .filter(|s| item.is_some() && s.item == item)
            .map(|s| {
                Line::from(vec![
                    Span::styled(
                        format!("{:>5} ", elapsed(s.elapsed_ms(self.ctx.now))),
                        theme.dim(),
                    ),
                    Span::raw(describe::name(&s.speaker, plan)),
                    Span::styled(
                        format!(" · {}", describe::who(&s.speaker, lang, plan)),
                        theme.dim(),
                    ),
                ])
            })
            .collect();
        if lines.is_empty() {
            Line::styled(lang.text("ui.spoken_none"), theme.dim()).render(inner, buf);
            return;
        }
        // The latest stay in view.
        let skip = lines.len().saturating_sub(inner.height as usize);
        render_lines(&lines[skip..], inner, buf);
    }
}

/// The toezeggingen noted so far: who, what, by when.
pub struct Commitments<'a> {
    pub ctx: Ctx<'a>,
}

impl Widget for Commitments<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, theme, st) = (self.ctx.lang, self.ctx.theme, self.ctx.state);
        let block = section(lang.text("ui.commitments"), theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let list = &st.outcomes.commitments;
        if list.is_empty() {
            Line::styled(lang.text("ui.commitments_none"), theme.dim()).render(inner, buf);
            return;
        }
        let lines: Vec<Line> = list
            .iter()
            .map(|c| {
                let mut spans = vec![
                    Span::styled(format!("{}: ", c.by), theme.bold()),
                    Span::raw(c.what.clone()),
                ];
                if !c.due.is_empty() {
                    spans.push(Span::styled(format!(" ({})", c.due), theme.dim()));
                }
                Line::from(spans)
            })
            .collect();
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}

/// The items still to come with their planned minutes and when each would
/// start if the current one keeps to its plan (or ends now when over).
pub struct Upcoming<'a> {
    pub ctx: Ctx<'a>,
}

impl Upcoming<'_> {
    fn lines(&self) -> Vec<Line<'static>> {
        let (lang, theme, st, now) = (self.ctx.lang, self.ctx.theme, self.ctx.state, self.ctx.now);
        let agenda = &self.ctx.plan.session.agenda;
        let from = st.current_item.map_or(0, |c| c + 1);
        // Absurd planned minutes in a file could carry the expected times
        // past what a date can hold: they stop being listed, never panic.
        let mut at = now.checked_add_signed(chrono::Duration::milliseconds(
            st.current_item.map_or(0, |c| {
                let p = agenda.get(c).map_or(0, |i| i.planned_min);
                crate::meeting::schedule::item_remaining_ms(p, st.item_used_ms(c, now)).max(0)
            }),
        ));
        let mut lines = Vec::new();
        for item in agenda.iter().skip(from) {
            let Some(start) = at else { break };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} ", self.ctx.plan.local(start).format("%H:%M")),
                    theme.dim(),
                ),
                Span::styled(
                    format!(
                        "{:>6}  ",
                        lang.fill("ui.upcoming.min", &[("min", &item.planned_min)])
                    ),
                    theme.dim(),
                ),
                Span::raw(item.title.clone()),
            ]));
            at = start.checked_add_signed(chrono::Duration::minutes(i64::from(item.planned_min)));
        }
        if st.closed_at.is_some() {
            lines.clear();
            lines.push(Line::styled(lang.text("ui.upcoming.closed"), theme.dim()));
        } else if lines.is_empty() {
            lines.push(Line::styled(lang.text("ui.upcoming.none"), theme.dim()));
        }
        lines
    }
}

impl Widget for Upcoming<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = section(self.ctx.lang.text("ui.upcoming"), self.ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        // A long title takes a second row rather than being cut.
        Paragraph::new(self.lines())
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}
