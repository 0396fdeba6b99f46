//! Markdown escapes: the record templates' filters `md_inline` and
//! `md_paragraph`. The Markdown record itself (CommonMark with GFM tables)
//! is the built-in template `verslag` (`assets/templates/verslag.j2`),
//! rendered by `export::verslag::render`.

/// Escape text for inline use: characters that would start Markdown
/// formatting get a backslash; a line break becomes a space (no `<br>`).
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as a paragraph: inline escapes, plus a line that would start a
/// list, heading or quote is protected; its line breaks stay, as hard
/// breaks.
pub fn md_paragraph(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            // Leading blanks would make an indented code block.
            let t = line.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let mut l = String::new();
            if t.starts_with(['-', '+', '=']) {
                l.push('\\');
            }
            for (i, c) in t.chars().enumerate() {
                match c {
                    '.' | ')' if digits > 0 && i == digits => {
                        l.push('\\');
                        l.push(c);
                    }
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' => {
                        l.push('\\');
                        l.push(c);
                    }
                    c => l.push(c),
                }
            }
            l
        })
        .collect::<Vec<_>>()
        .join("  \n")
}

/// Text for a table cell or a line of a list: on one line (line breaks
/// and runs of white space become one space, never `<br>`), escaped.
pub fn md_inline(s: &str) -> String {
    inline(&super::chapters::one_line(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_escape_pipes_and_stay_on_one_line() {
        assert_eq!(md_inline("a|b\nc"), "a\\|b c");
        assert_eq!(md_inline(" a \r\n\n b "), "a b");
        assert_eq!(md_inline("*x* [y](z) <b>"), "\\*x\\* \\[y\\](z) \\<b\\>");
        assert!(!md_inline("a\nb").contains("<br>"));
    }

    #[test]
    fn paragraphs_do_not_become_lists_or_headings() {
        assert_eq!(md_paragraph("- a\n1. b\n# c"), "\\- a  \n1\\. b  \n\\# c");
    }
}
