//! Video chapters (issue 16): the session's stream indexed by agenda item
//! and speaker.
//!
//! - [`vtt`]: a WebVTT file with a cue per agenda item ("Opening") and a
//!   cue per speech and interruption ("VVD · Sander Janssen"); item cues
//!   overlap the speech cues inside them, which WebVTT allows.
//! - [`list`]: the plain chapter list video sites read from a video's
//!   description ("0:00 Opening"), one line per agenda item.
//!
//! Times are offsets into the video: from the stream's start when it is
//! known (`--stream-start`), else from the opening of the session. What
//! happened before the stream started is not in the video: a cue that
//! ended before it is dropped, a cue that runs over it starts at 0:00.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveTime, TimeZone};

use super::{SessionRecord, SpeakerKind, SpeechRecord};
use crate::clock::Ts;
use crate::i18n::Lang;
use crate::meeting::SpeechKind;

/// The shortest chapter video sites accept (YouTube: 10 seconds).
pub const MIN_CHAPTER_MS: i64 = 10_000;

/// Parse a `--stream-start` value: a wall-clock time `HH:MM:SS` (or
/// `HH:MM`), 24-hour.
pub fn parse_stream_start(s: &str) -> Result<NaiveTime, String> {
    let t = s.trim();
    NaiveTime::parse_from_str(t, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
        .map_err(|_| format!("`{s}` is not a time of day HH:MM:SS (24-hour, e.g. 19:28:30)"))
}

/// The moment the video begins: the stream's start as a wall-clock time on
/// the session's date, or the opening when no stream start is given.
/// `None` for a session that was never opened (there is nothing to index).
pub fn video_start(record: &SessionRecord, stream_start: Option<NaiveTime>) -> Option<Ts> {
    let opened = record.opened_at?;
    let Some(time) = stream_start else {
        return Some(opened);
    };
    let date = NaiveDate::parse_from_str(record.date.trim(), "%Y-%m-%d")
        .unwrap_or_else(|_| opened.date_naive());
    // time zone: the stream start is local time in the council's zone; until
    // the council's zone (`plan.time_zone`) reaches the record, the
    // opening's own UTC offset stands in for it. Replace this offset with
    // the zone's offset on `date` (chrono-tz) once the record carries it.
    let offset = *opened.offset();
    offset
        .from_local_datetime(&date.and_time(time))
        .single()
        .or(Some(opened))
}

/// One cue or chapter: offsets into the video in milliseconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub id: String,
    pub start_ms: i64,
    pub end_ms: i64,
    pub text: String,
}

/// One line of text: line breaks and other control characters become
/// spaces, runs of spaces one. (Templates use it too.)
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An item's title on one line; `#N` for one without a title.
fn item_label(number: usize, title: &str) -> String {
    let t = one_line(title);
    if t.is_empty() {
        format!("#{number}")
    } else {
        t
    }
}

