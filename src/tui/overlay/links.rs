//! `S`: the join links of a served session (`hamer run FILE --serve`),
//! one per access, and a QR code of the chosen one. The room display's
//! link is chosen first: it is the one a tablet or TV in the room opens.
//! The drawing is in `view::overlay::links`.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Outcome, Overlay};
use crate::meeting::remote::Access;

/// The order the window lists the links in (and `1`-`3` choose).
pub const ORDER: [Access; 3] = [Access::Chair, Access::Clerk, Access::Display];

/// The role of an access in words (a catalogue key).
pub fn role_key(access: Access) -> &'static str {
    match access {
        Access::Chair => "ui.links.chair",
        Access::Clerk => "ui.links.clerk",
        Access::Display => "ui.links.display",
    }
}

/// The window for `links` (`None` when the session is not served): in
/// the order of [`ORDER`], the display's link chosen (or the first when
/// there is none).
pub fn window(links: &[(Access, String)]) -> Option<Overlay> {
    if links.is_empty() {
        return None;
    }
    let mut sorted = links.to_vec();
    sorted.sort_by_key(|(a, _)| ORDER.iter().position(|o| o == a));
    let selected = sorted
        .iter()
        .position(|(a, _)| *a == Access::Display)
        .unwrap_or(0);
    Some(Overlay::Links {
        links: sorted,
        selected,
    })
}

/// ←/→, Tab/Shift-Tab and `1`-`3` choose the link; `q` and `S` close (as
/// Esc does); other keys do nothing.
pub fn key(selected: &mut usize, len: usize, key: KeyEvent) -> Outcome {
    if len == 0 {
        return Outcome::Close;
    }
    match key.code {
        KeyCode::Char('q') | KeyCode::Char('S') => return Outcome::Close,
        KeyCode::Left | KeyCode::BackTab => *selected = (*selected + len - 1) % len,
        KeyCode::Right | KeyCode::Tab => *selected = (*selected + 1) % len,
        KeyCode::Char(c @ '1'..='9') => {
            let n = c as usize - '1' as usize;
            if n < len {
                *selected = n;
            }
        }
        _ => {}
    }
    Outcome::Keep
}
