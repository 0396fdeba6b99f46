//! The journal: one append-only file per session, the truth of everything
//! that happened in it.
//!
//! Line 1 is a [`Header`] naming the session file and the SHA-256 of its
//! contents; every further line is one [`Record`](record::Record) in RON.
//! An event is written and flushed to disk (`sync_data`) before the caller
//! may change the state or show it. A write that fails is rolled back to
//! the last good length, so a failed action leaves no half line behind.
//!
//! One writer at a time holds an exclusive lock on the file; who holds it is
//! written beside it in `<journal>.owner`. Readers (the public display,
//! export) take no lock. Nothing is ever deleted: `--fresh` moves the old
//! journal aside, and a torn last line (a crash in the middle of a write) is
//! saved to `<journal>.torn-<time>` before it is cut off.

mod files;
pub mod record;
mod replay;
mod replica;
mod writer;

use std::path::{Path, PathBuf};

use crate::fsio::{FileKind, io_reason};
use crate::i18n::Lang;

pub use files::{lock_path, move_aside};
pub use replay::{
    Header, Replay, default_path, fallback_path, find_for_reading, is_header_prefix, parse, read,
    read_header, session_hash,
};
pub use replica::Replica;
pub use writer::{OpenRequest, Writer};

/// The version of the journal format written by this build.
pub const FORMAT: u32 = 1;

/// The most of a journal that is read: far more than any session's (a
/// journal of 100,000 events is some 15 MB), and little enough to hold in
/// memory. A larger file is refused ([`JournalError::TooLarge`]).
pub const MAX_JOURNAL_BYTES: u64 = 1024 * 1024 * 1024;

/// Something worth telling the user about a journal that did open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A torn last line was cut off (and saved aside when possible).
    TornTail {
        line: usize,
        bytes: usize,
        saved_to: Option<PathBuf>,
    },
    /// The session file changed since the journal was started.
    SessionChanged { session: String },
    /// The session's folder is not writable; the journal lives elsewhere.
    FellBack { wanted: PathBuf, used: PathBuf },
    /// There is no journal next to the session file, but there is one in
    /// the fallback place (begun when the folder was not writable): it is
    /// the session's journal, for the writer as for the readers.
    InFallback { wanted: PathBuf, used: PathBuf },
    /// `--fresh`: the old journal was moved aside.
    MovedAside { to: PathBuf },
    /// The journal was deleted or replaced while the session ran; it was
    /// written again from the open file, nothing lost.
    Restored { path: PathBuf },
}

/// Why a journal could not be opened or written.
#[derive(Debug)]
pub enum JournalError {
    Io {
        path: PathBuf,
        action: &'static str,
        reason: String,
    },
    /// A line that is not a valid event (not the torn last line).
    BadLine {
        path: PathBuf,
        line: usize,
        why: String,
    },
    /// Another process writes this journal.
    Locked { path: PathBuf, holder: String },
    /// While this writer ran, its journal and lock file were deleted and
    /// another writer began a journal at the same path. This writer moves
    /// and writes nothing there; what it had is saved in `saved_to`.
    TakenOver {
        path: PathBuf,
        holder: String,
        saved_to: Option<PathBuf>,
    },
    /// An earlier write failed and could not be rolled back; nothing more is
    /// written until the journal is reopened.
    Broken { path: PathBuf },
    /// The journal exists but cannot be opened for writing. It is used or
    /// refused, never replaced by an empty one elsewhere.
    NotWritable {
        path: PathBuf,
        reason: String,
        /// How many events it holds, when it could be read.
        events: Option<usize>,
    },
    /// The journal's folder is not writable and there is no fallback place.
    NoFallback {
        wanted: PathBuf,
        reason: String,
        /// Why the data directory cannot hold it (HOME unset, not writable).
        why: String,
    },
    /// The file does not begin with a hamer journal header: it is left as it
    /// is (not truncated, moved or repaired).
    NotAJournal { path: PathBuf, why: String },
    /// The journal would be the session file itself.
    IsSessionFile { path: PathBuf },
    /// The journal was written by a newer hamer, in a format this build
    /// does not know: upgrade hamer. Nothing in it is changed.
    TooNew { path: PathBuf, format: u32 },
    /// The path names a named pipe, a device, a socket (or, for readers, a
    /// folder): a journal is only ever a regular file.
    NotAFile { path: PathBuf, kind: FileKind },
    /// Larger than [`MAX_JOURNAL_BYTES`]: not read.
    TooLarge { path: PathBuf },
    /// The journal path's lock file exists but cannot be opened (another
    /// user's, mode 0600): the journal is not written without its lock.
    LockUnusable {
        path: PathBuf,
        lock: PathBuf,
        reason: String,
        /// Who owns it: the holder from the owner file, else the file's
        /// owner's user id.
        owner: String,
    },
}

