//! The chair's screen's loop. The terminal itself is taken and given back
//! in `term`, keys are in `keymap`, `app` and `clerk` (and an open
//! window's in `overlay`), drawing in `view`;
//! the room's display runs in `display_loop`, the session picker in
//! `picker`.

pub mod app;
pub mod avail;
pub mod clerk;
pub mod describe;
pub mod display;
pub mod display_loop;
pub mod error;
mod frames;
pub mod keymap;
pub mod mode;
pub mod overlay;
pub mod picker;
pub mod picker_status;
pub mod term;
pub mod view;
pub mod web_snapshot;

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration as StdDuration;

use std::sync::mpsc::RecvTimeoutError;

use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};

use crate::clock::{Clock, RunningClock, Shifted, Ts};
use crate::i18n::Lang;
use crate::meeting::remote::Served;
use crate::meeting::{Meeting, OpenOptions};
use app::{App, Control};
use term::{Wake, resize};
use view::{Screen, Theme};

/// Options of `hamer run`.
pub struct RunOptions {
    pub session: PathBuf,
    pub journal: Option<PathBuf>,
    pub fresh: bool,
    pub bell: bool,
    pub lang: Lang,
    pub color: bool,
    /// `--serve`: starts serving the journal at this path, once it is open.
    pub serve: Option<ServeHook>,
}

/// What starts the server of `hamer run --serve`, given the journal's path.
pub type ServeHook = Box<dyn FnOnce(&std::path::Path) -> Result<Box<dyn Served>, String>>;

/// Options of `hamer join`: the replica's meeting, made by the caller.
pub struct JoinOptions {
    pub meeting: Meeting<Shifted<RunningClock>>,
    pub bell: bool,
    pub lang: Lang,
    pub color: bool,
}

/// Two timers whose seconds roll over this close together share one wake,
/// at the later one: neither is shown more than this late.
pub const COALESCE_MS: i64 = 40;

/// Milliseconds until the next second rolls over on any running timer a
/// screen shows: the active speech (or interruption), the session clock
/// (counting to the slot's end, see [`crate::meeting::schedule`]), the
/// current item's countdown, and a recess. `None` when no timer runs.
/// Each timer has its own phase (it started at its own millisecond), so
/// up to four wakes a second; boundaries within [`COALESCE_MS`] of the
/// first share its wake.
/// `session_seconds`: the session clock is shown with seconds throughout
/// (the room display); otherwise as the chair's screen shows it (whole
/// minutes until the last ten, see [`crate::meeting::schedule`]).
pub fn next_timer_second(
    plan: &crate::session::SessionPlan,
    st: &crate::meeting::State,
    now: Ts,
    session_seconds: bool,
) -> Option<i64> {
    let to_next = |ms: i64| 1000 - ms.rem_euclid(1000);
    let speech = st
        .active_speech()
        .filter(|s| s.is_running())
        .map(|s| to_next(s.elapsed_ms(now)));
    let open = st.opened_at.filter(|_| st.closed_at.is_none());
    let session = open
        .and_then(|_| crate::meeting::schedule::session_left_ms(plan, st, now))
        .map(|left| {
            if session_seconds {
                to_next(-left)
            } else {
                crate::meeting::schedule::session_next_change_ms(left)
            }
        });
    let item = open
        .and(st.current_item)
        .map(|i| to_next(st.item_used_ms(i, now)));
    // A recess's set end is a whole number of minutes after its start:
    // one phase for both.
    let recess = open
        .and(st.recesses.last())
        .filter(|r| r.end.is_none())
        .map(|r| to_next(crate::clock::ms_between(r.start, now)));
    let phases = [speech, session, item, recess];
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
    // The header's clock shows the wall clock's minute.
    let minute = 60_000 - now.timestamp_millis().rem_euclid(60_000);
    let mut wait =
        next_timer_second(app.meeting.plan(), st, now, false).map_or(minute, |w| w.min(minute));
    if let Some(app::Message::Info { until, .. }) = &app.message {
        wait = wait.min((*until - now).num_milliseconds().max(0) + 1);
    }
    StdDuration::from_millis(wait.clamp(5, 60_000) as u64)
}

/// Open the session and run the chair's screen until the chair quits.
/// The caller checks first that there is a terminal ([`term::has_terminal`]).
pub fn run(opts: RunOptions) -> Result<Ended, TuiError> {
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
    // After a fail-over (`--journal REPLICA`), what the clerk's laptop
    // still had to send is done now, once each.
    app.apply_pending();
    let mut served = match opts.serve {
        Some(start) => Some(start(app.meeting.journal_path()).map_err(TuiError::Load)?),
        None => None,
    };
    // The join links, for `S`.
    if let Some(served) = &served {
        app.links = served.links();
    }

    let mut terminal = term::take()?;
    let result = event_loop(&mut terminal, &mut app, theme, served.as_deref_mut());
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
                eprintln!("{}", crate::sanitize::for_display(&looped.to_string()));
            }
            return Err(closed.into());
        }
    }
    result
}

