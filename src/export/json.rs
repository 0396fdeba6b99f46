//! The record as JSON, in the terms of the Popolo data model where it has
//! them (Event, Organization, Person, Membership, Speech, Motion) and in
//! hamer's own terms for what Popolo does not cover (advice, positions,
//! toezeggingen, action points, conclusion, notes, agenda timing). The
//! mapping is documented in `docs/export.md`.

use serde::{Deserialize, Serialize};

use super::{SessionRecord, SpeakerKind};
use crate::clock::Ts;
use crate::slug;

/// The JSON document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Version of this document's shape.
    pub hamer_record: u32,
    pub event: Event,
    pub organizations: Vec<Organization>,
    pub persons: Vec<Person>,
    pub memberships: Vec<Membership>,
    pub speeches: Vec<Speech>,
    pub motions: Vec<Motion>,
    /// Everything else, and the same facts in hamer's own shape.
    pub record: SessionRecord,
}

/// Popolo Event: the session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub classification: String,
    pub start_date: Option<Ts>,
    pub end_date: Option<Ts>,
    pub location: String,
    pub identifiers: Vec<Identifier>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Identifier {
    pub scheme: String,
    pub identifier: String,
}

/// Popolo Organization: a faction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub classification: String,
    pub other_names: Vec<OtherName>,
    pub seats: u32,
    pub coalition: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OtherName {
    pub name: String,
}

/// Popolo Person: everyone who spoke.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
}

/// Popolo Membership: a faction speaker's faction, an inspreker's
/// organisation (as text), a college member's role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub person_id: String,
    pub organization_id: Option<String>,
    pub role: String,
}

/// Popolo Speech, with start and end dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speech {
    pub id: String,
    pub creator_id: String,
    pub attribution_text: String,
    pub event_id: String,
    pub start_date: Ts,
    pub end_date: Option<Ts>,
    /// Popolo speech type: `speech`, `question` (interruption) or `answer`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: Option<String>,
    pub elapsed_seconds: i64,
}

/// Popolo Motion: a motion or amendment announced for the Raad.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Motion {
    pub id: String,
    pub organization_id: Option<String>,
    pub legislative_session_id: String,
    pub text: String,
    pub classification: String,
    pub date: Ts,
    pub sponsors: Vec<String>,
}

/// Popolo dates have no fractions of a second.
fn whole(t: Ts) -> Ts {
    use chrono::SubsecRound;
    t.trunc_subsecs(0)
}

pub fn document(r: &SessionRecord) -> Document {
    let event_id = if r.case_number.is_empty() {
        format!("event:{}:{}", r.date, slug::id(&r.title))
    } else {
        format!("event:{}", slug::id(&r.case_number))
    };
    let org_id = |code: &str| format!("organization:faction:{}", slug::id(code));
    let organizations = r
        .factions
        .iter()
        .map(|f| Organization {
            id: org_id(&f.code),
            name: f.name.clone(),
            classification: "party".to_owned(),
            other_names: vec![OtherName {
                name: f.code.clone(),
            }],
            seats: f.seats,
            coalition: f.coalition,
        })
        .collect();
    let mut persons: Vec<Person> = Vec::new();
    let mut memberships: Vec<Membership> = Vec::new();
    let person_id = |s: &super::SpeechRecord| {
        // Name and affiliation: two Jansens of two factions are two people.
        let base = if s.speaker_kind == SpeakerKind::Faction && s.speaker == s.affiliation {
            format!("faction-speaker-{}", slug::id(&s.affiliation))
        } else if s.affiliation.is_empty() {
            slug::id(&s.speaker)
        } else {
            format!("{}--{}", slug::id(&s.speaker), slug::id(&s.affiliation))
        };
        format!("person:{base}")
    };
    for s in &r.speeches {
        let id = person_id(s);
        if !persons.iter().any(|p| p.id == id) {
            persons.push(Person {
                id: id.clone(),
                name: s.speaker.clone(),
            });
            memberships.push(Membership {
                person_id: id,
                organization_id: matches!(
                    s.speaker_kind,
                    SpeakerKind::Faction | SpeakerKind::Representative
                )
                .then(|| org_id(&s.affiliation)),
                role: match s.speaker_kind {
                    SpeakerKind::Faction => "member".to_owned(),
                    SpeakerKind::Representative => "fractievertegenwoordiger".to_owned(),
                    _ => s.affiliation.clone(),
                },
            });
        }
    }
    let speeches = r
        .speeches
        .iter()
        .map(|s| Speech {
            id: format!("speech:{}", s.id),
            creator_id: person_id(s),
            attribution_text: s.speaker.clone(),
            event_id: event_id.clone(),
            start_date: whole(s.start),
            end_date: s.end.map(whole),
            kind: match s.kind {
                crate::meeting::SpeechKind::Interruption => "question",
                crate::meeting::SpeechKind::Answer => "answer",
                _ => "speech",
            }
            .to_owned(),
            title: s.item.clone(),
            elapsed_seconds: s.seconds,
        })
        .collect();
    let motions = r
        .motions
        .iter()
        .map(|m| Motion {
            id: format!("motion:{}", m.id),
            // Popolo: the body the motion is proposed in (the Raad, not in
            // this record); the factions are the sponsors.
            organization_id: None,
            legislative_session_id: event_id.clone(),
            text: m.title.clone(),
            classification: match m.kind {
                crate::meeting::MotionKind::Motion => "motion",
                crate::meeting::MotionKind::Amendment => "amendment",
            }
            .to_owned(),
            date: whole(m.announced_at),
            sponsors: m.factions.iter().map(|c| org_id(c)).collect(),
        })
        .collect();
    Document {
        hamer_record: 1,
        event: Event {
            id: event_id.clone(),
            name: r.title.clone(),
            classification: r.body.clone(),
            start_date: r.opened_at.map(whole),
            end_date: r.closed_at.map(whole),
            location: r.room.clone(),
            identifiers: if r.case_number.is_empty() {
                Vec::new()
            } else {
                vec![Identifier {
                    scheme: "zaaknummer".to_owned(),
                    identifier: r.case_number.clone(),
                }]
            },
        },
        organizations,
        persons,
        memberships,
        speeches,
        motions,
        record: r.clone(),
    }
}

pub fn render(r: &SessionRecord) -> String {
    let mut s = serde_json::to_string_pretty(&document(r)).unwrap_or_default();
    s.push('\n');
    s
}
