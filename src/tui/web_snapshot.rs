//! The room's display for a browser (`hamer run --serve`): what
//! [`super::display::Display::shown`] shows, as one line of JSON the page
//! `assets/web/display.html` draws.
//!
//! The page counts the seconds itself between two snapshots, so the JSON
//! carries anchors, not rendered seconds: a running timer's value at
//! `now_ms` and whether it runs; the page adds the time since `now_ms` (on
//! the server's clock) and renders as `display` does
//! ([`super::view::countdown`], [`super::view::elapsed`],
//! [`crate::meeting::Speech::level`]). Every word the page
//! shows comes from here, in the chosen language; the words of a state
//! that changes with time come for each level, with `{over}` or `{time}`
//! left for the page to fill.

use serde::Serialize;

use super::describe;
use super::view::level_words;
use crate::clock::Ts;
use crate::i18n::Lang;
use crate::meeting::{Level, Speech, State, Thresholds};
use crate::session::SessionPlan;

/// The format of the snapshot; raised when a field changes meaning.
pub const VERSION: u32 = 1;

/// What the big digits show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Before the opening: `text.waiting`, no digits.
    Waiting,
    /// After the closing: `text.closed`, no digits.
    Closed,
    /// A speech or an interruption: `speech`.
    Speech,
    /// A recess: `recess`.
    Recess,
    /// Open, nobody speaks: the session's time left, `session`.
    Session,
}

#[derive(Debug, Serialize)]
pub struct Snapshot {
    pub v: u32,
    /// `nl` or `en`, for `<html lang>`.
    pub lang: &'static str,
    /// The server's clock when this was made, ms since the Unix epoch.
    pub now_ms: i64,
    /// The server's offset from UTC, for the wall clock (HH:MM).
    pub utc_offset_ms: i64,
    pub mode: Mode,
    /// The session's title.
    pub title: String,
    /// The current agenda item, empty when none.
    pub item: String,
    /// Who speaks (or interrupts); empty when nobody does.
    pub who: String,
    /// Their faction's full name, organisation or role; for an
    /// interruption "interruptie · ...".
    pub affiliation: String,
    /// The active speech is an interruption.
    pub interruption: bool,
    /// In [`Mode::Speech`] (and held in a recess, for the record).
    pub speech: Option<SpeechAnchor>,
    /// Once opened: the session clock.
    pub session: Option<SessionAnchor>,
    /// In [`Mode::Recess`].
    pub recess: Option<RecessAnchor>,
    pub text: Texts,
}

/// The active speech's timer.
#[derive(Debug, Serialize)]
pub struct SpeechAnchor {
    /// Time spoken at `now_ms`.
    pub elapsed_ms: i64,
    /// Counting (not paused, not held).
    pub running: bool,
    /// The limit with the chair's adjustments; `null`: none (count up).
    pub limit_ms: Option<i64>,
    /// The "one minute" warning when this limit gets it (left <= this);
    /// `null`: not for this limit.
    pub first_ms: Option<i64>,
    /// The "30 seconds" warning when this limit gets it; `null`: not.
    pub final_ms: Option<i64>,
    pub paused: bool,
    /// The state's words for each level.
    pub words: LevelWords,
}

/// A speech's state in words at each level.
#[derive(Debug, Serialize)]
pub struct LevelWords {
    pub normal: String,
    pub first: String,
    #[serde(rename = "final")]
    pub final_: String,
    /// With `{over}` for the overtime as shown ("+0:12").
    pub over: String,
}

/// The session clock: what is left until the slot ends.
#[derive(Debug, Serialize)]
pub struct SessionAnchor {
    /// At `now_ms`; negative: over.
    pub left_ms: i64,
    /// Counts down (open); closed: stands still (and is not shown).
    pub running: bool,
}

