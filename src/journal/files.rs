//! The files beside a journal: its lock file, its owner file, torn lines
//! and journals moved aside, and the file-system helpers they share.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use crate::clock::Ts;
use crate::fsio::{FileKind, io_reason};
use crate::sanitize::Lines;

use super::replay::{Unopened, begins_as_journal, open_regular};
use super::{JournalError, io_err};

/// Does the owner file name this process (as [`write_owner`] wrote it)?
pub(super) fn owner_is_ours(journal: &Path) -> bool {
    holder(journal).starts_with(&format!("hamer pid {} ", std::process::id()))
}

pub(super) fn is_not_writable(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem | ErrorKind::NotFound
    )
}

/// Why there is no data directory to fall back to.
pub(super) fn no_data_dir_reason() -> String {
    if home_unset() {
        "no data directory: HOME is not set".to_owned()
    } else {
        "no data directory".to_owned()
    }
}

pub(super) fn home_unset() -> bool {
    let unset = |v: &str| std::env::var_os(v).is_none_or(|s| s.is_empty());
    unset("HOME") && unset("XDG_DATA_HOME")
}

/// Are these the same file: the same path, or names of one file (through
/// symbolic links, `..`, hard links)?
pub(super) fn same_path(a: &Path, b: &Path) -> bool {
    if std::path::absolute(a).ok() == std::path::absolute(b).ok() {
        return true;
    }
    if let (Ok(x), Ok(y)) = (std::fs::canonicalize(a), std::fs::canonicalize(b))
        && x == y
    {
        return true;
    }
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => crate::fsio::same_file(&x, &y).unwrap_or(false),
        _ => false,
    }
}

/// Options that open a file beside the journal without following a
/// symbolic link at its name, and without waiting (a named pipe there
/// does not hang hamer; the callers check the kind of what they opened).
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options
}

/// Refuse a file that does not begin as a journal, or is no regular file,
/// before anything is made beside it (its lock file). A file that cannot
/// be read (and a folder) is left to the opening, which names the cause.
pub(super) fn refuse_non_journal(path: &Path) -> Result<(), JournalError> {
    let file = match open_regular(path, OpenOptions::new().read(true)) {
        Ok(f) => f,
        Err(Unopened::NotAFile(FileKind::Dir)) | Err(Unopened::Io(_)) => return Ok(()),
        Err(u) => return Err(u.error(path, "journal.action.open")),
    };
    let mut head = Vec::new();
    if file.take(64 * 1024).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    begins_as_journal(&head).map_err(|why| JournalError::NotAJournal {
        path: path.to_owned(),
        why,
    })
}

/// Take the lock of a journal's path: an exclusive lock on
/// `<journal>.lock`, a file that hamer creates (never through a symbolic
/// link) and never deletes. Because the lock file outlives the journal, a
/// deleted or replaced journal stays locked while its writer lives. `None`
/// when there is no lock file and the folder does not let us create one.
/// A lock file that is there but cannot be opened (another user's, mode
/// 0600) is [`JournalError::LockUnusable`]: the journal is not written
/// without its lock.
pub(super) fn lock_path_of(journal: &Path) -> Result<Option<File>, JournalError> {
    let path = lock_path(journal);
    let opened = no_follow(OpenOptions::new().read(true).write(true).create(true))
        .open(&path)
        // Another user's lock file in a shared folder, or one on a
        // read-only file system: a lock needs no write access.
        .or_else(|e| match e.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                no_follow(OpenOptions::new().read(true)).open(&path)
            }
            _ => Err(e),
        });
    let file = match opened {
        Ok(f) => f,
        Err(e) if is_not_writable(&e) => {
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                // No lock file, and none can be made here.
                return Ok(None);
            };
            let mut owner = holder(journal);
            #[cfg(unix)]
            if owner == "?" {
                use std::os::unix::fs::MetadataExt;
                owner = format!("uid {}", meta.uid());
            }
            #[cfg(not(unix))]
            let _ = meta;
            return Err(JournalError::LockUnusable {
                path: journal.to_owned(),
                lock: path,
                reason: io_reason(&e),
                owner,
            });
        }
        Err(e) => return Err(io_err(&path, "journal.action.lock", &e)),
    };
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        _ => {
            return Err(JournalError::Io {
                path,
                action: "journal.action.lock",
                reason: "not a regular file".to_owned(),
            });
        }
    }
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(JournalError::Locked {
            path: journal.to_owned(),
            holder: holder(journal),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(journal, "journal.action.lock", &e)),
    }
}

