//! The record as JSON, in the terms of the Popolo data model where it has
//! them (Event, Organization, Person, Membership, Speech, Motion) and in
//! hamer's own terms for what Popolo does not cover (advice, positions,
//! toezeggingen, action points, conclusion, notes, agenda timing). The
//! mapping is documented in `docs/export.md` (section 5).
//!
//! Written so that a Popolo reader takes it as it is: `events` is an array
//! (the session and its agenda items), every membership names its
//! organization, nobody is invented for a faction speaker without a name,
//! ids are unique over councils, sessions and evenings, and every member
//! Popolo does not define starts with `+` (Popolo's JSON patterns, "Flag
//! additional properties"). Checked against Popolo's schemas and the
//! `everypolitician-popolo` reader by `tests/popolo.rs`.

use serde::{Deserialize, Serialize};

use super::{SessionRecord, SpeakerKind, SpeechRecord};
use crate::clock::Ts;
use crate::slug;

/// The JSON document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Version of this document's shape.
    pub hamer_record: u32,
    /// The session first, then its agenda items (with `parent_id`).
    pub events: Vec<Event>,
    pub organizations: Vec<Organization>,
    pub persons: Vec<Person>,
    pub memberships: Vec<Membership>,
    pub speeches: Vec<Speech>,
    pub motions: Vec<Motion>,
    /// Everything else, and the same facts in hamer's own shape.
    pub record: SessionRecord,
}

/// Popolo Event: the session, or one of its agenda items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub name: String,
    /// `"session"` or `"agenda item"`.
    pub classification: String,
    /// The session, for an agenda item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// The body that holds the session.
    pub organization_id: String,
    /// The local date (`YYYY-MM-DD`): Popolo readers take a date here, the
    /// time is in `+start_time`.
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    #[serde(rename = "+start_time")]
    pub start_time: Option<Ts>,
    #[serde(rename = "+end_time")]
    pub end_time: Option<Ts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// On the session: everyone in `persons`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<Attendee>,
    /// The agenda item's number.
    #[serde(rename = "+number", default, skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
    /// Planned minutes of an agenda item.
    #[serde(
        rename = "+planned_minutes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub planned_minutes: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Identifier {
    pub scheme: String,
    pub identifier: String,
}

/// A Popolo Person embedded in an event's `attendees`: the id and name of
/// one in `persons`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    pub id: String,
    pub name: String,
}

/// Popolo Organization: the Raad, the body, the college, a faction, the
/// municipality's officials, a presenter's or inspreker's organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<OtherName>,
    #[serde(rename = "+seats", default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    #[serde(
        rename = "+coalition",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub coalition: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OtherName {
    pub name: String,
}

/// Popolo Person: everyone named who spoke, chaired, clerked or was there
/// for the college. A faction speaker without a name is no person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// An inspreker's salutation as recorded ("dhr.", "mevr.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific_prefix: Option<String>,
}

/// Popolo Membership: always with an organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub person_id: String,
    pub organization_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The faction a council member or fractievertegenwoordiger is there
    /// for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of_id: Option<String>,
}

/// Popolo Speech.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speech {
    pub id: String,
    /// `None` for a faction speaker without a name: see `attribution_text`
    /// and `+on_behalf_of_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<String>,
    pub role: Option<String>,
    pub attribution_text: String,
    /// The agenda item's event (the session's without an item).
    pub event_id: String,
    /// When it began.
    pub date: Ts,
    /// Popolo speech type: `speech`, `question` (interruption) or `answer`.
    #[serde(rename = "type")]
    pub kind: String,
    /// 1, 2, … in the order the speeches began.
    pub position: u32,
    #[serde(rename = "+end_date")]
    pub end_date: Option<Ts>,
    #[serde(rename = "+elapsed_seconds")]
    pub elapsed_seconds: i64,
    /// The faction spoken for (Popolo's term on Membership).
    #[serde(
        rename = "+on_behalf_of_id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub on_behalf_of_id: Option<String>,
}

