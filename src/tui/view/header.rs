//! The header: the session's title, case number, body, room and date on
//! the left, the wall clock on the right.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::clock::Ts;
use crate::i18n::Lang;
use crate::session::SessionPlan;

pub struct Header<'a> {
    pub plan: &'a SessionPlan,
    pub now: Ts,
    pub lang: Lang,
    pub theme: Theme,
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = &self.plan.session;
        let date = self
            .plan
            .date
            .format(self.lang.text("ui.date_format"))
            .to_string();
        let weekday = self.weekday();
        let clock = self.now.format("%H:%M").to_string();
        let mut place = vec![s.body.clone()];
        if !s.room.is_empty() {
            place.push(s.room.clone());
        }
        place.push(format!("{weekday} {date}"));
        let mut title = vec![Span::styled(s.title.clone(), self.theme.bold())];
        if !s.case_number.is_empty() {
            title.push(Span::raw(format!(
                " · {} {}",
                self.lang.text("ui.case"),
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
            Line::styled(place.join(" · "), self.theme.dim()).render(l2, buf);
        } else {
            let mut line = title;
            line.push(Span::styled(
                format!("  {}", place.join(" · ")),
                self.theme.dim(),
            ));
            Line::from(line).render(left, buf);
        }
        Line::styled(clock, self.theme.bold())
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
        self.lang
            .text(keys[self.plan.date.weekday().num_days_from_monday() as usize])
    }
}
