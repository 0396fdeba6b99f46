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
    /// The journal's path names a named pipe, a device, a folder: not
    /// read (as `run` and `export` refuse it).
    NotAFile(crate::fsio::FileKind),
    /// The journal is larger than [`crate::journal::MAX_JOURNAL_BYTES`]:
    /// not read.
    TooLarge,
    /// The journal is of a newer format than this hamer understands: it is
    /// not read (as `run` and `export` refuse it).
    TooNew { format: u32 },
    /// The journal belongs to another session: its header names another
    /// session file (`journal`) with other contents. It is not read.
    Foreign { journal: String },
}

/// The session a follower expects the journal to belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// The session file's name (without its folder).
    pub name: String,
    /// `sha256:<hex>` of the session file ([`crate::journal::session_hash`]).
    pub hash: String,
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
    /// The session the journal should belong to; `None`: any.
    expected: Option<Expected>,
    /// The journal is of the expected session, but the session file has
    /// changed since the journal began (as `run` warns).
    pub session_changed: bool,
    /// The latest event time read by the last polls, and whether it was
    /// read as it arrived (not as part of what the file held when first
    /// read): see [`Follower::take_arrival`].
    arrival: Option<(crate::clock::Ts, bool)>,
}

/// Open the journal without waiting (a named pipe swapped in after the
/// look-up does not hang the display), and only if it is a regular file.
fn open_regular(path: &Path) -> Option<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).ok()?;
    file.metadata().ok().filter(|m| m.is_file())?;
    Some(file)
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
            expected: None,
            session_changed: false,
            arrival: None,
        }
    }

    /// Follow only a journal of this session: one of another session is
    /// refused ([`Status::Foreign`]), one of a changed session file is
    /// followed with [`Follower::session_changed`] set.
    pub fn expecting(mut self, expected: Expected) -> Self {
        self.expected = Some(expected);
        self
    }

    /// The time (`at`) of the latest event read since the last call, and
    /// whether it was read as it arrived: a journal already followed grew.
    /// Events in a file read for the first time (at start, or after the
    /// journal was replaced) are not live: they may have been written long
    /// before.
    pub fn take_arrival(&mut self) -> Option<(crate::clock::Ts, bool)> {
        self.arrival.take()
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
        self.session_changed = false;
        self.arrival = None;
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
                let status = Status::Unreadable(crate::fsio::io_reason(&e));
                let changed = self.status != status;
                self.status = status;
                return changed;
            }
        };
        // Only a regular file is read, and only one of a journal's size (a
        // named pipe would hang the display, a device fill its memory).
        let refused = if !meta.is_file() {
            Some(Status::NotAFile(crate::fsio::FileKind::of(
                meta.file_type(),
            )))
        } else if meta.len() > crate::journal::MAX_JOURNAL_BYTES {
            Some(Status::TooLarge)
        } else {
            None
        };
        if let Some(status) = refused {
            if self.status == status {
                return false;
            }
            self.reset();
            self.status = status;
            return true;
        }
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
            self.file = open_regular(&self.path);
        }
        let mut bytes = Vec::new();
        let read = match &mut self.file {
            Some(f) => f
                .seek(SeekFrom::Start(self.offset))
                .and_then(|_| f.take(meta.len() - self.offset).read_to_end(&mut bytes)),
            None => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        };
        if let Err(e) = read {
            self.status = Status::Unreadable(crate::fsio::io_reason(&e));
            return true;
        }
        // Only complete lines; a torn tail waits for the rest of its line.
        let Some(end) = bytes.iter().rposition(|b| *b == b'\n') else {
            return changed;
        };
        // Lines that were appended to a file already being followed arrive
        // live; the first read of a file is what it held already.
        let live = self.offset > 0;
        self.offset += end as u64 + 1;
        let mut refold = false;
        for raw in bytes[..end].split(|b| *b == b'\n') {
            self.lines += 1;
            if self.stopped() {
                continue;
            }
            if let Err(why) = self.line(raw, &mut refold, live) {
                self.status = Status::Damaged {
                    line: self.lines,
                    why,
                };
            }
        }
        if refold {
            self.state = State::fold(&self.records);
        }
        if self.header.is_some()
            && matches!(
                self.status,
                Status::Unreadable(_) | Status::NotAFile(_) | Status::TooLarge
            )
        {
            self.status = Status::Following;
        }
        true
    }

    /// Reading has stopped at a damaged line or a refused header.
    fn stopped(&self) -> bool {
        matches!(
            self.status,
            Status::Damaged { .. } | Status::TooNew { .. } | Status::Foreign { .. }
        )
    }

    fn line(&mut self, raw: &[u8], refold: &mut bool, live: bool) -> Result<(), String> {
        let text = std::str::from_utf8(raw).map_err(|_| "not UTF-8".to_owned())?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if self.header.is_none() {
            let mut header: Header =
                ron::from_str(text).map_err(|e| format!("header: {}", e.code))?;
            crate::sanitize::clean_in_place(&mut header.session, crate::sanitize::Lines::Single);
            crate::sanitize::clean_in_place(&mut header.app, crate::sanitize::Lines::Single);
            self.status = self.check(&header);
            self.header = Some(header);
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
        if self.arrival.is_none_or(|(at, _)| at <= record.at) {
            self.arrival = Some((record.at, live));
        }
        if matches!(record.event, Event::Undo { .. } | Event::Redo { .. }) {
            *refold = true;
        } else if !*refold {
            self.state.apply(&record);
        }
        self.records.push(record);
        Ok(())
    }
}

