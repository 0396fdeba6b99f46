//! The public display: the speaker's time as large as the terminal allows,
//! for the room, following the session's journal read-only.

use font8x8::UnicodeFonts;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::describe;
use super::view::{Theme, countdown, elapsed, speech_state, speech_time};
use crate::clock::Ts;
use crate::follow::{Follower, Status};
use crate::i18n::Lang;
use crate::meeting::{Level, Thresholds};
use crate::session::SessionPlan;

pub struct Display<'a> {
    pub follower: &'a Follower,
    pub plan: &'a SessionPlan,
    pub thresholds: Thresholds,
    pub lang: Lang,
    pub now: Ts,
    pub theme: Theme,
}

/// What the display shows, as text: drawn only when this changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub time: String,
    pub words: String,
    pub level: Level,
    pub who: String,
    pub affiliation: String,
    pub session: String,
    pub item: String,
    pub clock: String,
    /// Lines drawn large one under the other instead of `time` (a recess:
    /// the word, when the session resumes, the countdown).
    pub big: Vec<String>,
}

/// How long until a second shown on the display can change: the next
/// second of a running timer, else the next minute.
pub fn next_change(
    plan: &crate::session::SessionPlan,
    st: &crate::meeting::State,
    now: Ts,
) -> std::time::Duration {
    let wait = super::next_timer_second(plan, st, now, true)
        .unwrap_or_else(|| 60_000 - now.timestamp_millis().rem_euclid(60_000));
    std::time::Duration::from_millis(wait.clamp(5, 60_000) as u64)
}

impl Display<'_> {
    fn t(&self, k: &'static str) -> &'static str {
        self.lang.text(k)
    }

    /// Everything shown, for the current moment.
    pub fn shown(&self) -> Shown {
        let st = &self.follower.state;
        let lang = self.lang;
        let session = match crate::meeting::schedule::session_left_ms(self.plan, st, self.now) {
            Some(r) if st.closed_at.is_none() => {
                lang.fill("display.session_left", &[("time", &countdown(r))])
            }
            _ => String::new(),
        };
        let item = st.current_item.map_or_else(String::new, |i| {
            self.plan
                .session
                .agenda
                .get(i)
                .map_or_else(|| format!("#{}", i + 1), |it| it.title.clone())
        });
        let clock = self.plan.local(self.now).format("%H:%M").to_string();
        let base = Shown {
            time: String::new(),
            words: String::new(),
            level: Level::Normal,
            who: String::new(),
            affiliation: String::new(),
            session,
            item,
            clock,
            big: Vec::new(),
        };
        if st.closed_at.is_some() {
            return Shown {
                words: self.t("display.closed").to_owned(),
                ..base
            };
        }
        // A recess goes before the held speaker: the room wants to know
        // when the session resumes, not the frozen digits.
        if st.in_recess() {
            return self.recess(st, base);
        }
        if let Some(s) = st.active_speech() {
            let time = speech_time(s, self.now);
            let state = speech_state(s, self.now, self.thresholds, lang);
            let interruption = st.interruption.is_some();
            let (who, affiliation, words) = if interruption {
                let (who, on_behalf) = self.interrupter(&s.speaker);
                let words = if state == self.t("ui.state.speaking") {
                    self.t("display.interruption").to_owned()
                } else {
                    format!("{} · {state}", self.t("display.interruption"))
                };
                (who, on_behalf, words)
            } else {
                (
                    describe::name(&s.speaker, self.plan),
                    describe::who(&s.speaker, lang, self.plan),
                    state,
                )
            };
            return Shown {
                time,
                words,
                level: s.level(self.now, self.thresholds),
                who,
                affiliation,
                ..base
            };
        }
        match crate::meeting::schedule::session_left_ms(self.plan, st, self.now) {
            Some(r) => Shown {
                time: countdown(r),
                words: self.t("display.session").to_owned(),
                level: if r <= 0 { Level::Over } else { Level::Normal },
                session: String::new(),
                ..base
            },
            None => Shown {
                words: self.t("display.waiting").to_owned(),
                ..base
            },
        }
    }
}

