//! `hamer display`: the loop of the room's display, and what wakes it (the
//! terminal, signals, and a watch on the journal). Drawing is in `display`.

use std::path::Path;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration as StdDuration;

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind};

use super::TuiError;
use super::display as room;
use super::keymap;
use super::term::{self, Ended, Wake, resize};
use super::view::Theme;
use crate::clock::{Clock, RunningClock};
use crate::i18n::Lang;

/// `hamer display`: follow the session's journal and show the time for the
/// room until q.
pub fn display(
    session: &Path,
    journal: Option<&Path>,
    lang: Lang,
    color: bool,
) -> Result<Ended, TuiError> {
    // One read: the plan and the hash the journal's header must carry are
    // of the same bytes.
    let load_error = |e: crate::session::LoadError| TuiError::Load(e.message(lang));
    let bytes = crate::session::load::read_file(session).map_err(load_error)?;
    let loaded = crate::session::load_session_bytes(&bytes, session).map_err(load_error)?;
    let plan = loaded.value;
    let thresholds = crate::meeting::thresholds(&plan);
    let path = crate::meeting::journal_for_reading(session, journal);
    // The journal must be this session's, as `run` and `export` check it.
    let expected = crate::follow::Expected {
        name: session
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        hash: crate::journal::session_hash(&bytes),
    };
    let mut follower = crate::follow::Follower::new(&path).expecting(expected.clone());
    let theme = Theme { color };
    let mut terminal = term::take()?;
    let clock = RunningClock::new();
    let mut last: Option<room::Shown> = None;
    let mut wake = wakeups(&path);
    // How far this clock is ahead of the writer's (another machine's clock
    // on a shared folder), and the journal it was estimated for.
    let mut offset = crate::follow::Offset::default();
    let mut offset_for = None;
    let result = (|| -> Result<Ended, TuiError> {
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
                let screen = room::Display {
                    follower: &follower,
                    plan: &plan,
                    thresholds,
                    lang,
                    now,
                    theme,
                };
                let shown = screen.shown();
                if dirty || last.as_ref() != Some(&shown) {
                    terminal.draw(|f| {
                        let area = f.area();
                        f.render_widget(screen, area);
                    })?;
                    last = Some(shown);
                }
                dirty = false;
                due = instant + room::next_change(&plan, &follower.state, now);
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
                Ok(Wake::Term(_) | Wake::Remote) | Err(RecvTimeoutError::Timeout) => {}
                Ok(Wake::InputClosed) | Err(RecvTimeoutError::Disconnected) => {
                    return Err(TuiError::InputClosed);
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
    use std::io::Write;
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
