//! The clerk's view: a strip with the chair's timers, the advice and the
//! factions' positions on the left, the outcomes (commitments, motions,
//! action points, notes, conclusion, presence) on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Widget, Wrap};

use super::draw::{Ctx, section};
use super::theme::Theme;
use super::time::{countdown, speech_state, speech_time};
use crate::clock::Clock;
use crate::i18n::Lang;
use crate::meeting::Present;
use crate::meeting::Thresholds;
use crate::meeting::state::Outcomes;
use crate::meeting::texts::{advice_text, motion_kind_text, stance_text};
use crate::tui::app::App;
use crate::tui::clerk::{presence_mark, presence_rows};
use crate::tui::describe;
use crate::tui::mode::Section;

/// The clerk's body; it reads the App for the focused section and row
/// and for the rows of the positions and presence lists.
pub struct ClerkBody<'a, C: Clock> {
    pub app: &'a App<C>,
    pub ctx: Ctx<'a>,
}

impl<C: Clock> ClerkBody<'_, C> {
    /// The row selected in section `s`, when it has the focus.
    fn focus(&self, s: Section) -> Option<usize> {
        (self.app.clerk_section == s).then_some(self.app.clerk_row)
    }

    fn list(&self, area: Rect, buf: &mut Buffer, s: Section, key: &'static str, rows: &[String]) {
        let lang = self.ctx.lang;
        OutcomeList {
            title: lang.text(key),
            empty: lang.text("clerk.empty"),
            rows,
            focus: self.focus(s),
            theme: self.ctx.theme,
        }
        .render(area, buf);
    }
}

impl<C: Clock> Widget for ClerkBody<'_, C> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, ctx) = (self.app, self.ctx);
        let (state, lang, theme) = (ctx.state, ctx.lang, ctx.theme);
        let [strip, rest] = area.layout(&Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
        ]));
        ClerkStrip {
            ctx,
            thresholds: app.meeting.thresholds(),
        }
        .render(strip, buf);
        let left_w = if area.width >= 120 { 56 } else { 40 };
        let [left, right] = rest.layout(
            &Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).spacing(1),
        );
        let [advice, positions] = left.layout(&Layout::vertical([
            Constraint::Length(3),
            Constraint::Fill(1),
        ]));
        let o = &state.outcomes;
        Advice {
            outcomes: o,
            lang,
            theme,
        }
        .render(advice, buf);
        Positions {
            codes: &app.position_codes(),
            outcomes: o,
            focus: self.focus(Section::Positions),
            lang,
            theme,
        }
        .render(positions, buf);
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
        self.list(
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
                    motion_kind_text(m.kind, lang),
                    m.factions.join(", "),
                    m.title
                )
            })
            .collect();
        self.list(
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
        self.list(
            actions,
            buf,
            Section::ActionPoints,
            "clerk.action_points",
            &action_rows,
        );
        let note_rows: Vec<String> = o
            .notes
            .iter()
            .map(|n| {
                let at = ctx.plan.local(n.at);
                format!("{} {}", at.format("%H:%M"), n.text.replace('\n', " "))
            })
            .collect();
        self.list(notes, buf, Section::Notes, "clerk.notes", &note_rows);

        let block = section(lang.text("clerk.conclusion"), theme);
        let inner = block.inner(conclusion);
        block.render(conclusion, buf);
        if o.conclusion.is_empty() {
            Line::styled(lang.text("clerk.conclusion_empty"), theme.dim()).render(inner, buf);
        } else {
            Paragraph::new(o.conclusion.clone())
                .wrap(Wrap { trim: false })
                .render(inner, buf);
        }

        // Factions and the college; a faction with a member marked present
        // counts as present.
        let rows: Vec<_> = presence_rows(app.meeting.plan())
            .into_iter()
            .filter(|(w, _)| !matches!(w, Present::Member { .. }))
            .collect();
        let mark = |w: &Present| presence_mark(&o.presence, w);
        let recorded = |here: bool| rows.iter().filter(|(w, _)| mark(w) == Some(here)).count();
        let block = section(lang.text("clerk.presence"), theme);
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
            theme.dim(),
        )
        .render(inner, buf);
    }
}

/// The chair's timers in two lines: the speaker with their time, then the
/// session's time and the current item.
struct ClerkStrip<'a> {
    ctx: Ctx<'a>,
    thresholds: Thresholds,
}

