//! The server of `hamer run --serve`: axum on a tokio runtime of its own
//! thread. The chair's loop stays the only writer: a clerk's action is
//! handed to it ([`Request`]) and answered only after it was written and
//! flushed. Routes (every one needs a token, `?t=` or `Authorization:
//! Bearer`; see docs/serve.md):
//!
//! - `GET /` and `GET /display`: the room display's web page;
//! - `GET /api/events`: the journal's lines as Server-Sent Events (`id:`
//!   the event's seq; `Last-Event-ID` or `?from=` resumes);
//! - `GET /api/display`: the room display's snapshots (SSE);
//! - `GET /api/session`: the session file and its council file;
//! - `POST /api/actions`: `{"id": "...", "action": {...}}` from the clerk
//!   (or the chair's own second laptop).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, Request as HttpRequest, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::Stream;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::{Deserialize, Serialize};

use super::hub::Hub;
use super::tokens::Tokens;
use crate::clock::Clock;
use crate::i18n::Lang;
use crate::meeting::Action;
use crate::meeting::remote::{Access, Reply, Request, Served};

/// The largest request body taken: a clerk's action with a long note.
pub const MAX_BODY: usize = 64 * 1024;
/// Requests per second per client, and the burst allowed above it.
pub const RATE_PER_SEC: u32 = 20;
pub const RATE_BURST: u32 = 100;
/// An oversized body is read (and thrown away) up to this much, within
/// [`DRAIN_WITHIN`], before the 413 is sent: a client that is still
/// sending when the answer comes would otherwise see a broken connection
/// instead of the answer (reqwest, and so `hamer join`, does), and send the
/// action again and again.
const DRAIN_MAX: u64 = 16 * 1024 * 1024;
const DRAIN_WITHIN: Duration = Duration::from_secs(5);
/// Keep-alive comments on the streams, so a client notices a dead link.
pub const KEEP_ALIVE: Duration = Duration::from_secs(5);
/// How long a request waits for the chair's loop to answer.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);
/// Records sent in one go to a stream that is catching up.
const BATCH: usize = 512;

/// The room display's page, embedded in the binary.
pub const DISPLAY_PAGE: &str = include_str!("../../assets/web/display.html");

/// What `hamer run --serve` needs to serve.
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub journal: PathBuf,
    /// The session file's name and bytes, for `GET /api/session`.
    pub session: (String, Vec<u8>),
    /// The council file as the session names it, and its bytes.
    pub council: Option<(String, Vec<u8>)>,
    pub tokens: Tokens,
    pub lang: Lang,
    /// `--tls-cert`, `--tls-key`: serve HTTPS with this certificate and
    /// key (PEM files), with rustls.
    pub tls: Option<(PathBuf, PathBuf)>,
}

/// The files a client needs to show the session.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Files {
    pub session: NamedText,
    pub council: Option<NamedText>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NamedText {
    pub name: String,
    pub text: String,
}

/// An action as a client posts it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Posted {
    pub id: String,
    pub action: Action,
    /// The language refusals are said in; the server's by default.
    #[serde(default)]
    pub lang: Option<Lang>,
}

/// The first message of the journal stream: the server's clock, and what
/// the token allows.
#[derive(Debug, Serialize, Deserialize)]
pub struct Hello {
    pub now_ms: i64,
    pub access: Access,
    /// The last event the journal has: a replica that is further along
    /// is of another history.
    #[serde(default)]
    pub last_seq: u64,
}

struct Shared {
    hub: Arc<Hub>,
    tokens: Tokens,
    files: Files,
    inbox: Arc<Mutex<Vec<Request>>>,
    wake: Arc<dyn Fn() + Send + Sync>,
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    lang: Lang,
    clock: crate::clock::RunningClock,
}

/// A running server: what the chair's loop needs of it.
pub struct Server {
    hub: Arc<Hub>,
    inbox: Arc<Mutex<Vec<Request>>>,
    links: Vec<(Access, String)>,
    addr: SocketAddr,
}

impl Server {
    /// The address the server listens on (the port chosen when 0 was
    /// asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Served for Server {
    fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut *self.inbox.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn changed(&mut self, display: String) {
        self.hub.refresh(Some(display));
    }

    fn links(&self) -> Vec<(Access, String)> {
        self.links.clone()
    }
}

