//! The keys of each screen, in one table per screen: which keys run which
//! [`Command`], how the `?` help names them and what it says, and which of
//! them the footer shows. Dispatch (`App::handle_key`), the help overlay and
//! the footer all read these tables, so a key is written down once.
//!
//! Keys that only work inside a window (pickers, forms, the help itself)
//! are not here: the windows handle their own keys.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;
use crate::meeting::Stance;

/// Everything a key can do outside the windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    // The chair's screen.
    Open,
    Close,
    NextItem,
    PreviousItem,
    AddFaction,
    AddPublic,
    AddCollege,
    /// The chair (voorzitter) as a speaker: opening, conclusion.
    AddChair,
    /// An official (ambtenaar): name and function.
    AddOfficial,
    /// A fractievertegenwoordiger: faction, then name.
    AddRepresentative,
    /// Correct the selected queue entry (a name added or changed).
    EditSpeaker,
    StartNext,
    TogglePause,
    End,
    Interrupt,
    MoreTime,
    LessTime,
    SelectUp,
    SelectDown,
    MoveUp,
    MoveDown,
    RemoveSpeaker,
    Recess,
    // The clerk's view.
    PreviousList,
    NextList,
    RowUp,
    RowDown,
    /// The selected faction's position (`None` clears it).
    Position(Option<Stance>),
    EditRow,
    RemoveRow,
    Advice,
    Commitment,
    Motion,
    ActionPoint,
    Conclusion,
    Presence,
    // More than one screen.
    /// The join links of a served session, with a QR code.
    Links,
    Note,
    Export,
    Undo,
    Redo,
    SwitchView,
    Help,
    Dismiss,
    Quit,
    // The session picker.
    First,
    Last,
    Choose,
}

impl Command {
    /// Every command; `every_command_has_a_binding` checks them all.
    pub const ALL: &[Command] = &[
        Command::Open,
        Command::Close,
        Command::NextItem,
        Command::PreviousItem,
        Command::AddFaction,
        Command::AddPublic,
        Command::AddCollege,
        Command::AddChair,
        Command::AddOfficial,
        Command::AddRepresentative,
        Command::EditSpeaker,
        Command::StartNext,
        Command::TogglePause,
        Command::End,
        Command::Interrupt,
        Command::MoreTime,
        Command::LessTime,
        Command::SelectUp,
        Command::SelectDown,
        Command::MoveUp,
        Command::MoveDown,
        Command::RemoveSpeaker,
        Command::Recess,
        Command::PreviousList,
        Command::NextList,
        Command::RowUp,
        Command::RowDown,
        Command::Position(Some(Stance::Supports)),
        Command::Position(Some(Stance::SupportsWithReservation)),
        Command::Position(Some(Stance::Against)),
        Command::Position(Some(Stance::Undecided)),
        Command::Position(Some(Stance::Absent)),
        Command::Position(None),
        Command::EditRow,
        Command::RemoveRow,
        Command::Advice,
        Command::Commitment,
        Command::Motion,
        Command::ActionPoint,
        Command::Conclusion,
        Command::Presence,
        Command::Links,
        Command::Note,
        Command::Export,
        Command::Undo,
        Command::Redo,
        Command::SwitchView,
        Command::Help,
        Command::Dismiss,
        Command::Quit,
        Command::First,
        Command::Last,
        Command::Choose,
    ];
}

/// A key: its code and the modifiers it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// Whether a pressed key is this one. Modifiers the key does not need
    /// are ignored, as the screens always did: Shift comes with capitals
    /// and Shift-Tab, and Alt with a key typed right after Esc.
    pub fn matches(self, ev: KeyEvent) -> bool {
        ev.code == self.code && ev.modifiers.contains(self.mods)
    }

    /// The key as the help and the footer name it.
    pub fn name(self, lang: Lang) -> Cow<'static, str> {
        let base: Cow<'static, str> = match self.code {
            KeyCode::Char(' ') => lang.text("ui.key_space").into(),
            KeyCode::Char(c) => c.to_string().into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            other => other.to_string().into(),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}").into()
        } else {
            base
        }
    }

    fn is_arrow(self) -> bool {
        matches!(
            self.code,
            KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
        )
    }

    fn digit(self) -> Option<u32> {
        match self.code {
            KeyCode::Char(c) if self.mods.is_empty() => c.to_digit(10),
            _ => None,
        }
    }
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// Ctrl-C: quit, asking first when something would be cut short. It works
/// in every window too, before the window sees the key.
pub const CTRL_C: Key = ctrl('c');
/// Redo: takes back this view's last undo.
pub const CTRL_R: Key = ctrl('r');

