//! The queue of speakers, the selected one marked, scrolled to keep it in
//! view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row, Table, Widget};

use super::draw::section;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::meeting::State;
use crate::session::SessionPlan;
use crate::tui::describe;

pub struct Queue<'a> {
    pub plan: &'a SessionPlan,
    pub state: &'a State,
    pub selected: usize,
    pub lang: Lang,
    pub theme: Theme,
}

impl Widget for Queue<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let st = self.state;
        let lang = self.lang;
        let block = section(lang.text("ui.queue"), self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if st.queue.is_empty() {
            Line::styled(lang.text("ui.queue_empty"), self.theme.dim()).render(inner, buf);
            return;
        }
        let plan = self.plan;
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
                let who = describe::who(&q.speaker, lang, plan);
                let style = if selected {
                    self.theme.selected()
                } else {
                    self.theme.base()
                };
                Row::new(vec![
                    Span::raw(mark.to_owned()),
                    Span::raw(format!("{}.", i + 1)),
                    Span::raw(describe::name(&q.speaker, plan)),
                    Span::styled(who, self.theme.dim()),
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
            ],
        )
        .column_spacing(1)
        .render(inner, buf);
    }
}
