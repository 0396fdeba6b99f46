//! Dutch and English texts of the user interface.
//!
//! The texts live in `assets/i18n/{nl,en}.ron` (a map from key to text with
//! `{name}` placeholders) and are compiled into the binary. Dutch is the
//! default; `--lang en` or `HAMER_LANG=en` switch to English. Tests make sure
//! both catalogues have the same keys and placeholders, that every key the
//! code uses exists, whatever its prefix, and that every key is used.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
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

    /// The text keys a source file names: every key-shaped string literal
    /// (`"word.word…"`) that is passed straight to `text`, `fill` or `t`,
    /// whatever its prefix, and every other one whose prefix is a key
    /// prefix (`clerk.`, `ckey.`, …: the tables of keys, `Protected::key`,
    /// the advice texts). File names and field paths (`x.ron`,
    /// `faction_budget.min`) have no such prefix.
    fn keys_in(src: &str, prefixes: &BTreeSet<String>) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        let mut rest = src;
        while let Some(open) = rest.find('"') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('"') else { break };
            let lit = &after[..close];
            let shaped = lit.split('.').count() > 1
                && lit.split('.').all(|part| {
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                });
            if shaped {
                let before = rest[..open].trim_end();
                let called = ["text(", "fill(", ".t("]
                    .iter()
                    .any(|f| before.ends_with(f));
                let prefix = lit.split('.').next().unwrap_or_default();
                if called || prefixes.contains(prefix) {
                    keys.insert(lit.to_owned());
                }
                // A key literal is whole: go on after its closing quote.
                rest = &after[close + 1..];
            } else {
                // Not a key: the closing quote may open the next literal.
                rest = after;
            }
        }
        keys
    }

    /// The sources under `src/`, without this module's tests (their keys
    /// are made up on purpose).
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut found = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                for e in std::fs::read_dir(&p).unwrap() {
                    stack.push(e.unwrap().path());
                }
            } else if p.extension().is_some_and(|e| e == "rs") {
                let mut src = std::fs::read_to_string(&p).unwrap();
                if p.ends_with("src/i18n.rs") {
                    let tests = src.find("#[cfg(test)]").unwrap_or(src.len());
                    src.truncate(tests);
                }
                found.push((p, src));
            }
        }
        found
    }

    /// The prefixes of the catalogue's keys (`ui`, `clerk`, `ckey`, …).
    fn catalogue_prefixes() -> BTreeSet<String> {
        Lang::Nl
            .catalog()
            .keys()
            .filter_map(|k| k.split('.').next())
            .map(str::to_owned)
            .collect()
    }

    /// Every key the code uses, of every prefix, exists in the catalogues
    /// (which have the same keys, see above).
    #[test]
    fn every_key_used_in_the_code_exists() {
        let prefixes = catalogue_prefixes();
        let mut missing = Vec::new();
        let mut used = BTreeSet::new();
        for (path, src) in sources() {
            for key in keys_in(&src, &prefixes) {
                if !Lang::Nl.catalog().contains_key(key.as_str()) {
                    missing.push(format!("{key} ({})", path.display()));
                }
                used.insert(key);
            }
        }
        assert!(used.len() > 300, "the scan found too few keys: {used:?}");
        for prefix in ["clerk", "ckey", "display", "ui", "msg", "rec"] {
            assert!(
                used.iter().any(|k| k.starts_with(&format!("{prefix}."))),
                "no {prefix}. key found: the scan is broken"
            );
        }
        assert!(
            missing.is_empty(),
            "keys missing from the catalogues: {missing:#?}"
        );
    }

    /// Every key in the catalogues is used: a text the program never shows
    /// is a text no one keeps up to date.
    #[test]
    fn every_catalogue_key_is_used() {
        let sources = sources();
        let mut unused: Vec<&String> = Lang::Nl
            .catalog()
            .keys()
            .filter(|k| {
                let literal = format!("\"{k}\"");
                !sources.iter().any(|(_, src)| src.contains(&literal))
            })
            .collect();
        unused.sort();
        assert!(
            unused.is_empty(),
            "catalogue keys no code uses: {unused:#?}"
        );
    }

    #[test]
    fn the_key_scan_finds_keys_of_every_prefix() {
        let prefixes = catalogue_prefixes();
        let src = r#"
            let a = lang.text("clerk.no_such_title");
            let b = self.t("display.no_such_label");
            let c = lang.fill("brand_new.prefix", &[]);
            const KEYS: &[(&str, &str)] = &[("n", "ckey.no_such_help")];
            fn key(self) -> &'static str { "export.no_such_reason" }
            let f = "sessie.ron"; let g = "faction_budget.min"; let h = "Niet. Een sleutel";
        "#;
        let keys = keys_in(src, &prefixes);
        let want: BTreeSet<String> = [
            "brand_new.prefix",
            "ckey.no_such_help",
            "clerk.no_such_title",
            "display.no_such_label",
            "export.no_such_reason",
        ]
        .map(str::to_owned)
        .into();
        assert_eq!(keys, want);
        assert!(
            keys.iter()
                .all(|k| !Lang::Nl.catalog().contains_key(k.as_str()))
        );
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
