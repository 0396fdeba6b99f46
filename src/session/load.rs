//! Reading session and council files: bytes to checked, cleaned values, or
//! located diagnostics. Never panics, whatever the bytes.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::diag::{Diagnostic, Problem};
use super::locate::{Locator, Pos};
use super::model::{Council, Session, VisitStrings};
use super::plan::SessionPlan;
use super::validate::{self, CouncilFile};
use crate::fsio::{ReadFailure, read_bounded};
use crate::sanitize::clean_in_place;

/// A file that could not be used.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read at all (missing, no permission, a folder).
    Unreadable { path: PathBuf, reason: ReadFailure },
    /// The file was read but is not a valid session or council file.
    Invalid { diagnostics: Vec<Diagnostic> },
}

impl LoadError {
    /// Every diagnostic as a line of text, for a command that stops on it.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        self.diagnostics()
            .iter()
            .map(|d| d.render(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            LoadError::Unreadable { path, reason } => vec![Diagnostic::error(
                path,
                None,
                Problem::Unreadable {
                    reason: reason.clone(),
                },
            )],
            LoadError::Invalid { diagnostics } => diagnostics.clone(),
        }
    }
}

/// A value that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded<T> {
    pub value: T,
    pub warnings: Vec<Diagnostic>,
}

/// Either kind of file, told apart by its top-level name.
#[derive(Debug)]
pub enum Document {
    Session(Box<SessionPlan>),
    Council(Council),
}

/// Read a session or council file; see [`read_bounded`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_bounded(path).map_err(|reason| LoadError::Unreadable {
        path: path.to_owned(),
        reason,
    })
}

/// Bytes to text: a UTF-8 byte order mark is dropped; anything that is not
/// UTF-8 is an error located at the first bad byte.
pub fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The prefix is valid by definition of valid_up_to.
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = 1 + good.matches('\n').count();
        let col = 1 + good.rsplit('\n').next().unwrap_or("").chars().count();
        LoadError::Invalid {
            diagnostics: vec![Diagnostic::error(
                path,
                Some(Pos { line, col }),
                Problem::NotUtf8,
            )],
        }
    })
}

/// Load a session file and its council file.
pub fn load_session(path: &Path) -> Result<Loaded<SessionPlan>, LoadError> {
    let bytes = read_file(path)?;
    load_session_bytes(&bytes, path)
}

/// Load a council file.
pub fn load_council(path: &Path) -> Result<Loaded<Council>, LoadError> {
    let bytes = read_file(path)?;
    load_council_bytes(&bytes, path)
}

/// Load a file of either kind.
pub fn load_document(path: &Path) -> Result<Loaded<Document>, LoadError> {
    let bytes = read_file(path)?;
    load_document_bytes(&bytes, path)
}

pub fn load_document_bytes(bytes: &[u8], path: &Path) -> Result<Loaded<Document>, LoadError> {
    let text = decode(bytes, path)?;
    let locator = Locator::new(text);
    match locator.top_name() {
        Some("Council") => {
            let l = council_from_text(text, &locator, path)?;
            Ok(Loaded {
                value: Document::Council(l.value),
                warnings: l.warnings,
            })
        }
        Some("Session") => {
            let l = session_from_text(text, &locator, path)?;
            Ok(Loaded {
                value: Document::Session(Box::new(l.value)),
                warnings: l.warnings,
            })
        }
        other => {
            let pos = locator.exact("");
            let found = match other {
                Some(name) => format!("`{name}`"),
                None => token_at(text, pos),
            };
            Err(LoadError::Invalid {
                diagnostics: vec![Diagnostic::error(path, pos, Problem::UnknownTop { found })],
            })
        }
    }
}

pub fn load_session_bytes(bytes: &[u8], path: &Path) -> Result<Loaded<SessionPlan>, LoadError> {
    let text = decode(bytes, path)?;
    let locator = Locator::new(text);
    session_from_text(text, &locator, path)
}

pub fn load_council_bytes(bytes: &[u8], path: &Path) -> Result<Loaded<Council>, LoadError> {
    let text = decode(bytes, path)?;
    let locator = Locator::new(text);
    council_from_text(text, &locator, path)
}

/// The text at `pos`, up to 30 characters of its line, for a message.
fn token_at(text: &str, pos: Option<Pos>) -> String {
    let token: String = pos
        .and_then(|p| text.split('\n').nth(p.line - 1).map(|l| (p, l)))
        .map(|(p, l)| l.chars().skip(p.col - 1).take(30).collect())
        .unwrap_or_default();
    let token = token.trim();
    if token.is_empty() {
        "—".to_owned()
    } else {
        format!("`{token}`")
    }
}

