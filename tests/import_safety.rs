//! `hamer import` and the loader around the engine (issue 12): where an
//! import may write, what it may replace, what is read at all, and how
//! text from Windows programs is decoded.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use hamer::import::{Warning, import};
use proptest::prelude::*;

mod common;

fn seed_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/behandelvoorstel-datagedreven-sturing.txt"),
    )
    .unwrap()
}

const SEED_OUT: &str = "2023-03-08-rekenkameronderzoek-datagedreven-sturing.ron";

/// Run hamer in `dir`, killed after 20 s so that a hang fails the test
/// instead of stopping the suite.
fn hamer(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir)
        .env_remove("HAMER_LANG")
        .args(["--lang", "en"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("hamer {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every path under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            out.push(p.strip_prefix(root).unwrap().to_owned());
            if e.file_type().unwrap().is_dir() {
                walk(root, &p, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Item 9: the date and title of the document never steer the file name
/// out of `sessions/`; a failed import writes nothing; a missing
/// `./sessions` is made.
#[test]
fn import_writes_only_into_sessions() {
    let root = tempfile::tempdir().unwrap();
    let work = root.path().join("a/b");
    std::fs::create_dir_all(&work).unwrap();
    let hostile = [
        "../../x",
        "/tmp/hamer-import-abs",
        "8 maart\u{1b}]0;PWNED\u{7} 2023",
        "../../../../../../../../tmp/hamer-import-up",
    ];
    for date in hostile {
        let text = seed_text().replace("Woensdag 8 maart 2023", date);
        std::fs::write(work.join("voorstel.txt"), text).unwrap();
        let o = hamer(&work, &["import", "voorstel.txt"]);
        let err = stderr(&o);
        // The date does not parse, so the session would not load: exit 1
        // and nothing written anywhere.
        assert_eq!(o.status.code(), Some(1), "{date:?}: {err}");
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
        assert_eq!(
            tree(root.path()),
            [
                PathBuf::from("a"),
                PathBuf::from("a/b"),
                PathBuf::from("a/b/voorstel.txt")
            ],
            "{date:?}"
        );
    }
    assert!(
        !Path::new("/tmp/hamer-import-abs-rekenkameronderzoek-datagedreven-sturing.ron").exists()
    );

    // A title full of path and control characters: a plain slug.
    let text = seed_text().replace(
        "Rekenkameronderzoek Datagedreven Sturing",
        "../../Één \u{1b}[31mtwee\u{7}/drie",
    );
    std::fs::write(work.join("voorstel.txt"), text).unwrap();
    let o = hamer(&work, &["import", "voorstel.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        work.join("sessions/2023-03-08-een-31mtwee-drie.ron")
            .exists(),
        "{:?}",
        tree(root.path())
    );

    // A missing ./sessions is made (above too); a field missing makes an
    // invalid session: nothing is written.
    let fresh = tempfile::tempdir().unwrap();
    let text = seed_text().replace("Onderwerp\t", "Onderwerpje\t");
    std::fs::write(fresh.path().join("voorstel.txt"), &text).unwrap();
    let o = hamer(fresh.path(), &["import", "voorstel.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("was not written"), "{}", stderr(&o));
    assert_eq!(tree(fresh.path()), [PathBuf::from("voorstel.txt")]);
    std::fs::write(fresh.path().join("voorstel.txt"), seed_text()).unwrap();
    let o = hamer(fresh.path(), &["import", "voorstel.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fresh.path().join("sessions").join(SEED_OUT).is_file());
}

/// Item 8/9: import's output is made without following a link, and what is
/// there (a file, a link, even a dangling one) is replaced only with
/// --force; a replaced link is replaced itself, its target left alone.
#[test]
fn import_replaces_nothing_without_force_and_follows_no_link() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("voorstel.txt"), seed_text()).unwrap();

    std::os::unix::fs::symlink(d.join("slachtoffer.ron"), d.join("uit.ron")).unwrap();
    let o = hamer(d, &["import", "voorstel.txt", "-o", "uit.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"));
    assert!(!d.join("slachtoffer.ron").exists());

    let o = hamer(d, &["import", "voorstel.txt", "-o", "uit.ron", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!d.join("slachtoffer.ron").exists());
    let meta = std::fs::symlink_metadata(d.join("uit.ron")).unwrap();
    assert!(meta.is_file());

    // A link to an existing file: that file is never written.
    std::fs::write(d.join("eigen.txt"), "van iemand anders").unwrap();
    std::fs::remove_file(d.join("uit.ron")).unwrap();
    std::os::unix::fs::symlink("eigen.txt", d.join("uit.ron")).unwrap();
    let o = hamer(d, &["import", "voorstel.txt", "-o", "uit.ron", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("eigen.txt")).unwrap(),
        "van iemand anders"
    );
    // A folder or a pipe at the name: never replaced, --force or not.
    std::fs::create_dir(d.join("map.ron")).unwrap();
    let o = hamer(d, &["import", "voorstel.txt", "-o", "map.ron", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(d.join("map.ron").is_dir());
    let names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".tmp")), "{names:?}");
}

/// Not even `--force` replaces a journal with a session file (found in
/// review: `import --force -o s.journal` renamed over a live journal).
#[test]
fn import_never_replaces_a_journal() {
    let (dir, session) = common::scratch();
    let d = dir.path();
    let mut m = common::open(&session, hamer::clock::FakeClock::at_seed());
    m.act(hamer::meeting::Action::Note("bewaar mij".into()))
        .unwrap();
    drop(m);
    std::fs::write(d.join("voorstel.txt"), seed_text()).unwrap();
    let journal = session.with_extension("journal");
    let before = std::fs::read(&journal).unwrap();
    std::os::unix::fs::symlink(&journal, d.join("link.ron")).unwrap();
    for target in [journal.to_str().unwrap(), "link.ron"] {
        let o = hamer(d, &["import", "voorstel.txt", "-o", target, "--force"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(std::fs::read(&journal).unwrap(), before, "-o {target}");
    }
}

/// Item 16: what is not a regular file, or is over 16 MiB, is refused with
/// a clear message before it is opened, by import, check and export.
#[test]
fn only_regular_files_of_sane_size_are_read() {
    let (dir, _) = common::scratch();
    let d = dir.path();
    mkfifo(&d.join("pijp.ron"));
    mkfifo(&d.join("pijp.txt"));
    std::fs::create_dir(d.join("map.ron")).unwrap();
    let big = d.join("groot.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(16 * 1024 * 1024 + 1).unwrap();
    std::fs::copy(&big, d.join("groot.ron")).unwrap();

    let cases: [(&[&str], &str); 8] = [
        (&["import", "pijp.txt", "-o", "x.ron"], "named pipe"),
        (&["import", "/dev/zero", "-o", "x.ron"], "device"),
        (&["import", "groot.txt", "-o", "x.ron"], "16 MiB"),
        (&["import", ".", "-o", "x.ron"], "folder"),
        (&["check", "pijp.ron"], "named pipe"),
        (&["check", "/dev/zero"], "device"),
        (&["check", "groot.ron"], "16 MiB"),
        (&["export", "pijp.ron"], "named pipe"),
    ];
    for (args, says) in cases {
        let o = hamer(d, args);
        let all = format!("{}{}", stderr(&o), String::from_utf8_lossy(&o.stdout));
        assert!(!o.status.success(), "{args:?}");
        assert!(all.contains(says), "{args:?}: {all}");
    }
    let o = hamer(d, &["check", "map.ron"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("folder"));
    assert!(!d.join("x.ron").exists());
}

/// Item 16: the session picker skips a FIFO in the folder instead of
/// hanging on it.
#[test]
fn the_picker_skips_a_fifo() {
    let (dir, _) = common::scratch();
    mkfifo(&dir.path().join("0-pijp.ron"));
    let path = dir.path().to_owned();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(hamer::tui::sessions_in(&path));
    });
    let found = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("sessions_in hung on a FIFO");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].path.ends_with(common::SEED));
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// Item 16: UTF-16 with a byte order mark and Windows-1252 read as the
/// same document, with a notice.
#[test]
fn windows_encodings_are_decoded() {
    let text = seed_text();
    let want = import(text.as_bytes()).session;
    for (bytes, name) in [
        (utf16(&text, false), "UTF-16LE"),
        (utf16(&text, true), "UTF-16BE"),
        (
            encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
            "windows-1252",
        ),
    ] {
        let got = import(&bytes);
        assert_eq!(got.session, want, "{name}");
        assert_eq!(
            got.warnings,
            [Warning::Decoded { encoding: name }],
            "{name}"
        );
    }
    // Through the command, with the notice.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("voorstel.txt"), utf16(&text, false)).unwrap();
    let o = hamer(dir.path(), &["import", "voorstel.txt", "-o", "s.ron"]);
    assert!(stderr(&o).contains("UTF-16LE"), "{}", stderr(&o));
    let session = hamer::session::load_session(&dir.path().join("s.ron"))
        .unwrap()
        .value
        .session;
    assert_eq!(session.title, want.title);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any text reads the same as UTF-16 (with its byte order mark) as it
    /// does as UTF-8.
    #[test]
    fn utf16_reads_as_utf8(text in "\\PC{0,400}", big in any::<bool>()) {
        let plain = import(text.as_bytes());
        let decoded = import(&utf16(&text, big));
        prop_assert_eq!(plain.session, decoded.session);
    }

    /// Text in Windows-1252 (letters whose codes cannot start or continue
    /// UTF-8 in that order) reads the same as in UTF-8.
    #[test]
    fn windows_1252_reads_as_utf8(text in "[\\t\\na-zA-Z0-9 <>&;:'\"éëïöüàçñÉË]{0,400}") {
        let plain = import(text.as_bytes());
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        prop_assert!(!unmappable);
        let decoded = import(&bytes);
        prop_assert_eq!(plain.session, decoded.session);
    }

    /// No title makes a default file name with anything but [a-z0-9-].
    #[test]
    fn default_names_are_plain(title in "\\PC{0,200}", date in "\\PC{0,20}") {
        let mut s = import(b"").session;
        s.title = title;
        s.date = date;
        let name = hamer::import::default_file_name(&s);
        let stem = name.strip_suffix(".ron").unwrap();
        prop_assert!(!stem.is_empty());
        prop_assert!(stem.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", name);
        prop_assert!(!stem.starts_with('-'), "{}", name);
    }
}
