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
    /// A replica's link to the writer (`hamer join`): said instead of
    /// where the journal is saved.
    pub link: Option<crate::meeting::remote::LinkStatus>,
    pub lang: Lang,
    pub theme: Theme,
}

impl StatusLine<'_> {
    /// A replica's link in words: connected, sending, or down with how
    /// many actions wait on disk. Down is said in words and drawn in the
    /// warning style.
    fn link(&self, link: crate::meeting::remote::LinkStatus, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let (text, style) = match (link.connected, link.pending) {
            _ if link.broken.is_some() => (
                lang.fill("join.status.broken", &[("n", &link.pending)]),
                self.theme.warn(),
            ),
            (true, 0) => (lang.text("join.status.ok").to_owned(), self.theme.dim()),
            (true, n) => (
                lang.fill("join.status.sending", &[("n", &n)]),
                self.theme.bold(),
            ),
            (false, 0) => (lang.text("join.status.down").to_owned(), self.theme.warn()),
            (false, n) => (
                lang.fill("join.status.down_waiting", &[("n", &n)]),
                self.theme.warn(),
            ),
        };
        let text_w = (text.chars().count() as u16 + 1).min(area.width);
        let [left, right] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(text_w),
        ]));
        Line::styled(self.keys.clone(), self.theme.dim()).render(left, buf);
        Line::styled(text, style)
            .alignment(Alignment::Right)
            .render(right, buf);
    }
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Some(link) = self.link.clone() {
            self.link(link, area, buf);
            return;
        }
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
