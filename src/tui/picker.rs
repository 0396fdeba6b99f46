//! `hamer` without a command: pick one of the sessions in `./sessions`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind};
use ratatui::widgets::TableState;

use super::TuiError;
use super::keymap::{self, Command};
use super::picker_status::{self, Entry, Status};
use super::term::{self, Ended, Wake, resize};

use crate::clock::{Clock, Ts};
use crate::i18n::Lang;

/// The `*.ron` session files in a folder, each with what its journal says,
/// sorted by date and start time, for the picker. Only reads: no journal
/// is locked, repaired or created.
pub fn sessions_in(dir: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "ron")
                && let Ok(loaded) = crate::session::load_document(&p)
                && let crate::session::Document::Session(plan) = loaded.value
            {
                let s = plan.session;
                let journal = picker_status::read_journal(&p);
                out.push(Entry {
                    path: p,
                    date: s.date,
                    start: s.start,
                    title: s.title,
                    duration_min: s.duration_min,
                    time_zone: plan.time_zone,
                    journal,
                });
            }
        }
    }
    picker_status::sort(&mut out);
    out
}

/// Each session's status at `now`.
fn statuses(sessions: &[Entry], now: Ts) -> Vec<Status> {
    sessions
        .iter()
        .map(|e| picker_status::status(&e.journal, e.duration_min, now).in_zone(e.time_zone))
        .collect()
}

/// The session selected when the picker opens (see
/// [`picker_status::default_choice`]).
pub fn default_choice(sessions: &[Entry], now: Ts) -> usize {
    let statuses = statuses(sessions, now);
    let list: Vec<(&str, Status)> = sessions
        .iter()
        .map(|e| e.date.as_str())
        .zip(statuses)
        .collect();
    // Today on the council's calendar (one folder is one council's).
    let zone = sessions
        .first()
        .map_or(crate::session::plan::DEFAULT_TIME_ZONE, |e| e.time_zone);
    let today = crate::clock::in_zone(now, zone).date_naive();
    picker_status::default_choice(&list, today).unwrap_or(0)
}

/// Draw the picker: date, start, title (the file name dimmer) and the
/// status in words, one row a session. Only bold, dim and reverse: the
/// picker has no colour to take away under NO_COLOR.
pub fn draw(
    f: &mut ratatui::Frame,
    sessions: &[Entry],
    state: &mut TableState,
    now: Ts,
    lang: Lang,
) {
    use crate::sanitize::for_display;
    use ratatui::layout::Constraint;
    use ratatui::style::{Modifier, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{
        Block, Cell, HighlightSpacing, Paragraph, Row, StatefulWidget, Table, Widget,
    };

    let dim = Style::default().add_modifier(Modifier::DIM);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let statuses = statuses(sessions, now);
    let texts: Vec<String> = statuses.iter().map(|s| s.text(lang)).collect();
    let status_width = texts
        .iter()
        .map(|t| t.chars().count())
        .chain([lang.text("ui.pick.col_status").chars().count()])
        .max()
        .unwrap_or(0);
    let rows = sessions
        .iter()
        .zip(&statuses)
        .zip(&texts)
        .map(|((e, status), text)| {
            let name = e
                .path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let title = Line::from(vec![
                Span::raw(for_display(&e.title).into_owned()),
                Span::raw("  "),
                Span::styled(format!("({})", for_display(&name)), dim),
            ]);
            let status_style = match status {
                Status::Running { .. } | Status::Unreadable => bold,
                Status::Closed { .. } => dim,
                Status::NotStarted => Style::default(),
            };
            Row::new(vec![
                Cell::from(for_display(&e.date).into_owned()),
                Cell::from(for_display(e.start.as_deref().unwrap_or("")).into_owned()),
                Cell::from(title),
                Cell::from(Span::styled(text.clone(), status_style)),
            ])
        });
    let header = Row::new(vec![
        lang.text("ui.pick.col_date"),
        lang.text("ui.pick.col_start"),
        lang.text("ui.pick.col_title"),
        lang.text("ui.pick.col_status"),
    ])
    .style(dim);
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(5),
            Constraint::Fill(1),
            Constraint::Length(u16::try_from(status_width).unwrap_or(u16::MAX)),
        ],
    )
    .header(header)
    .column_spacing(2)
    .highlight_symbol("▶ ")
    .highlight_spacing(HighlightSpacing::Always)
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));

    let area = f.area();
    let popup = area.centered(Constraint::Percentage(90), Constraint::Percentage(90));
    let block = Block::bordered().title(format!(" hamer · {} ", lang.text("ui.pick.title")));
    let inner = block.inner(popup);
    block.render(popup, f.buffer_mut());
    let [hint, list] = inner.layout(&ratatui::layout::Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]));
    Paragraph::new(Line::raw(keymap::PICKER.footer(lang))).render(hint, f.buffer_mut());
    StatefulWidget::render(table, list, f.buffer_mut(), state);
}

/// What the session picker ended with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    Chosen(PathBuf),
    Ended(Ended),
}

