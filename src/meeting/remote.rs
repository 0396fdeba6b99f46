//! The session over the network, as the meeting sees it: requests that
//! reach the writer's loop from another laptop, and the link of a replica
//! (`hamer join`) to that writer. The transport (HTTP, SSE) lives in
//! `crate::serve`; nothing here knows of it, of threads or of a runtime.

use serde::{Deserialize, Serialize};

use super::{Action, Record, Role};

/// Who a network client is: what its token allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Everything the chair's screen can do.
    Chair,
    /// The clerk's actions and notes.
    Clerk,
    /// Read only: the room's display.
    Display,
}

impl Access {
    pub fn name(self) -> &'static str {
        match self {
            Access::Chair => "chair",
            Access::Clerk => "clerk",
            Access::Display => "display",
        }
    }

    /// May a client with this access ask for this action?
    pub fn allows(self, action: &Action) -> bool {
        match self {
            Access::Chair => true,
            Access::Clerk => action.role() == Role::Clerk,
            Access::Display => false,
        }
    }
}

/// What the writer answers to a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reply {
    /// Written and flushed to disk as the event with this seq (or, for an
    /// id seen before, written earlier as it).
    Done { seq: u64 },
    /// Not done, and why (in the client's language).
    Refused { why: String },
    /// Not done now: the writer could not write its journal (a full disk).
    /// The client keeps the action and sends it again later.
    Unavailable { why: String },
}

/// An action from another laptop, on its way to the writer's loop. `id` is
/// the client's own id for it: an id the journal already has is answered
/// with that event, never applied twice.
pub struct Request {
    pub id: String,
    pub access: Access,
    pub action: Action,
    pub lang: crate::i18n::Lang,
    /// Called once, by the writer's loop, with the answer.
    pub reply: Box<dyn FnOnce(Reply) + Send>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("id", &self.id)
            .field("access", &self.access)
            .field("action", &self.action)
            .finish_non_exhaustive()
    }
}

/// The writer's side of serving: where requests come in, and what the
/// writer's loop tells the server after every change.
pub trait Served: Send {
    /// The requests that arrived since the last call, in order.
    fn take_requests(&mut self) -> Vec<Request>;
    /// The journal grew (or changed); `display` is the room display's
    /// snapshot (JSON) for the web page.
    fn changed(&mut self, display: String);
    /// The links to give out: (access, URL).
    fn links(&self) -> Vec<(Access, String)>;
}

/// The state of a replica's link to the writer, for its screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkStatus {
    /// Events arrive (the stream is open).
    pub connected: bool,
    /// Actions written to the pending file and not yet answered.
    pub pending: usize,
    /// Why the link cannot work until something is done (a token that
    /// is refused, a replica that cannot be written): said on screen.
    pub broken: Option<String>,
}

/// What a replica receives from the writer.
#[derive(Debug, Default)]
pub struct Incoming {
    /// The writer's journal is another one than the replica had (started
    /// anew): the records below are the whole journal.
    pub reset: bool,
    pub records: Vec<Record>,
    /// Actions the writer refused, with why.
    pub refused: Vec<String>,
    /// The link broke since the last call, and why (see
    /// [`LinkStatus::broken`]).
    pub broken: Option<String>,
}

/// A replica's link to the writer (`hamer join`).
pub trait Link: Send {
    /// Keep the action (flushed to disk) and send it when the link allows.
    fn send(&mut self, action: Action) -> Result<(), String>;
    /// What arrived since the last call.
    fn take(&mut self) -> Incoming;
    fn status(&self) -> LinkStatus;
    /// The access the link's token gives.
    fn access(&self) -> Access;
}

/// An action a replica keeps until the writer answered it: one JSON line
/// of `<replica>.pending`, flushed to disk before the clerk's screen moves
/// on. After a fail-over (`hamer run FILE --journal REPLICA`) the new
/// writer does what is still pending, once each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub id: String,
    pub action: Action,
}

/// The pending file of a replica.
pub fn pending_path(replica: &std::path::Path) -> std::path::PathBuf {
    crate::fsio::with_suffix(replica, ".pending")
}

/// The actions in a pending file (none when there is no file). A line
/// that cannot be read (torn by a crash while it was written) ends the
/// list: it was never acknowledged to the clerk.
pub fn read_pending(path: &std::path::Path) -> Vec<Pending> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map_while(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Append one action to a pending file and flush it to disk.
pub fn append_pending(path: &std::path::Path, pending: &Pending) -> std::io::Result<()> {
    use std::io::Write;
    let mut line = serde_json::to_string(pending).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?;
    file.write_all(line.as_bytes())?;
    file.sync_data()
}

/// Write a pending file anew with what is still pending: a new file
/// beside it, flushed, renamed over (never half a list).
pub fn rewrite_pending(path: &std::path::Path, pending: &[Pending]) -> std::io::Result<()> {
    let mut text = String::new();
    for p in pending {
        text.push_str(&serde_json::to_string(p).map_err(std::io::Error::other)?);
        text.push('\n');
    }
    crate::fsio::replace_whole(path, text.as_bytes(), false)
}
