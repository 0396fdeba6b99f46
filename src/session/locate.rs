//! Where in the file a value stands, so that a rule broken by a value that
//! parsed fine (an empty title, a duplicate faction code) can still be
//! reported as `FILE:LINE:COL`.
//!
//! serde forgets positions once a value is deserialized, so this module
//! scans the RON text a second time, structurally, and records the position
//! of every value under its path: `agenda[3].planned_min`, `factions[0].short`.
//! `Some(x)` is transparent: `start` points at the value inside `Some(...)`.
//! The scan is tolerant: on text it does not understand it stops and keeps
//! what it found, so it can never make a valid file fail.

use std::collections::HashMap;

/// A 1-based line and column (in characters), as ron reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Positions of the values in one RON text, by path.
#[derive(Debug, Default)]
pub struct Locator {
    values: HashMap<String, Pos>,
    /// The identifier in front of the top-level value (`Session`, `Council`).
    top_name: Option<String>,
}

/// Deeper than ron's own recursion limit: a file ron accepted never hits it.
const MAX_DEPTH: usize = 200;

impl Locator {
    pub fn new(src: &str) -> Self {
        let mut scanner = Scanner {
            chars: src.chars().collect(),
            i: 0,
            line: 1,
            col: 1,
            out: Locator::default(),
        };
        scanner.skip_trivia();
        scanner.skip_attributes();
        let _ = scanner.value("", 0, true);
        scanner.out
    }

    /// The position of the value at `path`; when the path is not found (a
    /// defaulted field), the position of its nearest recorded ancestor.
    pub fn pos(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// The position of the value at exactly `path`, if it is written in the file.
    pub fn exact(&self, path: &str) -> Option<Pos> {
        self.values.get(path).copied()
    }

    /// The identifier before the top-level value, e.g. `Session`.
    pub fn top_name(&self) -> Option<&str> {
        self.top_name.as_deref()
    }
}

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    out: Locator,
}

/// The scan gave up: the text is not RON it understands.
struct Stop;

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.i + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Whitespace and comments (`//` and nestable `/* */`).
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                (Some('/'), Some('*')) => {
                    let mut depth = 0usize;
                    while let Some(c) = self.bump() {
                        if c == '/' && self.peek() == Some('*') {
                            self.bump();
                            depth += 1;
                        } else if c == '*' && self.peek() == Some('/') {
                            self.bump();
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// `#![enable(...)]` lines before the value.
    fn skip_attributes(&mut self) {
        while self.peek() == Some('#') && self.peek_at(1) == Some('!') {
            while let Some(c) = self.bump() {
                if c == ']' {
                    break;
                }
            }
            self.skip_trivia();
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        // Raw identifiers: r#name
        if self.peek() == Some('r') && self.peek_at(1) == Some('#') {
            self.bump();
            self.bump();
        }
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    fn value(&mut self, path: &str, depth: usize, top: bool) -> Result<(), Stop> {
        if depth > MAX_DEPTH {
            return Err(Stop);
        }
        self.skip_trivia();
        let start = self.pos();
        self.out.values.insert(path.to_owned(), start);
        match self.peek().ok_or(Stop)? {
            '"' => self.string(),
            'b' if self.peek_at(1) == Some('"') => {
                self.bump();
                self.string()
            }
            'r' if matches!(self.peek_at(1), Some('"' | '#')) && !self.raw_ident_ahead() => {
                self.bump();
                self.raw_string()
            }
            'b' if self.peek_at(1) == Some('r') && matches!(self.peek_at(2), Some('"' | '#')) => {
                self.bump();
                self.bump();
                self.raw_string()
            }
            '\'' => self.char_lit(),
            '[' => {
                self.bump();
                self.seq(path, ']', depth)
            }
            '{' => {
                self.bump();
                self.map(path, depth)
            }
            '(' => {
                self.bump();
                self.parens(path, false, depth)
            }
            c if c.is_alphabetic() || c == '_' => {
                let name = self.ident();
                if top {
                    self.out.top_name = Some(name.clone());
                }
                self.skip_trivia();
                if self.eat('(') {
                    // Some(x) is transparent for paths.
                    self.parens(path, name == "Some", depth)
                } else {
                    Ok(())
                }
            }
            _ => self.scalar(),
        }
    }

    fn raw_ident_ahead(&self) -> bool {
        // r#foo (identifier) versus r#"..."# (raw string)
        self.peek_at(1) == Some('#')
            && self
                .peek_at(2)
                .is_some_and(|c| c.is_alphabetic() || c == '_')
    }

    fn scalar(&mut self) -> Result<(), Stop> {
        let mut any = false;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || matches!(c, '.' | '+' | '-' | '_') {
                self.bump();
                any = true;
            } else {
                break;
            }
        }
        if any { Ok(()) } else { Err(Stop) }
    }

    fn string(&mut self) -> Result<(), Stop> {
        self.bump(); // opening quote
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => return Ok(()),
                _ => {}
            }
        }
        Err(Stop)
    }

    fn raw_string(&mut self) -> Result<(), Stop> {
        let mut hashes = 0;
        while self.eat('#') {
            hashes += 1;
        }
        if !self.eat('"') {
            return Err(Stop);
        }
        while let Some(c) = self.bump() {
            if c == '"' {
                let mut n = 0;
                while n < hashes && self.peek() == Some('#') {
                    self.bump();
                    n += 1;
                }
                if n == hashes {
                    return Ok(());
                }
            }
        }
        Err(Stop)
    }

    fn char_lit(&mut self) -> Result<(), Stop> {
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '\'' => return Ok(()),
                _ => {}
            }
        }
        Err(Stop)
    }

    /// Elements up to `close`, each at `path[i]`.
    fn seq(&mut self, path: &str, close: char, depth: usize) -> Result<(), Stop> {
        let mut index = 0;
        loop {
            self.skip_trivia();
            if self.eat(close) {
                return Ok(());
            }
            self.value(&format!("{path}[{index}]"), depth + 1, false)?;
            index += 1;
            self.skip_trivia();
            if !self.eat(',') {
                self.skip_trivia();
                return if self.eat(close) { Ok(()) } else { Err(Stop) };
            }
        }
    }

    fn map(&mut self, path: &str, depth: usize) -> Result<(), Stop> {
        loop {
            self.skip_trivia();
            if self.eat('}') {
                return Ok(());
            }
            self.value(&format!("{path}{{}}"), depth + 1, false)?;
            self.skip_trivia();
            if !self.eat(':') {
                return Err(Stop);
            }
            self.value(&format!("{path}{{}}"), depth + 1, false)?;
            self.skip_trivia();
            if !self.eat(',') {
                self.skip_trivia();
                return if self.eat('}') { Ok(()) } else { Err(Stop) };
            }
        }
    }

    /// The inside of `(...)`: named fields (`a: 1, b: 2`) or a tuple.
    fn parens(&mut self, path: &str, transparent: bool, depth: usize) -> Result<(), Stop> {
        self.skip_trivia();
        if self.is_field_ahead() {
            loop {
                self.skip_trivia();
                if self.eat(')') {
                    return Ok(());
                }
                let name = self.ident();
                if name.is_empty() {
                    return Err(Stop);
                }
                self.skip_trivia();
                if !self.eat(':') {
                    return Err(Stop);
                }
                let field = if path.is_empty() {
                    name
                } else {
                    format!("{path}.{name}")
                };
                self.value(&field, depth + 1, false)?;
                self.skip_trivia();
                if !self.eat(',') {
                    self.skip_trivia();
                    return if self.eat(')') { Ok(()) } else { Err(Stop) };
                }
            }
        } else if transparent {
            // Some(value): the inner value takes the outer path; the position
            // recorded for the path becomes the inner value's.
            self.value(path, depth + 1, false)?;
            self.skip_trivia();
            self.eat(',');
            self.skip_trivia();
            if self.eat(')') { Ok(()) } else { Err(Stop) }
        } else {
            self.seq(path, ')', depth)
        }
    }

    /// Is the next token `identifier :` (and not `identifier ::`)?
    fn is_field_ahead(&self) -> bool {
        let mut j = self.i;
        if self.chars.get(j) == Some(&'r') && self.chars.get(j + 1) == Some(&'#') {
            j += 2;
        }
        let start = j;
        while self
            .chars
            .get(j)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            j += 1;
        }
        if j == start || self.chars[start].is_ascii_digit() {
            return false;
        }
        while self.chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        self.chars.get(j) == Some(&':') && self.chars.get(j + 1) != Some(&':')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"// a comment
