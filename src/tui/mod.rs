//! The terminal edge: setting the terminal up, the event loop, and putting
//! it back. Everything else is in `app` (keys) and `view` (drawing).

pub mod app;
pub mod clerk;
pub mod describe;
pub mod display;
pub mod keymap;
pub mod term;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;

use std::sync::mpsc::RecvTimeoutError;

use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};

use crate::clock::{Clock, RunningClock, Ts};
use crate::i18n::Lang;
use crate::meeting::{Meeting, OpenOptions};
use app::{App, Control};
use term::Wake;
use view::{Screen, Theme};

/// Options of `hamer run`.
pub struct RunOptions {
    pub session: PathBuf,
    pub journal: Option<PathBuf>,
    pub fresh: bool,
    pub bell: bool,
    pub lang: Lang,
    pub color: bool,
}

/// Two timers whose seconds roll over this close together share one wake,
/// at the later one: neither is shown more than this late.
pub const COALESCE_MS: i64 = 40;

/// Milliseconds until the next second rolls over on any running timer a
/// screen shows: the active speech (or interruption), the session clock,
/// and a recess. `None` when no timer runs. Each timer has its own phase
/// (it started at its own millisecond), so up to three wakes a second;
/// boundaries within [`COALESCE_MS`] of the first share its wake.
pub fn next_timer_second(st: &crate::meeting::State, now: Ts) -> Option<i64> {
    let to_next = |ms: i64| 1000 - ms.rem_euclid(1000);
    let speech = st
        .active_speech()
        .filter(|s| s.is_running())
        .map(|s| to_next(s.elapsed_ms(now)));
    let open = st.opened_at.filter(|_| st.closed_at.is_none());
    let session = open.map(|o| to_next(crate::clock::ms_between(o, now)));
    let recess = open
        .and(st.recesses.last())
        .filter(|r| r.end.is_none())
        .map(|r| to_next(crate::clock::ms_between(r.start, now)));
    let phases = [speech, session, recess];
    let first = phases.iter().flatten().copied().min()?;
    phases
        .iter()
        .flatten()
        .copied()
        .filter(|p| *p - first <= COALESCE_MS)
        .max()
}

/// How long until something on the chair's screen can change: the next
/// second of a running timer ([`next_timer_second`]), else the next minute
/// of the wall clock in the header; sooner when a message expires.
/// Running totals (a faction's time while its member speaks) are drawn at
/// those wakes from their own timestamps, so they never drift.
pub fn next_change<C: Clock>(app: &App<C>, now: Ts) -> StdDuration {
    let st = app.meeting.state();
    let mut wait = next_timer_second(st, now)
        .unwrap_or_else(|| 60_000 - now.timestamp_millis().rem_euclid(60_000));
    if let Some(app::Message::Info { until, .. }) = &app.message {
        wait = wait.min((*until - now).num_milliseconds().max(0) + 1);
    }
    StdDuration::from_millis(wait.clamp(5, 60_000) as u64)
}

/// How a screen ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// The user quit (`q`, Esc, or a choice in the picker).
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP, SIGINT, SIGQUIT); the terminal
    /// was given back and the journal closed.
    Signal(i32),
}