impl Widget for ClerkStrip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Ctx {
            plan,
            state: st,
            now,
            lang,
            theme,
        } = self.ctx;
        let t = self.thresholds;
        let [l1, l2] = area.layout(&Layout::vertical([Constraint::Length(1); 2]));
        match st.active_speech() {
            Some(s) => {
                let time = speech_time(s, now);
                let level = s.level(now, t);
                Line::from(vec![
                    Span::styled(format!("{} ", lang.text("ui.speaker")), theme.dim()),
                    Span::styled(describe::name(&s.speaker, plan), theme.bold()),
                    Span::styled(
                        format!(" · {} ", describe::who(&s.speaker, lang, plan)),
                        theme.dim(),
                    ),
                    Span::styled(format!(" {time} "), theme.level(level)),
                    Span::styled(
                        format!(" {}", speech_state(s, now, t, lang)),
                        theme.level(level),
                    ),
                ])
                .render(l1, buf);
            }
            None => Line::styled(lang.text("clerk.nobody"), theme.dim()).render(l1, buf),
        }
        let session = match crate::meeting::schedule::session_left_ms(plan, st, now) {
            Some(r) => countdown(r),
            None => lang.text("ui.session.not_open").to_owned(),
        };
        let item = st.current_item.map_or_else(String::new, |i| {
            plan.session
                .agenda
                .get(i)
                .map_or_else(|| format!("#{}", i + 1), |it| it.title.clone())
        });
        Line::styled(
            lang.fill("clerk.strip", &[("session", &session), ("item", &item)]),
            theme.dim(),
        )
        .render(l2, buf);
    }
}

/// The advice given, and who asked for the item.
struct Advice<'a> {
    outcomes: &'a Outcomes,
    lang: Lang,
    theme: Theme,
}

impl Widget for Advice<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, theme, o) = (self.lang, self.theme, self.outcomes);
        let block = section(lang.text("clerk.advice"), theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let mut lines = vec![match o.advice {
            Some(a) => Line::styled(advice_text(a, lang), theme.bold()),
            None => Line::styled(lang.text("clerk.no_advice"), theme.dim()),
        }];
        if !o.requested_by.is_empty() {
            lines.push(Line::raw(format!(
                "{} {}",
                lang.text("rec.requested_by"),
                o.requested_by.join(", ")
            )));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

/// A section's heading, marked and reversed while it has the focus.
fn section_block(title: &str, focused: bool, theme: Theme) -> Block<'static> {
    let title = if focused {
        format!(" ▶ {title} ")
    } else {
        format!(" {title} ")
    };
    Block::default().borders(Borders::TOP).title(Span::styled(
        title,
        if focused {
            theme.selected()
        } else {
            theme.bold()
        },
    ))
}

/// Each faction's stance on the item and the clerk's note on it.
struct Positions<'a> {
    codes: &'a [String],
    outcomes: &'a Outcomes,
    focus: Option<usize>,
    lang: Lang,
    theme: Theme,
}

impl Widget for Positions<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (lang, theme, o, codes) = (self.lang, self.theme, self.outcomes, self.codes);
        let block = section_block(lang.text("clerk.positions"), self.focus.is_some(), theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let open = codes
            .iter()
            .filter(|c| !o.positions.contains_key(*c))
            .count();
        let visible = inner.height.saturating_sub(1) as usize;
        let skip = self
            .focus
            .map_or(0, |row| (row + 1).saturating_sub(visible));
        let rows: Vec<Row> = codes
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, code)| {
                let p = o.positions.get(code);
                let sel = self.focus == Some(i);
                let stance = stance_text(p.map(|p| p.stance), lang);
                Row::new(vec![
                    Span::raw(if sel { "▶" } else { " " }),
                    Span::raw(code.clone()),
                    Span::styled(
                        stance,
                        if p.is_some() {
                            theme.bold()
                        } else {
                            theme.dim()
                        },
                    ),
                    Span::raw(p.map(|p| p.note.clone()).unwrap_or_default()),
                ])
                .style(if sel { theme.selected() } else { theme.base() })
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
                lang.fill("clerk.open_count", &[("n", &open)]),
                String::new(),
            ])
            .style(theme.dim()),
        )
        .column_spacing(1)
        .render(inner, buf);
    }
}

/// One list of outcomes: scrolled to the selected row while it has the
/// focus, else to the newest.
struct OutcomeList<'a> {
    title: &'a str,
    empty: &'a str,
    rows: &'a [String],
    focus: Option<usize>,
    theme: Theme,
}

impl Widget for OutcomeList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, rows) = (self.theme, self.rows);
        let block = section_block(self.title, self.focus.is_some(), theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if rows.is_empty() {
            Line::styled(self.empty, theme.dim()).render(inner, buf);
            return;
        }
        let visible = inner.height as usize;
        let skip = match self.focus {
            Some(row) => (row + 1).saturating_sub(visible),
            None => rows.len().saturating_sub(visible),
        };
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, r)| {
                let sel = self.focus == Some(i);
                Line::styled(
                    format!("{} {r}", if sel { "▶" } else { " " }),
                    if sel { theme.selected() } else { theme.base() },
                )
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
