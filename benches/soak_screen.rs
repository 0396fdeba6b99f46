//! A four-hour session on the chair's screen, compressed with a fake clock
//! (issue 8). The event loop is played as `hamer run` plays it: wait what
//! `next_change` says, then draw the frame (120x40, TestBackend). A new
//! speaker every minute, at an odd millisecond, alternately an inspreker
//! (a 5-minute countdown) and the alderman (time counting up).
//!
//! At every wake, the speaker's time and the session clock read off the
//! drawn screen must equal the truth computed here from the start times
//! (not by the program's own formatting), and every second of both timers
//! must be drawn: none skipped, none shown early. Live heap and resident
//! memory are sampled every half hour and must stay flat.
//!
//! cargo bench --bench soak_screen      (`cargo test --benches`: 20 minutes)

use std::time::Instant;

use hamer::clock::{Clock, FakeClock, Ts, ms_between};
use hamer::i18n::Lang;
use hamer::meeting::{Action, Speaker, SpeechKind};
use hamer::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../tests/common/mod.rs"]
mod common;

#[path = "support/counting.rs"]
mod counting;
use counting::{Counting, live_heap, rss_kib};

#[global_allocator]
static ALLOC: Counting = Counting;

fn mmss(s: i64) -> String {
    format!("{}:{:02}", s / 60, s % 60)
}

/// A countdown of `limit_ms` that began `elapsed_ms` ago, as a person
/// reads it: whole seconds left, rounded up; past zero, `+` and the whole
/// seconds over.
fn countdown_truth(limit_ms: i64, elapsed_ms: i64) -> String {
    let left = limit_ms - elapsed_ms;
    if left > 0 {
        mmss((left + 999) / 1000)
    } else {
        format!("+{}", mmss(-left / 1000))
    }
}

/// The session clock as the chair's screen shows it, `left_ms` before the
/// slot ends: whole minutes (rounded up) until the last ten, then
/// `m:ss` and `+m:ss`.
fn session_truth(left_ms: i64) -> String {
    if left_ms > 10 * 60_000 {
        format!("{} min", (left_ms + 59_999).div_euclid(60_000))
    } else {
        countdown_truth(left_ms, 0)
    }
}

/// `m:ss` as seconds; `+m:ss` (over) as -1 - seconds.
fn value(shown: &str) -> i64 {
    let over = shown.starts_with('+');
    let mut parts = shown.trim_start_matches('+').split(':');
    let m: i64 = parts.next().and_then(|x| x.parse().ok()).unwrap_or(-99_999);
    let s: i64 = parts.next().and_then(|x| x.parse().ok()).unwrap_or(-99_999);
    if over { -1 - (m * 60 + s) } else { m * 60 + s }
}

