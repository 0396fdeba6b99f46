//! Layers that point one way (issue 13): every module of `src/` names only
//! modules of its own layer or below, and no two modules name each other,
//! directly or round a loop.
//!
//!   clock, sanitize, i18n, fsio, slug → session, journal → meeting
//!   → export, follow, import, check → tui, serve → cli
//!
//! The check reads the source: every `crate::a::b` and `super::x` outside
//! comments and test code names the deepest module it reaches. A module
//! and its parent may name each other (a folder's `mod.rs` re-exports its
//! files); modules in a folder, and the top-level modules, may not form a
//! cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of each top-level module, lowest first.
const LAYERS: &[(&str, u32)] = &[
    ("clock", 0),
    ("sanitize", 0),
    ("i18n", 0),
    ("fsio", 0),
    ("slug", 0),
    ("session", 1),
    ("journal", 1),
    ("meeting", 2),
    ("export", 3),
    ("follow", 3),
    ("import", 3),
    ("check", 3),
    ("tui", 4),
    ("serve", 4),
    ("cli", 5),
];

/// Cycles still to be broken, each as the two modules that name each
/// other. Remove an entry when its cycle is gone.
const KNOWN_CYCLES: &[(&str, &str)] = &[];

type Module = Vec<String>;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` is `a::b`, `src/a/mod.rs` is `a`; `lib.rs`, `main.rs`
/// and test files are not checked.
fn module_of(src: &Path, file: &Path) -> Option<Module> {
    let rel = file.strip_prefix(src).ok()?;
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?;
    if parts.is_empty() && (stem == "lib" || stem == "main") || stem == "tests" {
        return None;
    }
    if stem != "mod" {
        parts.push(stem.to_owned());
    }
    Some(parts)
}

/// The code of a file without its comments and its `#[cfg(test)]` tail.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(cut) => &text[..cut],
        None => text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names: `crate::…` from the root, `super::…` from the
/// module's parent, as lists of identifiers.
fn named_paths(module: &Module, is_mod_rs: bool, code: &str) -> Vec<Module> {
    let mut out = Vec::new();
    let ident = |s: &str| -> Vec<String> {
        let mut parts = Vec::new();
        let mut rest = s;
        loop {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            parts.push(rest[..end].to_owned());
            match rest[end..].strip_prefix("::") {
                Some(r) => rest = r,
                None => break,
            }
        }
        parts
    };
    let bytes = code.as_bytes();
    for (i, _) in code.match_indices("crate::") {
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
            continue;
        }
        out.push(ident(&code[i + "crate::".len()..]));
    }
    // The parent of `a::b` (a file) is `a`; the parent of `a` (a folder's
    // mod.rs) is its own parent.
    let mut base = module.clone();
    if !is_mod_rs || base.len() > 1 {
        base.pop();
    }
    for (i, _) in code.match_indices("super::") {
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
            continue;
        }
        let mut path = base.clone();
        path.extend(ident(&code[i + "super::".len()..]));
        out.push(path);
    }
    out
}

/// The deepest known module a path reaches.
fn resolve(path: &Module, modules: &BTreeSet<Module>) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

fn is_prefix(a: &Module, b: &Module) -> bool {
    a.len() <= b.len() && b[..a.len()] == a[..]
}

fn dependencies() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let texts: Vec<(Module, bool, String)> = all
        .iter()
        .filter_map(|f| {
            let m = module_of(&src, f)?;
            let is_mod_rs = f.file_name().is_some_and(|n| n == "mod.rs");
            Some((m, is_mod_rs, std::fs::read_to_string(f).expect("read")))
        })
        .collect();
    let modules: BTreeSet<Module> = texts.iter().map(|(m, _, _)| m.clone()).collect();
    let mut deps: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, is_mod_rs, text) in &texts {
        let entry = deps.entry(m.clone()).or_default();
        for path in named_paths(m, *is_mod_rs, &code(text)) {
            if let Some(to) = resolve(&path, &modules)
                && !is_prefix(&to, m)
                && !is_prefix(m, &to)
            {
                entry.insert(to);
            }
        }
    }
    deps
}

fn name(m: &[String]) -> String {
    m.join("::")
}

fn layer(top: &str) -> u32 {
    LAYERS
        .iter()
        .find(|(n, _)| *n == top)
        .unwrap_or_else(|| panic!("src/{top}: add the module to LAYERS in tests/layers.rs"))
        .1
}

#[test]
fn no_module_names_a_layer_above_it() {
    let mut wrong = Vec::new();
    for (from, tos) in dependencies() {
        for to in tos {
            if from[0] != to[0] && layer(&to[0]) > layer(&from[0]) {
                wrong.push(format!("{} uses {}", name(&from), name(&to)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports from a layer above:\n{}",
        wrong.join("\n")
    );
}

/// Every cycle in a graph, as the pair of nodes where a depth-first
/// search found its back edge.
fn back_edges(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<(String, String)> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        out: &mut Vec<(String, String)>,
    ) {
        state.insert(n.to_owned(), 1);
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                0 => visit(m, graph, state, out),
                1 => out.push((n.to_owned(), m.clone())),
                _ => {}
            }
        }
        state.insert(n.to_owned(), 2);
    }
    let mut state = BTreeMap::new();
    let mut out = Vec::new();
    for n in graph.keys() {
        if !state.contains_key(n.as_str()) {
            visit(n, graph, &mut state, &mut out);
        }
    }
    out
}

#[test]
fn no_cycles_between_modules() {
    let deps = dependencies();
    // The top-level modules, and the modules of each folder among
    // themselves (a module's children count as the module).
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in &deps {
        for to in tos {
            let shared = from.iter().zip(to).take_while(|(a, b)| a == b).count();
            // Neither is inside the other, so both go deeper than `shared`.
            let a = name(&from[..=shared]);
            let b = name(&to[..=shared]);
            if a != b
                && !KNOWN_CYCLES.contains(&(a.as_str(), b.as_str()))
                && !KNOWN_CYCLES.contains(&(b.as_str(), a.as_str()))
            {
                graph.entry(a).or_default().insert(b);
            }
        }
    }
    let cycles: Vec<String> = back_edges(&graph)
        .into_iter()
        .map(|(a, b)| format!("{b} … {a} → {b}"))
        .collect();
    assert!(
        cycles.is_empty(),
        "cycles between modules:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_known_cycles_are_still_there() {
    let deps = dependencies();
    let uses = |a: &str, b: &str| {
        deps.iter()
            .any(|(f, tos)| name(f).starts_with(a) && tos.iter().any(|t| name(t).starts_with(b)))
    };
    for (a, b) in KNOWN_CYCLES {
        assert!(
            uses(a, b) && uses(b, a),
            "{a} and {b} no longer name each other: remove them from KNOWN_CYCLES"
        );
    }
}
