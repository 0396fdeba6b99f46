//! The journal: one append-only file per session, the truth of everything
//! that happened in it.
//!
//! Line 1 is a [`Header`] naming the session file and the SHA-256 of its
//! contents; every further line is one [`Record`] in RON. An event is written
//! and flushed to disk (`sync_data`) before the caller may change the state or
//! show it. A write that fails is rolled back to the last good length, so a
//! failed action leaves no half line behind.
//!
//! One writer at a time holds an exclusive lock on the file; who holds it is
//! written beside it in `<journal>.owner`. Readers (the public display,
//! export) take no lock. Nothing is ever deleted: `--fresh` moves the old
//! journal aside, and a torn last line (a crash in the middle of a write) is
//! saved to `<journal>.torn-<time>` before it is cut off.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::clock::Ts;
use crate::fsio::{FileKind, io_reason};
use crate::i18n::Lang;
pub mod record;

use crate::sanitize::{Lines, clean_in_place};
use record::{Event, Record};

/// The version of the journal format written by this build.
pub const FORMAT: u32 = 1;

/// The most of a journal that is read: far more than any session's (a
/// journal of 100,000 events is some 15 MB), and little enough to hold in
/// memory. A larger file is refused ([`JournalError::TooLarge`]).
pub const MAX_JOURNAL_BYTES: u64 = 1024 * 1024 * 1024;

/// The first line of a journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub app: String,
    /// The session file, as it was named when the journal was created.
    pub session: String,
    /// `sha256:<hex>` of the session file's bytes.
    pub session_hash: String,
    pub created: Ts,
}

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

/// `sha256:<hex>` of a session file's bytes.
pub fn session_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// The journal next to a session file: `<stem>.journal`.
pub fn default_path(session: &Path) -> PathBuf {
    session.with_extension("journal")
}

/// Where the journal goes when the session's folder is not writable: the
/// user's data directory, named after the session file and a hash of its
/// full path (two sessions with the same name in different folders differ).
pub fn fallback_path(session: &Path, data_dir: Option<&Path>) -> Option<PathBuf> {
    let full = std::fs::canonicalize(session)
        .or_else(|_| std::path::absolute(session))
        .unwrap_or_else(|_| session.to_owned());
    let hash = session_hash(full.to_string_lossy().as_bytes());
    let stem = session.file_stem()?.to_string_lossy().into_owned();
    let base = data_dir.map(Path::to_owned).or_else(dirs::data_dir)?;
    Some(
        base.join("hamer")
            .join("journals")
            .join(format!("{stem}-{}.journal", &hash[7..19])),
    )
}

/// The journal a reader should follow: the one next to the session file,
/// or else the fallback one if that exists.
pub fn find_for_reading(session: &Path, data_dir: Option<&Path>) -> PathBuf {
    let default = default_path(session);
    if !default.exists()
        && let Some(fallback) = fallback_path(session, data_dir)
        && fallback.exists()
    {
        return fallback;
    }
    default
}

/// A journal read from disk.
#[derive(Debug)]
pub struct Replay {
    pub header: Header,
    pub records: Vec<Record>,
    /// Bytes of the file that hold complete lines (and a complete last
    /// record that only lacks its newline).
    pub good_len: u64,
    /// A torn last line: its line number and bytes (not yet removed).
    pub torn: Option<(usize, Vec<u8>)>,
    /// The last line is a complete header or record without its `\n` (an
    /// editor's hand repair): it is read, and the writer adds the newline.
    pub unterminated: bool,
}