fn session_from_text(
    text: &str,
    locator: &Locator,
    path: &Path,
) -> Result<Loaded<SessionPlan>, LoadError> {
    let mut session: Session = parse(text, path)?;
    let mut diagnostics = sanitize(&mut session, locator, path);
    let council = session
        .council
        .as_deref()
        .map(|name| council_file(path, name));
    let plan = validate::session(session, council, locator, path, &mut diagnostics);
    finish(plan, diagnostics)
}

/// Load the council file a session names, beside the session file.
fn council_file(session: &Path, name: &str) -> CouncilFile {
    let resolved = session.parent().unwrap_or(Path::new("")).join(name);
    match load_council(&resolved) {
        Ok(loaded) => CouncilFile::Loaded {
            path: resolved,
            council: loaded.value,
            warnings: loaded.warnings,
        },
        Err(LoadError::Unreadable { reason, .. }) => CouncilFile::Unreadable {
            path: resolved,
            reason,
        },
        Err(LoadError::Invalid { diagnostics }) => CouncilFile::Invalid {
            path: resolved,
            diagnostics,
        },
    }
}

fn council_from_text(
    text: &str,
    locator: &Locator,
    path: &Path,
) -> Result<Loaded<Council>, LoadError> {
    let mut council: Council = parse(text, path)?;
    let mut diagnostics = sanitize(&mut council, locator, path);
    validate::council(&council, locator, path, &mut diagnostics);
    finish(Some(council), diagnostics)
}

fn finish<T>(value: Option<T>, diagnostics: Vec<Diagnostic>) -> Result<Loaded<T>, LoadError> {
    match value {
        Some(value) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            value,
            warnings: diagnostics,
        }),
        _ => Err(LoadError::Invalid { diagnostics }),
    }
}

/// Clean every string; a warning for each field that lost control characters.
fn sanitize<T: VisitStrings>(value: &mut T, locator: &Locator, path: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    value.visit_strings("", &mut |field, lines, s| {
        if clean_in_place(s, lines) {
            out.push(Diagnostic::warning(
                path,
                locator.pos(field),
                Problem::Sanitized {
                    field: field.to_owned(),
                },
            ));
        }
    });
    out
}

fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, LoadError> {
    ron::Options::default()
        .from_str::<T>(text)
        .map_err(|e| LoadError::Invalid {
            diagnostics: vec![from_ron(&e, text, path)],
        })
}

/// A ron error as a located diagnostic that says what to fix.
fn from_ron(e: &ron::error::SpannedError, text: &str, path: &Path) -> Diagnostic {
    use ron::Error as E;
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let outer = |o: &Option<String>| o.clone().unwrap_or_else(|| "?".to_owned());
    let mut pos = Pos {
        line: e.span.start.line,
        col: e.span.start.col,
    };
    let problem = match &e.code {
        E::Eof => {
            pos = end_pos(text);
            Problem::Eof
        }
        E::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => Problem::UnknownField {
            field: found.clone(),
            outer: outer(o),
            valid: list(expected),
            suggestion: closest(found, expected),
        },
        E::MissingStructField { field, outer: o } => Problem::MissingField {
            field: (*field).to_owned(),
            outer: outer(o),
        },
        E::DuplicateStructField { field, outer: o } => Problem::DuplicateField {
            field: (*field).to_owned(),
            outer: outer(o),
        },
        E::NoSuchEnumVariant {
            expected,
            found,
            outer: o,
        } => Problem::UnknownVariant {
            found: found.clone(),
            outer: outer(o),
            valid: list(expected),
            suggestion: closest(found, expected),
        },
        E::InvalidValueForType { expected, found } => Problem::WrongType {
            expected: expected.clone(),
            found: found.clone(),
        },
        E::ExpectedDifferentStructName { expected, found } => Problem::WrongName {
            expected: (*expected).to_owned(),
            found: found.clone(),
        },
        E::IntegerOutOfBounds => Problem::IntegerRange,
        E::ExpectedComma => {
            // ron stops at the next value; the comma belongs after the previous one.
            pos = after_previous_token(text, pos);
            Problem::Expected {
                key: "msg.expected.comma",
            }
        }
        E::ExpectedInteger | E::InvalidIntegerDigit { .. } | E::UnderscoreAtBeginning => {
            Problem::Expected {
                key: "msg.expected.integer",
            }
        }
        E::ExpectedString | E::ExpectedStringEnd => Problem::Expected {
            key: "msg.expected.string",
        },
        E::ExpectedBoolean => Problem::Expected {
            key: "msg.expected.boolean",
        },
        E::ExpectedArray | E::ExpectedArrayEnd => Problem::Expected {
            key: "msg.expected.list",
        },
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) | E::ExpectedStructLikeEnd => {
            Problem::Expected {
                key: "msg.expected.parens",
            }
        }
        E::ExpectedOption | E::ExpectedOptionEnd => Problem::Expected {
            key: "msg.expected.option",
        },
        E::ExpectedMapColon => Problem::Expected {
            key: "msg.expected.field",
        },
        E::ExpectedIdentifier => Problem::Expected {
            key: "msg.expected.identifier",
        },
        E::TrailingCharacters => Problem::Expected {
            key: "msg.expected.end",
        },
        E::UnclosedBlockComment | E::UnclosedLineComment => Problem::Expected {
            key: "msg.expected.comment_end",
        },
        E::InvalidEscape(_) => Problem::Expected {
            key: "msg.expected.escape",
        },
        E::UnexpectedChar(c) => Problem::UnexpectedChar {
            found: c.escape_debug().to_string(),
        },
        E::ExceededRecursionLimit => Problem::TooDeep,
        other => Problem::Syntax {
            detail: other.to_string(),
        },
    };
    if !matches!(e.code, E::Eof | E::ExpectedComma) {
        pos = skip_blanks(text, pos);
    }
    Diagnostic::error(path, Some(pos), problem)
}

