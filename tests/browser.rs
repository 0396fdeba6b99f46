//! The room display's web page in a real browser: headless Chromium loads
//! the display's link from a served `hamer run` (in tmux, loopback only)
//! while a speaker's time runs, and the page shows the speaker and a time
//! that moves on. Without the token there is no page.
//!
//! Skipped (loudly) only when Chromium is missing and HAMER_NEED_BROWSER
//! is not set; .ci/run installs Chromium and sets it.
#![cfg(unix)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;
#[path = "common/serve.rs"]
mod serve;
use serve::{Leader, client, runtime};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The browser, or None (after saying so) when the test may be skipped.
fn browser() -> Option<&'static str> {
    if Path::new(CHROMIUM).exists() {
        return Some(CHROMIUM);
    }
    assert!(
        std::env::var_os("HAMER_NEED_BROWSER").is_none(),
        "HAMER_NEED_BROWSER is set but {CHROMIUM} is missing (apt-get install chromium)"
    );
    eprintln!(
        "\n!!! SKIPPED: the browser test needs {CHROMIUM} (apt-get install chromium); \
         set HAMER_NEED_BROWSER=1 to fail instead !!!\n"
    );
    None
}

/// The flags every run of the browser gets: headless, as root, nothing
/// from the network but the page asked for.
const FLAGS: [&str; 10] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
    "--disable-dev-shm-usage",
];

/// Headless Chromium with a fresh profile, in a process group of its own;
/// the whole group is killed when this is dropped.
struct Browser {
    child: Child,
    profile: tempfile::TempDir,
}

impl Browser {
    fn start(bin: &str, extra: &[&str], url: &str) -> Browser {
        let profile = tempfile::tempdir().expect("a profile folder");
        let child = Command::new(bin)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start chromium");
        Browser { child, profile }
    }

