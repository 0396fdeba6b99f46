//! A served leader for the network tests: `hamer run SEED --serve
//! 127.0.0.1:0 --tokens LINKS` in tmux, its links and tokens, an HTTP
//! client that never goes through a proxy, and a small reader of
//! Server-Sent Events with a timeout on every wait.
//!
//! Included with `#[path = "common/serve.rs"] mod serve;` next to `mod
//! common;`, so the other test files need not compile it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::common::tmux::Tmux;
use crate::common::{SEED, scratch};

/// `hamer run` serving the seed session on a free loopback port. The tmux
/// session ends when this is dropped (before the folder goes).
pub struct Leader {
    pub tmux: Tmux,
    pub session: PathBuf,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub chair: String,
    pub clerk: String,
    pub display: String,
    /// The links file's three lines: (access, URL).
    pub links: Vec<(String, String)>,
    pub dir: tempfile::TempDir,
}

impl Leader {
    /// Start the leader in a tmux session named `name` (made unique per
    /// test process) and wait (at most 15 s) for its links file.
    pub fn start(name: &str) -> Leader {
        Leader::start_in(name, scratch())
    }

    /// As [`Leader::start`], on a scratch folder made before (its session
    /// and journal as they are).
    pub fn start_in(name: &str, (dir, session): (tempfile::TempDir, PathBuf)) -> Leader {
        let links_file = dir.path().join("links.txt");
        let bin = env!("CARGO_BIN_EXE_hamer");
        let cmd = format!("{bin} run {SEED} --serve 127.0.0.1:0 --tokens links.txt");
        let tmux = Tmux::start(&format!("{name}-{}", std::process::id()), dir.path(), &cmd);
        let deadline = Instant::now() + Duration::from_secs(15);
        let text = loop {
            if let Ok(text) = std::fs::read_to_string(&links_file)
                && text.lines().count() >= 3
                && text.ends_with('\n')
            {
                break text;
            }
            assert!(
                Instant::now() < deadline,
                "no links file after 15 s; the screen is:\n{}",
                tmux.capture()
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let links: Vec<(String, String)> = text
            .lines()
            .map(|l| {
                let (access, url) = l.split_once(' ').expect("`access URL`");
                (access.to_owned(), url.to_owned())
            })
            .collect();
        let url_of = |access: &str| {
            links
                .iter()
                .find(|(a, _)| a == access)
                .unwrap_or_else(|| panic!("no {access} link in:\n{text}"))
                .1
                .clone()
        };
        let token_of = |access: &str| {
            let url = url_of(access);
            url.split_once("?t=")
                .unwrap_or_else(|| panic!("no token in {url}"))
                .1
                .to_owned()
        };
        let clerk_url = url_of("clerk");
        let rest = clerk_url.strip_prefix("http://").expect("an http:// link");
        let host = &rest[..rest.find('/').expect("a path")];
        assert!(
            host.starts_with("127.0.0.1:"),
            "loopback only, the link is {clerk_url}"
        );
        Leader {
            base: format!("http://{host}"),
            chair: token_of("chair"),
            clerk: token_of("clerk"),
            display: token_of("display"),
            links,
            tmux,
            session,
            dir,
        }
    }

    /// The leader's journal (beside the session).
    pub fn journal(&self) -> PathBuf {
        self.session.with_extension("journal")
    }

    /// The journal's lines (header first), without a byte order mark.
    pub fn journal_lines(&self) -> Vec<String> {
        let bytes = std::fs::read(self.journal()).expect("read the journal");
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec())
            .expect("the journal is UTF-8")
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// `base + path`, with `?t=token` when given.
    pub fn url(&self, path: &str, token: Option<&str>) -> String {
        match token {
            Some(t) => format!("{}{path}?t={t}", self.base),
            None => format!("{}{path}", self.base),
        }
    }

    /// The link of an access as the links file has it.
    pub fn link(&self, access: &str) -> String {
        self.links
            .iter()
            .find(|(a, _)| a == access)
            .expect("a link")
            .1
            .clone()
    }

    /// Open the session (`o`), go to the portfolio holder's round (`]`
    /// four times), add the portfolio holder (`w`) and start them: a
    /// speaker's time runs (counting up: that round has no limit). The
    /// screen once it does.
    pub fn start_speaker(&self) -> String {
        let t = &self.tmux;
        t.wait_for("NIET GEOPEND");
        t.keys(&["o"]);
        t.wait_for("LOOPT");
        t.keys(&["]", "]", "]", "]"]);
        t.wait_for("▶ Reactie portefeuillehouder");
        t.keys(&["w", "Enter", "Enter"]);
        t.wait_for("SPREEKT")
    }
}

/// The speaker's time in seconds as the chair's screen shows it, next to
/// "SPREEKT" ("SPREEKT   0:07 gesproken" or "SPREEKT   nog 4:57").
pub fn speaker_seconds(screen: &str) -> Option<u32> {
    let at = screen.find("SPREEKT")?;
    let rest = screen[at + "SPREEKT".len()..].trim_start();
    let rest = rest.strip_prefix("nog ").unwrap_or(rest);
    let time: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (m, s) = time.split_once(':')?;
    Some(m.parse::<u32>().ok()? * 60 + s.parse::<u32>().ok()?)
}

/// A current-thread tokio runtime for a test's HTTP side.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// An HTTP client for loopback: no proxy from the environment, and every
/// request bounded in time (streams are read with their own timeouts).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("an HTTP client")
}

/// One Server-Sent Event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sse {
    pub event: Option<String>,
    pub id: Option<String>,
    pub data: String,
}

/// Reads the events of a streaming response, skipping comments
/// (keep-alives).
pub struct SseReader {
    response: reqwest::Response,
    buf: Vec<u8>,
}

impl SseReader {
    pub fn new(response: reqwest::Response) -> SseReader {
        SseReader {
            response,
            buf: Vec::new(),
        }
    }

    /// The next event, or None when none came within `within` or the
    /// stream ended.
    pub async fn next(&mut self, within: Duration) -> Option<Sse> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            while let Some(end) = self.buf.windows(2).position(|w| w == b"\n\n") {
                let block: Vec<u8> = self.buf.drain(..end + 2).collect();
                let block = String::from_utf8(block).expect("an event is UTF-8");
                if let Some(event) = parse_event(&block) {
                    return Some(event);
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await;
            match chunk {
                Ok(Ok(Some(bytes))) => self.buf.extend_from_slice(&bytes),
                _ => return None,
            }
        }
    }
}

/// An event's block of lines; None for a comment only.
fn parse_event(block: &str) -> Option<Sse> {
    let mut event = Sse::default();
    let mut data: Vec<&str> = Vec::new();
    let mut any = false;
    for line in block.lines() {
        if line.is_empty() || line.starts_with(':') {
            continue;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        any = true;
        match field {
            "event" => event.event = Some(value.to_owned()),
            "id" => event.id = Some(value.to_owned()),
            "data" => data.push(value),
            _ => {}
        }
    }
    event.data = data.join("\n");
    any.then_some(event)
}