Session(
    title: "Rekenkamer",   /* block /* nested */ comment */
    start: Some("19:30"),
    public_speaking: Some(PublicSpeaking(limit_min: 5)),
    agenda: [
        Item(title: "Opening", kind: Opening, planned_min: 2),
        Item(title: "Twee, \"drie\"", kind: Round, planned_min: 0, speaker_limit_min: Some(3)),
    ],
    raw: r#"x"y"#,
)
"##;

    #[test]
    fn finds_fields_items_and_options() {
        let l = Locator::new(SRC);
        assert_eq!(l.top_name(), Some("Session"));
        assert_eq!(l.exact("title"), Some(Pos { line: 3, col: 12 }));
        assert_eq!(l.exact("start"), Some(Pos { line: 4, col: 17 }));
        assert_eq!(
            l.exact("public_speaking.limit_min"),
            Some(Pos { line: 5, col: 53 })
        );
        assert_eq!(l.exact("agenda[1]"), Some(Pos { line: 8, col: 9 }));
        assert_eq!(
            l.exact("agenda[1].planned_min"),
            Some(Pos { line: 8, col: 65 })
        );
        assert_eq!(
            l.exact("agenda[1].speaker_limit_min"),
            Some(Pos { line: 8, col: 92 })
        );
        assert_eq!(l.exact("raw"), Some(Pos { line: 10, col: 10 }));
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_ancestor() {
        let l = Locator::new(SRC);
        assert_eq!(l.pos("agenda[0].speaker_limit_min"), l.exact("agenda[0]"));
        assert_eq!(l.pos("nothing"), None);
    }

    #[test]
    fn garbage_never_panics() {
        for src in [
            "",
            "(",
            "Session(title",
            "[[[[",
            "\"",
            "r#\"",
            "'",
            "/*",
            "Some(",
            "x: y",
        ] {
            let _ = Locator::new(src);
        }
        let deep = "[".repeat(10_000);
        let _ = Locator::new(&deep);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let l = Locator::new("S(a: \"张伟\", b: 1)");
        assert_eq!(l.exact("b"), Some(Pos { line: 1, col: 15 }));
    }
}