/// `hamer join`: the clerk's view of a session another laptop writes,
/// until the clerk quits.
pub fn join(opts: JoinOptions) -> Result<Ended, TuiError> {
    let mut app = App::new(opts.meeting, opts.lang, opts.bell, Vec::new());
    app.view = mode::View::Clerk;
    let theme = Theme { color: opts.color };
    let mut terminal = term::take()?;
    let result = event_loop(&mut terminal, &mut app, theme, None);
    term::give_back();
    result
}

/// The room display's snapshot for the web page.
fn display_snapshot<C: Clock>(app: &App<C>, now: Ts) -> String {
    let m = &app.meeting;
    web_snapshot::snapshot(m.plan(), m.state(), m.thresholds(), now, app.lang)
}

/// Serve: answer the requests that came. True when the screen changed.
fn serve_requests<C: Clock>(app: &mut App<C>, served: &mut dyn Served) -> bool {
    let mut changed = false;
    for request in served.take_requests() {
        app.serve_request(request);
        changed = true;
    }
    changed
}

/// Serve: when the journal changed, tell the server (its streams, the web
/// display). Called after the frame is drawn, so reading the journal's new
/// lines and waking the streams is not on the way from a key to the
/// chair's screen.
fn serve_changes<C: Clock>(app: &App<C>, served: &mut dyn Served, told: &mut Option<u64>) {
    let last = app.meeting.state().last_seq;
    if *told != Some(last) {
        *told = Some(last);
        let now = app.now();
        served.changed(display_snapshot(app, now));
    }
}

fn event_loop<C: Clock>(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App<C>,
    theme: Theme,
    mut served: Option<&mut (dyn Served + 'static)>,
) -> Result<Ended, TuiError> {
    let wakes = term::receiver();
    let mut frames = frames::Frames::new(terminal)?;
    let mut changed = true;
    let mut journal_checked: Option<Ts> = None;
    let mut told = None;
    loop {
        if let Some(served) = served.as_deref_mut() {
            changed |= serve_requests(app, served);
        }
        if app.meeting.is_replica() {
            changed |= app.sync_remote();
        }
        // A step of the system clock is noticed at the wakes there are
        // anyway (a shown second, input, the minute of the header clock).
        changed |= app.check_clock();
        // So is a deleted journal (one stat and one fstat), at most once a
        // second between keys.
        let now = app.now();
        if changed || journal_checked.is_none_or(|t| (now - t).num_milliseconds() >= 1000) {
            changed |= app.check_journal();
            journal_checked = Some(now);
        }
        changed |= app.expire(now);
        if app.bell_due(now) {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
        // Every wake is either input or a shown second rolling over, so
        // draw; only the cells that changed are sent.
        frames.draw(terminal, Screen { app, now, theme }, changed)?;
        if let Some(served) = served.as_deref_mut() {
            serve_changes(app, served, &mut told);
        }
        let wait = next_change(app, app.now());
        let wake = wakes.recv_timeout(wait);
        // Anything but a timer's second may change any part of the screen.
        changed = !matches!(wake, Err(RecvTimeoutError::Timeout));
        match wake {
            Ok(Wake::Term(TermEvent::Key(key))) if key.kind == KeyEventKind::Press => {
                if key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    suspend(terminal)?;
                    frames.cleared(terminal)?;
                } else if app.handle_key(key) == Control::Quit {
                    return Ok(Ended::Quit);
                }
            }
            Ok(Wake::Term(TermEvent::Paste(text))) => app.paste(&text),
            Ok(Wake::Term(TermEvent::Resize(w, h))) => {
                resize(terminal, w, h)?;
                frames.cleared(terminal)?;
            }
            Ok(Wake::Signal(sig)) => return Ok(Ended::Signal(sig)),
            Ok(Wake::InputClosed) | Err(RecvTimeoutError::Disconnected) => {
                return Err(TuiError::InputClosed);
            }
            Ok(Wake::Term(_) | Wake::Journal | Wake::Remote) | Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

/// Ctrl-Z: give the terminal back, stop, and on `fg` take it again with a
/// full redraw.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> Result<(), TuiError> {
    term::give_back();
    #[cfg(unix)]
    {
        // Stop as the shell's Ctrl-Z would; `fg` continues here.
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    }
    // The caller clears the screen and draws it whole again.
    *terminal = term::take()?;
    Ok(())
}

#[cfg(test)]
mod tests;

pub use display_loop::display;
pub use error::TuiError;
pub use picker::{Pick, pick_session, sessions_in};
pub use term::Ended;
