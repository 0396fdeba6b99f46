//! The journal rules through the real binary (issue 12): `run`, `export` and
//! `display` agree on the journal in every fallback case; a journal that
//! exists but cannot be written is refused with its cause; a file that is
//! not a journal, and a session file named `*.journal`, are refused with
//! exit status 2 and left as they are.
//!
//! File modes do not stop root, and the tests run as root in CI: the
//! commands whose writes a mode must stop run as the unprivileged user
//! 65534 with `setpriv` (util-linux). Where that is not possible the test
//! fails and says why; it never passes without having tried.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

mod common;
use common::tmux::Tmux;
use common::{SEED, copy_seed};

const NOBODY: &str = "65534";

/// A pane name no other test of this run uses.
fn pane_name(what: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{what}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// How to run hamer as a user that file modes apply to.
struct User {
    /// `setpriv …` when the tests run as root; empty otherwise.
    prefix: String,
    bin: PathBuf,
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() }
}

/// A folder anyone may use, for the unprivileged user's files.
fn open_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o777);
    dir
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn unprivileged(spare: &Path) -> User {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_hamer"));
    if euid() != 0 {
        return User {
            prefix: String::new(),
            bin,
        };
    }
    let prefix = format!("setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups");
    let works = |bin: &Path| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{prefix} {} --version", bin.display()))
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if works(&bin) {
        return User { prefix, bin };
    }
    // The build folder may be closed to other users: a copy in the open one.
    let copy = spare.join("hamer-bin");
    std::fs::copy(&bin, &copy).unwrap();
    chmod(&copy, 0o755);
    assert!(
        works(&copy),
        "\n\n!!! CANNOT TEST THE PERMISSION CASES: these tests run as root, where \
         file modes stop nothing, and `setpriv --reuid={NOBODY}` (util-linux) does \
         not work here. Install util-linux or run the tests as an ordinary user. \
         This test fails instead of passing without having tried. !!!\n"
    );
    User { prefix, bin: copy }
}

impl User {
    /// A shell command line that runs hamer as this user.
    fn line(&self, env: &str, args: &str) -> String {
        format!(
            "{} env {env} {} --lang en {args}",
            self.prefix,
            self.bin.display()
        )
    }

    fn output(&self, dir: &Path, env: &str, args: &str) -> Output {
        Command::new("sh")
            .arg("-c")
            .arg(self.line(env, args))
            .current_dir(dir)
            .env_remove("HAMER_LANG")
            .output()
            .unwrap()
    }
}

/// A session folder with the seed session, readable by anyone.
fn session_dir(parent: &Path, name: &str) -> PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir(&dir).unwrap();
    let session = copy_seed(&dir);
    for f in std::fs::read_dir(&dir).unwrap() {
        chmod(&f.unwrap().path(), 0o644);
    }
    chmod(&dir, 0o777);
    session
}

/// Run `hamer run` in a terminal until it ends by itself; its exit status
/// and standard error.
fn run_to_refusal(user: &User, dir: &Path, out: &Path, env: &str, args: &str) -> (i32, String) {
    let err = out.join("err");
    let rc = out.join("rc");
    let _ = std::fs::remove_file(&rc);
    let cmd = format!(
        "sh -c '{} 2>{}; echo $? >{}'",
        user.line(env, args),
        err.display(),
        rc.display()
    );
    let pane = Tmux::start(&pane_name("refusal"), dir, &cmd);
    pane.wait_gone();
    let code = std::fs::read_to_string(&rc)
        .expect("the exit status")
        .trim()
        .parse()
        .unwrap();
    (code, std::fs::read_to_string(&err).unwrap_or_default())
}

/// Run a session as the user: open it, take a note, quit.
fn run_with_note(user: &User, dir: &Path, env: &str, note: &str) {
    let pane = Tmux::start(
        &pane_name("run"),
        dir,
        &user.line(env, &format!("run {SEED}")),
    );
    pane.wait_for("Rekenkameronderzoek");
    pane.keys(&["o"]);
    pane.keys(&["N"]);
    pane.wait_for("Note");
    pane.literal(note);
    pane.keys(&["Enter"]);
    pane.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(300));
    pane.keys(&["q"]);
    pane.wait_gone();
}

