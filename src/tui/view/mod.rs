//! Drawing the chair's screen: a pure function of the app state and `now`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Widget, Wrap};

use super::app::App;
use super::clerk::{Section, View, presence_rows};
use super::describe;
use crate::clock::{Clock, Ts};
use crate::i18n::Lang;
use crate::meeting::State;
use crate::session::SessionPlan;
use draw::section;

mod agenda;
mod clerk_overlay;
mod draw;
mod factions;
mod header;
mod overlay;
mod popup;
mod queue;
mod session_clock;
mod speaker;
mod status;
mod theme;
mod time;

pub use theme::Theme;

use agenda::Agenda;
use factions::Factions;
use header::Header;
use queue::Queue;
use session_clock::SessionClock;
use speaker::Speaker;
use status::{MessageLine, StatusLine};
pub use time::{countdown, elapsed, speech_state, speech_time};

/// The smallest terminal the full screen is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub struct Screen<'a, C: Clock> {
    pub app: &'a App<C>,
    pub now: Ts,
    pub theme: Theme,
}

impl<C: Clock> Widget for Screen<'_, C> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            self.too_small(area, buf);
            return;
        }
        let header_h = if area.height >= 32 { 2 } else { 1 };
        let (plan, now, lang, theme) = (self.plan(), self.now, self.lang(), self.theme);
        let message_line = MessageLine {
            message: self.app.message.as_ref(),
            notices: &self.app.notices,
            lang,
            theme,
        };
        // A message is wrapped, never cut: its way out is often at the end.
        let message_h = message_line.height(area);
        let [header, body, message, status] = area.layout(&Layout::vertical([
            Constraint::Length(header_h),
            Constraint::Fill(1),
            Constraint::Length(message_h),
            Constraint::Length(1),
        ]));
        Header {
            plan,
            now,
            lang,
            theme,
        }
        .render(header, buf);
        if self.app.view == View::Clerk {
            self.clerk_body(body, buf);
        } else {
            self.chair_body(body, buf);
        }
        message_line.render(message, buf);
        StatusLine {
            keys: self.app.keymap().footer(lang),
            journal: self.app.meeting.journal_path(),
            lang,
            theme,
        }
        .render(status, buf);
        if let Some(overlay) = &self.app.overlay {
            overlay::popup(self.app, overlay, area, theme).render(area, buf);
        }
    }
}

