//! Writing the record and the files hamer makes beside a session: whole
//! or not at all, never through a link planted at the name, and never over
//! a session, council or journal file. Re-exported from `export`.

use std::path::{Path, PathBuf};

/// Where the `e` key writes the Markdown record: next to the session file.
pub fn default_markdown_path(session: &Path) -> PathBuf {
    let stem = session
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sessie".to_owned());
    session.with_file_name(format!("{stem}.verslag.md"))
}

/// Write a file whole or not at all: to a temporary name beside it, then
/// renamed over it. A symbolic link is followed (the file it names is
/// replaced, the link stays): `-o` names the file the user wants written.
/// Something that is not a regular file, such as `/dev/null`,
/// `/dev/stdout` or a named pipe, is written to as it is: renaming over it
/// would replace a device with a plain file. The temporary file is made
/// new, never through a link planted under its name.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let target = match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            return f.write_all(text.as_bytes()).and_then(|()| f.flush());
        }
        // The real file behind a link, so that the rename lands beside it.
        Ok(_) => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
        Err(_) => path.to_owned(),
    };
    let tmp = crate::fsio::write_temp_beside(&target, text.as_bytes(), false)?;
    let result = std::fs::rename(&tmp, &target);
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Why a file beside a session was not written.
#[derive(Debug)]
pub enum BesideError {
    /// Something is at the path that hamer may not replace: a link, a
    /// folder, a file it did not write (or, for import, any file without
    /// `--force`).
    Exists {
        what: Existing,
    },
    Io(std::io::Error),
}

/// What was found at a path hamer was to create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    Link,
    File,
    NotAFile,
}

impl BesideError {
    /// The message for the user, naming the path.
    pub fn message(&self, path: &Path, lang: crate::i18n::Lang) -> String {
        match self {
            BesideError::Exists { what } => {
                let key = match what {
                    Existing::Link => "write.exists_link",
                    Existing::File => "write.exists_file",
                    Existing::NotAFile => "write.exists_other",
                };
                lang.fill(key, &[("path", &path.display())])
            }
            BesideError::Io(e) => write_error_message(path, e, lang),
        }
    }
}

/// Create a file that hamer makes beside a session (the `e` key's record,
/// import's session file), whole or not at all, without following a link
/// at its name. What is already at the path is replaced only when
/// `may_replace` allows it (it is shown what is there, unfollowed); a link
/// that is replaced is replaced itself, its target is left alone. When
/// nothing was there, nothing that appears meanwhile is replaced either.
pub fn write_beside(
    path: &Path,
    text: &str,
    may_replace: impl Fn(Existing) -> bool,
) -> Result<(), BesideError> {
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Some(Existing::Link),
        Ok(meta) if meta.is_file() => Some(Existing::File),
        Ok(_) => Some(Existing::NotAFile),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(BesideError::Io(e)),
    };
    if let Some(what) = existing
        && (what == Existing::NotAFile || !may_replace(what))
    {
        return Err(BesideError::Exists { what });
    }
    let tmp =
        crate::fsio::write_temp_beside(path, text.as_bytes(), false).map_err(BesideError::Io)?;
    let result = match existing {
        Some(_) => std::fs::rename(&tmp, path).map_err(BesideError::Io),
        // A hard link is made only where no name is: a file or link that
        // appeared since the look above stays as it is.
        None => match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(BesideError::Exists {
                what: Existing::File,
            }),
            // A file system without hard links: rename, after one more look.
            Err(_) if std::fs::symlink_metadata(path).is_err() => {
                std::fs::rename(&tmp, path).map_err(BesideError::Io)
            }
            Err(e) => Err(BesideError::Io(e)),
        },
    };
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Whether the file at `path` is a Markdown record hamer wrote: its last
/// line is the record's footer, in either language. Read bounded; a file
/// that cannot be read is not one.
pub fn is_hamer_record(path: &Path) -> bool {
    let Ok(bytes) = crate::fsio::read_bounded(path) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes);
    let Some(last) = text.lines().rev().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    [crate::i18n::Lang::Nl, crate::i18n::Lang::En]
        .iter()
        .any(|lang| {
            let footer = lang.text("rec.footer");
            let before = footer.split('{').next().unwrap_or(footer);
            last.strip_prefix('_')
                .is_some_and(|l| !before.is_empty() && l.starts_with(before))
        })
}

/// The `e` key: write the Markdown record beside the session. An earlier
/// record is replaced; a link, or a file hamer did not write, is not.
pub fn write_record_beside(path: &Path, text: &str) -> Result<(), BesideError> {
    write_beside(path, text, |what| {
        what == Existing::File && is_hamer_record(path)
    })
}