impl Display<'_> {
    /// A recess: of a set length, when the session resumes and how long
    /// until then (or, past that time, that it should resume and how long
    /// over); open-ended, how long it lasts.
    fn recess(&self, st: &crate::meeting::State, base: Shown) -> Shown {
        let lang = self.lang;
        let word = self.t("ui.state.recess");
        let lasted = st.recesses.last().map_or(0, |r| r.ms(self.now));
        let Some(until) = st.recess_until() else {
            let time = elapsed(lasted);
            return Shown {
                words: lang.fill("display.recess_lasts", &[("time", &time)]),
                big: vec![word.to_owned(), time.clone()],
                time,
                level: Level::First,
                ..base
            };
        };
        let at = self.plan.local(until).format("%H:%M").to_string();
        // Signed: past the end it goes negative (ms_between stops at 0).
        let left = (until - self.now).num_milliseconds();
        if left > 0 {
            let time = countdown(left);
            Shown {
                words: lang.fill("display.recess_until", &[("at", &at), ("time", &time)]),
                big: vec![
                    word.to_owned(),
                    lang.fill("display.resumes_at", &[("at", &at)]),
                    lang.fill("display.left", &[("time", &time)]),
                ],
                time,
                level: Level::First,
                ..base
            }
        } else {
            let time = countdown(left);
            Shown {
                words: lang.fill("display.recess_over", &[("at", &at), ("time", &time)]),
                big: vec![
                    word.to_owned(),
                    self.t("display.resuming").to_owned(),
                    time.clone(),
                ],
                time,
                level: Level::Over,
                ..base
            }
        }
    }

    fn interrupter(&self, speaker: &crate::meeting::Speaker) -> (String, String) {
        interrupter(speaker, self.plan, self.lang)
    }
}

/// Who interrupts, on two lines: the member and their faction's full
/// name, or the faction's full name and "on behalf of the faction".
/// The web display ([`super::web_snapshot`]) words them the same.
pub fn interrupter(
    speaker: &crate::meeting::Speaker,
    plan: &SessionPlan,
    lang: Lang,
) -> (String, String) {
    use crate::meeting::Speaker;
    let label = lang.text("display.interruption_by");
    match speaker {
        Speaker::Faction {
            faction,
            name: Some(name),
        }
        | Speaker::Representative { faction, name } => (
            name.clone(),
            format!("{label} · {}", describe::faction_name(faction, plan)),
        ),
        Speaker::Faction {
            faction,
            name: None,
        } => (
            describe::faction_name(faction, plan),
            format!("{label} · {}", lang.text("display.on_behalf")),
        ),
        other => (
            describe::name(other, plan),
            format!("{label} · {}", describe::who(other, lang, plan)),
        ),
    }
}

/// The style of a timer's level on the display: the one-minute and the
/// 30-second warning in different colours (yellow, then orange-red), so
/// the room sees the step; without colour (NO_COLOR) the words differ.
pub fn level_style(theme: Theme, level: Level) -> Style {
    use ratatui::style::{Color, Modifier};
    match level {
        Level::Final if theme.color => Style::default()
            .fg(Color::Black)
            .bg(Color::LightRed)
            .add_modifier(Modifier::BOLD),
        _ => theme.level(level),
    }
}