/// Where a binding appears in the `?` help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Help {
    /// A row of its own, with this text (a catalogue key).
    Row(&'static str),
    /// On the row of the binding before it ("] / [": next and previous).
    Same,
}

/// A binding in the footer: bindings with the same place share one entry
/// ("f p w spreker"), named by the word (a catalogue key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Foot {
    pub at: u8,
    pub word: &'static str,
}

/// One command and its keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub command: Command,
    /// The keys the help shows; the footer shows the first.
    pub keys: &'static [Key],
    /// Keys that do the same without being shown (Backspace for Delete).
    pub also: &'static [Key],
    pub help: Help,
    pub footer: Option<Foot>,
}

const fn row(command: Command, keys: &'static [Key], text: &'static str) -> Binding {
    Binding {
        command,
        keys,
        also: &[],
        help: Help::Row(text),
        footer: None,
    }
}

const fn same(command: Command, keys: &'static [Key]) -> Binding {
    Binding {
        command,
        keys,
        also: &[],
        help: Help::Same,
        footer: None,
    }
}

impl Binding {
    /// Every key of the binding, shown or not.
    pub fn all_keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.keys.iter().chain(self.also).copied()
    }

    const fn also(mut self, keys: &'static [Key]) -> Binding {
        self.also = keys;
        self
    }

    const fn foot(mut self, at: u8, word: &'static str) -> Binding {
        self.footer = Some(Foot { at, word });
        self
    }
}

/// The table of one screen.
#[derive(Debug)]
pub struct Keymap {
    pub bindings: &'static [Binding],
}

/// A row of the `?` help: the keys as shown and the catalogue key of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpRow {
    pub keys: String,
    pub text: &'static str,
}

impl Keymap {
    /// The command of a pressed key. A binding that needs a modifier wins
    /// over one that does not (Ctrl-C quits, c closes the session).
    pub fn lookup(&self, ev: KeyEvent) -> Option<Command> {
        self.bindings
            .iter()
            .flat_map(|b| b.all_keys().map(move |k| (k, b.command)))
            .filter(|(k, _)| k.matches(ev))
            .max_by_key(|(k, _)| k.mods.bits().count_ones())
            .map(|(_, c)| c)
    }

