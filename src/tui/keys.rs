//! The keys of the chair's screen: the contract shown in the `?` overlay.
//! Handling is in `app.rs`; keep both in step (a test checks every key here
//! does something).

/// (keys as shown, catalogue key of the description)
pub const KEYS: &[(&str, &str)] = &[
    ("o", "key.open"),
    ("c", "key.close"),
    ("] / [", "key.items"),
    ("f", "key.faction"),
    ("p", "key.public"),
    ("w", "key.college"),
    ("Enter / n", "key.next"),
    ("Space", "key.pause"),
    ("x", "key.end"),
    ("i", "key.interrupt"),
    ("+ / -", "key.adjust"),
    ("↑ ↓", "key.select"),
    ("K / J", "key.move"),
    ("Delete", "key.remove"),
    ("s", "key.recess"),
    ("u", "key.undo"),
    ("Tab", "key.view"),
    ("?", "key.help"),
    ("Esc", "key.esc"),
    ("q", "key.quit"),
];
