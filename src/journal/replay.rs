//! Reading a journal: its header, its records, and where it is found.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::clock::Ts;
use crate::fsio::FileKind;
use crate::sanitize::{Lines, clean_in_place};

use super::record::Record;
use super::{FORMAT, JournalError, MAX_JOURNAL_BYTES, io_err};

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
pub(super) const INCOMPLETE_HEADER: &str = "the header line is missing or incomplete";

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
pub(super) fn begins_as_journal(bytes: &[u8]) -> Result<(), String> {
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

/// The header of the journal at `path`: its first line only, read
/// without the lock (a served session checks the session file it serves
/// against it).
pub fn read_header(path: &Path) -> Result<Header, JournalError> {
    use std::io::BufRead;
    let file = open_regular(path, OpenOptions::new().read(true))
        .map_err(|u| u.error(path, "journal.action.read"))?;
    let mut line = Vec::new();
    std::io::BufReader::new(file)
        .take(64 * 1024)
        .read_until(b'\n', &mut line)
        .map_err(|e| io_err(path, "journal.action.read", &e))?;
    parse(path, &line).map(|r| r.header)
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
pub(super) enum Unopened {
    Io(std::io::Error),
    NotAFile(FileKind),
}

impl Unopened {
    pub(super) fn error(self, path: &Path, action: &'static str) -> JournalError {
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
pub(super) fn open_regular(path: &Path, options: &mut OpenOptions) -> Result<File, Unopened> {
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

/// Options that open without waiting: a named pipe swapped in at a
/// journal's name does not hang hamer (the open file's kind is checked).
pub(super) fn no_wait(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options
}

/// Everything an open journal holds from where it is read now, at most
/// [`MAX_JOURNAL_BYTES`]: a larger file is refused before it is read, and
/// the read stops one byte past the limit (a file that grows meanwhile).
pub(super) fn read_all(path: &Path, file: &File) -> Result<Vec<u8>, JournalError> {
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
