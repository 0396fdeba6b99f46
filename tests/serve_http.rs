//! The HTTP side of `hamer run --serve`, against the real binary in tmux
//! on a free loopback port: every route refuses a missing or wrong token
//! and says nothing more; the display's token gets the page but may not
//! act; the clerk's actions are answered with their seq, once per id; a
//! huge body and a burst of requests are refused while the chair's screen
//! keeps counting its seconds; the journal stream is the journal.
//!
//! The tests take turns (one lock): the burst measures the chair's screen,
//! which the other tests' leaders would slow down on a small machine.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::{Value, json};

mod common;
#[path = "common/serve.rs"]
mod serve;
use serve::{Leader, SseReader, client, runtime, speaker_seconds};

static TURN: Mutex<()> = Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

/// Every route, as (method, path).
const ROUTES: [(&str, &str); 6] = [
    ("GET", "/"),
    ("GET", "/display"),
    ("GET", "/api/events"),
    ("GET", "/api/display"),
    ("GET", "/api/session"),
    ("POST", "/api/actions"),
];

/// A request on a route; a POST carries a valid clerk's note.
fn request(http: &reqwest::Client, method: &str, url: &str, id: &str) -> reqwest::RequestBuilder {
    let r = match method {
        "POST" => http
            .post(url)
            .json(&json!({"id": id, "action": {"Note": "ongeautoriseerd"}})),
        _ => http.get(url),
    };
    r.timeout(Duration::from_secs(5))
}

/// A 401 that gives nothing away: the bare words, no page, no JSON, no
/// token.
async fn assert_refused(resp: reqwest::Response, what: &str, tokens: &[&str]) {
    assert_eq!(resp.status(), 401, "{what}");
    let kind = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_owned())
        .unwrap_or_default();
    assert!(
        !kind.contains("html") && !kind.contains("json") && !kind.contains("event-stream"),
        "{what}: content-type {kind}"
    );
    let body = resp.text().await.expect("a body");
    assert_eq!(body.trim(), "401 Unauthorized", "{what}");
    for t in tokens {
        assert!(!body.contains(t), "{what}: a token in the body");
    }
}

/// A note as the clerk posts it; (status, answer).
async fn post_note(
    http: &reqwest::Client,
    leader: &Leader,
    token: &str,
    id: &str,
    text: &str,
) -> (u16, Value) {
    post_action(http, leader, token, id, json!({ "Note": text })).await
}

