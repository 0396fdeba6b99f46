//! A realistic stream of events, for benchmarks and soak tests: rounds of
//! queued faction speakers and insprekers with pauses, extra time,
//! interruptions and the clerk's notes, over the agenda of a session.

use chrono::Duration;

use crate::clock::Ts;
use crate::journal::record::{Event, Record, Speaker};

const FACTIONS: [&str; 13] = [
    "BBH", "VVD", "SP", "CDA", "PvdA", "D66", "LH", "PH", "GL", "PVV", "CU", "HB", "FVD",
];

/// The council and agenda a simulated session runs over.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Faction short names the speakers come from.
    pub factions: Vec<String>,
    /// The number of agenda items.
    pub items: usize,
}

impl Default for Shape {
    /// The seed session: Hengelo's 13 factions and 7 agenda items.
    fn default() -> Self {
        Shape {
            factions: FACTIONS.iter().map(|f| f.to_string()).collect(),
            items: 7,
        }
    }
}

/// The events of one speaker's turn (9 or 10 events), `k` numbering turns.
fn turn(k: usize, queue_seq: u64, shape: &Shape) -> Vec<Event> {
    let factions = &shape.factions;
    let speaker = if k.is_multiple_of(7) {
        Speaker::Public {
            name: format!("Inspreker {k}"),
            organisation: Some("Wijkraad".into()),
            salutation: None,
        }
    } else {
        Speaker::Faction {
            faction: factions[k % factions.len()].clone(),
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
            start_item: None,
        },
        Event::SpeechPaused,
        Event::SpeechResumed,
        Event::LimitAdjusted { delta_sec: 30 },
        Event::InterruptionStarted {
            speaker: Speaker::Faction {
                faction: factions[(k + 3) % factions.len()].clone(),
                name: None,
            },
            limit_sec: None,
        },
        Event::InterruptionEnded,
        Event::NoteAdded {
            text: format!("Notitie bij spreekbeurt {k}: een zin zoals de griffie die noteert."),
            item: None,
            speaker: None,
            by: None,
        },
        Event::SpeechEnded,
    ];
    if k.is_multiple_of(5) {
        events.push(Event::ItemStarted {
            index: (k / 5) % shape.items.max(1),
            end_speech: false,
        });
    }
    events
}

/// `n` events over the seed session, generated as they are taken (nothing
/// is held in memory).
pub fn events(n: usize) -> impl Iterator<Item = Event> {
    events_over(n, Shape::default())
}

/// `n` events over a session of the given shape.
pub fn events_over(n: usize, shape: Shape) -> impl Iterator<Item = Event> {
    let mut seq = 1u64;
    std::iter::once(Event::SessionOpened)
        .chain((0..).flat_map(move |k| {
            // The queue entry is the event right after the last one so far.
            let queue_seq = seq + 1;
            let t = turn(k, queue_seq, &shape);
            seq += t.len() as u64;
            t
        }))
        .take(n)
}

/// `n` events from `start`, one every `step_ms`, as journal records.
pub fn records(n: usize, start: Ts, step_ms: i64) -> Vec<Record> {
    records_over(n, start, step_ms, Shape::default())
}

/// The same, over a session of the given shape.
pub fn records_over(n: usize, start: Ts, step_ms: i64, shape: Shape) -> Vec<Record> {
    events_over(n, shape)
        .enumerate()
        .map(|(i, event)| Record {
            seq: i as u64 + 1,
            at: start + Duration::milliseconds(step_ms * i as i64),
            event,
            client: None,
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