/// Open the session and run the chair's screen until the chair quits.
/// The caller checks first that there is a terminal ([`term::has_terminal`]).
pub fn run(opts: RunOptions) -> Result<Ended, crate::meeting::OpenError> {
    let lang = opts.lang;
    let options = OpenOptions {
        journal: opts.journal.as_deref(),
        fresh: opts.fresh,
        data_dir: None,
    };
    // New events and "now" come from a clock that no step of the system
    // clock moves (see `RunningClock`).
    let (meeting, notices) =
        Meeting::open_file(&opts.session, RunningClock::new(), &options, lang)?;
    let mut app = App::new(meeting, lang, opts.bell, notices);
    let theme = Theme { color: opts.color };

    let mut terminal = term::take()?;
    let result = event_loop(&mut terminal, &mut app, theme);
    term::give_back();
    // Close the journal: one deleted since the last event is written again
    // (or, when another writer took its path, saved beside it). Said on
    // standard error, now that the terminal is given back; when the events
    // are not at the journal's path, hamer does not end as if all is well.
    match app.meeting.close() {
        Ok(notices) => {
            for n in notices {
                eprintln!("{}", crate::sanitize::for_display(&n.message(lang)));
            }
        }
        Err(e) => {
            let closed = crate::meeting::OpenError {
                message: e.message(lang),
                code: 1,
            };
            if let Err(looped) = result {
                eprintln!("{}", crate::sanitize::for_display(&looped));
            }
            return Err(closed);
        }
    }
    Ok(result?)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App<RunningClock>,
    theme: Theme,
) -> Result<Ended, String> {
    let wakes = term::receiver();
    loop {
        // A step of the system clock is noticed at the wakes there are
        // anyway (a shown second, input, the minute of the header clock).
        app.check_clock();
        // So is a deleted journal (one stat and one fstat).
        app.check_journal();
        let now = app.now();
        app.expire(now);
        if app.bell_due(now) {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
        // Every wake is either input or a shown second rolling over, so
        // draw; ratatui sends only the cells that changed.
        terminal
            .draw(|f| {
                let area = f.area();
                f.render_widget(Screen { app, now, theme }, area);
            })
            .map_err(|e| e.to_string())?;
        let wait = next_change(app, app.now());
        match wakes.recv_timeout(wait) {
            Ok(Wake::Term(TermEvent::Key(key))) if key.kind == KeyEventKind::Press => {
                if key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    suspend(terminal)?;
                } else if app.handle_key(key) == Control::Quit {
                    return Ok(Ended::Quit);
                }
            }
            Ok(Wake::Term(TermEvent::Paste(text))) => app.paste(&text),
            Ok(Wake::Term(TermEvent::Resize(w, h))) => resize(terminal, w, h)?,
            Ok(Wake::Signal(sig)) => return Ok(Ended::Signal(sig)),
            Ok(Wake::InputClosed) | Err(RecvTimeoutError::Disconnected) => {
                return Err("the terminal input closed".to_owned());
            }
            Ok(Wake::Term(_) | Wake::Journal) | Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

/// The terminal changed size: draw the next frame at the new size.
fn resize(terminal: &mut ratatui::DefaultTerminal, w: u16, h: u16) -> Result<(), String> {
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, w, h))
        .map_err(|e| e.to_string())
}

/// Ctrl-Z: give the terminal back, stop, and on `fg` take it again with a
/// full redraw.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> Result<(), String> {
    term::give_back();
    #[cfg(unix)]
    {
        // SAFETY: raising a signal in our own process has no memory effects.
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
    }
    *terminal = term::take()?;
    terminal.clear().map_err(|e| e.to_string())?;
    Ok(())
}

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
pub fn pick_session(dir: &Path, lang: Lang) -> Result<Pick, String> {
    use ratatui::layout::Constraint;
    use ratatui::style::{Modifier, Style};
    use ratatui::text::Line;
    use ratatui::widgets::{Block, List, ListState, Paragraph, StatefulWidget, Widget};

    let sessions = sessions_in(dir);
    if sessions.is_empty() {
        return Err(lang.fill("ui.pick.none", &[("dir", &dir.display())]));
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
            Paragraph::new(Line::raw(lang.text("ui.pick.hint"))).render(hint, f.buffer_mut());
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
            break Err(e.to_string());
        }
        match wakes.recv() {
            Ok(Wake::Term(TermEvent::Key(k))) if k.kind == KeyEventKind::Press => match k.code {
                KeyCode::Up => state.select_previous(),
                KeyCode::Down => state.select_next(),
                KeyCode::Home => state.select_first(),
                KeyCode::End => state.select_last(),
                KeyCode::Enter => {
                    let i = state.selected().unwrap_or(0).min(sessions.len() - 1);
                    break Ok(Pick::Chosen(sessions[i].0.clone()));
                }
                KeyCode::Esc | KeyCode::Char('q') => break Ok(Pick::Ended(Ended::Quit)),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Ok(Pick::Ended(Ended::Quit));
                }
                _ => {}
            },
            Ok(Wake::Term(TermEvent::Resize(w, h))) => {
                if let Err(e) = resize(&mut terminal, w, h) {
                    break Err(e);
                }
            }
            Ok(Wake::Signal(sig)) => break Ok(Pick::Ended(Ended::Signal(sig))),
            Ok(Wake::InputClosed) | Err(_) => break Err("the terminal input closed".to_owned()),
            Ok(Wake::Term(_) | Wake::Journal) => {}
        }
    };
    term::give_back();
    result
}