impl<C: Clock> Screen<'_, C> {
    fn lang(&self) -> Lang {
        self.app.lang
    }
    fn plan(&self) -> &SessionPlan {
        self.app.meeting.plan()
    }
    fn state(&self) -> &State {
        self.app.meeting.state()
    }
    fn t(&self, key: &'static str) -> &'static str {
        self.lang().text(key)
    }

    /// The chair's body: clock, agenda, speaker, queue and factions, in
    /// three columns from 120 wide, else in two.
    fn chair_body(&self, body: Rect, buf: &mut Buffer) {
        let (plan, state, now, lang, theme) =
            (self.plan(), self.state(), self.now, self.lang(), self.theme);
        let clock = SessionClock {
            plan,
            state,
            now,
            lang,
            theme,
        };
        let agenda = Agenda {
            plan,
            state,
            now,
            lang,
            theme,
        };
        let speaker = Speaker {
            plan,
            state,
            thresholds: self.app.meeting.thresholds(),
            now,
            lang,
            theme,
        };
        let queue = Queue {
            plan,
            state,
            selected: self.app.selected,
            lang,
            theme,
        };
        let factions = Factions {
            plan,
            state,
            now,
            lang,
            theme,
        };
        if body.width >= 120 {
            let [left, mid, right] = body.layout(
                &Layout::horizontal([
                    Constraint::Length((34 + (body.width - 120) / 4).min(52)),
                    Constraint::Fill(1),
                    Constraint::Length(42),
                ])
                .spacing(1),
            );
            let agenda_h = agenda.height().min(left.height.saturating_sub(6));
            let [clock_area, agenda_area] = left.layout(&Layout::vertical([
                Constraint::Length(5),
                Constraint::Max(agenda_h),
            ]));
            clock.render(clock_area, buf);
            agenda.render(agenda_area, buf);
            let [speaker_area, queue_area] = mid.layout(&Layout::vertical([
                Constraint::Length(speaker.height(mid)),
                Constraint::Fill(1),
            ]));
            speaker.render(speaker_area, buf);
            queue.render(queue_area, buf);
            factions.render(right, buf);
        } else {
            let [left, right] = body.layout(
                &Layout::horizontal([Constraint::Fill(1), Constraint::Length(35)]).spacing(1),
            );
            let [clock_area, speaker_area, queue_area] = left.layout(&Layout::vertical([
                Constraint::Length(4),
                Constraint::Length(speaker.height(left).min(left.height.saturating_sub(7))),
                Constraint::Fill(1),
            ]));
            clock.render(clock_area, buf);
            speaker.render(speaker_area, buf);
            queue.render(queue_area, buf);
            // Every faction stays visible; the agenda scrolls around the
            // current item in what is left.
            let factions_h = factions.height();
            let agenda_h = agenda
                .height()
                .min(right.height.saturating_sub(factions_h).max(4));
            let [agenda_area, factions_area] = right.layout(&Layout::vertical([
                Constraint::Length(agenda_h),
                Constraint::Fill(1),
            ]));
            agenda.render(agenda_area, buf);
            factions.render(factions_area, buf);
        }
    }

    fn too_small(&self, area: Rect, buf: &mut Buffer) {
        let text = self.lang().fill(
            "ui.too_small",
            &[
                ("width", &area.width),
                ("height", &area.height),
                ("min_width", &MIN_WIDTH),
                ("min_height", &MIN_HEIGHT),
            ],
        );
        // The one thing a chair still needs: the speaker's time.
        let mut lines = vec![Line::styled(text, self.theme.bold())];
        if let Some(s) = self.state().active_speech() {
            let time = speech_time(s, self.now);
            let words = speech_state(s, self.now, self.app.meeting.thresholds(), self.lang());
            lines.push(Line::styled(
                format!("{time} {words}"),
                self.theme
                    .level(s.level(self.now, self.app.meeting.thresholds())),
            ));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Center)
            .render(area, buf);
    }
}

