//! The speaker: name, who they are, the time in big digits, a gauge (or
//! the faction's budget), the state in words, and the main speaker under
//! an interruption.

use font8x8::UnicodeFonts;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::draw::{Ctx, render_lines, section};
use super::time::{budget_left, countdown, elapsed, speech_state, speech_time};
use crate::meeting::Thresholds;
use crate::tui::describe;

#[derive(Clone, Copy)]
pub struct Speaker<'a> {
    /// The plan, state, time, language and styles it draws from.
    pub ctx: Ctx<'a>,
    pub thresholds: Thresholds,
}

impl Speaker<'_> {
    /// Rows the panel wants in `area`: big digits of 8 rows where they fit.
    pub fn height(&self, area: Rect) -> u16 {
        let interrupted = self.ctx.state.interruption.is_some();
        // The digits grow with the space: 16 rows on a tall screen, 8 on
        // a middle one, 4 on the smallest.
        let digits = if area.height >= 50 && area.width >= 64 {
            16
        } else if area.height >= 30 && area.width >= 32 {
            8
        } else {
            4
        };
        let base = 1 + 2 + digits + 2 + u16::from(interrupted) * 2;
        base.min(area.height)
    }
}

impl Widget for Speaker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let st = self.ctx.state;
        let lang = self.ctx.lang;
        let title = if st.interruption.is_some() {
            lang.text("ui.interruption")
        } else {
            lang.text("ui.speaker")
        };
        let block = section(title, self.ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(s) = st.active_speech() else {
            // After the close no one is given the floor again: say what
            // can still be done instead of how to add a speaker.
            let hint = if st.closed_at.is_some() {
                lang.text("ui.no_speaker_closed")
            } else if st.queue.is_empty() {
                lang.text("ui.no_speaker")
            } else {
                lang.text("ui.no_speaker_queue")
            };
            Paragraph::new(Line::styled(hint, self.ctx.theme.dim()))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        };
        let t = self.thresholds;
        let level = s.level(self.ctx.now, t);
        let plan = self.ctx.plan;
        let (name, sub) = match (&st.interruption, &st.speech) {
            // Who interrupts whom: the member and the faction's full name,
            // or "namens de fractie".
            (Some(i), main) => {
                let name = match &i.speaker {
                    crate::meeting::Speaker::Faction { faction, name } => {
                        let full = describe::faction_name(faction, plan);
                        match name {
                            Some(n) => format!("{n} · {full}"),
                            None => format!("{full} · {}", lang.text("ui.on_behalf")),
                        }
                    }
                    other => describe::name(other, plan),
                };
                let sub = main.as_ref().map_or_else(
                    || lang.text("ui.interruption").to_owned(),
                    |m| {
                        lang.fill(
                            "ui.interrupts",
                            &[("name", &describe::name(&m.speaker, plan))],
                        )
                    },
                );
                (name, sub)
            }
            _ => (
                describe::name(&s.speaker, plan),
                [
                    describe::who(&s.speaker, lang, plan),
                    describe::speech_kind(s.kind, lang).to_owned(),
                ]
                .join(" · "),
            ),
        };
        let time = speech_time(s, self.ctx.now);
        let words = speech_state(s, self.ctx.now, t, lang);
        let main_h = u16::from(st.interruption.is_some()) * 2;
        let [head, digits, gauge, state_line, main] = inner.layout(&Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(main_h),
        ]));
        render_lines(
            &[
                Line::styled(name, self.ctx.theme.bold()),
                Line::styled(sub, self.ctx.theme.dim()),
            ],
            head,
            buf,
        );
        big_time(&time, digits, buf, self.ctx.theme.level(level));
        // A faction with a speaking budget: what is left of it, on the clock
        // the chair watches.
        let budget = s.speaker.faction().and_then(|f| {
            let b = crate::meeting::budget_sec(plan, f)?;
            let left = b * 1000 - st.faction_usage(f, self.ctx.now).ms;
            Some((
                lang.fill(
                    "ui.budget_left",
                    &[("faction", &f), ("left", &budget_left(left))],
                ),
                left < 0,
            ))
        });
        if let Some(limit) = s.limit_total_ms() {
            let ratio = if limit > 0 {
                (s.elapsed_ms(self.ctx.now) as f64 / limit as f64).clamp(0.0, 1.0)
            } else {
                1.0
            };
            LineGauge::default()
                .ratio(ratio)
                .label("")
                .filled_style(self.ctx.theme.level(level))
                .render(gauge, buf);
        } else {
            // No limit of its own: a faction's budget is what the chair
            // watches then.
            match budget {
                Some((text, over)) => Line::styled(
                    text,
                    if over {
                        self.ctx.theme.over()
                    } else {
                        self.ctx.theme.bold()
                    },
                )
                .render(gauge, buf),
                None => {
                    Line::styled(lang.text("ui.no_limit"), self.ctx.theme.dim()).render(gauge, buf)
                }
            }
        }
        let limit_text = s
            .limit_total_ms()
            .map(|l| lang.fill("ui.limit", &[("limit", &elapsed(l))]));
        // The time in plain text too: for screen readers and for a glance
        // that does not decode block digits.
        let plain = match s.remaining_ms(self.ctx.now) {
            Some(r) if r > 0 => lang.fill("ui.state.left_time", &[("time", &countdown(r))]),
            Some(_) => String::new(),
            None => lang.fill("ui.state.spoken_time", &[("time", &time)]),
        };
        let mut state_spans = vec![Span::styled(
            format!(" {words} "),
            self.ctx.theme.level(level),
        )];
        let extra: Vec<String> = [Some(plain), limit_text]
            .into_iter()
            .flatten()
            .filter(|x| !x.is_empty())
            .collect();
        if !extra.is_empty() {
            state_spans.push(Span::styled(
                format!("  {}", extra.join(" · ")),
                self.ctx.theme.dim(),
            ));
        }
        Line::from(state_spans).render(state_line, buf);
        if let (Some(_), Some(main_speech)) = (&st.interruption, &st.speech) {
            let main_time = speech_time(main_speech, self.ctx.now);
            let main_name = describe::name(&main_speech.speaker, plan);
            let main_words = speech_state(main_speech, self.ctx.now, t, lang);
            render_lines(
                &[
                    Line::styled(lang.text("ui.main_speaker"), self.ctx.theme.dim()),
                    Line::from(vec![
                        Span::styled(format!("{main_name}  "), self.ctx.theme.bold()),
                        Span::styled(format!("{main_time} "), self.ctx.theme.bold()),
                        Span::styled(main_words, self.ctx.theme.dim()),
                    ]),
                ],
                main,
                buf,
            );
        }
    }
}

