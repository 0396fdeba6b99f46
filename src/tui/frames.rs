//! The chair's screen sent to the terminal as the cells that changed.
//!
//! A full frame renders the whole screen and sends its difference from
//! what the terminal shows. A wake on a timer's second with nothing else
//! changed (same [`view::minute_key`], no key, no message) renders only the
//! panels that show seconds ([`Screen::render_timers`]) over what is shown,
//! and sends the difference within those panels: most of a frame's work is
//! skipped at the wakes that make up nearly all of an idle session. The
//! test `a_timers_only_frame_equals_a_full_frame` holds the two to the
//! same screen.

use std::io;

use ratatui::DefaultTerminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::view::{self, Screen};
use crate::clock::Clock;

pub struct Frames {
    /// What the terminal shows.
    shown: Buffer,
    /// The minute key of the last full frame; `None`: the next is full.
    key: Option<(i64, i64)>,
    /// The timers' panels as they were before the last timers-only frame,
    /// and as they are after it (kept to reuse their memory).
    panels: view::TimerPanels,
    after: Vec<Buffer>,
}

impl Frames {
    /// Frames on a terminal that shows nothing yet: the cursor hidden,
    /// the screen cleared.
    pub fn new(terminal: &mut DefaultTerminal) -> io::Result<Frames> {
        let mut f = Frames {
            shown: Buffer::empty(Rect::ZERO),
            key: None,
            panels: view::TimerPanels::default(),
            after: Vec::new(),
        };
        f.cleared(terminal)?;
        Ok(f)
    }

    /// The terminal was cleared (resize, Ctrl-Z and back): the next frame
    /// is full, and sent whole.
    pub fn cleared(&mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        // Not `Terminal::clear`: it asks the terminal where the cursor is,
        // and the answer would go to the input thread.
        let backend = terminal.backend_mut();
        backend.clear()?;
        Backend::flush(backend)?;
        terminal.hide_cursor()?;
        self.shown = Buffer::empty(Rect::ZERO);
        self.key = None;
        Ok(())
    }

    /// Draw the screen; `changed`: anything but the time changed since the
    /// last frame.
    pub fn draw<C: Clock>(
        &mut self,
        terminal: &mut DefaultTerminal,
        screen: Screen<'_, C>,
        changed: bool,
    ) -> io::Result<()> {
        let area = terminal.get_frame().area();
        let key = view::minute_key(screen.app, screen.now);
        let mut updates = Vec::new();
        let timers_only = !changed
            && self.key == Some(key)
            && self.shown.area == area
            && screen.draws_timers_only(area);
        if timers_only {
            screen.render_timers(area, &mut self.shown, &mut self.panels);
            self.after
                .resize_with(self.panels.before.len(), Buffer::default);
            for (old, now) in self.panels.before.iter().zip(self.after.iter_mut()) {
                // The panel as it is now, to compare with as it was.
                if now.area != old.area {
                    *now = Buffer::empty(old.area);
                }
                let (a, w) = (old.area, usize::from(old.area.width));
                for (i, y) in (a.y..a.bottom()).enumerate() {
                    let from = self.shown.index_of(a.x, y);
                    now.content[i * w..(i + 1) * w]
                        .clone_from_slice(&self.shown.content[from..from + w]);
                }
                updates.extend(old.diff(now).into_iter().map(|(x, y, c)| (x, y, c.clone())));
            }
        } else {
            let mut next = Buffer::empty(area);
            screen.render(area, &mut next);
            // After a clear or a resize the terminal shows nothing.
            let before = if self.shown.area == area {
                std::mem::replace(&mut self.shown, Buffer::empty(Rect::ZERO))
            } else {
                Buffer::empty(area)
            };
            updates.extend(
                before
                    .diff(&next)
                    .into_iter()
                    .map(|(x, y, c)| (x, y, c.clone())),
            );
            self.shown = next;
            self.key = Some(key);
            // The next timers-only frame draws every timer's panel.
            self.panels = view::TimerPanels::default();
        }
        if updates.is_empty() {
            return Ok(());
        }
        let backend = terminal.backend_mut();
        backend.draw(updates.iter().map(|(x, y, c)| (*x, *y, c)))?;
        Backend::flush(backend)
    }
}
