//! What the session picker knows about each session, apart from drawing:
//! its journal's state (not started, running, closed, unreadable), the
//! words for it, the order of the list and which session is chosen first.
//! Pure but for [`read_journal`], which only reads (no lock, no repair).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::clock::Ts;
use crate::i18n::Lang;
use crate::meeting::State;

/// A session file as the picker lists it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: PathBuf,
    /// `YYYY-MM-DD`, as the file has it.
    pub date: String,
    /// `HH:MM`, the planned start, if the file has one.
    pub start: Option<String>,
    pub title: String,
    pub duration_min: u32,
    /// The council's time zone, that the status's times are shown in.
    pub time_zone: chrono_tz::Tz,
    pub journal: Journal,
}

/// A session's journal, as read once when the picker opens.
#[derive(Clone, Debug)]
pub enum Journal {
    /// No journal where `hamer run` would look for one.
    None,
    /// A journal that could not be read (damaged, not a journal, too new,
    /// not a file): the picker says so and goes on.
    Unreadable,
    /// The journal's events, folded.
    Read(Box<State>),
}

/// A session's state in the picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    /// Open and not closed: the session time used (from the opening to
    /// now) against the slot.
    Running {
        used_ms: i64,
        slot_ms: i64,
    },
    /// Closed, at this time.
    Closed {
        at: Ts,
    },
    Unreadable,
}

impl Status {
    pub fn is_closed(&self) -> bool {
        matches!(self, Status::Closed { .. })
    }

    pub fn is_running(&self) -> bool {
        matches!(self, Status::Running { .. })
    }

    /// Its times on the wall clock of `zone` (the council's).
    pub fn in_zone(self, zone: chrono_tz::Tz) -> Status {
        match self {
            Status::Closed { at } => Status::Closed {
                at: crate::clock::in_zone(at, zone),
            },
            other => other,
        }
    }

    /// The status in words; colour is never the only sign of it.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Status::NotStarted => lang.text("ui.pick.not_started").to_owned(),
            Status::Running { used_ms, slot_ms } => lang.fill(
                "ui.pick.running",
                &[
                    ("used", &super::view::elapsed(*used_ms)),
                    ("slot", &super::view::elapsed(*slot_ms)),
                ],
            ),
            Status::Closed { at } => lang.fill("ui.pick.closed", &[("time", &at.format("%H:%M"))]),
            Status::Unreadable => lang.text("ui.pick.unreadable").to_owned(),
        }
    }
}

/// A journal's status at `now`: for a running session, the time used
/// since the opening against the planned duration
/// ([`State::session_remaining_ms`]).
pub fn status(journal: &Journal, duration_min: u32, now: Ts) -> Status {
    // `Closed`'s time is as the journal wrote it; [`Status::in_zone`]
    // puts it on the council's clock.
    let state = match journal {
        Journal::None => return Status::NotStarted,
        Journal::Unreadable => return Status::Unreadable,
        Journal::Read(state) => state,
    };
    if let Some(at) = state.closed_at {
        return Status::Closed { at };
    }
    let slot_ms = i64::from(duration_min) * 60_000;
    match state.session_remaining_ms(duration_min, now) {
        None => Status::NotStarted,
        Some(remaining) => Status::Running {
            used_ms: slot_ms - remaining,
            slot_ms,
        },
    }
}

/// Read a session's journal as `hamer run` would find it, without the
/// lock and without changing any file. Any failure is
/// [`Journal::Unreadable`], never an error that stops the picker.
pub fn read_journal(session: &Path) -> Journal {
    let path = crate::meeting::journal_for_reading(session, None);
    // `symlink_metadata`: a dangling link is a journal that cannot be read,
    // not a missing one.
    if std::fs::symlink_metadata(&path).is_err() {
        return Journal::None;
    }
    match crate::journal::read(&path) {
        Ok(replay) => Journal::Read(Box::new(State::fold(&replay.records))),
        Err(_) => Journal::Unreadable,
    }
}

/// The list's order: by date and start time (a session without one first
/// on its day), then by file name.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| (&a.date, &a.start, &a.path).cmp(&(&b.date, &b.start, &b.path)));
}

