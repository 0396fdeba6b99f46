//! Times as the screens show them: `m:ss`, `+m:ss` of overtime, and the
//! words for a speech's state ("nog 4:57").

use crate::clock::Ts;
use crate::i18n::Lang;
use crate::meeting::{Level, Speech, Thresholds};

/// `m:ss` of a countdown: whole seconds rounded up while time is left, then
/// `+m:ss` of overtime.
pub fn countdown(ms: i64) -> String {
    if ms > 0 {
        mmss((ms + 999) / 1000)
    } else {
        format!("+{}", mmss(-ms / 1000))
    }
}

/// `m:ss` of an elapsed time, rounded down.
pub fn elapsed(ms: i64) -> String {
    mmss(ms.max(0) / 1000)
}

fn mmss(secs: i64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// The time a speech shows: what is left (or `+` overtime) with a limit,
/// what was spoken without one.
pub fn speech_time(s: &Speech, now: Ts) -> String {
    match s.remaining_ms(now) {
        Some(r) => countdown(r),
        None => elapsed(s.elapsed_ms(now)),
    }
}

/// The words for a speech's state.
pub fn speech_state(s: &Speech, now: Ts, t: Thresholds, lang: Lang) -> String {
    let level = s.level(now, t);
    let over = countdown(s.remaining_ms(now).unwrap_or(0));
    level_words(s, level, &over, t, lang)
}

/// The words for a speech's state at `level`; `over` is the overtime as
/// shown ("+0:12"), used at [`Level::Over`]. The web display gets these
/// for every level, with a placeholder for `over`, and picks one itself.
pub fn level_words(s: &Speech, level: Level, over: &str, t: Thresholds, lang: Lang) -> String {
    if s.held_by_recess {
        return lang.text("ui.state.recess").to_owned();
    }
    if s.held_by_interruption {
        return lang.text("ui.state.held").to_owned();
    }
    let words = match level {
        Level::Over => lang.fill("ui.state.over", &[("over", &over)]),
        Level::Final => left_words(t.final_ms, lang),
        Level::First => left_words(t.first_ms, lang),
        Level::Normal => lang.text("ui.state.speaking").to_owned(),
    };
    if s.paused {
        format!("{} · {words}", lang.text("ui.state.paused"))
    } else {
        words
    }
}

fn left_words(ms: i64, lang: Lang) -> String {
    if ms % 60_000 == 0 {
        let n = ms / 60_000;
        if n == 1 {
            lang.text("ui.state.left_min.one").to_owned()
        } else {
            lang.fill("ui.state.left_min.other", &[("n", &n)])
        }
    } else {
        lang.fill("ui.state.left_sec", &[("n", &(ms / 1000))])
    }
}

/// `m:ss` of what is left of a budget, `-m:ss` once it is spent.
pub fn budget_left(ms: i64) -> String {
    if ms >= 0 {
        elapsed(ms)
    } else {
        format!("-{}", elapsed(-ms))
    }
}
