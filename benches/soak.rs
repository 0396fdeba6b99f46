//! Soak benchmark (issue 3): a simulated eight-hour session of 20,000
//! events through the real engine (journal writes with sync_data), with a
//! fake clock moving 1.44 s per event. Prints live heap and resident memory
//! every 2,000 events; memory must stay flat.
//!
//! cargo bench --bench soak

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use hamer::clock::FakeClock;
use hamer::meeting::{Event, Meeting, sim};

#[path = "support/counting.rs"]
mod counting;
use counting::{Counting, live_heap, rss_kib};

#[global_allocator]
static ALLOC: Counting = Counting;

/// Turn a simulated event into the action that produces it.
fn action(e: Event, m: &Meeting<FakeClock>) -> Option<hamer::meeting::Action> {
    use hamer::meeting::Action as A;
    Some(match e {
        Event::SessionOpened | Event::SessionStarted { .. } => A::Open,
        Event::ItemStarted { index, .. } => A::GotoItem(index),
        Event::SpeakerQueued { speaker } => A::Queue(speaker),
        Event::SpeechStarted { .. } => A::StartNext,
        Event::SpeechPaused | Event::SpeechResumed => A::TogglePause,
        Event::LimitAdjusted { delta_sec } => A::AdjustLimit(delta_sec),
        Event::InterruptionStarted { speaker, .. } => A::Interrupt(speaker),
        Event::InterruptionEnded | Event::SpeechEnded => A::End,
        Event::NoteAdded { text, .. } => A::Note(text),
        _ => {
            let _ = m;
            return None;
        }
    })
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this too,
    // with fewer events.
    let quick = !std::env::args().any(|a| a == "--bench");
    let total: usize = if quick { 2_000 } else { 20_000 };
    let (_dir, session) = common::scratch();
    let clock = FakeClock::at_seed();
    let mut m = common::open(&session, clock.clone());
    let step_ms = 8 * 3600 * 1000 / 20_000;
    println!("soak: {total} events, {step_ms} ms apart (8 hours for 20,000)");
    println!(
        "{:>8}  {:>12}  {:>10}  {:>9}",
        "events", "live heap", "RSS", "elapsed"
    );
    let started = Instant::now();
    let mut done = 0usize;
    let mut first_heap = 0usize;
    for e in sim::events(total) {
        clock.advance_ms(step_ms);
        if let Some(a) = action(e, &m) {
            // Refusals (a limit to adjust where the item sets none) are
            // part of a real session; a journal error is not.
            if let Err(hamer::meeting::Refusal::Journal(e)) = m.act(a) {
                panic!("{e:?}");
            }
        }
        done += 1;
        if done.is_multiple_of(total / 10) {
            let heap = live_heap();
            if first_heap == 0 {
                first_heap = heap;
            }
            println!(
                "{done:>8}  {:>9} KiB  {:>6} KiB  {:>7.1} s",
                heap / 1024,
                rss_kib(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    let heap = live_heap();
    let speeches = m.state().finished.len();
    let grown = heap.saturating_sub(first_heap);
    let per_event = grown / (total - total / 10);
    println!(
        "heap grew {} KiB from the first to the last sample ({per_event} bytes per event), \
         with {speeches} speeches and {} notes kept for the record",
        grown / 1024,
        m.state().outcomes.notes.len()
    );
    // What grows is the record itself (speeches, notes); anything more per
    // event would be a leak.
    assert!(per_event < 256, "memory grows {per_event} bytes per event");
}
