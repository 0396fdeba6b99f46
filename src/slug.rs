//! Slugs: a name made safe to be an id or part of a file name. One place
//! for the JSON export's ids and `hamer import`'s default file names.

/// Lower-case letters and digits as they are; every run of anything else
/// becomes one dash, with no dash at either end, and at most `max` bytes
/// before the last dash is trimmed.
fn dashed(chars: impl Iterator<Item = char>, keep: impl Fn(char) -> bool, max: usize) -> String {
    let mut out = String::new();
    for c in chars {
        if out.len() >= max {
            break;
        }
        if keep(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A stable id from a name: lower case, letters and digits, dashes.
/// Letters of any script are kept (`王小明` stays itself).
pub fn id(s: &str) -> String {
    dashed(
        s.chars().flat_map(char::to_lowercase),
        char::is_alphanumeric,
        usize::MAX,
    )
}

/// The longest slug [`file_name`] makes, in characters (all ASCII).
pub const FILE_NAME_MAX: usize = 60;

/// A slug for a file name: only `a`-`z`, `0`-`9` and single dashes, at
/// most [`FILE_NAME_MAX`] long, no dash at either end. Accented Latin
/// letters lose their accent (`ë` is `e`, `ĳ` is `ij`); anything else is a
/// separator. So no name made from it can leave its folder, hide itself
/// or carry a control character.
pub fn file_name(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_latin(c) {
            Some(plain) => folded.push_str(plain),
            None => folded.push(c),
        }
    }
    dashed(
        folded.chars().map(|c| c.to_ascii_lowercase()),
        |c| c.is_ascii_alphanumeric(),
        FILE_NAME_MAX,
    )
}

/// The plain letters of an accented Latin letter, for [`file_name`].
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ĳ' | 'Ĳ' => "ij",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(id("Sander Janssen"), "sander-janssen");
        assert_eq!(id("  Ĳsselmonde, 't Hof!"), "ĳsselmonde-t-hof");
        assert_eq!(id("王小明"), "王小明");
    }

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(
            file_name("Rekenkameronderzoek Datagedreven Sturing"),
            "rekenkameronderzoek-datagedreven-sturing"
        );
        assert_eq!(file_name("  Ĳsselmonde, 't Hof!"), "ijsselmonde-t-hof");
        assert_eq!(file_name("Één café"), "een-cafe");
        assert_eq!(file_name("../../x\u{1b}]0;y\u{7}"), "x-0-y");
        assert_eq!(file_name("王小明"), "");
        assert_eq!(file_name(&"a".repeat(100)).len(), FILE_NAME_MAX);
    }
}