/// Popolo Motion: a motion or amendment announced for the Raad.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Motion {
    pub id: String,
    pub organization_id: String,
    pub legislative_session_id: String,
    pub text: String,
    pub classification: String,
    pub date: Ts,
    /// The factions that announced it.
    #[serde(rename = "+sponsors")]
    pub sponsors: Vec<String>,
}

/// Popolo dates have no fractions of a second.
fn whole(t: Ts) -> Ts {
    use chrono::SubsecRound;
    t.trunc_subsecs(0)
}

/// The local date of a time, as Popolo readers take a date.
fn day(t: Ts) -> String {
    t.date_naive().format("%Y-%m-%d").to_string()
}

/// The ids of one record: everything starts with the municipality, so the
/// records of two councils never share an id; what belongs to one session
/// (its events, speeches, motions) also carries the session's date, body
/// and case number, since one zaak often has several sessions.
struct Ids {
    council: String,
    /// `DATE:BODY:CASE` (or the title's slug without a case number).
    key: String,
    session: String,
}

impl Ids {
    fn new(r: &SessionRecord) -> Ids {
        let council = match slug::id(&r.municipality) {
            m if m.is_empty() => String::new(),
            m => format!("{m}:"),
        };
        let what = if r.case_number.is_empty() {
            slug::id(&r.title)
        } else {
            slug::id(&r.case_number)
        };
        let key = format!("{}:{}:{what}", r.date, slug::id(&r.body));
        let session = format!("{council}event:{key}");
        Ids {
            council,
            key,
            session,
        }
    }
    fn org(&self, what: &str) -> String {
        format!("{}organization:{what}", self.council)
    }
    fn raad(&self) -> String {
        self.org("raad")
    }
    fn faction(&self, code: &str) -> String {
        self.org(&format!("faction:{}", slug::id(code)))
    }
    fn person(&self, base: &str) -> String {
        format!("{}person:{base}", self.council)
    }
    fn item(&self, number: usize) -> String {
        format!("{}:item:{number}", self.session)
    }
    fn speech(&self, seq: u64) -> String {
        format!("{}speech:{}:{seq}", self.council, self.key)
    }
    fn motion(&self, seq: u64) -> String {
        format!("{}motion:{}:{seq}", self.council, self.key)
    }
}

/// A body named like the council itself is the Raad, not a committee of it.
fn is_raad(body: &str) -> bool {
    matches!(slug::id(body).as_str(), "" | "raad" | "gemeenteraad")
}

struct Builder<'a> {
    r: &'a SessionRecord,
    ids: Ids,
    body: String,
    organizations: Vec<Organization>,
    persons: Vec<Person>,
    memberships: Vec<Membership>,
}

