//! `S`: the join links, each in full (wrapped, never cut), and a QR code
//! of the chosen one drawn with half blocks, two modules a row. The code
//! is dark on light in fixed colours, whatever the terminal's theme, so a
//! phone reads it on a dark terminal as on a light one; without colour
//! only the characters draw it. Where it does not fit, the window says so
//! in words rather than draw a code no phone can read.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::super::popup::Popup;
use super::super::theme::Theme;
use crate::meeting::remote::Access;
use crate::tui::overlay::Ctx;
use crate::tui::overlay::links::role_key;

/// The light border every QR code needs around it, in modules.
pub const QUIET: usize = 4;
/// The code's colours: from the fixed part of the 256-colour palette (the
/// 16 ANSI colours are the ones a theme changes).
const DARK: Color = Color::Indexed(16);
const LIGHT: Color = Color::Indexed(231);
/// Narrower than this, the links beside the code wrap too often.
const MIN_TEXT: u16 = 24;

/// A QR code of `data` with its quiet zone: the side in modules and the
/// modules row by row, `true` dark. `None` when `data` is too long for
/// any QR code.
pub fn modules(data: &str) -> Option<(usize, Vec<bool>)> {
    let code = qrcode::QrCode::with_error_correction_level(data, qrcode::EcLevel::L).ok()?;
    let w = code.width();
    let n = w + 2 * QUIET;
    let colors = code.to_colors();
    let mut out = vec![false; n * n];
    for y in 0..w {
        for x in 0..w {
            out[(y + QUIET) * n + x + QUIET] = colors[y * w + x] == qrcode::Color::Dark;
        }
    }
    Some((n, out))
}

/// The cells a code of side `n` takes: `n` columns, `n / 2` rows rounded up.
pub fn qr_size(n: usize) -> (u16, u16) {
    let w = u16::try_from(n).unwrap_or(u16::MAX);
    (w, w.div_ceil(2))
}

/// Draw a code (side `n`, from [`modules`]) with its top left at `x`, `y`:
/// a cell is two modules, the top one in the upper half. The row under
/// an odd last row is light.
pub fn draw_qr(n: usize, modules: &[bool], x: u16, y: u16, theme: Theme, buf: &mut Buffer) {
    let style = if theme.color {
        Style::default().fg(DARK).bg(LIGHT)
    } else {
        Style::default()
    };
    let dark = |r: usize, c: usize| r < n && modules[r * n + c];
    for row in 0..n.div_ceil(2) {
        for col in 0..n {
            let symbol = match (dark(2 * row, col), dark(2 * row + 1, col)) {
                (true, true) => "█",
                (true, false) => "▀",
                (false, true) => "▄",
                (false, false) => " ",
            };
            let (cx, cy) = (x + col as u16, y + row as u16);
            if buf.area.contains((cx, cy).into()) {
                buf[(cx, cy)].set_symbol(symbol).set_style(style);
            }
        }
    }
}

/// The links, each role over its URL (the chosen one marked), and the
/// warning about the chair's link.
fn lines(
    links: &[(Access, String)],
    selected: usize,
    ctx: &Ctx,
    theme: Theme,
) -> Vec<Line<'static>> {
    let lang = ctx.lang;
    let mut out = Vec::new();
    for (i, (access, url)) in links.iter().enumerate() {
        let chosen = i == selected;
        let role = format!("{} {}", i + 1, lang.text(role_key(*access)));
        out.push(Line::from(vec![
            Span::styled(if chosen { "▶ " } else { "  " }, theme.bold()),
            Span::styled(
                role,
                if chosen {
                    theme.selected()
                } else {
                    theme.bold()
                },
            ),
        ]));
        out.push(Line::raw(url.clone()));
    }
    out.push(Line::raw(""));
    let chair_chosen = links
        .get(selected)
        .is_some_and(|(a, _)| *a == Access::Chair);
    out.push(Line::styled(
        lang.text("ui.links.warning"),
        if chair_chosen {
            theme.warn()
        } else {
            theme.bold()
        },
    ));
    out
}

/// The caption over the code: whose link it is.
fn caption(links: &[(Access, String)], selected: usize, ctx: &Ctx, theme: Theme) -> Line<'static> {
    let role = links
        .get(selected)
        .map_or("", |(a, _)| ctx.lang.text(role_key(*a)));
    Line::styled(
        ctx.lang.fill("ui.links.qr_for", &[("role", &role)]),
        theme.bold(),
    )
}

/// The window without a code: the links, and why there is no code.
pub fn text_popup(
    links: &[(Access, String)],
    selected: usize,
    ctx: &Ctx,
    theme: Theme,
) -> Popup<'static> {
    let mut l = lines(links, selected, ctx, theme);
    l.push(Line::raw(""));
    l.push(Line::styled(
        ctx.lang.text("ui.links.too_small"),
        theme.warn(),
    ));
    Popup::new(
        ctx.lang.text("ui.links.title"),
        l,
        ctx.lang.text("ui.links.hint"),
        theme,
    )
}

