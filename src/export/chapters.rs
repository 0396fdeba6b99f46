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

use super::{Format, SessionRecord, SpeakerKind, SpeechRecord};
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
/// spaces, runs of spaces one.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The label of a speech's speaker, as a viewer looks for it.
pub fn speaker_label(s: &SpeechRecord, lang: Lang) -> String {
    let name = one_line(&s.speaker);
    let aff = one_line(&s.affiliation);
    let with_aff = |key: &'static str, key_bare: &'static str| {
        if aff.is_empty() {
            lang.fill(key_bare, &[("name", &name)])
        } else {
            lang.fill(key, &[("name", &name), ("org", &aff)])
        }
    };
    let who = match s.speaker_kind {
        // An unnamed faction speaker has the faction's code as name.
        SpeakerKind::Faction if name == aff || name.is_empty() => aff.clone(),
        SpeakerKind::Faction => lang.fill("vtt.faction", &[("faction", &aff), ("name", &name)]),
        SpeakerKind::Representative => {
            lang.fill("vtt.representative", &[("faction", &aff), ("name", &name)])
        }
        SpeakerKind::Public => with_aff("vtt.public", "vtt.public.bare"),
        SpeakerKind::Presenter => with_aff("vtt.presenter", "vtt.presenter.bare"),
        SpeakerKind::Official => with_aff("vtt.official", "vtt.official.bare"),
        SpeakerKind::College if aff.is_empty() => name.clone(),
        SpeakerKind::College => format!("{aff} {name}"),
        SpeakerKind::Chair => lang.fill("vtt.chair", &[("name", &name)]),
    };
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
                    text: one_line(&item.title),
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
                    text: speaker_label(sp, lang),
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
                    one_line(&i.title),
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
        marks.insert(0, (0, one_line(&record.title)));
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

/// Render `--format vtt` or `--format chapters` (another format renders
/// as [`super::render`] does).
pub fn render(
    record: &SessionRecord,
    format: Format,
    lang: Lang,
    stream_start: Option<NaiveTime>,
) -> String {
    match format {
        Format::Vtt => vtt(record, lang, stream_start),
        Format::Chapters => list(record, stream_start),
        other => super::render(record, other, super::What::Speeches, lang),
    }
}
