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
    ("N", "ckey.note"),
    ("e", "ckey.export"),
    ("Tab", "key.view"),
    ("?", "key.help"),
    ("Esc", "key.esc"),
    ("q", "key.quit"),
];

/// The keys of the clerk's view.
pub const CLERK_KEYS: &[(&str, &str)] = &[
    ("← →", "ckey.section"),
    ("↑ ↓", "ckey.select"),
    ("1-5 / 0", "ckey.stance"),
    ("Enter", "ckey.edit"),
    ("Delete", "ckey.remove"),
    ("a", "ckey.advice"),
    ("t", "ckey.commitment"),
    ("m", "ckey.motion"),
    ("A", "ckey.action_point"),
    ("C", "ckey.conclusion"),
    ("N", "ckey.note"),
    ("P", "ckey.presence"),
    ("e", "ckey.export"),
    ("u", "key.undo"),
    ("Tab", "ckey.view"),
    ("?", "key.help"),
    ("Esc", "key.esc"),
    ("q", "key.quit"),
];
