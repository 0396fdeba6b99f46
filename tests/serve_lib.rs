//! The server and the client of `hamer run --serve` / `hamer join`, as a
//! library, without a terminal: the test plays the chair's loop (it takes
//! the requests and tells the server of changes, as `tui::serve_requests` and `serve_changes`
//! does). Loopback only; every wait is bounded.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

mod common;
use common::{SEED, scratch};
use hamer::clock::{RunningClock, Shifted};
use hamer::i18n::Lang;
use hamer::meeting::remote::{Access, Served};
use hamer::meeting::{Action, Meeting};
use hamer::serve::client::{Target, join};
use hamer::serve::server::{ServeOptions, Server, start};
use hamer::serve::tokens::Tokens;
use hamer::tui::app::App;

struct Leader {
    app: App<RunningClock>,
    server: Server,
    wakes: Receiver<()>,
    tokens: Tokens,
}

impl Leader {
    fn start(
        dir: &std::path::Path,
        tls: Option<(std::path::PathBuf, std::path::PathBuf)>,
    ) -> Leader {
        let session = dir.join(SEED);
        let (meeting, _) = Meeting::open_file(
            &session,
            RunningClock::new(),
            &hamer::meeting::OpenOptions::default(),
            Lang::Nl,
        )
        .unwrap();
        let app = App::new(meeting, Lang::Nl, false, Vec::new());
        let tokens = Tokens::new().unwrap();
        let (tx, wakes) = channel();
        let tx = std::sync::Mutex::new(tx);
        let server = start(
            ServeOptions {
                addr: "127.0.0.1:0".parse().unwrap(),
                journal: app.meeting.journal_path().to_owned(),
                session: (SEED.to_owned(), std::fs::read(&session).unwrap()),
                council: Some((
                    common::COUNCIL.to_owned(),
                    std::fs::read(dir.join(common::COUNCIL)).unwrap(),
                )),
                tokens: tokens.clone(),
                lang: Lang::Nl,
                tls,
            },
            Arc::new(move || {
                let _ = tx.lock().unwrap().send(());
            }),
        )
        .unwrap();
        let mut leader = Leader {
            app,
            server,
            wakes,
            tokens,
        };
        leader.tell();
        leader
    }

    /// The journal changed: the server reads it (as the chair's loop
    /// tells it after every event).
    fn tell(&mut self) {
        self.server.changed(String::new());
    }

    /// The chair's loop for a while: answer what comes.
    fn serve_for(&mut self, ms: u64) {
        let until = Instant::now() + Duration::from_millis(ms);
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            if self.wakes.recv_timeout(left).is_ok() {
                for r in self.server.take_requests() {
                    self.app.serve_request(r);
                }
                self.tell();
            }
        }
    }

    fn link(&self, access: Access) -> String {
        self.server
            .links()
            .into_iter()
            .find(|(a, _)| *a == access)
            .unwrap()
            .1
    }
}

/// Join as the clerk, keep the replica in `dir`.
fn clerk(
    leader: &Leader,
    dir: &std::path::Path,
    ca: Option<std::path::PathBuf>,
) -> Result<hamer::serve::client::Joined, String> {
    let target = Target {
        ca,
        ..Target::parse(&leader.link(Access::Clerk)).unwrap()
    };
    join(
        &target,
        Some(&dir.join("r.journal")),
        false,
        Lang::En,
        Arc::new(|| {}),
    )
}

/// Wait (bounded) until the replica's meeting has `n` records.
fn sync_until(
    leader: &mut Leader,
    meeting: &mut Meeting<Shifted<RunningClock>>,
    what: impl Fn(&Meeting<Shifted<RunningClock>>) -> bool,
) {
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until {
        leader.serve_for(50);
        meeting.sync();
        if what(meeting) {
            return;
        }
    }
    panic!("the replica did not catch up");
}

