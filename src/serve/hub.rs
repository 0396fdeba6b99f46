//! What the server hands out: the journal's lines as the writer wrote them
//! (read from the file itself, so a replica is byte for byte the journal),
//! and the room display's latest snapshot. The writer's loop calls
//! [`Hub::refresh`] after every change; the streams wait on [`Hub::watch`].

use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

#[derive(Default)]
struct Lines {
    /// The header line, without its newline.
    header: Option<Arc<str>>,
    /// The record lines; `records[i]` has seq `i + 1`.
    records: Vec<Arc<str>>,
    /// Bytes of the file read so far (complete lines only).
    offset: u64,
    /// The file read, to notice it was replaced (written again).
    identity: Option<(u64, u64)>,
    display: Arc<str>,
    /// Counts the times the journal was read again from its start (it was
    /// replaced): a stream of an older generation ends, and its client
    /// checks the header again.
    generation: u64,
}

pub struct Hub {
    journal: PathBuf,
    lines: Mutex<Lines>,
    /// Counts the changes; the streams wait on it.
    version: watch::Sender<u64>,
}

/// A batch of lines for a stream.
pub struct Batch {
    pub header: Option<Arc<str>>,
    /// Records after the asked seq: (seq, line).
    pub records: Vec<(u64, Arc<str>)>,
    pub generation: u64,
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

impl Hub {
    pub fn new(journal: PathBuf) -> Arc<Hub> {
        let (version, _) = watch::channel(0);
        let hub = Arc::new(Hub {
            journal,
            lines: Mutex::new(Lines::default()),
            version,
        });
        hub.refresh(None);
        hub
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Lines> {
        self.lines.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Read what the journal gained, take the display's new snapshot, and
    /// wake the streams.
    pub fn refresh(&self, display: Option<String>) {
        let mut lines = self.lock();
        if let Some(d) = display {
            lines.display = d.into();
        }
        read_new(&self.journal, &mut lines);
        drop(lines);
        self.version.send_modify(|v| *v += 1);
    }

    pub fn watch(&self) -> watch::Receiver<u64> {
        self.version.subscribe()
    }

    /// The header and the records after `after`, at most `max` of them.
    pub fn since(&self, after: u64, max: usize) -> Batch {
        let lines = self.lock();
        let from = (after as usize).min(lines.records.len());
        let records = lines.records[from..]
            .iter()
            .take(max)
            .enumerate()
            .map(|(i, l)| ((from + i + 1) as u64, l.clone()))
            .collect();
        Batch {
            header: lines.header.clone(),
            records,
            generation: lines.generation,
        }
    }

    /// The seq of the last record read.
    pub fn last_seq(&self) -> u64 {
        self.lock().records.len() as u64
    }

    pub fn display(&self) -> Arc<str> {
        self.lock().display.clone()
    }
}

/// Read the complete lines the journal gained since `lines.offset`; a
/// replaced or shorter file is read again from its start.
fn read_new(path: &std::path::Path, lines: &mut Lines) {
    let Ok(mut file) = std::fs::File::open(path) else {
        return;
    };
    let Ok(meta) = file.metadata() else { return };
    let id = identity(&meta);
    if id != lines.identity || meta.len() < lines.offset {
        if lines.identity.is_some() {
            lines.generation += 1;
        }
        lines.header = None;
        lines.records.clear();
        lines.offset = 0;
        lines.identity = id;
    }
    if meta.len() == lines.offset {
        return;
    }
    if file.seek(SeekFrom::Start(lines.offset)).is_err() {
        return;
    }
    let mut bytes = Vec::new();
    if file.read_to_end(&mut bytes).is_err() {
        return;
    }
    let complete = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let mut start = 0;
    // A byte order mark before the header is not part of its line.
    if lines.offset == 0 && bytes.starts_with(b"\xEF\xBB\xBF") {
        start = 3;
    }
    for raw in bytes[start..complete].split(|b| *b == b'\n') {
        if raw.is_empty() {
            continue;
        }
        let line: Arc<str> = String::from_utf8_lossy(raw).into();
        if lines.header.is_none() {
            lines.header = Some(line);
        } else {
            lines.records.push(line);
        }
    }
    lines.offset += complete as u64;
}
