//! Drawing helpers every panel shares.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::Theme;

/// Lines one under the other, cut at the area's edges: what a paragraph
/// without wrapping draws, without building each line again grapheme by
/// grapheme (a tenth of an idle frame's cost went there).
pub(super) fn render_lines(lines: &[Line], area: Rect, buf: &mut Buffer) {
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        line.render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

pub(super) fn section(title: &str, theme: Theme) -> Block<'_> {
    Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(format!(" {title} "), theme.bold()))
}