/// The folder a file is written in.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A failed write, told by its cause: the folder missing or not a folder,
/// the folder not writable, or else the system's reason.
pub fn write_error_message(path: &Path, e: &std::io::Error, lang: crate::i18n::Lang) -> String {
    use std::io::ErrorKind;
    let reason = crate::fsio::io_reason(e);
    let dir = folder_of(path);
    let target_is_special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    match std::fs::metadata(&dir) {
        Err(_) => lang.fill(
            "write.no_folder",
            &[("path", &path.display()), ("dir", &dir.display())],
        ),
        Ok(m) if !m.is_dir() => lang.fill(
            "write.no_folder",
            &[("path", &path.display()), ("dir", &dir.display())],
        ),
        Ok(_)
            if !target_is_special
                && matches!(
                    e.kind(),
                    ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
                ) =>
        {
            lang.fill(
                "write.folder_not_writable",
                &[
                    ("path", &path.display()),
                    ("dir", &dir.display()),
                    ("reason", &reason),
                ],
            )
        }
        Ok(_) => lang.fill(
            "cli.export_failed",
            &[("path", &path.display()), ("reason", &reason)],
        ),
    }
}

/// What `hamer export -o` must never write over, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protected {
    Session,
    Council,
    Journal,
    /// A file hamer keeps beside a journal: its lock, its owner, a torn
    /// line or a copy kept aside (`<journal>.*`).
    BesideJournal,
    /// Some other file that begins with a journal header.
    AnyJournal,
}

impl Protected {
    pub fn key(self) -> &'static str {
        match self {
            Protected::Session => "export.refuse.session",
            Protected::Council => "export.refuse.council",
            Protected::Journal => "export.refuse.journal",
            Protected::BesideJournal => "export.refuse.beside_journal",
            Protected::AnyJournal => "export.refuse.any_journal",
        }
    }
}

/// Whether two paths name the same file (after links; hard links too).
fn same_file(a: &std::fs::Metadata, b: &Path) -> bool {
    std::fs::metadata(b).is_ok_and(|b| crate::fsio::same_file(a, &b).unwrap_or(false))
}

/// Whether two paths, neither of which need exist, name the same place:
/// the same file name in the same (resolved) folder.
fn same_place(a: &Path, b: &Path) -> bool {
    let place = |p: &Path| {
        let dir = std::fs::canonicalize(folder_of(p)).ok()?;
        Some(dir.join(p.file_name()?))
    };
    place(a).is_some_and(|a| Some(a) == place(b))
}

/// Whether a file begins with a hamer journal header (its first line, up
/// to 64 KiB, parses as one).
pub fn begins_with_journal_header(path: &Path) -> bool {
    use std::io::{BufRead, Read};
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut line = Vec::new();
    if std::io::BufReader::new(file.take(64 * 1024))
        .read_until(b'\n', &mut line)
        .is_err()
    {
        return false;
    }
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line);
    std::str::from_utf8(line)
        .is_ok_and(|l| ron::from_str::<crate::journal::Header>(l.trim_end()).is_ok())
}

/// What `-o path` would write over that export must refuse, with the
/// protected file it resolves to. A link is followed; a hard link counts
/// as the file it shares. Every place the session's journal may be is
/// protected, whether a journal is there now or not: the one read, the one
/// beside the session, the one in the data directory (a record written in
/// any of them would hide the real journal from `run`, `export` and
/// `display`), and the files hamer keeps beside each (`<journal>.lock`,
/// `.owner`, torn lines and copies kept aside).
pub fn protected_target(
    output: &Path,
    session: &Path,
    council: Option<&Path>,
    journal: &Path,
) -> Option<(Protected, PathBuf)> {
    let mut journals = vec![journal.to_owned(), crate::journal::default_path(session)];
    journals.extend(crate::journal::fallback_path(session, None));
    for j in &journals {
        if same_place(output, j) {
            return Some((Protected::Journal, j.clone()));
        }
        if beside(output, j) {
            return Some((Protected::BesideJournal, j.clone()));
        }
    }
    let meta = std::fs::metadata(output).ok()?;
    let mut named = vec![(Protected::Session, session.to_owned())];
    named.extend(journals.iter().map(|j| (Protected::Journal, j.clone())));
    if let Some(c) = council {
        named.push((Protected::Council, c.to_owned()));
    }
    for (what, path) in named {
        if same_file(&meta, &path) {
            return Some((what, path));
        }
    }
    begins_with_journal_header(output).then(|| {
        let real = std::fs::canonicalize(output).unwrap_or_else(|_| output.to_owned());
        (Protected::AnyJournal, real)
    })
}

/// Is `path` one of the files beside `journal` (`<journal>.lock`, …), in
/// the same resolved folder?
fn beside(path: &Path, journal: &Path) -> bool {
    let place = |p: &Path| {
        let dir = std::fs::canonicalize(folder_of(p)).ok()?;
        Some((dir, p.file_name()?.to_owned()))
    };
    match (place(path), place(journal)) {
        (Some((dir_p, name_p)), Some((dir_j, name_j))) => {
            let mut prefix = name_j;
            prefix.push(".");
            dir_p == dir_j
                && name_p
                    .as_encoded_bytes()
                    .starts_with(prefix.as_encoded_bytes())
        }
        _ => false,
    }
}