/// The time in the largest digits that fit, or plain text. Each pixel of
/// the 8x8 glyphs is `k` half-rows tall and `max(1, k/2)` columns wide,
/// for the largest even `k` that fits (or 1); quarter blocks below that.
fn big_time(time: &str, area: Rect, buf: &mut Buffer, style: Style) {
    let n = time.chars().count() as u16;
    if n == 0 {
        return;
    }
    let fits = |k: u16| 8 * n * (k / 2).max(1) <= area.width && 4 * k <= area.height;
    // Even scales keep every pixel row whole (odd ones split them into
    // half blocks); 1 is the half-height fallback.
    if let Some(k) = [8, 6, 4, 2, 1].into_iter().find(|k| fits(*k)) {
        let px_w = (k / 2).max(1);
        let (w, h) = (8 * n * px_w, 4 * k);
        let x0 = area.x + (area.width - w) / 2;
        let y0 = area.y + (area.height - h) / 2;
        for (ci, c) in time.chars().enumerate() {
            let glyph = font8x8::BASIC_FONTS.get(c).unwrap_or([0; 8]);
            let on = |px: u16, py: u16| py < 8 && glyph[py as usize] & (1 << px) != 0;
            for row in 0..h {
                let (top, bottom) = ((2 * row) / k, (2 * row + 1) / k);
                for col in 0..8 * px_w {
                    let px = col / px_w;
                    let symbol = match (on(px, top), on(px, bottom)) {
                        (true, true) => "█",
                        (true, false) => "▀",
                        (false, true) => "▄",
                        (false, false) => continue,
                    };
                    let x = x0 + ci as u16 * 8 * px_w + col;
                    if let Some(cell) = buf.cell_mut((x, y0 + row)) {
                        cell.set_symbol(symbol).set_style(style);
                    }
                }
            }
        }
        return;
    }
    if n * 4 <= area.width && area.height >= 4 {
        let top = area.y + (area.height - 4) / 2;
        BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(style)
            .lines(vec![Line::from(time.to_owned())])
            .centered()
            .build()
            .render(
                Rect {
                    y: top,
                    height: 4,
                    ..area
                },
                buf,
            );
        return;
    }
    if area.height > 0 {
        Line::styled(time.to_owned(), style)
            .alignment(Alignment::Center)
            .render(Rect { height: 1, ..area }, buf);
    }
}
