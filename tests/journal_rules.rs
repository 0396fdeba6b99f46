//! The journal's rules about files, at the library level (issue 12): which
//! journal a writer takes and that readers find the same one; one writer per
//! journal *path*, also after the journal was deleted; a session file is
//! never its own journal; a file that is not a journal is never cut, moved
//! or repaired, while a last record that only lacks its newline is read;
//! and nothing made beside a journal follows a symbolic link.
//!
//! These run as any user (also root): the cases where only file modes
//! stop a write are in `tests/journal_cli.rs`, run as an unprivileged user.

use std::path::{Path, PathBuf};

use hamer::clock::{Clock, FakeClock};
use hamer::i18n::Lang;
use hamer::journal::{self, JournalError, Notice, OpenRequest, Writer};
use hamer::meeting::{Event, Meeting, OpenOptions};

mod common;
use common::{SEED, scratch};

fn open(
    session: &Path,
    journal: Option<&Path>,
    fresh: bool,
    data: Option<&Path>,
) -> Result<(Writer, journal::Replay, Vec<Notice>), JournalError> {
    let bytes = std::fs::read(session).unwrap();
    Writer::open(&OpenRequest {
        session_path: session,
        session_bytes: &bytes,
        journal,
        fresh,
        data_dir: data,
        now: FakeClock::at_seed().now(),
    })
}

