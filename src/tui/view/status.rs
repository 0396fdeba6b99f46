//! The two bottom lines: the message line (an error, an information, or
//! the notices of opening) and the status line (keys, and where the
//! journal is saved).

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::i18n::Lang;
use crate::tui::app::Message;

pub struct MessageLine<'a> {
    pub message: Option<&'a Message>,
    pub notices: &'a [String],
    pub lang: Lang,
    pub theme: Theme,
}

impl MessageLine<'_> {
    /// The message line's text and style: an error, an information, or
    /// the notices of opening (all of them, until Esc).
    fn text(&self) -> Option<(String, Style)> {
        match self.message {
            Some(Message::Error(e)) => Some((
                format!("{} {e}  [Esc]", self.lang.text("ui.error")),
                self.theme.over(),
            )),
            Some(Message::Info { text, .. }) => Some((text.clone(), self.theme.bold())),
            None if self.notices.is_empty() => None,
            None => Some((
                format!("{}  [Esc]", self.notices.join(" · ")),
                self.theme.warn(),
            )),
        }
    }

    fn paragraph(&self) -> Option<Paragraph<'static>> {
        let (text, style) = self.text()?;
        Some(Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: false }))
    }

    /// Rows the message takes: as many as it needs wrapped, at most a
    /// half of the screen.
    pub fn height(&self, area: Rect) -> u16 {
        self.paragraph().map_or(0, |p| {
            let rows = p.line_count(area.width).max(1);
            let most = (area.height / 2).max(1);
            u16::try_from(rows).unwrap_or(u16::MAX).min(most)
        })
    }
}

impl Widget for MessageLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        if let Some(p) = self.paragraph() {
            p.render(area, buf);
        }
    }
}

pub struct StatusLine<'a> {
    /// The footer's keys, from the keymap.
    pub keys: String,
    pub journal: &'a Path,
    pub lang: Lang,
    pub theme: Theme,
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let keys = self.keys;
        let path = self.journal;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let width = area.width as usize;
        let keys_w = keys.chars().count();
        // The keys come first; the saved mark shortens to what is left.
        let saved = [
            lang.fill("ui.saved", &[("journal", &path.display())]),
            lang.fill("ui.saved", &[("journal", &name)]),
            lang.text("ui.saved_short").to_owned(),
        ]
        .into_iter()
        .find(|s| keys_w + 3 + s.chars().count() <= width)
        .unwrap_or_else(|| lang.text("ui.saved_short").to_owned());
        let saved_w = (saved.chars().count() as u16 + 1).min(area.width / 2);
        let [left, right] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(saved_w),
        ]));
        Line::styled(keys, self.theme.dim()).render(left, buf);
        Line::styled(saved, self.theme.dim())
            .alignment(Alignment::Right)
            .render(right, buf);
    }
}