/// How far this machine's clock is ahead of the writer's (negative:
/// behind), estimated from events seen arriving.
///
/// An event's `at` is the writer's clock when it was written, and it is
/// read here after it was written. With `d` = this clock − the writer's:
/// at the moment of writing this clock said `at + d`, and the event was
/// seen at `seen` ≥ `at + d`, so `d ≤ seen − at`. Every event bounds `d`
/// from above; the bound is off by the time between writing and seeing.
/// For an event seen as it arrived (inotify: milliseconds; polling: at
/// most 280 ms) that is small, so the least `seen − at` of live events is
/// the estimate. The writer's "now" is then this clock − the estimate: it
/// can lag the chair's screen by that delay, never run ahead of it.
///
/// Events already in the journal when it was first read were written at
/// some unknown time before: their bound `seen − at` is valid but may be
/// minutes too large. They cannot say how far *ahead* this clock is, only
/// how far behind it is at least: without a live event the estimate is
/// `min(0, least seen − at)`: the clocks are trusted, except that an event
/// stamped in this clock's future proves this clock behind by that much.
///
/// Clocks also run at slightly different rates; a bound is loosened by
/// [`Offset::RATE_PPM`] of the time since it was taken, so a newer event
/// wins when the two clocks have drifted since.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Offset {
    /// The least `seen − at` of live events (ms) and when it was seen.
    live: Option<(i64, crate::clock::Ts)>,
    /// The least `seen − at` of events read as backlog (ms).
    backlog: Option<i64>,
}

impl Offset {
    /// How much two clocks may differ in rate: 50 ppm, a common crystal's
    /// tolerance (one millisecond in 20 seconds).
    pub const RATE_PPM: i64 = 50;

    /// An event stamped `at` by the writer was seen at `seen` (this clock).
    pub fn observe(&mut self, at: crate::clock::Ts, seen: crate::clock::Ts, live: bool) {
        let bound = (seen - at).num_milliseconds();
        if live {
            if self.live_ms(seen).is_none_or(|best| bound <= best) {
                self.live = Some((bound, seen));
            }
        } else {
            self.backlog = Some(self.backlog.map_or(bound, |b| b.min(bound)));
        }
    }

    fn live_ms(&self, now: crate::clock::Ts) -> Option<i64> {
        self.live.map(|(bound, seen)| {
            let since = crate::clock::ms_between(seen, now);
            bound + since * Self::RATE_PPM / 1_000_000
        })
    }

    /// The estimate at `now` (this clock), in milliseconds.
    pub fn ms(&self, now: crate::clock::Ts) -> i64 {
        self.live_ms(now)
            .unwrap_or_else(|| self.backlog.map_or(0, |b| b.min(0)))
    }

    /// The writer's clock at `now` (this clock).
    pub fn writer_now(&self, now: crate::clock::Ts) -> crate::clock::Ts {
        now - chrono::Duration::milliseconds(self.ms(now))
    }
}