fn note(w: &mut Writer, text: &str) {
    w.append(
        FakeClock::at_seed().now(),
        Event::NoteAdded {
            text: text.into(),
            item: None,
            speaker: None,
            by: None,
        },
    )
    .unwrap();
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Everything under a folder, recursively.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(tree(&p));
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

// --- Item 2: a journal that exists is used or refused, never passed by ---

#[test]
fn an_existing_journal_that_cannot_be_opened_is_refused_not_passed_by() {
    let (dir, session) = scratch();
    let data = tempfile::tempdir().unwrap();
    // Something that exists at the journal's place but cannot be opened for
    // writing, as root too (mode 444 is in tests/journal_cli.rs).
    let default = journal::default_path(&session);
    std::fs::create_dir(&default).unwrap();
    let err = open(&session, None, false, Some(data.path())).unwrap_err();
    assert!(
        matches!(&err, JournalError::NotWritable { path, .. } if path == &default),
        "{err:?}"
    );
    let msg = err.message(Lang::En);
    assert!(msg.contains("exists but is not writable"), "{msg}");
    assert!(msg.contains("--journal PATH"), "{msg}");
    assert!(
        tree(data.path()).is_empty(),
        "no journal was begun elsewhere: {:?}",
        tree(data.path())
    );
    // The readers read that same place.
    assert_eq!(
        journal::find_for_reading(&session, Some(data.path())),
        default
    );
    drop(dir);
}

#[test]
fn the_refusal_counts_the_events_of_a_readable_journal() {
    let err = JournalError::NotWritable {
        path: PathBuf::from("s.journal"),
        reason: "Permission denied".into(),
        events: Some(7),
    };
    let msg = err.message(Lang::En);
    assert!(
        msg.contains("s.journal exists but is not writable: Permission denied"),
        "{msg}"
    );
    assert!(msg.contains("It holds 7 events"), "{msg}");
    assert!(msg.contains("fix its permissions"), "{msg}");
    assert!(
        JournalError::NoFallback {
            wanted: "s.journal".into(),
            reason: "Permission denied".into(),
            why: "no data directory: HOME is not set".into(),
        }
        .message(Lang::En)
        .contains("HOME is not set")
    );
}

#[test]
fn writer_and_readers_agree_on_the_journal_in_every_case() {
    let (dir, session) = scratch();
    let data = tempfile::tempdir().unwrap();
    let default = journal::default_path(&session);
    let reader = || journal::find_for_reading(&session, Some(data.path()));

    // 1. The folder cannot take the journal (a link into /proc stands for a
    //    read-only folder, as root too): the fallback.
    std::os::unix::fs::symlink("/proc/hamer-no-such-dir/x.journal", &default).unwrap();
    let (mut w, _, notices) = open(&session, None, false, Some(data.path())).unwrap();
    assert!(
        matches!(&notices[..], [Notice::FellBack { .. }]),
        "{notices:?}"
    );
    let fallback = w.path().to_owned();
    assert!(fallback.starts_with(data.path()), "{fallback:?}");
    note(&mut w, "in de uitwijkplek");
    assert_eq!(reader(), fallback);
    drop(w);

    // 2. The folder can take it again: the session's journal is still the
    //    one in the fallback place, for the writer as for the readers.
    std::fs::remove_file(&default).unwrap();
    let (w, replay, notices) = open(&session, None, false, Some(data.path())).unwrap();
    assert_eq!(w.path(), fallback);
    assert_eq!(replay.records.len(), 1, "the session goes on");
    assert!(
        matches!(&notices[..], [Notice::InFallback { .. }]),
        "{notices:?}"
    );
    assert!(!default.exists(), "no second journal next to the session");
    assert_eq!(reader(), fallback);
    drop(w);

    // 3. A journal next to the session file wins, for both.
    let other = tempfile::tempdir().unwrap();
    let (_d2, session2) = scratch();
    let (w, _, notices) = open(&session2, None, false, Some(other.path())).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(w.path(), journal::default_path(&session2));
    assert_eq!(
        journal::find_for_reading(&session2, Some(other.path())),
        w.path()
    );
    drop(dir);
}

// --- Item 3: the lock belongs to the journal's path ---

#[test]
fn a_second_writer_after_the_journal_is_deleted_is_refused() {
    let (dir, session) = scratch();
    let (mut a, _, _) = open(&session, None, false, None).unwrap();
    note(&mut a, "van A");
    let path = a.path().to_owned();
    std::fs::remove_file(&path).unwrap();

    // B, with and without --fresh: refused, and it touches nothing.
    for fresh in [false, true] {
        let err = open(&session, None, fresh, None).unwrap_err();
        assert!(matches!(err, JournalError::Locked { .. }), "{err:?}");
        let msg = err.message(Lang::En);
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "the holder is named: {msg}"
        );
        assert!(!path.exists(), "B created no journal");
    }
    // A writes its journal again, with everything, and nothing is moved
    // aside.
    note(&mut a, "nog van A");
    let replay = journal::read(&path).unwrap();
    assert_eq!(replay.records.len(), 2);
    let names = names(dir.path());
    assert!(
        !names.iter().any(|n| n.contains(".replaced")),
        "nothing moved aside: {names:?}"
    );
    // The lock file stays, also after A closed: it is the path's lock.
    drop(a);
    assert!(journal::lock_path(&path).exists());
    // Then a next writer is welcome.
    let (_b, replay, _) = open(&session, None, false, None).unwrap();
    assert_eq!(replay.records.len(), 2);
}

#[test]
fn a_second_writer_of_a_replaced_journal_is_refused_too() {
    let (_dir, session) = scratch();
    let (a, _, _) = open(&session, None, false, None).unwrap();
    let path = a.path().to_owned();
    // Someone moves the journal away and puts another in its place.
    std::fs::rename(&path, path.with_extension("weg")).unwrap();
    std::fs::write(&path, "").unwrap();
    let err = open(&session, None, true, None).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"", "not moved, not written");
}

#[test]
fn a_deleted_lock_file_is_made_again_by_its_writer() {
    let (_dir, session) = scratch();
    let (mut a, _, _) = open(&session, None, false, None).unwrap();
    let path = a.path().to_owned();
    std::fs::remove_file(journal::lock_path(&path)).unwrap();
    note(&mut a, "van A");
    assert!(journal::lock_path(&path).exists());
    std::fs::remove_file(&path).unwrap();
    let err = open(&session, None, false, None).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err:?}");
}

