//! Cleaning untrusted text before it can reach a terminal.
//!
//! Session files come from clerks, generators and imports; a title holding
//! `\u{1b}[2J` must never clear the chair's screen. Every string loaded from a
//! file goes through [`clean`]: control characters (C0, C1, DEL), whole
//! escape sequences (CSI, OSC, DCS and friends) and bidi overrides are removed,
//! tabs are expanded, and single-line fields lose their line breaks.

use std::borrow::Cow;

/// Tab stops used when expanding tabs.
pub const TAB_WIDTH: usize = 4;

/// What kind of text a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// Names, titles, codes: line breaks become spaces, ends are trimmed.
    Single,
    /// Paragraph text: line breaks are kept, trailing whitespace is trimmed.
    Multi,
}

/// The result of cleaning a string.
#[derive(Debug, PartialEq, Eq)]
pub struct Cleaned<'a> {
    pub text: Cow<'a, str>,
    /// True when something other than whitespace was removed (control
    /// characters, escape sequences, bidi controls): worth a warning.
    pub removed: bool,
}

/// Bidirectional formatting characters that can make text display in another
/// order than it is stored ("Trojan Source"), plus the invisible direction marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn needs_work(s: &str, lines: Lines) -> bool {
    let edge = |c: char| c.is_whitespace();
    s.chars()
        .any(|c| c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}'))
        || (lines == Lines::Single && (s.starts_with(edge) || s.ends_with(edge)))
        || (lines == Lines::Multi && s.ends_with(edge))
}

/// Clean one string; borrows when nothing had to change.
pub fn clean(s: &str, lines: Lines) -> Cleaned<'_> {
    if !needs_work(s, lines) {
        return Cleaned {
            text: Cow::Borrowed(s),
            removed: false,
        };
    }
    let mut out = String::with_capacity(s.len());
    let mut removed = false;
    let mut column = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A lone CR (how terminals send a pasted line break) is a
            // line break too; CR LF is one.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                if lines == Lines::Multi {
                    // Trailing blanks before a line break are invisible noise.
                    let trimmed = out.trim_end_matches([' ', '\t']).len();
                    out.truncate(trimmed);
                    out.push('\n');
                } else {
                    out.push(' ');
                }
                column = 0;
            }
            '\t' => {
                let width = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', width));
                column += width;
            }
            '\u{1b}' => {
                removed = true;
                skip_escape(&mut chars);
            }
            '\u{9b}' => {
                removed = true;
                skip_csi(&mut chars);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                removed = true;
                skip_string(&mut chars);
            }
            c if c.is_control() || is_bidi_control(c) => removed = true,
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    let text = match lines {
        Lines::Single => out.trim().to_owned(),
        Lines::Multi => out.trim_end().to_owned(),
    };
    Cleaned {
        text: Cow::Owned(text),
        removed,
    }
}

/// Clean a string in place; returns true when something was removed.
pub fn clean_in_place(s: &mut String, lines: Lines) -> bool {
    let Cleaned { text, removed } = clean(s, lines);
    if let Cow::Owned(text) = text {
        *s = text;
    }
    removed
}

