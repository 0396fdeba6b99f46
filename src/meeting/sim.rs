//! A realistic stream of events, for benchmarks and soak tests: rounds of
//! queued faction speakers and insprekers with pauses, extra time,
//! interruptions and the clerk's notes, over the agenda of a session.
//!
//! And the seed evening ([`seed_evening`]): the seed session
//! (`sessions/2023-03-08-datagedreven-sturing.ron`) played through once as
//! a real evening goes, with named speakers and the clerk's outcomes, for
//! the golden files of the published record.

use chrono::Duration;

use crate::clock::Ts;
use crate::journal::record::{Advice, Event, Id, Present, Record, Speaker, Stance};

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

/// The seed evening as a journal: records numbered from 1, timed from
/// `opened` (the seed session opens at 19:30).
struct Evening {
    opened: Ts,
    /// Seconds since the opening.
    t: i64,
    records: Vec<Record>,
}

impl Evening {
    /// Write `event` now; its sequence number (a queue entry's id).
    fn put(&mut self, event: Event) -> Id {
        let seq = self.records.len() as u64 + 1;
        self.records.push(Record {
            seq,
            at: self.opened + Duration::seconds(self.t),
            event,
            client: None,
        });
        seq
    }

    /// Let `secs` pass.
    fn wait(&mut self, secs: i64) -> &mut Self {
        self.t += secs;
        self
    }

    /// A speech given the floor straight away (not from the queue).
    fn start(&mut self, speaker: Speaker, limit_sec: Option<u32>) {
        let kind = speaker.default_kind();
        self.put(Event::SpeechStarted {
            speaker,
            kind,
            limit_sec,
            from_queue: None,
            start_item: None,
        });
    }

    /// A speech of `secs` given the floor straight away, then ended.
    fn speech(&mut self, speaker: Speaker, limit_sec: Option<u32>, secs: i64) {
        self.start(speaker, limit_sec);
        self.wait(secs).put(Event::SpeechEnded);
    }

    /// The next queued speaker takes the floor.
    fn start_queued(&mut self, entry: Id, speaker: Speaker, limit_sec: Option<u32>) {
        let kind = speaker.default_kind();
        self.put(Event::SpeechStarted {
            speaker,
            kind,
            limit_sec,
            from_queue: Some(entry),
            start_item: None,
        });
    }

    fn item(&mut self, index: usize) {
        self.put(Event::ItemStarted {
            index,
            end_speech: false,
        });
    }

    fn position(&mut self, faction: &str, stance: Stance, note: &str) {
        self.put(Event::PositionSet {
            faction: faction.into(),
            stance: Some(stance),
            note: note.into(),
        });
        self.wait(5);
    }

    fn present(&mut self, who: Present, present: bool) {
        self.put(Event::PresenceSet { who, present });
        self.wait(4);
    }
}

fn member(faction: &str, name: &str) -> Speaker {
    Speaker::Faction {
        faction: faction.into(),
        name: Some(name.into()),
    }
}

fn rekenkamer(name: &str, function: &str) -> Speaker {
    Speaker::Presenter {
        name: name.into(),
        organisation: Some("Rekenkamercommissie Hengelo".into()),
        function: Some(function.into()),
    }
}

/// The chair of the seed session.
const CHAIR: &str = "Sander Janssen";

/// The clerk's private note in the seed evening: published forms leave it
/// out unless asked for (`--with-notes`), which the golden tests check.
pub const SEED_PRIVATE_NOTE: &str =
    "Privé: Leussink (SP) belt morgen de griffie over de privacyparagraaf; niet voor het verslag.";