/// The speaker's time and the session clock as drawn.
fn read_screen(screen: &str) -> (Option<String>, Option<String>) {
    let mut speech = None;
    let mut session = None;
    for line in screen.lines() {
        let line = line.trim_matches('"');
        if let Some(at) = line.find("SPREEKT") {
            let rest = line[at + "SPREEKT".len()..].trim_start();
            let rest = rest.strip_prefix("nog ").unwrap_or(rest);
            speech = rest.split_whitespace().next().map(str::to_owned);
        }
        // The session line: "59 min  LOOPT", "9:58  NOG 10 MIN",
        // "+0:12  OVERTIJD" at the start of a line.
        let words: Vec<&str> = line.split_whitespace().collect();
        let state_at = usize::from(words.get(1) == Some(&"min")) + 1;
        if session.is_none()
            && line.starts_with(words.first().copied().unwrap_or(" "))
            && matches!(
                words.get(state_at),
                Some(&"LOOPT") | Some(&"NOG") | Some(&"OVERTIJD")
            )
        {
            session = Some(words[..state_at].join(" "));
        }
    }
    (speech, session)
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let minutes: i64 = if quick { 20 } else { 240 };
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(hamer::clock::parse_ts("2023-03-08T19:30:00.000+01:00"));
    let mut app = App::new(
        common::open(&session, clock.clone()),
        Lang::Nl,
        false,
        Vec::new(),
    );
    let duration_ms = 60 * 60_000i64; // the seed session's slot
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // Going to the first item opens the session.
    app.meeting.act(Action::GotoItem(2)).unwrap();
    let opened: Ts = app.meeting.state().opened_at.expect("opened");

    let started_run = Instant::now();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next_rand = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let end = opened + chrono::Duration::minutes(minutes);
    let (mut wakes, mut checks, mut speakers) = (0u64, 0u64, 0u64);
    let mut speech_start: (Ts, Option<i64>) = (opened, None);
    let mut next_key = opened;
    let mut due = opened;
    let mut drawn = (0i64, String::new());
    let mut samples = Vec::new();
    let mut next_sample = opened;
    println!("chair's screen, 120x40, {minutes} simulated minutes, a new speaker every minute");
    // The truth, as a number: whole seconds shown, `+` (over) as -1 - s.
    let truth = |start: Ts, limit: Option<i64>, at: Ts| -> i64 {
        let e = ms_between(start, at).max(0);
        match limit {
            Some(l) => value(&countdown_truth(l, e)),
            None => e / 1000,
        }
    };
    // One step per millisecond of the simulated session.
    while clock.now() < end {
        let now = clock.now();
        if now >= next_key {
            // A key press at an odd millisecond: the next speaker.
            let _ = app.meeting.act(Action::End);
            let limit = if speakers.is_multiple_of(2) {
                app.meeting
                    .act(Action::Start(
                        Speaker::Public {
                            salutation: None,
                            name: format!("Inspreker {speakers}"),
                            organisation: None,
                        },
                        SpeechKind::PublicSpeaking,
                    ))
                    .unwrap();
                Some(300_000)
            } else {
                app.meeting
                    .act(Action::Start(
                        Speaker::College {
                            name: "Freriksen".into(),
                            role: "wethouder".into(),
                        },
                        SpeechKind::Answer,
                    ))
                    .unwrap();
                None
            };
            speech_start = (now, limit);
            speakers += 1;
            next_key = now + chrono::Duration::milliseconds(60_000 + (next_rand() % 997) as i64);
            due = now; // a key is drawn at once
        }
        if now >= due {
            common::draw_screen(&mut term, &app, now, true).unwrap();
            let screen = term.backend().to_string();
            let (speech, session_clock) = read_screen(&screen);
            drawn = (
                value(
                    speech
                        .as_deref()
                        .unwrap_or_else(|| panic!("no speaker's time:\n{screen}")),
                ),
                session_clock.unwrap_or_else(|| panic!("no session clock:\n{screen}")),
            );
            // Sleep as the loop sleeps.
            due = now + chrono::Duration::from_std(hamer::tui::next_change(&app, now)).unwrap();
            wakes += 1;
        }
        // What is on the screen now must be the truth of some moment in
        // the last 50 ms: not later than that, and never early.
        let before = now - chrono::Duration::milliseconds(50);
        let (start, limit) = speech_start;
        let speech_ok = [
            truth(start, limit, before.max(start)),
            truth(start, limit, now),
        ];
        // The session was opened at the start of its slot: the clock
        // counts to the slot's end.
        let slot_end = opened + chrono::Duration::milliseconds(duration_ms);
        let session_ok = [
            session_truth((slot_end - before.max(opened)).num_milliseconds()),
            session_truth((slot_end - now).num_milliseconds()),
        ];
        assert!(
            speech_ok.contains(&drawn.0),
            "speaker's time at {now}: drawn {}, truth {speech_ok:?}",
            drawn.0
        );
        assert!(
            session_ok.contains(&drawn.1),
            "session clock at {now}: drawn {}, truth {session_ok:?}",
            drawn.1
        );
        checks += 1;
        if now >= next_sample {
            samples.push((ms_between(opened, now) / 60_000, live_heap(), rss_kib()));
            next_sample = now + chrono::Duration::minutes(30);
        }
        clock.advance_ms(1);
    }
    samples.push((minutes, live_heap(), rss_kib()));
    println!("{:>8}  {:>10}  {:>8}", "minute", "live heap", "RSS");
    for (m, heap, rss) in &samples {
        println!("{m:>8}  {:>6} KiB  {rss:>4} KiB", heap / 1024);
    }
    let first = samples[1.min(samples.len() - 1)].1;
    let last = samples[samples.len() - 1].1;
    let grown = last.saturating_sub(first);
    println!(
        "{speakers} speakers, {wakes} wakes ({:.2} a second), the screen checked against the truth every millisecond ({checks} times), 0 wrong; \
         heap grew {} KiB after the first half hour; {:.1} s",
        wakes as f64 / (minutes * 60) as f64,
        grown / 1024,
        started_run.elapsed().as_secs_f64()
    );
    // What may grow is the record (a speech a minute); 64 KiB an hour is
    // far above that and far below a leak of a frame's worth.
    assert!(
        grown < 64 * 1024 * (minutes as usize / 60 + 1),
        "heap grew {grown} bytes"
    );
}
