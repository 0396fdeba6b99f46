//! The speaker: name, who they are, the time in big digits, a gauge (or
//! the faction's budget), the state in words, and the main speaker under
//! an interruption.

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

pub struct Speaker<'a> {
    /// The plan, state, time, language and styles it draws from.
    pub ctx: Ctx<'a>,
    pub thresholds: Thresholds,
}

impl Speaker<'_> {
    /// Rows the panel wants in `area`: big digits of 8 rows where they fit.
    pub fn height(&self, area: Rect) -> u16 {
        let interrupted = self.ctx.state.interruption.is_some();
        let digits = if area.height >= 30 && area.width >= 40 {
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
            let hint = if st.queue.is_empty() {
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
        let name = describe::name(&s.speaker, plan);
        let sub = [
            describe::who(&s.speaker, lang, plan),
            describe::speech_kind(s.kind, lang).to_owned(),
        ];
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
                Line::styled(sub.join(" · "), self.ctx.theme.dim()),
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

/// The time in the largest digits that fit, or plain text.
fn big_time(time: &str, area: Rect, buf: &mut Buffer, style: Style) {
    let chars = time.chars().count() as u16;
    let sizes = [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfHeight, 8, 4),
        (PixelSize::Quadrant, 4, 4),
    ];
    for (size, w, h) in sizes {
        if chars * w <= area.width && h <= area.height {
            let top = area.y + (area.height - h) / 2;
            let digits = Rect {
                y: top,
                height: h,
                ..area
            };
            BigText::builder()
                .pixel_size(size)
                .style(style)
                .lines(vec![Line::from(time.to_owned())])
                .centered()
                .build()
                .render(digits, buf);
            return;
        }
    }
    if area.height > 0 {
        Line::styled(time.to_owned(), style)
            .alignment(Alignment::Center)
            .render(Rect { height: 1, ..area }, buf);
    }
}