/// A recess.
#[derive(Debug, Serialize)]
pub struct RecessAnchor {
    /// When it began, ms since the epoch.
    pub started_ms: i64,
    /// When it is set to end; `null`: open-ended.
    pub until_ms: Option<i64>,
    /// The words while time is left, with `{time}` (the countdown).
    pub words_until: Option<String>,
    /// The words past the set end, with `{time}` ("+0:12").
    pub words_over: Option<String>,
    /// The words of an open-ended recess, with `{time}` (how long).
    pub words_lasts: Option<String>,
}

/// Fixed words in the chosen language.
#[derive(Debug, Serialize)]
pub struct Texts {
    pub waiting: String,
    pub closed: String,
    /// The word under the session's time when nobody speaks.
    pub session: String,
    /// The bottom line, with `{time}`.
    pub session_left: String,
    /// The notice while the connection is lost.
    pub link_lost: String,
}

/// The room's display at `now` as one line of JSON.
pub fn snapshot(
    plan: &SessionPlan,
    st: &State,
    thresholds: Thresholds,
    now: Ts,
    lang: Lang,
) -> String {
    serde_json::to_string(&build(plan, st, thresholds, now, lang))
        .expect("a snapshot is plain data")
}

/// The snapshot before it is written as JSON.
pub fn build(
    plan: &SessionPlan,
    st: &State,
    thresholds: Thresholds,
    now: Ts,
    lang: Lang,
) -> Snapshot {
    let keep_time = [("time", &"{time}" as &dyn std::fmt::Display)];
    let text = Texts {
        waiting: lang.text("display.waiting").to_owned(),
        closed: lang.text("display.closed").to_owned(),
        session: lang.text("display.session").to_owned(),
        session_left: lang.fill("display.session_left", &keep_time),
        link_lost: lang.text("display.web.link_lost").to_owned(),
    };
    let item = st.current_item.map_or_else(String::new, |i| {
        plan.session
            .agenda
            .get(i)
            .map_or_else(|| format!("#{}", i + 1), |it| it.title.clone())
    });
    let session =
        crate::meeting::schedule::session_left_ms(plan, st, now).map(|left_ms| SessionAnchor {
            left_ms,
            running: st.closed_at.is_none(),
        });
    let recess = (st.in_recess() && st.closed_at.is_none())
        .then(|| recess(st, plan.time_zone, lang))
        .flatten();
    let active = st.active_speech();
    let interruption = st.interruption.is_some() && active.is_some();
    let (who, affiliation) = match active {
        Some(s) if interruption => super::display::interrupter(&s.speaker, plan, lang),
        Some(s) => (
            describe::name(&s.speaker, plan),
            describe::who(&s.speaker, lang, plan),
        ),
        None => (String::new(), String::new()),
    };
    // The same order as `Display::shown`: closed, recess, speech, session.
    let mode = if st.closed_at.is_some() {
        Mode::Closed
    } else if recess.is_some() {
        Mode::Recess
    } else if active.is_some() {
        Mode::Speech
    } else if session.is_some() {
        Mode::Session
    } else {
        Mode::Waiting
    };
    let (who, affiliation) = if mode == Mode::Speech {
        (who, affiliation)
    } else {
        (String::new(), String::new())
    };
    let speech = active
        .filter(|_| st.closed_at.is_none())
        .map(|s| speech_anchor(s, interruption, now, thresholds, lang));
    Snapshot {
        v: VERSION,
        lang: match lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        },
        now_ms: now.timestamp_millis(),
        // The council's wall clock, not the machine's: the page's clock
        // shows the time in the council's zone.
        utc_offset_ms: i64::from(plan.local(now).offset().local_minus_utc()) * 1000,
        mode,
        title: plan.session.title.clone(),
        item,
        who,
        affiliation,
        interruption: interruption && mode == Mode::Speech,
        speech,
        session,
        recess,
        text,
    }
}

