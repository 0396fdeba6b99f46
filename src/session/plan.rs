//! A session ready to run: what loading and checking a session file make.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};

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
}

impl SessionPlan {
    /// Minutes planned over all agenda items.
    pub fn planned_min(&self) -> u64 {
        self.session
            .agenda
            .iter()
            .map(|i| u64::from(i.planned_min))
            .sum()
    }
}
