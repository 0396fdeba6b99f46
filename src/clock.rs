//! Where time comes from. Everything that needs "now" takes a [`Clock`], so
//! tests run a whole session in microseconds with a [`FakeClock`].

use std::sync::Arc;
use std::sync::Mutex;

use chrono::{DateTime, Duration, FixedOffset, Local, SubsecRound};

/// A wall-clock time with its UTC offset, at millisecond precision.
pub type Ts = DateTime<FixedOffset>;

pub trait Clock: Send + Sync {
    /// The current time, truncated to milliseconds.
    fn now(&self) -> Ts;
}

/// The system clock in the local time zone.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Ts {
        Local::now().fixed_offset().trunc_subsecs(3)
    }
}

/// A clock that only moves when told to; clones share the same time.
#[derive(Clone, Debug)]
pub struct FakeClock {
    now: Arc<Mutex<Ts>>,
}

impl FakeClock {
    pub fn new(start: Ts) -> Self {
        FakeClock {
            now: Arc::new(Mutex::new(start.trunc_subsecs(3))),
        }
    }

    /// A fixed, readable start: 2023-03-08 19:30:00 +01:00 (the seed session).
    pub fn at_seed() -> Self {
        Self::new(parse_ts("2023-03-08T19:30:00.000+01:00"))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Ts> {
        // A panic while holding this lock cannot leave a torn value behind.
        self.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.lock();
        *now += by;
    }

    pub fn advance_secs(&self, secs: i64) {
        self.advance(Duration::seconds(secs));
    }

    pub fn advance_ms(&self, ms: i64) {
        self.advance(Duration::milliseconds(ms));
    }

    /// Jump to any time, also backwards (a system clock that was corrected).
    pub fn set(&self, to: Ts) {
        *self.lock() = to.trunc_subsecs(3);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Ts {
        *self.lock()
    }
}

/// Parse an RFC 3339 time; for tests and fixed data.
pub fn parse_ts(s: &str) -> Ts {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|_| DateTime::UNIX_EPOCH.fixed_offset())
}

/// Milliseconds from `a` to `b`, never negative: a clock that jumped
/// backwards yields zero, not a negative duration.
pub fn ms_between(a: Ts, b: Ts) -> i64 {
    (b - a).num_milliseconds().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_clock_moves_only_when_told() {
        let c = FakeClock::at_seed();
        let t0 = c.now();
        assert_eq!(c.now(), t0);
        c.advance_secs(90);
        assert_eq!(ms_between(t0, c.now()), 90_000);
        let shared = c.clone();
        shared.advance_ms(500);
        assert_eq!(ms_between(t0, c.now()), 90_500);
    }

    #[test]
    fn backwards_is_zero() {
        let c = FakeClock::at_seed();
        let t0 = c.now();
        c.advance_secs(-30);
        assert_eq!(ms_between(t0, c.now()), 0);
    }

    #[test]
    fn system_clock_has_millisecond_precision() {
        let t = SystemClock.now();
        assert_eq!(t.timestamp_subsec_nanos() % 1_000_000, 0);
    }
}