/// The host for links: the address bound, or when bound to every address
/// (`0.0.0.0`), this machine's first address on a network.
fn link_host(addr: SocketAddr) -> String {
    let ip = if addr.ip().is_unspecified() {
        if_addrs::get_if_addrs()
            .ok()
            .and_then(|ifs| {
                ifs.into_iter()
                    .map(|i| i.ip())
                    .find(|ip| ip.is_ipv4() && !ip.is_loopback())
            })
            .unwrap_or(IpAddr::from([127, 0, 0, 1]))
    } else {
        addr.ip()
    };
    match ip {
        IpAddr::V6(v6) => format!("[{v6}]:{}", addr.port()),
        IpAddr::V4(v4) => format!("{v4}:{}", addr.port()),
    }
}

/// The three links, one per access.
pub fn links(addr: SocketAddr, tokens: &Tokens, tls: bool) -> Vec<(Access, String)> {
    let host = link_host(addr);
    let scheme = if tls { "https" } else { "http" };
    vec![
        (
            Access::Chair,
            format!("{scheme}://{host}/?t={}", tokens.chair),
        ),
        (
            Access::Clerk,
            format!("{scheme}://{host}/?t={}", tokens.clerk),
        ),
        (
            Access::Display,
            format!("{scheme}://{host}/display?t={}", tokens.display),
        ),
    ]
}

/// The TLS configuration of `--tls-cert` and `--tls-key`, read now so a
/// wrong file is said before the chair's screen starts.
fn tls_config(
    runtime: &tokio::runtime::Runtime,
    cert: &std::path::Path,
    key: &std::path::Path,
) -> Result<axum_server::tls_rustls::RustlsConfig, String> {
    // One crypto provider for the whole process (ring); installed once.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let read = |p: &std::path::Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let (cert_pem, key_pem) = (read(cert)?, read(key)?);
    runtime
        .block_on(axum_server::tls_rustls::RustlsConfig::from_pem(
            cert_pem, key_pem,
        ))
        .map_err(|e| {
            format!(
                "--tls-cert {} --tls-key {}: {e}",
                cert.display(),
                key.display()
            )
        })
}

/// Bind (so a taken port is said before the chair's screen starts) and
/// serve on a thread of its own. `wake` tells the chair's loop that a
/// request is waiting.
pub fn start(opts: ServeOptions, wake: Arc<dyn Fn() + Send + Sync>) -> Result<Server, String> {
    let listener = std::net::TcpListener::bind(opts.addr)
        .map_err(|e| format!("--serve {}: {e}", opts.addr))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("--serve {}: {e}", opts.addr))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("--serve {}: {e}", opts.addr))?;
    let hub = Hub::new(opts.journal.clone());
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let files = Files {
        session: NamedText {
            name: opts.session.0.clone(),
            text: text(&opts.session.1),
        },
        council: opts.council.as_ref().map(|(name, bytes)| NamedText {
            name: name.clone(),
            text: text(bytes),
        }),
    };
    let quota = Quota::per_second(NonZeroU32::new(RATE_PER_SEC).expect("nonzero"))
        .allow_burst(NonZeroU32::new(RATE_BURST).expect("nonzero"));
    let shared = Arc::new(Shared {
        hub: hub.clone(),
        tokens: opts.tokens.clone(),
        files,
        inbox: inbox.clone(),
        wake,
        limiter: RateLimiter::keyed(quota),
        lang: opts.lang,
        clock: crate::clock::RunningClock::new(),
    });
    let app = router(shared.clone());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("--serve: {e}"))?;
    let tls = match &opts.tls {
        Some((cert, key)) => Some(tls_config(&runtime, cert, key)?),
        None => None,
    };
    let secure = tls.is_some();
    std::thread::Builder::new()
        .name("hamer-serve".to_owned())
        .spawn(move || {
            runtime.block_on(async move {
                // Forget the rate of clients not seen for a while, so the
                // limiter's memory stays bounded (one wake a minute).
                tokio::spawn(async move {
                    loop {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        shared.limiter.retain_recent();
                        shared.limiter.shrink_to_fit();
                    }
                });
                let service = app.into_make_service_with_connect_info::<SocketAddr>();
                if let Some(config) = tls {
                    if let Ok(server) = axum_server::tls_rustls::from_tcp_rustls(listener, config) {
                        let _ = server.serve(service).await;
                    }
                    return;
                }
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let _ = axum::serve(listener, service).await;
            });
        })
        .map_err(|e| format!("--serve: {e}"))?;
    Ok(Server {
        hub,
        inbox,
        links: links(addr, &opts.tokens, secure),
        addr,
    })
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/display", get(page))
        .route("/api/events", get(events))
        .route("/api/display", get(display))
        .route("/api/session", get(session))
        .route("/api/actions", post(act))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// The token given with a request: `?t=` or `Authorization: Bearer`.