impl Builder<'_> {
    fn faction_name(&self, code: &str) -> String {
        self.r.faction_name(code)
    }

    fn add_org(&mut self, org: Organization) -> String {
        let id = org.id.clone();
        if !self.organizations.iter().any(|o| o.id == id) {
            self.organizations.push(org);
        }
        id
    }

    /// An organisation known only by its name (a presenter's, an
    /// inspreker's); `None` for a name with nothing to make an id of.
    fn external_org(&mut self, name: &str) -> Option<String> {
        let s = slug::id(name);
        if s.is_empty() {
            return None;
        }
        Some(self.add_org(Organization {
            id: self.ids.org(&format!("external:{s}")),
            name: name.to_owned(),
            classification: None,
            parent_id: None,
            other_names: Vec::new(),
            seats: None,
            coalition: None,
        }))
    }

    fn officials_org(&mut self) -> String {
        let name = if self.r.municipality.is_empty() {
            "Ambtelijke organisatie".to_owned()
        } else {
            format!("Ambtelijke organisatie gemeente {}", self.r.municipality)
        };
        self.add_org(Organization {
            id: self.ids.org("officials"),
            name,
            classification: Some("executive".to_owned()),
            parent_id: None,
            other_names: Vec::new(),
            seats: None,
            coalition: None,
        })
    }

    /// The person of a name: one already there by that name, or a new one
    /// with id `base`. `None` for an empty name.
    fn person(&mut self, name: &str, base: String) -> Option<String> {
        if slug::id(name).is_empty() {
            return None;
        }
        if let Some(p) = self.persons.iter().find(|p| p.name == name) {
            return Some(p.id.clone());
        }
        let mut id = self.ids.person(&base);
        // Two names with one slug ("Jan de Vries", "Jan De-Vries").
        let mut n = 2;
        while self.persons.iter().any(|p| p.id == id) {
            id = self.ids.person(&format!("{base}-{n}"));
            n += 1;
        }
        self.persons.push(Person {
            id: id.clone(),
            name: name.to_owned(),
            honorific_prefix: None,
        });
        Some(id)
    }

    fn member(
        &mut self,
        person_id: &str,
        organization_id: String,
        role: Option<String>,
        on_behalf_of_id: Option<String>,
    ) {
        let m = Membership {
            person_id: person_id.to_owned(),
            organization_id,
            role,
            on_behalf_of_id,
        };
        if !self.memberships.contains(&m) {
            self.memberships.push(m);
        }
    }

    /// The person who gave a speech (`None` for a faction speaker without
    /// a name) with their membership.
    fn speaker(&mut self, s: &SpeechRecord) -> Option<String> {
        let name_slug = slug::id(&s.speaker);
        let with_aff = || format!("{name_slug}--{}", slug::id(&s.affiliation));
        match s.speaker_kind {
            SpeakerKind::Faction if s.speaker == s.affiliation => None,
            SpeakerKind::Faction => {
                let id = self.person(&s.speaker, with_aff())?;
                let raad = self.ids.raad();
                let faction = self.ids.faction(&s.affiliation);
                self.member(&id, raad, Some("member".to_owned()), Some(faction));
                Some(id)
            }
            SpeakerKind::Representative => {
                let id = self.person(&s.speaker, with_aff())?;
                let faction = self.ids.faction(&s.affiliation);
                let body = self.body.clone();
                let role = Some("fractievertegenwoordiger".to_owned());
                self.member(&id, body, role, Some(faction));
                Some(id)
            }
            SpeakerKind::Public | SpeakerKind::Presenter => {
                let base = if s.affiliation.is_empty() {
                    name_slug.clone()
                } else {
                    with_aff()
                };
                let id = self.person(&s.speaker, base)?;
                if !s.salutation.is_empty()
                    && let Some(p) = self.persons.iter_mut().find(|p| p.id == id)
                {
                    p.honorific_prefix = Some(s.salutation.clone());
                }
                let role = (!s.function.is_empty()).then(|| s.function.clone());
                if let Some(org) = self.external_org(&s.affiliation) {
                    self.member(&id, org, role, None);
                }
                Some(id)
            }
            SpeakerKind::College => {
                let id = self.person(&s.speaker, name_slug.clone())?;
                let role = (!s.affiliation.is_empty()).then(|| s.affiliation.clone());
                self.member(&id, self.ids.org("college"), role, None);
                Some(id)
            }
            SpeakerKind::Official => {
                let id = self.person(&s.speaker, name_slug.clone())?;
                let role = if s.affiliation.is_empty() {
                    "official".to_owned()
                } else {
                    s.affiliation.clone()
                };
                let org = self.officials_org();
                self.member(&id, org, Some(role), None);
                Some(id)
            }
            SpeakerKind::Chair => {
                let id = self.person(&s.speaker, name_slug.clone())?;
                let body = self.body.clone();
                self.member(&id, body, Some("chair".to_owned()), None);
                Some(id)
            }
        }
    }

    /// How a speech names its speaker, and the speaker's role while
    /// speaking.
    fn attribution(&self, s: &SpeechRecord) -> (String, Option<String>) {
        let faction = || self.faction_name(&s.affiliation);
        let with = |extra: &str| {
            if extra.is_empty() {
                s.speaker.clone()
            } else {
                format!("{} ({extra})", s.speaker)
            }
        };
        match s.speaker_kind {
            SpeakerKind::Faction if s.speaker == s.affiliation => {
                (format!("namens {}", faction()), Some("speaker".to_owned()))
            }
            SpeakerKind::Faction => (with(&faction()), Some("speaker".to_owned())),
            SpeakerKind::Representative => (
                with(&format!("fractievertegenwoordiger {}", faction())),
                Some("fractievertegenwoordiger".to_owned()),
            ),
            SpeakerKind::Public => (with(&s.affiliation), Some("inspreker".to_owned())),
            SpeakerKind::Presenter => (
                with(&super::with_space(&s.function, &s.affiliation)),
                Some("presenter".to_owned()),
            ),
            SpeakerKind::College => (
                with(&s.affiliation),
                (!s.affiliation.is_empty()).then(|| s.affiliation.clone()),
            ),
            SpeakerKind::Official => (with(&s.affiliation), Some("official".to_owned())),
            SpeakerKind::Chair => (s.speaker.clone(), Some("chair".to_owned())),
        }
    }
}