/// The seed session (`sessions/2023-03-08-datagedreven-sturing.ron`,
/// council `hengelo-2022-2026.ron`) played through as an evening goes:
/// opened at `opened` (19:30), its seven agenda items in order within
/// about their planned minutes, closed at 20:23. Presenters of the
/// Rekenkamer, two insprekers, faction speakers named from the council's
/// member lists (two for the CDA, one whose name the clerk did not note),
/// an interruption, a speaker given half a minute more who still runs
/// over, a short recess before portfolio holder Freriksen answers with an
/// official, a short second round and the chair's conclusion. The clerk
/// records presence (FVD absent), positions, a toezegging, the advice
/// (hamerstuk), a conclusion and a private note.
///
/// Real people from Hengelo's published records, as sample data.
pub fn seed_evening(opened: Ts) -> Vec<Record> {
    let mut e = Evening {
        opened,
        t: 0,
        records: Vec::new(),
    };
    let chair = || Speaker::Chair { name: CHAIR.into() };
    let freriksen = || Speaker::College {
        name: "Freriksen".into(),
        role: "wethouder".into(),
    };

    // 0 Opening: the chair welcomes everyone and goes through the agenda;
    // meanwhile the clerk marks who is there.
    e.put(Event::SessionStarted {
        first_item: Some(0),
    });
    e.wait(5).start(chair(), None);
    e.wait(15);
    for (faction, name) in [
        ("BBH", "Han Daals"),
        ("SP", "Gerard Vennegoor"),
        ("PvdA", "Nicolien Boekhoudt"),
        ("D66", "Remko Lulof"),
        ("PH", "Frank Peters"),
        ("HB", "Herbert Capelle"),
    ] {
        e.present(
            Present::Member {
                faction: faction.into(),
                name: name.into(),
            },
            true,
        );
    }
    e.present(Present::College("Freriksen".into()), true);
    e.present(Present::Faction("FVD".into()), false);
    e.wait(43).put(Event::SpeechEnded);

    // 1 Presentatie Rekenkamer (10 minutes planned).
    e.wait(5).item(1);
    e.wait(10);
    e.speech(rekenkamer("Louis Rings", "Voorzitter"), None, 130);
    e.wait(5);
    e.speech(
        rekenkamer("Mirjan Oude Vrielink", "Onderzoekster"),
        None,
        320,
    );

    // 2 Insprekers (10 minutes planned, 5 each).
    e.wait(15).item(2);
    let insprekers = [
        ("Meijerink", "Stichting Digitaal Hengelo", 225),
        ("Ter Horst", "Wijkraad Hasseler Es", 200),
    ];
    let queued: Vec<(Id, Speaker)> = insprekers
        .iter()
        .map(|(name, org, _)| {
            let s = Speaker::Public {
                name: (*name).into(),
                organisation: Some((*org).into()),
                salutation: Some("dhr.".into()),
            };
            e.wait(8);
            (e.put(Event::SpeakerQueued { speaker: s.clone() }), s)
        })
        .collect();
    e.wait(20);
    for ((entry, speaker), (_, _, secs)) in queued.into_iter().zip(insprekers) {
        e.start_queued(entry, speaker, Some(300));
        e.wait(secs).put(Event::SpeechEnded);
        e.wait(15);
    }

    // 3 Eerste termijn fracties (20 minutes planned, 3 each): the chair
    // takes the factions in the council's order as they ask for the floor.
    e.wait(10).item(3);
    let round: [(Speaker, i64); 10] = [
        (member("BBH", "Hammami"), 120),
        (member("VVD", "Van der Zweth"), 110),
        (member("SP", "Leussink"), 0), // below, with interruption
        (member("CDA", "Bernadette Morskieft"), 115),
        (member("PvdA", "Ten Voorde"), 95),
        (member("D66", "Van der Pal"), 85),
        (member("LH", "Glenn Dedecker"), 75),
        (member("GL", "Gomez"), 90),
        // The clerk did not catch the PVV speaker's name.
        (
            Speaker::Faction {
                faction: "PVV".into(),
                name: None,
            },
            60,
        ),
        (member("CU", "van den Beukel"), 70),
    ];
    e.wait(5);
    let mut queue = Vec::new();
    for (speaker, _) in &round {
        queue.push(e.put(Event::SpeakerQueued {
            speaker: speaker.clone(),
        }));
        e.wait(3);
    }
    e.wait(10);
    for ((speaker, secs), entry) in round.into_iter().zip(queue) {
        let sp = speaker.faction() == Some("SP");
        e.start_queued(entry, speaker, Some(180));
        if sp {
            // Van der Pal (D66) interrupts; the chair gives Leussink half a
            // minute more, and he still runs over by a little.
            e.wait(100).put(Event::InterruptionStarted {
                speaker: member("D66", "Van der Pal"),
                limit_sec: Some(60),
            });
            e.wait(35).put(Event::InterruptionEnded);
            e.wait(40).put(Event::LimitAdjusted { delta_sec: 30 });
            e.wait(85);
        } else {
            e.wait(secs);
        }
        e.put(Event::SpeechEnded);
        e.wait(6);
    }

    // 4 Reactie portefeuillehouder (10 minutes planned), after a short
    // recess for the wethouder to confer with the officials.
    e.wait(10).item(4);
    e.wait(10).put(Event::RecessStartedFor { minutes: 2 });
    e.wait(125).put(Event::RecessEnded);
    e.wait(10);
    e.start(freriksen(), None);
    e.wait(230).put(Event::CommitmentAdded {
        by: "Freriksen".into(),
        what: "een dialoog te organiseren in een politieke markt over het ontwikkelen van kaders bij datagedreven werken".into(),
        due: "najaar 2023".into(),
    });
    e.wait(100).put(Event::SpeechEnded);
    e.wait(5);
    e.speech(
        Speaker::Official {
            name: "Astrid Scholtens".into(),
            function: Some("Beleidsadviseur Informatievoorziening".into()),
        },
        None,
        90,
    );

    // 5 Tweede termijn (5 minutes planned, 1 each).
    e.wait(10).item(5);
    for (speaker, secs) in [
        (member("CDA", "Nuri Akfidan"), 50),
        (member("SP", "Leussink"), 55),
    ] {
        e.wait(5);
        let entry = e.put(Event::SpeakerQueued {
            speaker: speaker.clone(),
        });
        e.wait(3);
        e.start_queued(entry, speaker, Some(60));
        e.wait(secs).put(Event::SpeechEnded);
    }
    e.wait(5);
    e.speech(freriksen(), None, 45);

    // 6 Conclusie voorzitter (3 minutes planned); the clerk records the
    // positions and the conclusion while the chair sums up.
    e.wait(10).item(6);
    e.wait(5).start(chair(), None);
    e.wait(10);
    for (faction, stance, note) in [
        ("BBH", Stance::Supports, ""),
        ("VVD", Stance::Supports, ""),
        (
            "SP",
            Stance::SupportsWithReservation,
            "Wil de rapportage over zes maanden ook over privacy.",
        ),
        ("CDA", Stance::Supports, ""),
        ("PvdA", Stance::Supports, ""),
        ("D66", Stance::Supports, ""),
        ("GL", Stance::Supports, ""),
        ("PVV", Stance::Undecided, "Beraadt zich in de fractie."),
    ] {
        e.position(faction, stance, note);
    }
    e.put(Event::AdviceSet {
        advice: Some(Advice::Hamerstuk),
        requested_by: vec![],
    });
    e.wait(20).put(Event::ConclusionSet {
        text: "Vanuit de Rekenkamercommissie heeft de raad een presentatie gehad over het onderzoek 'Datagedreven sturing in de gemeente Hengelo'. De fracties kunnen instemmen met het overnemen van de conclusies en aanbevelingen van het onderzoek. Het voorstel kan als hamerstuk worden geagendeerd voor de eerstvolgende raadsvergadering.".into(),
    });
    e.wait(60).put(Event::SpeechEnded);
    e.wait(20).put(Event::NoteAdded {
        text: SEED_PRIVATE_NOTE.into(),
        item: Some(6),
        speaker: None,
        by: None,
    });
    e.wait(20).put(Event::SessionClosed);
    e.records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Speech, State};

    #[test]
    fn the_seed_evening_folds_without_notices_through_every_item() {
        let opened = crate::clock::parse_ts("2023-03-08T19:30:00+01:00");
        let records = seed_evening(opened);
        let state = State::fold(&records);
        assert!(state.notices.is_empty(), "{:?}", state.notices);
        // Every item of the seed agenda (seven), each once, in order.
        assert_eq!(state.items.len(), 7);
        assert!(
            state.items.iter().all(|i| i.len() == 1),
            "{:?}",
            state.items
        );
        let starts: Vec<Ts> = state.items.iter().map(|i| i[0].start).collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
        // Numbered from 1, in time order, closed around 20:25.
        assert!(
            records
                .iter()
                .enumerate()
                .all(|(i, r)| r.seq == i as u64 + 1)
        );
        assert!(records.windows(2).all(|w| w[0].at <= w[1].at));
        let closed = state.closed_at.expect("closed");
        let minutes = (closed - opened).num_minutes();
        assert!((50..=58).contains(&minutes), "{minutes}");
        assert!(state.queue.is_empty() && state.speech.is_none());
        // Speeches within the planned time but for one that ran over a bit.
        let over: Vec<&Speech> = state
            .finished
            .iter()
            .filter(|s| s.remaining_ms(closed).is_some_and(|r| r < 0))
            .collect();
        assert_eq!(over.len(), 1, "{over:?}");
        assert!(over[0].remaining_ms(closed).unwrap() > -30_000);
        // The clerk's outcomes.
        let o = &state.outcomes;
        assert_eq!(o.advice, Some(Advice::Hamerstuk));
        assert_eq!(o.commitments.len(), 1);
        assert_eq!(o.notes.len(), 1);
        assert!(!o.conclusion.is_empty());
        assert_eq!(
            o.presence.get(&Present::Faction("FVD".into())),
            Some(&false)
        );
    }

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