/// Clean text for display where line breaks are allowed (messages, paths).
pub fn for_display(s: &str) -> Cow<'_, str> {
    clean(s, Lines::Multi).text
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After an ESC: drop the rest of the sequence.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // Intermediate bytes, then one final byte (e.g. `ESC ( B`).
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Control sequence: parameter and intermediate bytes, then a final byte.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// OSC, DCS and other string sequences end with BEL or ST (ESC \ or U+9C).
/// Without an end, only the introducer goes: the text after it is kept.
fn skip_string(chars: &mut Chars<'_>) {
    let mut ahead = chars.clone();
    let mut n = 0usize;
    let terminated = loop {
        match ahead.next() {
            None => break false,
            Some('\u{7}' | '\u{9c}') => break true,
            Some('\u{1b}') => {
                if ahead.peek() == Some(&'\\') {
                    n += 1;
                }
                break true;
            }
            Some(_) => n += 1,
        }
    };
    if terminated {
        // The body and the terminator.
        for _ in 0..=n {
            chars.next();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(s: &str) -> (String, bool) {
        let c = clean(s, Lines::Single);
        (c.text.into_owned(), c.removed)
    }

    fn multi(s: &str) -> (String, bool) {
        let c = clean(s, Lines::Multi);
        (c.text.into_owned(), c.removed)
    }

    #[test]
    fn plain_text_is_borrowed() {
        let c = clean("Rekenkameronderzoek Datagedreven Sturing", Lines::Single);
        assert!(matches!(c.text, Cow::Borrowed(_)));
        assert!(!c.removed);
    }

    #[test]
    fn csi_sequence_is_removed_whole() {
        assert_eq!(single("a\u{1b}[2Jb"), ("ab".into(), true));
        assert_eq!(single("\u{1b}[1;31mrood\u{1b}[0m"), ("rood".into(), true));
    }

    #[test]
    fn osc_title_and_hyperlink_are_removed() {
        assert_eq!(single("x\u{1b}]0;pwned\u{7}y"), ("xy".into(), true));
        assert_eq!(
            single("\u{1b}]8;;http://e.x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            ("link".into(), true)
        );
    }

    #[test]
    fn c1_controls_are_removed() {
        assert_eq!(single("a\u{9b}31mb"), ("ab".into(), true));
        assert_eq!(single("a\u{85}b"), ("ab".into(), true));
        assert_eq!(single("a\u{9d}0;t\u{9c}b"), ("ab".into(), true));
    }

    #[test]
    fn charset_escape_is_removed() {
        assert_eq!(single("a\u{1b}(Bb"), ("ab".into(), true));
        assert_eq!(single("a\u{1b}cb"), ("ab".into(), true));
        assert_eq!(single("trailing\u{1b}"), ("trailing".into(), true));
    }

    #[test]
    fn an_unterminated_string_sequence_keeps_the_text_after_it() {
        assert_eq!(single("Jan\u{9d}Vries"), ("JanVries".into(), true));
        assert_eq!(single("a\u{1b}]0;titel"), ("a0;titel".into(), true));
    }

    #[test]
    fn bidi_overrides_are_removed() {
        assert_eq!(single("VVD\u{202E}DVV"), ("VVDDVV".into(), true));
        assert_eq!(single("\u{2066}x\u{2069}"), ("x".into(), true));
    }

    #[test]
    fn other_c0_and_del_are_removed() {
        assert_eq!(single("a\u{0}b\u{7}c\u{7f}d"), ("abcd".into(), true));
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        assert_eq!(multi("a\tb\n\tc"), ("a   b\n    c".into(), false));
    }

    #[test]
    fn single_line_fields_lose_line_breaks_and_edges() {
        assert_eq!(
            single("  Sander\r\nJanssen \n"),
            ("Sander Janssen".into(), false)
        );
    }

    #[test]
    fn multi_line_fields_keep_paragraphs() {
        assert_eq!(
            multi("Eerste alinea.  \r\n\r\nTweede alinea.\n"),
            ("Eerste alinea.\n\nTweede alinea.".into(), false)
        );
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_break() {
        assert_eq!(
            multi("een.\r\rtwee.\rdrie"),
            ("een.\n\ntwee.\ndrie".into(), false)
        );
        assert_eq!(single("eerste\rregel"), ("eerste regel".into(), false));
    }

    #[test]
    fn unicode_is_kept() {
        assert_eq!(
            single("张伟 🎉 Ĳsselmonde"),
            ("张伟 🎉 Ĳsselmonde".into(), false)
        );
    }

    #[test]
    fn clean_in_place_reports_removal() {
        let mut s = String::from("ok\u{1b}[2J");
        assert!(clean_in_place(&mut s, Lines::Single));
        assert_eq!(s, "ok");
    }
}