/// Parse the bytes of a journal. A last line without its newline is torn
/// (reported in `torn`, not an error) unless it is a complete record with the
/// next sequence number; any other bad line is an error. A file whose first
/// line is not a hamer header is [`JournalError::NotAJournal`].
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Replay, JournalError> {
    // A byte order mark from an editor is not part of the header.
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let bytes = &bytes[bom..];
    let complete_len = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let (complete, tail) = bytes.split_at(complete_len);
    let mut lines = complete.split(|b| *b == b'\n');
    let bad = |line: usize, why: String| JournalError::BadLine {
        path: path.to_owned(),
        line,
        why,
    };
    let text = |line: usize, raw: &[u8]| -> Result<String, JournalError> {
        String::from_utf8(raw.to_vec()).map_err(|_| bad(line, "not UTF-8".to_owned()))
    };
    let line_count = complete.iter().filter(|b| **b == b'\n').count();
    if complete.is_empty() {
        // Not even the header line is complete: a crash while creating it,
        // or a header an editor saved without its newline.
        match parse_header(path, tail) {
            Ok(header) => {
                return Ok(Replay {
                    header,
                    records: Vec::new(),
                    good_len: (bom + tail.len()) as u64,
                    torn: None,
                    unterminated: true,
                });
            }
            Err(e @ (JournalError::BadLine { .. } | JournalError::TooNew { .. })) => {
                return Err(e);
            }
            Err(e) if !is_header_prefix(tail) => return Err(e),
            Err(_) => {}
        }
        return Err(bad(1, INCOMPLETE_HEADER.to_owned()));
    }
    let header_raw = lines.next().unwrap_or_default();
    let header = parse_header(path, header_raw)?;
    let mut records = Vec::with_capacity(line_count);
    let mut expected = 1u64;
    for (i, raw) in lines.enumerate().take(line_count.saturating_sub(1)) {
        let line = i + 2;
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let mut record: Record = ron::from_str(&text(line, raw)?)
            .map_err(|e| bad(line, format!("column {}: {}", e.span.start.col, e.code)))?;
        if record.seq != expected {
            return Err(bad(
                line,
                format!(
                    "sequence number {} where {expected} was expected",
                    record.seq
                ),
            ));
        }
        expected += 1;
        record.event.clean();
        records.push(record);
    }
    let mut good_len = bom + complete_len;
    let mut unterminated = false;
    let mut torn = None;
    if !tail.is_empty() {
        // A last line that reads as the next record is complete: only its
        // newline is missing. A torn record never parses (it lacks at least
        // its closing parenthesis).
        match complete_record(tail, expected) {
            Some(record) => {
                records.push(record);
                good_len += tail.len();
                unterminated = true;
            }
            None => torn = Some((line_count + 1, tail.to_vec())),
        }
    }
    Ok(Replay {
        header,
        records,
        good_len: good_len as u64,
        torn,
        unterminated,
    })
}

/// Why a journal of a header cut short is not read (yet).
const INCOMPLETE_HEADER: &str = "the header line is missing or incomplete";

/// Line 1: a hamer header in a format this build reads.
fn parse_header(path: &Path, raw: &[u8]) -> Result<Header, JournalError> {
    let not_header = |why: String| JournalError::NotAJournal {
        path: path.to_owned(),
        why,
    };
    let text = std::str::from_utf8(raw).map_err(|_| not_header("not UTF-8".to_owned()))?;
    let mut header: Header =
        ron::from_str(text).map_err(|e| not_header(format!("header: {}", e.code)))?;
    clean_in_place(&mut header.session, Lines::Single);
    clean_in_place(&mut header.app, Lines::Single);
    if header.format > FORMAT {
        return Err(JournalError::TooNew {
            path: path.to_owned(),
            format: header.format,
        });
    }
    Ok(header)
}

/// A last line without its newline that is a whole record with `seq`.
fn complete_record(tail: &[u8], seq: u64) -> Option<Record> {
    let text = std::str::from_utf8(tail).ok()?;
    if text.trim().is_empty() {
        return None;
    }
    let mut record: Record = ron::from_str(text).ok()?;
    if record.seq != seq {
        return None;
    }
    record.event.clean();
    Some(record)
}