impl Widget for Display<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let theme = self.theme;
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let dim = Style::default().add_modifier(ratatui::style::Modifier::DIM);
        let problem = match &self.follower.status {
            Status::Damaged { line, why } => Some(self.lang.fill(
                "display.damaged",
                &[
                    ("path", &self.follower.path().display()),
                    ("line", line),
                    ("why", why),
                ],
            )),
            Status::Unreadable(why) => Some(self.lang.fill(
                "display.unreadable",
                &[("path", &self.follower.path().display()), ("why", why)],
            )),
            Status::NotAFile(kind) => Some(self.lang.fill(
                "display.unreadable",
                &[
                    ("path", &self.follower.path().display()),
                    (
                        "why",
                        &crate::fsio::ReadFailure::NotAFile(*kind).text(self.lang),
                    ),
                ],
            )),
            Status::TooLarge => Some(self.lang.fill(
                "display.too_large",
                &[
                    ("path", &self.follower.path().display()),
                    ("limit", &(crate::journal::MAX_JOURNAL_BYTES >> 30)),
                ],
            )),
            Status::TooNew { format } => Some(self.lang.fill(
                "display.too_new",
                &[
                    ("path", &self.follower.path().display()),
                    ("format", format),
                    ("known", &crate::journal::FORMAT),
                ],
            )),
            Status::Foreign { journal } => Some(self.lang.fill(
                "display.foreign",
                &[
                    ("path", &self.follower.path().display()),
                    ("journal", journal),
                    ("session", &self.plan.path.display()),
                ],
            )),
            Status::Waiting | Status::Following => None,
        };
        // The session file changed since the journal began: the same
        // warning `run` gives, above the bottom line, wrapped.
        let warning = (self.follower.session_changed && problem.is_none()).then(|| {
            let session = self
                .follower
                .header
                .as_ref()
                .map_or("", |h| h.session.as_str());
            self.lang
                .fill("journal.session_changed", &[("session", &session)])
        });
        let s = self.shown();
        let level_style = level_style(theme, s.level);
        if area.height < 3 {
            // Tiny: the time and the words on one line.
            let text = if s.big.is_empty() {
                format!("{} {}", s.time, s.words)
            } else {
                s.words.clone()
            };
            Line::styled(text.trim().to_owned(), level_style)
                .alignment(Alignment::Center)
                .render(Rect { height: 1, ..area }, buf);
            return;
        }
        let warning_h = warning.as_ref().map_or(0, |w| {
            let width = usize::from(area.width.max(1));
            let lines = Line::raw(w.as_str()).width().div_ceil(width) + 1;
            (lines as u16).min(area.height / 3)
        });
        let (area, warning_area) = if warning_h > 0 {
            let [rest, w] = area.layout(&Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(warning_h),
            ]));
            (rest, w)
        } else {
            (area, Rect::default())
        };
        if let Some(w) = &warning
            && warning_area.height > 0
        {
            Paragraph::new(Line::styled(w.clone(), theme.level(Level::First)))
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center)
                .render(warning_area, buf);
        }
        let [top, middle, words, who, bottom] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(u16::from(area.height >= 8) * 2),
            Constraint::Length(1),
        ]));
        let title = &self.plan.session.title;
        let head = if s.item.is_empty() {
            title.clone()
        } else {
            format!("{title} · {}", s.item)
        };
        let [head_area, clock_area] = top.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(6),
        ]));
        Line::styled(head, dim).render(head_area, buf);
        Line::styled(s.clock.clone(), bold)
            .alignment(Alignment::Right)
            .render(clock_area, buf);
        if let Some(p) = problem {
            Paragraph::new(Line::styled(p, theme.level(Level::Over)))
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center)
                .render(middle, buf);
        } else if !s.big.is_empty() {
            big_lines(&s.big, middle, buf, level_style);
        } else if s.time.is_empty() {
            Paragraph::new(Line::styled(s.words.clone(), bold))
                .wrap(Wrap { trim: true })
                .alignment(Alignment::Center)
                .render(
                    Rect {
                        y: middle.y + middle.height / 2,
                        height: middle.height - middle.height / 2,
                        ..middle
                    },
                    buf,
                );
        } else {
            scaled_digits(&s.time, middle, buf, level_style);
        }
        if !s.time.is_empty() {
            Line::styled(format!(" {} ", s.words), level_style)
                .alignment(Alignment::Center)
                .render(words, buf);
        }
        if who.height > 0 && !s.who.is_empty() {
            Paragraph::new(vec![
                Line::styled(s.who.clone(), bold).alignment(Alignment::Center),
                Line::styled(s.affiliation.clone(), dim).alignment(Alignment::Center),
            ])
            .render(who, buf);
        }
        Line::styled(s.session.clone(), dim)
            .alignment(Alignment::Center)
            .render(bottom, buf);
    }
}