pub(super) fn lock(file: &File, path: &Path) -> Result<(), JournalError> {
    match file.try_lock() {
        // The lock must be on the file at the path: a --fresh of another
        // writer may have moved it aside while we waited for it.
        Ok(()) if !same_file(file, path) => Err(JournalError::Locked {
            path: path.to_owned(),
            holder: holder(path),
        }),
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(JournalError::Locked {
            path: path.to_owned(),
            holder: holder(path),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(path, "journal.action.lock", &e)),
    }
}

/// Who holds a journal, from its owner file (read without following a
/// symbolic link, at most one line); `?` when it cannot be read.
fn holder(journal: &Path) -> String {
    let mut text = String::new();
    let read = no_follow(OpenOptions::new().read(true))
        .open(owner_path(journal))
        .and_then(|f| f.take(512).read_to_string(&mut text));
    match read {
        Ok(_) => {
            let line = text.lines().next().unwrap_or("").trim();
            if line.is_empty() {
                "?".to_owned()
            } else {
                crate::sanitize::clean(line, Lines::Single)
                    .text
                    .into_owned()
            }
        }
        Err(_) => "?".to_owned(),
    }
}

/// Is the open file still the one at `path`?
/// Where the platform cannot tell, it is taken to be.
pub(super) fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => crate::fsio::same_file(&a, &b).unwrap_or(true),
        _ => cfg!(not(unix)),
    }
}

pub(super) fn owner_path(journal: &Path) -> PathBuf {
    crate::fsio::with_suffix(journal, ".owner")
}

/// The file whose lock is the journal path's lock.
pub fn lock_path(journal: &Path) -> PathBuf {
    crate::fsio::with_suffix(journal, ".lock")
}

/// Names beside the journal to try for a new file: `<journal><stem>`, then
/// `-2`, `-3`, …
fn candidates(journal: &Path, stem: &str) -> impl Iterator<Item = PathBuf> {
    let first = crate::fsio::with_suffix(journal, stem);
    let stem = stem.to_owned();
    let journal = journal.to_owned();
    std::iter::once(first)
        .chain((2..1000).map(move |n| crate::fsio::with_suffix(&journal, &format!("{stem}-{n}"))))
}

/// Move the file at `path` to a new name beside it that nothing has (no
/// file, no symbolic link): it never replaces anything.
pub fn move_aside(path: &Path, stem: &str) -> std::io::Result<PathBuf> {
    let mut last = None;
    for to in candidates(path, stem) {
        match rename_noreplace(path, &to) {
            Ok(()) => {
                sync_dir(path);
                return Ok(to);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::from(ErrorKind::AlreadyExists)))
}

/// `rename` that fails with `AlreadyExists` instead of replacing `to`.
fn rename_noreplace(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| {
            std::ffi::CString::new(p.as_os_str().as_bytes())
                .map_err(|_| std::io::Error::from(ErrorKind::InvalidInput))
        };
        let (a, b) = (c(from)?, c(to)?);
        // SAFETY: two valid NUL-terminated paths, relative to the current
        // directory.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        // A file system without RENAME_NOREPLACE: check, then rename.
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e);
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::Error::from(ErrorKind::AlreadyExists));
    }
    std::fs::rename(from, to)
}

/// Create a new file beside the journal: never through a symbolic link,
/// never over an existing file.
pub(super) fn create_beside(journal: &Path, stem: &str) -> std::io::Result<(File, PathBuf)> {
    let mut last = None;
    for to in candidates(journal, stem) {
        match no_follow(OpenOptions::new().write(true).create_new(true)).open(&to) {
            Ok(f) => return Ok((f, to)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::from(ErrorKind::AlreadyExists)))
}

/// Keep the bytes of a torn line beside the journal; `None` if that failed.
pub(super) fn save_torn(journal: &Path, bytes: &[u8], now: Ts) -> Option<PathBuf> {
    let stem = format!(".torn-{}", now.format("%Y%m%d-%H%M%S"));
    let (mut file, to) = create_beside(journal, &stem).ok()?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .ok()
        .map(|()| to)
}

/// Who holds the lock, for the message a second writer gets. Written only
/// into a regular file of ours: never through a symbolic link, never into
/// a file with other names (a hard link). Whether it was written.
pub(super) fn write_owner(journal: &Path, now: Ts) -> bool {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_else(|_| "?".to_owned());
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "?".to_owned());
    // Language-neutral: it is read by another hamer, maybe in another language.
    let text = format!(
        "hamer pid {} · {user}@{host} · {}\n",
        std::process::id(),
        now.format("%Y-%m-%d %H:%M:%S")
    );
    let Ok(mut file) =
        no_follow(OpenOptions::new().write(true).create(true)).open(owner_path(journal))
    else {
        return false;
    };
    let ours = match file.metadata() {
        #[cfg(unix)]
        Ok(m) => {
            use std::os::unix::fs::MetadataExt;
            m.is_file() && m.nlink() == 1
        }
        #[cfg(not(unix))]
        Ok(m) => m.is_file(),
        Err(_) => false,
    };
    ours && file
        .set_len(0)
        .and_then(|()| file.write_all(text.as_bytes()))
        .is_ok()
}

/// Make a newly created file's directory entry durable.
pub(super) fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}
