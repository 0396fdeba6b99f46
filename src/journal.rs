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
use crate::i18n::Lang;
use crate::meeting::event::{Event, Record};
use crate::sanitize::{Lines, clean_in_place};
use crate::session::load::io_reason;

/// The version of the journal format written by this build.
pub const FORMAT: u32 = 1;

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
    /// An earlier write failed and could not be rolled back; nothing more is
    /// written until the journal is reopened.
    Broken { path: PathBuf },
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
    /// Bytes of the file that hold complete lines.
    pub good_len: u64,
    /// A torn last line: its line number and bytes (not yet removed).
    pub torn: Option<(usize, Vec<u8>)>,
}

/// Parse the bytes of a journal. A last line without its newline is torn
/// (reported in `torn`, not an error); any other bad line is an error.
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
    let header_raw = lines.next().unwrap_or_default();
    let line_count = complete.iter().filter(|b| **b == b'\n').count();
    if complete.is_empty() {
        // Not even the header line is complete: a crash while creating it.
        return Err(bad(
            1,
            "the header line is missing or incomplete".to_owned(),
        ));
    }
    let mut header: Header =
        ron::from_str(&text(1, header_raw)?).map_err(|e| bad(1, format!("header: {}", e.code)))?;
    clean_in_place(&mut header.session, Lines::Single);
    clean_in_place(&mut header.app, Lines::Single);
    if header.format > FORMAT {
        return Err(bad(
            1,
            format!(
                "format {} is newer than this hamer understands ({FORMAT})",
                header.format
            ),
        ));
    }
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
    let torn = (!tail.is_empty()).then(|| (line_count + 1, tail.to_vec()));
    Ok(Replay {
        header,
        records,
        good_len: (bom + complete_len) as u64,
        torn,
    })
}

/// Read a journal without taking the lock (public display, export).
pub fn read(path: &Path) -> Result<Replay, JournalError> {
    let bytes = std::fs::read(path).map_err(|e| io_err(path, "journal.action.read", &e))?;
    parse(path, &bytes)
}

/// The only writer of a journal.
#[derive(Debug)]
pub struct Writer {
    file: File,
    path: PathBuf,
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

impl Writer {
    /// Open (or create) the journal for writing, take the lock, cut a torn
    /// tail, and return the writer with the replayed records.
    pub fn open(req: &OpenRequest<'_>) -> Result<(Writer, Replay, Vec<Notice>), JournalError> {
        let mut notices = Vec::new();
        let wanted = req
            .journal
            .map_or_else(|| default_path(req.session_path), Path::to_owned);
        let path = match Self::create_or_open(&wanted) {
            Ok(()) => wanted,
            Err(e) if req.journal.is_none() && is_not_writable(&e) => {
                let Some(fallback) = fallback_path(req.session_path, req.data_dir) else {
                    return Err(io_err(&wanted, "journal.action.create", &e));
                };
                if let Some(dir) = fallback.parent() {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| io_err(dir, "journal.action.create", &e))?;
                }
                Self::create_or_open(&fallback)
                    .map_err(|e| io_err(&fallback, "journal.action.create", &e))?;
                notices.push(Notice::FellBack {
                    wanted,
                    used: fallback.clone(),
                });
                fallback
            }
            Err(e) => return Err(io_err(&wanted, "journal.action.create", &e)),
        };

        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(&path)
            .map_err(|e| io_err(&path, "journal.action.open", &e))?;
        lock(&file, &path)?;

        if req.fresh && file.metadata().map(|m| m.len()).unwrap_or(0) > 0 {
            let aside = aside_path(&path, req.now);
            std::fs::rename(&path, &aside).map_err(|e| io_err(&path, "journal.action.move", &e))?;
            notices.push(Notice::MovedAside { to: aside });
            // The lock went with the old file; take it on the new one.
            drop(file);
            Self::create_or_open(&path).map_err(|e| io_err(&path, "journal.action.create", &e))?;
            file = OpenOptions::new()
                .read(true)
                .append(true)
                .open(&path)
                .map_err(|e| io_err(&path, "journal.action.open", &e))?;
            lock(&file, &path)?;
        }

        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| io_err(&path, "journal.action.read", &e))?;
        let hash = session_hash(req.session_bytes);
        if bytes.is_empty() || is_torn_header(&bytes) {
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
        let replay = parse(&path, &bytes)?;
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
        write_owner(&path, req.now);
        let writer = Writer {
            file,
            path,
            good_len: replay.good_len,
            next_seq: replay.records.last().map_or(1, |r| r.seq + 1),
            broken: false,
            notices: Vec::new(),
        };
        Ok((writer, replay, notices))
    }

    fn create_or_open(path: &Path) -> std::io::Result<()> {
        OpenOptions::new()
            .create(true)
            .append(true)
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

    /// The journal at our path is gone or another file: write what the open
    /// file holds to the path again, and go on in that copy.
    fn restore(&mut self) -> Result<(), JournalError> {
        let mut bytes = Vec::new();
        self.file
            .seek(std::io::SeekFrom::Start(0))
            .and_then(|_| (&self.file).take(self.good_len).read_to_end(&mut bytes))
            .map_err(|e| io_err(&self.path, "journal.action.read", &e))?;
        // Whatever is at the path now (a replacement) is kept beside it.
        if self.path.exists() {
            let aside = unused(&self.path, ".replaced");
            std::fs::rename(&self.path, &aside)
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
    fn drop(&mut self) {
        let _ = std::fs::remove_file(owner_path(&self.path));
    }
}

fn is_not_writable(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem | ErrorKind::NotFound
    )
}

fn is_torn_header(bytes: &[u8]) -> bool {
    !bytes.contains(&b'\n')
}

fn lock(file: &File, path: &Path) -> Result<(), JournalError> {
    match file.try_lock() {
        // The lock must be on the file at the path: a --fresh of another
        // writer may have moved it aside while we waited for it.
        Ok(()) if !same_file(file, path) => Err(JournalError::Locked {
            path: path.to_owned(),
            holder: std::fs::read_to_string(owner_path(path))
                .map(|s| s.trim().to_owned())
                .unwrap_or_else(|_| "?".to_owned()),
        }),
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(JournalError::Locked {
            path: path.to_owned(),
            holder: std::fs::read_to_string(owner_path(path))
                .map(|s| s.trim().to_owned())
                .unwrap_or_else(|_| "?".to_owned()),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(path, "journal.action.lock", &e)),
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

/// A name beside the journal that does not exist yet.
fn unused(journal: &Path, stem: &str) -> PathBuf {
    let first = with_suffix(journal, stem);
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| with_suffix(journal, &format!("{stem}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

fn aside_path(journal: &Path, now: Ts) -> PathBuf {
    unused(journal, &format!(".{}", now.format("%Y%m%d-%H%M%S")))
}

/// Keep the bytes of a torn line beside the journal; `None` if that failed.
fn save_torn(journal: &Path, bytes: &[u8], now: Ts) -> Option<PathBuf> {
    let to = unused(journal, &format!(".torn-{}", now.format("%Y%m%d-%H%M%S")));
    std::fs::write(&to, bytes).ok().map(|()| to)
}

/// Who holds the lock, for the message a second writer gets.
fn write_owner(journal: &Path, now: Ts) {
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
    let _ = std::fs::write(owner_path(journal), text);
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