#[test]
fn a_writer_whose_journal_and_lock_were_deleted_never_moves_the_next_ones() {
    let (dir, session) = scratch();
    let (mut a, _, _) = open(&session, None, false, None).unwrap();
    note(&mut a, "van A");
    let path = a.path().to_owned();
    // Everything beside the session removed by hand: nothing is left to
    // say that A runs, so B is let in.
    for f in [
        path.clone(),
        journal::lock_path(&path),
        PathBuf::from(format!("{}.owner", path.display())),
    ] {
        std::fs::remove_file(f).unwrap();
    }
    let (mut b, _, _) = open(&session, None, false, None).unwrap();
    note(&mut b, "van B");
    let b_journal = std::fs::read(&path).unwrap();
    // A finds the path taken: it refuses, moves nothing, writes nothing
    // there, and keeps its own events beside it.
    let err = a
        .append(
            FakeClock::at_seed().now(),
            Event::NoteAdded {
                text: "nog van A".into(),
                item: None,
                speaker: None,
                by: None,
            },
        )
        .unwrap_err();
    let JournalError::TakenOver {
        saved_to: Some(saved),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    let orphan = journal::read(saved).unwrap();
    assert_eq!(orphan.records.len(), 1, "A's acknowledged event is kept");
    assert!(err.message(Lang::En).contains("another hamer"), "{err:?}");
    assert!(matches!(
        a.append(FakeClock::at_seed().now(), Event::SessionOpened),
        Err(JournalError::TakenOver { .. })
    ));
    drop(a);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b_journal,
        "B's journal intact"
    );
    assert!(
        PathBuf::from(format!("{}.owner", path.display())).exists(),
        "B's owner file is not A's to remove"
    );
    assert!(
        !names(dir.path()).iter().any(|n| n.contains(".replaced")),
        "{:?}",
        names(dir.path())
    );
    note(&mut b, "nog van B");
    assert_eq!(journal::read(&path).unwrap().records.len(), 2);
}

// --- Item 5: a session file is never its own journal ---

#[test]
fn a_session_file_named_journal_is_refused_and_left_alone() {
    let (dir, seed) = scratch();
    let session = dir.path().join("x.journal");
    std::fs::copy(&seed, &session).unwrap();
    let before = std::fs::read(&session).unwrap();
    for fresh in [false, true] {
        let err = open(&session, None, fresh, None).unwrap_err();
        assert!(matches!(err, JournalError::IsSessionFile { .. }), "{err:?}");
        assert_eq!(err.exit_code(), 2);
    }
    assert_eq!(std::fs::read(&session).unwrap(), before);
    assert!(
        names(dir.path())
            .iter()
            .all(|n| !n.starts_with("x.journal.")),
        "{:?}",
        names(dir.path())
    );
}

#[test]
fn a_journal_path_that_names_the_session_file_is_refused() {
    let (dir, session) = scratch();
    let before = std::fs::read(&session).unwrap();
    let link = dir.path().join("link.journal");
    std::os::unix::fs::symlink(&session, &link).unwrap();
    let dotted = dir.path().join(".").join(SEED);
    for journal in [session.clone(), link, dotted] {
        for fresh in [false, true] {
            let err = open(&session, Some(&journal), fresh, None).unwrap_err();
            assert!(
                matches!(err, JournalError::IsSessionFile { .. }),
                "{journal:?}: {err:?}"
            );
        }
    }
    assert_eq!(std::fs::read(&session).unwrap(), before);
    // Through the engine: the text and exit status the command line uses.
    let err = Meeting::open_file(
        &session,
        FakeClock::at_seed(),
        &OpenOptions {
            journal: Some(&session),
            ..OpenOptions::default()
        },
        Lang::En,
    )
    .err()
    .expect("refused");
    assert_eq!(err.code, 2);
    assert!(err.message.contains("the session file itself"), "{err}");
}

// --- Item 6: a file that is not a journal is left as it is ---

