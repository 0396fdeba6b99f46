//! The queue of speakers with the kind and the limit each would get, the
//! selected one marked, scrolled to keep it in view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row, Table, Widget};

use super::draw::{Ctx, section};
use super::time::elapsed;
use crate::tui::describe;

pub struct Queue<'a> {
    /// The plan, state, time, language and styles it draws from.
    pub ctx: Ctx<'a>,
    pub selected: usize,
}

impl Widget for Queue<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let st = self.ctx.state;
        let lang = self.ctx.lang;
        let block = section(lang.text("ui.queue"), self.ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if st.queue.is_empty() {
            Line::styled(lang.text("ui.queue_empty"), self.ctx.theme.dim()).render(inner, buf);
            return;
        }
        let plan = self.ctx.plan;
        let visible = inner.height as usize;
        let skip = (self.selected + 1).saturating_sub(visible);
        let rows: Vec<Row> = st
            .queue
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, q)| {
                let selected = i == self.selected;
                let mark = if selected { "▶" } else { " " };
                let who = describe::speaker_kind(&q.speaker, lang, plan).to_owned();
                let limit = crate::meeting::limit_for(
                    plan,
                    st.current_item,
                    &q.speaker,
                    q.speaker.default_kind(),
                )
                .map_or_else(
                    || lang.text("ui.queue.free").to_owned(),
                    |s| elapsed(i64::from(s) * 1000),
                );
                let style = if selected {
                    self.ctx.theme.selected()
                } else {
                    self.ctx.theme.base()
                };
                Row::new(vec![
                    Span::raw(mark.to_owned()),
                    Span::raw(format!("{}.", i + 1)),
                    Span::raw(describe::name(&q.speaker, plan)),
                    Span::styled(who, self.ctx.theme.dim()),
                    Span::raw(limit),
                ])
                .style(style)
            })
            .collect();
        Table::new(
            rows,
            [
                Constraint::Length(1),
                Constraint::Length(3),
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Length(5),
            ],
        )
        .column_spacing(1)
        .render(inner, buf);
    }
}
