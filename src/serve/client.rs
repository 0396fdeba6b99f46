//! The client of a served session (`hamer join URL`, `hamer display URL`):
//! fetches the session's files, keeps a replica of the journal (byte for
//! byte the writer's, flushed as events arrive), and sends the clerk's
//! actions, kept in a pending file until the writer answered. Runs on a
//! tokio runtime of its own thread; the screen's loop sees only the
//! [`Link`] and a wake.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;

use super::server::{Answer, Files, Hello};
use crate::clock::{Clock, RunningClock};
use crate::i18n::Lang;
use crate::journal::{JournalError, Replica};
use crate::meeting::remote::{
    Access, Incoming, Link, LinkStatus, Pending, append_pending, pending_path, read_pending,
    rewrite_pending,
};
use crate::meeting::{Action, Record};

/// No byte on the stream for this long (keep-alives come every 5 s): the
/// link is taken for dead and made again.
const SILENCE: Duration = Duration::from_secs(12);
/// Waits between tries to reach the writer, growing to the last.
const BACKOFF_MS: [u64; 5] = [200, 500, 1000, 2000, 3000];

/// A link given on the command line: where the server is, and the token.
#[derive(Clone, Debug)]
pub struct Target {
    pub base: reqwest::Url,
    pub token: String,
    /// `--ca FILE`: a certificate to trust for an `https://` link (the
    /// chair's own, self-signed).
    pub ca: Option<PathBuf>,
}

impl Target {
    /// `http://host:port/...?t=TOKEN` (a join link as `S` shows it).
    pub fn parse(link: &str) -> Result<Target, String> {
        // Errors name the link without its token: they may end up in a
        // terminal's scrollback or a screenshot.
        let shown = link.split(['?', '#']).next().unwrap_or_default();
        let url = reqwest::Url::parse(link.trim()).map_err(|e| format!("{shown}: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{shown}: not an http:// link"));
        }
        let token = url
            .query_pairs()
            .find(|(k, _)| k == "t")
            .map(|(_, v)| v.into_owned())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| format!("{shown}: the link has no token (?t=…)"))?;
        let mut base = url.clone();
        base.set_path("/");
        base.set_query(None);
        base.set_fragment(None);
        Ok(Target {
            base,
            token,
            ca: None,
        })
    }

    fn url(&self, path: &str) -> reqwest::Url {
        let mut url = self.base.clone();
        url.set_path(path);
        url
    }
}

/// What the thread shares with the screen.
struct Shared {
    incoming: Incoming,
    connected: bool,
    pending: VecDeque<Pending>,
    /// The client ids the replica holds (answered, whatever the answer
    /// that was lost).
    seen: HashSet<String>,
    /// Why the link cannot work at all (a wrong token): said on screen.
    fatal: Option<String>,
    /// The writer's header was seen on this run and the replica (and its
    /// pending file) are of that journal: only then are actions sent.
    header_checked: bool,
}

/// The client's side: the [`Link`] for the screen.
pub struct RemoteLink {
    shared: Arc<Mutex<Shared>>,
    notify: Arc<tokio::sync::Notify>,
    pending_file: PathBuf,
    access: Access,
}