#[test]
fn a_file_that_is_not_a_journal_is_never_cut_moved_or_repaired() {
    let (dir, session) = scratch();
    for (name, text) in [
        ("notes.txt", &b"Boodschappen: melk, brood"[..]),
        ("lines.txt", b"een regel\n"),
        ("more.txt", b"een\ntwee\ndrie"),
        ("binary.bin", b"\xff\xfe\x00\x01"),
        ("session.ron", b"Session(title: \"x\")\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        for fresh in [false, true] {
            let err = open(&session, Some(&path), fresh, None).unwrap_err();
            assert!(
                matches!(err, JournalError::NotAJournal { .. }),
                "{name}: {err:?}"
            );
            assert_eq!(err.exit_code(), 2);
            let msg = err.message(Lang::En);
            assert!(msg.contains("is not a hamer journal"), "{msg}");
            assert!(!msg.contains("--fresh"), "{msg}");
            assert_eq!(std::fs::read(&path).unwrap(), text, "{name} unchanged");
        }
        // Readers say the same.
        assert!(matches!(
            journal::read(&path),
            Err(JournalError::NotAJournal { .. })
        ));
    }
    let left: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.contains(".torn") || n.contains(".txt.") || n.contains(".bin."))
        .collect();
    assert!(left.is_empty(), "nothing saved aside: {left:?}");
}

#[test]
fn a_header_cut_short_by_a_crash_is_still_completed() {
    let (dir, session) = scratch();
    for (i, torn) in [
        &b""[..],
        b"(form",
        b"(format:1",
        b"(format:1,app:\"ham",
        b"(format:1,app:\"hamer 0.1.0\",session:\"s",
    ]
    .into_iter()
    .enumerate()
    {
        let path = dir.path().join(format!("cut{i}.journal"));
        std::fs::write(&path, torn).unwrap();
        let (mut w, replay, _) = open(&session, Some(&path), false, None).unwrap();
        assert!(replay.records.is_empty());
        note(&mut w, "verder");
        drop(w);
        assert_eq!(journal::read(&path).unwrap().records.len(), 1);
    }
}

fn journal_with_notes(dir: &Path, session: &Path, n: usize) -> (PathBuf, Vec<u8>) {
    let path = dir.join("hand.journal");
    let (mut w, _, _) = open(session, Some(&path), false, None).unwrap();
    for i in 0..n {
        note(&mut w, &format!("notitie {i}"));
    }
    drop(w);
    (path.clone(), std::fs::read(&path).unwrap())
}

#[test]
fn a_last_record_without_its_newline_is_complete() {
    let (dir, session) = scratch();
    let (path, full) = journal_with_notes(dir.path(), &session, 2);
    // An editor saved it without the final newline.
    let hand = &full[..full.len() - 1];
    std::fs::write(&path, hand).unwrap();

    let replay = journal::read(&path).unwrap();
    assert_eq!(replay.records.len(), 2, "export sees the last record");
    assert!(replay.torn.is_none());

    let (mut w, replay, notices) = open(&session, Some(&path), false, None).unwrap();
    assert_eq!(replay.records.len(), 2);
    assert!(notices.is_empty(), "no torn line: {notices:?}");
    assert_eq!(std::fs::read(&path).unwrap(), full, "the newline is added");
    note(&mut w, "daarna");
    drop(w);
    assert_eq!(journal::read(&path).unwrap().records.len(), 3);
    assert!(
        !names(dir.path()).iter().any(|n| n.contains(".torn")),
        "{:?}",
        names(dir.path())
    );
}

#[test]
fn a_header_alone_without_its_newline_is_complete() {
    let (dir, session) = scratch();
    let (path, full) = journal_with_notes(dir.path(), &session, 0);
    std::fs::write(&path, &full[..full.len() - 1]).unwrap();
    let (_w, replay, notices) = open(&session, Some(&path), false, None).unwrap();
    assert!(replay.records.is_empty());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(std::fs::read(&path).unwrap(), full);
}