#[cfg(test)]
mod tests;

/// `hamer display`: follow the session's journal and show the time for the
/// room until q.
pub fn display(
    session: &Path,
    journal: Option<&Path>,
    lang: Lang,
    color: bool,
) -> Result<Ended, String> {
    let loaded = crate::session::load_session(session).map_err(|e| e.message(lang))?;
    let plan = loaded.value;
    let thresholds = crate::meeting::thresholds(&plan);
    let path = crate::meeting::journal_for_reading(session, journal);
    // The journal must be this session's, as `run` and `export` check it.
    let expected = crate::follow::Expected {
        name: session
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        hash: crate::journal::session_hash(
            &crate::session::load::read_file(session).map_err(|e| e.message(lang))?,
        ),
    };
    let mut follower = crate::follow::Follower::new(&path).expecting(expected.clone());
    let theme = Theme { color };
    let mut terminal = term::take()?;
    let clock = RunningClock::new();
    let mut last: Option<display::Shown> = None;
    let mut wake = wakeups(&path);
    // How far this clock is ahead of the writer's (another machine's clock
    // on a shared folder), and the journal it was estimated for.
    let mut offset = crate::follow::Offset::default();
    let mut offset_for = None;
    let result = (|| -> Result<Ended, String> {
        let mut dirty = true;
        // When a shown second can next change.
        let mut due = std::time::Instant::now();
        loop {
            // Before the session starts, the journal may yet appear in the
            // fallback place (a read-only session folder).
            if journal.is_none() && follower.status == crate::follow::Status::Waiting {
                let now_path = crate::meeting::journal_for_reading(session, None);
                if now_path != follower.path() {
                    follower = crate::follow::Follower::new(&now_path).expecting(expected.clone());
                    // The notifications watch the session's folder, not
                    // this one: check the journal on a timer instead.
                    wake.notified = false;
                }
            }
            if follower.poll() {
                dirty = true;
            }
            // Each event read bounds the offset; a new journal (another
            // writer, perhaps restarted on another clock) starts afresh.
            let created = follower.header.as_ref().map(|h| h.created);
            if created != offset_for {
                offset = crate::follow::Offset::default();
                offset_for = created;
            }
            if let Some((at, live)) = follower.take_arrival() {
                offset.observe(at, clock.now(), live);
            }
            let instant = std::time::Instant::now();
            if dirty || instant >= due {
                // What the chair's screen shows is the writer's "now".
                let now = offset.writer_now(clock.now());
                let screen = display::Display {
                    follower: &follower,
                    plan: &plan,
                    thresholds,
                    lang,
                    now,
                    theme,
                };
                let shown = screen.shown();
                if dirty || last.as_ref() != Some(&shown) {
                    terminal
                        .draw(|f| {
                            let area = f.area();
                            f.render_widget(screen, area);
                        })
                        .map_err(|e| e.to_string())?;
                    last = Some(shown);
                }
                dirty = false;
                due = instant + display::next_change(&follower.state, now);
            }
            // With file notifications the journal is read when it changes;
            // without them (another system, some shared folders) it is
            // checked every 280 ms, so an action shows within 300 ms.
            let mut wait = due.saturating_duration_since(std::time::Instant::now());
            if !wake.notified {
                wait = wait.min(StdDuration::from_millis(280));
            }
            match wake.rx.recv_timeout(wait) {
                Ok(Wake::Term(TermEvent::Key(k))) if k.kind == KeyEventKind::Press => {
                    if keymap::DISPLAY.lookup(k) == Some(keymap::Command::Quit) {
                        return Ok(Ended::Quit);
                    }
                }
                Ok(Wake::Term(TermEvent::Resize(w, h))) => {
                    resize(&mut terminal, w, h)?;
                    dirty = true;
                }
                Ok(Wake::Journal) => {
                    // A replaced journal is looked up at once.
                    follower.poll_now();
                    dirty = true;
                }
                Ok(Wake::Signal(sig)) => return Ok(Ended::Signal(sig)),
                Ok(Wake::Term(_)) | Err(RecvTimeoutError::Timeout) => {}
                Ok(Wake::InputClosed) | Err(RecvTimeoutError::Disconnected) => {
                    return Err("the terminal input closed".to_owned());
                }
            }
        }
    })();
    term::give_back();
    result
}