    /// Wait (at most 20 s) for the browser to end by itself; its output.
    fn output(mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.child.try_wait().expect("wait for chromium").is_none() {
            assert!(
                Instant::now() < deadline,
                "chromium did not end within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut out = String::new();
        if let Some(mut stdout) = self.child.stdout.take() {
            stdout.read_to_string(&mut out).expect("chromium's output");
        }
        out
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
    }
}

/// The DOM of a page once it has loaded (`--dump-dom`): enough for a page
/// that is all there when it loads (a refusal), not for the display,
/// whose snapshot comes later over its stream.
fn dump_dom(bin: &str, url: &str) -> String {
    Browser::start(bin, &["--dump-dom"], url).output()
}

/// A page in the browser, driven over the DevTools protocol (a WebSocket
/// on loopback, spoken here in a few lines): the display's page keeps its
/// stream open, so the browser is asked what it shows while it runs.
struct Page {
    ws: TcpStream,
    next_id: u64,
    _browser: Browser,
}

impl Page {
    fn open(bin: &str, url: &str) -> Page {
        let browser = Browser::start(bin, &["--remote-debugging-port=0"], url);
        // The port the browser chose, in its profile.
        let active = browser.profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + Duration::from_secs(15);
        let port: u16 = loop {
            if let Ok(text) = std::fs::read_to_string(&active)
                && let Some(Ok(port)) = text.lines().next().map(str::parse)
            {
                break port;
            }
            assert!(Instant::now() < deadline, "no DevTools port from chromium");
            std::thread::sleep(Duration::from_millis(50));
        };
        // The page's target.
        let ws_url = loop {
            let list = http_get(port, "/json/list");
            let targets: Value = serde_json::from_str(&list).unwrap_or(Value::Null);
            let found = targets.as_array().and_then(|ts| {
                ts.iter()
                    .find(|t| t["type"] == "page" && t["url"].as_str() == Some(url))
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str())
                    .map(str::to_owned)
            });
            if let Some(found) = found {
                break found;
            }
            assert!(Instant::now() < deadline, "no page {url} in {list}");
            std::thread::sleep(Duration::from_millis(100));
        };
        let path = &ws_url[ws_url.find("/devtools/").expect("a DevTools path")..];
        let mut ws = TcpStream::connect(("127.0.0.1", port)).expect("connect to DevTools");
        ws.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            ws,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: aGFtZXItdGVzdC1rZXkxMg==\r\n\
             Sec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let head = read_head(&mut ws);
        assert!(head.starts_with("HTTP/1.1 101"), "{head}");
        Page {
            ws,
            next_id: 1,
            _browser: browser,
        }
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let call = json!({
            "id": id,
            "method": "Runtime.evaluate",
            "params": {"expression": expression, "returnByValue": true},
        });
        send_text(&mut self.ws, &call.to_string());
        loop {
            let message: Value = serde_json::from_str(&read_message(&mut self.ws)).unwrap();
            if message["id"] == id {
                return message["result"]["result"]["value"].clone();
            }
        }
    }

    /// The texts of the speaker's name and the big time.
    fn shown(&mut self) -> (String, String) {
        let v = self.eval(
            "(function(){var t=function(i){var e=document.getElementById(i);\
             return e?e.textContent:null;};return [t('who'),t('time')];})()",
        );
        let text = |i: usize| v[i].as_str().unwrap_or_default().trim().to_owned();
        (text(0), text(1))
    }
}

/// GET on loopback with a plain socket (the DevTools list).
fn http_get(port: u16, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default()
}

/// An HTTP head, up to its empty line.
fn read_head(s: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        s.read_exact(&mut byte).expect("an HTTP head");
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// One WebSocket text frame from the client (masked, as it must be).
fn send_text(s: &mut TcpStream, text: &str) {
    let payload = text.as_bytes();
    let mut frame = vec![0x81u8];
    match payload.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n if n < 65536 => {
            frame.push(0x80 | 126);
            frame.extend((n as u16).to_be_bytes());
        }
        n => {
            frame.push(0x80 | 127);
            frame.extend((n as u64).to_be_bytes());
        }
    }
    let mask = [0x68u8, 0x61, 0x6d, 0x72];
    frame.extend(mask);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    s.write_all(&frame).expect("send to DevTools");
}

/// One WebSocket message from the browser (its frames joined).
fn read_message(s: &mut TcpStream) -> String {
    let mut message = Vec::new();
    loop {
        let mut head = [0u8; 2];
        s.read_exact(&mut head).expect("a frame from DevTools");
        let (fin, opcode) = (head[0] & 0x80 != 0, head[0] & 0x0f);
        let mut len = u64::from(head[1] & 0x7f);
        if len == 126 {
            let mut b = [0u8; 2];
            s.read_exact(&mut b).unwrap();
            len = u64::from(u16::from_be_bytes(b));
        } else if len == 127 {
            let mut b = [0u8; 8];
            s.read_exact(&mut b).unwrap();
            len = u64::from_be_bytes(b);
        }
        let mut mask = [0u8; 4];
        if head[1] & 0x80 != 0 {
            s.read_exact(&mut mask).unwrap();
        }
        let mut payload = vec![0u8; len as usize];
        s.read_exact(&mut payload).unwrap();
        for (i, b) in payload.iter_mut().enumerate() {
            *b ^= mask[i % 4];
        }
        match opcode {
            0x8 => panic!("DevTools closed the connection"),
            0x9 | 0xA => continue,
            _ => message.extend(payload),
        }
        if fin {
            return String::from_utf8(message).expect("a text message");
        }
    }
}

/// m:ss, or +m:ss for overtime.
fn is_mss(text: &str) -> bool {
    let t = text.strip_prefix('+').unwrap_or(text);
    t.split_once(':').is_some_and(|(m, s)| {
        !m.is_empty()
            && m.bytes().all(|b| b.is_ascii_digit())
            && s.len() == 2
            && s.bytes().all(|b| b.is_ascii_digit())
    })
}

#[test]
fn the_display_page_shows_the_speaker_in_a_browser() {
    let Some(bin) = browser() else { return };
    let leader = Leader::start("browser");
    let screen = leader.start_speaker();
    let url = leader.link("display");

    // The page, once its first snapshot came and it drew.
    let mut page = Page::open(bin, &url);
    let deadline = Instant::now() + Duration::from_secs(10);
    let (who, time) = loop {
        let (who, time) = page.shown();
        if !who.is_empty() && !time.is_empty() {
            break (who, time);
        }
        assert!(
            Instant::now() < deadline,
            "the page shows no speaker after 10 s: who {who:?}, time {time:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        screen.contains(&who),
        "the page shows {who:?}, the chair's screen:\n{screen}"
    );
    assert!(is_mss(&time), "time {time:?}");
    // The time moves on within 2 s, and again 1.2 s later.
    let changed = |page: &mut Page, from: &str| {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            let (_, now) = page.shown();
            if now != from {
                assert!(is_mss(&now), "time {now:?}");
                return now;
            }
            assert!(
                Instant::now() < deadline,
                "the time stood at {from} for 2 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let next = changed(&mut page, &time);
    std::thread::sleep(Duration::from_millis(1200));
    let (again_who, later) = page.shown();
    assert_ne!(later, next, "the time stood still for 1.2 s");
    assert_eq!(again_who, who);
    // The page counts as the chair's screen does, within a second.
    let chair = serve::speaker_seconds(&leader.tmux.capture()).expect("the chair's time");
    let (m, s) = later.split_once(':').unwrap();
    let shown = m.parse::<u32>().unwrap() * 60 + s.parse::<u32>().unwrap();
    assert!(chair.abs_diff(shown) <= 1, "page {later}, chair {chair} s");
    drop(page);

    // Without the token, or with a wrong one: no page.
    for url in [
        leader.url("/display", None),
        leader.url("/display", Some("0123456789abcdef0123456789abcdef")),
    ] {
        let dom = dump_dom(bin, &url);
        assert!(dom.contains("401 Unauthorized"), "{dom}");
        assert!(!dom.contains("id=\"time\""), "{dom}");
        assert!(!dom.contains(&leader.display), "{dom}");
    }
    // ... nor the display's stream.
    let http = client();
    runtime().block_on(async {
        for url in [
            leader.url("/api/display", None),
            leader.url("/api/display", Some(&leader.clerk[1..])),
        ] {
            let resp = http
                .get(&url)
                .timeout(Duration::from_secs(5))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 401);
            assert_eq!(resp.text().await.unwrap().trim(), "401 Unauthorized");
        }
    });
}
