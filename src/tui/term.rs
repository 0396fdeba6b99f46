//! The terminal as a resource: taken whole (raw mode, the alternate screen,
//! bracketed paste) and given back on every way out: quit, an error, a
//! panic, and the signals that end a process (SIGTERM, SIGHUP, SIGINT,
//! SIGQUIT). A signal does not end the process where it lands: it wakes
//! the screen's loop like a key, which returns, so the terminal is given
//! back and the journal closed (its owner file removed) on the same path as
//! `q`; the program then exits with 128 + the signal's number.
//!
//! Every screen reads its input from one thread per process ([`wakes`]):
//! the picker and then the chair's screen must not have two readers racing
//! for the same keys.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Mutex, MutexGuard, OnceLock};

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

/// What wakes a screen's loop.
#[derive(Debug)]
pub enum Wake {
    /// A key, a paste, a resize.
    Term(event::Event),
    /// The followed journal changed (the display).
    Journal,
    /// The network has something for the loop: a clerk's request for the
    /// writer, events for a replica (`hamer run --serve`, `hamer join`).
    Remote,
    /// A signal that ends the process: give the terminal back and exit.
    Signal(i32),
    /// The terminal's input is gone (read failed): there is no one left
    /// to press `q`.
    InputClosed,
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

/// True while hamer has the terminal in raw mode on the alternate screen.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// Is there a terminal to draw on and to read keys from? Checked before a
/// command that needs one touches any file: without a terminal, `run
/// --fresh` would move a journal aside and then fail.
pub fn has_terminal() -> bool {
    if !std::io::stdout().is_terminal() {
        return false;
    }
    // crossterm reads keys from standard input when it is a terminal, and
    // from the controlling terminal otherwise (none under `setsid`).
    std::io::stdin().is_terminal()
        || std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok()
}

/// Take the terminal: raw mode, the alternate screen (the shell's screen
/// comes back after `q`), bracketed paste, and a hook that gives it back on
/// a panic. The viewport is fixed to the size the terminal has now and
/// changed only on a resize event: a full-screen viewport would ask the
/// terminal for its size (open, ioctl, close of `/dev/tty`) before every
/// frame, a tenth of an idle frame's cost.
pub fn take() -> std::io::Result<ratatui::DefaultTerminal> {
    install_panic_hook();
    // The signals are caught from here on: before, the default (the
    // process ends) leaves nothing behind to clean up.
    let _ = wakes();
    let (w, h) = ratatui::crossterm::terminal::size()?;
    enable_raw_mode()?;
    TAKEN.store(true, Ordering::SeqCst);
    let entered = execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste
    );
    if let Err(e) = entered {
        give_back();
        return Err(e);
    }
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    ratatui::Terminal::with_options(
        backend,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
        },
    )
    .inspect_err(|_| give_back())
}

/// The terminal changed size: draw the next frame at the new size.
pub fn resize(terminal: &mut ratatui::DefaultTerminal, w: u16, h: u16) -> std::io::Result<()> {
    terminal.resize(ratatui::layout::Rect::new(0, 0, w, h))
}

/// Give the terminal back as it was: paste mode off, the shell's screen,
/// the cursor shown, raw mode off. Safe to call twice; does nothing when
/// the terminal was not taken.
pub fn give_back() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = std::io::stdout();
    // Errors are ignored: after SIGHUP the terminal may be gone.
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // First the terminal, so that the message is readable.
            give_back();
            previous(info);
        }));
    });
}

/// The one channel every screen's loop waits on: terminal input (one
/// reader thread per process) and the signals that end the process. The
/// display adds journal changes through [`sender`].
struct Wakes {
    tx: Sender<Wake>,
    rx: Mutex<Receiver<Wake>>,
}

fn wakes() -> &'static Wakes {
    static WAKES: OnceLock<Wakes> = OnceLock::new();
    WAKES.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        let input = tx.clone();
        std::thread::spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if input.send(Wake::Term(ev)).is_err() {
                            break;
                        }
                    }
                    Err(_) => {
                        // A terminal that goes away also sends SIGHUP: let
                        // it arrive first, so the exit status names it.
                        std::thread::sleep(std::time::Duration::from_millis(200));
                        let _ = input.send(Wake::InputClosed);
                        break;
                    }
                }
            }
        });
        catch_signals(tx.clone());
        Wakes {
            tx,
            rx: Mutex::new(rx),
        }
    })
}

#[cfg(unix)]
fn catch_signals(tx: Sender<Wake>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use std::sync::Arc;
    // A second signal ends the process at once: the loop that should have
    // answered the first may be stuck (output paused with Ctrl-S, a hung
    // terminal). The journal needs nothing: every event is on disk.
    let second = Arc::new(AtomicBool::new(false));
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        let status = i32::from(exit_status(sig));
        let _ = signal_hook::flag::register_conditional_shutdown(sig, status, Arc::clone(&second));
        let _ = signal_hook::flag::register(sig, Arc::clone(&second));
    }
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
    {
        std::thread::spawn(move || {
            for sig in signals.forever() {
                if tx.send(Wake::Signal(sig)).is_err() {
                    break;
                }
            }
        });
    }
}

#[cfg(not(unix))]
fn catch_signals(_tx: Sender<Wake>) {}

/// The receiving end of the wakes, for the one loop that runs now.
pub fn receiver() -> MutexGuard<'static, Receiver<Wake>> {
    wakes().rx.lock().unwrap_or_else(|e| e.into_inner())
}

/// A sender for other sources of wakes (the display's journal watch).
pub fn sender() -> Sender<Wake> {
    wakes().tx.clone()
}

/// The exit status after a signal, as a shell reports one: 128 + its number.
pub fn exit_status(sig: i32) -> u8 {
    u8::try_from(128 + sig).unwrap_or(255)
}