struct Wakeups {
    rx: std::sync::MutexGuard<'static, std::sync::mpsc::Receiver<Wake>>,
    /// True when changes of the journal's folder are notified.
    notified: bool,
    /// What keeps the notifications coming (dropped with the display).
    _watch: Option<JournalWatch>,
}

/// What wakes the display: the terminal and the signals ([`term`]) and a
/// watch on the journal (see [`watch_journal`]).
fn wakeups(journal: &Path) -> Wakeups {
    let watch = watch_journal(journal, term::sender());
    Wakeups {
        rx: term::receiver(),
        notified: watch.is_some(),
        _watch: watch,
    }
}

/// The folder a journal lives in (`.` for a bare file name).
fn journal_dir(journal: &Path) -> &Path {
    journal
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// On Linux the watch is a thread that owns its inotify instance.
#[cfg(target_os = "linux")]
type JournalWatch = ();

/// Watch the journal with inotify: the file itself for writes, and its
/// folder only for names that come and go (a journal deleted, replaced or
/// moved aside by `--fresh`). Writes to other files in the folder (a log of
/// this very terminal, another session's journal) wake nothing, not even
/// this thread: `notify` would watch the folder for every write, open and
/// close of every file in it, so Linux uses the `inotify` crate (the one
/// `notify` itself is built on) with these narrow masks.
#[cfg(target_os = "linux")]
fn watch_journal(journal: &Path, tx: std::sync::mpsc::Sender<Wake>) -> Option<JournalWatch> {
    use inotify::{Inotify, WatchMask};
    let mut inotify = Inotify::init().ok()?;
    let mut watches = inotify.watches();
    let dir_mask =
        WatchMask::CREATE | WatchMask::MOVED_TO | WatchMask::MOVED_FROM | WatchMask::DELETE;
    let file_mask = WatchMask::MODIFY | WatchMask::CLOSE_WRITE | WatchMask::ATTRIB;
    let dir_wd = watches.add(journal_dir(journal), dir_mask).ok()?;
    let journal = journal.to_path_buf();
    let name = journal.file_name()?.to_owned();
    // The journal may not exist yet; the folder's watch sees it come.
    let mut file_wd = watches.add(&journal, file_mask).ok();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            let events = match inotify.read_events_blocking(&mut buf) {
                Ok(events) => events,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            let mut about_journal = false;
            let mut renamed = false;
            for event in events {
                if event.wd == dir_wd && event.name == Some(name.as_os_str()) {
                    about_journal = true;
                    renamed = true;
                } else if file_wd.as_ref() == Some(&event.wd) {
                    about_journal = true;
                }
            }
            if renamed {
                // A new file under the journal's name: watch it instead.
                let old = file_wd.take();
                file_wd = watches.add(&journal, file_mask).ok();
                if let Some(old) = old
                    && file_wd.as_ref() != Some(&old)
                {
                    // Gone already when the old file was deleted.
                    let _ = watches.remove(old);
                }
            }
            if about_journal && tx.send(Wake::Journal).is_err() {
                break;
            }
        }
    });
    Some(())
}

