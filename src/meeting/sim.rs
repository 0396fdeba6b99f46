//! A realistic stream of events, for benchmarks and soak tests: rounds of
//! queued faction speakers and insprekers with pauses, extra time,
//! interruptions and the clerk's notes, over the agenda of a session.

use chrono::Duration;

use super::event::{Event, Record, Speaker};
use crate::clock::Ts;

const FACTIONS: [&str; 13] = [
    "BBH", "VVD", "SP", "CDA", "PvdA", "D66", "LH", "PH", "GL", "PVV", "CU", "HB", "FVD",
];

/// The events of one speaker's turn (9 or 10 events), `k` numbering turns.
fn turn(k: usize, queue_seq: u64) -> Vec<Event> {
    let speaker = if k.is_multiple_of(7) {
        Speaker::Public {
            name: format!("Inspreker {k}"),
            organisation: Some("Wijkraad".into()),
        }
    } else {
        Speaker::Faction {
            faction: FACTIONS[k % FACTIONS.len()].into(),
            name: Some(format!("Raadslid {}", k % 37)),
        }
    };
    let kind = speaker.default_kind();
    let mut events = vec![
        Event::SpeakerQueued {
            speaker: speaker.clone(),
        },
        Event::SpeechStarted {
            speaker,
            kind,
            limit_sec: Some(180),
            from_queue: Some(queue_seq),
        },
        Event::SpeechPaused,
        Event::SpeechResumed,
        Event::LimitAdjusted { delta_sec: 30 },
        Event::InterruptionStarted {
            speaker: Speaker::Faction {
                faction: FACTIONS[(k + 3) % FACTIONS.len()].into(),
                name: None,
            },
            limit_sec: None,
        },
        Event::InterruptionEnded,
        Event::NoteAdded {
            text: format!("Notitie bij spreekbeurt {k}: een zin zoals de griffie die noteert."),
            item: None,
            speaker: None,
        },
        Event::SpeechEnded,
    ];
    if k.is_multiple_of(5) {
        events.push(Event::ItemStarted { index: (k / 5) % 7 });
    }
    events
}

/// `n` events, generated as they are taken (nothing is held in memory).
pub fn events(n: usize) -> impl Iterator<Item = Event> {
    let mut seq = 1u64;
    std::iter::once(Event::SessionOpened)
        .chain((0..).flat_map(move |k| {
            // The queue entry is the event right after the last one so far.
            let queue_seq = seq + 1;
            let t = turn(k, queue_seq);
            seq += t.len() as u64;
            t
        }))
        .take(n)
}

/// `n` events from `start`, one every `step_ms`, as journal records.
pub fn records(n: usize, start: Ts, step_ms: i64) -> Vec<Record> {
    events(n)
        .enumerate()
        .map(|(i, event)| Record {
            seq: i as u64 + 1,
            at: start + Duration::milliseconds(step_ms * i as i64),
            event,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::State;

    #[test]
    fn simulated_events_fold_without_notices() {
        let records = records(
            2_000,
            crate::clock::parse_ts("2023-03-08T19:30:00+01:00"),
            1000,
        );
        assert_eq!(records.len(), 2_000);
        let state = State::fold(&records);
        assert!(
            state.notices.is_empty(),
            "{:?}",
            &state.notices[..3.min(state.notices.len())]
        );
        assert!(state.finished.len() > 300);
    }
}
