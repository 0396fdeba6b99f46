//! Generic file I/O shared by every layer that reads files: the bounded
//! read of an input file, what a path named instead of a file, and a short
//! reason for an I/O error. Nothing here knows about sessions or journals.

use std::path::{Path, PathBuf};

/// The most hamer reads of a session, council or import file: far more
/// than any real one (a large council's file is some 20 KiB), and little
/// enough to hold in memory.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ReadFailure {
    /// The system's reason, without the `(os error N)` noise.
    Io(String),
    /// A folder, a named pipe, a device: not a file with contents to read.
    NotAFile(FileKind),
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge,
}

/// What a path named instead of a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Dir,
    Fifo,
    Device,
    Socket,
    Other,
}

impl FileKind {
    pub fn of(t: std::fs::FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return FileKind::Fifo;
            }
            if t.is_block_device() || t.is_char_device() {
                return FileKind::Device;
            }
            if t.is_socket() {
                return FileKind::Socket;
            }
        }
        if t.is_dir() {
            FileKind::Dir
        } else {
            FileKind::Other
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            FileKind::Dir => "load.kind.dir",
            FileKind::Fifo => "load.kind.fifo",
            FileKind::Device => "load.kind.device",
            FileKind::Socket => "load.kind.socket",
            FileKind::Other => "load.kind.other",
        }
    }
}

impl ReadFailure {
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ReadFailure::Io(reason) => reason.clone(),
            ReadFailure::NotAFile(kind) => {
                lang.fill("load.not_a_file", &[("kind", &lang.text(kind.key()))])
            }
            ReadFailure::TooLarge => lang.fill(
                "load.too_large",
                &[("limit", &(MAX_INPUT_BYTES / (1024 * 1024)))],
            ),
        }
    }
}

/// Read a whole input file, at most [`MAX_INPUT_BYTES`] of it. Only a
/// regular file (or a link to one) is read: the kind is checked before the
/// file is opened, since opening a named pipe waits for a writer, and again
/// on the open file, which is opened without waiting in case the path was
/// swapped in between. The read itself stops one byte past the limit.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadFailure> {
    use std::io::Read;
    let io = |e: std::io::Error| ReadFailure::Io(io_reason(&e));
    let check = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            Err(ReadFailure::NotAFile(FileKind::of(meta.file_type())))
        } else if meta.len() > MAX_INPUT_BYTES {
            Err(ReadFailure::TooLarge)
        } else {
            Ok(())
        }
    };
    check(&std::fs::metadata(path).map_err(io)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    check(&file.metadata().map_err(io)?)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadFailure::TooLarge);
    }
    Ok(bytes)
}

/// A short reason for an I/O error, without the `(os error N)` noise.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(cut) => s[..cut].to_owned(),
        None => s,
    }
}

/// Whether two files' metadata are of one file (the same device and inode,
/// so through links and hard links too); `None` where the platform cannot
/// tell.
pub fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> Option<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(a.dev() == b.dev() && a.ino() == b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        None
    }
}

/// `path` with `suffix` added to its name: `s.journal` and `.lock` give
/// `s.journal.lock`.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Write `bytes` to a new file beside `target` (`<target>.<pid>.tmp`, or
/// with a number after it when that name is taken), synced, and return its
/// name. It is created new (`O_EXCL`, and no link is followed), so nothing
/// that was there is written through or over; `private`: only its owner
/// may read it (mode 0600).
pub fn write_temp_beside(target: &Path, bytes: &[u8], private: bool) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let mut n = 0u32;
    loop {
        let mut tmp = with_suffix(target, &format!(".{}.tmp", std::process::id()));
        if n > 0 {
            tmp = with_suffix(&tmp, &n.to_string());
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
            if private {
                options.mode(0o600);
            }
        }
        #[cfg(not(unix))]
        let _ = private;
        match options.open(&tmp) {
            Ok(mut f) => {
                let written = f.write_all(bytes).and_then(|()| f.sync_all());
                if let Err(e) = written {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e);
                }
                return Ok(tmp);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Replace the file at `path` with `bytes`, whole or not at all: written
/// beside it ([`write_temp_beside`]), then renamed over it.
pub fn replace_whole(path: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    let tmp = write_temp_beside(path, bytes, private)?;
    let result = std::fs::rename(&tmp, path);
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