/// `hamer` without a command: pick one of the sessions in `dir`, the next
/// one selected. The list scrolls and keeps the selection in view; a
/// running session's time goes on while the picker is open. On the
/// alternate screen, so it leaves nothing behind.
pub fn pick_session(dir: &Path, lang: Lang) -> Result<Pick, TuiError> {
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
    let clock = crate::clock::SystemClock;
    let mut state =
        TableState::default().with_selected(Some(default_choice(&sessions, clock.now())));
    let mut terminal = term::take()?;
    let wakes = term::receiver();
    let result = loop {
        let now = clock.now();
        if let Err(e) = terminal.draw(|f| draw(f, &sessions, &mut state, now, lang)) {
            break Err(e.into());
        }
        // Only a running session's time changes by itself.
        let ticking = statuses(&sessions, now).iter().any(Status::is_running);
        let wake = if ticking {
            wakes.recv_timeout(Duration::from_secs(1))
        } else {
            wakes.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        match wake {
            Ok(Wake::Term(TermEvent::Key(k))) if k.kind == KeyEventKind::Press => {
                match keymap::PICKER.lookup(k) {
                    Some(Command::SelectUp) => state.select_previous(),
                    Some(Command::SelectDown) => state.select_next(),
                    Some(Command::First) => state.select_first(),
                    Some(Command::Last) => state.select_last(),
                    Some(Command::Choose) => {
                        let i = state.selected().unwrap_or(0).min(sessions.len() - 1);
                        break Ok(Pick::Chosen(sessions[i].path.clone()));
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
            Ok(Wake::InputClosed) | Err(RecvTimeoutError::Disconnected) => {
                break Err(TuiError::InputClosed);
            }
            Ok(Wake::Term(_) | Wake::Journal | Wake::Remote) | Err(RecvTimeoutError::Timeout) => {}
        }
    };
    term::give_back();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FakeClock;
    use crate::meeting::{Action, Meeting, OpenOptions};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// Three sessions in a folder: the seed session (2023-03-08, closed),
    /// a copy on 2023-03-09 that runs, and one on 2023-03-10 with a
    /// damaged journal.
    fn folder(clock: &FakeClock) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
        let seed = "2023-03-08-datagedreven-sturing.ron";
        std::fs::copy(
            src.join("hengelo-2022-2026.ron"),
            dir.path().join("hengelo-2022-2026.ron"),
        )
        .unwrap();
        let text = std::fs::read_to_string(src.join(seed)).unwrap();
        assert!(text.contains("date: \"2023-03-08\""));
        for (name, date) in [
            ("c-closed.ron", "2023-03-08"),
            ("b-running.ron", "2023-03-09"),
            ("a-damaged.ron", "2023-03-10"),
        ] {
            let moved = text.replace("date: \"2023-03-08\"", &format!("date: \"{date}\""));
            std::fs::write(dir.path().join(name), moved).unwrap();
        }
        let open = |name: &str| {
            Meeting::open_file(
                &dir.path().join(name),
                clock.clone(),
                &OpenOptions::default(),
                Lang::Nl,
            )
            .unwrap()
            .0
        };
        let mut closed = open("c-closed.ron");
        closed.act(Action::Open).unwrap();
        clock.advance_secs(60 * 60);
        closed.act(Action::Close).unwrap();
        drop(closed);
        let mut running = open("b-running.ron");
        running.act(Action::Open).unwrap();
        drop(running);
        std::fs::write(dir.path().join("a-damaged.journal"), b"kapot\n").unwrap();
        dir
    }

    fn screen(
        sessions: &[Entry],
        state: &mut TableState,
        now: Ts,
        lang: Lang,
        w: u16,
        h: u16,
    ) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, sessions, state, now, lang)).unwrap();
        let buf = t.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            for x in 0..w {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn listed_by_date_with_the_status_in_words() {
        let clock = FakeClock::at_seed();
        let dir = folder(&clock);
        let before: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
            .collect();
        let sessions = sessions_in(dir.path());
        let names: Vec<_> = sessions
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["c-closed.ron", "b-running.ron", "a-damaged.ron"]);
        // The running session was opened an hour after the seed's start.
        clock.advance_secs(23 * 60 + 10);
        let now = clock.now();
        // Not closed and today or later: the running one on the 9th.
        assert_eq!(default_choice(&sessions, now), 1);
        let mut state = TableState::default().with_selected(Some(default_choice(&sessions, now)));
        let s = screen(&sessions, &mut state, now, Lang::Nl, 140, 12);
        assert!(s.contains("gesloten 20:30"), "{s}");
        assert!(s.contains("loopt · 23:10 van 60:00"), "{s}");
        assert!(s.contains("journal onleesbaar"), "{s}");
        assert!(s.contains("(c-closed.ron)"), "{s}");
        assert!(s.contains("19:30"), "{s}");
        let marked: Vec<_> = s.lines().filter(|l| l.contains('▶')).collect();
        assert_eq!(marked.len(), 1, "{s}");
        assert!(marked[0].contains("2023-03-09"), "{s}");
        let s = screen(&sessions, &mut state, now, Lang::En, 140, 12);
        assert!(
            s.contains("running · 23:10 of 60:00") && s.contains("closed 20:30"),
            "{s}"
        );
        // On the 10th, the one of that day (its journal unreadable).
        clock.advance_secs(2 * 24 * 3600);
        assert_eq!(default_choice(&sessions, clock.now()), 2);
        // Later, nothing is ahead: the last one running.
        clock.advance_secs(2 * 24 * 3600);
        assert_eq!(default_choice(&sessions, clock.now()), 1);
        // The picker read, and changed nothing.
        let after: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
            .collect();
        assert_eq!(after, before);
    }

    #[test]
    fn draws_at_every_small_size() {
        let clock = FakeClock::at_seed();
        let dir = folder(&clock);
        let sessions = sessions_in(dir.path());
        let mut state = TableState::default().with_selected(Some(usize::MAX));
        for w in 1..40 {
            for h in 1..12 {
                screen(&sessions, &mut state, clock.now(), Lang::Nl, w, h);
            }
        }
    }
}
