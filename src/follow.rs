//! Following a journal that another process writes, read-only: what the
//! public display shows. Never writes, never takes the lock.
//!
//! The file is read incrementally from the last offset. A line without its
//! newline is not read until it is complete. When the file is replaced
//! (`--fresh`, a restart that moved it aside) or shrinks, reading starts
//! over. A damaged line is reported, not fatal: the follower keeps watching
//! in case the journal is replaced.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::journal::Header;
use crate::meeting::{Event, Record, State};

/// What the follower knows about the journal right now.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// No journal yet: the session has not been started.
    Waiting,
    /// Following; the state is current.
    Following,
    /// A line could not be read: line number and why.
    Damaged { line: usize, why: String },
    /// The journal could not be read at all.
    Unreadable(String),
}

pub struct Follower {
    path: PathBuf,
    /// The open journal, so a check is an fstat, not a path lookup.
    file: Option<File>,
    /// When the path was last looked up (to notice a replaced file).
    looked_up: Option<std::time::Instant>,
    /// Bytes consumed so far (complete lines only).
    offset: u64,
    /// The identity of the file being followed, to notice a replacement.
    identity: Option<(u64, u64)>,
    /// Lines read so far (the header is line 1).
    lines: usize,
    pub header: Option<Header>,
    records: Vec<Record>,
    pub state: State,
    pub status: Status,
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    let created = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (created, 0)
}

impl Follower {
    pub fn new(path: &Path) -> Self {
        Follower {
            path: path.to_owned(),
            file: None,
            looked_up: None,
            offset: 0,
            identity: None,
            lines: 0,
            header: None,
            records: Vec::new(),
            state: State::default(),
            status: Status::Waiting,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn reset(&mut self) {
        self.file = None;
        self.offset = 0;
        self.identity = None;
        self.lines = 0;
        self.header = None;
        self.records.clear();
        self.state = State::default();
        self.status = Status::Waiting;
    }

    /// Like [`Follower::poll`], but looks the path up now (a replaced
    /// journal is otherwise noticed within a second).
    pub fn poll_now(&mut self) -> bool {
        self.looked_up = None;
        self.poll()
    }

    /// Read what was appended since the last call. True when anything that
    /// is shown may have changed.
    pub fn poll(&mut self) -> bool {
        // Between lookups of the path (once a second), only the open file's
        // length is checked: nothing appended, nothing to do.
        let recent = self
            .looked_up
            .is_some_and(|t| t.elapsed() < std::time::Duration::from_secs(1));
        if recent
            && let Some(file) = &self.file
            && file.metadata().is_ok_and(|m| m.len() == self.offset)
        {
            return false;
        }
        self.looked_up = Some(std::time::Instant::now());
        let meta = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let changed = self.status != Status::Waiting || self.header.is_some();
                if changed {
                    self.reset();
                }
                return changed;
            }
            Err(e) => {
                let status = Status::Unreadable(crate::session::load::io_reason(&e));
                let changed = self.status != status;
                self.status = status;
                return changed;
            }
        };
        let id = identity(&meta);
        let mut changed = false;
        if self.identity.is_some_and(|old| old != id) || meta.len() < self.offset {
            // Replaced or cut: start over with the new file.
            self.reset();
            changed = true;
        }
        self.identity = Some(id);
        if meta.len() == self.offset {
            return changed;
        }
        if self.file.is_none() {
            self.file = File::open(&self.path).ok();
        }
        let mut bytes = Vec::new();
        let read = match &mut self.file {
            Some(f) => f
                .seek(SeekFrom::Start(self.offset))
                .and_then(|_| f.take(meta.len() - self.offset).read_to_end(&mut bytes)),
            None => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        };
        if let Err(e) = read {
            self.status = Status::Unreadable(crate::session::load::io_reason(&e));
            return true;
        }
        // Only complete lines; a torn tail waits for the rest of its line.
        let Some(end) = bytes.iter().rposition(|b| *b == b'\n') else {
            return changed;
        };
        self.offset += end as u64 + 1;
        let mut refold = false;
        for raw in bytes[..end].split(|b| *b == b'\n') {
            self.lines += 1;
            if matches!(self.status, Status::Damaged { .. }) {
                continue;
            }
            if let Err(why) = self.line(raw, &mut refold) {
                self.status = Status::Damaged {
                    line: self.lines,
                    why,
                };
            }
        }
        if refold {
            self.state = State::fold(&self.records);
        }
        if self.header.is_some() && matches!(self.status, Status::Unreadable(_)) {
            self.status = Status::Following;
        }
        true
    }