/// What `hamer export` prints for the session.
fn export(user: &User, dir: &Path, env: &str) -> String {
    let out = user.output(dir, env, &format!("export {SEED} --with-notes"));
    assert!(
        out.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Whether `hamer display` shows the session as open (it found the journal
/// `run` wrote) rather than waiting for one.
fn display_sees_the_session(user: &User, dir: &Path, env: &str) -> bool {
    let pane = Tmux::start(
        &pane_name("display"),
        dir,
        &user.line(env, &format!("display {SEED}")),
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    let seen = loop {
        let screen = pane.capture();
        if screen.contains("SESSION TIME") || screen.contains("SESSIETIJD") {
            break true;
        }
        if screen.contains("Waiting for the session") || screen.contains("Wachten op de sessie") {
            // Give a journal a moment to be found, then decide.
            std::thread::sleep(Duration::from_millis(700));
            let again = pane.capture();
            break again.contains("SESSION TIME") || again.contains("SESSIETIJD");
        }
        assert!(Instant::now() < deadline, "display shows:\n{screen}");
        std::thread::sleep(Duration::from_millis(100));
    };
    pane.keys(&["q"]);
    pane.wait_gone();
    seen
}

fn journals_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(journals_in(&p));
            } else if p.extension().is_some_and(|x| x == "journal") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn run_export_and_display_agree_on_the_journal_in_every_fallback_case() {
    let root = open_dir();
    let out = tempfile::tempdir().unwrap();
    let user = unprivileged(root.path());
    let data = root.path().join("data");
    std::fs::create_dir(&data).unwrap();
    chmod(&data, 0o777);
    let home = root.path().join("home");
    std::fs::create_dir(&home).unwrap();
    chmod(&home, 0o777);
    let env = format!("HOME={} XDG_DATA_HOME={}", home.display(), data.display());

    // A. A writable folder: the journal next to the session file.
    let a = session_dir(root.path(), "a");
    let a_dir = a.parent().unwrap();
    run_with_note(&user, a_dir, &env, "notitie A");
    let a_journal = a.with_extension("journal");
    assert!(a_journal.exists());
    assert!(export(&user, a_dir, &env).contains("notitie A"));
    assert!(display_sees_the_session(&user, a_dir, &env), "A: display");
    assert!(journals_in(&data).is_empty(), "A: {:?}", journals_in(&data));

    // B. A folder that is not writable, no journal yet: the fallback, and
    //    export and display find it there.
    let b = session_dir(root.path(), "b");
    let b_dir = b.parent().unwrap();
    chmod(b_dir, 0o755);
    run_with_note(&user, b_dir, &env, "notitie B");
    assert!(!b.with_extension("journal").exists());
    let fallback = journals_in(&data);
    assert_eq!(fallback.len(), 1, "B: {fallback:?}");
    assert!(
        std::fs::read_to_string(&fallback[0])
            .unwrap()
            .contains("notitie B")
    );
    assert!(
        export(&user, b_dir, &env).contains("notitie B"),
        "B: export"
    );
    assert!(display_sees_the_session(&user, b_dir, &env), "B: display");

    // C. The folder is writable again: run goes on in the fallback journal
    //    (the session's journal), and the readers follow it there.
    chmod(b_dir, 0o777);
    run_with_note(&user, b_dir, &env, "notitie C");
    assert!(
        !b.with_extension("journal").exists(),
        "C: no second journal"
    );
    assert_eq!(journals_in(&data), fallback);
    let md = export(&user, b_dir, &env);
    assert!(
        md.contains("notitie B") && md.contains("notitie C"),
        "C: {md}"
    );
    assert!(display_sees_the_session(&user, b_dir, &env), "C: display");

    // D. A journal that exists but cannot be written (another user's, mode
    //    444): run refuses with the cause, the events and the way out, and
    //    begins nothing elsewhere; export and display read that journal.
    let d = session_dir(root.path(), "d");
    let d_dir = d.parent().unwrap();
    let d_journal = d.with_extension("journal");
    std::fs::copy(&a_journal, &d_journal).unwrap();
    chmod(&d_journal, 0o444);
    let before = std::fs::read(&d_journal).unwrap();
    let (code, err) = run_to_refusal(&user, d_dir, out.path(), &env, &format!("run {SEED}"));
    assert_ne!(code, 0, "D: {err}");
    assert!(
        err.contains("exists but is not writable: Permission denied"),
        "D: {err}"
    );
    assert!(err.contains("It holds 2 events"), "D: {err}");
    assert!(err.contains("--journal PATH"), "D: {err}");
    assert_eq!(std::fs::read(&d_journal).unwrap(), before);
    assert_eq!(journals_in(&data), fallback, "D: nothing begun elsewhere");
    assert!(
        export(&user, d_dir, &env).contains("notitie A"),
        "D: export"
    );
    assert!(display_sees_the_session(&user, d_dir, &env), "D: display");

    // E. No journal, a folder that is not writable, and no HOME: the
    //    refusal names that cause; no command finds a journal.
    let e = session_dir(root.path(), "e");
    let e_dir = e.parent().unwrap();
    chmod(e_dir, 0o755);
    let no_home = "-u HOME -u XDG_DATA_HOME";
    let (code, err) = run_to_refusal(&user, e_dir, out.path(), no_home, &format!("run {SEED}"));
    assert_ne!(code, 0, "E: {err}");
    assert!(err.contains("HOME is not set"), "E: {err}");
    assert!(err.contains("Permission denied"), "E: {err}");
    assert!(
        !export(&user, e_dir, no_home).contains("notitie"),
        "E: export"
    );
    assert!(
        !display_sees_the_session(&user, e_dir, no_home),
        "E: display"
    );
}

#[test]
fn run_refuses_a_file_that_is_not_a_journal_with_status_2() {
    let root = open_dir();
    let out = tempfile::tempdir().unwrap();
    let user = unprivileged(root.path());
    let session = session_dir(root.path(), "s");
    let dir = session.parent().unwrap();
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "Boodschappen: melk").unwrap();
    chmod(&notes, 0o666);
    let (code, err) = run_to_refusal(
        &user,
        dir,
        out.path(),
        "",
        &format!("run {SEED} --journal notes.txt"),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("notes.txt is not a hamer journal"), "{err}");
    assert_eq!(std::fs::read(&notes).unwrap(), b"Boodschappen: melk");
    let aside: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("notes.txt."))
        .collect();
    assert!(aside.is_empty(), "{aside:?}");
}

#[test]
fn run_fresh_refuses_a_session_file_named_journal_with_status_2() {
    let root = open_dir();
    let out = tempfile::tempdir().unwrap();
    let user = unprivileged(root.path());
    let seed = session_dir(root.path(), "s");
    let dir = seed.parent().unwrap();
    let session = dir.join("x.journal");
    std::fs::copy(&seed, &session).unwrap();
    chmod(&session, 0o666);
    let before = std::fs::read(&session).unwrap();
    let (code, err) = run_to_refusal(&user, dir, out.path(), "", "run x.journal --fresh");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the session file itself"), "{err}");
    assert_eq!(std::fs::read(&session).unwrap(), before);
    let aside: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("x.journal."))
        .collect();
    assert!(aside.is_empty(), "{aside:?}");
}