/// Elsewhere the watch is `notify`'s watcher; dropping it ends the watch.
#[cfg(not(target_os = "linux"))]
type JournalWatch = notify::RecommendedWatcher;

#[cfg(not(target_os = "linux"))]
fn watch_journal(journal: &Path, tx: std::sync::mpsc::Sender<Wake>) -> Option<JournalWatch> {
    watch_with_notify(journal, tx)
}

/// Watch the journal with `notify` (FSEvents on macOS, ReadDirectoryChangesW
/// on Windows, kqueue on the BSDs). Those report a folder's changes as a
/// whole, so the folder is watched and every event not about the journal's
/// name, or only about reading it, is dropped here: the display wakes for
/// the journal alone. Built on Linux too, for its test.
#[cfg(any(not(target_os = "linux"), test))]
fn watch_with_notify(
    journal: &Path,
    tx: std::sync::mpsc::Sender<Wake>,
) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let name = journal.file_name()?.to_owned();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        // Events may have been lost (a full queue): read the journal again.
        let about_journal = event.need_rescan()
            || event
                .paths
                .iter()
                .any(|p| p.file_name() == Some(name.as_os_str()));
        if about_journal {
            let _ = tx.send(Wake::Journal);
        }
    })
    .ok()?;
    watcher
        .watch(journal_dir(journal), RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}

#[cfg(test)]
mod watch_tests {
    use super::*;
    use std::sync::mpsc::{Receiver, channel};
    use std::time::Duration;

    /// Whether a wake arrives within `ms`; later wakes of the same change
    /// are drained.
    fn woke(rx: &Receiver<Wake>, ms: u64) -> bool {
        let got = rx.recv_timeout(Duration::from_millis(ms)).is_ok();
        while rx.recv_timeout(Duration::from_millis(50)).is_ok() {}
        got
    }

    /// The journal's writes, its replacement and its coming back wake the
    /// display; writes to another file in the folder (a tmux log) do not.
    fn watches_the_journal_only<W>(watch: fn(&Path, std::sync::mpsc::Sender<Wake>) -> Option<W>) {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("s.journal");
        let log = dir.path().join("pane.log");
        std::fs::write(&log, "").unwrap();
        let (tx, rx) = channel();
        let _watch = watch(&journal, tx).expect("no watch");
        // The journal comes.
        std::fs::write(&journal, "a\n").unwrap();
        assert!(woke(&rx, 2000), "creating the journal woke nothing");
        // Another file in the folder is written, as a terminal log is.
        for _ in 0..5 {
            let mut f = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
            f.write_all(b"frame\n").unwrap();
        }
        assert!(!woke(&rx, 300), "a write to another file woke the display");
        // The journal is appended to.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&journal)
            .unwrap();
        f.write_all(b"b\n").unwrap();
        drop(f);
        assert!(woke(&rx, 2000), "appending to the journal woke nothing");
        // Moved aside (`--fresh`) and started anew: the new file is watched.
        std::fs::rename(&journal, dir.path().join("s.journal.old")).unwrap();
        assert!(woke(&rx, 2000), "moving the journal aside woke nothing");
        std::fs::write(&journal, "c\n").unwrap();
        assert!(woke(&rx, 2000), "a new journal woke nothing");
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&journal)
            .unwrap();
        f.write_all(b"d\n").unwrap();
        drop(f);
        assert!(woke(&rx, 2000), "appending to the new journal woke nothing");
        // Writes to the old one, now another file, wake nothing.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join("s.journal.old"))
            .unwrap();
        f.write_all(b"e\n").unwrap();
        drop(f);
        assert!(
            !woke(&rx, 300),
            "a write to the old journal woke the display"
        );
    }

    #[test]
    fn the_watch_wakes_for_the_journal_only() {
        watches_the_journal_only(watch_journal);
    }

    #[test]
    fn the_notify_watch_wakes_for_the_journal_only() {
        watches_the_journal_only(watch_with_notify);
    }
}
