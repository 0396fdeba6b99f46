//! `hamer check FILE...`: tell a clerk whether their files are right, and
//! where and how to fix them when they are not.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::sanitize::for_display;
use crate::session::{Council, Diagnostic, Document, LoadError, SessionPlan, load_document};

/// Exit status: all files valid.
pub const EXIT_OK: u8 = 0;
/// Exit status: at least one file is invalid.
pub const EXIT_INVALID: u8 = 1;
/// Exit status: usage error or a file that cannot be read.
pub const EXIT_UNREADABLE: u8 = 2;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }
    fn ok(&self, t: &str) -> String {
        self.paint("1;32", t)
    }
    fn bad(&self, t: &str) -> String {
        self.paint("1;31", t)
    }
    fn warn(&self, t: &str) -> String {
        self.paint("1;33", t)
    }
}

fn plural(lang: Lang, one: &'static str, other: &'static str, n: usize) -> String {
    lang.fill(if n == 1 { one } else { other }, &[("n", &n)])
}

/// The summary of a valid session file.
pub fn session_summary(plan: &SessionPlan, lang: Lang) -> String {
    let s = &plan.session;
    let mut parts = vec![s.title.clone(), s.date.clone()];
    if !s.room.is_empty() {
        parts.push(s.room.clone());
    }
    let items = plural(lang, "check.items.one", "check.items.other", s.agenda.len());
    parts.push(format!(
        "{items} ({}/{} min)",
        plan.planned_min(),
        s.duration_min
    ));
    parts.push(plural(
        lang,
        "check.factions.one",
        "check.factions.other",
        plan.factions.len(),
    ));
    parts.join(" · ")
}

/// The summary of a valid council file.
pub fn council_summary(c: &Council, lang: Lang) -> String {
    [
        format!("{} {}", c.municipality, c.term),
        plural(
            lang,
            "check.seats.one",
            "check.seats.other",
            c.seats as usize,
        ),
        plural(
            lang,
            "check.factions.one",
            "check.factions.other",
            c.factions.len(),
        ),
        plural(
            lang,
            "check.college.one",
            "check.college.other",
            c.college.len(),
        ),
    ]
    .join(" · ")
}

/// Check `files`, write the report to `out`, return the exit status.
pub fn run(files: &[PathBuf], lang: Lang, color: bool, out: &mut impl Write) -> u8 {
    let style = Style { color };
    let mut seen = HashSet::new();
    let (mut valid, mut invalid, mut unreadable) = (0usize, 0usize, 0usize);
    let mut lines = Vec::new();
    for file in files {
        let shown = for_display(&file.display().to_string()).into_owned();
        let (status, diagnostics) = match load_document(file) {
            Ok(loaded) => {
                valid += 1;
                let summary = match &loaded.value {
                    Document::Session(plan) => session_summary(plan, lang),
                    Document::Council(c) => council_summary(c, lang),
                };
                let label = style.ok(&format!("{:<4}", lang.text("check.ok")));
                (
                    format!("{label}  {shown}  {}", for_display(&summary)),
                    loaded.warnings,
                )
            }
            Err(e) => {
                if matches!(e, LoadError::Unreadable { .. }) {
                    unreadable += 1;
                } else {
                    invalid += 1;
                }
                let diagnostics = e.diagnostics();
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let label = style.bad(&format!("{:<4}", lang.text("check.failed")));
                let count = plural(lang, "check.errors.one", "check.errors.other", errors);
                (format!("{label}  {shown}  {count}"), diagnostics)
            }
        };
        lines.push(status);
        let mut diagnostics = diagnostics;
        // In file order: this file first, then a council file it names.
        diagnostics.sort_by(|a, b| {
            (a.file != *file, &a.file, a.pos).cmp(&(b.file != *file, &b.file, b.pos))
        });
        for d in diagnostics {
            if seen.insert(d.clone()) {
                lines.push(render(&d, lang, &style));
            }
        }
    }
    if files.len() > 1 {
        lines.push(lang.fill(
            "check.total",
            &[
                ("files", &files.len()),
                ("valid", &valid),
                ("invalid", &(invalid + unreadable)),
            ],
        ));
    }
    for line in lines {
        // A closed pipe (`hamer check ... | head`) is not worth a panic.
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    let _ = out.flush();
    if unreadable > 0 {
        EXIT_UNREADABLE
    } else if invalid > 0 {
        EXIT_INVALID
    } else {
        EXIT_OK
    }
}

fn render(d: &Diagnostic, lang: Lang, style: &Style) -> String {
    let word = d.severity_word(lang);
    let word = if d.is_error() {
        style.bad(word)
    } else {
        style.warn(word)
    };
    let message = for_display(&d.problem.message(lang)).replace('\n', " ");
    let location = for_display(&d.location()).into_owned();
    format!("{location}: {word}: {message}")
}

/// Check one file and return the rendered report and status (for tests).
pub fn report(file: &Path, lang: Lang) -> (u8, String) {
    let mut out = Vec::new();
    let code = run(&[file.to_owned()], lang, false, &mut out);
    (code, String::from_utf8_lossy(&out).into_owned())
}
