//! Drawing helpers every panel shares.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::Theme;
use crate::clock::Ts;
use crate::i18n::Lang;
use crate::meeting::State;
use crate::session::SessionPlan;

/// What the chair's panels draw from: the session's plan and state, the
/// time of the frame, the language and the styles.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub plan: &'a SessionPlan,
    pub state: &'a State,
    pub now: Ts,
    pub lang: Lang,
    pub theme: Theme,
}

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