fn speech_anchor(
    s: &Speech,
    interruption: bool,
    now: Ts,
    t: Thresholds,
    lang: Lang,
) -> SpeechAnchor {
    let limit_ms = s.limit_total_ms();
    // Which warnings this limit gets: as `Speech::level` decides.
    let limit = limit_ms.unwrap_or(0);
    let first_ms = limit_ms
        .filter(|_| 2 * limit > 3 * t.first_ms)
        .map(|_| t.first_ms);
    let final_ms = limit_ms
        .filter(|_| 2 * limit >= 3 * t.final_ms)
        .map(|_| t.final_ms);
    let words = |level: Level| {
        let state = level_words(s, level, "{over}", t, lang);
        // As `Display::shown` words an interruption.
        let label = lang.text("display.interruption");
        if !interruption {
            state
        } else if state == lang.text("ui.state.speaking") {
            label.to_owned()
        } else {
            format!("{label} · {state}")
        }
    };
    SpeechAnchor {
        elapsed_ms: s.elapsed_ms(now),
        running: s.is_running(),
        limit_ms,
        first_ms,
        final_ms,
        paused: s.paused,
        words: LevelWords {
            normal: words(Level::Normal),
            first: words(Level::First),
            final_: words(Level::Final),
            over: words(Level::Over),
        },
    }
}

