//! `hamer export` around the engine (issue 12): what `-o` may write over,
//! whose journal it reads, what a spreadsheet gets, what the terminal is
//! shown, and the `e` key's record beside the session.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hamer::clock::{FakeClock, parse_ts};
use hamer::meeting::{Action, Speaker, SpeechKind};

mod common;
use common::{COUNCIL, SEED};

fn hamer(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir)
        .env_remove("HAMER_LANG")
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("run hamer")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch seed session whose journal holds a few events.
fn with_journal() -> (tempfile::TempDir, PathBuf) {
    let (dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Open).unwrap();
    m.act(Action::Start(
        Speaker::Faction {
            faction: "VVD".into(),
            name: None,
        },
        SpeechKind::Contribution,
    ))
    .unwrap();
    clock.advance_secs(30);
    m.act(Action::End).unwrap();
    drop(m);
    (dir, session)
}

fn journal_name() -> String {
    SEED.replace(".ron", ".journal")
}

/// Item 1: `-o` that resolves to the session file, its council file, its
/// journal (by name, through a link, as a hard link, or not yet there) or
/// any hamer journal is refused with exit 2 and both paths named; the file
/// is left as it was. An earlier record may be overwritten.
#[test]
fn export_never_writes_over_the_sessions_own_files() {
    let (dir, _) = with_journal();
    let d = dir.path();
    let journal = journal_name();
    std::os::unix::fs::symlink(&journal, d.join("link.md")).unwrap();
    std::os::unix::fs::symlink(SEED, d.join("session-link.md")).unwrap();
    std::fs::hard_link(d.join(&journal), d.join("hard.md")).unwrap();
    std::fs::copy(d.join(&journal), d.join("old-copy.txt")).unwrap();
    let cases: [(&str, &str); 7] = [
        (&journal, &journal),
        ("link.md", &journal),
        ("hard.md", &journal),
        (SEED, SEED),
        ("session-link.md", SEED),
        (COUNCIL, COUNCIL),
        ("old-copy.txt", "old-copy.txt"),
    ];
    for (target, protected) in cases {
        let before = std::fs::read(d.join(protected)).unwrap();
        let o = hamer(d, &["export", SEED, "-o", target]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "-o {target}: {err}");
        assert!(err.contains(target), "-o {target}: {err}");
        assert!(err.contains(protected), "-o {target}: {err}");
        assert_eq!(
            std::fs::read(d.join(protected)).unwrap(),
            before,
            "-o {target} changed {protected}"
        );
    }
    assert!(
        std::fs::symlink_metadata(d.join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // An earlier record is overwritten, as before.
    for _ in 0..2 {
        let o = hamer(d, &["export", SEED, "-o", "verslag.md"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    // A link to a record the user keeps elsewhere is written through.
    std::os::unix::fs::symlink("verslag.md", d.join("laatste.md")).unwrap();
    let o = hamer(d, &["export", SEED, "-o", "laatste.md", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(d.join("verslag.md"))
            .unwrap()
            .starts_with('{')
    );

    // A session not opened yet: its journal does not exist, and a record
    // written in its place would stop `run` later.
    let (dir, _) = common::scratch();
    let o = hamer(dir.path(), &["export", SEED, "-o", &journal]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.path().join(&journal).exists());
}

/// Item 1, every place the journal may be: with the journal in the data
/// directory (the session's folder was read-only when it began), the name
/// beside the session is still refused, and so are the data directory's
/// journal and the files hamer keeps beside a journal (`.lock`, `.owner`,
/// torn lines). Found in review: `-o s.journal` hid the real journal.
#[test]
fn export_never_writes_where_the_journal_is_or_may_be() {
    let (dir, session) = common::scratch();
    let d = dir.path();
    let data = tempfile::tempdir().unwrap();
    let fallback = hamer::journal::fallback_path(&session, Some(data.path())).unwrap();
    std::fs::create_dir_all(fallback.parent().unwrap()).unwrap();
    let journal = journal_name();
    let fallback_s = fallback.display().to_string();
    let cases = [
        journal.clone(),
        format!("{journal}.lock"),
        format!("{journal}.owner"),
        format!("{journal}.torn-20230308-193000"),
        fallback_s.clone(),
        format!("{fallback_s}.lock"),
    ];
    for target in &cases {
        let o = Command::new(env!("CARGO_BIN_EXE_hamer"))
            .current_dir(d)
            .env_remove("HAMER_LANG")
            .env("XDG_DATA_HOME", data.path())
            .args(["--lang", "en", "export", SEED, "-o", target])
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "-o {target}: {err}");
        assert!(!Path::new(target).is_absolute() || !Path::new(target).exists());
        assert!(!d.join(target).exists(), "-o {target} was written");
    }
}

/// Item 7 (export): another session's journal is refused, naming both; a
/// changed session file gets run's notice, and the record is made.
#[test]
fn export_checks_the_journal_belongs_to_the_session() {
    let (dir, session) = with_journal();
    let d = dir.path();
    // Another session in the same folder, with its own journal.
    let text = std::fs::read_to_string(&session).unwrap();
    let other = d.join("andere-sessie.ron");
    std::fs::write(&other, text.replace("Datagedreven", "Anders")).unwrap();
    let clock = FakeClock::new(parse_ts("2023-03-09T19:30:00+01:00"));
    let mut m = common::open(&other, clock);
    m.act(Action::Open).unwrap();
    drop(m);
    let o = hamer(d, &["export", SEED, "--journal", "andere-sessie.journal"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("andere-sessie.ron"), "{err}");
    assert!(err.contains(SEED), "{err}");
    assert!(o.stdout.is_empty());

    // The session file edited since its journal began: a warning, and on.
    std::fs::write(&session, format!("{text}\n// edited\n")).unwrap();
    let o = hamer(d, &["export", SEED]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("changed since this journal began"), "{err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("VVD"));
}

/// Item 14: cells that a spreadsheet would run as a formula get a `'`.
#[test]
fn csv_cells_never_start_a_formula() {
    let (dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock);
    m.act(Action::AddCommitment {
        by: "@SUM(A1)".into(),
        what: "=HYPERLINK(\"http://x\",\"klik\")".into(),
        due: "-2+3".into(),
    })
    .unwrap();
    m.act(Action::AddCommitment {
        by: "+31 6".into(),
        what: "\tcmd".into(),
        due: "gewoon".into(),
    })
    .unwrap();
    drop(m);
    let o = hamer(
        dir.path(),
        &["export", SEED, "--format", "csv", "--what", "commitments"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rows = csv::Reader::from_reader(o.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][4], "'@SUM(A1)");
    assert_eq!(&rows[0][5], "'=HYPERLINK(\"http://x\",\"klik\")");
    assert_eq!(&rows[0][6], "'-2+3");
    assert_eq!(&rows[1][4], "'+31 6");
    assert_eq!(&rows[1][6], "gewoon");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

/// Item 15: names are cleaned on the way to the terminal; a damaged
/// journal gets export's own way out, not `--fresh`; a write that fails
/// names its cause.
#[test]
fn export_messages_are_clean_and_true() {
    let (dir, _) = with_journal();
    let d = dir.path();
    let name = "x\u{1b}]0;PWNED\u{7}.md";
    let o = hamer(d, &["export", SEED, "-o", name]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(d.join(name).exists());

    let o = hamer(d, &["export", SEED, "-o", "nergens/verslag.md"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("the folder nergens does not exist"), "{err}");

    // A damaged line in the middle of the journal.
    let journal = d.join(journal_name());
    let text = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "kapot");
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let o = hamer(d, &["export", SEED]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("damaged line"), "{err}");
    assert!(!err.contains("--fresh"), "{err}");
    assert!(err.contains("--journal"), "{err}");
}

/// Item 8 (the `e` key): the record beside the session is made without
/// following a link, and replaces only a record hamer wrote.
#[test]
fn the_record_beside_the_session_replaces_only_its_own() {
    use hamer::export::{BesideError, write_record_beside};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = d.join("s.verslag.md");
    let record = |n: u32| {
        format!(
            "# Sessie\n\nversie {n}\n\n_Opgemaakt met hamer uit het logboek op 2023-03-08 20:09:3{n}._\n"
        )
    };

    // Nothing there: made.
    write_record_beside(&path, &record(1)).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), record(1));
    // An earlier record (either language): replaced.
    write_record_beside(&path, &record(2)).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), record(2));
    std::fs::write(&path, "# S\n\n_Made by hamer from the journal at x._\n").unwrap();
    write_record_beside(&path, &record(3)).unwrap();

    // Someone else's file: kept.
    std::fs::write(&path, "mijn eigen aantekeningen\n").unwrap();
    let e = write_record_beside(&path, &record(4)).unwrap_err();
    assert!(matches!(e, BesideError::Exists { .. }), "{e:?}");
    assert!(
        e.message(&path, hamer::i18n::Lang::En)
            .contains("not a record hamer wrote")
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "mijn eigen aantekeningen\n"
    );

    // A link, even to an earlier record: neither it nor its target changes.
    let target = d.join("elders.md");
    std::fs::write(&target, record(1)).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&target, &path).unwrap();
    let e = write_record_beside(&path, &record(5)).unwrap_err();
    assert!(
        e.message(&path, hamer::i18n::Lang::En)
            .contains("symbolic link")
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), record(1));
    // A dangling link: its target is not created.
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(d.join("nieuw.md"), &path).unwrap();
    assert!(write_record_beside(&path, &record(6)).is_err());
    assert!(!d.join("nieuw.md").exists());
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
