//! A replica of a journal that another process writes (`hamer join`,
//! `hamer display URL`): the writer's lines, byte for byte, appended and
//! flushed to disk as they arrive. Locked like a journal, so `hamer run
//! FILE --journal REPLICA` (the fail-over) cannot start while the replica
//! is still kept, and any hamer reads it as the journal it is.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::clock::Ts;

use super::files::{lock, lock_path_of, move_aside, sync_dir};
use super::record::Record;
use super::replay::{Header, Unopened, begins_as_journal, open_regular, parse, read_all};
use super::{JournalError, io_err};

/// The keeper of a replica.
#[derive(Debug)]
pub struct Replica {
    file: File,
    path: PathBuf,
    _path_lock: Option<File>,
    /// The header line as the writer wrote it (without its newline).
    header: Option<String>,
    last_seq: u64,
    /// The last record's line as written (to tell a resumed stream of
    /// another history).
    last_line: Option<String>,
    len: u64,
}

impl Replica {
    /// Open (or create) the replica at `path` under its lock, with the
    /// records it holds. A file that is not a hamer journal is refused and
    /// left as it is; a torn last line (a crash while appending) is cut,
    /// since the writer sends it again.
    pub fn open(path: &Path) -> Result<(Replica, Vec<Record>), JournalError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| io_err(dir, "journal.action.open", &e))?;
        }
        let path_lock = lock_path_of(path)?;
        let file = match open_regular(
            path,
            OpenOptions::new().read(true).append(true).create(true),
        ) {
            Ok(f) => f,
            Err(Unopened::Io(e)) => return Err(io_err(path, "journal.action.open", &e)),
            Err(u) => return Err(u.error(path, "journal.action.open")),
        };
        lock(&file, path)?;
        let bytes = read_all(path, &file)?;
        let mut replica = Replica {
            file,
            path: path.to_owned(),
            _path_lock: path_lock,
            header: None,
            last_seq: 0,
            last_line: None,
            len: 0,
        };
        if bytes.is_empty() {
            return Ok((replica, Vec::new()));
        }
        if let Err(why) = begins_as_journal(&bytes) {
            return Err(JournalError::NotAJournal {
                path: path.to_owned(),
                why,
            });
        }
        let replay = parse(path, &bytes)?;
        let header_end = bytes
            .iter()
            .position(|b| *b == b'\n')
            .unwrap_or(bytes.len());
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        replica.header = Some(String::from_utf8_lossy(&bytes[bom..header_end]).into_owned());
        let good = replay.good_len + bom as u64;
        if good < bytes.len() as u64 || replay.unterminated {
            // Only what this replica wrote is cut: a torn line it appended.
            replica
                .file
                .set_len(if replay.unterminated {
                    // A complete last record without its newline: cut it
                    // too, the writer sends it again.
                    bytes[..good as usize]
                        .iter()
                        .rposition(|b| *b == b'\n')
                        .map_or(0, |i| i as u64 + 1)
                } else {
                    good
                })
                .and_then(|()| replica.file.sync_data())
                .map_err(|e| io_err(path, "journal.action.write", &e))?;
            return Replica::open_again(replica);
        }
        replica.len = bytes.len() as u64;
        replica.last_seq = replay.records.last().map_or(0, |r| r.seq);
        if replica.last_seq > 0 {
            let body = &bytes[..bytes.len().saturating_sub(1)];
            let start = body.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            replica.last_line = Some(String::from_utf8_lossy(&body[start..]).into_owned());
        }
        Ok((replica, replay.records))
    }

    /// Read a replica again after its tail was cut.
    fn open_again(replica: Replica) -> Result<(Replica, Vec<Record>), JournalError> {
        let path = replica.path.clone();
        drop(replica);
        Replica::open(&path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The header line the replica holds (`None` while empty).
    pub fn header_line(&self) -> Option<&str> {
        self.header.as_deref()
    }

    /// The last event's sequence number (0: none yet).
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// Begin with the writer's header line. An empty replica takes it; one
    /// with the same header goes on; one of another journal (the writer
    /// started anew with `--fresh`) is moved aside, never overwritten, and
    /// a new replica begins. True when the replica began anew.
    pub fn begin(&mut self, header_line: &str, now: Ts) -> Result<bool, JournalError> {
        parse_header_line(&self.path, header_line)?;
        if self.header.as_deref() == Some(header_line) {
            return Ok(false);
        }
        if self.header.is_some() {
            self.restart(now)?;
        }
        self.write_line(header_line)?;
        self.sync()?;
        sync_dir(&self.path);
        self.header = Some(header_line.to_owned());
        Ok(true)
    }

    /// Append one of the writer's lines, as it was written. It must be the
    /// record that comes next; a line seen before (sent again after a
    /// reconnect) is passed by and gives `None`.
    pub fn append(&mut self, line: &str) -> Result<Option<Record>, JournalError> {
        let appended = self.append_unsynced(line)?;
        if appended.is_some() {
            self.sync()?;
        }
        Ok(appended)
    }

    /// [`Replica::append`] without the flush to disk: the caller shows
    /// the record first and then calls [`Replica::sync`].
    pub fn append_unsynced(&mut self, line: &str) -> Result<Option<Record>, JournalError> {
        let bad = |why: String| JournalError::BadLine {
            path: self.path.clone(),
            line: 0,
            why,
        };
        if self.header.is_none() {
            return Err(bad("an event before the header".to_owned()));
        }
        if line.contains('\n') || line.contains('\r') {
            return Err(bad("an event of more than one line".to_owned()));
        }
        let record: Record = ron::from_str(line).map_err(|e| bad(e.to_string()))?;
        if record.seq <= self.last_seq {
            return Ok(None);
        }
        if record.seq != self.last_seq + 1 {
            return Err(bad(format!(
                "event {} after event {}: events are missing",
                record.seq, self.last_seq
            )));
        }
        self.write_line(line)?;
        self.last_seq = record.seq;
        self.last_line = Some(line.to_owned());
        Ok(Some(record))
    }

    /// Flush what was appended to disk.
    pub fn sync(&mut self) -> Result<(), JournalError> {
        self.file
            .sync_data()
            .map_err(|e| io_err(&self.path, "journal.action.write", &e))
    }

    /// Is `line` the writer's record of the seq this replica ends with, but
    /// another line than the replica has? Then the two are of different
    /// histories (the writer's journal is not the one this replica
    /// copied, though its header is the same: a fail-over elsewhere).
    pub fn diverges(&self, line: &str) -> bool {
        let Some(last) = &self.last_line else {
            return false;
        };
        ron::from_str::<Record>(line).is_ok_and(|r| r.seq == self.last_seq && last != line)
    }

    /// Begin anew: this replica is of another history than the writer's.
    /// It is moved aside, never overwritten, and an empty one takes its
    /// place (the writer's header and records follow).
    pub fn restart(&mut self, now: Ts) -> Result<(), JournalError> {
        move_aside(&self.path, &format!(".{}", now.format("%Y%m%d-%H%M%S")))
            .map_err(|e| io_err(&self.path, "journal.action.move", &e))?;
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(&self.path)
            .map_err(|e| io_err(&self.path, "journal.action.open", &e))?;
        lock(&file, &self.path)?;
        self.file = file;
        self.len = 0;
        self.last_seq = 0;
        self.last_line = None;
        self.header = None;
        Ok(())
    }

    /// Write one line (not yet flushed); on failure the file is cut back.
    fn write_line(&mut self, line: &str) -> Result<(), JournalError> {
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
        let written = self.file.write_all(&bytes);
        match written {
            Ok(()) => {
                self.len += bytes.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                Err(io_err(&self.path, "journal.action.write", &e))
            }
        }
    }
}

/// A header line as a journal's first line must be.
fn parse_header_line(path: &Path, line: &str) -> Result<Header, JournalError> {
    let mut bytes = line.as_bytes().to_vec();
    bytes.push(b'\n');
    parse(path, &bytes).map(|r| r.header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_ts;
    use crate::journal::record::Event;

    fn header() -> String {
        let h = Header {
            format: crate::journal::FORMAT,
            app: "hamer 0.1.0".to_owned(),
            session: "s.ron".to_owned(),
            session_hash: crate::journal::session_hash(b"x"),
            created: parse_ts("2023-03-08T19:30:00+01:00"),
        };
        ron::to_string(&h).unwrap()
    }

    fn line(seq: u64) -> String {
        ron::to_string(&Record {
            seq,
            at: parse_ts("2023-03-08T19:30:00+01:00"),
            event: Event::SessionOpened,
            client: None,
        })
        .unwrap()
    }

    #[test]
    fn a_replica_holds_the_writers_lines_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r").join("s.journal");
        let (mut r, records) = Replica::open(&path).unwrap();
        assert!(records.is_empty());
        let now = parse_ts("2023-03-08T19:30:00+01:00");
        assert!(r.begin(&header(), now).unwrap());
        assert!(r.append(&line(1)).unwrap().is_some());
        // Sent again after a reconnect: passed by.
        assert!(r.append(&line(1)).unwrap().is_none());
        assert!(r.append(&line(3)).is_err(), "a gap is refused");
        assert!(r.append(&line(2)).unwrap().is_some());
        let want = format!("{}\n{}\n{}\n", header(), line(1), line(2));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), want);
        // Held under its lock.
        assert!(matches!(
            Replica::open(&path),
            Err(JournalError::Locked { .. })
        ));
        drop(r);
        let (mut r, records) = Replica::open(&path).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(r.last_seq(), 2);
        assert!(
            !r.begin(&header(), now).unwrap(),
            "the same journal goes on"
        );
        // Another journal: the old replica is moved aside, not overwritten.
        let other = header().replace("s.ron", "t.ron");
        assert!(r.begin(&other, now).unwrap());
        assert_eq!(r.last_seq(), 0);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{other}\n")
        );
        let kept = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t == want))
            .count();
        assert_eq!(kept, 1, "the old replica is kept aside");
    }

    #[test]
    fn a_replica_of_another_history_is_told_and_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.journal");
        let now = parse_ts("2023-03-08T19:30:00+01:00");
        let (mut r, _) = Replica::open(&path).unwrap();
        r.begin(&header(), now).unwrap();
        r.append(&line(1)).unwrap();
        assert!(!r.diverges(&line(1)), "the same line");
        let other = line(1).replace("SessionOpened", "SessionClosed");
        assert!(r.diverges(&other), "another event 1");
        assert!(!r.diverges(&line(2)), "a later event says nothing");
        // Also after a restart of the client, from the file.
        drop(r);
        let (mut r, _) = Replica::open(&path).unwrap();
        assert!(r.diverges(&other));
        r.restart(now).unwrap();
        assert_eq!(r.last_seq(), 0);
        assert_eq!(r.header_line(), None);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
        r.begin(&header(), now).unwrap();
        r.append(&other).unwrap();
        let aside = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("SessionOpened"))
            })
            .count();
        assert_eq!(aside, 1, "the old history is kept aside");
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "my notes\n").unwrap();
        assert!(matches!(
            Replica::open(&path),
            Err(JournalError::NotAJournal { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "my notes\n");
    }

    #[test]
    fn a_torn_line_of_the_replica_is_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.journal");
        std::fs::write(&path, format!("{}\n{}\n(seq:2,at", header(), line(1))).unwrap();
        let (r, records) = Replica::open(&path).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(r.last_seq(), 1);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{}\n{}\n", header(), line(1))
        );
    }
}
