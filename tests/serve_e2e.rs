//! End to end over the network, in real terminals (tmux), on loopback only:
//! the chair's laptop serves (`hamer run --serve`), the clerk joins
//! (`hamer join`) through a small TCP proxy the test can cut, and a room
//! display follows (`hamer display URL`).
//!
//! 1. The leader opens and starts a speaker; the clerk records the seed's
//!    toezegging and a faction's position: each is in the leader's journal
//!    once, comes back to the clerk's screen, the clerk's replica equals
//!    the journal byte for byte, and the display shows the running speaker.
//! 2. The link is cut while the clerk records three notes: the clerk's
//!    status line says so, with three actions waiting; restored, each note
//!    is in the journal once, in the order typed.
//! 3. The chair's laptop dies (kill -9): the clerk records one more note,
//!    quits, and takes over from the replica: the session goes on, the
//!    speaker still running, and the waiting note is done once.
//!
//! Every wait is bounded.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::tmux::{Tmux, tmux};
use common::{SEED, scratch};

/// The seed's toezegging (the wethouder's commitment), as the clerk types it.
const COMMITMENT: &str = "Een dialoog in een politieke markt over kaders bij datagedreven werken";
/// The three notes typed while the link is cut, in order.
const NOTES: [&str; 3] = [
    "noot een tijdens de storing",
    "noot twee tijdens de storing",
    "noot drie tijdens de storing",
];
/// The note typed while the link is silent.
const SILENT_NOTE: &str = "noot terwijl de verbinding stil is";
/// Past the client's timeout of a post (15 s): the held post is sent again.
const POST_TIMEOUT: Duration = Duration::from_secs(16);
/// The note typed after the chair's laptop died.
const LATE_NOTE: &str = "noot na de uitval van de voorzitter";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// How many lines of a file contain `text`.
fn lines_with(path: &Path, text: &str) -> usize {
    read(path).lines().filter(|l| l.contains(text)).count()
}

/// Wait (bounded) until `done` holds; `what` and `context` say why not.
fn wait_until(what: &str, secs: u64, mut done: impl FnMut() -> bool, context: impl Fn() -> String) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(
            Instant::now() < deadline,
            "waited {secs} s for {what}:\n{}",
            context()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Wait until the journal has a line with `text`.
fn wait_line(journal: &Path, text: &str, t: &Tmux) {
    wait_until(
        &format!("{text:?} in {}", journal.display()),
        15,
        || lines_with(journal, text) >= 1,
        || format!("journal:\n{}\nscreen:\n{}", read(journal), t.capture()),
    );
}

/// The replica equals the journal byte for byte, once it has caught up.
fn assert_replica_equal(journal: &Path, replica: &Path) {
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    wait_until(
        "the replica to catch up",
        10,
        || len(replica) == len(journal),
        || format!("journal:\n{}\nreplica:\n{}", read(journal), read(replica)),
    );
    assert_eq!(
        std::fs::read(replica).unwrap(),
        std::fs::read(journal).unwrap(),
        "the replica differs from the journal"
    );
}

/// The client ids in a journal: each at most once (no action done twice).
fn assert_client_ids_unique(journal: &Path) {
    let text = read(journal);
    let mut ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split("client:Some(\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "an action done twice:\n{text}");
}

/// Seconds shown just before `label` (e.g. "0:42 gesproken").
fn seconds_before(screen: &str, label: &str) -> u32 {
    let at = screen
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} on screen:\n{screen}"));
    let time: String = screen[..at]
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let (m, s) = time
        .split_once(':')
        .unwrap_or_else(|| panic!("no time before {label:?}:\n{screen}"));
    m.parse::<u32>().unwrap() * 60 + s.parse::<u32>().unwrap()
}

/// Seconds shown just after `label` (e.g. "sessie nog 59:57").
fn seconds_after(screen: &str, label: &str) -> u32 {
    let at = screen
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} on screen:\n{screen}"));
    let time: String = screen[at + label.len()..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (m, s) = time
        .split_once(':')
        .unwrap_or_else(|| panic!("no time after {label:?}:\n{screen}"));
    m.parse::<u32>().unwrap() * 60 + s.parse::<u32>().unwrap()
}

/// A TCP proxy on loopback between the clerk and the leader, with
/// switches: cut shuts every live connection and closes new ones at once;
/// stall holds every byte (a link gone silent, no connection closed);
/// restore forwards again (what a stall held goes on).
struct Proxy {
    port: u16,
    cut: Arc<AtomicBool>,
    stalled: Arc<AtomicBool>,
    live: Arc<Mutex<Vec<TcpStream>>>,
    /// Every byte forwarded from the clerk to the leader.
    upstream: Arc<Mutex<Vec<u8>>>,
}

impl Proxy {
    fn start(target: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let stalled = Arc::new(AtomicBool::new(false));
        let live: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let upstream: Arc<Mutex<Vec<u8>>> = Arc::default();
        let (cut2, stalled2, live2) = (cut.clone(), stalled.clone(), live.clone());
        let upstream2 = upstream.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(client) = conn else { continue };
                if cut2.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                };
                {
                    let mut l = live2.lock().unwrap();
                    l.push(client.try_clone().unwrap());
                    l.push(server.try_clone().unwrap());
                }
                for (from, to, log) in [
                    (
                        client.try_clone().unwrap(),
                        server.try_clone().unwrap(),
                        Some(upstream2.clone()),
                    ),
                    (server, client, None),
                ] {
                    let (cut, stalled) = (cut2.clone(), stalled2.clone());
                    std::thread::spawn(move || pump(from, to, &cut, &stalled, log));
                }
            }
        });
        Proxy {
            port,
            cut,
            stalled,
            live,
            upstream,
        }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for s in self.live.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    /// How many times the clerk's bytes to the leader held `text`.
    fn sent(&self, text: &str) -> usize {
        String::from_utf8_lossy(&self.upstream.lock().unwrap())
            .matches(text)
            .count()
    }

    fn stall(&self) {
        self.stalled.store(true, Ordering::SeqCst);
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
        self.stalled.store(false, Ordering::SeqCst);
    }
}

