//! Values read from the text of a field: decision points, Dutch dates,
//! durations, the goal of a session and spreekrecht publiek.

use chrono::NaiveDate;

use super::decode::html_text;
use crate::session::{Goal, PublicSpeaking};

/// The decision points: `<li>` items, or an inline list numbered 1. 2. 3.
pub fn decision_points(html: &str) -> Vec<String> {
    let text = html_text(html);
    if text.contains('\u{1}') {
        return text
            .split('\u{1}')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
    }
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Find "1. ", then "2. " after it, and so on; text before "1." is dropped
    // only when it is empty.
    let mut starts = Vec::new();
    let mut from = 0;
    for n in 1.. {
        let marker = format!("{n}. ");
        let found = flat[from..].match_indices(&marker).find(|(i, _)| {
            let at = from + i;
            at == 0 || flat[..at].ends_with(' ')
        });
        match found {
            Some((i, _)) => {
                starts.push((from + i, marker.len()));
                from += i + marker.len();
            }
            None => break,
        }
    }
    if starts.len() < 2 {
        return if flat.is_empty() {
            Vec::new()
        } else {
            vec![flat]
        };
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, (at, len))| {
            let end = starts.get(k + 1).map_or(flat.len(), |s| s.0);
            flat[at + len..end].trim().to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

const MONTHS: [(&str, u32); 23] = [
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("april", 4),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mrt", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("nov", 11),
];

/// A Dutch date: `Woensdag 8 maart 2023`, `8 maart 2023`, `8-3-2023`,
/// `08/03/2023` or `2023-03-08`.
pub fn dutch_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().to_lowercase();
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return Some(d);
    }
    let numeric: Vec<&str> = s.split(['-', '/', '.']).map(str::trim).collect();
    if numeric.len() == 3
        && numeric
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let (d, m, y) = (
            numeric[0].parse().ok()?,
            numeric[1].parse().ok()?,
            numeric[2].parse().ok()?,
        );
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for w in words.windows(3) {
        let Ok(day) = w[0].parse::<u32>() else {
            continue;
        };
        let month = MONTHS
            .iter()
            .find(|(name, _)| *name == w[1].trim_end_matches('.'))
            .map(|(_, m)| *m);
        if let (Some(month), Ok(year)) = (month, w[2].parse::<i32>()) {
            return NaiveDate::from_ymd_opt(year, month, day);
        }
    }
    None
}

/// Minutes from `60 min`, `90 minuten`, `1 uur`, `1,5 uur`, `1 uur 30 min`.
pub fn duration_min(s: &str) -> Option<u32> {
    let s = s.trim().to_lowercase().replace(',', ".");
    let mut total = 0f64;
    let mut number: Option<f64> = None;
    let mut any = false;
    for token in s
        .split(|c: char| c.is_whitespace())
        .flat_map(split_number_unit)
    {
        if let Ok(n) = token.parse::<f64>() {
            number = Some(n);
            continue;
        }
        let unit = match token.trim_end_matches('.') {
            "min" | "minuten" | "minuut" | "m" => 1.0,
            "uur" | "u" | "h" | "uren" => 60.0,
            _ => continue,
        };
        if let Some(n) = number.take() {
            total += n * unit;
            any = true;
        }
    }
    if !any {
        // A bare number is minutes.
        total = number?;
    }
    let minutes = total.round();
    (minutes > 0.0 && minutes < 100_000.0).then_some(minutes as u32)
}

/// "60min" -> "60", "min".
fn split_number_unit(token: &str) -> Vec<&str> {
    let digits = token
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if digits == 0 || digits == token.len() {
        vec![token]
    } else {
        vec![&token[..digits], &token[digits..]]
    }
}

pub(super) fn goal_of(s: &str) -> Option<Goal> {
    let s = s.to_lowercase();
    if s.contains("oordeelsvormend") {
        Some(Goal::Oordeelsvormend)
    } else if s.contains("beeldvormend") {
        Some(Goal::Beeldvormend)
    } else if s.contains("informerend") {
        Some(Goal::Informerend)
    } else {
        None
    }
}

/// Spreekrecht publiek from its cells: which box is checked, and the
/// limit in "duur: maximaal 5 minuten". `None` when it is "nee".
pub(super) fn public_speaking(cells: &[String]) -> Option<PublicSpeaking> {
    let joined = cells.join(" ").to_lowercase();
    let checked_yes = cells.iter().any(|c| {
        let c = c.to_lowercase();
        c.trim_start().starts_with("ja") && c.contains("checked")
    });
    let checked_no = cells.iter().any(|c| {
        let c = c.to_lowercase();
        c.trim_start().starts_with("nee") && c.contains("checked")
    });
    let plain = html_text(&joined);
    let yes = checked_yes
        || (!checked_no && !joined.contains("<input") && plain.trim_start().starts_with("ja"));
    if !yes {
        return None;
    }
    let limit = joined
        .find("maximaal")
        .and_then(|i| duration_min(&html_text(&joined[i + "maximaal".len()..])))
        .unwrap_or(5);
    Some(PublicSpeaking { limit_min: limit })
}
