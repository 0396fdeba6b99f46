//! The text of an export: its encoding, and the text of its HTML
//! fragments (tags removed, entities decoded, list items marked).

use super::Warning;

/// Text of an HTML fragment: tags removed, entities decoded, paragraphs and
/// line breaks kept as line breaks. Entities are decoded as a browser
/// shows them (`htmlize`): every named one (`&euml;`, `&rsquo;`,
/// `&hellip;`, …, and the old ones written without `;`, such as `&amp`),
/// and every numeric one (`&#235;`, `&#xEB;`). Each run of text between
/// tags is decoded on its own, so an encoded `&lt;b&gt;` stays text; an `&`
/// that starts no entity stays as it is.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            push_decoded(&mut out, after);
            rest = "";
            break;
        };
        let tag = after[1..gt].trim().to_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match name.as_str() {
            "br" => out.push('\n'),
            "p" | "div" | "ol" | "ul" if tag.starts_with('/') => out.push_str("\n\n"),
            "li" if !tag.starts_with('/') => out.push_str(LIST_ITEM),
            _ => {}
        }
        rest = &after[gt + 1..];
    }
    push_decoded(&mut out, rest);
    let decoded = out;
    // Collapse blanks within lines; at most one empty line between paragraphs.
    let mut text = String::new();
    let mut blank = 0;
    for line in decoded.split('\n') {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(&line);
    }
    text
}

/// Where a `<li>` item starts in the text of [`html_text`].
const LIST_ITEM: &str = "\n\u{1}";

/// Text with its entities decoded. The character that marks a list item
/// cannot come from the text (`&#1;`): it is dropped there.
fn push_decoded(out: &mut String, text: &str) {
    let decoded = htmlize::unescape(text);
    if decoded.contains('\u{1}') {
        out.extend(decoded.chars().filter(|c| *c != '\u{1}'));
    } else {
        out.push_str(&decoded);
    }
}

/// The text of an export: UTF-8 (with or without a byte order mark) as
/// it is; UTF-16 with a byte order mark (what Windows calls "Unicode"
/// text); anything else as Windows-1252, the other encoding Windows
/// programs save text in. Every byte sequence decodes to some text; a
/// notice says when it was not UTF-8.
pub fn decode(bytes: &[u8], warnings: &mut Vec<Warning>) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if encoding != encoding_rs::UTF_8 {
            warnings.push(Warning::Decoded {
                encoding: encoding.name(),
            });
        }
        if had_errors {
            warnings.push(Warning::NotUtf8);
        }
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            warnings.push(Warning::Decoded {
                encoding: encoding_rs::WINDOWS_1252.name(),
            });
            text.into_owned()
        }
    }
}
