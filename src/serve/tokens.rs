//! The three tokens of a served session (chair, clerk, display): random,
//! 128 bits each, kept beside the journal in `<journal>.tokens` (mode
//! 0600) so the links and QR codes stay valid across a restart or crash of
//! the chair's hamer. `--new-tokens` makes new ones.

use std::path::{Path, PathBuf};

use subtle::ConstantTimeEq;

use crate::meeting::remote::Access;

/// Bytes of randomness in a token.
const TOKEN_BYTES: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    pub chair: String,
    pub clerk: String,
    pub display: String,
}

/// Where a journal's tokens are kept.
pub fn path_for(journal: &Path) -> PathBuf {
    crate::fsio::with_suffix(journal, ".tokens")
}

fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Tokens {
    /// Three new random tokens.
    pub fn new() -> Result<Tokens, String> {
        Ok(Tokens {
            chair: random_token()?,
            clerk: random_token()?,
            display: random_token()?,
        })
    }

    /// The access a token gives, compared in constant time with each of
    /// the three (so neither a token's length nor its first bytes can be
    /// found out by timing the answers).
    pub fn access(&self, given: &str) -> Option<Access> {
        let given = given.as_bytes();
        let mut found = None;
        for (token, access) in [
            (&self.chair, Access::Chair),
            (&self.clerk, Access::Clerk),
            (&self.display, Access::Display),
        ] {
            if bool::from(token.as_bytes().ct_eq(given)) {
                found = Some(access);
            }
        }
        found
    }

    pub fn of(&self, access: Access) -> &str {
        match access {
            Access::Chair => &self.chair,
            Access::Clerk => &self.clerk,
            Access::Display => &self.display,
        }
    }

    fn text(&self) -> String {
        format!(
            "# hamer: the tokens of a served session; keep secret\nchair {}\nclerk {}\ndisplay {}\n",
            self.chair, self.clerk, self.display
        )
    }

    fn parse(text: &str) -> Option<Tokens> {
        let mut chair = None;
        let mut clerk = None;
        let mut display = None;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line.split_once(' ')?;
            let value = value.trim();
            if value.len() < TOKEN_BYTES * 2 || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            match key {
                "chair" => chair = Some(value.to_owned()),
                "clerk" => clerk = Some(value.to_owned()),
                "display" => display = Some(value.to_owned()),
                _ => return None,
            }
        }
        Some(Tokens {
            chair: chair?,
            clerk: clerk?,
            display: display?,
        })
    }
}

/// The tokens kept beside `journal`, made (and kept) when there are none
/// or when `renew` (`--new-tokens`). A tokens file that cannot be read as
/// one is not overwritten: the error says to use `--new-tokens`.
pub fn load_or_make(journal: &Path, renew: bool) -> Result<Tokens, String> {
    let path = path_for(journal);
    if !renew {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                return Tokens::parse(&text).ok_or_else(|| {
                    format!(
                        "{}: not a hamer tokens file; start with --new-tokens to make new ones",
                        path.display()
                    )
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: {}", path.display(), e)),
        }
    }
    let tokens = Tokens::new()?;
    write_private(&path, tokens.text().as_bytes())?;
    Ok(tokens)
}

/// Write the join links to `--tokens FILE` (mode 0600): a file that is
/// there already is replaced only when it is such a links file, so a
/// mistyped path never overwrites someone's file.
pub fn write_links(path: &Path, links: &[(Access, String)]) -> Result<(), String> {
    if let Ok(old) = std::fs::read(path) {
        let is_links = std::str::from_utf8(&old).is_ok_and(|t| {
            t.lines().filter(|l| !l.trim().is_empty()).all(|l| {
                ["chair ", "clerk ", "display "]
                    .iter()
                    .any(|p| l.starts_with(p))
            })
        });
        if !is_links {
            return Err(format!(
                "--tokens {}: the file exists and is not a links file of hamer; it is left as it is",
                path.display()
            ));
        }
    }
    let text: String = links
        .iter()
        .map(|(access, url)| format!("{} {url}\n", access.name()))
        .collect();
    write_private(path, text.as_bytes())
}

/// Write a file only its owner can read (mode 0600), whole or not at all:
/// a new file beside it, flushed, then renamed over.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::fsio::replace_whole(path, bytes, true).map_err(|e| format!("{}: {}", path.display(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_kept_private_and_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("s.journal");
        let a = load_or_make(&journal, false).unwrap();
        assert_eq!(a.chair.len(), 32, "128 bits in hex");
        assert_ne!(a.chair, a.clerk);
        assert_ne!(a.clerk, a.display);
        let b = load_or_make(&journal, false).unwrap();
        assert_eq!(a, b, "the same links after a restart");
        let c = load_or_make(&journal, true).unwrap();
        assert_ne!(a, c, "--new-tokens");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path_for(&journal))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(c.access(&c.clerk), Some(Access::Clerk));
        assert_eq!(c.access(&c.chair), Some(Access::Chair));
        assert_eq!(c.access(&c.display), Some(Access::Display));
        assert_eq!(c.access(&a.clerk), None);
        assert_eq!(c.access(""), None);
        assert_eq!(c.access(&c.clerk[..31]), None);
    }

    #[test]
    fn the_links_file_replaces_only_a_links_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links");
        let links = vec![(Access::Clerk, "http://127.0.0.1:1/?t=ab".to_owned())];
        write_links(&path, &links).unwrap();
        write_links(&path, &links).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "clerk http://127.0.0.1:1/?t=ab\n"
        );
        let mine = dir.path().join("notes.md");
        std::fs::write(&mine, "# my notes\n").unwrap();
        assert!(write_links(&mine, &links).is_err());
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), "# my notes\n");
    }

    #[test]
    fn a_file_that_is_not_a_tokens_file_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("s.journal");
        std::fs::write(path_for(&journal), "hello\n").unwrap();
        assert!(load_or_make(&journal, false).is_err());
        assert_eq!(
            std::fs::read_to_string(path_for(&journal)).unwrap(),
            "hello\n"
        );
    }
}
