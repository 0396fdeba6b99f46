//! The chair's overlays: help, quit, and the pickers and inputs that add
//! a speaker. Each gives the lines of its popup; the clerk's come from
//! `clerk_overlay`.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::clerk_overlay;
use super::popup::Popup;
use super::theme::Theme;
use crate::clock::Clock;
use crate::tui::app::App;
use crate::tui::describe;
use crate::tui::overlay::{Overlay, PickFor};

/// The popup an overlay opens over `area`.
pub fn popup<C: Clock>(
    app: &App<C>,
    overlay: &Overlay,
    area: Rect,
    theme: Theme,
) -> Popup<'static> {
    let lang = app.lang;
    let plan = app.meeting.plan();
    let hint = lang.text("ui.esc_closes");
    let popup =
        |title: &'static str, lines: Vec<Line<'static>>| Popup::new(title, lines, hint, theme);
    match overlay {
        Overlay::Clerk(o) => clerk_overlay::popup(app, o, theme),
        Overlay::Help { scroll } => {
            let lines: Vec<Line> = app
                .keymap()
                .help_rows(lang)
                .into_iter()
                .map(|row| {
                    Line::from(vec![
                        Span::styled(format!("{:>12}  ", row.keys), theme.bold()),
                        Span::raw(lang.text(row.text)),
                    ])
                })
                .collect();
            // Rows as wrapped in the window; when they do not all fit, the
            // arrows scroll them and the bottom line says so.
            let inner_w = area.width.saturating_sub(6).min(70);
            let rows = Paragraph::new(Text::from(lines.clone()))
                .wrap(Wrap { trim: false })
                .line_count(inner_w);
            let fits = rows + 4 <= usize::from(area.height);
            let mut p = popup(lang.text("ui.help"), lines);
            p.scroll = *scroll;
            if !fits {
                p.hint = lang.text("ui.help_scroll");
            }
            p
        }
        Overlay::ConfirmQuit => {
            let text = lang.text("ui.quit_confirm");
            let inner_w = area.width.saturating_sub(6).clamp(10, 70) as usize;
            let rows = text.chars().count().div_ceil(inner_w) as u16 + 1;
            let mut p = popup(lang.text("ui.quit"), vec![Line::raw(text)]);
            p.height = rows + 2;
            p
        }
        Overlay::Factions { purpose, picker } => {
            let filter = picker.filter();
            let list = app.filtered_factions(filter);
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{} ", lang.text("ui.filter")), theme.dim()),
                Span::styled(format!("{filter}▏"), theme.bold()),
            ])];
            if list.is_empty() {
                lines.push(Line::styled(lang.text("ui.no_match"), theme.dim()));
            }
            let items = list
                .iter()
                .map(|(short, name)| Line::raw(format!("{short:<6} {name}")))
                .collect();
            let title = match purpose {
                PickFor::Queue => lang.text("ui.pick_faction"),
                PickFor::Interrupt => lang.text("ui.pick_interrupter"),
            };
            let mut p = popup(title, lines);
            p.list = Some((items, picker.state()));
            p
        }
        Overlay::Member { faction, input } => {
            let f = describe::faction_name(faction, plan);
            let mut lines = vec![Line::raw(lang.fill("ui.member_for", &[("faction", &f)]))];
            lines.push(text_line(input, theme));
            let members = plan
                .factions
                .iter()
                .find(|x| &x.short == faction)
                .map(|x| x.members.join(", "))
                .unwrap_or_default();
            if !members.is_empty() {
                lines.push(Line::styled(
                    lang.fill("ui.members", &[("names", &members)]),
                    theme.dim(),
                ));
            }
            lines.push(Line::styled(lang.text("ui.member_hint"), theme.dim()));
            popup(lang.text("ui.add_faction_speaker"), lines)
        }
        Overlay::Public { picker } => {
            let reg = &plan.session.public_speakers;
            let mut lines = Vec::new();
            if plan.session.public_speaking.is_none() {
                lines.push(Line::styled(lang.text("ui.no_public_right"), theme.warn()));
            }
            let items = reg
                .iter()
                .map(|p| {
                    let org = p.organisation.clone().unwrap_or_default();
                    Line::raw(format!("{}  {org}", p.name))
                })
                .chain(
                    ["ui.new_public", "ui.new_presenter"]
                        .into_iter()
                        .map(|key| Line::raw(lang.text(key))),
                )
                .collect();
            let mut p = popup(lang.text("ui.add_public"), lines);
            p.list = Some((items, picker.state()));
            p
        }
        Overlay::NewPublic {
            name,
            organisation,
            on_name,
            presenter,
        } => {
            let label = |t: &'static str, focus: bool| {
                Span::styled(
                    format!("{}{} ", if focus { "▶ " } else { "  " }, lang.text(t)),
                    if focus { theme.bold() } else { theme.dim() },
                )
            };
            let mut l1 = vec![label("ui.input.name", *on_name)];
            l1.extend(text_line(name, theme).spans);
            let mut l2 = vec![label("ui.input.organisation", !*on_name)];
            l2.extend(text_line(organisation, theme).spans);
            let lines = vec![
                Line::from(l1),
                Line::from(l2),
                Line::styled(lang.text("ui.new_public_hint"), theme.dim()),
            ];
            let title = if *presenter {
                lang.text("ui.add_presenter")
            } else {
                lang.text("ui.add_public")
            };
            popup(title, lines)
        }
        Overlay::College { picker } => {
            let list = app.college_choices();
            let mut lines = Vec::new();
            if list.is_empty() {
                lines.push(Line::styled(lang.text("ui.no_college"), theme.dim()));
            }
            let items = list
                .iter()
                .map(|(name, role, holder)| {
                    let tag = if *holder {
                        format!(" · {}", lang.text("ui.kind.portfolio_holder"))
                    } else {
                        String::new()
                    };
                    Line::raw(format!("{name}  {role}{tag}"))
                })
                .collect();
            let mut p = popup(lang.text("ui.add_college"), lines);
            p.list = Some((items, picker.state()));
            p
        }
    }
}

/// A one-line text input as a line with a cursor mark.
fn text_line(input: &ratatui_textarea::TextArea<'_>, theme: Theme) -> Line<'static> {
    let text = input.lines().join(" ");
    let col = input.cursor().1;
    let before: String = text.chars().take(col).collect();
    let after: String = text.chars().skip(col).collect();
    Line::from(vec![
        Span::styled(before, theme.bold()),
        Span::styled("▏", theme.base()),
        Span::styled(after, theme.bold()),
    ])
}
