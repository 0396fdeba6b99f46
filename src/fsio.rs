//! Generic file I/O shared by every layer that reads files: the bounded
//! read of an input file, what a path named instead of a file, and a short
//! reason for an I/O error. Nothing here knows about sessions or journals.

use std::path::Path;

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