/// Copy one way until either side ends, then end both. While stalled,
/// what was read is held.
fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    cut: &AtomicBool,
    stalled: &AtomicBool,
    log: Option<Arc<Mutex<Vec<u8>>>>,
) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        while stalled.load(Ordering::SeqCst) && !cut.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
        }
        if cut.load(Ordering::SeqCst) || to.write_all(&buf[..n]).is_err() {
            break;
        }
        if let Some(log) = &log {
            log.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}

/// The links file of `hamer run --serve`: role → URL.
fn wait_links(path: &Path, t: &Tmux) -> Vec<(String, String)> {
    let parse = || -> Vec<(String, String)> {
        read(path)
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect()
    };
    wait_until(
        "the links file",
        15,
        || parse().len() == 3,
        || format!("links:\n{}\nscreen:\n{}", read(path), t.capture()),
    );
    parse()
}

fn link<'a>(links: &'a [(String, String)], role: &str) -> &'a str {
    &links.iter().find(|(r, _)| r == role).expect(role).1
}

/// The clerk saved a form with Enter: on a replica the form closes once
/// the action is handed to the link (it once stayed open, and a second
/// Enter recorded the action twice).
fn form_closed(t: &Tmux) {
    let screen = t.capture();
    assert!(
        !screen.contains("Enter = opslaan"),
        "the form stayed open after Enter:\n{screen}"
    );
}

/// The clerk types a note and saves it with Enter.
fn clerk_saves_a_note(t: &Tmux, text: &str, wait: impl FnOnce()) {
    t.keys(&["N"]);
    t.wait_for("Enter = opslaan");
    t.literal(text);
    t.keys(&["Enter"]);
    wait();
    form_closed(t);
}

