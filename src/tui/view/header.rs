//! The header: the session's title, case number, body, room and date on
//! the left, the wall clock on the right.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::draw::Ctx;

pub struct Header<'a> {
    /// The plan, state, time, language and styles it draws from.
    pub ctx: Ctx<'a>,
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = &self.ctx.plan.session;
        let date = self
            .ctx
            .plan
            .date
            .format(self.ctx.lang.text("ui.date_format"))
            .to_string();
        let weekday = self.weekday();
        let clock = self
            .ctx
            .plan
            .local(self.ctx.now)
            .format("%H:%M")
            .to_string();
        let mut place = vec![s.body.clone()];
        if !s.room.is_empty() {
            place.push(s.room.clone());
        }
        place.push(format!("{weekday} {date}"));
        let mut title = vec![Span::styled(s.title.clone(), self.ctx.theme.bold())];
        if !s.case_number.is_empty() {
            title.push(Span::raw(format!(
                " · {} {}",
                self.ctx.lang.text("ui.case"),
                s.case_number
            )));
        }
        let [left, right] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(6),
        ]));
        if area.height >= 2 {
            let [l1, l2] = left.layout(&Layout::vertical([Constraint::Length(1); 2]));
            Line::from(title).render(l1, buf);
            Line::styled(place.join(" · "), self.ctx.theme.dim()).render(l2, buf);
        } else {
            let mut line = title;
            line.push(Span::styled(
                format!("  {}", place.join(" · ")),
                self.ctx.theme.dim(),
            ));
            Line::from(line).render(left, buf);
        }
        Line::styled(clock, self.ctx.theme.bold())
            .alignment(Alignment::Right)
            .render(right, buf);
    }
}

impl Header<'_> {
    fn weekday(&self) -> &'static str {
        let keys = [
            "ui.day.mon",
            "ui.day.tue",
            "ui.day.wed",
            "ui.day.thu",
            "ui.day.fri",
            "ui.day.sat",
            "ui.day.sun",
        ];
        self.ctx
            .lang
            .text(keys[self.ctx.plan.date.weekday().num_days_from_monday() as usize])
    }
}