#[test]
fn a_clerks_actions_are_written_once_and_the_replica_is_the_journal_byte_for_byte() {
    let (dir, _) = scratch();
    let mut leader = Leader::start(dir.path(), None);
    let clerk_dir = tempfile::tempdir().unwrap();
    let joined = clerk(&leader, clerk_dir.path(), None).unwrap();
    assert_eq!(joined.access, Access::Clerk);
    // The session's files came along.
    assert_eq!(
        std::fs::read(&joined.session).unwrap(),
        std::fs::read(dir.path().join(SEED)).unwrap()
    );
    let plan = hamer::session::load_session(&joined.session).unwrap().value;
    let clock = Shifted::new(RunningClock::new(), joined.offset_ms.clone());
    let mut m = Meeting::replica(
        plan,
        joined.replica.clone(),
        joined.records,
        Box::new(joined.link),
        clock,
    );
    leader.app.meeting.act(Action::Open).unwrap();
    leader.tell();
    sync_until(&mut leader, &mut m, |m| m.state().opened_at.is_some());
    // The clerk's three notes and a toezegging, in order, each once.
    for text in ["een", "twee", "drie"] {
        m.send(Action::Note(text.to_owned())).unwrap();
    }
    m.send(Action::AddCommitment {
        by: "wethouder Bruggink".to_owned(),
        what: "komt met een procesbrief".to_owned(),
        due: String::new(),
    })
    .unwrap();
    // A chair's action is refused on the clerk's laptop, before sending.
    assert!(m.send(Action::Close).is_err());
    sync_until(&mut leader, &mut m, |m| {
        m.state().outcomes.commitments.len() == 1 && m.link_status().unwrap().pending == 0
    });
    let notes: Vec<&str> = m
        .state()
        .outcomes
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(notes, ["een", "twee", "drie"]);
    let journal = std::fs::read(leader.app.meeting.journal_path()).unwrap();
    let replica = std::fs::read(&joined.replica).unwrap();
    assert_eq!(journal, replica, "the replica is the journal byte for byte");
    assert_eq!(leader.app.meeting.state().outcomes.notes.len(), 3);
}

#[test]
fn https_with_the_chairs_own_certificate() {
    let (dir, _) = scratch();
    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).unwrap();
    let leader = Leader::start(dir.path(), Some((cert_path.clone(), key_path)));
    assert!(leader.link(Access::Clerk).starts_with("https://127.0.0.1:"));
    // Without trusting the certificate, the link is refused, and says why.
    let untrusted = tempfile::tempdir().unwrap();
    let Err(why) = clerk(&leader, untrusted.path(), None) else {
        panic!("an untrusted certificate was accepted");
    };
    assert!(why.to_lowercase().contains("certificate"), "{why}");
    // With --ca, the session comes over TLS.
    let trusted = tempfile::tempdir().unwrap();
    let joined = clerk(&leader, trusted.path(), Some(cert_path)).unwrap();
    assert_eq!(joined.access, Access::Clerk);
    let _ = leader.tokens;
}

#[test]
fn the_display_token_reads_the_journal_without_the_clerks_notes() {
    let (dir, _) = scratch();
    let mut leader = Leader::start(dir.path(), None);
    leader.app.meeting.act(Action::Open).unwrap();
    leader
        .app
        .meeting
        .act(Action::Note("privé: bel de wethouder".to_owned()))
        .unwrap();
    leader.tell();
    let display_dir = tempfile::tempdir().unwrap();
    let target = Target::parse(&leader.link(Access::Display)).unwrap();
    let joined = join(
        &target,
        Some(&display_dir.path().join("d.journal")),
        true,
        Lang::En,
        Arc::new(|| {}),
    )
    .unwrap();
    assert_eq!(joined.access, Access::Display);
    let mut link = joined.link;
    let until = Instant::now() + Duration::from_secs(10);
    let mut records = joined.records;
    while records.len() < 2 && Instant::now() < until {
        leader.serve_for(50);
        records.extend(hamer::meeting::remote::Link::take(&mut link).records);
    }
    assert_eq!(records.len(), 2, "both events came");
    let text = std::fs::read_to_string(&joined.replica).unwrap();
    assert!(!text.contains("privé"), "{text}");
    assert!(text.contains("NoteAdded"), "{text}");
    // A display may not act.
    assert!(!Access::Display.allows(&Action::Note("x".to_owned())));
}

#[test]
fn a_path_that_does_not_exist_is_401_without_a_token_too() {
    let (dir, _) = scratch();
    let leader = Leader::start(dir.path(), None);
    let base = leader.link(Access::Clerk);
    let base = base.split("/?t=").next().unwrap().to_owned();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let http = reqwest::Client::new();
    let status = |url: String, token: Option<&str>| {
        let mut req = http.get(url).timeout(Duration::from_secs(5));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        rt.block_on(async { req.send().await })
            .unwrap()
            .status()
            .as_u16()
    };
    // Without a token nothing is told, not even which paths exist.
    assert_eq!(status(format!("{base}/no/such/path"), None), 401);
    assert_eq!(status(format!("{base}/api/session"), None), 401);
    assert_eq!(
        status(format!("{base}/no/such/path"), Some(&leader.tokens.clerk)),
        404
    );
}