fn given_token(req: &HttpRequest) -> Option<String> {
    if let Some(auth) = req.headers().get(header::AUTHORIZATION)
        && let Ok(auth) = auth.to_str()
        && let Some((scheme, token)) = auth.split_once(' ')
        && scheme.eq_ignore_ascii_case("bearer")
    {
        return Some(token.trim().to_owned());
    }
    let query = req.uri().query()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == "t").then(|| v.to_owned())
    })
}

/// Whose rate a request counts against: its address, or for IPv6 its
/// /64 (one machine may use many addresses of its network).
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// Every request: within its client's rate (429), with a valid token
/// (401, and nothing else). The access is passed on to the handler.
async fn guard(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: HttpRequest,
    next: Next,
) -> Response {
    if shared.limiter.check_key(&client_key(peer.ip())).is_err() {
        return (StatusCode::TOO_MANY_REQUESTS, "429 Too Many Requests\n").into_response();
    }
    let access = given_token(&req).and_then(|t| shared.tokens.access(&t));
    let Some(access) = access else {
        return (StatusCode::UNAUTHORIZED, "401 Unauthorized\n").into_response();
    };
    let mut req = match within_limit(req).await {
        Ok(req) => req,
        Err(answer) => return answer,
    };
    req.extensions_mut().insert(access);
    let mut response = next.run(req).await;
    // A page or stream with a token in its address is never cached, nor
    // sent on as a referrer.
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The request if its body is within [`MAX_BODY`], or the answer 413. A
/// body of known length is not read here; one of unknown length (chunked)
/// is read into memory, at most [`MAX_BODY`]. An oversized body is read on
/// (not kept) before the 413, so that the client gets to see it.
async fn within_limit(req: HttpRequest) -> Result<HttpRequest, Response> {
    use axum::body::{Body, HttpBody};
    use futures_util::StreamExt;
    let hint = req.body().size_hint();
    if hint.lower() > MAX_BODY as u64 {
        if hint.lower() <= DRAIN_MAX {
            drain(&mut req.into_body().into_data_stream(), 0).await;
        }
        return Err(too_large());
    }
    if hint.exact().is_some() {
        return Ok(req);
    }
    let (parts, body) = req.into_parts();
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return Err((StatusCode::BAD_REQUEST, "400 Bad Request\n").into_response());
        };
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_BODY {
            drain(&mut stream, bytes.len() as u64).await;
            return Err(too_large());
        }
    }
    Ok(HttpRequest::from_parts(parts, Body::from(bytes)))
}

/// Read the rest of a body and throw it away: up to [`DRAIN_MAX`] bytes in
/// all, within [`DRAIN_WITHIN`].
async fn drain(body: &mut axum::body::BodyDataStream, mut read: u64) {
    use futures_util::StreamExt;
    let _ = tokio::time::timeout(DRAIN_WITHIN, async {
        while read <= DRAIN_MAX
            && let Some(Ok(chunk)) = body.next().await
        {
            read += chunk.len() as u64;
        }
    })
    .await;
}

/// 413, and the connection closed after it.
fn too_large() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONNECTION, "close")],
        "413 Payload Too Large\n",
    )
        .into_response()
}

async fn page() -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The page's own script and style only; no other origin.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    (headers, DISPLAY_PAGE).into_response()
}

async fn session(State(shared): State<Arc<Shared>>) -> Json<Files> {
    Json(shared.files.clone())
}

#[derive(Deserialize)]
struct From {
    from: Option<u64>,
}