/// The position just after the last non-blank character before `pos`,
/// skipping `//` comments at the ends of the lines in between.
fn after_previous_token(text: &str, pos: Pos) -> Pos {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut line = pos.line.min(lines.len());
    let mut limit = pos.col.saturating_sub(1);
    while line >= 1 {
        let full = lines[line - 1];
        let chars: Vec<char> = full.chars().take(limit).collect();
        let code: String = chars.iter().collect();
        let code = match code.find("//") {
            // A `//` inside a string is rare in a line that misses a comma;
            // only cut when no quote follows it.
            Some(at) if !code[at..].contains('"') => &code[..at],
            _ => code.as_str(),
        };
        let trimmed = code.trim_end();
        if !trimmed.is_empty() {
            return Pos {
                line,
                col: trimmed.chars().count() + 1,
            };
        }
        line -= 1;
        limit = usize::MAX;
    }
    pos
}

/// ron may stop before the blanks in front of the offending value; point at
/// the value itself.
fn skip_blanks(text: &str, pos: Pos) -> Pos {
    let Some(line) = text.split('\n').nth(pos.line.saturating_sub(1)) else {
        return pos;
    };
    let skipped = line
        .chars()
        .skip(pos.col.saturating_sub(1))
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    let col = pos.col + skipped;
    if col > line.chars().count() {
        pos
    } else {
        Pos {
            line: pos.line,
            col,
        }
    }
}

fn end_pos(text: &str) -> Pos {
    let line = 1 + text.matches('\n').count();
    let col = 1 + text.rsplit('\n').next().unwrap_or("").chars().count();
    Pos { line, col }
}

pub use super::diag::closest;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let valid = ["title", "case_number", "duration_min", "agenda"];
        assert_eq!(closest("titel", &valid), Some("title".into()));
        assert_eq!(closest("duration", &valid), Some("duration_min".into()));
        assert_eq!(closest("Agenda", &valid), Some("agenda".into()));
        assert_eq!(closest("zzzzzz", &valid), None);
    }

    #[test]
    fn suggestions_count_characters_not_bytes() {
        // One letter off in a word of accented letters is still a typo; a
        // byte-wise distance would count the two bytes of `é` twice.
        let valid = ["Beeldvormend", "Oordeelsvormend", "café"];
        assert_eq!(
            closest("Oordelsvormend", &valid),
            Some("Oordeelsvormend".into())
        );
        assert_eq!(closest("cafè", &valid), Some("café".into()));
        assert_eq!(closest("张伟", &["张伟"]), Some("张伟".into()));
    }

    #[test]
    fn not_utf8_is_located() {
        let err = decode(b"Session(\n  title: \"a\xffb\"", Path::new("x.ron")).unwrap_err();
        let LoadError::Invalid { diagnostics } = err else {
            panic!("expected invalid")
        };
        assert_eq!(diagnostics[0].pos, Some(Pos { line: 2, col: 12 }));
    }

    #[test]
    fn missing_comma_points_after_the_previous_value() {
        let text = "S(\n  a: 1 // one\n\n  b: 2)";
        assert_eq!(
            after_previous_token(text, Pos { line: 4, col: 3 }),
            Pos { line: 2, col: 7 }
        );
        assert_eq!(
            after_previous_token("S(a: 1 b: 2)", Pos { line: 1, col: 8 }),
            Pos { line: 1, col: 7 }
        );
    }

    #[test]
    fn bom_is_accepted() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc", Path::new("x")).unwrap(), "abc");
    }
}