/// Could these bytes (without a newline) be the start of a header hamer
/// was writing when it crashed? `(format:<digits>,app:"hamer ` and anything
/// after it, or any prefix of that. An empty file is such a prefix.
pub fn is_header_prefix(bytes: &[u8]) -> bool {
    if bytes.contains(&b'\n') {
        return false;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = b"(format:";
    if bytes.len() <= head.len() {
        return head.starts_with(bytes);
    }
    if !bytes.starts_with(head) {
        return false;
    }
    let rest = &bytes[head.len()..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let after = &rest[digits..];
    if digits == 0 {
        return after.is_empty();
    }
    let app = b",app:\"hamer ";
    if after.len() <= app.len() {
        app.starts_with(after)
    } else {
        after.starts_with(app)
    }
}

/// Does the file at `path` begin as a hamer journal (a valid header, or an
/// empty file or a header cut short by a crash)? Only such a file is ever
/// cut, repaired or moved aside.
fn begins_as_journal(bytes: &[u8]) -> Result<(), String> {
    let first = match bytes.iter().position(|b| *b == b'\n') {
        Some(end) => &bytes[..end],
        None if is_header_prefix(bytes) => return Ok(()),
        None => bytes,
    };
    let first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    match std::str::from_utf8(first) {
        Ok(text) => ron::from_str::<Header>(text)
            .map(drop)
            .map_err(|e| format!("header: {}", e.code)),
        Err(_) => Err("not UTF-8".to_owned()),
    }
}

/// Read a journal without taking the lock (public display, export). Only
/// a regular file is read, and at most [`MAX_JOURNAL_BYTES`] of it.
pub fn read(path: &Path) -> Result<Replay, JournalError> {
    let file = open_regular(path, OpenOptions::new().read(true))
        .map_err(|u| u.error(path, "journal.action.read"))?;
    let bytes = read_all(path, &file)?;
    parse(path, &bytes)
}

/// Why a journal was not opened.
enum Unopened {
    Io(std::io::Error),
    NotAFile(FileKind),
}

impl Unopened {
    fn error(self, path: &Path, action: &'static str) -> JournalError {
        match self {
            Unopened::Io(e) => io_err(path, action, &e),
            Unopened::NotAFile(kind) => JournalError::NotAFile {
                path: path.to_owned(),
                kind,
            },
        }
    }
}

/// Open a journal only if it is a regular file (or a link to one). The
/// kind is checked before opening, since opening a named pipe waits for a
/// writer; the open itself does not wait (`O_NONBLOCK`), and the open file
/// is checked again in case the path was swapped in between. A folder is
/// left to the open: opening it for writing fails (it is "not writable"),
/// and for reading the second check refuses it.
fn open_regular(path: &Path, options: &mut OpenOptions) -> Result<File, Unopened> {
    if let Ok(meta) = std::fs::metadata(path) {
        let kind = FileKind::of(meta.file_type());
        if !meta.is_file() && kind != FileKind::Dir {
            return Err(Unopened::NotAFile(kind));
        }
    }
    let file = no_wait(options).open(path).map_err(Unopened::Io)?;
    let meta = file.metadata().map_err(Unopened::Io)?;
    if !meta.is_file() {
        return Err(Unopened::NotAFile(FileKind::of(meta.file_type())));
    }
    Ok(file)
}

/// Everything an open journal holds from where it is read now, at most
/// [`MAX_JOURNAL_BYTES`]: a larger file is refused before it is read, and
/// the read stops one byte past the limit (a file that grows meanwhile).
fn read_all(path: &Path, file: &File) -> Result<Vec<u8>, JournalError> {
    let too_large = || JournalError::TooLarge {
        path: path.to_owned(),
    };
    let len = file
        .metadata()
        .map_err(|e| io_err(path, "journal.action.read", &e))?
        .len();
    if len > MAX_JOURNAL_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_JOURNAL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_err(path, "journal.action.read", &e))?;
    if bytes.len() as u64 > MAX_JOURNAL_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The only writer of a journal.
#[derive(Debug)]
pub struct Writer {
    file: File,
    path: PathBuf,
    /// The lock on `<journal>.lock`, held as long as the writer lives: the
    /// lock of the journal's *path*, which survives the journal being
    /// deleted or replaced. `None` when the folder does not allow creating
    /// it (then only the journal's own file is locked).
    path_lock: Option<File>,
    /// Another writer took the journal's path after both the journal and
    /// its lock file were deleted: this writer writes nothing more there.
    taken_over: Option<(String, Option<PathBuf>)>,
    /// Whether this writer wrote `<journal>.owner` (and so may remove it).
    owner_written: bool,
    /// When the writer opened the journal (names a copy made at close).
    opened: Ts,
    /// [`Writer::close`] ran (the drop does nothing more).
    closed: bool,
    good_len: u64,
    next_seq: u64,
    broken: bool,
    /// Something the user should hear about that happened while writing.
    notices: Vec<Notice>,
}

/// What the writer is opened for.
pub struct OpenRequest<'a> {
    /// The session file, as named on the command line.
    pub session_path: &'a Path,
    pub session_bytes: &'a [u8],
    /// `--journal PATH`; `None` for the default place (with fallback).
    pub journal: Option<&'a Path>,
    /// `--fresh`: move an existing journal aside and start anew.
    pub fresh: bool,
    /// Base of the fallback place; `None`: the user's data directory.
    pub data_dir: Option<&'a Path>,
    pub now: Ts,
}

/// The journal chosen for writing, locked by its path.
struct Chosen {
    path: PathBuf,
    lock: Option<File>,
    /// The journal was there before (so it is used or refused, never
    /// replaced).
    existed: bool,
}

impl Writer {
    /// Open (or create) the journal for writing, take the lock, cut a torn
    /// tail, and return the writer with the replayed records.
    ///
    /// Where: `--journal PATH`, or else the same rule the readers follow
    /// ([`find_for_reading`]): the journal next to the session file if it
    /// exists, else the fallback one if that exists, else a new one next to
    /// the session file, or in the fallback place when that folder is not
    /// writable. A journal that exists is used or refused, never passed by.
    pub fn open(req: &OpenRequest<'_>) -> Result<(Writer, Replay, Vec<Notice>), JournalError> {
        let mut notices = Vec::new();
        let chosen = Self::choose(req, &mut notices)?;
        let Chosen {
            path,
            lock: path_lock,
            existed,
        } = chosen;
        let not_writable = |e: &std::io::Error| {
            if existed {
                JournalError::NotWritable {
                    path: path.clone(),
                    reason: io_reason(e),
                    events: read(&path).ok().map(|r| r.records.len()),
                }
            } else {
                io_err(&path, "journal.action.open", e)
            }
        };
        let mut file = match open_regular(&path, OpenOptions::new().read(true).append(true)) {
            Ok(f) => f,
            Err(Unopened::Io(e)) => return Err(not_writable(&e)),
            Err(u) => return Err(u.error(&path, "journal.action.open")),
        };
        lock(&file, &path)?;

        if req.fresh && file.metadata().map(|m| m.len()).unwrap_or(0) > 0 {
            // Only a hamer journal is ever moved aside.
            let mut head = Vec::new();
            (&file)
                .take(64 * 1024)
                .read_to_end(&mut head)
                .map_err(|e| io_err(&path, "journal.action.read", &e))?;
            if let Err(why) = begins_as_journal(&head) {
                return Err(JournalError::NotAJournal { path, why });
            }
            let aside = move_aside(&path, &format!(".{}", req.now.format("%Y%m%d-%H%M%S")))
                .map_err(|e| io_err(&path, "journal.action.move", &e))?;
            notices.push(Notice::MovedAside { to: aside });
            // The inode lock went with the old file; take it on the new one.
            drop(file);
            file = OpenOptions::new()
                .read(true)
                .append(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| io_err(&path, "journal.action.create", &e))?;
            lock(&file, &path)?;
        }

        file.seek(std::io::SeekFrom::Start(0))
            .map_err(|e| io_err(&path, "journal.action.read", &e))?;
        let mut bytes = read_all(&path, &file)?;
        let hash = session_hash(req.session_bytes);
        // (Only a file without a line feed can be a header cut short; a
        // journal of any size is not parsed twice.)
        let header_cut_short = !bytes.contains(&b'\n')
            && matches!(
                parse(&path, &bytes),
                Err(JournalError::BadLine { line: 1, ref why, .. }) if why == INCOMPLETE_HEADER
            );
        if bytes.is_empty() || header_cut_short {
            // New journal (or one whose header never made it to disk).
            if !bytes.is_empty() {
                let saved = save_torn(&path, &bytes, req.now);
                notices.push(Notice::TornTail {
                    line: 1,
                    bytes: bytes.len(),
                    saved_to: saved,
                });
                file.set_len(0)
                    .map_err(|e| io_err(&path, "journal.action.write", &e))?;
            }
            let header = Header {
                format: FORMAT,
                app: format!("hamer {}", env!("CARGO_PKG_VERSION")),
                session: req.session_path.display().to_string(),
                session_hash: hash.clone(),
                created: req.now,
            };
            let mut line = ron::to_string(&header).map_err(|e| JournalError::Io {
                path: path.clone(),
                action: "journal.action.write",
                reason: e.to_string(),
            })?;
            line.push('\n');
            file.write_all(line.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| io_err(&path, "journal.action.write", &e))?;
            sync_dir(&path);
            bytes = line.into_bytes();
        }
        // A file that is not a journal is refused here, before anything in
        // it is cut or repaired.
        let mut replay = parse(&path, &bytes)?;
        if replay.header.session_hash != hash {
            notices.push(Notice::SessionChanged {
                session: replay.header.session.clone(),
            });
        }
        if let Some((line, tail)) = &replay.torn {
            let saved = save_torn(&path, tail, req.now);
            file.set_len(replay.good_len)
                .and_then(|()| file.sync_all())
                .map_err(|e| io_err(&path, "journal.action.write", &e))?;
            notices.push(Notice::TornTail {
                line: *line,
                bytes: tail.len(),
                saved_to: saved,
            });
        }
        if replay.unterminated {
            // A complete last line that only lacks its newline: add it.
            file.write_all(b"\n")
                .and_then(|()| file.sync_data())
                .map_err(|e| io_err(&path, "journal.action.write", &e))?;
            replay.good_len += 1;
            replay.unterminated = false;
        }
        let owner_written = write_owner(&path, req.now);
        let writer = Writer {
            file,
            path,
            path_lock,
            taken_over: None,
            owner_written,
            opened: req.now,
            closed: false,
            good_len: replay.good_len,
            next_seq: replay.records.last().map_or(1, |r| r.seq + 1),
            broken: false,
            notices: Vec::new(),
        };
        Ok((writer, replay, notices))
    }

    /// Which journal to write, by the readers' rule, with its path locked.
    fn choose(req: &OpenRequest<'_>, notices: &mut Vec<Notice>) -> Result<Chosen, JournalError> {
        let refuse_session = |journal: &Path| {
            if same_path(req.session_path, journal) {
                Err(JournalError::IsSessionFile {
                    path: journal.to_owned(),
                })
            } else {
                Ok(())
            }
        };
        if let Some(journal) = req.journal {
            refuse_session(journal)?;
            let existed = journal.exists();
            if existed {
                refuse_non_journal(journal)?;
            }
            let lock = lock_path_of(journal)?;
            if !existed {
                Self::create(journal).map_err(|e| io_err(journal, "journal.action.create", &e))?;
            }
            return Ok(Chosen {
                path: journal.to_owned(),
                lock,
                existed,
            });
        }
        let wanted = default_path(req.session_path);
        refuse_session(&wanted)?;
        if wanted.exists() {
            refuse_non_journal(&wanted)?;
            return Ok(Chosen {
                lock: lock_path_of(&wanted)?,
                path: wanted,
                existed: true,
            });
        }
        let fallback = fallback_path(req.session_path, req.data_dir);
        if let Some(fallback) = fallback.as_ref().filter(|f| f.exists()) {
            refuse_non_journal(fallback)?;
            let lock = lock_path_of(fallback)?;
            notices.push(Notice::InFallback {
                wanted,
                used: fallback.clone(),
            });
            return Ok(Chosen {
                path: fallback.clone(),
                lock,
                existed: true,
            });
        }
        // A new journal: next to the session file if that folder lets us.
        let lock = lock_path_of(&wanted)?;
        let e = match Self::create(&wanted) {
            Ok(()) => {
                return Ok(Chosen {
                    path: wanted,
                    lock,
                    existed: false,
                });
            }
            Err(e) if is_not_writable(&e) => e,
            Err(e) => return Err(io_err(&wanted, "journal.action.create", &e)),
        };
        drop(lock);
        let no_fallback = |why: String| JournalError::NoFallback {
            wanted: wanted.clone(),
            reason: io_reason(&e),
            why,
        };
        let Some(fallback) = fallback else {
            return Err(no_fallback(no_data_dir_reason()));
        };
        if let Some(dir) = fallback.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                let mut why = format!("{}: {}", dir.display(), io_reason(&e));
                if home_unset() {
                    why.push_str("; HOME is not set");
                }
                no_fallback(why)
            })?;
        }
        let lock = lock_path_of(&fallback)?;
        Self::create(&fallback)
            .map_err(|e| no_fallback(format!("{}: {}", fallback.display(), io_reason(&e))))?;
        notices.push(Notice::FellBack {
            wanted,
            used: fallback.clone(),
        });
        Ok(Chosen {
            path: fallback,
            lock,
            existed: false,
        })
    }

    /// Create the journal file if it is not there (a symbolic link to a
    /// file that does not exist yet creates that file).
    fn create(path: &Path) -> std::io::Result<()> {
        no_wait(OpenOptions::new().create(true).append(true))
            .open(path)
            .map(drop)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The sequence number the next event gets.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Write one event and flush it to disk. On failure the file is rolled
    /// back to its last good length and the event does not exist.
    pub fn append(&mut self, at: Ts, mut event: Event) -> Result<Record, JournalError> {
        event.clean();
        if self.broken {
            return Err(JournalError::Broken {
                path: self.path.clone(),
            });
        }
        if let Some((holder, saved_to)) = &self.taken_over {
            return Err(JournalError::TakenOver {
                path: self.path.clone(),
                holder: holder.clone(),
                saved_to: saved_to.clone(),
            });
        }
        self.keep_path_lock(at)?;
        if !same_file(&self.file, &self.path) {
            self.restore()?;
        }
        let record = Record {
            seq: self.next_seq,
            at,
            event,
        };
        let mut line = ron::to_string(&record).map_err(|e| JournalError::Io {
            path: self.path.clone(),
            action: "journal.action.write",
            reason: e.to_string(),
        })?;
        line.push('\n');
        let written = self
            .file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.good_len += line.len() as u64;
                self.next_seq += 1;
                Ok(record)
            }
            Err(e) => {
                let rolled_back = self
                    .file
                    .set_len(self.good_len)
                    .and_then(|()| self.file.sync_data());
                if rolled_back.is_err() {
                    self.broken = true;
                }
                Err(io_err(&self.path, "journal.action.write", &e))
            }
        }
    }

    /// Make every further write fail, as a full or vanished disk would.
    #[cfg(test)]
    pub(crate) fn break_for_test(&mut self) {
        if let Ok(read_only) = File::open(&self.path) {
            self.file = read_only;
        }
    }

    /// Make sure this writer still holds the lock of its path. When the
    /// lock file was deleted, it is made and locked again; when another
    /// writer made and locked it meanwhile (the journal and its lock file
    /// were both deleted, and a second `hamer run` began), this writer
    /// stops writing: it neither moves that journal aside nor writes in
    /// it, and saves what it had beside it.
    fn keep_path_lock(&mut self, at: Ts) -> Result<(), JournalError> {
        let Some(lock) = &self.path_lock else {
            return Ok(());
        };
        if same_file(lock, &lock_path(&self.path)) {
            return Ok(());
        }
        match lock_path_of(&self.path) {
            Ok(Some(lock)) => {
                self.path_lock = Some(lock);
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(JournalError::Locked { .. }) if same_file(&self.file, &self.path) => {
                // Our journal is still at the path and we hold its own
                // lock, so nobody else can write it: another hamer locked
                // the new lock file on its way to the journal's lock, and
                // fails on that. No takeover; the lock file is made and
                // locked again at the next event.
                Ok(())
            }
            Err(JournalError::Locked { holder, .. }) => {
                let saved_to = self.save_orphan(at);
                // The owner file at the path is the other writer's now.
                self.owner_written = false;
                self.taken_over = Some((holder.clone(), saved_to.clone()));
                Err(JournalError::TakenOver {
                    path: self.path.clone(),
                    holder,
                    saved_to,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Save what this writer's open journal holds to a new file beside the
    /// path; `None` when that failed.
    fn save_orphan(&mut self, at: Ts) -> Option<PathBuf> {
        let mut bytes = Vec::new();
        self.file
            .seek(std::io::SeekFrom::Start(0))
            .and_then(|_| (&self.file).take(self.good_len).read_to_end(&mut bytes))
            .ok()?;
        let stem = format!(".orphaned-{}", at.format("%Y%m%d-%H%M%S"));
        let (mut file, to) = create_beside(&self.path, &stem).ok()?;
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .ok()
            .map(|()| to)
    }

    /// The journal at our path is gone or another file: write what the open
    /// file holds to the path again, and go on in that copy. This writer
    /// holds the path's lock, so what is at the path now is no live
    /// writer's journal.
    fn restore(&mut self) -> Result<(), JournalError> {
        let mut bytes = Vec::new();
        self.file
            .seek(std::io::SeekFrom::Start(0))
            .and_then(|_| (&self.file).take(self.good_len).read_to_end(&mut bytes))
            .map_err(|e| io_err(&self.path, "journal.action.read", &e))?;
        // Whatever is at the path now (a replacement) is kept beside it.
        if std::fs::symlink_metadata(&self.path).is_ok() {
            move_aside(&self.path, ".replaced")
                .map_err(|e| io_err(&self.path, "journal.action.move", &e))?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(&self.path)
            .map_err(|e| io_err(&self.path, "journal.action.create", &e))?;
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| io_err(&self.path, "journal.action.write", &e))?;
        sync_dir(&self.path);
        lock(&file, &self.path)?;
        self.file = file;
        self.notices.push(Notice::Restored {
            path: self.path.clone(),
        });
        Ok(())
    }

    /// Is the journal still at its path? A cheap check (one `stat` and one
    /// `fstat`) for the wakes of the screen: a journal deleted or replaced
    /// is written again at once ([`Notice::Restored`]), not only at the next
    /// event. When another writer took the path, this writer's events are
    /// saved beside it and [`JournalError::TakenOver`] says where.
    pub fn check(&mut self, at: Ts) -> Result<(), JournalError> {
        if let Some((holder, saved_to)) = &self.taken_over {
            return Err(JournalError::TakenOver {
                path: self.path.clone(),
                holder: holder.clone(),
                saved_to: saved_to.clone(),
            });
        }
        if same_file(&self.file, &self.path) {
            return Ok(());
        }
        self.keep_path_lock(at)?;
        self.restore()
    }

    /// Close the journal, making sure that what this writer recorded is at
    /// its path: a journal deleted or replaced since the last event is
    /// written again from the open file while this writer still holds the
    /// path's lock; when another writer took the path, what this one had is
    /// saved beside it (`.orphaned-*`) and the error says where. The owner
    /// file is removed only when it is this writer's. The notices say what
    /// was restored. Dropping a writer does the same, silently.
    pub fn close(mut self) -> Result<Vec<Notice>, JournalError> {
        let result = self.finish();
        let notices = self.take_notices();
        result.map(|()| notices)
    }

    fn finish(&mut self) -> Result<(), JournalError> {
        if std::mem::replace(&mut self.closed, true) {
            return Ok(());
        }
        let result = self.check(self.opened);
        // Only the owner file this writer wrote, and only while it still
        // names this process: after a takeover it is the other writer's.
        // The lock file stays (it is the path's lock, and removing it would
        // let a second writer lock a new file of the same name).
        if self.owner_written && self.taken_over.is_none() && owner_is_ours(&self.path) {
            let _ = std::fs::remove_file(owner_path(&self.path));
        }
        result
    }

    /// What happened while writing that the user should hear about.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// Read back every record (for a re-fold after an undo).
    pub fn records(&self) -> Result<Vec<Record>, JournalError> {
        read(&self.path).map(|r| r.records)
    }
}

impl Drop for Writer {
    /// The safety net of [`Writer::close`]: a writer dropped without it
    /// still leaves its events at the path (or beside it).
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// Does the owner file name this process (as [`write_owner`] wrote it)?
fn owner_is_ours(journal: &Path) -> bool {
    holder(journal).starts_with(&format!("hamer pid {} ", std::process::id()))
}

fn is_not_writable(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem | ErrorKind::NotFound
    )
}

/// Why there is no data directory to fall back to.
fn no_data_dir_reason() -> String {
    if home_unset() {
        "no data directory: HOME is not set".to_owned()
    } else {
        "no data directory".to_owned()
    }
}

fn home_unset() -> bool {
    let unset = |v: &str| std::env::var_os(v).is_none_or(|s| s.is_empty());
    unset("HOME") && unset("XDG_DATA_HOME")
}

/// Are these the same file: the same path, or names of one file (through
/// symbolic links, `..`, hard links)?
fn same_path(a: &Path, b: &Path) -> bool {
    if std::path::absolute(a).ok() == std::path::absolute(b).ok() {
        return true;
    }
    if let (Ok(x), Ok(y)) = (std::fs::canonicalize(a), std::fs::canonicalize(b))
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// Options that open a file beside the journal without following a
/// symbolic link at its name, and without waiting (a named pipe there
/// does not hang hamer; the callers check the kind of what they opened).
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options
}

/// Options that open without waiting: a named pipe swapped in at a
/// journal's name does not hang hamer (the open file's kind is checked).
fn no_wait(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options
}

/// Refuse a file that does not begin as a journal, or is no regular file,
/// before anything is made beside it (its lock file). A file that cannot
/// be read (and a folder) is left to the opening, which names the cause.
fn refuse_non_journal(path: &Path) -> Result<(), JournalError> {
    let file = match open_regular(path, OpenOptions::new().read(true)) {
        Ok(f) => f,
        Err(Unopened::NotAFile(FileKind::Dir)) | Err(Unopened::Io(_)) => return Ok(()),
        Err(u) => return Err(u.error(path, "journal.action.open")),
    };
    let mut head = Vec::new();
    if file.take(64 * 1024).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    begins_as_journal(&head).map_err(|why| JournalError::NotAJournal {
        path: path.to_owned(),
        why,
    })
}

/// Take the lock of a journal's path: an exclusive lock on
/// `<journal>.lock`, a file that hamer creates (never through a symbolic
/// link) and never deletes. Because the lock file outlives the journal, a
/// deleted or replaced journal stays locked while its writer lives. `None`
/// when there is no lock file and the folder does not let us create one.
/// A lock file that is there but cannot be opened (another user's, mode
/// 0600) is [`JournalError::LockUnusable`]: the journal is not written
/// without its lock.
fn lock_path_of(journal: &Path) -> Result<Option<File>, JournalError> {
    let path = lock_path(journal);
    let opened = no_follow(OpenOptions::new().read(true).write(true).create(true))
        .open(&path)
        // Another user's lock file in a shared folder, or one on a
        // read-only file system: a lock needs no write access.
        .or_else(|e| match e.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                no_follow(OpenOptions::new().read(true)).open(&path)
            }
            _ => Err(e),
        });
    let file = match opened {
        Ok(f) => f,
        Err(e) if is_not_writable(&e) => {
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                // No lock file, and none can be made here.
                return Ok(None);
            };
            let mut owner = holder(journal);
            #[cfg(unix)]
            if owner == "?" {
                use std::os::unix::fs::MetadataExt;
                owner = format!("uid {}", meta.uid());
            }
            #[cfg(not(unix))]
            let _ = meta;
            return Err(JournalError::LockUnusable {
                path: journal.to_owned(),
                lock: path,
                reason: io_reason(&e),
                owner,
            });
        }
        Err(e) => return Err(io_err(&path, "journal.action.lock", &e)),
    };
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        _ => {
            return Err(JournalError::Io {
                path,
                action: "journal.action.lock",
                reason: "not a regular file".to_owned(),
            });
        }
    }
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(JournalError::Locked {
            path: journal.to_owned(),
            holder: holder(journal),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(journal, "journal.action.lock", &e)),
    }
}

fn lock(file: &File, path: &Path) -> Result<(), JournalError> {
    match file.try_lock() {
        // The lock must be on the file at the path: a --fresh of another
        // writer may have moved it aside while we waited for it.
        Ok(()) if !same_file(file, path) => Err(JournalError::Locked {
            path: path.to_owned(),
            holder: holder(path),
        }),
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(JournalError::Locked {
            path: path.to_owned(),
            holder: holder(path),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(path, "journal.action.lock", &e)),
    }
}

/// Who holds a journal, from its owner file (read without following a
/// symbolic link, at most one line); `?` when it cannot be read.
fn holder(journal: &Path) -> String {
    let mut text = String::new();
    let read = no_follow(OpenOptions::new().read(true))
        .open(owner_path(journal))
        .and_then(|f| f.take(512).read_to_string(&mut text));
    match read {
        Ok(_) => {
            let line = text.lines().next().unwrap_or("").trim();
            if line.is_empty() {
                "?".to_owned()
            } else {
                crate::sanitize::clean(line, Lines::Single)
                    .text
                    .into_owned()
            }
        }
        Err(_) => "?".to_owned(),
    }
}

/// Is the open file still the one at `path`?
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn owner_path(journal: &Path) -> PathBuf {
    with_suffix(journal, ".owner")
}

/// The file whose lock is the journal path's lock.
pub fn lock_path(journal: &Path) -> PathBuf {
    with_suffix(journal, ".lock")
}

/// Names beside the journal to try for a new file: `<journal><stem>`, then
/// `-2`, `-3`, …
fn candidates(journal: &Path, stem: &str) -> impl Iterator<Item = PathBuf> {
    let first = with_suffix(journal, stem);
    let stem = stem.to_owned();
    let journal = journal.to_owned();
    std::iter::once(first)
        .chain((2..1000).map(move |n| with_suffix(&journal, &format!("{stem}-{n}"))))
}

/// Move the file at `path` to a new name beside it that nothing has (no
/// file, no symbolic link): it never replaces anything.
fn move_aside(path: &Path, stem: &str) -> std::io::Result<PathBuf> {
    let mut last = None;
    for to in candidates(path, stem) {
        match rename_noreplace(path, &to) {
            Ok(()) => {
                sync_dir(path);
                return Ok(to);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::from(ErrorKind::AlreadyExists)))
}

/// `rename` that fails with `AlreadyExists` instead of replacing `to`.
fn rename_noreplace(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| {
            std::ffi::CString::new(p.as_os_str().as_bytes())
                .map_err(|_| std::io::Error::from(ErrorKind::InvalidInput))
        };
        let (a, b) = (c(from)?, c(to)?);
        // SAFETY: two valid NUL-terminated paths, relative to the current
        // directory.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        // A file system without RENAME_NOREPLACE: check, then rename.
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e);
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::Error::from(ErrorKind::AlreadyExists));
    }
    std::fs::rename(from, to)
}

