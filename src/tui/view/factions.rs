//! The factions: seats, coalition, time spoken, turns, whether they spoke
//! on this item, and what is left of a speaking budget.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row, Table, Widget};

use super::draw::{Ctx, section};
use super::time::{budget_left, elapsed};

#[derive(Clone, Copy)]
pub struct Factions<'a> {
    /// The plan, state, time, language and styles it draws from.
    pub ctx: Ctx<'a>,
}

impl Factions<'_> {
    /// Rows for every faction, known or only named in the journal, the
    /// heading and the column titles.
    pub fn height(&self) -> u16 {
        let known = self.ctx.plan.factions.len();
        let unknown = self
            .ctx
            .state
            .factions_named()
            .filter(|n| !self.ctx.plan.factions.iter().any(|f| f.short == *n))
            .count();
        (known + unknown) as u16 + 2
    }
}

impl Widget for Factions<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = |key| self.ctx.lang.text(key);
        let st = self.ctx.state;
        let block = section(t("ui.factions"), self.ctx.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let plan = self.ctx.plan;
        let budget = plan.session.faction_budget.is_some();
        let mut codes: Vec<(String, u32, bool, bool)> = plan
            .factions
            .iter()
            .map(|f| (f.short.clone(), f.seats, f.coalition, true))
            .collect();
        for named in st.factions_named() {
            if !codes.iter().any(|c| c.0 == named) {
                codes.push((named.to_owned(), 0, false, false));
            }
        }
        if codes.is_empty() {
            Line::styled(t("ui.no_factions"), self.ctx.theme.dim()).render(inner, buf);
            return;
        }
        let mut header = vec![
            t("ui.col.faction"),
            t("ui.col.seats"),
            "",
            t("ui.col.time"),
            t("ui.col.turns"),
            t("ui.col.round"),
        ];
        if budget {
            header.push(t("ui.col.budget"));
        }
        let item = st.current_item;
        // Full names where the name column fits them, codes where not.
        let fixed: u16 = 3 + 1 + 6 + 5 + 5 + if budget { 6 + 6 } else { 5 };
        let name_w = usize::from(inner.width.saturating_sub(fixed));
        let rows: Vec<Row> = codes
            .iter()
            .map(|(code, seats, coalition, known)| {
                let u = st.faction_usage(code, self.ctx.now);
                let spoke = item.is_some_and(|i| st.spoke_in_item(code, i, self.ctx.now));
                let speaking = st
                    .active_speech()
                    .is_some_and(|s| s.speaker.faction() == Some(code));
                let name = if *known {
                    let full = crate::tui::describe::faction_name(code, plan);
                    if full.chars().count() <= name_w {
                        full
                    } else {
                        code.clone()
                    }
                } else {
                    format!("{code}{}", t("ui.unknown"))
                };
                let mut cells = vec![
                    Span::styled(
                        name,
                        if speaking {
                            self.ctx.theme.bold()
                        } else {
                            self.ctx.theme.base()
                        },
                    ),
                    Span::raw(if *known {
                        seats.to_string()
                    } else {
                        String::new()
                    }),
                    Span::raw(if *coalition { "●" } else { "○" }),
                    Span::raw(elapsed(u.ms)),
                    Span::raw(if u.interruptions > 0 {
                        format!("{}+{}i", u.turns, u.interruptions)
                    } else {
                        u.turns.to_string()
                    }),
                    Span::styled(
                        if spoke { "✓" } else { "·" },
                        if spoke {
                            self.ctx.theme.good()
                        } else {
                            self.ctx.theme.dim()
                        },
                    ),
                ];
                if budget {
                    match crate::meeting::budget_sec(plan, code) {
                        Some(b) => {
                            let left = b * 1000 - u.ms;
                            let style = if left < 0 {
                                self.ctx.theme.over()
                            } else {
                                self.ctx.theme.base()
                            };
                            cells.push(Span::styled(budget_left(left), style));
                        }
                        None => cells.push(Span::raw("")),
                    }
                }
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Length(6),
            Constraint::Length(5),
            Constraint::Length(5),
        ];
        if budget {
            widths.push(Constraint::Length(6));
        }
        let legend_h = u16::from(inner.height as usize > codes.len() + 2);
        let [table, legend] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(legend_h),
        ]));
        Table::new(rows, widths)
            .header(Row::new(header).style(self.ctx.theme.dim()))
            .column_spacing(1)
            .render(table, buf);
        Line::styled(t("ui.factions_legend"), self.ctx.theme.dim()).render(legend, buf);
    }
}
