//! The session against its plan and its slot: what is left of the current
//! item, whether the items still to come fit in the time left, and the
//! warnings before the slot ends. Pure arithmetic on the state and `now`;
//! the screens only draw what these return.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::State;
use crate::clock::{Ts, ms_between};
use crate::session::SessionPlan;

const MIN: i64 = 60_000;

/// Milliseconds left of an item planned for `planned_min` that has been
/// current `used_ms`; negative once it runs over.
pub fn item_remaining_ms(planned_min: u32, used_ms: i64) -> i64 {
    i64::from(planned_min) * MIN - used_ms
}

/// The planned time of the items still to come: what is left of the
/// current item (never below zero) plus the planned minutes of every later
/// item. Before any item is current: the whole agenda.
pub fn still_to_come_ms(planned: &[u32], st: &State, now: Ts) -> i64 {
    match st.current_item {
        Some(c) => {
            let current = planned
                .get(c)
                .map_or(0, |p| item_remaining_ms(*p, st.item_used_ms(c, now)).max(0));
            let later: i64 = planned
                .iter()
                .skip(c + 1)
                .map(|p| i64::from(*p) * MIN)
                .sum();
            current + later
        }
        None => planned.iter().map(|p| i64::from(*p) * MIN).sum(),
    }
}

/// When the session has to be done: the end of its slot (`date` at
/// `start`, plus `duration_min`) when it was opened on that day within the
/// hour before the slot or in it; otherwise (a session held on another day
/// or hours away from its slot, a rehearsal) `duration_min` after the
/// opening. `None` before the opening.
///
/// The slot is on the council's wall clock (`zone`), whatever offset the
/// journal wrote the opening with: 19:30 is 19:30 in the council's zone
/// (the earlier one of a time that comes twice at the end of summer time).
pub fn slot_end(
    date: NaiveDate,
    start: Option<NaiveTime>,
    zone: Tz,
    duration_min: u32,
    st: &State,
) -> Option<Ts> {
    let opened = st.opened_at?;
    let dur = Duration::minutes(i64::from(duration_min));
    let slot = start.and_then(|start| {
        let begin = zone
            .from_local_datetime(&date.and_time(start))
            .earliest()?
            .fixed_offset();
        let end = begin + dur;
        (opened >= begin - Duration::hours(1) && opened < end).then_some(end)
    });
    Some(slot.unwrap_or(opened + dur))
}

/// How the session stands against the time left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The items still to come fit with this many whole minutes to spare.
    Ahead(i64),
    /// Within half a minute of the plan.
    OnSchedule,
    /// The items still to come need this many minutes more than are left.
    Behind(i64),
}

/// The items still to come (`to_come_ms`) against the time left
/// (`left_ms`), rounded to the nearest minute.
pub fn standing(to_come_ms: i64, left_ms: i64) -> Standing {
    let delta = left_ms - to_come_ms;
    let min = (delta.abs() + MIN / 2) / MIN;
    match (min, delta > 0) {
        (0, _) => Standing::OnSchedule,
        (m, true) => Standing::Ahead(m),
        (m, false) => Standing::Behind(m),
    }
}

/// The warning before the slot ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SlotWarning {
    None,
    /// Ten minutes or less left.
    Ten,
    /// Five minutes or less left.
    Five,
    /// The slot has ended.
    Over,
}

/// Whether the chair's session clock shows seconds: in the last ten
/// minutes of the slot and after. Before that it shows whole minutes
/// ("43 min"): what a chair plans with, and one wake a second fewer.
pub fn session_shows_seconds(left_ms: i64) -> bool {
    left_ms <= 10 * MIN
}

/// The whole minutes the session clock shows before the last ten: rounded
/// up, as the seconds of every countdown are (42:25 left shows "43 min",
/// 43:00 too, 42:59.999 "43 min" until 42:00).
pub fn session_minutes(left_ms: i64) -> i64 {
    (left_ms + MIN - 1).div_euclid(MIN)
}

/// Milliseconds until the session clock's shown value changes, for a
/// clock `left_ms` from the slot's end: its next second in the last ten
/// minutes, otherwise its next whole minute.
pub fn session_next_change_ms(left_ms: i64) -> i64 {
    let unit = if session_shows_seconds(left_ms) {
        1000
    } else {
        MIN
    };
    match left_ms.rem_euclid(unit) {
        0 => unit,
        r => r,
    }
}