/// Draw `lines` one under the other, each as large as its share of `area`
/// allows; the first (the state's word) in its share, the rest below.
fn big_lines(lines: &[String], area: Rect, buf: &mut Buffer, style: Style) {
    let n = lines.len().max(1) as u32;
    let rows = area.layout_vec(&Layout::vertical(
        lines.iter().map(|_| Constraint::Ratio(1, n)),
    ));
    for (line, row) in lines.iter().zip(rows.iter()) {
        scaled_digits(line, *row, buf, style);
    }
}

/// Draw `text` in 8x8 glyphs scaled to fill `area`: each pixel is `s`
/// cells wide and `s` half-cells tall (half blocks), for the largest `s`
/// that fits; quarter-size blocks below that, plain text when tiny.
pub fn scaled_digits(text: &str, area: Rect, buf: &mut Buffer, style: Style) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len() as u16;
    if n == 0 {
        return;
    }
    let s = (area.width / (8 * n)).min(area.height / 4);
    if s == 0 {
        // Quarter blocks: 4 columns and 4 rows per glyph.
        if n * 4 <= area.width && area.height >= 4 {
            let digits = Rect {
                y: area.y + (area.height - 4) / 2,
                height: 4,
                ..area
            };
            tui_big_text::BigText::builder()
                .pixel_size(tui_big_text::PixelSize::Quadrant)
                .style(style)
                .lines(vec![Line::from(text.to_owned())])
                .centered()
                .build()
                .render(digits, buf);
        } else {
            Line::from(Span::styled(text.to_owned(), style))
                .alignment(Alignment::Center)
                .render(
                    Rect {
                        y: area.y + area.height / 2,
                        height: 1,
                        ..area
                    },
                    buf,
                );
        }
        return;
    }
    let w = 8 * n * s;
    let h = 4 * s;
    let x0 = area.x + (area.width - w) / 2;
    let y0 = area.y + (area.height - h) / 2;
    for (ci, c) in chars.iter().enumerate() {
        let glyph = font8x8::BASIC_FONTS.get(*c).unwrap_or([0; 8]);
        let on = |px: u16, py: u16| py < 8 && glyph[py as usize] & (1 << px) != 0;
        for row in 0..h {
            // Each cell row covers two half-rows of pixels.
            let top = (2 * row) / s;
            let bottom = (2 * row + 1) / s;
            for col in 0..8 * s {
                let px = col / s;
                let symbol = match (on(px, top), on(px, bottom)) {
                    (true, true) => "█",
                    (true, false) => "▀",
                    (false, true) => "▄",
                    (false, false) => continue,
                };
                let x = x0 + ci as u16 * 8 * s + col;
                if let Some(cell) = buf.cell_mut((x, y0 + row)) {
                    cell.set_symbol(symbol).set_style(style);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_warnings_differ_in_colour_and_keep_their_words_without() {
        let color = Theme { color: true };
        let first = level_style(color, Level::First);
        let last = level_style(color, Level::Final);
        assert_ne!(first.bg, last.bg, "one minute and 30 seconds differ");
        assert_ne!(last.bg, level_style(color, Level::Over).bg);
        // NO_COLOR: no colours at all; the words ("NOG 1 MINUUT", "NOG 30
        // SEC") tell the two apart.
        let plain = Theme { color: false };
        for level in [Level::Normal, Level::First, Level::Final, Level::Over] {
            let s = level_style(plain, level);
            assert_eq!((s.fg, s.bg), (None, None), "{level:?}");
        }
    }
}