fn recess(st: &State, zone: chrono_tz::Tz, lang: Lang) -> Option<RecessAnchor> {
    let r = st.recesses.last()?;
    let keep_time = ("time", &"{time}" as &dyn std::fmt::Display);
    let until = st.recess_until();
    let (words_until, words_over, words_lasts) = match until {
        Some(until) => {
            let at = crate::clock::in_zone(until, zone)
                .format("%H:%M")
                .to_string();
            let at = ("at", &at as &dyn std::fmt::Display);
            (
                Some(lang.fill("display.recess_until", &[at, keep_time])),
                Some(lang.fill("display.recess_over", &[at, keep_time])),
                None,
            )
        }
        None => (
            None,
            None,
            Some(lang.fill("display.recess_lasts", &[keep_time])),
        ),
    };
    Some(RecessAnchor {
        started_ms: r.start.timestamp_millis(),
        until_ms: until.map(|u| u.timestamp_millis()),
        words_until,
        words_over,
        words_lasts,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::Value;

    use super::*;
    use crate::clock::{Clock, FakeClock};
    use crate::follow::Follower;
    use crate::meeting::{Action, Meeting, OpenOptions, SpeechKind};
    use crate::session::load_session;
    use crate::tui::display::Display;
    use crate::tui::view::Theme;

    const SEED: &str = "2023-03-08-datagedreven-sturing.ron";
    const PAGE: &str = include_str!("../../assets/web/display.html");

    struct T {
        _dir: tempfile::TempDir,
        clock: FakeClock,
        meeting: Meeting<FakeClock>,
    }

    /// The seed session in a scratch folder, at its 19:30 on a fake clock.
    fn new() -> T {
        new_on(FakeClock::at_seed())
    }

    /// The same on `clock`.
    fn new_on(clock: FakeClock) -> T {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
        for f in [SEED, "hengelo-2022-2026.ron"] {
            std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
        }
        let session = dir.path().join(SEED);
        let plan = load_session(&session).unwrap().value;
        let bytes = std::fs::read(&session).unwrap();
        let options = OpenOptions {
            journal: None,
            fresh: false,
            data_dir: None,
        };
        let (meeting, _) = Meeting::open(plan, &bytes, clock.clone(), &options).unwrap();
        T {
            _dir: dir,
            clock,
            meeting,
        }
    }

    fn faction(code: &str) -> Speaker {
        Speaker::Faction {
            faction: code.into(),
            name: None,
        }
    }

    use crate::meeting::Speaker;

    impl T {
        fn act(&mut self, a: Action) {
            self.meeting.act(a).unwrap();
        }
        fn secs(&self, s: i64) {
            self.clock.advance_secs(s);
        }
        fn json(&self, lang: Lang) -> Value {
            let s = snapshot(
                self.meeting.plan(),
                self.meeting.state(),
                Thresholds::default(),
                self.clock.now(),
                lang,
            );
            assert!(!s.contains('\n'), "one line for an SSE data field");
            serde_json::from_str(&s).unwrap()
        }
        /// What `hamer display` shows `later_ms` from now, with no event
        /// in between.
        fn shown(&self, later_ms: i64, lang: Lang) -> Shown {
            let mut follower = Follower::new(Path::new("/nonexistent/journal"));
            follower.state = self.meeting.state().clone();
            let now = self.clock.now() + chrono::Duration::milliseconds(later_ms);
            let d = Display {
                follower: &follower,
                plan: self.meeting.plan(),
                thresholds: Thresholds::default(),
                lang,
                now,
                theme: Theme { color: false },
            };
            let s = d.shown();
            Shown {
                time: s.time,
                words: s.words,
                level: level_name(s.level).to_owned(),
                who: s.who,
                affiliation: s.affiliation,
                item: s.item,
                session: s.session,
                clock: s.clock,
            }
        }
        /// The page and the display agree at each of these moments after
        /// the snapshot was made.
        fn agree(&self, lang: Lang, laters: &[i64]) -> Value {
            let v = self.json(lang);
            let made = v["now_ms"].as_i64().unwrap();
            for &later in laters {
                assert_eq!(
                    page(&v, made + later),
                    self.shown(later, lang),
                    "{later} ms after the snapshot: {v}"
                );
            }
            v
        }
    }

    /// The fields both show (`Display`'s `big` lines are its own layout).
    #[derive(Debug, PartialEq, Eq)]
    struct Shown {
        time: String,
        words: String,
        level: String,
        who: String,
        affiliation: String,
        item: String,
        session: String,
        clock: String,
    }

    fn level_name(l: Level) -> &'static str {
        match l {
            Level::Normal => "normal",
            Level::First => "first",
            Level::Final => "final",
            Level::Over => "over",
        }
    }

    // What assets/web/display.html computes, step by step the same, so a
    // snapshot's anchors are checked against `Display::shown`.

    fn mmss(secs: i64) -> String {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
    fn countdown(ms: i64) -> String {
        if ms > 0 {
            mmss((ms + 999).div_euclid(1000))
        } else {
            format!("+{}", mmss((-ms).div_euclid(1000)))
        }
    }
    fn elapsed(ms: i64) -> String {
        mmss(ms.max(0).div_euclid(1000))
    }
    fn fill(template: &Value, key: &str, with: &str) -> String {
        template
            .as_str()
            .unwrap()
            .replace(&format!("{{{key}}}"), with)
    }
    fn page(v: &Value, at: i64) -> Shown {
        let since = (at - v["now_ms"].as_i64().unwrap()).max(0);
        let off = v["utc_offset_ms"].as_i64().unwrap();
        let clock = chrono::DateTime::from_timestamp_millis(at + off)
            .unwrap()
            .format("%H:%M")
            .to_string();
        let session_left = v["session"].as_object().map(|s| {
            let left = s["left_ms"].as_i64().unwrap();
            if s["running"].as_bool().unwrap() {
                left - since
            } else {
                left
            }
        });
        let text = &v["text"];
        let mode = v["mode"].as_str().unwrap();
        let mut out = Shown {
            time: String::new(),
            words: String::new(),
            level: "normal".into(),
            who: v["who"].as_str().unwrap().into(),
            affiliation: v["affiliation"].as_str().unwrap().into(),
            item: v["item"].as_str().unwrap().into(),
            session: match session_left {
                Some(l) if mode != "closed" => fill(&text["session_left"], "time", &countdown(l)),
                _ => String::new(),
            },
            clock,
        };
        match mode {
            "waiting" => out.words = text["waiting"].as_str().unwrap().into(),
            "closed" => out.words = text["closed"].as_str().unwrap().into(),
            "session" => {
                let l = session_left.unwrap();
                out.time = countdown(l);
                out.words = text["session"].as_str().unwrap().into();
                out.level = if l <= 0 { "over" } else { "normal" }.into();
                out.session = String::new();
            }
            "recess" => {
                let r = &v["recess"];
                match r["until_ms"].as_i64() {
                    Some(until) => {
                        let left = until - at;
                        out.time = countdown(left);
                        let (words, level) = if left > 0 {
                            (&r["words_until"], "first")
                        } else {
                            (&r["words_over"], "over")
                        };
                        out.words = fill(words, "time", &out.time);
                        out.level = level.into();
                    }
                    None => {
                        out.time = elapsed(at - r["started_ms"].as_i64().unwrap());
                        out.words = fill(&r["words_lasts"], "time", &out.time);
                        out.level = "first".into();
                    }
                }
            }
            "speech" => {
                let s = &v["speech"];
                let run = if s["running"].as_bool().unwrap() {
                    since
                } else {
                    0
                };
                let e = s["elapsed_ms"].as_i64().unwrap() + run;
                let level = match s["limit_ms"].as_i64() {
                    None => {
                        out.time = elapsed(e);
                        "normal"
                    }
                    Some(limit) => {
                        let r = limit - e;
                        out.time = countdown(r);
                        let within = |k: &str| s[k].as_i64().is_some_and(|w| r <= w);
                        if r <= 0 {
                            "over"
                        } else if within("final_ms") {
                            "final"
                        } else if within("first_ms") {
                            "first"
                        } else {
                            "normal"
                        }
                    }
                };
                out.words = fill(&s["words"][level], "over", &out.time);
                out.level = level.into();
            }
            other => panic!("mode {other}"),
        }
        out
    }

    #[test]
    fn before_the_opening_it_waits() {
        let t = new();
        let v = t.agree(Lang::Nl, &[0, 1_000, 61_000]);
        assert_eq!(v["v"], 1);
        assert_eq!(v["mode"], "waiting");
        assert_eq!(v["lang"], "nl");
        assert_eq!(v["text"]["waiting"], "Wachten op de sessie…");
        assert!(v["session"].is_null() && v["speech"].is_null() && v["recess"].is_null());
        assert_eq!(v["utc_offset_ms"], 3_600_000);
        assert_eq!(v["now_ms"].as_i64(), Some(t.clock.now().timestamp_millis()));
    }

    #[test]
    fn a_speaker_near_the_limit_steps_through_the_warnings_as_the_display_does() {
        let mut t = new();
        t.act(Action::GotoItem(3)); // three minutes a speaker
        t.act(Action::Queue(faction("VVD")));
        t.act(Action::StartNext);
        t.clock.advance_ms(144_600); // 35.4 s left
        let v = t.agree(
            Lang::Nl,
            &[
                0, 399, 400, 401, 999, 5_399, 5_400, 5_401, 35_399, 35_400, 35_401, 36_400, 47_400,
                47_401, 125_000,
            ],
        );
        assert_eq!(v["mode"], "speech");
        let s = &v["speech"];
        assert_eq!(s["elapsed_ms"], 144_600);
        assert_eq!(s["running"], true);
        assert_eq!(s["limit_ms"], 180_000);
        assert_eq!(s["first_ms"], 60_000);
        assert_eq!(s["final_ms"], 30_000);
        assert_eq!(s["words"]["normal"], "SPREEKT");
        assert_eq!(s["words"]["first"], "NOG 1 MINUUT");
        assert_eq!(s["words"]["final"], "NOG 30 SEC");
        assert_eq!(s["words"]["over"], "TIJD OM {over}");
        assert_eq!(v["item"], "Eerste termijn fracties");
        assert_eq!(v["interruption"], false);
        let shown = t.shown(0, Lang::Nl);
        assert_eq!(
            (shown.time.as_str(), shown.level.as_str()),
            ("0:36", "first")
        );
        assert_eq!(v["who"], shown.who);
        assert!(!shown.who.is_empty() && !shown.affiliation.is_empty());
        // Thirteen seconds over, as the page shows it.
        let over = page(&v, v["now_ms"].as_i64().unwrap() + 47_400);
        assert_eq!(over.time, "+0:12");
        assert_eq!(over.words, "TIJD OM +0:12");
    }

    #[test]
    fn a_paused_speech_stands_still() {
        let mut t = new();
        t.act(Action::GotoItem(3));
        t.act(Action::Start(faction("SP"), SpeechKind::Contribution));
        t.clock.advance_ms(100_250);
        t.act(Action::TogglePause);
        let v = t.agree(Lang::Nl, &[0, 750, 60_000, 600_000]);
        assert_eq!(v["speech"]["running"], false);
        assert_eq!(v["speech"]["paused"], true);
        assert_eq!(v["speech"]["words"]["normal"], "PAUZE · SPREEKT");
        assert_eq!(v["speech"]["words"]["first"], "PAUZE · NOG 1 MINUUT");
        let at = page(&v, v["now_ms"].as_i64().unwrap() + 600_000);
        assert_eq!((at.time.as_str(), at.level.as_str()), ("1:20", "normal"));
        // The session's clock goes on meanwhile.
        assert_ne!(page(&v, v["now_ms"].as_i64().unwrap()).session, at.session);
    }

    #[test]
    fn over_time_counts_up_and_a_short_turn_gets_only_the_last_warning() {
        let mut t = new();
        t.act(Action::GotoItem(5)); // one minute a speaker
        t.act(Action::Start(faction("CDA"), SpeechKind::Contribution));
        t.clock.advance_ms(20_000);
        let v = t.agree(
            Lang::Nl,
            &[0, 9_999, 10_000, 10_001, 39_999, 40_000, 52_000],
        );
        assert_eq!(v["speech"]["limit_ms"], 60_000);
        assert!(v["speech"]["first_ms"].is_null(), "a one-minute turn");
        assert_eq!(v["speech"]["final_ms"], 30_000);
        t.clock.advance_ms(72_300);
        let v = t.agree(Lang::En, &[0, 700, 701, 10_000]);
        assert_eq!(v["lang"], "en");
        let now = page(&v, v["now_ms"].as_i64().unwrap());
        assert_eq!(now.level, "over");
        assert_eq!(now.time, "+0:32");
        assert_eq!(now.words, t.shown(0, Lang::En).words);
        // The chair adds time: a new snapshot, a new limit.
        t.act(Action::AdjustLimit(60));
        let v = t.agree(Lang::Nl, &[0, 27_000, 28_000]);
        assert_eq!(v["speech"]["limit_ms"], 120_000);
        assert_eq!(v["speech"]["first_ms"], 60_000, "120 s is over 90 s");
    }

    #[test]
    fn an_interruption_shows_who_interrupts_and_holds_the_speaker() {
        let mut t = new();
        t.act(Action::GotoItem(3));
        t.act(Action::Start(faction("VVD"), SpeechKind::Contribution));
        t.secs(40);
        t.act(Action::Interrupt(faction("SP")));
        t.clock.advance_ms(3_300);
        let v = t.agree(Lang::Nl, &[0, 700, 1_700, 60_000]);
        assert_eq!(v["interruption"], true);
        assert_eq!(v["affiliation"], "interruptie · namens de fractie");
        let sp = describe::faction_name("SP", t.meeting.plan());
        assert_eq!(v["who"], sp);
        assert_eq!(v["speech"]["elapsed_ms"], 3_300);
        let words = &v["speech"]["words"];
        assert_eq!(words["normal"], "INTERRUPTIE");
        let shown = t.shown(0, Lang::Nl);
        assert_eq!(shown.words, page(&v, v["now_ms"].as_i64().unwrap()).words);
        t.act(Action::TogglePause);
        let v = t.agree(Lang::En, &[0, 5_000]);
        assert_eq!(
            v["speech"]["words"]["normal"],
            "INTERRUPTION · PAUSED · SPEAKING"
        );
    }

    #[test]
    fn a_recess_with_an_end_counts_down_to_it_then_past_it() {
        let mut t = new();
        t.act(Action::GotoItem(3));
        t.act(Action::Start(faction("VVD"), SpeechKind::Contribution));
        t.clock.advance_ms(10_500);
        t.act(Action::Recess(Some(5)));
        t.clock.advance_ms(1_200);
        let v = t.agree(
            Lang::Nl,
            &[
                0, 799, 800, 801, 298_799, 298_800, 298_801, 310_800, 400_000,
            ],
        );
        assert_eq!(v["mode"], "recess");
        let r = &v["recess"];
        let started = r["started_ms"].as_i64().unwrap();
        assert_eq!(r["until_ms"].as_i64(), Some(started + 300_000));
        assert_eq!(r["words_until"], "SCHORSING · hervat om 19:35 (nog {time})");
        assert_eq!(r["words_over"], "SCHORSING · hervatten · {time} na 19:35");
        assert!(r["words_lasts"].is_null());
        assert_eq!(
            v["who"], "",
            "the display shows the recess, not the held speaker"
        );
        assert_eq!(v["speech"]["running"], false, "held");
        let now = v["now_ms"].as_i64().unwrap();
        assert_eq!(page(&v, now).time, "4:59");
        assert_eq!(page(&v, now + 310_800).time, "+0:12");
        assert_eq!(page(&v, now + 310_800).level, "over");
    }

    #[test]
    fn a_machine_in_utc_shows_the_councils_wall_clock() {
        // 19:30 in Amsterdam, on a clock (and a journal) in UTC.
        let mut t = new_on(FakeClock::new(crate::clock::parse_ts(
            "2023-03-08T18:30:00.000+00:00",
        )));
        t.act(Action::GotoItem(3));
        t.act(Action::Recess(Some(5)));
        let v = t.agree(Lang::Nl, &[0, 60_000]);
        assert_eq!(v["utc_offset_ms"], 3_600_000);
        assert_eq!(page(&v, v["now_ms"].as_i64().unwrap()).clock, "19:30");
        assert_eq!(
            v["recess"]["words_until"],
            "SCHORSING · hervat om 19:35 (nog {time})"
        );
    }

    #[test]
    fn an_open_recess_counts_how_long_it_lasts() {
        let mut t = new();
        t.act(Action::Open);
        t.act(Action::Recess(None));
        t.clock.advance_ms(65_432);
        let v = t.agree(Lang::En, &[0, 567, 568, 3_600_000]);
        assert!(v["recess"]["until_ms"].is_null());
        assert_eq!(v["recess"]["words_lasts"], "RECESS · for {time}");
        assert_eq!(page(&v, v["now_ms"].as_i64().unwrap()).time, "1:05");
    }

    #[test]
    fn nobody_speaking_shows_the_session_time_left() {
        let mut t = new();
        t.act(Action::Open);
        t.clock.advance_ms(754);
        let v = t.agree(Lang::Nl, &[0, 245, 246, 3_599_245, 3_599_246, 3_612_246]);
        assert_eq!(v["mode"], "session");
        assert_eq!(v["session"]["running"], true);
        // Opened at the slot's start: the slot ends at 20:30.
        assert_eq!(v["session"]["left_ms"], 3_600_000 - 754);
        assert_eq!(v["text"]["session"], "SESSIETIJD");
        assert_eq!(v["text"]["session_left"], "sessie nog {time}");
        assert_eq!(v["item"], "Opening");
    }

    #[test]
    fn a_closed_session_says_so_and_nothing_counts() {
        let mut t = new();
        t.act(Action::GotoItem(3));
        t.act(Action::Start(faction("VVD"), SpeechKind::Contribution));
        t.secs(100);
        t.act(Action::Close);
        t.secs(5);
        let v = t.agree(Lang::Nl, &[0, 1_000, 100_000]);
        assert_eq!(v["mode"], "closed");
        assert_eq!(v["text"]["closed"], "SESSIE GESLOTEN");
        assert_eq!(v["session"]["running"], false);
        assert!(v["speech"].is_null());
        assert_eq!(v["who"], "");
        assert_eq!(v["text"]["link_lost"], "verbinding weg · opnieuw verbinden");
    }

    // The page itself.

    fn script() -> &'static str {
        let start = PAGE.find("<script>").expect("an inline script");
        let end = PAGE.rfind("</script>").unwrap();
        &PAGE[start..end]
    }

    #[test]
    fn the_page_is_self_contained() {
        let lower = PAGE.to_lowercase();
        for banned in [
            "http://",
            "https://",
            "//cdn",
            "src=",
            "innerhtml",
            "outerhtml",
            "insertadjacenthtml",
            "document.write",
            "@import",
            "url(",
            "eval(",
            "<link",
            "<iframe",
        ] {
            assert!(!lower.contains(banned), "the page contains {banned:?}");
        }
        // No inline event handlers (onclick=, onload= ...) in the markup.
        let markup = &lower[..lower.find("<script>").unwrap()];
        let mut rest = markup;
        while let Some(i) = rest.find(" on") {
            let word: String = rest[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            assert!(
                !rest[i + 1 + word.len()..].starts_with('='),
                "an inline handler {word}="
            );
            rest = &rest[i + 3..];
        }
        assert_eq!(lower.matches("<script").count(), 1, "one inline script");
        for id in [
            "time",
            "state",
            "who",
            "affiliation",
            "item",
            "session",
            "clock",
            "link",
        ] {
            assert!(PAGE.contains(&format!("id=\"{id}\"")), "id {id}");
        }
        assert!(PAGE.contains("/api/display?t="));
        assert!(PAGE.contains("textContent"));
    }

    #[test]
    fn the_pages_words_come_from_the_snapshot() {
        let js = script();
        let mut words: Vec<String> = Vec::new();
        for lang in Lang::ALL {
            for key in [
                "display.waiting",
                "display.closed",
                "display.session",
                "display.interruption",
                "display.interruption_by",
                "display.on_behalf",
                "display.resuming",
                "display.web.link_lost",
                "ui.state.speaking",
                "ui.state.paused",
                "ui.state.recess",
                "ui.state.held",
                "ui.state.left_min.one",
            ] {
                words.push(lang.text(key).to_owned());
            }
            for key in [
                "ui.state.over",
                "ui.state.left_sec",
                "display.session_left",
                "display.left",
                "display.resumes_at",
                "display.recess_until",
                "display.recess_over",
                "display.recess_lasts",
            ] {
                // The words around the placeholders; a single word
                // ("nog", "session") may be one of the script's own names,
                // the strings are checked for below.
                for part in lang.text(key).split(['{', '}']).map(str::trim) {
                    let wordy = part.chars().filter(|c| c.is_alphabetic()).count() >= 3;
                    if wordy && part.contains(' ') {
                        words.push(part.to_owned());
                    }
                }
            }
        }
        for w in &words {
            // As the catalogue has them: the script's own names are lower
            // case and English.
            assert!(
                !js.contains(w.as_str()),
                "the page's script says {w:?} itself"
            );
        }
        let lower = js.to_lowercase();
        for w in [
            "nog",
            "tijd",
            "verbinding",
            "sessie",
            "schorsing",
            "spreekt",
            "pauze",
            "interruptie",
            "wachten",
            "hervat",
            "verbinden",
        ] {
            for q in ['\'', '"', '`'] {
                let quoted = format!("{q}{w}");
                assert!(!lower.contains(&quoted), "the script has a string {quoted}");
            }
        }
    }
}