/// The label of a speech's speaker, as a viewer looks for it: the
/// faction by its full name ("BurgerBelangen · Han Daals"), an
/// inspreker with their salutation, a presenter with their function.
pub fn speaker_label(s: &SpeechRecord, record: &SessionRecord, lang: Lang) -> String {
    let faction_name = |code: &str| record.faction_name(code);
    let name = match one_line(&s.shown_name()) {
        n if n.is_empty() => "—".to_owned(),
        n => n,
    };
    let aff = match s.speaker_kind {
        SpeakerKind::Faction | SpeakerKind::Representative => {
            // An unnamed faction speaker has the faction's code as name.
            if s.speaker == s.affiliation {
                let full = match one_line(&faction_name(&s.affiliation)) {
                    n if n.is_empty() => "—".to_owned(),
                    n => n,
                };
                return label_interruption(s, full, lang);
            }
            one_line(&faction_name(&s.affiliation))
        }
        SpeakerKind::Presenter => one_line(&super::function_and_organisation(
            &s.function,
            &s.affiliation,
        )),
        _ => one_line(&s.affiliation),
    };
    let with_aff = |key: &'static str, key_bare: &'static str| {
        if aff.is_empty() {
            lang.fill(key_bare, &[("name", &name)])
        } else {
            lang.fill(key, &[("name", &name), ("org", &aff)])
        }
    };
    let who = match s.speaker_kind {
        SpeakerKind::Faction if aff.is_empty() => name.clone(),
        SpeakerKind::Faction => lang.fill("vtt.faction", &[("faction", &aff), ("name", &name)]),
        SpeakerKind::Representative => {
            lang.fill("vtt.representative", &[("faction", &aff), ("name", &name)])
        }
        SpeakerKind::Public => with_aff("vtt.public", "vtt.public.bare"),
        SpeakerKind::Presenter => with_aff("vtt.presenter", "vtt.presenter.bare"),
        SpeakerKind::Official => with_aff("vtt.official", "vtt.official.bare"),
        SpeakerKind::College if aff.is_empty() => name.clone(),
        // "Wethouder Freriksen", capitalised like the other labels.
        SpeakerKind::College => {
            let text = format!("{aff} {name}");
            let mut c = text.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        SpeakerKind::Chair => lang.fill("vtt.chair", &[("name", &name)]),
    };
    label_interruption(s, who, lang)
}

/// An interruption's label says so.
fn label_interruption(s: &SpeechRecord, who: String, lang: Lang) -> String {
    if s.kind == SpeechKind::Interruption {
        lang.fill("vtt.interruption", &[("who", &who)])
    } else {
        who
    }
}

/// Offsets of `[start, end)` from `base`, clamped at 0; `None` when
/// nothing of it is left (it ended before the video began, or it has no
/// length).
fn span(base: Ts, start: Ts, end: Ts) -> Option<(i64, i64)> {
    let s = (start - base).num_milliseconds().max(0);
    let e = (end - base).num_milliseconds();
    (e > s).then_some((s, e))
}

/// Where the record ends: the closing, or the export for an open session.
fn record_end(record: &SessionRecord) -> Ts {
    record.closed_at.unwrap_or(record.exported_at)
}

/// Every cue of the WebVTT file, in the order WebVTT asks: by start, an
/// item before the speeches that start with it.
pub fn cues(record: &SessionRecord, lang: Lang, stream_start: Option<NaiveTime>) -> Vec<Cue> {
    let Some(base) = video_start(record, stream_start) else {
        return Vec::new();
    };
    let end_of_record = record_end(record);
    let mut out: Vec<(i64, u8, u64, Cue)> = Vec::new();
    for item in &record.agenda {
        let Some(start) = item.start else { continue };
        let end = item.end.unwrap_or(end_of_record).max(start);
        if let Some((s, e)) = span(base, start, end) {
            out.push((
                s,
                0,
                item.number as u64,
                Cue {
                    id: format!("item-{}", item.number),
                    start_ms: s,
                    end_ms: e,
                    text: item_label(item.number, &item.title),
                },
            ));
        }
    }
    for sp in &record.speeches {
        let end = sp.end.unwrap_or(record.exported_at).max(sp.start);
        if let Some((s, e)) = span(base, sp.start, end) {
            out.push((
                s,
                1,
                sp.id,
                Cue {
                    id: format!("speech-{}", sp.id),
                    start_ms: s,
                    end_ms: e,
                    text: speaker_label(sp, record, lang),
                },
            ));
        }
    }
    out.sort_by_key(|(s, rank, id, _)| (*s, *rank, *id));
    out.into_iter().map(|(_, _, _, c)| c).collect()
}

/// A WebVTT timestamp: `HH:MM:SS.mmm`.
pub fn vtt_time(ms: i64) -> String {
    let ms = ms.max(0);
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Cue text as WebVTT asks: `&`, `<` and `>` escaped (which also keeps
/// `-->` out of it), one line.
pub fn escape(s: &str) -> String {
    one_line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The WebVTT file.
pub fn vtt(record: &SessionRecord, lang: Lang, stream_start: Option<NaiveTime>) -> String {
    let mut out = String::from("WEBVTT\n");
    for c in cues(record, lang, stream_start) {
        let _ = write!(
            out,
            "\n{}\n{} --> {}\n{}\n",
            c.id,
            vtt_time(c.start_ms),
            vtt_time(c.end_ms),
            escape(&c.text)
        );
    }
    out
}

/// The chapters of the list: one per agenda item, from its start to the
/// next chapter, made fit for video sites:
///
/// - the first is at 0:00: the chapter running when the video begins, or,
///   when the first item begins later, the session's title;
/// - ascending, each at least [`MIN_CHAPTER_MS`] long: a chapter shorter
///   than that (to the next one) is dropped, so the one after it takes
///   its place; a dropped first chapter hands 0:00 to the next;
/// - the last chapter runs to the end of the record; when that is shorter
///   than the minimum it is dropped too (the video may run on, but an
///   index entry for a few seconds helps no one).
pub fn chapters(record: &SessionRecord, stream_start: Option<NaiveTime>) -> Vec<Cue> {
    let Some(base) = video_start(record, stream_start) else {
        return Vec::new();
    };
    let end_ms = (record_end(record) - base).num_milliseconds().max(0);
    let mut items: Vec<(i64, usize, String)> = record
        .agenda
        .iter()
        .filter_map(|i| {
            i.start.map(|s| {
                (
                    (s - base).num_milliseconds().max(0),
                    i.number,
                    item_label(i.number, &i.title),
                )
            })
        })
        .collect();
    items.sort_by_key(|(s, n, _)| (*s, *n));
    // Of items at the same offset (also those clamped to 0:00), the last
    // one is the one that runs from there.
    let mut marks: Vec<(i64, String)> = Vec::new();
    for (s, _, title) in items {
        match marks.last_mut() {
            Some(last) if last.0 == s => last.1 = title,
            _ => marks.push((s, title)),
        }
    }
    if marks.first().is_none_or(|m| m.0 > 0) {
        let title = match one_line(&record.title) {
            t if t.is_empty() => "—".to_owned(),
            t => t,
        };
        marks.insert(0, (0, title));
    }
    // Drop chapters shorter than the minimum, first to last.
    let mut i = 0;
    while i < marks.len() {
        let next = marks.get(i + 1).map_or(end_ms, |m| m.0);
        if next - marks[i].0 < MIN_CHAPTER_MS {
            let first = i == 0;
            marks.remove(i);
            if first && let Some(m) = marks.first_mut() {
                m.0 = 0;
            }
            // The previous chapter now runs longer: look at it again.
            i = i.saturating_sub(1);
        } else {
            i += 1;
        }
    }
    let ends: Vec<i64> = marks.iter().skip(1).map(|m| m.0).chain([end_ms]).collect();
    marks
        .into_iter()
        .zip(ends)
        .map(|((s, title), e)| Cue {
            id: String::new(),
            start_ms: s,
            end_ms: e,
            text: if title.is_empty() {
                "—".into()
            } else {
                title
            },
        })
        .collect()
}

/// A chapter time as video sites read it: `M:SS`, or `H:MM:SS` from an
/// hour on.
pub fn chapter_time(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// The chapter list: `0:00 Opening`, a line each.
pub fn list(record: &SessionRecord, stream_start: Option<NaiveTime>) -> String {
    let mut out = String::new();
    for c in chapters(record, stream_start) {
        let _ = writeln!(out, "{} {}", chapter_time(c.start_ms), c.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_ts;
    use crate::export::{ItemRecord, SpeechRecord};
    use chrono::Duration;
    use proptest::prelude::*;

    const OPEN: &str = "2023-03-08T19:30:00+01:00";

    fn at(secs: i64) -> Ts {
        parse_ts(OPEN) + Duration::milliseconds(secs * 1000)
    }

    /// A record with nothing in it but the opening (at `OPEN`), closing
    /// `closed` seconds later.
    fn blank(closed: i64) -> SessionRecord {
        SessionRecord {
            title: "Rekenkameronderzoek".into(),
            next_step: None,
            members_present: Vec::new(),
            factions_absent: Vec::new(),
            municipality: String::new(),
            case_number: String::new(),
            body: String::new(),
            date: "2023-03-08".into(),
            room: String::new(),
            domain: String::new(),
            chairs: Vec::new(),
            clerk: String::new(),
            portfolio_holder: String::new(),
            opened_at: Some(at(0)),
            closed_at: Some(at(closed)),
            recess_seconds: 0,
            college_present: Vec::new(),
            factions_present: Vec::new(),
            factions: Vec::new(),
            agenda: Vec::new(),
            speeches: Vec::new(),
            advice: None,
            advice_requested_by: Vec::new(),
            positions: Vec::new(),
            commitments: Vec::new(),
            motions: Vec::new(),
            action_points: Vec::new(),
            conclusion: String::new(),
            notes: Vec::new(),
            notes_withheld: false,
            planned_recesses: Vec::new(),
            interruptions: Vec::new(),
            clock_steps: Vec::new(),
            exported_at: at(closed),
        }
    }

    fn item(number: usize, title: &str, start: Option<i64>, end: Option<i64>) -> ItemRecord {
        ItemRecord {
            number,
            title: title.into(),
            planned_minutes: 0,
            start: start.map(at),
            end: end.map(at),
            seconds: 0,
            overrun_seconds: 0,
        }
    }

    fn speech(
        id: u64,
        (start, end): (i64, Option<i64>),
        speaker: &str,
        affiliation: &str,
        speaker_kind: SpeakerKind,
        kind: SpeechKind,
    ) -> SpeechRecord {
        SpeechRecord {
            id,
            item: None,
            start: at(start),
            end: end.map(at),
            seconds: 0,
            speaker: speaker.into(),
            affiliation: affiliation.into(),
            speaker_kind,
            kind,
            function: String::new(),
            salutation: String::new(),
        }
    }

    /// A small evening with every kind of speaker.
    fn evening() -> SessionRecord {
        let mut r = blank(3600);
        r.agenda = vec![
            item(1, "Opening", Some(0), Some(60)),
            item(2, "Insprekers & <vragen>", Some(60), Some(600)),
            item(3, "Eerste termijn", Some(600), None),
            item(4, "Niet behandeld", None, None),
        ];
        use SpeakerKind as K;
        use SpeechKind as S;
        r.speeches = vec![
            speech(2, (5, Some(50)), "Ria", "", K::Chair, S::Contribution),
            speech(
                4,
                (70, Some(300)),
                "Jan \"de\" Vries",
                "Wijkraad <Noord>",
                K::Public,
                S::PublicSpeaking,
            ),
            speech(
                6,
                (610, Some(800)),
                "Sander Janssen",
                "VVD",
                K::Faction,
                S::Contribution,
            ),
            speech(7, (700, Some(720)), "SP", "SP", K::Faction, S::Interruption),
            speech(
                9,
                (900, Some(900)),
                "Leeg",
                "CDA",
                K::Faction,
                S::Contribution,
            ),
            speech(
                10,
                (1000, None),
                "Freriksen",
                "wethouder",
                K::College,
                S::Answer,
            ),
        ];
        r
    }

    /// Check a WebVTT file as the spec's parser would read it: the
    /// signature, a blank line, then blocks of an optional identifier, a
    /// timing line and a one-line payload; start times ascending, every
    /// end after its start, no `-->`, `<` or bare `&` in a payload.
    /// The number of cues.
    fn check_vtt(text: &str) -> Result<usize, String> {
        fn ts(s: &str) -> Result<i64, String> {
            let bad = || format!("bad timestamp {s:?}");
            let (hms, ms) = s.split_once('.').ok_or_else(bad)?;
            let parts: Vec<&str> = hms.split(':').collect();
            if parts.len() != 3 || ms.len() != 3 || parts[1].len() != 2 || parts[2].len() != 2 {
                return Err(bad());
            }
            let n = |p: &str| p.parse::<i64>().map_err(|_| bad());
            let (h, m, sec, ms) = (n(parts[0])?, n(parts[1])?, n(parts[2])?, n(ms)?);
            if m > 59 || sec > 59 || parts[0].len() < 2 {
                return Err(bad());
            }
            Ok(((h * 60 + m) * 60 + sec) * 1000 + ms)
        }
        let rest = text.strip_prefix("WEBVTT\n").ok_or("no WEBVTT signature")?;
        if rest.is_empty() {
            return Ok(0);
        }
        let rest = rest
            .strip_prefix('\n')
            .ok_or("no blank line after the header")?;
        if !text.ends_with('\n') {
            return Err("no final line break".into());
        }
        let mut last_start = 0;
        let mut n = 0;
        for block in rest.trim_end_matches('\n').split("\n\n") {
            let mut lines: Vec<&str> = block.lines().collect();
            if lines.first().is_some_and(|l| !l.contains("-->")) {
                lines.remove(0);
            }
            let timing = lines.first().ok_or(format!("no timing in {block:?}"))?;
            let (a, b) = timing
                .split_once(" --> ")
                .ok_or(format!("bad timing {timing:?}"))?;
            let (a, b) = (ts(a)?, ts(b)?);
            if b <= a {
                return Err(format!("end not after start: {timing}"));
            }
            if a < last_start {
                return Err(format!("start before the previous cue's: {timing}"));
            }
            last_start = a;
            let payload = &lines[1..];
            if payload.is_empty() || payload.iter().any(|l| l.trim().is_empty()) {
                return Err(format!("empty payload in {block:?}"));
            }
            for l in payload {
                if l.contains("-->") || l.contains('<') {
                    return Err(format!("bad payload {l:?}"));
                }
                for (i, _) in l.match_indices('&') {
                    let after = &l[i..];
                    if !["&amp;", "&lt;", "&gt;"]
                        .iter()
                        .any(|e| after.starts_with(e))
                    {
                        return Err(format!("bare & in {l:?}"));
                    }
                }
            }
            n += 1;
        }
        Ok(n)
    }

    #[test]
    fn the_vtt_parses_per_spec() {
        let r = evening();
        let text = vtt(&r, Lang::Nl, None);
        // 3 items, 5 speeches (the one of no length left out).
        assert_eq!(check_vtt(&text), Ok(8), "{text}");
        assert!(text.starts_with("WEBVTT\n\nitem-1\n00:00:00.000 --> 00:01:00.000\nOpening\n"));
        assert!(
            text.contains("\nInsprekers &amp; &lt;vragen&gt;\n"),
            "{text}"
        );
        assert!(
            text.contains("Inspreker · Jan \"de\" Vries (Wijkraad &lt;Noord&gt;)"),
            "{text}"
        );
        assert!(text.contains("\nVVD · Sander Janssen\n"), "{text}");
        assert!(text.contains("\nInterruptie · SP\n"), "{text}");
        assert!(text.contains("\nVoorzitter · Ria\n"), "{text}");
        // A running item ends at the closing, a running speech at the export.
        assert!(text.contains("\nWethouder Freriksen\n"), "{text}");
        assert!(
            text.contains("00:10:00.000 --> 01:00:00.000\nEerste termijn"),
            "{text}"
        );
        assert!(!text.contains("Leeg"), "{text}");
        let en = vtt(&r, Lang::En, None);
        assert!(en.contains("\nInterruption · SP\n") && en.contains("Public speaker · Jan"));
    }

    #[test]
    fn the_validator_catches_what_the_spec_forbids() {
        let ok = "WEBVTT\n\na\n00:00:01.000 --> 00:00:02.000\nx\n";
        assert_eq!(check_vtt(ok), Ok(1));
        for bad in [
            "WEBVTT\n\n00:00:02.000 --> 00:00:02.000\nx\n",
            "WEBVTT\n\n00:00:03.000 --> 00:00:04.000\nx\n\n00:00:02.000 --> 00:00:05.000\ny\n",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na & b\n",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<b>\n",
            "WEBVTT\n\n0:00:01.000 --> 00:00:02.000\nx\n",
            "WEBVTT\n00:00:01.000 --> 00:00:02.000\nx\n",
        ] {
            assert!(check_vtt(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_late_stream_drops_what_it_missed_and_starts_the_running_cue_at_zero() {
        let r = evening();
        // The stream began 19:31:10: 70 s after the opening.
        let start = parse_stream_start("19:31:10").unwrap();
        let text = vtt(&r, Lang::Nl, Some(start));
        assert_eq!(check_vtt(&text), Ok(6), "{text}");
        assert!(
            !text.contains("item-1") && !text.contains("Voorzitter"),
            "{text}"
        );
        assert!(
            text.contains("item-2\n00:00:00.000 --> 00:08:50.000\n"),
            "{text}"
        );
        assert!(
            text.contains("speech-4\n00:00:00.000 --> 00:03:50.000\n"),
            "{text}"
        );
        assert_eq!(
            list(&r, Some(start)),
            "0:00 Insprekers & <vragen>\n8:50 Eerste termijn\n"
        );
    }

    #[test]
    fn an_early_stream_shifts_everything_and_opens_with_the_title() {
        let r = evening();
        let start = parse_stream_start("19:25:00").unwrap();
        let text = vtt(&r, Lang::Nl, Some(start));
        assert!(
            text.contains("item-1\n00:05:00.000 --> 00:06:00.000\n"),
            "{text}"
        );
        assert_eq!(
            list(&r, Some(start)),
            "0:00 Rekenkameronderzoek\n5:00 Opening\n6:00 Insprekers & <vragen>\n15:00 Eerste termijn\n"
        );
        // Without a stream start, from the opening.
        assert_eq!(
            list(&r, None),
            "0:00 Opening\n1:00 Insprekers & <vragen>\n10:00 Eerste termijn\n"
        );
    }

    #[test]
    fn short_chapters_give_way_to_the_next() {
        let mut r = blank(4000);
        r.agenda = vec![
            item(1, "Opening", Some(0), Some(4)),
            item(2, "Kort", Some(4), Some(600)),
            item(3, "Heel kort", Some(600), Some(605)),
            item(4, "Lang", Some(605), Some(3990)),
            item(5, "Sluiting", Some(3990), Some(4000)),
        ];
        // Opening (4 s) hands 0:00 to the next; "Heel kort" and the last
        // one (10 s to the end is enough) as they are.
        assert_eq!(list(&r, None), "0:00 Kort\n10:05 Lang\n1:06:30 Sluiting\n");
        r.closed_at = Some(at(3995));
        assert_eq!(list(&r, None), "0:00 Kort\n10:05 Lang\n");
    }

    #[test]
    fn times_and_stream_start_values() {
        assert_eq!(vtt_time(3_723_004), "01:02:03.004");
        assert_eq!(chapter_time(59_999), "0:59");
        assert_eq!(chapter_time(600_000), "10:00");
        assert_eq!(chapter_time(3_723_004), "1:02:03");
        assert_eq!(
            parse_stream_start("19:28:30"),
            Ok(NaiveTime::from_hms_opt(19, 28, 30).unwrap())
        );
        assert_eq!(
            parse_stream_start("7:05"),
            Ok(NaiveTime::from_hms_opt(7, 5, 0).unwrap())
        );
        for bad in ["", "25:00:00", "19:61:00", "half acht", "19:28:30+01:00"] {
            let e = parse_stream_start(bad).unwrap_err();
            assert!(e.contains("HH:MM:SS"), "{e}");
        }
    }

    #[test]
    fn an_unopened_session_has_no_cues() {
        let mut r = blank(0);
        r.opened_at = None;
        r.closed_at = None;
        assert_eq!(vtt(&r, Lang::Nl, None), "WEBVTT\n");
        assert_eq!(list(&r, None), "");
    }

    fn any_record() -> impl Strategy<Value = (SessionRecord, Option<NaiveTime>)> {
        let items = prop::collection::vec(
            (
                prop::option::weighted(0.8, 0i64..20_000),
                0i64..3_000,
                prop::option::weighted(0.9, Just(())),
                "[ -~\n]{0,12}",
            ),
            0..12,
        );
        let speeches = prop::collection::vec(
            (
                0i64..20_000,
                prop::option::weighted(0.9, 0i64..600),
                0usize..7,
                any::<bool>(),
                "[ -~\n]{0,10}",
                "[ -~]{0,6}",
            ),
            0..30,
        );
        let stream = prop::option::of((17u32..23, 0u32..60, 0u32..60));
        (items, speeches, 0i64..25_000, stream).prop_map(|(items, speeches, closed, stream)| {
            let mut r = blank(closed);
            r.agenda = items
                .into_iter()
                .enumerate()
                .map(|(i, (start, len, ended, title))| {
                    item(
                        i + 1,
                        &title,
                        start,
                        start.and(ended).map(|_| start.unwrap_or(0) + len),
                    )
                })
                .collect();
            let kinds = [
                SpeakerKind::Faction,
                SpeakerKind::Public,
                SpeakerKind::College,
                SpeakerKind::Presenter,
                SpeakerKind::Chair,
                SpeakerKind::Official,
                SpeakerKind::Representative,
            ];
            r.speeches = speeches
                .into_iter()
                .enumerate()
                .map(|(i, (start, len, k, interruption, name, aff))| {
                    let kind = if interruption {
                        SpeechKind::Interruption
                    } else {
                        SpeechKind::Contribution
                    };
                    speech(
                        i as u64,
                        (start, len.map(|l| start + l)),
                        &name,
                        &aff,
                        kinds[k],
                        kind,
                    )
                })
                .collect();
            let stream = stream.map(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s).unwrap());
            (r, stream)
        })
    }

    proptest! {
        #[test]
        fn any_record_gives_valid_chapters((r, stream) in any_record()) {
            let chapters = chapters(&r, stream);
            if let Some(first) = chapters.first() {
                prop_assert_eq!(first.start_ms, 0);
            }
            for pair in chapters.windows(2) {
                prop_assert!(pair[1].start_ms - pair[0].start_ms >= MIN_CHAPTER_MS, "{:?}", pair);
            }
            let text = list(&r, stream);
            let mut last: Option<i64> = None;
            for (i, line) in text.lines().enumerate() {
                let (t, title) = line.split_once(' ').unwrap();
                prop_assert!(!title.trim().is_empty(), "{}", line);
                let secs = t.split(':').try_fold(0i64, |acc, p| p.parse::<i64>().map(|n| acc * 60 + n)).unwrap();
                if i == 0 {
                    prop_assert_eq!(t, "0:00");
                }
                if let Some(l) = last {
                    prop_assert!(secs >= l + 10, "{}", text);
                }
                last = Some(secs);
            }
            prop_assert_eq!(text.lines().count(), chapters.len());
        }

        #[test]
        fn any_record_gives_valid_vtt((r, stream) in any_record(), en in any::<bool>()) {
            let lang = if en { Lang::En } else { Lang::Nl };
            let text = vtt(&r, lang, stream);
            prop_assert!(check_vtt(&text).is_ok(), "{:?}\n{}", check_vtt(&text), text);
        }
    }
}