impl Follower {
    /// What a header allows, as `run` and `export` decide it: a newer
    /// format is not read; another session's journal (other contents and
    /// another file name) is refused; the same file name with other
    /// contents is a changed session file, followed with a warning.
    fn check(&mut self, header: &Header) -> Status {
        if header.format > crate::journal::FORMAT {
            return Status::TooNew {
                format: header.format,
            };
        }
        if let Some(expected) = &self.expected
            && header.session_hash != expected.hash
        {
            let name = Path::new(&header.session)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name != expected.name {
                return Status::Foreign {
                    journal: header.session.clone(),
                };
            }
            self.session_changed = true;
        }
        Status::Following
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
                salutation: None,
                name: "Jan".into(),
                organisation: None,
            },
            SpeechKind::PublicSpeaking,
        ))
        .unwrap();
        assert!(f.poll());
        assert_eq!(&f.state, m.state());
        assert!(!f.poll(), "nothing new");
        m.act(Action::Undo(crate::meeting::Role::Chair)).unwrap();
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

    #[test]
    fn the_offset_is_the_least_delay_of_live_events() {
        let at = crate::clock::parse_ts("2023-03-08T19:30:00+01:00");
        let ms = chrono::Duration::milliseconds;
        // This clock is 30 s ahead of the writer's.
        let mut o = Offset::default();
        assert_eq!(o.ms(at), 0, "no event: the clocks are trusted");
        // An old event in the backlog says nothing about being ahead.
        o.observe(at, at + ms(30_000 + 600_000), false);
        assert_eq!(o.ms(at), 0);
        // Live events: seen 120 ms and 15 ms after they were written.
        o.observe(at + ms(1_000), at + ms(31_120), true);
        assert_eq!(o.ms(at + ms(31_120)), 30_120);
        o.observe(at + ms(5_000), at + ms(35_015), true);
        o.observe(at + ms(9_000), at + ms(39_400), true);
        assert_eq!(o.ms(at + ms(39_400)), 30_015);
        let seen = at + ms(40_000);
        assert_eq!(o.writer_now(seen), at + ms(40_000 - 30_015));
        // The bound loosens by 50 ppm: one hour later, by 180 ms.
        assert_eq!(o.ms(at + ms(35_015 + 3_600_000)), 30_015 + 180);

        // This clock 30 s behind: a backlog event from its future proves
        // that much before any live event is seen.
        let mut o = Offset::default();
        o.observe(at, at - ms(29_000), false);
        assert_eq!(o.ms(at), -29_000);
        o.observe(at + ms(1_000), at - ms(28_990), true);
        assert_eq!(o.ms(at - ms(28_990)), -29_990);
    }

    #[test]
    fn arrivals_are_live_only_once_the_journal_was_read() {
        let (_dir, session) = seed();
        let journal = crate::journal::default_path(&session);
        let clock = FakeClock::at_seed();
        let mut m = open(&session, &clock, false);
        m.act(Action::Open).unwrap();
        let mut f = Follower::new(&journal);
        f.poll();
        assert_eq!(f.take_arrival(), Some((clock.now(), false)), "backlog");
        assert_eq!(f.take_arrival(), None);
        clock.advance_secs(3);
        m.act(Action::ToggleRecess).unwrap();
        f.poll_now();
        assert_eq!(f.take_arrival(), Some((clock.now(), true)), "live");
    }

    #[test]
    fn the_display_follows_a_redo() {
        // Review of issue 14: only an Undo made the follower fold again,
        // so a redone speech never came back on the room's screen.
        let (_dir, session) = seed();
        let journal = crate::journal::default_path(&session);
        let mut f = Follower::new(&journal);
        let clock = FakeClock::at_seed();
        let mut m = open(&session, &clock, false);
        m.act(Action::Open).unwrap();
        m.act(Action::Start(
            Speaker::Public {
                salutation: None,
                name: "Jan".into(),
                organisation: None,
            },
            SpeechKind::PublicSpeaking,
        ))
        .unwrap();
        f.poll();
        m.act(Action::Undo(crate::meeting::Role::Chair)).unwrap();
        f.poll();
        assert_eq!(&f.state, m.state());
        clock.advance_secs(3);
        m.act(Action::Redo(crate::meeting::Role::Chair)).unwrap();
        f.poll();
        assert!(
            f.state.speech.is_some(),
            "the display shows the redone speech"
        );
        assert_eq!(&f.state, m.state());
    }
}