    fn line(&mut self, raw: &[u8], refold: &mut bool) -> Result<(), String> {
        let text = std::str::from_utf8(raw).map_err(|_| "not UTF-8".to_owned())?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if self.header.is_none() {
            let header: Header = ron::from_str(text).map_err(|e| format!("header: {}", e.code))?;
            self.header = Some(header);
            self.status = Status::Following;
            return Ok(());
        }
        if text.trim().is_empty() {
            return Ok(());
        }
        let mut record: Record =
            ron::from_str(text).map_err(|e| format!("column {}: {}", e.span.start.col, e.code))?;
        let expected = self.records.last().map_or(1, |r| r.seq + 1);
        if record.seq != expected {
            return Err(format!(
                "sequence number {} where {expected} was expected",
                record.seq
            ));
        }
        record.event.clean();
        if matches!(record.event, Event::Undo { .. }) {
            *refold = true;
        } else if !*refold {
            self.state.apply(&record);
        }
        self.records.push(record);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FakeClock};
    use crate::meeting::{Action, Meeting, OpenOptions, Speaker, SpeechKind};

    fn seed() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
        for f in [
            "2023-03-08-datagedreven-sturing.ron",
            "hengelo-2022-2026.ron",
        ] {
            std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
        }
        let s = dir.path().join("2023-03-08-datagedreven-sturing.ron");
        (dir, s)
    }

    fn open(session: &Path, clock: &FakeClock, fresh: bool) -> Meeting<FakeClock> {
        let options = OpenOptions {
            fresh,
            ..OpenOptions::default()
        };
        Meeting::open_file(session, clock.clone(), &options, crate::i18n::Lang::Nl)
            .unwrap()
            .0
    }

    #[test]
    fn follows_a_writer_incrementally_and_across_fresh() {
        let (_dir, session) = seed();
        let journal = crate::journal::default_path(&session);
        let mut f = Follower::new(&journal);
        assert!(!f.poll());
        assert_eq!(f.status, Status::Waiting);
        let clock = FakeClock::at_seed();
        let mut m = open(&session, &clock, false);
        assert!(f.poll());
        assert_eq!(f.status, Status::Following);
        m.act(Action::Start(
            Speaker::Public {
                name: "Jan".into(),
                organisation: None,
            },
            SpeechKind::PublicSpeaking,
        ))
        .unwrap();
        assert!(f.poll());
        assert_eq!(&f.state, m.state());
        assert!(!f.poll(), "nothing new");
        m.act(Action::Undo).unwrap();
        f.poll();
        assert_eq!(&f.state, m.state());
        // The writer starts over with --fresh: the follower too.
        drop(m);
        clock.advance_secs(5);
        let mut m = open(&session, &clock, true);
        m.act(Action::Open).unwrap();
        assert!(f.poll_now());
        assert_eq!(&f.state, m.state());
        assert_eq!(f.state.opened_at, Some(clock.now()));
    }

    #[test]
    fn a_torn_line_waits_and_a_damaged_one_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.journal");
        let header = "(format:1,app:\"hamer\",session:\"s\",session_hash:\"h\",created:\"2023-03-08T19:30:00+01:00\")\n";
        std::fs::write(
            &path,
            format!("{header}(seq:1,at:\"2023-03-08T19:30:00+01:00\",event:Sess"),
        )
        .unwrap();
        let mut f = Follower::new(&path);
        f.poll();
        assert_eq!(f.status, Status::Following);
        assert!(f.state.opened_at.is_none(), "the torn line is not read yet");
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        std::io::Write::write_all(&mut file, b"ionOpened)\ngarbage\n").unwrap();
        f.poll();
        assert!(f.state.opened_at.is_some());
        assert!(
            matches!(&f.status, Status::Damaged { line: 3, why } if why.starts_with("column 1:")),
            "{:?}",
            f.status
        );
    }
}
