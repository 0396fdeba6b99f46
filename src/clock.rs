//! Where time comes from. Everything that needs "now" takes a [`Clock`], so
//! tests run a whole session in microseconds with a [`FakeClock`].

use std::sync::Arc;
use std::sync::Mutex;

use chrono::{DateTime, Duration, FixedOffset, Local, SubsecRound, Utc};

/// A wall-clock time with its UTC offset, at millisecond precision.
pub type Ts = DateTime<FixedOffset>;

pub trait Clock: Send + Sync {
    /// The current time, truncated to milliseconds.
    fn now(&self) -> Ts;

    /// How far the system's wall clock is ahead of this clock, in
    /// milliseconds (negative: behind). Zero for clocks that *are* the wall
    /// clock or that are told what time it is.
    fn wall_drift_ms(&self) -> i64 {
        0
    }
}

/// `t` as the wall clock in `zone` shows it: the same instant, with the
/// zone's offset at that instant (so a change to or from summer time shows
/// as the wall clock does). Screens and exports show times through this,
/// never through the machine's `TZ`.
pub fn in_zone(t: Ts, zone: chrono_tz::Tz) -> Ts {
    t.with_timezone(&zone).fixed_offset()
}

/// The wall clock and a clock drifted apart by more than this: say so.
pub const DRIFT_NOTICE_MS: i64 = 2_000;

/// The system clock in the local time zone.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Ts {
        Local::now().fixed_offset().trunc_subsecs(3)
    }
}

/// The clock of a running process: the wall clock when it was made, plus
/// the time that has passed since on a clock that nobody sets. A step of
/// the system clock (an NTP correction, a manual change) neither freezes
/// nor jumps it; a suspend (a laptop lid closed) counts, as the wall clock
/// does. [`Clock::wall_drift_ms`] says how far the wall clock went its own
/// way since.
///
/// The running clock is `CLOCK_BOOTTIME` on Linux and Android (counts
/// suspend), `CLOCK_MONOTONIC` on macOS and iOS (counts sleep there), and
/// [`std::time::Instant`] elsewhere (on Windows `QueryPerformanceCounter`,
/// which counts suspend).
#[derive(Clone, Copy, Debug)]
pub struct RunningClock {
    /// The wall clock at the anchor.
    wall: DateTime<Utc>,
    /// The running clock at the anchor.
    running: Running,
}

impl Default for RunningClock {
    fn default() -> Self {
        Self::new()
    }
}

impl RunningClock {
    /// Anchored to the wall clock now.
    pub fn new() -> Self {
        // Read the running clock first: the wall clock is then read at most
        // a few microseconds later, never earlier.
        let running = Running::now();
        RunningClock {
            wall: Utc::now(),
            running,
        }
    }

    fn utc(&self) -> DateTime<Utc> {
        self.wall + self.running.elapsed()
    }
}

impl Clock for RunningClock {
    fn now(&self) -> Ts {
        // The local offset of this instant, so a change to or from summer
        // time during a session shows as it does on the wall clock.
        self.utc()
            .with_timezone(&Local)
            .fixed_offset()
            .trunc_subsecs(3)
    }

    fn wall_drift_ms(&self) -> i64 {
        let running = self.utc();
        (Utc::now() - running).num_milliseconds()
    }
}

/// Another process's clock, seen from here: this clock plus an offset that
/// is measured, and measured again, while it runs (a clerk's laptop shows
/// the chair's laptop's time, `hamer join`). The offset is shared with what
/// measures it.
#[derive(Clone, Debug)]
pub struct Shifted<C> {
    inner: C,
    offset_ms: Arc<std::sync::atomic::AtomicI64>,
}

impl<C: Clock> Shifted<C> {
    pub fn new(inner: C, offset_ms: Arc<std::sync::atomic::AtomicI64>) -> Self {
        Shifted { inner, offset_ms }
    }
}

impl<C: Clock> Clock for Shifted<C> {
    fn now(&self) -> Ts {
        let offset = self.offset_ms.load(std::sync::atomic::Ordering::Relaxed);
        self.inner.now() + Duration::milliseconds(offset)
    }

    /// The writer's clock is said by the writer; here it is followed.
    fn wall_drift_ms(&self) -> i64 {
        0
    }
}

/// A reading of a clock that ignores changes of the system clock.
#[derive(Clone, Copy, Debug)]
struct Running {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    ns: i128,
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    at: std::time::Instant,
}

impl Running {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    fn now() -> Self {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let id = libc::CLOCK_BOOTTIME;
        #[cfg(target_vendor = "apple")]
        let id = libc::CLOCK_MONOTONIC;
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: writes one timespec that lives on this stack.
        let rc = unsafe { libc::clock_gettime(id, &mut ts) };
        let ns = if rc == 0 {
            i128::from(ts.tv_sec) * 1_000_000_000 + i128::from(ts.tv_nsec)
        } else {
            // Cannot happen for these clocks; a clock that stands still is
            // the least harmful answer.
            0
        };
        Running { ns }
    }

    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    fn elapsed(&self) -> Duration {
        let ns = (Running::now().ns - self.ns).max(0);
        Duration::nanoseconds(i64::try_from(ns).unwrap_or(i64::MAX))
    }

    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    fn now() -> Self {
        Running {
            at: std::time::Instant::now(),
        }
    }

    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    fn elapsed(&self) -> Duration {
        Duration::from_std(self.at.elapsed()).unwrap_or(Duration::MAX)
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

/// A drift between two clocks in whole seconds with its sign: "+3600 s",
/// "-60 s".
pub fn drift_text(ms: i64) -> String {
    let sec = (ms as f64 / 1000.0).round() as i64;
    format!("{sec:+} s")
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
    fn running_clock_follows_the_wall_clock_without_drift() {
        let c = RunningClock::new();
        let a = c.now();
        assert_eq!(a.timestamp_subsec_nanos() % 1_000_000, 0);
        assert!((SystemClock.now() - a).num_milliseconds().abs() < 1_000);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let b = c.now();
        assert!(ms_between(a, b) >= 20, "{a} {b}");
        assert!(c.wall_drift_ms().abs() < 1_000);
        assert_eq!(FakeClock::at_seed().wall_drift_ms(), 0);
    }

    #[test]
    fn system_clock_has_millisecond_precision() {
        let t = SystemClock.now();
        assert_eq!(t.timestamp_subsec_nanos() % 1_000_000, 0);
    }
}
