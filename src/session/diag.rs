//! Located problems found in a session or council file.

use std::fmt::Display;
use std::path::{Path, PathBuf};

use super::locate::Pos;
use crate::i18n::Lang;
use crate::sanitize::for_display;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// What is wrong, with the data the message needs. Each variant has a text
/// in both languages that says what to fix.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Problem {
    // Reading and syntax.
    Unreadable {
        reason: crate::fsio::ReadFailure,
    },
    NotUtf8,
    UnknownTop {
        found: String,
    },
    Syntax {
        detail: String,
    },
    Eof,
    UnknownField {
        field: String,
        outer: String,
        valid: String,
        suggestion: Option<String>,
    },
    MissingField {
        field: String,
        outer: String,
    },
    DuplicateField {
        field: String,
        outer: String,
    },
    UnknownVariant {
        found: String,
        outer: String,
        valid: String,
        suggestion: Option<String>,
    },
    WrongType {
        expected: String,
        found: String,
    },
    WrongName {
        expected: String,
        found: String,
    },
    IntegerRange,
    TooDeep,
    /// A syntax error with a text of its own (`msg.expected.*`).
    Expected {
        key: &'static str,
    },
    UnexpectedChar {
        found: String,
    },
    // Rules on values.
    Empty {
        field: String,
    },
    Zero {
        field: String,
    },
    ZeroSeats,
    WarningsOrder,
    NoAgenda,
    BadDate {
        field: String,
        value: String,
    },
    BadTime {
        field: String,
        value: String,
    },
    BadTimeZone {
        field: String,
        value: String,
        suggestion: Option<String>,
    },
    DuplicateFaction {
        short: String,
        first_line: usize,
    },
    MemberTwice {
        member: String,
        first: String,
        second: String,
    },
    CouncilUnreadable {
        path: String,
        reason: crate::fsio::ReadFailure,
    },
    CouncilInvalid {
        path: String,
        errors: usize,
    },
    BudgetNoSeats,
    // Warnings.
    AgendaOver {
        planned: u64,
        duration: u32,
    },
    PublicItemWithoutRight {
        title: String,
    },
    SpeakersWithoutRight,
    SeatsMismatch {
        sum: u64,
        seats: u32,
    },
    NoFactions,
    Sanitized {
        field: String,
    },
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        let t = |key: &'static str, args: &[(&str, &dyn Display)]| lang.fill(key, args);
        let hint = |s: &Option<String>| match s {
            Some(s) => lang.fill("msg.did_you_mean", &[("suggestion", s)]),
            None => String::new(),
        };
        match self {
            Unreadable { reason } => t("msg.unreadable", &[("reason", &reason.text(lang))]),
            NotUtf8 => t("msg.not_utf8", &[]),
            UnknownTop { found } => t("msg.unknown_top", &[("found", found)]),
            Syntax { detail } => t("msg.syntax", &[("detail", detail)]),
            Eof => t("msg.eof", &[]),
            UnknownField {
                field,
                outer,
                valid,
                suggestion,
            } => {
                t(
                    "msg.unknown_field",
                    &[("field", field), ("outer", outer), ("valid", valid)],
                ) + &hint(suggestion)
            }
            MissingField { field, outer } => {
                t("msg.missing_field", &[("field", field), ("outer", outer)])
            }
            DuplicateField { field, outer } => {
                t("msg.duplicate_field", &[("field", field), ("outer", outer)])
            }
            UnknownVariant {
                found,
                outer,
                valid,
                suggestion,
            } => {
                t(
                    "msg.unknown_variant",
                    &[("found", found), ("outer", outer), ("valid", valid)],
                ) + &hint(suggestion)
            }
            WrongType { expected, found } => t(
                "msg.wrong_type",
                &[("expected", expected), ("found", found)],
            ),
            WrongName { expected, found } => t(
                "msg.wrong_name",
                &[("expected", expected), ("found", found)],
            ),
            IntegerRange => t("msg.integer_range", &[]),
            TooDeep => t("msg.too_deep", &[]),
            Expected { key } => t(key, &[]),
            UnexpectedChar { found } => t("msg.unexpected_char", &[("found", found)]),
            Empty { field } => t("msg.empty", &[("field", field)]),
            Zero { field } => t("msg.zero", &[("field", field)]),
            ZeroSeats => t("msg.zero_seats", &[]),
            WarningsOrder => t("msg.warnings_order", &[]),
            NoAgenda => t("msg.no_agenda", &[]),
            BadDate { field, value } => t("msg.bad_date", &[("field", field), ("value", value)]),
            BadTime { field, value } => t("msg.bad_time", &[("field", field), ("value", value)]),
            BadTimeZone {
                field,
                value,
                suggestion,
            } => t("msg.bad_time_zone", &[("field", field), ("value", value)]) + &hint(suggestion),
            DuplicateFaction { short, first_line } => t(
                "msg.duplicate_faction",
                &[("short", short), ("line", first_line)],
            ),
            MemberTwice {
                member,
                first,
                second,
            } => t(
                "msg.member_twice",
                &[("member", member), ("first", first), ("second", second)],
            ),
            CouncilUnreadable { path, reason } => t(
                "msg.council_unreadable",
                &[("path", path), ("reason", &reason.text(lang))],
            ),
            CouncilInvalid { path, errors } => {
                let key = if *errors == 1 {
                    "check.errors.one"
                } else {
                    "check.errors.other"
                };
                let count = lang.fill(key, &[("n", errors)]);
                t("msg.council_invalid", &[("path", path), ("errors", &count)])
            }
            BudgetNoSeats => t("msg.budget_no_seats", &[]),
            AgendaOver { planned, duration } => t(
                "msg.agenda_over",
                &[("planned", planned), ("duration", duration)],
            ),
            PublicItemWithoutRight { title } => {
                t("msg.public_item_without_right", &[("title", title)])
            }
            SpeakersWithoutRight => t("msg.speakers_without_right", &[]),
            SeatsMismatch { sum, seats } => {
                t("msg.seats_mismatch", &[("sum", sum), ("seats", seats)])
            }
            NoFactions => t("msg.no_factions", &[]),
            Sanitized { field } => t("msg.sanitized", &[("field", field)]),
        }
    }
}

/// One problem at one place in one file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub pos: Option<Pos>,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn error(file: &Path, pos: Option<Pos>, problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            pos,
            problem,
        }
    }

    pub fn warning(file: &Path, pos: Option<Pos>, problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: file.to_owned(),
            pos,
            problem,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `FILE:LINE:COL` (or just `FILE` when the place is unknown).
    pub fn location(&self) -> String {
        let file = self.file.display();
        match self.pos {
            Some(pos) => format!("{file}:{pos}"),
            None => file.to_string(),
        }
    }

    pub fn severity_word(&self, lang: Lang) -> &'static str {
        match self.severity {
            Severity::Error => lang.text("sev.error"),
            Severity::Warning => lang.text("sev.warning"),
        }
    }

    /// `FILE:LINE:COL: fout: message`, cleaned for the terminal.
    pub fn render(&self, lang: Lang) -> String {
        let line = format!(
            "{}: {}: {}",
            self.location(),
            self.severity_word(lang),
            self.problem.message(lang)
        );
        for_display(&line).replace('\n', " ")
    }
}

/// The valid name closest to a misspelt one, if it is close enough to be a typo.
pub fn closest(found: &str, valid: &[&str]) -> Option<String> {
    let found_lower = found.to_lowercase();
    valid
        .iter()
        .map(|v| (strsim::levenshtein(&found_lower, &v.to_lowercase()), *v))
        .filter(|(d, v)| *d <= (v.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v.to_owned())
}