/// The agenda item a speech was given under: the item of that title whose
/// span holds the speech's start, or the first of that title.
fn item_of(r: &SessionRecord, s: &SpeechRecord) -> Option<usize> {
    let title = s.item.as_deref()?;
    let same = || r.agenda.iter().filter(|i| i.title == title);
    same()
        .find(|i| i.start.is_some_and(|a| a <= s.start) && i.end.is_none_or(|b| s.start < b))
        .or_else(|| same().next())
        .map(|i| i.number)
}

pub fn document(r: &SessionRecord) -> Document {
    let ids = Ids::new(r);
    let raad_name = if r.municipality.is_empty() {
        "Gemeenteraad".to_owned()
    } else {
        format!("Gemeenteraad {}", r.municipality)
    };
    let mut organizations = vec![Organization {
        id: ids.raad(),
        name: raad_name,
        classification: Some("legislature".to_owned()),
        parent_id: None,
        other_names: Vec::new(),
        seats: None,
        coalition: None,
    }];
    let body = if is_raad(&r.body) {
        ids.raad()
    } else {
        let id = ids.org(&slug::id(&r.body));
        organizations.push(Organization {
            id: id.clone(),
            name: r.body.clone(),
            classification: Some("committee".to_owned()),
            parent_id: Some(ids.raad()),
            other_names: Vec::new(),
            seats: None,
            coalition: None,
        });
        id
    };
    organizations.push(Organization {
        id: ids.org("college"),
        name: "College van burgemeester en wethouders".to_owned(),
        classification: Some("executive".to_owned()),
        parent_id: None,
        other_names: Vec::new(),
        seats: None,
        coalition: None,
    });
    organizations.extend(r.factions.iter().map(|f| Organization {
        id: ids.faction(&f.code),
        name: f.name.clone(),
        classification: Some("party".to_owned()),
        parent_id: Some(ids.raad()),
        other_names: vec![OtherName {
            name: f.code.clone(),
        }],
        seats: Some(f.seats),
        coalition: Some(f.coalition),
    }));
    let mut b = Builder {
        r,
        ids,
        body,
        organizations,
        persons: Vec::new(),
        memberships: Vec::new(),
    };

    let mut speeches = Vec::new();
    for (n, s) in r.speeches.iter().enumerate() {
        let creator_id = b.speaker(s);
        let (attribution_text, role) = b.attribution(s);
        let on_behalf_of_id = matches!(
            s.speaker_kind,
            SpeakerKind::Faction | SpeakerKind::Representative
        )
        .then(|| b.ids.faction(&s.affiliation));
        speeches.push(Speech {
            id: b.ids.speech(s.id),
            creator_id,
            role,
            attribution_text,
            event_id: item_of(r, s).map_or_else(|| b.ids.session.clone(), |i| b.ids.item(i)),
            date: whole(s.start),
            kind: match s.kind {
                crate::meeting::SpeechKind::Interruption => "question",
                crate::meeting::SpeechKind::Answer => "answer",
                _ => "speech",
            }
            .to_owned(),
            position: u32::try_from(n + 1).unwrap_or(u32::MAX),
            end_date: s.end.map(whole),
            elapsed_seconds: s.seconds,
            on_behalf_of_id,
        });
    }
    // Who was there without speaking: the chairs, the clerk, the college.
    for chair in &r.chairs {
        if let Some(id) = b.person(chair, slug::id(chair)) {
            let body = b.body.clone();
            b.member(&id, body, Some("chair".to_owned()), None);
        }
    }
    if let Some(id) = b.person(&r.clerk, slug::id(&r.clerk)) {
        let raad = b.ids.raad();
        b.member(&id, raad, Some("clerk".to_owned()), None);
    }
    // Faction members marked present, as members of the Raad there for
    // their faction (a fractievertegenwoordiger who spoke is one already).
    for m in &r.members_present {
        let base = format!("{}--{}", slug::id(&m.name), slug::id(&m.faction));
        if let Some(id) = b.person(&m.name, base) {
            let faction = b.ids.faction(&m.faction);
            if !b
                .memberships
                .iter()
                .any(|x| x.person_id == id && x.on_behalf_of_id.as_ref() == Some(&faction))
            {
                let raad = b.ids.raad();
                b.member(&id, raad, Some("member".to_owned()), Some(faction));
            }
        }
    }
    for name in &r.college_present {
        if let Some(id) = b.person(name, slug::id(name)) {
            let college = b.ids.org("college");
            if !b
                .memberships
                .iter()
                .any(|m| m.person_id == id && m.organization_id == college)
            {
                b.member(&id, college, None, None);
            }
        }
    }

    let motions = r
        .motions
        .iter()
        .map(|m| Motion {
            id: b.ids.motion(m.id),
            // Motions are proposed in the Raad; the factions sponsor them.
            organization_id: b.ids.raad(),
            legislative_session_id: b.ids.session.clone(),
            text: m.title.clone(),
            classification: match m.kind {
                crate::meeting::MotionKind::Motion => "motion",
                crate::meeting::MotionKind::Amendment => "amendment",
            }
            .to_owned(),
            date: whole(m.announced_at),
            sponsors: m.factions.iter().map(|c| b.ids.faction(c)).collect(),
        })
        .collect();

    let mut events = vec![Event {
        id: b.ids.session.clone(),
        name: r.title.clone(),
        classification: "session".to_owned(),
        parent_id: None,
        organization_id: b.body.clone(),
        start_date: Some(r.opened_at.map_or_else(|| r.date.clone(), day)),
        end_date: r.closed_at.map(day),
        start_time: r.opened_at.map(whole),
        end_time: r.closed_at.map(whole),
        location: (!r.room.is_empty()).then(|| r.room.clone()),
        identifiers: if r.case_number.is_empty() {
            Vec::new()
        } else {
            vec![Identifier {
                scheme: "zaaknummer".to_owned(),
                identifier: r.case_number.clone(),
            }]
        },
        attendees: b
            .persons
            .iter()
            .map(|p| Attendee {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .collect(),
        number: None,
        planned_minutes: None,
    }];
    events.extend(r.agenda.iter().map(|i| Event {
        id: b.ids.item(i.number),
        name: i.title.clone(),
        classification: "agenda item".to_owned(),
        parent_id: Some(b.ids.session.clone()),
        organization_id: b.body.clone(),
        start_date: i.start.map(day),
        end_date: i.end.map(day),
        start_time: i.start.map(whole),
        end_time: i.end.map(whole),
        location: None,
        identifiers: Vec::new(),
        attendees: Vec::new(),
        number: Some(i.number),
        planned_minutes: Some(i.planned_minutes),
    }));

    Document {
        hamer_record: 2,
        events,
        organizations: b.organizations,
        persons: b.persons,
        memberships: b.memberships,
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