#[test]
fn a_last_line_with_the_wrong_sequence_number_is_still_torn() {
    let (dir, session) = scratch();
    let (path, full) = journal_with_notes(dir.path(), &session, 1);
    let text = String::from_utf8(full).unwrap();
    let line = text.lines().nth(1).unwrap().to_owned();
    // The same record again, without a newline: seq 1 where 2 is next.
    std::fs::write(&path, format!("{text}{line}")).unwrap();
    let replay = journal::read(&path).unwrap();
    assert_eq!(replay.records.len(), 1);
    assert!(replay.torn.is_some());
}

// --- Item 8: nothing beside a journal is written through a symbolic link ---

fn victim(dir: &Path) -> (PathBuf, &'static [u8]) {
    let precious = dir.join("precious.txt");
    let text = b"do not overwrite\n";
    std::fs::write(&precious, text).unwrap();
    (precious, text)
}

#[test]
fn a_symlinked_owner_file_does_not_clobber_its_target() {
    let (dir, session) = scratch();
    let (precious, text) = victim(dir.path());
    let path = journal::default_path(&session);
    let owner = PathBuf::from(format!("{}.owner", path.display()));
    std::os::unix::fs::symlink(&precious, &owner).unwrap();
    let (mut w, _, _) = open(&session, None, false, None).unwrap();
    note(&mut w, "x");
    drop(w);
    assert_eq!(std::fs::read(&precious).unwrap(), text);
    assert!(
        std::fs::symlink_metadata(&owner)
            .unwrap()
            .file_type()
            .is_symlink(),
        "a link hamer did not make is not removed either"
    );
}

#[test]
fn a_hard_linked_owner_file_is_not_written() {
    let (dir, session) = scratch();
    let (precious, text) = victim(dir.path());
    let path = journal::default_path(&session);
    std::fs::hard_link(&precious, format!("{}.owner", path.display())).unwrap();
    let (w, _, _) = open(&session, None, false, None).unwrap();
    drop(w);
    assert_eq!(std::fs::read(&precious).unwrap(), text);
}

#[test]
fn a_symlinked_lock_file_is_refused_and_its_target_kept() {
    let (dir, session) = scratch();
    let (precious, text) = victim(dir.path());
    let path = journal::default_path(&session);
    std::os::unix::fs::symlink(&precious, journal::lock_path(&path)).unwrap();
    let err = open(&session, None, false, None).unwrap_err();
    assert!(
        matches!(&err, JournalError::Io { action, .. } if *action == "journal.action.lock"),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&precious).unwrap(), text);
    assert!(!path.exists(), "no journal begun without its lock");
}

#[test]
fn torn_and_aside_copies_never_go_through_a_link_or_over_a_file() {
    let (dir, session) = scratch();
    let (precious, text) = victim(dir.path());
    let (path, full) = journal_with_notes(dir.path(), &session, 1);
    let stamp = "20230308-193000";
    let link = |suffix: &str| {
        std::os::unix::fs::symlink(&precious, format!("{}{suffix}", path.display())).unwrap();
    };
    link(&format!(".torn-{stamp}"));
    link(&format!(".{stamp}"));
    link(".replaced");

    // A torn tail: saved to the next free name.
    std::fs::write(&path, [&full[..], b"(seq:2,at:"].concat()).unwrap();
    let (w, _, notices) = open(&session, Some(&path), false, None).unwrap();
    let [
        Notice::TornTail {
            saved_to: Some(to), ..
        },
    ] = &notices[..]
    else {
        panic!("{notices:?}")
    };
    assert!(to.to_string_lossy().ends_with(&format!(".torn-{stamp}-2")));
    drop(w);

    // --fresh: moved aside to the next free name.
    let (mut w, _, notices) = open(&session, Some(&path), true, None).unwrap();
    let [Notice::MovedAside { to }] = &notices[..] else {
        panic!("{notices:?}")
    };
    assert!(
        to.to_string_lossy().ends_with(&format!(".{stamp}-2")),
        "{to:?}"
    );

    // A replacement while running: kept beside it, under a free name.
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, "iets anders\n").unwrap();
    note(&mut w, "na vervangen");
    let replaced = PathBuf::from(format!("{}.replaced-2", path.display()));
    assert_eq!(std::fs::read(&replaced).unwrap(), b"iets anders\n");
    drop(w);

    assert_eq!(
        std::fs::read(&precious).unwrap(),
        text,
        "the target is intact"
    );
}

