//! Dutch and English texts of the user interface.
//!
//! The texts live in `assets/i18n/{nl,en}.ron` (a map from key to text with
//! `{name}` placeholders) and are compiled into the binary. Dutch is the
//! default; `--lang en` or `HAMER_LANG=en` switch to English. Tests make sure
//! both catalogues have the same keys and placeholders, and that every key the
//! code uses exists.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    fn source(self) -> &'static str {
        match self {
            Lang::Nl => include_str!("../assets/i18n/nl.ron"),
            Lang::En => include_str!("../assets/i18n/en.ron"),
        }
    }

    fn catalog(self) -> &'static HashMap<String, String> {
        static NL: OnceLock<HashMap<String, String>> = OnceLock::new();
        static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
        let cell = match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        };
        // The catalogues are compiled in and checked by tests; a broken one
        // degrades to showing keys rather than taking the program down.
        cell.get_or_init(|| ron::from_str(self.source()).unwrap_or_default())
    }

    /// The text for `key`, or the key itself when it is missing.
    pub fn text(self, key: &'static str) -> &'static str {
        self.catalog().get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn fill(self, key: &'static str, args: &[(&str, &dyn Display)]) -> String {
        let template = self.text(key);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => out.push_str(&value.to_string()),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            set.insert(after[..close].to_owned());
            rest = &after[close + 1..];
        }
        set
    }

    #[test]
    fn catalogues_parse() {
        for lang in Lang::ALL {
            let parsed: Result<HashMap<String, String>, _> = ron::from_str(lang.source());
            assert!(parsed.is_ok(), "{lang:?}: {:?}", parsed.err());
            assert!(!lang.catalog().is_empty());
        }
    }

    #[test]
    fn catalogues_have_the_same_keys_and_placeholders() {
        let nl = Lang::Nl.catalog();
        let en = Lang::En.catalog();
        let nl_keys: BTreeSet<_> = nl.keys().collect();
        let en_keys: BTreeSet<_> = en.keys().collect();
        assert_eq!(nl_keys, en_keys, "keys differ between nl and en");
        for key in nl.keys() {
            assert_eq!(
                placeholders(&nl[key]),
                placeholders(&en[key]),
                "placeholders of {key} differ"
            );
        }
    }

    /// Every `"prefix.key"` literal in the sources that looks like a text key
    /// must exist in the catalogue.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let mut used = BTreeSet::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                for e in std::fs::read_dir(&p).unwrap() {
                    stack.push(e.unwrap().path());
                }
            } else if p.extension().is_some_and(|e| e == "rs") {
                let src = std::fs::read_to_string(&p).unwrap();
                for prefix in [
                    "\"msg.",
                    "\"check.",
                    "\"sev.",
                    "\"cli.",
                    "\"journal.",
                    "\"ui.",
                    "\"key.",
                    "\"ev.",
                    "\"refusal.",
                    "\"rec.",
                ] {
                    let mut rest = src.as_str();
                    while let Some(at) = rest.find(prefix) {
                        let key: String = rest[at + 1..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'))
                            .collect();
                        if !key.ends_with('.') && rest[at + 1 + key.len()..].starts_with('"') {
                            used.insert(key);
                        }
                        rest = &rest[at + 1..];
                    }
                }
            }
        }
        assert!(used.len() > 10, "the scan found too few keys: {used:?}");
        for key in &used {
            assert!(
                Lang::Nl.catalog().contains_key(key.as_str()),
                "missing key {key}"
            );
        }
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            Lang::En.fill("msg.empty", &[("field", &"title")]),
            "`title` is empty; fill it in"
        );
        assert_eq!(Lang::En.text("no.such.key"), "no.such.key");
    }
}
