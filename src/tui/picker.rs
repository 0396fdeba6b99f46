//! `hamer` without a command: pick one of the sessions in `./sessions`.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind};

use super::TuiError;
use super::keymap::{self, Command};
use super::term::{self, Ended, Wake, resize};

use crate::i18n::Lang;

/// The `*.ron` session files in a folder, with their titles, for the picker.
pub fn sessions_in(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "ron")
                && let Ok(loaded) = crate::session::load_document(&p)
                && let crate::session::Document::Session(plan) = loaded.value
            {
                let title = format!("{} · {}", plan.session.date, plan.session.title);
                out.push((p, title));
            }
        }
    }
    out.sort();
    out
}

/// What the session picker ended with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    Chosen(PathBuf),
    Ended(Ended),
}

/// `hamer` without a command: pick one of the sessions in `dir`. The list
/// scrolls and keeps the selection in view; on the alternate screen, so it
/// leaves nothing behind.
pub fn pick_session(dir: &Path, lang: Lang) -> Result<Pick, TuiError> {
    use ratatui::layout::Constraint;
    use ratatui::style::{Modifier, Style};
    use ratatui::text::Line;
    use ratatui::widgets::{Block, List, ListState, Paragraph, StatefulWidget, Widget};

    let sessions = sessions_in(dir);
    if sessions.is_empty() {
        return Err(TuiError::NoSessions(
            lang.fill("ui.pick.none", &[("dir", &dir.display())]),
        ));
    }
    if !term::has_terminal() {
        return Err(TuiError::NoTerminal(
            lang.fill("cli.needs_terminal", &[("command", &"hamer")]),
        ));
    }
    let items: Vec<String> = sessions
        .iter()
        .map(|(path, title)| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            format!("{title}  ({})", crate::sanitize::for_display(&name))
        })
        .collect();
    let mut terminal = term::take()?;
    let mut state = ListState::default().with_selected(Some(0));
    let wakes = term::receiver();
    let result = loop {
        let drawn = terminal.draw(|f| {
            let area = f.area();
            let popup = area.centered(Constraint::Percentage(90), Constraint::Percentage(90));
            let block =
                Block::bordered().title(format!(" hamer · {} ", lang.text("ui.pick.title")));
            let inner = block.inner(popup);
            block.render(popup, f.buffer_mut());
            let [hint, list] = inner.layout(&ratatui::layout::Layout::vertical([
                Constraint::Length(2),
                Constraint::Fill(1),
            ]));
            Paragraph::new(Line::raw(keymap::PICKER.footer(lang))).render(hint, f.buffer_mut());
            StatefulWidget::render(
                List::new(items.iter().map(String::as_str))
                    .highlight_symbol("▶ ")
                    .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
                    .highlight_style(Style::default().add_modifier(Modifier::REVERSED)),
                list,
                f.buffer_mut(),
                &mut state,
            );
        });
        if let Err(e) = drawn {
            break Err(e.into());
        }
        match wakes.recv() {
            Ok(Wake::Term(TermEvent::Key(k))) if k.kind == KeyEventKind::Press => {
                match keymap::PICKER.lookup(k) {
                    Some(Command::SelectUp) => state.select_previous(),
                    Some(Command::SelectDown) => state.select_next(),
                    Some(Command::First) => state.select_first(),
                    Some(Command::Last) => state.select_last(),
                    Some(Command::Choose) => {
                        let i = state.selected().unwrap_or(0).min(sessions.len() - 1);
                        break Ok(Pick::Chosen(sessions[i].0.clone()));
                    }
                    Some(Command::Quit) => break Ok(Pick::Ended(Ended::Quit)),
                    _ => {}
                }
            }
            Ok(Wake::Term(TermEvent::Resize(w, h))) => {
                if let Err(e) = resize(&mut terminal, w, h) {
                    break Err(e.into());
                }
            }
            Ok(Wake::Signal(sig)) => break Ok(Pick::Ended(Ended::Signal(sig))),
            Ok(Wake::InputClosed) | Err(_) => break Err(TuiError::InputClosed),
            Ok(Wake::Term(_) | Wake::Journal) => {}
        }
    };
    term::give_back();
    result
}