/// `hamer run` in a terminal: its pane, and the files its standard error
/// and exit status go to.
fn run_in_pane(user: &User, dir: &Path, out: &Path, args: &str) -> (Tmux, PathBuf, PathBuf) {
    let err = out.join("err");
    let rc = out.join("rc");
    let _ = std::fs::remove_file(&rc);
    let cmd = format!(
        "sh -c '{} 2>{}; echo $? >{}'",
        user.line("", args),
        err.display(),
        rc.display()
    );
    (Tmux::start(&pane_name("run"), dir, &cmd), err, rc)
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !ok() {
        assert!(Instant::now() < deadline, "waited for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `hamer run` on a fresh session in a tmux pane, as whoever runs the
/// tests, with the session opened (`o`) and the opening in the journal.
struct Opened {
    _root: tempfile::TempDir,
    _out: tempfile::TempDir,
    session: PathBuf,
    journal: PathBuf,
    pane: Tmux,
    err: PathBuf,
    rc: PathBuf,
}

impl Opened {
    fn start() -> Opened {
        // File modes play no part here.
        let root = open_dir();
        let out = tempfile::tempdir().unwrap();
        let me = User {
            prefix: String::new(),
            bin: PathBuf::from(env!("CARGO_BIN_EXE_hamer")),
        };
        let session = session_dir(root.path(), "s");
        let journal = session.with_extension("journal");
        let (pane, err, rc) = run_in_pane(
            &me,
            session.parent().unwrap(),
            out.path(),
            &format!("run {SEED}"),
        );
        pane.wait_for("Rekenkameronderzoek");
        pane.keys(&["o"]);
        let o = Opened {
            _root: root,
            _out: out,
            session,
            journal,
            pane,
            err,
            rc,
        };
        wait_until("the opening in the journal", || o.opened());
        o
    }

    fn opened(&self) -> bool {
        std::fs::read_to_string(&self.journal).is_ok_and(|t| t.contains("event:SessionStarted"))
    }

    fn dir(&self) -> &Path {
        self.session.parent().unwrap()
    }

    /// Quit with `q`; the exit status and what was said on standard error.
    fn quit(&self) -> (String, String) {
        self.pane.keys(&["q"]);
        self.pane.wait_gone();
        (
            std::fs::read_to_string(&self.rc).unwrap().trim().to_owned(),
            std::fs::read_to_string(&self.err).unwrap(),
        )
    }
}

#[test]
fn run_writes_a_deleted_journal_again_at_once_and_when_it_quits() {
    let r = Opened::start();
    // Deleted while the session runs: written again at the next wake (the
    // session clock's second), without any key.
    std::fs::remove_file(&r.journal).unwrap();
    wait_until("the journal written again", || r.opened());
    r.pane.wait_for("wrote it again");
    // Deleted just before the chair quits: written again at the close.
    std::fs::remove_file(&r.journal).unwrap();
    let (code, err) = r.quit();
    assert_eq!(code, "0", "{err}");
    assert!(r.opened(), "the events are at the journal's path; {err}");
    assert!(!PathBuf::from(format!("{}.owner", r.journal.display())).exists());
}

#[test]
fn run_refuses_a_lock_file_it_cannot_open_and_names_its_owner() {
    let root = open_dir();
    let out = tempfile::tempdir().unwrap();
    let user = unprivileged(root.path());
    let session = session_dir(root.path(), "s");
    let dir = session.parent().unwrap();
    let journal = session.with_extension("journal");
    let lock = PathBuf::from(format!("{}.lock", journal.display()));
    // Another user's session left its lock file, mode 0600, and its owner
    // file (the test runs hamer as another user than the one who made them).
    std::fs::write(&lock, "").unwrap();
    chmod(&lock, 0o600);
    let owner = PathBuf::from(format!("{}.owner", journal.display()));
    std::fs::write(
        &owner,
        "hamer pid 4711 · griffie@raadzaal · 2023-03-08 19:29:12\n",
    )
    .unwrap();
    chmod(&owner, 0o644);
    if euid() != 0 {
        // Not root: the files are ours, so no mode stops us; nothing to test.
        return;
    }
    let (code, err) = run_to_refusal(&user, dir, out.path(), "", &format!("run {SEED}"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot be opened"), "{err}");
    assert!(err.contains("Permission denied"), "{err}");
    assert!(err.contains("griffie@raadzaal"), "{err}");
    assert!(!journal.exists(), "no journal begun without its lock");
}

#[test]
fn export_refuses_a_named_pipe_as_journal_at_once() {
    let (dir, _session) = common::scratch();
    let fifo = dir.path().join("pipe");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamer"))
        .args(["--lang", "en", "export", SEED, "--journal", "pipe"])
        .current_dir(dir.path())
        .env_remove("HAMER_LANG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("hamer export hung on a named pipe");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("a named pipe"), "{err}");
}

#[test]
fn run_taken_over_keeps_its_events_and_does_not_end_with_status_0() {
    let r = Opened::start();
    let (session, journal, dir) = (&r.session, &r.journal, r.dir());
    // Everything beside the session removed by hand, and another writer
    // (this test) begins at the path.
    let lock = PathBuf::from(format!("{}.lock", journal.display()));
    let owner = PathBuf::from(format!("{}.owner", journal.display()));
    for f in [journal, &lock, &owner] {
        std::fs::remove_file(f).unwrap();
    }
    let bytes = std::fs::read(session).unwrap();
    let (_b, _, _) = hamer::journal::Writer::open(&hamer::journal::OpenRequest {
        session_path: session,
        session_bytes: &bytes,
        journal: None,
        fresh: false,
        data_dir: None,
        now: hamer::clock::parse_ts("2023-03-08T19:30:00+01:00"),
    })
    .unwrap();
    let theirs = std::fs::read(journal).unwrap();
    let (code, err) = r.quit();
    assert_eq!(code, "1", "{err}");
    assert!(err.contains("another hamer"), "{err}");
    let orphans: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".orphaned-"))
        .collect();
    assert_eq!(orphans.len(), 1, "{err}");
    assert!(
        std::fs::read_to_string(&orphans[0])
            .unwrap()
            .contains("event:SessionStarted"),
        "A's events are kept"
    );
    assert_eq!(
        std::fs::read(journal).unwrap(),
        theirs,
        "B's journal intact"
    );
    assert!(owner.exists(), "B's owner file stays");
}
