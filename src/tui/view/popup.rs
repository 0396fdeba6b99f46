//! The popup frame every overlay opens in: centred, at most 72 wide,
//! cleared, bordered, its title on top and how to close it below. It grows
//! with its text (wrapped rows counted) up to the screen; a list in it
//! scrolls to keep its selection in view, and the lines under the list
//! (a hint) stay in view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Clear, HighlightSpacing, List, ListState, Paragraph, StatefulWidget, Widget, Wrap,
};

use super::theme::Theme;

pub struct Popup<'a> {
    pub title: &'a str,
    pub lines: Vec<Line<'a>>,
    /// The rows it wants at least, border included; it grows to fit its
    /// wrapped text, and is cut to the screen.
    pub height: u16,
    /// The line on the bottom border.
    pub hint: &'a str,
    pub theme: Theme,
    /// A list under the lines, and its selection.
    pub list: Option<(Vec<Line<'a>>, ListState)>,
    /// Lines under the list, kept in view before the lines above.
    pub tail: Vec<Line<'a>>,
    /// Rows the lines are scrolled up (cut to what there is to see).
    pub scroll: u16,
}

impl<'a> Popup<'a> {
    /// A popup of lines; the list, tail and scroll are added with the
    /// fields.
    pub fn new(title: &'a str, lines: Vec<Line<'a>>, hint: &'a str, theme: Theme) -> Self {
        let height = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        Popup {
            title,
            lines,
            height,
            hint,
            theme,
            list: None,
            tail: Vec::new(),
            scroll: 0,
        }
    }
}

/// Rows of text wrapped at `width`.
fn rows(lines: &[Line<'_>], width: u16) -> u16 {
    if lines.is_empty() {
        return 0;
    }
    let n = Paragraph::new(Text::from(lines.to_vec()))
        .wrap(Wrap { trim: false })
        .line_count(width);
    u16::try_from(n).unwrap_or(u16::MAX)
}

impl Widget for Popup<'_> {
    /// `area` is the whole screen; the popup centres itself in it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = (area.width.saturating_sub(4)).min(72);
        let inner_w = width.saturating_sub(2);
        let head = rows(&self.lines, inner_w);
        let tail = rows(&self.tail, inner_w);
        let list_len = self.list.as_ref().map_or(0, |(items, _)| {
            u16::try_from(items.len()).unwrap_or(u16::MAX)
        });
        let want = head
            .saturating_add(list_len)
            .saturating_add(tail)
            .saturating_add(2)
            .max(self.height);
        let height = want.min(area.height.saturating_sub(2)).max(3);
        let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
        Clear.render(popup, buf);
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", self.title), self.theme.bold()))
            .title_bottom(Line::styled(self.hint, self.theme.dim()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        // The hint under the list first, then the list (a few rows at
        // least), then the lines above it.
        let tail_h = tail.min(inner.height);
        let rest = inner.height - tail_h;
        let list_min = list_len.min(3);
        let head_h = head.min(rest.saturating_sub(list_min));
        let list_h = rest - head_h;
        let at = |y: u16, h: u16| Rect::new(inner.x, inner.y + y, inner.width, h);
        let scroll = self.scroll.min(head.saturating_sub(head_h));
        Paragraph::new(Text::from(self.lines))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .render(at(0, head_h), buf);
        if let Some((items, mut state)) = self.list {
            let list = List::new(items)
                .style(self.theme.base())
                .highlight_style(self.theme.selected())
                .highlight_symbol("▶ ")
                .highlight_spacing(HighlightSpacing::Always);
            StatefulWidget::render(list, at(head_h, list_h), buf, &mut state);
        }
        Paragraph::new(Text::from(self.tail))
            .wrap(Wrap { trim: false })
            .render(at(head_h + list_h, tail_h), buf);
    }
}