// --- The command line's exit status for a refused file ---

#[test]
fn the_engine_gives_exit_status_2_for_a_file_that_is_not_a_journal() {
    let (dir, session) = scratch();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "Boodschappen").unwrap();
    let err = Meeting::open_file(
        &session,
        FakeClock::at_seed(),
        &OpenOptions {
            journal: Some(&notes),
            ..OpenOptions::default()
        },
        Lang::Nl,
    )
    .err()
    .expect("refused");
    assert_eq!(err.code, 2);
    assert!(err.message.contains("is geen hamer-logboek"), "{err}");
    // An ordinary error keeps status 1.
    let (_d, s2) = scratch();
    let (_a, _) =
        Meeting::open_file(&s2, FakeClock::at_seed(), &OpenOptions::default(), Lang::Nl).unwrap();
    let locked = Meeting::open_file(&s2, FakeClock::at_seed(), &OpenOptions::default(), Lang::Nl)
        .err()
        .expect("a second writer");
    assert_eq!(locked.code, 1);
}

#[test]
fn a_newer_header_without_its_newline_is_not_repaired() {
    let (dir, session) = scratch();
    let path = dir.path().join("newer.journal");
    let text = b"(format:2,app:\"hamer 9.0.0\",session:\"s\",session_hash:\"h\",created:\"2023-03-08T19:30:00+01:00\")";
    std::fs::write(&path, text).unwrap();
    let err = open(&session, Some(&path), false, None).unwrap_err();
    assert!(
        matches!(err, JournalError::TooNew { format: 2, .. }),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), text);
}

// --- Closing: a journal deleted since the last event is not lost ---

fn owner_of(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.owner", path.display()))
}

#[test]
fn a_journal_deleted_before_the_writer_closes_is_written_again() {
    let (_dir, session) = scratch();
    let (mut a, _, _) = open(&session, None, false, None).unwrap();
    note(&mut a, "van A");
    let path = a.path().to_owned();
    std::fs::remove_file(&path).unwrap();
    // No further event: closing writes it again.
    let notices = a.close().unwrap();
    assert!(
        notices.contains(&Notice::Restored { path: path.clone() }),
        "{notices:?}"
    );
    assert_eq!(journal::read(&path).unwrap().records.len(), 1);
    assert!(!owner_of(&path).exists(), "our owner file is removed");
}

#[test]
fn a_journal_deleted_before_the_writer_is_dropped_is_written_again() {
    let (_dir, session) = scratch();
    let (mut a, _, _) = open(&session, None, false, None).unwrap();
    note(&mut a, "van A");
    let path = a.path().to_owned();
    // Replaced by something else: that is kept aside, ours comes back.
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, "iets anders").unwrap();
    drop(a);
    assert_eq!(journal::read(&path).unwrap().records.len(), 1);
    let replaced = PathBuf::from(format!("{}.replaced", path.display()));
    assert_eq!(std::fs::read(replaced).unwrap(), b"iets anders");
}

#[test]
fn a_journal_checked_at_a_wake_is_written_again_at_once() {
    let (_dir, session) = scratch();
    let mut m = Meeting::open_file(
        &session,
        FakeClock::at_seed(),
        &OpenOptions::default(),
        Lang::En,
    )
    .unwrap()
    .0;
    m.act(hamer::meeting::Action::Open).unwrap();
    let path = m.journal_path().to_owned();
    m.check_journal().unwrap();
    assert!(m.take_notices().is_empty(), "nothing to say");
    std::fs::remove_file(&path).unwrap();
    m.check_journal().unwrap();
    assert_eq!(
        m.take_notices(),
        vec![Notice::Restored { path: path.clone() }]
    );
    assert_eq!(journal::read(&path).unwrap().records.len(), 1);
    // And the meeting closes cleanly, with nothing more to say.
    assert_eq!(m.close().unwrap(), vec![]);
}