impl RemoteLink {
    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Link for RemoteLink {
    fn send(&mut self, action: Action) -> Result<(), String> {
        let pending = Pending {
            id: new_id()?,
            action,
        };
        // Appended under the lock the sending loop rewrites the file
        // under: an append between its reading the queue and its rename
        // would go to the file being replaced, and the action would be
        // lost to a takeover if the clerk quit before the next rewrite.
        let mut s = self.lock();
        append_pending(&self.pending_file, &pending)
            .map_err(|e| format!("{}: {e}", self.pending_file.display()))?;
        s.pending.push_back(pending);
        drop(s);
        self.notify.notify_one();
        Ok(())
    }

    fn take(&mut self) -> Incoming {
        std::mem::take(&mut self.lock().incoming)
    }

    fn status(&self) -> LinkStatus {
        let s = self.lock();
        LinkStatus {
            connected: s.connected,
            pending: s.pending.len(),
            broken: s.fatal.clone(),
        }
    }

    fn access(&self) -> Access {
        self.access
    }
}

/// A new id for an action: 128 random bits.
fn new_id() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A session joined: where its files and replica are, what the replica
/// held, the link, and the writer's clock's offset from this one.
pub struct Joined {
    pub session: PathBuf,
    pub replica: PathBuf,
    pub records: Vec<Record>,
    pub link: RemoteLink,
    pub offset_ms: Arc<AtomicI64>,
    pub access: Access,
}

/// Where a session's replica goes by default: the data directory, a
/// folder named after the session file.
pub fn default_dir(session_name: &str) -> Option<PathBuf> {
    let stem = Path::new(session_name)
        .file_stem()?
        .to_string_lossy()
        .into_owned();
    Some(dirs::data_dir()?.join("hamer").join("replicas").join(stem))
}

/// A file name as a server gives it, reduced to a plain relative path
/// inside a folder (no `..`, no root): anything else is refused.
fn inside(dir: &Path, name: &str) -> Result<PathBuf, String> {
    let rel = Path::new(name);
    let plain = rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain || name.is_empty() {
        return Err(format!(
            "{name}: the server names a file outside the replica's folder"
        ));
    }
    Ok(dir.join(rel))
}

/// Write a file the server gave, unless it is there already with the same
/// bytes. One with other bytes is never overwritten.
fn keep_file(path: &Path, text: &str, lang: Lang) -> Result<(), String> {
    match std::fs::read(path) {
        Ok(bytes) if bytes == text.as_bytes() => return Ok(()),
        Ok(_) => {
            return Err(lang.fill(
                "join.file_differs",
                &[("path", &path.display().to_string())],
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: {e}", path.display())),
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::fsio::replace_whole(path, text.as_bytes(), false)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Join a served session: fetch its files, open the replica (`replica`,
/// or the default place), and start the thread that keeps it and sends
/// the actions. `wake` tells the screen's loop that something arrived.
pub fn join(
    target: &Target,
    replica: Option<&Path>,
    display: bool,
    lang: Lang,
    wake: Arc<dyn Fn() + Send + Sync>,
) -> Result<Joined, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut builder = reqwest::Client::builder().connect_timeout(Duration::from_secs(5));
    if let Some(ca) = &target.ca {
        // The chair's own certificate (`--tls-cert`), trusted for this link.
        let pem = std::fs::read(ca).map_err(|e| format!("--ca {}: {e}", ca.display()))?;
        let cert = reqwest::Certificate::from_pem(&pem)
            .map_err(|e| format!("--ca {}: {e}", ca.display()))?;
        builder = builder.add_root_certificate(cert);
    }
    let http = builder.build().map_err(|e| e.to_string())?;
    let files: Files = runtime.block_on(async {
        let response = http
            .get(target.url("/api/session"))
            .bearer_auth(&target.token)
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .map_err(|e| lang.fill("join.unreachable", &[("why", &why(&e))]))?;
        match response.status() {
            s if s.is_success() => response.json::<Files>().await.map_err(|e| e.to_string()),
            reqwest::StatusCode::UNAUTHORIZED => Err(lang.text("join.unauthorized").to_owned()),
            s => Err(format!("{}: {s}", target.base)),
        }
    })?;
    // What the token allows, and the writer's clock, before anything is
    // written here: a display's link never touches a clerk's replica.
    let offset_ms = Arc::new(AtomicI64::new(0));
    let access = runtime.block_on(probe_access(&http, target, &offset_ms))?;
    if access == Access::Display && !display {
        return Err(lang.text("join.display_link").to_owned());
    }
    let session_name = Path::new(&files.session.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| "the server names no session file".to_owned())?;
    let (dir, replica_path) = match replica {
        Some(p) => (
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_owned(),
            p.to_owned(),
        ),
        None => {
            let dir = default_dir(&session_name)
                .ok_or_else(|| lang.text("join.no_data_dir").to_owned())?;
            let mut journal = crate::journal::default_path(&dir.join(&session_name));
            if display {
                // A display's own replica, so a display and a clerk on one
                // laptop do not share one.
                journal = crate::fsio::with_suffix(&journal, ".display");
            }
            (dir, journal)
        }
    };
    let session = inside(&dir, &session_name)?;
    keep_file(&session, &files.session.text, lang)?;
    if let Some(council) = &files.council {
        keep_file(&inside(&dir, &council.name)?, &council.text, lang)?;
    }
    let (replica, records) = Replica::open(&replica_path).map_err(|e| e.message(lang))?;
    let seen: HashSet<String> = records.iter().filter_map(|r| r.client.clone()).collect();
    let pending_file = pending_path(&replica_path);
    let pending: VecDeque<Pending> = read_pending(&pending_file)
        .into_iter()
        .filter(|p| !seen.contains(&p.id))
        .collect();
    let shared = Arc::new(Mutex::new(Shared {
        incoming: Incoming::default(),
        connected: false,
        pending,
        seen,
        fatal: None,
        header_checked: false,
    }));
    let notify = Arc::new(tokio::sync::Notify::new());
    let worker = Worker {
        replica: Mutex::new(replica),
        http,
        target: target.clone(),
        shared: shared.clone(),
        notify: notify.clone(),
        offset_ms: offset_ms.clone(),
        wake,
        pending_file: pending_file.clone(),
        lang,
    };
    std::thread::Builder::new()
        .name("hamer-join".to_owned())
        .spawn(move || {
            runtime.block_on(async move {
                let worker = Arc::new(worker);
                tokio::join!(worker.clone().follow(), worker.clone().deliver());
            });
        })
        .map_err(|e| e.to_string())?;
    Ok(Joined {
        session,
        replica: replica_path,
        records,
        link: RemoteLink {
            shared,
            notify,
            pending_file,
            access,
        },
        offset_ms,
        access,
    })
}

/// What the token allows: the journal stream's `hello` says so, with the
/// writer's clock (the offset is kept).
async fn probe_access(
    http: &reqwest::Client,
    target: &Target,
    offset_ms: &AtomicI64,
) -> Result<Access, String> {
    let clock = RunningClock::new();
    let t0 = clock.now().timestamp_millis();
    let response = http
        .get(target.url("/api/events"))
        .bearer_auth(&target.token)
        .header("Last-Event-ID", u64::MAX.to_string())
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let mut stream = response.bytes_stream().eventsource();
    match tokio::time::timeout(SILENCE, stream.next()).await {
        Ok(Some(Ok(event))) if event.event == "hello" => {
            let hello = serde_json::from_str::<Hello>(&event.data).map_err(|e| e.to_string())?;
            let t1 = clock.now().timestamp_millis();
            offset_ms.store(hello.now_ms - (t0 + (t1 - t0) / 2), Ordering::Relaxed);
            Ok(hello.access)
        }
        _ => Err("the server did not say hello".to_owned()),
    }
}

struct Worker {
    /// Only the stream's task writes it; apart from what the screen
    /// locks, so a slow flush of the disk never holds back a frame.
    replica: Mutex<Replica>,
    http: reqwest::Client,
    target: Target,
    shared: Arc<Mutex<Shared>>,
    notify: Arc<tokio::sync::Notify>,
    offset_ms: Arc<AtomicI64>,
    wake: Arc<dyn Fn() + Send + Sync>,
    pending_file: PathBuf,
    lang: Lang,
}

impl Worker {
    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn replica(&self) -> std::sync::MutexGuard<'_, Replica> {
        self.replica.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The link cannot work until someone acts: say why (on the clerk's
    /// screen), stop sending; the pending actions stay on disk.
    fn broken(&self, why: String) {
        {
            let mut s = self.lock();
            s.incoming.broken = Some(why.clone());
            s.fatal = Some(why);
            s.connected = false;
        }
        self.notify.notify_one();
        (self.wake)();
    }

    fn set_connected(&self, connected: bool) {
        let mut s = self.lock();
        if s.connected != connected {
            s.connected = connected;
            drop(s);
            (self.wake)();
        }
    }

    /// Follow the journal stream, and make it again whenever it drops.
    async fn follow(self: Arc<Self>) {
        let clock = RunningClock::new();
        let mut tries = 0usize;
        loop {
            match self.follow_once(&clock).await {
                // It was up a while: try again at once.
                Ok(true) => tries = 0,
                Ok(false) => {}
                Err(Fatal(why)) => {
                    self.broken(why);
                    return;
                }
            }
            self.set_connected(false);
            let wait = BACKOFF_MS[tries.min(BACKOFF_MS.len() - 1)];
            tries += 1;
            tokio::time::sleep(Duration::from_millis(wait)).await;
        }
    }

    /// One connection of the journal stream, until it ends or falls
    /// silent; true when it was up. `Err` only for what no retry mends.
    async fn follow_once(&self, clock: &RunningClock) -> Result<bool, Fatal> {
        // The last record is asked for again: the writer's copy of it
        // must be the replica's, or the two are of different histories.
        let after = self.replica().last_seq().saturating_sub(1);
        let t0 = clock.now();
        let sent = self
            .http
            .get(self.target.url("/api/events"))
            .bearer_auth(&self.target.token)
            .header("Last-Event-ID", after.to_string())
            .send()
            .await;
        let Ok(response) = sent else {
            return Ok(false);
        };
        if response.status() == reqwest::StatusCode::UNAUTHORIZED {
            return Err(Fatal(self.lang.text("join.unauthorized").to_owned()));
        }
        if !response.status().is_success() {
            return Ok(false);
        }
        let mut stream = response.bytes_stream().eventsource();
        let mut up = false;
        loop {
            let next = tokio::time::timeout(SILENCE, stream.next()).await;
            let event = match next {
                Ok(Some(Ok(event))) => event,
                _ => return Ok(up),
            };
            match event.event.as_str() {
                "hello" => {
                    if let Ok(hello) = serde_json::from_str::<Hello>(&event.data) {
                        if hello.last_seq < self.replica().last_seq() {
                            // The replica is further along than the
                            // writer's journal: another history.
                            return self.start_over(clock);
                        }
                        // The writer's clock, seen halfway the request.
                        let t1 = clock.now();
                        let mid = t0.timestamp_millis()
                            + (t1.timestamp_millis() - t0.timestamp_millis()) / 2;
                        self.offset_ms.store(hello.now_ms - mid, Ordering::Relaxed);
                    }
                    up = true;
                    self.set_connected(true);
                    // Actions that waited for the link go now.
                    self.notify.notify_one();
                }
                "header" => {
                    let mut replica = self.replica();
                    let mut s = self.lock();
                    let old = replica.header_line().map(str::to_owned);
                    if s.header_checked
                        && let Some(old) = &old
                        && old != &event.data
                        && session_hash(old) != session_hash(&event.data)
                    {
                        // Another session file on the chair's laptop since
                        // this screen began: its plan is not that session's.
                        // (At the start, a replica of another journal is
                        // moved aside below, and the plan is the server's.)
                        return Err(Fatal(self.lang.text("join.session_changed").to_owned()));
                    }
                    let began = match replica.begin(&event.data, clock.now()) {
                        Ok(began) => began,
                        Err(e) => return Err(Fatal(e.message(self.lang))),
                    };
                    if began && old.is_some() {
                        // The writer started anew (`--fresh`): the replica
                        // began anew, the old one kept aside, and so are
                        // the actions still pending for the old journal.
                        // (Moved as the replica is: never over a file.)
                        let _ = crate::journal::move_aside(
                            &self.pending_file,
                            &format!(".{}", clock.now().format("%Y%m%d-%H%M%S")),
                        );
                        s.pending.clear();
                        s.incoming.reset = true;
                        s.incoming.records.clear();
                        s.seen.clear();
                        drop(s);
                        drop(replica);
                        (self.wake)();
                        return Ok(true);
                    }
                    s.header_checked = true;
                    drop(s);
                    drop(replica);
                    // Actions that waited for the header go now.
                    self.notify.notify_one();
                }
                _ => {
                    if self.replica().diverges(&event.data) {
                        return self.start_over(clock);
                    }
                    // Written, shown, then flushed: the writer has it on
                    // its disk already, so the clerk's screen need not
                    // wait for this one's.
                    let appended = match self.replica().append_unsynced(&event.data) {
                        Ok(appended) => appended,
                        // A gap or a line that cannot be read: start the
                        // stream again from what the replica has.
                        // (Not as "up": a line this hamer cannot read
                        // comes again, so the waits between tries grow.)
                        Err(JournalError::BadLine { .. }) => return Ok(false),
                        Err(e) => return Err(Fatal(e.message(self.lang))),
                    };
                    if let Some(record) = appended {
                        {
                            let mut s = self.lock();
                            if let Some(id) = &record.client {
                                s.seen.insert(id.clone());
                                if s.pending.front().is_some_and(|p| &p.id == id) {
                                    s.pending.pop_front();
                                }
                            }
                            s.incoming.records.push(record);
                        }
                        (self.wake)();
                        if let Err(e) = self.replica().sync() {
                            return Err(Fatal(e.message(self.lang)));
                        }
                    }
                }
            }
        }
    }

    /// The replica is of another history than the writer's journal (the
    /// same header, other events: a fail-over elsewhere): it is moved
    /// aside and begins anew from the writer's journal; the screen reads
    /// it all again. The clerk's pending actions stay.
    fn start_over(&self, clock: &RunningClock) -> Result<bool, Fatal> {
        if let Err(e) = self.replica().restart(clock.now()) {
            return Err(Fatal(e.message(self.lang)));
        }
        let mut s = self.lock();
        s.incoming.reset = true;
        s.incoming.records.clear();
        s.seen.clear();
        s.header_checked = false;
        drop(s);
        (self.wake)();
        Ok(true)
    }

    /// Send the pending actions, in order, one at a time; each stays in
    /// the pending file until the writer answered it.
    async fn deliver(self: Arc<Self>) {
        let mut tries = 0usize;
        // The pending file holds what the list held when last written.
        let mut written: Option<usize> = None;
        loop {
            let next = {
                let mut s = self.lock();
                // Answered already (the answer was lost, the event came).
                while s.pending.front().is_some_and(|p| s.seen.contains(&p.id)) {
                    s.pending.pop_front();
                }
                if written != Some(s.pending.len()) {
                    let left: Vec<Pending> = s.pending.iter().cloned().collect();
                    if rewrite_pending(&self.pending_file, &left).is_ok() {
                        written = Some(left.len());
                    }
                }
                // Nothing goes before the replica is known to be of the
                // writer's journal, nor once the link is broken.
                if s.header_checked && s.fatal.is_none() {
                    s.pending.front().cloned()
                } else {
                    None
                }
            };
            let Some(next) = next else {
                self.notify.notified().await;
                continue;
            };
            match self.post(&next).await {
                Posted::Answered(answer) => {
                    tries = 0;
                    let mut s = self.lock();
                    if s.pending.front().is_some_and(|p| p.id == next.id) {
                        s.pending.pop_front();
                    }
                    if let Some(why) = answer {
                        s.incoming.refused.push(why);
                    }
                    drop(s);
                    (self.wake)();
                }
                Posted::Broken(why) => self.broken(why),
                Posted::Again => {
                    // Not answered: the same action, with the same id, later.
                    let wait = BACKOFF_MS[tries.min(BACKOFF_MS.len() - 1)];
                    tries += 1;
                    let _ =
                        tokio::time::timeout(Duration::from_millis(wait), self.notify.notified())
                            .await;
                }
            }
        }
    }

    /// Post one action, and what its answer means for it.
    async fn post(&self, pending: &Pending) -> Posted {
        let body = super::server::Posted {
            id: pending.id.clone(),
            action: pending.action.clone(),
            lang: Some(self.lang),
        };
        let response = self
            .http
            .post(self.target.url("/api/actions"))
            .bearer_auth(&self.target.token)
            .json(&body)
            .timeout(Duration::from_secs(15))
            .send()
            .await;
        let Ok(response) = response else {
            return Posted::Again;
        };
        let status = response.status();
        let answer = response.json::<Answer>().await.ok();
        let why = || {
            answer
                .and_then(|a| a.why)
                .unwrap_or_else(|| status.to_string())
        };
        match status {
            s if s.is_success() => Posted::Answered(None),
            // Refused for good: the action does not fit the session now.
            reqwest::StatusCode::CONFLICT
            | reqwest::StatusCode::UNPROCESSABLE_ENTITY
            | reqwest::StatusCode::PAYLOAD_TOO_LARGE
            | reqwest::StatusCode::BAD_REQUEST => Posted::Answered(Some(why())),
            // The link, not the action: kept, and said.
            reqwest::StatusCode::UNAUTHORIZED => {
                Posted::Broken(self.lang.text("join.unauthorized").to_owned())
            }
            reqwest::StatusCode::FORBIDDEN => Posted::Broken(why()),
            // Busy, a full disk on the chair's laptop, a proxy: later.
            _ => Posted::Again,
        }
    }
}

/// What an answer to a posted action means for it.
enum Posted {
    /// Done (`None`) or refused for good (why).
    Answered(Option<String>),
    /// Not answered, or not now: the same action, same id, later.
    Again,
    /// The link cannot carry actions until someone acts (a token refused).
    Broken(String),
}

/// An error with its causes ("error sending request" says little; the
/// refused connection or the untrusted certificate behind it says what to
/// do).
fn why(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// The session hash a journal's header line names (empty when unreadable).
fn session_hash(header: &str) -> String {
    ron::from_str::<crate::journal::Header>(header)
        .map(|h| h.session_hash)
        .unwrap_or_default()
}

/// Why a link cannot work at all.
struct Fatal(String);

#[cfg(test)]
mod tests {
    use super::*;

    /// Once `send` returned, the action is in the pending file, so a clerk
    /// who quits while the writer is unreachable leaves it for the
    /// takeover. The sending loop rewrites that file on each of its tries
    /// (here many: every post is refused at once); no try may drop an
    /// action being added meanwhile.
    #[test]
    fn an_action_sent_is_in_the_pending_file_whatever_the_sending_loop_does() {
        let dir = tempfile::tempdir().unwrap();
        let replica_path = dir.path().join("r.journal");
        let (replica, _) = Replica::open(&replica_path).unwrap();
        // A port nothing listens on: every post fails at once.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let target = Target::parse(&format!("http://127.0.0.1:{port}/?t=x")).unwrap();
        let shared = Arc::new(Mutex::new(Shared {
            incoming: Incoming::default(),
            connected: false,
            pending: VecDeque::new(),
            seen: HashSet::new(),
            fatal: None,
            header_checked: true,
        }));
        let notify = Arc::new(tokio::sync::Notify::new());
        let pending_file = pending_path(&replica_path);
        let worker = Arc::new(Worker {
            replica: Mutex::new(replica),
            http: reqwest::Client::new(),
            target,
            shared: shared.clone(),
            notify: notify.clone(),
            offset_ms: Arc::new(AtomicI64::new(0)),
            wake: Arc::new(|| {}),
            pending_file: pending_file.clone(),
            lang: Lang::Nl,
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        std::thread::spawn(move || runtime.block_on(worker.deliver()));
        let mut link = RemoteLink {
            shared,
            notify,
            pending_file: pending_file.clone(),
            access: Access::Clerk,
        };
        for n in 0..200 {
            link.send(Action::Note(format!("noot {n}"))).unwrap();
            let on_disk = read_pending(&pending_file);
            assert_eq!(on_disk.len(), n + 1, "after the note {n}: {on_disk:?}");
        }
    }
}
