//! CSV lists for the griffie (RFC 4180, written by the `csv` crate): every
//! speech, the toezeggingen, the positions. Columns have stable English
//! names and values use stable codes, so spreadsheets and scripts can rely
//! on them in either language.
//!
//! A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
//! gets a leading `'`: a spreadsheet would otherwise take it for a formula
//! and run it (CSV injection). The header row is fixed text and needs none.

use super::{SessionRecord, SpeakerKind, What};
use crate::meeting::{SpeechKind, Stance};

pub fn speech_kind_code(k: SpeechKind) -> &'static str {
    match k {
        SpeechKind::Contribution => "contribution",
        SpeechKind::PublicSpeaking => "public_speaking",
        SpeechKind::Presentation => "presentation",
        SpeechKind::Answer => "answer",
        SpeechKind::PointOfOrder => "point_of_order",
        SpeechKind::Interruption => "interruption",
    }
}

pub fn speaker_kind_code(k: SpeakerKind) -> &'static str {
    match k {
        SpeakerKind::Faction => "faction",
        SpeakerKind::Public => "public",
        SpeakerKind::College => "college",
        SpeakerKind::Presenter => "presenter",
        SpeakerKind::Chair => "chair",
        SpeakerKind::Official => "official",
        SpeakerKind::Representative => "representative",
    }
}

pub fn stance_code(s: Option<Stance>) -> &'static str {
    match s {
        Some(Stance::Supports) => "supports",
        Some(Stance::SupportsWithReservation) => "supports_with_reservation",
        Some(Stance::Against) => "against",
        Some(Stance::Undecided) => "undecided",
        Some(Stance::Absent) => "absent",
        None => "",
    }
}

fn ts(t: crate::clock::Ts) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A cell a spreadsheet will show as text, never run: one that begins
/// with a formula character gets a leading `'`.
pub fn defuse(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

pub fn render(r: &SessionRecord, what: What) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failure would only lose this row.
    let mut row = |fields: Vec<String>| {
        let _ = w.write_record(fields.into_iter().map(defuse));
    };
    match what {
        What::Speeches => {
            row([
                "item",
                "start",
                "end",
                "seconds",
                "speaker",
                "faction_or_organisation",
                "kind",
                "speaker_kind",
                "salutation",
                "function",
            ]
            .map(String::from)
            .to_vec());
            for s in &r.speeches {
                row(vec![
                    s.item.clone().unwrap_or_default(),
                    ts(s.start),
                    s.end.map(ts).unwrap_or_default(),
                    s.seconds.to_string(),
                    s.speaker.clone(),
                    s.affiliation.clone(),
                    speech_kind_code(s.kind).to_owned(),
                    speaker_kind_code(s.speaker_kind).to_owned(),
                    s.salutation.clone(),
                    s.function.clone(),
                ]);
            }
        }
        What::Commitments => {
            row([
                "session",
                "case_number",
                "date",
                "made_at",
                "by",
                "what",
                "due",
                "number",
                "by_role",
                "status",
            ]
            .map(String::from)
            .to_vec());
            for c in &r.commitments {
                row(vec![
                    r.title.clone(),
                    r.case_number.clone(),
                    r.date.clone(),
                    ts(c.made_at),
                    c.by.clone(),
                    c.what.clone(),
                    c.due.clone(),
                    c.number.to_string(),
                    c.by_role.clone(),
                    c.status.code().to_owned(),
                ]);
            }
        }
        What::Positions => {
            row(["faction", "faction_name", "stance", "note", "recorded_at"]
                .map(String::from)
                .to_vec());
            for p in &r.positions {
                row(vec![
                    p.faction.clone(),
                    p.faction_name.clone(),
                    stance_code(p.stance).to_owned(),
                    p.note.clone(),
                    p.recorded_at.map(ts).unwrap_or_default(),
                ]);
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formula_cells_are_defused() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+31", "'+31"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("gewoon", "gewoon"),
            ("", ""),
            ("a=b", "a=b"),
            ("2023-03-08T19:30:00+01:00", "2023-03-08T19:30:00+01:00"),
        ] {
            assert_eq!(defuse(cell.to_owned()), want, "{cell:?}");
        }
    }
}