async fn post_action(
    http: &reqwest::Client,
    leader: &Leader,
    token: &str,
    id: &str,
    action: Value,
) -> (u16, Value) {
    let resp = http
        .post(format!("{}/api/actions", leader.base))
        .bearer_auth(token)
        .json(&json!({ "id": id, "action": action, "lang": "nl" }))
        .timeout(Duration::from_secs(15))
        .send()
        .await
        .expect("an answer");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("a body");
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

/// Lines of the journal that carry this client id.
fn lines_with_id(leader: &Leader, id: &str) -> usize {
    let quoted = format!("\"{id}\"");
    leader
        .journal_lines()
        .iter()
        .filter(|l| l.contains(&quoted))
        .count()
}

#[test]
fn tokens_decide_who_may_do_what() {
    let _turn = turn();
    let leader = Leader::start("serve-tokens");
    let http = client();
    let all = [
        leader.chair.as_str(),
        leader.clerk.as_str(),
        leader.display.as_str(),
    ];
    let clerk = leader.clerk.clone();
    let wrong = [
        ("no token", None),
        ("an empty token", Some(String::new())),
        (
            "a made-up token",
            Some("0123456789abcdef0123456789abcdef".to_owned()),
        ),
        ("one char short", Some(clerk[..clerk.len() - 1].to_owned())),
        ("one char more", Some(format!("{clerk}0"))),
        ("upper case", Some(clerk.to_uppercase())),
        ("the first half", Some(clerk[..16].to_owned())),
    ];
    assert_ne!(clerk, clerk.to_uppercase(), "a token with letters");
    let journal_before = std::fs::read(leader.journal()).unwrap();
    runtime().block_on(async {
        for (method, path) in ROUTES {
            for (what, token) in &wrong {
                let what = format!("{method} {path} with {what}");
                // In the query.
                let url = leader.url(path, token.as_deref());
                let resp = request(&http, method, &url, "unauth-1").send().await;
                assert_refused(resp.expect("an answer"), &what, &all).await;
                // As a bearer token.
                if let Some(token) = token {
                    let url = leader.url(path, None);
                    let resp = request(&http, method, &url, "unauth-2")
                        .bearer_auth(token)
                        .send()
                        .await;
                    assert_refused(resp.expect("an answer"), &format!("{what} (bearer)"), &all)
                        .await;
                }
            }
        }
        // Nothing of the refused posts was written.
        assert_eq!(std::fs::read(leader.journal()).unwrap(), journal_before);

        // The display's token: the page, all of it its own (no other
        // origin), never cached; no actions.
        for path in ["/", "/display"] {
            let resp = http
                .get(leader.url(path, Some(&leader.display)))
                .timeout(Duration::from_secs(5))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 200, "{path}");
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_owned())
                    .unwrap_or_default()
            };
            assert!(header("content-type").starts_with("text/html"), "{path}");
            assert_eq!(header("cache-control"), "no-store", "{path}");
            assert_eq!(header("referrer-policy"), "no-referrer", "{path}");
            assert!(header("content-security-policy").contains("default-src 'none'"));
            let page = resp.text().await.unwrap();
            assert!(page.contains("id=\"time\"") && page.contains("id=\"who\""));
            assert!(!page.contains("://"), "an external URL in the page");
        }
        // The display's link from the links file works as it is.
        let resp = http.get(leader.link("display")).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        let (status, answer) = post_note(&http, &leader, &leader.display, "disp-1", "x").await;
        assert_eq!(status, 403, "{answer}");
        assert_eq!(lines_with_id(&leader, "disp-1"), 0);

        // The clerk's note: its seq, once however often it is sent.
        let (status, first) = post_note(
            &http,
            &leader,
            &leader.clerk,
            "clerk-note-1",
            "Eerste notitie",
        )
        .await;
        assert_eq!(status, 200, "{first}");
        let seq = first["seq"].as_u64().expect("a seq");
        assert!(seq >= 1);
        let (status, again) = post_note(
            &http,
            &leader,
            &leader.clerk,
            "clerk-note-1",
            "Eerste notitie",
        )
        .await;
        assert_eq!((status, again["seq"].as_u64()), (200, Some(seq)), "{again}");
        assert_eq!(lines_with_id(&leader, "clerk-note-1"), 1);
        let lines = leader.journal_lines();
        assert!(
            lines[seq as usize].contains("Eerste notitie"),
            "{}",
            lines[seq as usize]
        );
        // The same id, another note: still the first one's seq, nothing new.
        let (status, other) =
            post_note(&http, &leader, &leader.clerk, "clerk-note-1", "Iets anders").await;
        assert_eq!((status, other["seq"].as_u64()), (200, Some(seq)), "{other}");
        assert_eq!(leader.journal_lines().len(), lines.len());

        // A chair's action from the clerk: refused, not written.
        let (status, answer) =
            post_action(&http, &leader, &leader.clerk, "clerk-open", json!("Open")).await;
        assert_eq!(status, 403, "{answer}");
        assert!(answer["why"].is_string(), "{answer}");
        assert_eq!(lines_with_id(&leader, "clerk-open"), 0);
        // The chair's token may.
        let (status, answer) =
            post_action(&http, &leader, &leader.chair, "chair-open", json!("Open")).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(lines_with_id(&leader, "chair-open"), 1);
    });
}