#[test]
fn a_writer_taken_over_keeps_its_events_and_the_others_owner_file_at_close() {
    for explicit_close in [false, true] {
        let (dir, session) = scratch();
        let (mut a, _, _) = open(&session, None, false, None).unwrap();
        note(&mut a, "van A");
        let path = a.path().to_owned();
        for f in [path.clone(), journal::lock_path(&path), owner_of(&path)] {
            std::fs::remove_file(f).unwrap();
        }
        let (mut b, _, _) = open(&session, None, false, None).unwrap();
        note(&mut b, "van B");
        let b_journal = std::fs::read(&path).unwrap();
        // A never writes again: closing it saves what it had, beside.
        if explicit_close {
            let err = a.close().unwrap_err();
            assert!(
                matches!(
                    &err,
                    JournalError::TakenOver {
                        saved_to: Some(_),
                        ..
                    }
                ),
                "{err:?}"
            );
        } else {
            drop(a);
        }
        let orphans: Vec<_> = names(dir.path())
            .into_iter()
            .filter(|n| n.contains(".orphaned-"))
            .collect();
        assert_eq!(orphans.len(), 1, "{:?}", names(dir.path()));
        let orphan = journal::read(&dir.path().join(&orphans[0])).unwrap();
        assert_eq!(orphan.records.len(), 1, "A's event is kept");
        assert_eq!(std::fs::read(&path).unwrap(), b_journal, "B's intact");
        assert!(owner_of(&path).exists(), "B's owner file is not A's");
        note(&mut b, "nog van B");
    }
}

// --- A lock file locked in passing is no takeover ---

#[test]
fn a_lock_file_locked_by_a_second_writer_that_fails_is_no_takeover() {
    let (dir, session) = scratch();
    let (mut a, _, _) = open(&session, None, false, None).unwrap();
    note(&mut a, "een");
    let path = a.path().to_owned();
    std::fs::remove_file(journal::lock_path(&path)).unwrap();
    // A second writer locks a new lock file, then fails on the journal's
    // own lock.
    let err = open(&session, None, false, None).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err:?}");
    // The moment in between, when it holds the new lock file (as a second
    // writer does before it fails): A writes on.
    let passing = std::fs::File::open(journal::lock_path(&path)).unwrap();
    passing.try_lock().unwrap();
    note(&mut a, "twee");
    drop(passing);
    // Afterwards A takes the path's lock again and stays the one writer.
    note(&mut a, "drie");
    let err = open(&session, None, false, None).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err:?}");
    std::fs::remove_file(&path).unwrap();
    let err = open(&session, None, true, None).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err:?}");
    assert_eq!(a.close().unwrap().len(), 1, "restored");
    assert_eq!(journal::read(&path).unwrap().records.len(), 3);
    assert!(
        !names(dir.path()).iter().any(|n| n.contains(".orphaned-")),
        "{:?}",
        names(dir.path())
    );
}

// --- A journal of a newer format says: upgrade hamer ---