pub fn slot_warning(left_ms: i64) -> SlotWarning {
    if left_ms <= 0 {
        SlotWarning::Over
    } else if left_ms <= 5 * MIN {
        SlotWarning::Five
    } else if left_ms <= 10 * MIN {
        SlotWarning::Ten
    } else {
        SlotWarning::None
    }
}

/// The session clock's one meaning at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    NotOpen,
    /// Running: what is left until the slot ends (negative: over).
    Running {
        left_ms: i64,
    },
    /// Closed: how long it took of the planned duration, and when.
    Closed {
        used_ms: i64,
        planned_ms: i64,
        at: Ts,
    },
}

/// The session clock's state: see [`slot_end`] for what "left" counts to.
pub fn phase(
    date: NaiveDate,
    start: Option<NaiveTime>,
    zone: Tz,
    duration_min: u32,
    st: &State,
    now: Ts,
) -> Phase {
    let planned_ms = i64::from(duration_min) * MIN;
    match (st.opened_at, st.closed_at) {
        (None, _) => Phase::NotOpen,
        (Some(o), Some(c)) => Phase::Closed {
            used_ms: ms_between(o, c),
            planned_ms,
            at: c,
        },
        (Some(_), None) => {
            let left_ms = slot_end(date, start, zone, duration_min, st)
                .map_or(planned_ms, |end| (end - now).num_milliseconds());
            Phase::Running { left_ms }
        }
    }
}

/// The session clock every screen shows: while running, the time left
/// until the slot ends ([`slot_end`]); once closed, what was left of the
/// planned duration. `None` before the opening. The chair's screen, the
/// clerk's view and the display all read this, so they never disagree.
pub fn session_left_ms(plan: &SessionPlan, st: &State, now: Ts) -> Option<i64> {
    match phase(
        plan.date,
        plan.start,
        plan.time_zone,
        plan.session.duration_min,
        st,
        now,
    ) {
        Phase::NotOpen => None,
        Phase::Running { left_ms } => Some(left_ms),
        Phase::Closed {
            used_ms,
            planned_ms,
            ..
        } => Some(planned_ms - used_ms),
    }
}

/// A recess as the chair sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recess {
    /// Set to end at `until`; `left_ms` to go.
    Until { until: Ts, left_ms: i64 },
    /// Its set time has passed `over_ms` ago: time to resume.
    Resume { until: Ts, over_ms: i64 },
    /// Open-ended, running `ms`.
    Open { ms: i64 },
}