/// The journal stream: `hello` (the server's clock, the access), the
/// `header` line, then every record after the one asked for, each with
/// `id:` its seq, as they come.
async fn events(
    State(shared): State<Arc<Shared>>,
    axum::Extension(access): axum::Extension<Access>,
    headers: HeaderMap,
    Query(from): Query<From>,
) -> Sse<impl Stream<Item = Result<SseEvent, std::convert::Infallible>>> {
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .or(from.from)
        .unwrap_or(0);
    let hello = Hello {
        now_ms: shared.clock.now().timestamp_millis(),
        access,
        last_seq: shared.hub.last_seq(),
    };
    let first = vec![
        SseEvent::default()
            .event("hello")
            .data(serde_json::to_string(&hello).unwrap_or_default()),
    ];
    let watch = shared.hub.watch();
    // `sent`: the generation of the journal whose header was sent.
    let state = (shared, watch, after, first, None::<u64>);
    let access = hello.access;
    let stream = futures_util::stream::unfold(
        state,
        move |(shared, mut watch, mut after, mut queue, mut sent)| async move {
            loop {
                if !queue.is_empty() {
                    let event = queue.remove(0);
                    return Some((Ok(event), (shared, watch, after, queue, sent)));
                }
                watch.borrow_and_update();
                let batch = shared.hub.since(after, BATCH);
                if sent.is_some_and(|g| g != batch.generation) {
                    // The journal was replaced under this stream: end it,
                    // so the client comes back and checks the header.
                    return None;
                }
                if sent.is_none()
                    && let Some(header) = &batch.header
                {
                    queue.push(SseEvent::default().event("header").data(&**header));
                    sent = Some(batch.generation);
                }
                if sent.is_some() {
                    for (seq, line) in batch.records {
                        // A line the display may not have as it is ends
                        // the display's stream.
                        let line = for_access(access, &line)?;
                        queue.push(SseEvent::default().id(seq.to_string()).data(&*line));
                        after = seq;
                    }
                }
                if queue.is_empty() && watch.changed().await.is_err() {
                    return None;
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}

/// A journal line as a role may read it: the display's leaves out the
/// clerk's own words (a note's text, the note with a faction's position):
/// they are private until the record is published. The chair and the
/// clerk read every line as written. `None`: a line the display may not
/// have and that cannot be cleaned (it cannot be read): the display's
/// stream ends there rather than pass it on.
fn for_access(access: Access, line: &Arc<str>) -> Option<Arc<str>> {
    use crate::meeting::{Event, Record};
    if access != Access::Display {
        return Some(line.clone());
    }
    let mut record = ron::from_str::<Record>(line).ok()?;
    match &mut record.event {
        Event::NoteAdded { text, .. }
        | Event::NoteEdited { text, .. }
        | Event::PositionSet { note: text, .. } => text.clear(),
        _ => return Some(line.clone()),
    }
    ron::to_string(&record).ok().map(Arc::from)
}

/// The room display's stream: the server's clock (`time`), then the
/// latest snapshot, and each new one.
async fn display(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<SseEvent, std::convert::Infallible>>> {
    let watch = shared.hub.watch();
    let stream = futures_util::stream::unfold(
        (shared, watch, None::<Arc<str>>, Vec::<SseEvent>::new()),
        |(shared, mut watch, mut last, mut queue)| async move {
            loop {
                if !queue.is_empty() {
                    let event = queue.remove(0);
                    return Some((Ok(event), (shared, watch, last, queue)));
                }
                watch.borrow_and_update();
                let snapshot = shared.hub.display();
                if last.as_deref() != Some(&*snapshot) && !snapshot.is_empty() {
                    let now = shared.clock.now().timestamp_millis();
                    queue.push(
                        SseEvent::default()
                            .event("time")
                            .data(format!("{{\"now_ms\":{now}}}")),
                    );
                    queue.push(SseEvent::default().event("snapshot").data(&*snapshot));
                    last = Some(snapshot);
                    continue;
                }
                if watch.changed().await.is_err() {
                    return None;
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}

/// A client's id for an action: 1 to 64 letters, digits, `-` or `_`.
fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[derive(Serialize, Deserialize)]
pub struct Answer {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub seq: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub why: Option<String>,
}

async fn act(
    State(shared): State<Arc<Shared>>,
    axum::Extension(access): axum::Extension<Access>,
    posted: Result<Json<Posted>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let posted = match posted {
        Ok(Json(p)) => p,
        Err(rejection) => return rejection.into_response(),
    };
    let answer = |status: StatusCode, seq: Option<u64>, why: Option<String>| {
        (status, Json(Answer { seq, why })).into_response()
    };
    if !valid_id(&posted.id) {
        return answer(
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some("id: 1 to 64 letters, digits, - or _".to_owned()),
        );
    }
    if !access.allows(&posted.action) {
        let lang = posted.lang.unwrap_or(shared.lang);
        return answer(
            StatusCode::FORBIDDEN,
            None,
            Some(lang.text("refusal.not_allowed").to_owned()),
        );
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let request = Request {
        id: posted.id,
        access,
        action: posted.action,
        lang: posted.lang.unwrap_or(shared.lang),
        reply: Box::new(move |reply| {
            let _ = tx.send(reply);
        }),
    };
    shared
        .inbox
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(request);
    (shared.wake)();
    match tokio::time::timeout(ANSWER_WITHIN, rx).await {
        Ok(Ok(Reply::Done { seq })) => answer(StatusCode::OK, Some(seq), None),
        Ok(Ok(Reply::Refused { why })) => answer(StatusCode::CONFLICT, None, Some(why)),
        Ok(Ok(Reply::Unavailable { why })) => {
            answer(StatusCode::SERVICE_UNAVAILABLE, None, Some(why))
        }
        // The chair's loop did not answer (it ended, or is stuck): the
        // client sends again with the same id, which is never applied
        // twice.
        _ => answer(StatusCode::SERVICE_UNAVAILABLE, None, None),
    }
}
