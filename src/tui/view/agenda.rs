//! The agenda: each item with its mark (current, done), its minutes used
//! of those planned, and a flag when it ran over.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Row, Table, Widget};

use super::draw::{Ctx, section};

pub struct Agenda<'a> {
    /// The plan, state, time, language and styles it draws from.
    pub ctx: Ctx<'a>,
    /// Long titles take a second row (the wide screen) or are cut.
    pub wrap: bool,
}

impl Agenda<'_> {
    /// Rows for every item and the heading.
    pub fn height(&self) -> u16 {
        let n = self
            .ctx
            .plan
            .session
            .agenda
            .len()
            .max(self.ctx.state.items.len());
        (n as u16).saturating_add(1)
    }
}

impl Agenda<'_> {
    /// Rows for every item, titles wrapped to `width`, and the heading.
    pub fn height_at(&self, width: u16) -> u16 {
        let title_w = title_width(width);
        let rows: usize = (0..self
            .ctx
            .plan
            .session
            .agenda
            .len()
            .max(self.ctx.state.items.len()))
            .map(|i| {
                self.ctx
                    .plan
                    .session
                    .agenda
                    .get(i)
                    .map_or(1, |it| wrap(&it.title, title_w).len())
            })
            .sum();
        (rows as u16).saturating_add(1)
    }
}

/// The title column's width in an agenda `width` wide.
fn title_width(width: u16) -> usize {
    usize::from(width.saturating_sub(1 + 6 + 4 + 3)).max(1)
}

/// Words in lines of at most `w` characters; a longer word is cut.
fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > w {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

impl Widget for Agenda<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = |key| self.ctx.lang.text(key);
        let block = section(t("ui.agenda"), self.ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let st = self.ctx.state;
        let agenda = &self.ctx.plan.session.agenda;
        let n = agenda.len().max(st.items.len());
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let item = agenda.get(i);
            let title = item.map_or_else(
                || format!("#{} {}", i + 1, t("ui.unknown_item")),
                |it| it.title.clone(),
            );
            let planned = item.map_or(0, |it| i64::from(it.planned_min));
            let used_ms = st.item_used_ms(i, self.ctx.now);
            let started = st.items.get(i).is_some_and(|v| !v.is_empty());
            let current = st.current_item == Some(i);
            let over = started && planned > 0 && used_ms > planned * 60_000;
            let mark = if current {
                "▶"
            } else if started {
                "✓"
            } else {
                " "
            };
            let minutes = if started {
                format!("{}/{planned}", used_ms / 60_000)
            } else {
                format!("{planned}")
            };
            let flag = if over { t("ui.over_short") } else { "" };
            let style = if current {
                self.ctx.theme.selected()
            } else if started {
                self.ctx.theme.dim()
            } else {
                self.ctx.theme.base()
            };
            let flag_style = if over { self.ctx.theme.over() } else { style };
            // Whole titles where the screen is wide enough for a second row.
            let lines = if self.wrap {
                wrap(&title, title_width(inner.width))
            } else {
                vec![title]
            };
            let height = lines.len() as u16;
            rows.push(
                Row::new(vec![
                    Cell::from(Span::raw(mark)),
                    Cell::from(Text::from(
                        lines.into_iter().map(Line::from).collect::<Vec<_>>(),
                    )),
                    Cell::from(Span::raw(minutes)),
                    Cell::from(Span::styled(flag, flag_style)),
                ])
                .height(height)
                .style(style),
            );
        }
        // Keep the current item in view on a short screen.
        let visible = inner.height as usize;
        let skip = st
            .current_item
            .map_or(0, |c| (c + 1).saturating_sub(visible));
        let rows: Vec<_> = rows.into_iter().skip(skip).collect();
        Table::new(
            rows,
            [
                Constraint::Length(1),
                Constraint::Fill(1),
                Constraint::Length(6),
                Constraint::Length(4),
            ],
        )
        .column_spacing(1)
        .render(inner, buf);
    }
}