    /// The rows of the `?` help, in the order of the table.
    pub fn help_rows(&self, lang: Lang) -> Vec<HelpRow> {
        let mut rows: Vec<(Vec<Key>, &'static str)> = Vec::new();
        for b in self.bindings {
            match (b.help, rows.last_mut()) {
                (Help::Same, Some((keys, _))) => keys.extend_from_slice(b.keys),
                (Help::Row(text), _) => rows.push((b.keys.to_vec(), text)),
                // The first binding starts a row (a test keeps it so).
                (Help::Same, None) => rows.push((b.keys.to_vec(), "")),
            }
        }
        rows.into_iter()
            .map(|(keys, text)| HelpRow {
                keys: join(&keys, lang, " / "),
                text,
            })
            .collect()
    }

    /// The footer with every marked binding: see [`Keymap::footer_for`].
    pub fn footer(&self, lang: Lang) -> String {
        self.footer_for(lang, |_| Some(1), usize::MAX)
    }

    /// The footer: the bindings marked for it that work now, in their
    /// places, each place as its keys and a word ("? hulp · f p w spreker
    /// · …"). `priority` says whether a command works now (`None`: not
    /// shown) and how much it matters (0 always stays; higher goes first
    /// when the places do not fit in `width` columns).
    pub fn footer_for(
        &self,
        lang: Lang,
        priority: impl Fn(Command) -> Option<u8>,
        width: usize,
    ) -> String {
        let mut marked: Vec<(Foot, Key, u8)> = self
            .bindings
            .iter()
            .filter_map(|b| Some((b.footer?, *b.keys.first()?, priority(b.command)?)))
            .collect();
        marked.sort_by_key(|(f, _, _)| f.at);
        let places: Vec<(String, u8)> = marked
            .chunk_by(|a, b| a.0.at == b.0.at)
            .map(|place| {
                let keys: Vec<Key> = place.iter().map(|(_, k, _)| *k).collect();
                let prio = place.iter().map(|(_, _, p)| *p).min().unwrap_or(0);
                (
                    format!("{} {}", join(&keys, lang, " "), lang.text(place[0].0.word)),
                    prio,
                )
            })
            .collect();
        let mut keep = vec![true; places.len()];
        let len = |keep: &[bool]| {
            let shown = places.iter().zip(keep).filter(|(_, k)| **k);
            let (n, w) = shown.fold((0usize, 0usize), |(n, w), ((p, _), _)| {
                (n + 1, w + p.chars().count())
            });
            w + 3 * n.saturating_sub(1)
        };
        // Drop the least important (the later place on a tie) until it fits.
        let mut order: Vec<usize> = (0..places.len()).filter(|i| places[*i].1 > 0).collect();
        order.sort_by_key(|i| (std::cmp::Reverse(places[*i].1), std::cmp::Reverse(*i)));
        for i in order {
            if len(&keep) <= width {
                break;
            }
            keep[i] = false;
        }
        places
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|((p, _), _)| p)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// Keys as one label: runs of three or more digits become "1-5", two
/// arrows stand side by side ("↑ ↓"), the rest is joined with `sep`.
fn join(keys: &[Key], lang: Lang, sep: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < keys.len() {
        if i > 0 {
            let arrows = keys[i - 1].is_arrow() && keys[i].is_arrow();
            out.push_str(if arrows { " " } else { sep });
        }
        let run = digit_run(&keys[i..]);
        if run >= 3 {
            let last = keys[i + run - 1].name(lang);
            out.push_str(&format!("{}-{last}", keys[i].name(lang)));
            i += run;
        } else {
            out.push_str(&keys[i].name(lang));
            i += 1;
        }
    }
    out
}

/// How many keys from the first are digits counting up by one.
fn digit_run(keys: &[Key]) -> usize {
    let Some(first) = keys.first().and_then(|k| k.digit()) else {
        return 0;
    };
    keys.iter()
        .enumerate()
        .take_while(|(n, k)| k.digit() == Some(first + *n as u32))
        .count()
}

use Command as C;

/// The chair's screen.
pub static CHAIR: Keymap = Keymap {
    bindings: &[
        row(C::Open, &[ch('o')], "key.open").foot(1, "ui.foot.open"),
        row(C::Close, &[ch('c')], "key.close"),
        row(C::NextItem, &[ch(']')], "key.items").foot(2, "ui.foot.next_item"),
        same(C::PreviousItem, &[ch('[')]),
        row(C::AddFaction, &[ch('f')], "key.faction").foot(3, "ui.foot.speaker"),
        row(C::AddPublic, &[ch('p')], "key.public").foot(3, "ui.foot.speaker"),
        row(C::AddCollege, &[ch('w')], "key.college").foot(3, "ui.foot.speaker"),
        row(C::AddChair, &[ch('v')], "key.chair_speaker"),
        row(C::AddOfficial, &[ch('a')], "key.official"),
        row(C::AddRepresentative, &[ch('r')], "key.representative"),
        row(C::StartNext, &[key(KeyCode::Enter), ch('n')], "key.next").foot(4, "ui.foot.start"),
        row(C::TogglePause, &[ch(' ')], "key.pause").foot(5, "ui.foot.pause"),
        row(C::End, &[ch('x')], "key.end").foot(6, "ui.foot.end"),
        row(C::Interrupt, &[ch('i')], "key.interrupt").foot(7, "ui.foot.interrupt"),
        row(C::MoreTime, &[ch('+')], "key.adjust").also(&[ch('=')]),
        same(C::LessTime, &[ch('-')]),
        row(C::SelectUp, &[key(KeyCode::Up)], "key.select"),
        same(C::SelectDown, &[key(KeyCode::Down)]),
        row(C::MoveUp, &[ch('K')], "key.move"),
        same(C::MoveDown, &[ch('J')]),
        row(C::EditSpeaker, &[ch('E')], "key.edit_speaker").also(&[key(KeyCode::F(2))]),
        row(C::RemoveSpeaker, &[key(KeyCode::Delete)], "key.remove")
            .also(&[key(KeyCode::Backspace)]),
        row(C::Recess, &[ch('s')], "key.recess").foot(8, "ui.foot.recess"),
        row(C::Undo, &[ch('u')], "key.undo").foot(9, "ui.foot.undo"),
        row(C::Redo, &[CTRL_R], "key.redo"),
        row(C::Note, &[ch('N')], "ckey.note").foot(10, "ui.foot.note"),
        row(C::Export, &[ch('e')], "ckey.export"),
        row(C::Links, &[ch('S')], "key.links").foot(11, "ui.foot.links"),
        row(C::SwitchView, &[key(KeyCode::Tab)], "key.view")
            .also(&[key(KeyCode::BackTab)])
            .foot(12, "ui.foot.clerk"),
        row(C::Help, &[ch('?')], "key.help").foot(0, "ui.foot.help"),
        row(C::Dismiss, &[key(KeyCode::Esc)], "key.esc"),
        row(C::Quit, &[ch('q')], "key.quit")
            .also(&[CTRL_C])
            .foot(13, "ui.foot.quit"),
    ],
};

/// The clerk's view.
pub static CLERK: Keymap = Keymap {
    bindings: &[
        row(C::PreviousList, &[key(KeyCode::Left)], "ckey.section"),
        same(C::NextList, &[key(KeyCode::Right)]),
        row(C::RowUp, &[key(KeyCode::Up)], "ckey.select"),
        same(C::RowDown, &[key(KeyCode::Down)]),
        row(
            C::Position(Some(Stance::Supports)),
            &[ch('1')],
            "ckey.stance",
        )
        .foot(2, "ui.foot.position"),
        same(
            C::Position(Some(Stance::SupportsWithReservation)),
            &[ch('2')],
        )
        .foot(2, "ui.foot.position"),
        same(C::Position(Some(Stance::Against)), &[ch('3')]).foot(2, "ui.foot.position"),
        same(C::Position(Some(Stance::Undecided)), &[ch('4')]).foot(2, "ui.foot.position"),
        same(C::Position(Some(Stance::Absent)), &[ch('5')]).foot(2, "ui.foot.position"),
        same(C::Position(None), &[ch('0')]),
        row(C::EditRow, &[key(KeyCode::Enter)], "ckey.edit"),
        row(C::RemoveRow, &[key(KeyCode::Delete)], "ckey.remove").also(&[key(KeyCode::Backspace)]),
        row(C::Advice, &[ch('a')], "ckey.advice").foot(1, "ui.foot.advice"),
        row(C::Commitment, &[ch('t')], "ckey.commitment").foot(3, "ui.foot.commitment"),
        row(C::Motion, &[ch('m')], "ckey.motion").foot(4, "ui.foot.motion"),
        row(C::ActionPoint, &[ch('A')], "ckey.action_point").foot(5, "ui.foot.action_point"),
        row(C::Conclusion, &[ch('C')], "ckey.conclusion").foot(6, "ui.foot.conclusion"),
        row(C::Note, &[ch('N')], "ckey.note").foot(7, "ui.foot.note"),
        row(C::Presence, &[ch('P')], "ckey.presence").foot(8, "ui.foot.presence"),
        row(C::Export, &[ch('e')], "ckey.export").foot(9, "ui.foot.record"),
        row(C::Undo, &[ch('u')], "key.undo"),
        row(C::Redo, &[CTRL_R], "key.redo"),
        row(C::Links, &[ch('S')], "key.links").foot(10, "ui.foot.links"),
        row(C::SwitchView, &[key(KeyCode::Tab)], "ckey.view")
            .also(&[key(KeyCode::BackTab)])
            .foot(11, "ui.foot.chair"),
        row(C::Help, &[ch('?')], "key.help").foot(0, "ui.foot.help"),
        row(C::Dismiss, &[key(KeyCode::Esc)], "key.esc"),
        row(C::Quit, &[ch('q')], "key.quit")
            .also(&[CTRL_C])
            .foot(12, "ui.foot.quit"),
    ],
};

/// The session picker (`hamer` without a command). Its footer is the hint
/// line above the list.
pub static PICKER: Keymap = Keymap {
    bindings: &[
        row(C::SelectUp, &[key(KeyCode::Up)], "key.pick_select").foot(1, "ui.foot.pick_select"),
        same(C::SelectDown, &[key(KeyCode::Down)]).foot(1, "ui.foot.pick_select"),
        row(C::First, &[key(KeyCode::Home)], "key.pick_ends"),
        same(C::Last, &[key(KeyCode::End)]),
        row(C::Choose, &[key(KeyCode::Enter)], "key.pick_open").foot(2, "ui.foot.pick_open"),
        row(C::Quit, &[ch('q'), key(KeyCode::Esc)], "key.pick_quit")
            .also(&[CTRL_C])
            .foot(3, "ui.foot.pick_quit"),
    ],
};

/// The display (`hamer display`): it only quits.
pub static DISPLAY: Keymap = Keymap {
    bindings: &[row(C::Quit, &[ch('q'), key(KeyCode::Esc)], "key.quit").also(&[CTRL_C])],
};

#[cfg(test)]
mod tests {
    use super::*;

    const TABLES: [(&str, &Keymap); 4] = [
        ("chair", &CHAIR),
        ("clerk", &CLERK),
        ("display", &DISPLAY),
        ("picker", &PICKER),
    ];

    /// Adding a command without adding it to [`Command::ALL`] breaks this
    /// match first.
    fn listed(c: Command) -> bool {
        match c {
            C::Open
            | C::Close
            | C::NextItem
            | C::PreviousItem
            | C::AddFaction
            | C::AddPublic
            | C::AddCollege
            | C::AddChair
            | C::AddOfficial
            | C::AddRepresentative
            | C::EditSpeaker
            | C::StartNext
            | C::TogglePause
            | C::End
            | C::Interrupt
            | C::MoreTime
            | C::LessTime
            | C::SelectUp
            | C::SelectDown
            | C::MoveUp
            | C::MoveDown
            | C::RemoveSpeaker
            | C::Recess
            | C::PreviousList
            | C::NextList
            | C::RowUp
            | C::RowDown
            | C::Position(_)
            | C::EditRow
            | C::RemoveRow
            | C::Advice
            | C::Commitment
            | C::Motion
            | C::ActionPoint
            | C::Conclusion
            | C::Presence
            | C::Links
            | C::Note
            | C::Export
            | C::Undo
            | C::Redo
            | C::SwitchView
            | C::Help
            | C::Dismiss
            | C::Quit
            | C::First
            | C::Last
            | C::Choose => Command::ALL.contains(&c),
        }
    }

    #[test]
    fn every_command_has_a_binding() {
        for c in Command::ALL {
            assert!(listed(*c));
            assert!(
                TABLES
                    .iter()
                    .any(|(_, t)| t.bindings.iter().any(|b| b.command == *c)),
                "{c:?} has no key"
            );
        }
        // No command is listed twice or bound twice in one table.
        for (i, c) in Command::ALL.iter().enumerate() {
            assert!(!Command::ALL[i + 1..].contains(c), "{c:?} listed twice");
        }
        for (name, t) in TABLES {
            for (i, b) in t.bindings.iter().enumerate() {
                assert!(
                    !t.bindings[i + 1..].iter().any(|o| o.command == b.command),
                    "{name}: {:?} bound twice",
                    b.command
                );
            }
        }
    }

    #[test]
    fn every_key_looks_up_its_command_and_no_key_is_bound_twice() {
        for (name, t) in TABLES {
            let keys: Vec<(Key, Command)> = t
                .bindings
                .iter()
                .flat_map(|b| b.all_keys().map(|k| (k, b.command)))
                .collect();
            for (i, (k, c)) in keys.iter().enumerate() {
                assert_eq!(t.lookup(KeyEvent::new(k.code, k.mods)), Some(*c), "{name}");
                // Shift (capitals, Shift-Tab) and Alt (a key right after
                // Esc) do not get in the way.
                for extra in [KeyModifiers::SHIFT, KeyModifiers::ALT] {
                    let ev = KeyEvent::new(k.code, k.mods | extra);
                    assert_eq!(t.lookup(ev), Some(*c), "{name}: {k:?} with {extra:?}");
                }
                assert!(
                    !keys[i + 1..].iter().any(|(o, _)| o == k),
                    "{name}: {k:?} bound twice"
                );
            }
        }
        // The modifier decides: Ctrl-C quits, c closes the session.
        let ev = |c, m| KeyEvent::new(KeyCode::Char(c), m);
        assert_eq!(CHAIR.lookup(ev('c', KeyModifiers::NONE)), Some(C::Close));
        assert_eq!(CHAIR.lookup(ev('c', KeyModifiers::CONTROL)), Some(C::Quit));
        assert_eq!(CHAIR.lookup(ev('z', KeyModifiers::NONE)), None);
    }

    #[test]
    fn the_help_lists_every_binding() {
        for (name, t) in TABLES {
            assert!(
                matches!(t.bindings.first().map(|b| b.help), Some(Help::Row(_))),
                "{name}: the first binding starts a row"
            );
            for lang in Lang::ALL {
                let rows = t.help_rows(lang);
                let starts = t
                    .bindings
                    .iter()
                    .filter(|b| matches!(b.help, Help::Row(_)))
                    .count();
                assert_eq!(rows.len(), starts, "{name}");
                // Each binding's shown keys are named on its row.
                let mut row = 0;
                for (i, b) in t.bindings.iter().enumerate() {
                    if i > 0 && matches!(b.help, Help::Row(_)) {
                        row += 1;
                    }
                    assert!(!b.keys.is_empty(), "{name}: {:?} shows no key", b.command);
                    for k in b.keys {
                        let label = &rows[row].keys;
                        let shown = label.contains(k.name(lang).as_ref())
                            || k.digit().is_some() && label.contains('-');
                        assert!(shown, "{name}: {k:?} missing from {label:?}");
                    }
                }
                for r in &rows {
                    assert_ne!(lang.text(r.text), r.text, "{name}: no text for {}", r.text);
                }
            }
        }
    }

    #[test]
    fn help_labels_are_derived_from_the_keys() {
        let labels: Vec<String> = CHAIR
            .help_rows(Lang::En)
            .into_iter()
            .map(|r| r.keys)
            .collect();
        for want in [
            "] / [",
            "Enter / n",
            "Space",
            "+ / -",
            "↑ ↓",
            "K / J",
            "Delete",
        ] {
            assert!(labels.iter().any(|l| l == want), "{want} in {labels:?}");
        }
        let labels: Vec<String> = CLERK
            .help_rows(Lang::Nl)
            .into_iter()
            .map(|r| r.keys)
            .collect();
        for want in ["← →", "↑ ↓", "1-5 / 0", "Enter", "Tab"] {
            assert!(labels.iter().any(|l| l == want), "{want} in {labels:?}");
        }
    }

    #[test]
    fn the_footer_is_built_from_the_table() {
        // The texts the footer had when they were written by hand.
        assert_eq!(
            CHAIR.footer(Lang::Nl),
            "? hulp · o open · ] volgend punt · f p w spreker · Enter start · Spatie pauze · \
             x einde · i interruptie · s schorsing · u ongedaan · N notitie · S links · Tab griffie · \
             q stop"
        );
        assert_eq!(
            CHAIR.footer(Lang::En),
            "? help · o open · ] next item · f p w speaker · Enter start · Space pause · \
             x end · i interrupt · s recess · u undo · N note · S links · Tab clerk · q quit"
        );
        assert_eq!(
            CLERK.footer(Lang::Nl),
            "? hulp · a advies · 1-5 standpunt · t toezegging · m motie · A actiepunt · \
             C conclusie · N notitie · P aanwezig · e verslag · S links · Tab voorzitter · q stop"
        );
        assert_eq!(
            CLERK.footer(Lang::En),
            "? help · a advice · 1-5 position · t commitment · m motion · \
             A action point · C conclusion · N note · P presence · e record · S links · Tab chair · \
             q quit"
        );
        assert_eq!(DISPLAY.footer(Lang::Nl), "");
        // The picker's hint line, as it read when it was written by hand.
        assert_eq!(
            PICKER.footer(Lang::Nl),
            "↑ ↓ kiezen · Enter openen · q stoppen"
        );
        assert_eq!(PICKER.footer(Lang::En), "↑ ↓ choose · Enter open · q quit");
        // Every word of the footer has a text in both catalogues, and the
        // bindings of one place share its word.
        for (name, t) in TABLES {
            for b in t.bindings {
                if let Some(f) = b.footer {
                    let others = t.bindings.iter().filter_map(|o| o.footer);
                    for o in others.filter(|o| o.at == f.at) {
                        assert_eq!(o.word, f.word, "{name}: place {}", f.at);
                    }
                    for lang in Lang::ALL {
                        assert_ne!(lang.text(f.word), f.word, "{name}: {}", f.word);
                    }
                }
            }
        }
    }
}