#[test]
fn a_journal_of_a_newer_format_asks_for_a_newer_hamer() {
    let (dir, session) = scratch();
    let path = journal::default_path(&session);
    let text = "(format:99,app:\"hamer 9.0.0\",session:\"s\",session_hash:\"h\",created:\"2023-03-08T19:30:00+01:00\")\n(seq:1,at:\"2023-03-08T19:30:00+01:00\",event:SessionOpened)\n";
    std::fs::write(&path, text).unwrap();
    let err = journal::read(&path).unwrap_err();
    assert!(
        matches!(err, JournalError::TooNew { format: 99, .. }),
        "{err:?}"
    );
    for lang in [Lang::En, Lang::Nl] {
        let msg = err.message(lang);
        assert!(msg.contains("99"), "{msg}");
        assert!(
            !msg.contains("damaged") && !msg.contains("beschadigd"),
            "{msg}"
        );
    }
    assert!(err.message(Lang::En).contains("newer hamer"));
    assert!(err.message(Lang::En).contains("upgrade hamer"));
    // run refuses it the same way, and leaves it as it is.
    let err = open(&session, None, false, None).unwrap_err();
    assert!(matches!(err, JournalError::TooNew { .. }), "{err:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // export too.
    let err = hamer::export::read_record(&session, None, FakeClock::at_seed().now(), Lang::En)
        .expect_err("refused");
    assert!(err.contains("upgrade hamer"), "{err}");
    assert!(!err.contains("damaged"), "{err}");
    drop(dir);
}

// --- Only regular files, and not too large ---

/// Run `f` on another thread; fail when it does not return in 10 s (a
/// named pipe opened for reading waits for a writer).
fn within_10s<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(10))
        .unwrap_or_else(|_| panic!("{what} hung"))
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_named_pipe_is_no_journal_for_writer_readers_or_the_display() {
    let (dir, session) = scratch();
    let fifo = dir.path().join("pipe.journal");
    mkfifo(&fifo);
    let f = fifo.clone();
    let err = within_10s("read", move || journal::read(&f).unwrap_err());
    assert!(matches!(err, JournalError::NotAFile { .. }), "{err:?}");
    assert!(err.message(Lang::En).contains("a named pipe"), "{err:?}");
    assert!(err.message(Lang::Nl).contains("een named pipe"), "{err:?}");
    assert_eq!(err.exit_code(), 2);
    let (s, f) = (session.clone(), fifo.clone());
    let err = within_10s("run --journal", move || {
        open(&s, Some(&f), false, None).unwrap_err()
    });
    assert!(matches!(err, JournalError::NotAFile { .. }), "{err:?}");
    // The default journal a named pipe: run, export and the display.
    let default = journal::default_path(&session);
    mkfifo(&default);
    let s = session.clone();
    let err = within_10s("run", move || open(&s, None, false, None).unwrap_err());
    assert!(matches!(err, JournalError::NotAFile { .. }), "{err:?}");
    let s = session.clone();
    let err = within_10s("export", move || {
        hamer::export::read_record(&s, None, FakeClock::at_seed().now(), Lang::En)
            .expect_err("refused")
    });
    assert!(err.contains("a named pipe"), "{err}");
    let d = default.clone();
    let status = within_10s("display", move || {
        let mut f = hamer::follow::Follower::new(&d);
        f.poll();
        f.status
    });
    assert!(
        matches!(status, hamer::follow::Status::NotAFile(_)),
        "{status:?}"
    );
    assert!(
        !journal::lock_path(&default).exists(),
        "nothing made beside"
    );
}

#[test]
fn a_device_or_a_huge_file_is_not_read_into_memory() {
    let (dir, session) = scratch();
    let err = journal::read(Path::new("/dev/zero")).unwrap_err();
    assert!(matches!(err, JournalError::NotAFile { .. }), "{err:?}");
    let err = hamer::export::read_record(
        &session,
        Some(Path::new("/dev/zero")),
        FakeClock::at_seed().now(),
        Lang::En,
    )
    .expect_err("refused");
    assert!(err.contains("a device"), "{err}");
    // A (sparse) file larger than the limit: refused, not read.
    let huge = dir.path().join("huge.journal");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(journal::MAX_JOURNAL_BYTES + 1)
        .unwrap();
    let err = journal::read(&huge).unwrap_err();
    assert!(matches!(err, JournalError::TooLarge { .. }), "{err:?}");
    assert!(
        err.message(Lang::En).contains("larger than 1 GiB"),
        "{err:?}"
    );
    let mut f = hamer::follow::Follower::new(&huge);
    f.poll();
    assert_eq!(f.status, hamer::follow::Status::TooLarge);
}