#[test]
fn a_huge_body_is_refused_unwritten() {
    let _turn = turn();
    let leader = Leader::start("serve-huge");
    let http = client();
    let before = std::fs::read(leader.journal()).unwrap();
    runtime().block_on(async {
        // A well-formed action of 10 MB.
        let note = "x".repeat(10 * 1024 * 1024);
        let body = serde_json::to_vec(&json!({"id": "huge-1", "action": {"Note": note}})).unwrap();
        let started = Instant::now();
        let resp = http
            .post(format!("{}/api/actions", leader.base))
            .bearer_auth(&leader.clerk)
            .header("content-type", "application/json")
            .body(body)
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .expect("an answer, not a broken connection");
        assert_eq!(resp.status(), 413);
        assert!(started.elapsed() < Duration::from_secs(5));
        // The same sent in chunks (no length said beforehand); a small note
        // in chunks is taken.
        for (id, size, want) in [
            ("chunked-1", 10 * 1024 * 1024, 413),
            ("chunked-2", 1000, 200),
        ] {
            let body = serde_json::to_vec(&json!({"id": id, "action": {"Note": "z".repeat(size)}}))
                .unwrap();
            let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                body.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
            let resp = http
                .post(format!("{}/api/actions", leader.base))
                .bearer_auth(&leader.clerk)
                .header("content-type", "application/json")
                .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
                    chunks,
                )))
                .timeout(Duration::from_secs(10))
                .send()
                .await
                .expect("an answer, not a broken connection");
            assert_eq!(resp.status(), want, "{id}");
        }
        // Just over the limit, the same; just under, the note is taken.
        for (id, size, want) in [("over-1", 65 * 1024, 413), ("under-1", 60 * 1024, 200)] {
            let note = "y".repeat(size);
            let (status, answer) = post_note(&http, &leader, &leader.clerk, id, &note).await;
            assert_eq!(status, want, "{size} bytes: {answer}");
        }
        // The server still answers; a small note is fine.
        let (status, answer) =
            post_note(&http, &leader, &leader.clerk, "after-huge", "klein").await;
        assert_eq!(status, 200, "{answer}");
    });
    assert_eq!(lines_with_id(&leader, "huge-1"), 0);
    assert_eq!(lines_with_id(&leader, "over-1"), 0);
    assert_eq!(lines_with_id(&leader, "under-1"), 1);
    assert_eq!(lines_with_id(&leader, "chunked-1"), 0);
    assert_eq!(lines_with_id(&leader, "chunked-2"), 1);
    let after = std::fs::read(leader.journal()).unwrap();
    assert_eq!(&after[..before.len()], &before[..]);
    let added = String::from_utf8_lossy(&after[before.len()..]);
    assert_eq!(added.lines().count(), 3, "only the notes within the limit");
    assert!(added.len() < 64 * 1024, "{}", added.len());
}

/// `n` GET requests on `url`, 50 at a time; how many got each status (0:
/// no answer).
async fn hammer(
    http: &reqwest::Client,
    url: &str,
    n: usize,
) -> std::collections::BTreeMap<u16, usize> {
    let statuses: Vec<u16> = futures_util::stream::iter(0..n)
        .map(|_| {
            let r = http.get(url).timeout(Duration::from_secs(10)).send();
            async move {
                match r.await {
                    Ok(resp) => {
                        let s = resp.status().as_u16();
                        let _ = resp.bytes().await;
                        s
                    }
                    Err(_) => 0,
                }
            }
        })
        .buffer_unordered(50)
        .collect()
        .await;
    let mut counts = std::collections::BTreeMap::new();
    for s in statuses {
        *counts.entry(s).or_default() += 1;
    }
    counts
}