impl JournalError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            JournalError::Io {
                path,
                action,
                reason,
            } => lang.fill(
                "journal.io",
                &[
                    ("path", &path.display()),
                    ("action", &lang.text(action)),
                    ("reason", reason),
                ],
            ),
            JournalError::BadLine { path, line, why } => lang.fill(
                "journal.bad_line",
                &[("path", &path.display()), ("line", line), ("why", why)],
            ),
            JournalError::Locked { path, holder } => lang.fill(
                "journal.locked",
                &[("path", &path.display()), ("holder", holder)],
            ),
            JournalError::Broken { path } => {
                lang.fill("journal.broken", &[("path", &path.display())])
            }
            JournalError::TakenOver {
                path,
                holder,
                saved_to,
            } => {
                let saved: &dyn std::fmt::Display = match saved_to {
                    Some(p) => &p.display(),
                    None => &"-",
                };
                lang.fill(
                    "journal.taken_over",
                    &[
                        ("path", &path.display()),
                        ("holder", holder),
                        ("saved", saved),
                    ],
                )
            }
            JournalError::NotWritable {
                path,
                reason,
                events,
            } => {
                let events: &dyn std::fmt::Display = match events {
                    Some(n) => n,
                    None => &"?",
                };
                lang.fill(
                    "journal.not_writable",
                    &[
                        ("path", &path.display()),
                        ("reason", reason),
                        ("events", events),
                    ],
                )
            }
            JournalError::NoFallback {
                wanted,
                reason,
                why,
            } => lang.fill(
                "journal.no_fallback",
                &[
                    ("wanted", &wanted.display()),
                    ("reason", reason),
                    ("why", why),
                ],
            ),
            JournalError::NotAJournal { path, why } => lang.fill(
                "journal.not_a_journal",
                &[("path", &path.display()), ("why", why)],
            ),
            JournalError::IsSessionFile { path } => {
                lang.fill("journal.is_session", &[("path", &path.display())])
            }
            JournalError::TooNew { path, format } => lang.fill(
                "journal.too_new",
                &[
                    ("path", &path.display()),
                    ("format", format),
                    ("known", &FORMAT),
                ],
            ),
            JournalError::NotAFile { path, kind } => lang.fill(
                "journal.not_a_file",
                &[("path", &path.display()), ("kind", &lang.text(kind.key()))],
            ),
            JournalError::TooLarge { path } => lang.fill(
                "journal.too_large",
                &[
                    ("path", &path.display()),
                    ("limit", &(MAX_JOURNAL_BYTES >> 30)),
                ],
            ),
            JournalError::LockUnusable {
                path,
                lock,
                reason,
                owner,
            } => lang.fill(
                "journal.lock_unusable",
                &[
                    ("path", &path.display()),
                    ("lock", &lock.display()),
                    ("reason", reason),
                    ("owner", owner),
                ],
            ),
        }
    }

    /// The exit status of a command that stops on this error: 2 for a file
    /// hamer refuses to touch, 1 for the rest.
    pub fn exit_code(&self) -> u8 {
        match self {
            JournalError::NotAJournal { .. }
            | JournalError::IsSessionFile { .. }
            | JournalError::TooNew { .. }
            | JournalError::NotAFile { .. }
            | JournalError::TooLarge { .. } => 2,
            _ => 1,
        }
    }
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Notice::TornTail {
                line,
                bytes,
                saved_to,
            } => match saved_to {
                Some(to) => lang.fill(
                    "journal.torn_saved",
                    &[("line", line), ("bytes", bytes), ("to", &to.display())],
                ),
                None => lang.fill("journal.torn", &[("line", line), ("bytes", bytes)]),
            },
            Notice::SessionChanged { session } => {
                lang.fill("journal.session_changed", &[("session", session)])
            }
            Notice::FellBack { wanted, used } => lang.fill(
                "journal.fell_back",
                &[("wanted", &wanted.display()), ("used", &used.display())],
            ),
            Notice::InFallback { wanted, used } => lang.fill(
                "journal.in_fallback",
                &[("wanted", &wanted.display()), ("used", &used.display())],
            ),
            Notice::MovedAside { to } => lang.fill("journal.moved_aside", &[("to", &to.display())]),
            Notice::Restored { path } => {
                lang.fill("journal.restored", &[("path", &path.display())])
            }
        }
    }
}

fn io_err(path: &Path, action: &'static str, e: &std::io::Error) -> JournalError {
    JournalError::Io {
        path: path.to_owned(),
        action,
        reason: io_reason(e),
    }
}
