//! The popup frame every overlay opens in: centred, at most 72 wide,
//! cleared, bordered, its title on top and how to close it below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::theme::Theme;

pub struct Popup<'a> {
    pub title: &'a str,
    pub lines: Vec<Line<'a>>,
    /// The rows it wants, border included; cut to the screen.
    pub height: u16,
    /// The line on the bottom border.
    pub hint: &'a str,
    pub theme: Theme,
}

impl Widget for Popup<'_> {
    /// `area` is the whole screen; the popup centres itself in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = (area.width.saturating_sub(4)).min(72);
        let height = self.height.min(area.height.saturating_sub(2)).max(3);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        Clear.render(popup, buf);
        Paragraph::new(Text::from(self.lines))
            .block(
                Block::bordered()
                    .title(Span::styled(format!(" {} ", self.title), self.theme.bold()))
                    .title_bottom(Line::styled(self.hint, self.theme.dim())),
            )
            .wrap(Wrap { trim: false })
            .render(popup, buf);
    }
}