/// Create a new file beside the journal: never through a symbolic link,
/// never over an existing file.
fn create_beside(journal: &Path, stem: &str) -> std::io::Result<(File, PathBuf)> {
    let mut last = None;
    for to in candidates(journal, stem) {
        match no_follow(OpenOptions::new().write(true).create_new(true)).open(&to) {
            Ok(f) => return Ok((f, to)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::from(ErrorKind::AlreadyExists)))
}

/// Keep the bytes of a torn line beside the journal; `None` if that failed.
fn save_torn(journal: &Path, bytes: &[u8], now: Ts) -> Option<PathBuf> {
    let stem = format!(".torn-{}", now.format("%Y%m%d-%H%M%S"));
    let (mut file, to) = create_beside(journal, &stem).ok()?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .ok()
        .map(|()| to)
}

/// Who holds the lock, for the message a second writer gets. Written only
/// into a regular file of ours: never through a symbolic link, never into
/// a file with other names (a hard link). Whether it was written.
fn write_owner(journal: &Path, now: Ts) -> bool {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_else(|_| "?".to_owned());
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "?".to_owned());
    // Language-neutral: it is read by another hamer, maybe in another language.
    let text = format!(
        "hamer pid {} · {user}@{host} · {}\n",
        std::process::id(),
        now.format("%Y-%m-%d %H:%M:%S")
    );
    let Ok(mut file) =
        no_follow(OpenOptions::new().write(true).create(true)).open(owner_path(journal))
    else {
        return false;
    };
    let ours = match file.metadata() {
        #[cfg(unix)]
        Ok(m) => {
            use std::os::unix::fs::MetadataExt;
            m.is_file() && m.nlink() == 1
        }
        #[cfg(not(unix))]
        Ok(m) => m.is_file(),
        Err(_) => false,
    };
    ours && file
        .set_len(0)
        .and_then(|()| file.write_all(text.as_bytes()))
        .is_ok()
}

/// Make a newly created file's directory entry durable.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}
