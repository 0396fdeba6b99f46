//! The only writer of a journal: opening (or creating) it under its lock,
//! appending records, and closing it.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::clock::Ts;
use crate::fsio::io_reason;

use super::files::{
    create_beside, home_unset, is_not_writable, lock, lock_path, lock_path_of, move_aside,
    no_data_dir_reason, owner_is_ours, owner_path, refuse_non_journal, same_file, same_path,
    save_torn, sync_dir, write_owner,
};
use super::record::{Event, Record};
use super::replay::{
    Header, INCOMPLETE_HEADER, Replay, Unopened, begins_as_journal, default_path, fallback_path,
    no_wait, open_regular, parse, read, read_all, session_hash,
};
use super::{FORMAT, JournalError, Notice, io_err};

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
    /// ([`find_for_reading`](super::find_for_reading)): the journal next to
    /// the session file if it exists, else the fallback one if that
    /// exists, else a new one next to the session file, or in the fallback
    /// place when that folder is not writable. A journal that exists is
    /// used or refused, never passed by.
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
    pub fn append(&mut self, at: Ts, event: Event) -> Result<Record, JournalError> {
        self.append_for(at, event, None)
    }

    /// [`Writer::append`] for an action a client sent with its own id,
    /// which the record keeps ([`Record::client`]).
    pub fn append_for(
        &mut self,
        at: Ts,
        mut event: Event,
        client: Option<String>,
    ) -> Result<Record, JournalError> {
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
            client,
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