/// The session selected when the picker opens: the first one, in the
/// list's order, that is not closed and is dated today or later; else the
/// last one running; else the last one. `None` for an empty list.
pub fn default_choice(statuses: &[(&str, Status)], today: NaiveDate) -> Option<usize> {
    let upcoming =
        |date: &str| NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok_and(|d| d >= today);
    statuses
        .iter()
        .position(|(date, s)| !s.is_closed() && upcoming(date))
        .or_else(|| statuses.iter().rposition(|(_, s)| s.is_running()))
        .or_else(|| statuses.len().checked_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FakeClock};
    use crate::meeting::{Action, Meeting, OpenOptions};

    const SEED: &str = "2023-03-08-datagedreven-sturing.ron";

    fn ts(s: &str) -> Ts {
        crate::clock::parse_ts(s)
    }

    /// A scratch folder with the seed session (60 minutes) and its council.
    fn scratch() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
        for f in [SEED, "hengelo-2022-2026.ron"] {
            std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
        }
        let session = dir.path().join(SEED);
        (dir, session)
    }

    fn meeting(session: &Path, clock: &FakeClock) -> Meeting<FakeClock> {
        Meeting::open_file(session, clock.clone(), &OpenOptions::default(), Lang::Nl)
            .unwrap()
            .0
    }

    #[test]
    fn no_journal_is_not_started() {
        let (_dir, session) = scratch();
        let j = read_journal(&session);
        assert!(matches!(j, Journal::None));
        let now = FakeClock::at_seed().now();
        assert_eq!(status(&j, 60, now), Status::NotStarted);
        assert_eq!(status(&j, 60, now).text(Lang::Nl), "niet gestart");
        assert_eq!(status(&j, 60, now).text(Lang::En), "not started");
    }

    #[test]
    fn a_journal_without_an_opening_is_not_started() {
        let (_dir, session) = scratch();
        let clock = FakeClock::at_seed();
        let mut m = meeting(&session, &clock);
        m.act(Action::Note("voor de opening".into())).unwrap();
        drop(m);
        let j = read_journal(&session);
        assert!(matches!(j, Journal::Read(_)), "{j:?}");
        assert_eq!(status(&j, 60, clock.now()), Status::NotStarted);
    }

    #[test]
    fn an_open_session_runs_with_its_time_used() {
        let (_dir, session) = scratch();
        let clock = FakeClock::at_seed();
        let mut m = meeting(&session, &clock);
        m.act(Action::Open).unwrap();
        drop(m);
        clock.advance_secs(23 * 60 + 10);
        let j = read_journal(&session);
        let s = status(&j, 60, clock.now());
        assert_eq!(
            s,
            Status::Running {
                used_ms: (23 * 60 + 10) * 1000,
                slot_ms: 3_600_000
            }
        );
        assert_eq!(s.text(Lang::Nl), "loopt · 23:10 van 60:00");
        assert_eq!(s.text(Lang::En), "running · 23:10 of 60:00");
        // The clock goes on: the time used with it, past the slot too.
        clock.advance_secs(40 * 60);
        assert_eq!(
            status(&j, 60, clock.now()).text(Lang::Nl),
            "loopt · 63:10 van 60:00"
        );
    }

    #[test]
    fn a_closed_session_says_when() {
        let (_dir, session) = scratch();
        let clock = FakeClock::at_seed();
        let mut m = meeting(&session, &clock);
        m.act(Action::Open).unwrap();
        clock.advance_secs(52 * 60);
        m.act(Action::Close).unwrap();
        drop(m);
        clock.advance_secs(3600);
        let j = read_journal(&session);
        let s = status(&j, 60, clock.now());
        assert_eq!(
            s,
            Status::Closed {
                at: ts("2023-03-08T20:22:00.000+01:00")
            }
        );
        assert_eq!(s.text(Lang::Nl), "gesloten 20:22");
        assert_eq!(s.text(Lang::En), "closed 20:22");
    }

    #[test]
    fn an_unreadable_journal_is_said_and_left_alone() {
        let (_dir, session) = scratch();
        let journal = session.with_extension("journal");
        let junk = b"dit is geen journal\n".to_vec();
        std::fs::write(&journal, &junk).unwrap();
        let j = read_journal(&session);
        assert!(matches!(j, Journal::Unreadable), "{j:?}");
        let s = status(&j, 60, FakeClock::at_seed().now());
        assert_eq!(s.text(Lang::Nl), "journal onleesbaar");
        assert_eq!(s.text(Lang::En), "journal unreadable");
        assert_eq!(std::fs::read(&journal).unwrap(), junk, "the file changed");
        // No lock was taken and nothing was set aside.
        let names: Vec<_> = std::fs::read_dir(session.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[test]
    fn a_closed_session_says_its_time_on_the_councils_clock() {
        let at = crate::clock::parse_ts("2023-03-08T20:35:00.000+00:00");
        let s = Status::Closed { at }.in_zone(chrono_tz::Europe::Amsterdam);
        assert_eq!(
            s.text(Lang::En),
            Status::Closed { at }
                .text(Lang::En)
                .replace("20:35", "21:35")
        );
        assert!(s.text(Lang::Nl).contains("21:35"), "{}", s.text(Lang::Nl));
    }

    #[test]
    fn a_folder_or_a_dangling_link_as_journal_is_unreadable() {
        let (_dir, session) = scratch();
        let journal = session.with_extension("journal");
        std::os::unix::fs::symlink("nergens", &journal).unwrap();
        assert!(matches!(read_journal(&session), Journal::Unreadable));
        std::fs::remove_file(&journal).unwrap();
        std::fs::create_dir(&journal).unwrap();
        assert!(matches!(read_journal(&session), Journal::Unreadable));
    }

    fn entry(name: &str, date: &str, start: Option<&str>) -> Entry {
        Entry {
            path: PathBuf::from(name),
            date: date.into(),
            start: start.map(str::to_owned),
            title: name.into(),
            duration_min: 60,
            time_zone: crate::session::plan::DEFAULT_TIME_ZONE,
            journal: Journal::None,
        }
    }

    #[test]
    fn sorted_by_date_then_start_then_name() {
        let mut list = vec![
            entry("d.ron", "2024-01-02", Some("19:30")),
            entry("c.ron", "2024-01-02", Some("19:00")),
            entry("b.ron", "2023-12-31", Some("21:00")),
            entry("a.ron", "2024-01-02", None),
            entry("e.ron", "2024-01-02", Some("19:00")),
        ];
        sort(&mut list);
        let names: Vec<_> = list.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(names, ["b.ron", "a.ron", "c.ron", "e.ron", "d.ron"]);
    }

    fn closed() -> Status {
        Status::Closed {
            at: ts("2024-01-01T21:00:00.000+01:00"),
        }
    }

    fn running() -> Status {
        Status::Running {
            used_ms: 1,
            slot_ms: 60_000,
        }
    }

    #[test]
    fn the_next_session_is_chosen_first() {
        let today = NaiveDate::from_ymd_opt(2024, 1, 10).unwrap();
        // Past sessions, closed or not, come before the first one from
        // today on that is not closed.
        let list = [
            ("2024-01-01", closed()),
            ("2024-01-05", Status::NotStarted),
            ("2024-01-10", closed()),
            ("2024-01-10", Status::NotStarted),
            ("2024-01-20", Status::NotStarted),
        ];
        assert_eq!(default_choice(&list, today), Some(3));
        // A later one, unreadable journal or not.
        let list = [("2024-01-01", closed()), ("2024-02-01", Status::Unreadable)];
        assert_eq!(default_choice(&list, today), Some(1));
        // Today's that runs.
        let list = [
            ("2024-01-10", running()),
            ("2024-01-11", Status::NotStarted),
        ];
        assert_eq!(default_choice(&list, today), Some(0));
    }

    #[test]
    fn without_a_next_session_the_last_running_then_the_last() {
        let today = NaiveDate::from_ymd_opt(2024, 1, 10).unwrap();
        let list = [
            ("2024-01-01", running()),
            ("2024-01-02", running()),
            ("2024-01-03", Status::NotStarted),
            ("2024-01-20", closed()),
        ];
        assert_eq!(default_choice(&list, today), Some(1));
        let list = [
            ("2024-01-01", closed()),
            ("2024-01-03", Status::NotStarted),
            ("2024-01-20", closed()),
        ];
        assert_eq!(default_choice(&list, today), Some(2));
        // A date that does not parse is never "upcoming".
        let list = [("gisteren", Status::NotStarted), ("2024-01-01", closed())];
        assert_eq!(default_choice(&list, today), Some(1));
        assert_eq!(default_choice(&[], today), None);
    }
}