impl<C: Clock> Screen<'_, C> {
    /// The clerk's view: a strip with the chair's timers, then the outcomes.
    fn clerk_body(&self, area: Rect, buf: &mut Buffer) {
        let [strip, rest] = area.layout(&Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
        ]));
        self.clerk_strip(strip, buf);
        let left_w = if area.width >= 120 { 56 } else { 40 };
        let [left, right] = rest.layout(
            &Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).spacing(1),
        );
        let [advice, positions] = left.layout(&Layout::vertical([
            Constraint::Length(3),
            Constraint::Fill(1),
        ]));
        self.clerk_advice(advice, buf);
        self.clerk_positions(positions, buf);
        let o = &self.state().outcomes;
        let sections = [
            Constraint::Min(2),
            Constraint::Min(2),
            Constraint::Min(2),
            Constraint::Min(2),
            Constraint::Min(2),
            Constraint::Length(2),
        ];
        let [commitments, motions, actions, notes, conclusion, presence] =
            right.layout(&Layout::vertical(sections));
        let lang = self.lang();
        let commitment_rows: Vec<String> = o
            .commitments
            .iter()
            .map(|c| {
                let due = if c.due.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", c.due)
                };
                format!("{}: {}{due}", c.by, c.what.replace('\n', " "))
            })
            .collect();
        self.clerk_list(
            commitments,
            buf,
            Section::Commitments,
            "clerk.commitments",
            &commitment_rows,
        );
        let motion_rows: Vec<String> = o
            .motions
            .iter()
            .map(|m| {
                format!(
                    "{} · {} · {}",
                    crate::meeting::texts::motion_kind_text(m.kind, lang),
                    m.factions.join(", "),
                    m.title
                )
            })
            .collect();
        self.clerk_list(
            motions,
            buf,
            Section::Motions,
            "clerk.motions",
            &motion_rows,
        );
        let action_rows: Vec<String> = o
            .action_points
            .iter()
            .map(|a| {
                if a.owner.is_empty() {
                    a.text.replace('\n', " ")
                } else {
                    format!("{} ({})", a.text.replace('\n', " "), a.owner)
                }
            })
            .collect();
        self.clerk_list(
            actions,
            buf,
            Section::ActionPoints,
            "clerk.action_points",
            &action_rows,
        );
        let note_rows: Vec<String> = o
            .notes
            .iter()
            .map(|n| format!("{} {}", n.at.format("%H:%M"), n.text.replace('\n', " ")))
            .collect();
        self.clerk_list(notes, buf, Section::Notes, "clerk.notes", &note_rows);

        let block = section(self.t("clerk.conclusion"), self.theme);
        let inner = block.inner(conclusion);
        block.render(conclusion, buf);
        if o.conclusion.is_empty() {
            Line::styled(self.t("clerk.conclusion_empty"), self.theme.dim()).render(inner, buf);
        } else {
            Paragraph::new(o.conclusion.clone())
                .wrap(Wrap { trim: false })
                .render(inner, buf);
        }

        let rows = presence_rows(self.app);
        let recorded = |here: bool| {
            rows.iter()
                .filter(|(w, _)| o.presence.get(w) == Some(&here))
                .count()
        };
        let block = section(self.t("clerk.presence"), self.theme);
        let inner = block.inner(presence);
        block.render(presence, buf);
        Line::styled(
            lang.fill(
                "clerk.presence_summary",
                &[
                    ("present", &recorded(true)),
                    ("absent", &recorded(false)),
                    ("open", &(rows.len() - recorded(true) - recorded(false))),
                ],
            ),
            self.theme.dim(),
        )
        .render(inner, buf);
    }

    fn clerk_strip(&self, area: Rect, buf: &mut Buffer) {
        let st = self.state();
        let lang = self.lang();
        let t = self.app.meeting.thresholds();
        let [l1, l2] = area.layout(&Layout::vertical([Constraint::Length(1); 2]));
        match st.active_speech() {
            Some(s) => {
                let time = speech_time(s, self.now);
                let level = s.level(self.now, t);
                Line::from(vec![
                    Span::styled(format!("{} ", self.t("ui.speaker")), self.theme.dim()),
                    Span::styled(describe::name(&s.speaker, self.plan()), self.theme.bold()),
                    Span::styled(
                        format!(" · {} ", describe::who(&s.speaker, lang, self.plan())),
                        self.theme.dim(),
                    ),
                    Span::styled(format!(" {time} "), self.theme.level(level)),
                    Span::styled(
                        format!(" {}", speech_state(s, self.now, t, lang)),
                        self.theme.level(level),
                    ),
                ])
                .render(l1, buf);
            }
            None => Line::styled(self.t("clerk.nobody"), self.theme.dim()).render(l1, buf),
        }
        let dur = self.plan().session.duration_min;
        let session = match st.session_remaining_ms(dur, self.now) {
            Some(r) => countdown(r),
            None => self.t("ui.session.not_open").to_owned(),
        };
        let item = st.current_item.map_or_else(String::new, |i| {
            self.plan()
                .session
                .agenda
                .get(i)
                .map_or_else(|| format!("#{}", i + 1), |it| it.title.clone())
        });
        Line::styled(
            lang.fill("clerk.strip", &[("session", &session), ("item", &item)]),
            self.theme.dim(),
        )
        .render(l2, buf);
    }

    fn clerk_advice(&self, area: Rect, buf: &mut Buffer) {
        let block = section(self.t("clerk.advice"), self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let o = &self.state().outcomes;
        let mut lines = vec![match o.advice {
            Some(a) => Line::styled(
                crate::meeting::texts::advice_text(a, self.lang()),
                self.theme.bold(),
            ),
            None => Line::styled(self.t("clerk.no_advice"), self.theme.dim()),
        }];
        if !o.requested_by.is_empty() {
            lines.push(Line::raw(format!(
                "{} {}",
                self.t("rec.requested_by"),
                o.requested_by.join(", ")
            )));
        }
        Paragraph::new(lines).render(inner, buf);
    }

    fn section_block(&self, s: Section, key: &'static str) -> Block<'static> {
        let focused = self.app.clerk_section == s;
        let title = if focused {
            format!(" ▶ {} ", self.t(key))
        } else {
            format!(" {} ", self.t(key))
        };
        Block::default().borders(Borders::TOP).title(Span::styled(
            title,
            if focused {
                self.theme.selected()
            } else {
                self.theme.bold()
            },
        ))
    }

    fn clerk_positions(&self, area: Rect, buf: &mut Buffer) {
        let block = self.section_block(Section::Positions, "clerk.positions");
        let inner = block.inner(area);
        block.render(area, buf);
        let o = &self.state().outcomes;
        let codes = self.app.position_codes();
        let focused = self.app.clerk_section == Section::Positions;
        let open = codes
            .iter()
            .filter(|c| !o.positions.contains_key(*c))
            .count();
        let visible = inner.height.saturating_sub(1) as usize;
        let skip = if focused {
            (self.app.clerk_row + 1).saturating_sub(visible)
        } else {
            0
        };
        let rows: Vec<Row> = codes
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, code)| {
                let p = o.positions.get(code);
                let sel = focused && i == self.app.clerk_row;
                let stance = crate::meeting::texts::stance_text(p.map(|p| p.stance), self.lang());
                Row::new(vec![
                    Span::raw(if sel { "▶" } else { " " }),
                    Span::raw(code.clone()),
                    Span::styled(
                        stance,
                        if p.is_some() {
                            self.theme.bold()
                        } else {
                            self.theme.dim()
                        },
                    ),
                    Span::raw(p.map(|p| p.note.clone()).unwrap_or_default()),
                ])
                .style(if sel {
                    self.theme.selected()
                } else {
                    self.theme.base()
                })
            })
            .collect();
        Table::new(
            rows,
            [
                Constraint::Length(1),
                Constraint::Length(6),
                Constraint::Length(21),
                Constraint::Fill(1),
            ],
        )
        .header(
            Row::new(vec![
                String::new(),
                String::new(),
                self.lang().fill("clerk.open_count", &[("n", &open)]),
                String::new(),
            ])
            .style(self.theme.dim()),
        )
        .column_spacing(1)
        .render(inner, buf);
    }

    fn clerk_list(
        &self,
        area: Rect,
        buf: &mut Buffer,
        s: Section,
        key: &'static str,
        rows: &[String],
    ) {
        let block = self.section_block(s, key);
        let inner = block.inner(area);
        block.render(area, buf);
        if rows.is_empty() {
            Line::styled(self.t("clerk.empty"), self.theme.dim()).render(inner, buf);
            return;
        }
        let focused = self.app.clerk_section == s;
        let visible = inner.height as usize;
        let skip = if focused {
            (self.app.clerk_row + 1).saturating_sub(visible)
        } else {
            rows.len().saturating_sub(visible)
        };
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, r)| {
                let sel = focused && i == self.app.clerk_row;
                Line::styled(
                    format!("{} {r}", if sel { "▶" } else { " " }),
                    if sel {
                        self.theme.selected()
                    } else {
                        self.theme.base()
                    },
                )
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