#[test]
fn a_burst_is_limited_and_the_chair_keeps_its_second() {
    let _turn = turn();
    let leader = Leader::start("serve-burst");
    let shown = leader.start_speaker();
    assert!(speaker_seconds(&shown).is_some(), "{shown}");

    // The chair's screen, read every 50 ms while the burst runs.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let stop = stop.clone();
        let name = leader.tmux.name.clone();
        std::thread::spawn(move || {
            let pane = common::tmux::Tmux { name };
            let mut seen: Vec<(Instant, Option<u32>)> = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                seen.push((Instant::now(), speaker_seconds(&pane.capture())));
                std::thread::sleep(Duration::from_millis(50));
            }
            // Not ours to end: the leader's Tmux does.
            std::mem::forget(pane);
            seen
        })
    };
    std::thread::sleep(Duration::from_millis(1200));

    let http = client();
    let url = leader.url("/api/session", Some(&leader.clerk));
    // 1000 requests, 50 at a time; then more of the same until 3 s have
    // passed, so the chair's screen is watched under load across seconds.
    let (counts, burst, more, more_counts, no_token) = runtime().block_on(async {
        let started = Instant::now();
        let counts = hammer(&http, &url, 1000).await;
        let burst = started.elapsed();
        // The limit comes before the token: no 401 to count tokens by.
        let no_token = hammer(&http, &leader.url("/api/session", None), 200).await;
        let mut more = 0;
        let mut more_counts = std::collections::BTreeMap::<u16, usize>::new();
        while started.elapsed() < Duration::from_secs(3) {
            for (status, n) in hammer(&http, &url, 500).await {
                *more_counts.entry(status).or_default() += n;
            }
            more += 500;
        }
        (counts, burst, more, more_counts, no_token)
    });
    // The screen a little longer, to see a second or two after the burst.
    std::thread::sleep(Duration::from_millis(1500));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = watcher.join().unwrap();
    eprintln!("1000 requests in {burst:?}: {counts:?}; then {more} more: {more_counts:?}");
    // (a token comes back every 50 ms: a few get as far as the 401)
    let refused = no_token.get(&429).copied().unwrap_or(0);
    assert!(
        refused >= 150 && refused + no_token.get(&401).copied().unwrap_or(0) == 200,
        "limited before the token is looked at: {no_token:?}"
    );
    assert!(
        more_counts.keys().all(|s| [200, 429].contains(s)),
        "{more_counts:?}"
    );

    let ok = counts.get(&200).copied().unwrap_or(0);
    let limited = counts.get(&429).copied().unwrap_or(0);
    assert_eq!(ok + limited, 1000, "only 200 and 429: {counts:?}");
    assert!(limited >= 500, "most are refused: {counts:?}");
    // Burst of 100, then 20/s.
    let allowed = 100 + 20 * (burst.as_secs_f64().ceil() as usize + 1);
    assert!(
        (100..=allowed).contains(&ok),
        "{ok} passed in {burst:?}: {counts:?}"
    );

    // Each shown second followed the one before within 1.5 s.
    let mut changes: Vec<(Instant, u32)> = Vec::new();
    for (at, secs) in &seen {
        let secs = secs.unwrap_or_else(|| panic!("no time on the screen"));
        if changes.last().is_none_or(|(_, last)| *last != secs) {
            changes.push((*at, secs));
        }
    }
    let span = seen.last().unwrap().0 - seen[0].0;
    assert!(
        changes.len() as f64 >= span.as_secs_f64() - 1.5,
        "{} seconds shown in {span:?}",
        changes.len()
    );
    let longest = changes.windows(2).map(|w| w[1].0 - w[0].0).max();
    eprintln!(
        "the chair's screen: {} seconds in {span:?}, the longest shown {longest:?}",
        changes.len()
    );
    for w in changes.windows(2) {
        let ((a, sa), (b, sb)) = (w[0], w[1]);
        assert_eq!(sa + 1, sb, "the time went {sa} -> {sb}");
        assert!(
            b - a <= Duration::from_millis(1500),
            "{sa} showed for {:?}",
            b - a
        );
    }

    // The bucket refills: a normal request is answered again.
    runtime().block_on(async {
        let resp = http
            .get(&url)
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let files: Value = resp.json().await.unwrap();
        assert_eq!(files["session"]["name"], common::SEED);
        assert!(
            files["council"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
    });
}

#[test]
fn the_journal_stream_is_the_journal() {
    let _turn = turn();
    let leader = Leader::start("serve-events");
    let http = client();
    runtime().block_on(async {
        for i in 1..=3 {
            let (status, a) = post_note(
                &http,
                &leader,
                &leader.clerk,
                &format!("ev-{i}"),
                &format!("Notitie {i}"),
            )
            .await;
            assert_eq!(status, 200, "{a}");
        }
        let lines = leader.journal_lines();
        let records = &lines[1..];
        assert!(records.len() >= 3);
        let within = Duration::from_secs(5);

        // From the start: hello, the header, every record with its seq.
        let resp = http
            .get(leader.url("/api/events", None))
            .bearer_auth(&leader.clerk)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        assert!(
            resp.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        let mut stream = SseReader::new(resp);
        let hello = stream.next(within).await.expect("hello");
        assert_eq!(hello.event.as_deref(), Some("hello"));
        let hello: Value = serde_json::from_str(&hello.data).unwrap();
        assert_eq!(hello["access"], "clerk");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        let server_now = hello["now_ms"].as_i64().expect("now_ms");
        assert!((server_now - now).abs() < 2000, "{server_now} vs {now}");
        let header = stream.next(within).await.expect("the header");
        assert_eq!(header.event.as_deref(), Some("header"));
        assert_eq!(header.data, lines[0]);
        for (i, line) in records.iter().enumerate() {
            let ev = stream
                .next(within)
                .await
                .unwrap_or_else(|| panic!("record {}", i + 1));
            assert_eq!(ev.event, None);
            assert_eq!(ev.id.as_deref(), Some((i + 1).to_string().as_str()));
            assert_eq!(&ev.data, line);
        }
        // Nothing more, until something happens: then that, as it comes.
        assert_eq!(stream.next(Duration::from_millis(300)).await, None);
        let (_, a) = post_note(&http, &leader, &leader.clerk, "ev-live", "Live").await;
        let seq = a["seq"].as_u64().unwrap();
        let ev = stream.next(within).await.expect("the new record");
        assert_eq!(ev.id, Some(seq.to_string()));
        assert_eq!(ev.data, leader.journal_lines()[seq as usize]);

        // Resumed after seq 2: header, then the records from 3 on.
        let lines = leader.journal_lines();
        for resume in ["header", "query"] {
            let req = match resume {
                "header" => http
                    .get(leader.url("/api/events", Some(&leader.clerk)))
                    .header("Last-Event-ID", "2"),
                _ => http.get(format!(
                    "{}/api/events?from=2&t={}",
                    leader.base, leader.clerk
                )),
            };
            let mut stream = SseReader::new(req.send().await.unwrap());
            let hello = stream.next(within).await.unwrap();
            assert_eq!(hello.event.as_deref(), Some("hello"), "{resume}");
            let header = stream.next(within).await.unwrap();
            assert_eq!(header.data, lines[0], "{resume}");
            for (seq, line) in lines.iter().enumerate().skip(3) {
                let ev = stream.next(within).await.expect("a record");
                assert_eq!(ev.id, Some(seq.to_string()), "{resume}");
                assert_eq!(&ev.data, line, "{resume}");
            }
            assert_eq!(
                stream.next(Duration::from_millis(300)).await,
                None,
                "{resume}"
            );
        }

        // The display's token reads the same stream as a display.
        let mut stream = SseReader::new(
            http.get(leader.url("/api/events", Some(&leader.display)))
                .send()
                .await
                .unwrap(),
        );
        let hello: Value = serde_json::from_str(&stream.next(within).await.unwrap().data).unwrap();
        assert_eq!(hello["access"], "display");

        // The room display's stream: the server's clock, then the
        // snapshot; a change sends both again.
        let mut stream = SseReader::new(
            http.get(leader.url("/api/display", Some(&leader.display)))
                .send()
                .await
                .unwrap(),
        );
        let time = stream.next(within).await.expect("the time");
        assert_eq!(time.event.as_deref(), Some("time"));
        let time: Value = serde_json::from_str(&time.data).unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        assert!(
            (time["now_ms"].as_i64().unwrap() - now).abs() < 2000,
            "{time}"
        );
        let snapshot = stream.next(within).await.expect("a snapshot");
        assert_eq!(snapshot.event.as_deref(), Some("snapshot"));
        let snapshot: Value = serde_json::from_str(&snapshot.data).unwrap();
        assert_eq!(snapshot["v"], 1, "{snapshot}");
        assert_eq!(snapshot["mode"], "waiting", "{snapshot}");
        let (status, a) =
            post_action(&http, &leader, &leader.chair, "ev-open", json!("Open")).await;
        assert_eq!(status, 200, "{a}");
        let time = stream.next(within).await.expect("the time again");
        assert_eq!(time.event.as_deref(), Some("time"));
        let snapshot = stream.next(within).await.expect("the new snapshot");
        let snapshot: Value = serde_json::from_str(&snapshot.data).unwrap();
        assert_eq!(snapshot["mode"], "session", "{snapshot}");
    });
}

#[test]
fn a_long_journal_streams_in_full() {
    let _turn = turn();
    // More records than the server sends in one batch (512), written
    // before the leader starts.
    let (dir, session) = common::scratch();
    {
        let mut m = common::open(&session, hamer::clock::SystemClock);
        for i in 0..1100 {
            m.act(hamer::meeting::Action::Note(format!("Notitie {i}")))
                .expect("a note");
        }
    }
    let leader = Leader::start_in("serve-long", (dir, session));
    let http = client();
    runtime().block_on(async {
        let lines = leader.journal_lines();
        assert!(lines.len() > 1100, "{}", lines.len());
        let within = Duration::from_secs(5);
        for from in [0usize, 500, 1024] {
            let mut stream = SseReader::new(
                http.get(format!("{}/api/events?from={from}", leader.base))
                    .bearer_auth(&leader.clerk)
                    .send()
                    .await
                    .unwrap(),
            );
            assert_eq!(
                stream.next(within).await.unwrap().event.as_deref(),
                Some("hello")
            );
            assert_eq!(stream.next(within).await.unwrap().data, lines[0]);
            for (seq, line) in lines.iter().enumerate().skip(from + 1) {
                let ev = stream
                    .next(within)
                    .await
                    .unwrap_or_else(|| panic!("seq {seq}"));
                assert_eq!(ev.id, Some(seq.to_string()), "from {from}");
                assert_eq!(&ev.data, line, "from {from}");
            }
            assert_eq!(stream.next(Duration::from_millis(200)).await, None);
        }
    });
}