/// Rows of text wrapped at `width`.
fn rows(lines: &[Line<'_>], width: u16) -> u16 {
    let n = Paragraph::new(Text::from(lines.to_vec()))
        .wrap(Wrap { trim: false })
        .line_count(width);
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Draw the window over `area` (the whole screen): the links above the
/// code when both fit, else beside it, else the links alone and why.
pub fn render(
    links: &[(Access, String)],
    selected: usize,
    ctx: &Ctx,
    area: Rect,
    theme: Theme,
    buf: &mut Buffer,
) {
    let code = links.get(selected).and_then(|(_, url)| modules(url));
    let Some((n, code)) = code else {
        text_popup(links, selected, ctx, theme).render(area, buf);
        return;
    };
    let (qr_w, qr_h) = qr_size(n);
    let text = lines(links, selected, ctx, theme);
    // Above: as wide as the other windows, or the code.
    let width = area.width.saturating_sub(4).min(qr_w.max(70) + 2);
    let inner_w = width.saturating_sub(2);
    // The text, a blank row, the caption, the code and the border.
    let above = rows(&text, inner_w).saturating_add(qr_h + 4);
    // Beside: the whole screen's height, text on the left.
    let side_w = area.width.saturating_sub(2).min(72 + qr_w + 4);
    let text_w = side_w.saturating_sub(2 + 2 + qr_w);
    // The caption, the code and the border.
    let beside_fits = text_w >= MIN_TEXT
        && qr_h + 3 <= area.height
        && rows(&text, text_w).saturating_add(2) <= area.height;
    let (popup, stacked) = if inner_w >= qr_w && above <= area.height {
        let popup = area.centered(Constraint::Length(width), Constraint::Length(above));
        (popup, true)
    } else if beside_fits {
        let h = rows(&text, text_w)
            .max(1 + qr_h)
            .saturating_add(2)
            .min(area.height);
        let popup = area.centered(Constraint::Length(side_w), Constraint::Length(h));
        (popup, false)
    } else {
        text_popup(links, selected, ctx, theme).render(area, buf);
        return;
    };
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", ctx.lang.text("ui.links.title")),
            theme.bold(),
        ))
        .title_bottom(Line::styled(ctx.lang.text("ui.links.hint"), theme.dim()));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let cap = caption(links, selected, ctx, theme);
    if stacked {
        let text_h = rows(&text, inner.width);
        Paragraph::new(Text::from(text))
            .wrap(Wrap { trim: false })
            .render(Rect::new(inner.x, inner.y, inner.width, text_h), buf);
        let x = inner.x + (inner.width - qr_w) / 2;
        let y = inner.y + text_h + 1;
        Paragraph::new(cap)
            .centered()
            .render(Rect::new(inner.x, y, inner.width, 1), buf);
        draw_qr(n, &code, x, y + 1, theme, buf);
    } else {
        Paragraph::new(Text::from(text))
            .wrap(Wrap { trim: false })
            .render(Rect::new(inner.x, inner.y, text_w, inner.height), buf);
        let x = inner.right() - qr_w;
        Paragraph::new(cap).render(Rect::new(x, inner.y, qr_w, 1), buf);
        draw_qr(n, &code, x, inner.y + 1, theme, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read a drawn code back from the cells: each cell is two modules.
    fn read_back(buf: &Buffer, x: u16, y: u16, n: usize) -> Vec<bool> {
        let mut out = vec![false; n * n];
        for row in 0..n.div_ceil(2) {
            for col in 0..n {
                let cell = &buf[(x + col as u16, y + row as u16)];
                let (top, bottom) = match cell.symbol() {
                    "█" => (true, true),
                    "▀" => (true, false),
                    "▄" => (false, true),
                    " " => (false, false),
                    other => panic!("not a half block: {other:?}"),
                };
                out[2 * row * n + col] = top;
                if 2 * row + 1 < n {
                    out[(2 * row + 1) * n + col] = bottom;
                }
            }
        }
        out
    }

    #[test]
    fn the_drawn_code_reads_back_as_the_modules_of_qrcode() {
        let url = "http://192.168.1.20:8080/display?t=3f9a0c1de2b74f6a8e5d9c0b1a2f3e4d";
        let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::L).unwrap();
        let w = code.width();
        let colors = code.to_colors();
        let (n, m) = modules(url).unwrap();
        assert_eq!(n, w + 2 * QUIET);
        for color in [true, false] {
            let theme = Theme { color };
            let (qw, qh) = qr_size(n);
            let mut buf = Buffer::empty(Rect::new(0, 0, qw + 3, qh + 2));
            draw_qr(n, &m, 2, 1, theme, &mut buf);
            let back = read_back(&buf, 2, 1, n);
            for y in 0..n {
                for x in 0..n {
                    let inside = (QUIET..QUIET + w).contains(&x) && (QUIET..QUIET + w).contains(&y);
                    let want =
                        inside && colors[(y - QUIET) * w + (x - QUIET)] == qrcode::Color::Dark;
                    assert_eq!(back[y * n + x], want, "module {x},{y} color={color}");
                }
            }
            // In colour the code is dark on light in every cell, whatever
            // the terminal's own colours; without colour, characters only.
            let cell = &buf[(2, 1)];
            if color {
                assert_eq!((cell.fg, cell.bg), (DARK, LIGHT));
            } else {
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
            }
        }
    }
}