#[test]
fn leader_clerk_display_link_cut_and_takeover() {
    let started = Instant::now();
    let (dir, session) = scratch();
    let root = dir.path();
    let bin = env!("CARGO_BIN_EXE_hamer");
    let pid = std::process::id();
    let journal = session.with_extension("journal");
    let links_file = root.join("links");
    let home = root.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let env = format!(
        "HOME={} XDG_DATA_HOME={}",
        home.display(),
        home.join("data").display()
    );

    // The leader.
    let leader = Tmux::start(
        &format!("serve-leader-{pid}"),
        root,
        &format!(
            "{bin} run {SEED} --no-bell --serve 127.0.0.1:0 --tokens {}",
            links_file.display()
        ),
    );
    leader.wait_for("NIET GEOPEND");
    let links = wait_links(&links_file, &leader);
    let clerk_url = split_link(link(&links, "clerk"));
    let display_url = link(&links, "display").to_owned();

    // Open, and the chair speaks.
    leader.keys(&["o"]);
    wait_line(&journal, "SessionStarted", &leader);
    leader.keys(&["v"]);
    leader.wait_for("Sander Janssen");
    leader.keys(&["Enter"]);
    wait_line(&journal, "SpeakerQueued", &leader);
    leader.keys(&["Enter"]);
    wait_line(&journal, "SpeechStarted", &leader);
    leader.wait_for("gesproken");

    // The clerk, through the proxy: same path and token, the proxy's port.
    let proxy = Proxy::start(clerk_url.port);
    let via_proxy = format!("http://127.0.0.1:{}{}", proxy.port, clerk_url.rest);
    let clerk_dir = root.join("clerk");
    std::fs::create_dir_all(&clerk_dir).unwrap();
    let replica = clerk_dir.join("r.journal");
    let clerk = Tmux::start_sized(
        &format!("serve-clerk-{pid}"),
        root,
        (120, 50),
        &format!(
            "{env} {bin} join '{via_proxy}' --no-bell --replica {}",
            replica.display()
        ),
    );
    clerk.wait_for("✓ verbonden");
    clerk.wait_for("Sander Janssen");

    // The display.
    let display_dir = root.join("display");
    std::fs::create_dir_all(&display_dir).unwrap();
    let display = Tmux::start(
        &format!("serve-display-{pid}"),
        root,
        &format!(
            "{env} {bin} display '{display_url}' --journal {}",
            display_dir.join("r.journal").display()
        ),
    );

    // 1. The toezegging: what, then past "door" (the portfolio holder is
    // filled in) to when; Enter saves.
    clerk.keys(&["t"]);
    clerk.wait_for("wat is toegezegd");
    clerk.literal(COMMITMENT);
    clerk.keys(&["Tab", "Tab"]);
    clerk.literal("najaar 2023");
    clerk.keys(&["Enter"]);
    wait_line(&journal, "CommitmentAdded", &clerk);
    form_closed(&clerk);
    // The first faction's position (the list opens on BBH).
    clerk.keys(&["1"]);
    wait_line(
        &journal,
        "PositionSet(faction:\"BBH\",stance:Some(Supports)",
        &clerk,
    );

    let screen = clerk.wait_for("BBH    steunt");
    assert!(screen.contains("Freriksen: Een dialoog"), "{screen}");
    assert_eq!(lines_with(&journal, COMMITMENT), 1, "{}", read(&journal));
    assert_eq!(lines_with(&journal, "PositionSet"), 1, "{}", read(&journal));
    assert_eq!(
        lines_with(&journal, "client:Some("),
        2,
        "{}",
        read(&journal)
    );
    assert_client_ids_unique(&journal);
    assert_replica_equal(&journal, &replica);

    // The display shows the running speaker, and its time moves.
    let shown = display.wait_for("Sander Janssen");
    assert!(shown.contains("SPREEKT"), "{shown}");
    let a = seconds_after(&display.wait_for("sessie nog"), "sessie nog");
    wait_until(
        "the display's clock to move",
        5,
        || seconds_after(&display.capture(), "sessie nog") < a,
        || display.capture(),
    );

    // 2. The link is cut while the clerk records three notes.
    proxy.cut();
    for (n, note) in NOTES.iter().enumerate() {
        clerk_saves_a_note(&clerk, note, || {
            clerk.wait_for(&format!("{} acties wachten", n + 1));
        });
    }
    clerk.wait_for("VERBINDING WEG · 3 acties wachten");
    assert_eq!(lines_with(&journal, "Note("), 0, "{}", read(&journal));
    proxy.restore();
    for note in NOTES {
        wait_line(&journal, note, &clerk);
    }
    clerk.wait_for("✓ verbonden");
    let pending = replica.with_extension("journal.pending");
    wait_until(
        "the pending file to empty",
        10,
        || read(&pending).trim().is_empty(),
        || read(&pending),
    );
    let text = read(&journal);
    let at: Vec<usize> = NOTES.iter().map(|n| text.find(n).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "out of order:\n{text}");
    for note in NOTES {
        assert_eq!(lines_with(&journal, note), 1, "{text}");
    }
    assert_client_ids_unique(&journal);
    assert_replica_equal(&journal, &replica);
    let screen = clerk.wait_for(NOTES[2]);
    assert!(screen.contains(NOTES[0]), "{screen}");

    // 2b. The link goes silent (nothing closed) while the clerk records a
    // note: the clerk notices the silence; the post, held past its
    // timeout, is sent again with the same id; once the link is back both
    // reach the leader, which does the note once.
    proxy.stall();
    let stalled_at = Instant::now();
    clerk_saves_a_note(&clerk, SILENT_NOTE, || {
        clerk.wait_for("1 acties wachten");
    });
    wait_until(
        "the clerk to notice the silence",
        20,
        || {
            clerk
                .capture()
                .contains("VERBINDING WEG · 1 acties wachten")
        },
        || clerk.capture(),
    );
    std::thread::sleep(POST_TIMEOUT.saturating_sub(stalled_at.elapsed()));
    proxy.restore();
    wait_line(&journal, SILENT_NOTE, &clerk);
    clerk.wait_for("✓ verbonden");
    wait_until(
        "the pending file to empty",
        10,
        || read(&pending).trim().is_empty(),
        || read(&pending),
    );
    // Both posts reached the leader by now (held bytes go first).
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        proxy.sent(SILENT_NOTE) >= 2,
        "the held post was sent again ({} times in all)",
        proxy.sent(SILENT_NOTE)
    );
    assert_eq!(lines_with(&journal, SILENT_NOTE), 1, "{}", read(&journal));
    assert_client_ids_unique(&journal);
    assert_replica_equal(&journal, &replica);

    // 3. The chair's laptop dies.
    let before = seconds_before(&leader.capture(), "gesproken");
    let killed = Command::new("kill")
        .args(["-9", &leader.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    leader.wait_gone();
    clerk.wait_for("VERBINDING WEG");
    let final_journal = read(&journal);

    // One more note, which can no longer be sent.
    clerk_saves_a_note(&clerk, LATE_NOTE, || {
        clerk.wait_for("VERBINDING WEG · 1 acties wachten");
    });
    let waiting = read(&pending);
    assert_eq!(waiting.lines().count(), 1, "{waiting}");
    assert!(waiting.contains(LATE_NOTE), "{waiting}");

    // The clerk quits (asked first: the chair still speaks).
    clerk.keys(&["q"]);
    if clerk.alive() && clerk.capture().contains("Stoppen?") {
        clerk.keys(&["j"]);
    }
    clerk.wait_gone();
    assert_eq!(read(&journal), final_journal);
    assert_eq!(read(&replica), final_journal, "the replica has all it saw");

    // And takes over from the replica.
    let takeover = Tmux::start_sized(
        &format!("serve-takeover-{pid}"),
        root,
        (120, 50),
        &format!(
            "{bin} run {} --no-bell --journal {}",
            clerk_dir.join(SEED).display(),
            replica.display()
        ),
    );
    let screen = takeover.wait_for("gesproken");
    assert!(screen.contains("Sander Janssen"), "{screen}");
    assert!(screen.contains("SPREEKT"), "{screen}");
    assert!(
        screen.contains("1 wachtende acties uitgevoerd"),
        "the waiting note is done:\n{screen}"
    );
    // The speech goes on from where it was (the takeover may come within
    // the second the leader last showed), and keeps counting.
    let after = seconds_before(&screen, "gesproken");
    assert!(
        after >= before,
        "the time went back: {before} -> {after}\n{screen}"
    );
    std::thread::sleep(Duration::from_millis(1300));
    let later_screen = takeover.capture();
    let later = seconds_before(&later_screen, "gesproken");
    assert!(
        later > after,
        "the time runs on after the takeover: {after} -> {later}\n{later_screen}"
    );
    wait_line(&replica, LATE_NOTE, &takeover);
    assert_eq!(lines_with(&replica, LATE_NOTE), 1, "{}", read(&replica));
    for note in NOTES {
        assert_eq!(lines_with(&replica, note), 1, "{}", read(&replica));
    }
    assert_eq!(lines_with(&replica, COMMITMENT), 1, "{}", read(&replica));
    assert_client_ids_unique(&replica);
    assert!(
        read(&pending).trim().is_empty(),
        "done, so no longer waiting"
    );
    assert!(
        read(&replica).starts_with(&final_journal),
        "the takeover goes on from what the clerk had"
    );
    // The clerk's view on the takeover laptop: all the clerk had recorded.
    takeover.keys(&["Escape", "Tab"]);
    let screen = takeover.wait_for(LATE_NOTE);
    for want in [
        NOTES[0],
        NOTES[2],
        "Freriksen: Een dialoog",
        "BBH    steunt",
    ] {
        assert!(screen.contains(want), "{want:?} in\n{screen}");
    }

    drop((takeover, display, clerk, leader));
    let _ = tmux().arg("kill-server").output();
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}

/// The port of a link, and its path and query (`/?t=…`).
struct Url {
    port: u16,
    rest: String,
}

/// `http://127.0.0.1:PORT/PATH?QUERY` split at the port.
fn split_link(link: &str) -> Url {
    let after = link
        .strip_prefix("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("a loopback link: {link}"));
    let cut = after.find('/').unwrap_or(after.len());
    Url {
        port: after[..cut].parse().expect("a port"),
        rest: after[cut..].to_owned(),
    }
}
