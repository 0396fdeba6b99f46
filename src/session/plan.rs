//! A session ready to run: what loading and checking a session file make.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

use crate::clock::Ts;

use super::model::{CollegeMember, Council, Faction, Session};

/// A session ready to run: the file as written, its dates parsed, and the
/// factions and college resolved from the council file or given inline.
#[derive(Clone, Debug)]
pub struct SessionPlan {
    pub path: PathBuf,
    pub session: Session,
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    /// The council file named by the session, resolved, and its contents.
    pub council: Option<(PathBuf, Council)>,
    pub factions: Vec<Faction>,
    pub college: Vec<CollegeMember>,
    /// The council's time zone: every time shown or exported is in it,
    /// whatever the machine's `TZ` (the session file's `time_zone`, else
    /// the council file's, else [`DEFAULT_TIME_ZONE`]).
    pub time_zone: Tz,
}

/// The time zone of a session and council that name none.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Europe::Amsterdam;

impl SessionPlan {
    /// `t` on the council's wall clock: the same instant, with the offset
    /// the council's zone has then (summer time included).
    pub fn local(&self, t: Ts) -> Ts {
        crate::clock::in_zone(t, self.time_zone)
    }

    /// Minutes planned over all agenda items.
    pub fn planned_min(&self) -> u64 {
        self.session
            .agenda
            .iter()
            .map(|i| u64::from(i.planned_min))
            .sum()
    }
}