pub fn recess(st: &State, now: Ts) -> Option<Recess> {
    if !st.in_recess() || st.closed_at.is_some() {
        return None;
    }
    let running = st.recesses.last().map_or(0, |r| r.ms(now));
    Some(match st.recess_until() {
        Some(until) => {
            let left = (until - now).num_milliseconds();
            if left > 0 {
                Recess::Until {
                    until,
                    left_ms: left,
                }
            } else {
                Recess::Resume {
                    until,
                    over_ms: -left,
                }
            }
        }
        None => Recess::Open { ms: running },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FakeClock};
    use crate::meeting::state::Interval;

    const PLAN: [u32; 4] = [2, 10, 20, 8];
    /// The seed session's day.
    const DAY: NaiveDate = NaiveDate::from_ymd_opt(2023, 3, 8).unwrap();
    const AMS: Tz = chrono_tz::Europe::Amsterdam;

    /// A state opened at the seed's 19:30 with item `current` current since
    /// `since` seconds after the opening.
    fn running(clock: &FakeClock, current: usize, since: i64) -> State {
        let o = clock.now();
        let mut st = State::default();
        st.opened_at = Some(o);
        st.current_item = Some(current);
        st.items = vec![Vec::new(); PLAN.len()];
        st.items[current].push(Interval {
            start: o + Duration::seconds(since),
            end: None,
        });
        st
    }

    #[test]
    fn the_current_item_counts_down_then_over() {
        assert_eq!(item_remaining_ms(10, 0), 600_000);
        assert_eq!(item_remaining_ms(10, 7 * MIN), 3 * MIN);
        assert_eq!(item_remaining_ms(10, 10 * MIN), 0);
        assert_eq!(item_remaining_ms(10, 12 * MIN + 5_000), -(2 * MIN + 5_000));
    }

    #[test]
    fn still_to_come_is_the_current_remainder_plus_later_items() {
        let clock = FakeClock::at_seed();
        let st = running(&clock, 1, 0);
        clock.advance_secs(4 * 60);
        // 6 left of item 1, then 20 + 8.
        assert_eq!(still_to_come_ms(&PLAN, &st, clock.now()), 34 * MIN);
        // Item 1 overran: it counts as nothing, not as negative.
        clock.advance_secs(20 * 60);
        assert_eq!(still_to_come_ms(&PLAN, &st, clock.now()), 28 * MIN);
        let none = State::default();
        assert_eq!(still_to_come_ms(&PLAN, &none, clock.now()), 40 * MIN);
    }

    #[test]
    fn ahead_on_and_behind_schedule() {
        assert_eq!(standing(30 * MIN, 30 * MIN), Standing::OnSchedule);
        assert_eq!(standing(30 * MIN, 30 * MIN - 20_000), Standing::OnSchedule);
        assert_eq!(standing(34 * MIN, 30 * MIN), Standing::Behind(4));
        assert_eq!(standing(28 * MIN, 30 * MIN), Standing::Ahead(2));
        assert_eq!(standing(10 * MIN, -MIN), Standing::Behind(11));
    }

    #[test]
    fn the_schedule_follows_the_clock() {
        let clock = FakeClock::at_seed();
        let start = NaiveTime::from_hms_opt(19, 30, 0);
        let st = running(&clock, 1, 0);
        // 38 minutes still to come (items 1 to 3) in a 38-minute slot: on
        // schedule at the start.
        let left = |c: &FakeClock| match phase(DAY, start, AMS, 38, &st, c.now()) {
            Phase::Running { left_ms } => left_ms,
            p => panic!("{p:?}"),
        };
        assert_eq!(
            standing(still_to_come_ms(&PLAN, &st, clock.now()), left(&clock)),
            Standing::OnSchedule
        );
        // Item 1 runs 4 minutes over: 4 behind.
        clock.advance_secs(14 * 60);
        assert_eq!(
            standing(still_to_come_ms(&PLAN, &st, clock.now()), left(&clock)),
            Standing::Behind(4)
        );
    }

    #[test]
    fn slot_warnings_at_ten_and_five_minutes() {
        assert_eq!(slot_warning(30 * MIN), SlotWarning::None);
        assert_eq!(slot_warning(10 * MIN + 1), SlotWarning::None);
        assert_eq!(slot_warning(10 * MIN), SlotWarning::Ten);
        assert_eq!(slot_warning(5 * MIN + 1), SlotWarning::Ten);
        assert_eq!(slot_warning(5 * MIN), SlotWarning::Five);
        assert_eq!(slot_warning(1), SlotWarning::Five);
        assert_eq!(slot_warning(0), SlotWarning::Over);
        // Through the clock: a 60-minute slot from 19:30.
        let clock = FakeClock::at_seed();
        let st = running(&clock, 0, 0);
        let start = NaiveTime::from_hms_opt(19, 30, 0);
        clock.advance_secs(50 * 60);
        let Phase::Running { left_ms } = phase(DAY, start, AMS, 60, &st, clock.now()) else {
            panic!()
        };
        assert_eq!(slot_warning(left_ms), SlotWarning::Ten);
        clock.advance_secs(5 * 60);
        let Phase::Running { left_ms } = phase(DAY, start, AMS, 60, &st, clock.now()) else {
            panic!()
        };
        assert_eq!(slot_warning(left_ms), SlotWarning::Five);
    }

    #[test]
    fn without_a_slot_the_time_runs_from_the_opening() {
        let clock = FakeClock::at_seed();
        clock.advance_secs(5 * 60);
        let st = running(&clock, 0, 0);
        clock.advance_secs(60);
        assert_eq!(
            phase(DAY, None, AMS, 60, &st, clock.now()),
            Phase::Running { left_ms: 59 * MIN }
        );
        // Opened five minutes late: the slot still ends at 20:30.
        let slot = NaiveTime::from_hms_opt(19, 30, 0);
        assert_eq!(
            phase(DAY, slot, AMS, 60, &st, clock.now()),
            Phase::Running { left_ms: 54 * MIN }
        );
        // Held on another day, or hours before its slot: from the opening.
        let other = NaiveDate::from_ymd_opt(2023, 3, 9).unwrap();
        assert_eq!(
            phase(other, slot, AMS, 60, &st, clock.now()),
            Phase::Running { left_ms: 59 * MIN }
        );
        let evening = NaiveTime::from_hms_opt(22, 0, 0);
        assert_eq!(
            phase(DAY, evening, AMS, 60, &st, clock.now()),
            Phase::Running { left_ms: 59 * MIN }
        );
    }

    #[test]
    fn the_slot_is_on_the_councils_wall_clock_whatever_the_journals_offset() {
        // Opened at 19:35 Amsterdam, written by a machine in UTC (18:35Z).
        let clock = FakeClock::new(crate::clock::parse_ts("2023-03-08T18:35:00.000+00:00"));
        let st = running(&clock, 0, 0);
        let slot = NaiveTime::from_hms_opt(19, 30, 0);
        // The slot 19:30-20:30 Amsterdam: 55 minutes left.
        assert_eq!(
            phase(DAY, slot, AMS, 60, &st, clock.now()),
            Phase::Running { left_ms: 55 * MIN }
        );
        // The same instant for a council in New York is hours from its
        // 19:30: the hour counts from the opening.
        assert_eq!(
            phase(
                DAY,
                slot,
                chrono_tz::America::New_York,
                60,
                &st,
                clock.now()
            ),
            Phase::Running { left_ms: 60 * MIN }
        );
    }

    #[test]
    fn closed_says_how_long_it_took() {
        let clock = FakeClock::at_seed();
        let mut st = running(&clock, 0, 0);
        let o = clock.now();
        clock.advance_secs(48 * 60 + 40);
        st.closed_at = Some(clock.now());
        clock.advance_secs(600);
        assert_eq!(
            phase(DAY, None, AMS, 60, &st, clock.now()),
            Phase::Closed {
                used_ms: 48 * MIN + 40_000,
                planned_ms: 60 * MIN,
                at: o + Duration::seconds(48 * 60 + 40),
            }
        );
        assert_eq!(
            phase(DAY, None, AMS, 60, &State::default(), o),
            Phase::NotOpen
        );
    }

    #[test]
    fn a_recess_with_an_end_then_over_it() {
        let clock = FakeClock::at_seed();
        let mut st = running(&clock, 0, 0);
        let start = clock.now();
        st.recesses.push(Interval { start, end: None });
        assert_eq!(recess(&st, start), Some(Recess::Open { ms: 0 }));
        let until = start + Duration::minutes(5);
        st.recess_plans.insert(st.recesses.len() - 1, 5);
        clock.advance_secs(108);
        assert_eq!(
            recess(&st, clock.now()),
            Some(Recess::Until {
                until,
                left_ms: 192_000
            })
        );
        clock.advance_secs(192 + 192);
        assert_eq!(
            recess(&st, clock.now()),
            Some(Recess::Resume {
                until,
                over_ms: 192_000
            })
        );
        st.recesses[0].end = Some(clock.now());
        assert_eq!(recess(&st, clock.now()), None);
    }
}

#[cfg(test)]
mod session_clock_tests {
    use super::*;

    #[test]
    fn minutes_until_the_last_ten_then_seconds() {
        assert!(!session_shows_seconds(43 * MIN + 25_000));
        assert!(!session_shows_seconds(10 * MIN + 1));
        assert!(session_shows_seconds(10 * MIN));
        assert!(session_shows_seconds(-5_000));
        // "44 min" until 43:00 is left, then "43 min".
        assert_eq!(session_minutes(43 * MIN + 25_300), 44);
        assert_eq!(session_minutes(43 * MIN), 43);
        assert_eq!(session_minutes(43 * MIN - 1), 43);
        assert_eq!(session_next_change_ms(43 * MIN + 25_300), 25_300);
        assert_eq!(session_next_change_ms(43 * MIN), MIN);
        // 10:00.2 left: the clock turns to seconds in 200 ms.
        assert_eq!(session_next_change_ms(10 * MIN + 200), 200);
        assert_eq!(session_next_change_ms(9 * MIN + 30_250), 250);
        assert_eq!(session_next_change_ms(-1_300), 700);
    }
}
