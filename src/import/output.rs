//! What `hamer import` writes: the session as a RON file, and its default
//! name.

use chrono::NaiveDate;

use crate::session::Session;

/// The file name `hamer import` writes by default: the session's date, if
/// it is a real date, and a slug of its title. Nothing else of the document
/// reaches the name.
pub fn default_file_name(session: &Session) -> String {
    let date = NaiveDate::parse_from_str(&session.date, "%Y-%m-%d")
        .ok()
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
        .map(|d| d.format("%Y-%m-%d").to_string());
    let title = crate::slug::file_name(&session.title);
    let parts: Vec<String> = [date, Some(title).filter(|t| !t.is_empty())]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "sessie.ron".to_owned()
    } else {
        format!("{}.ron", parts.join("-"))
    }
}

fn ron_str(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The session as a RON file a clerk can read and edit: one field a line,
/// comments where a choice was made.
pub fn to_ron(s: &Session, source: &str) -> String {
    let mut o = String::new();
    let mut line = |t: String| {
        o.push_str(&t);
        o.push('\n');
    };
    line(format!(
        "// Session file made by `hamer import` from {source}."
    ));
    line("// Check it with `hamer check`; the agenda is a proposal: adjust it.".to_owned());
    line("Session(".to_owned());
    line(format!("    title: {},", ron_str(&s.title)));
    line(format!("    case_number: {},", ron_str(&s.case_number)));
    line(format!(
        "    portfolio_holder: {},",
        ron_str(&s.portfolio_holder)
    ));
    line(format!("    body: {},", ron_str(&s.body)));
    line(format!("    date: {},", ron_str(&s.date)));
    line("    start: None, // the planned slot start, e.g. Some(\"19:30\")".to_owned());
    line(format!("    duration_min: {},", s.duration_min));
    line(format!("    room: {},", ron_str(&s.room)));
    line(format!("    domain: {},", ron_str(&s.domain)));
    line(format!("    goal: {:?},", s.goal));
    line(format!(
        "    chairs: [{}],",
        s.chairs
            .iter()
            .map(|c| ron_str(c))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    line(format!("    clerk: {},", ron_str(&s.clerk)));
    line("    decision_points: [".to_owned());
    for p in &s.decision_points {
        line(format!("        {},", ron_str(p)));
    }
    line("    ],".to_owned());
    line(format!("    history: {},", ron_str(&s.history)));
    line(format!(
        "    handling_advice: {},",
        ron_str(&s.handling_advice)
    ));
    match &s.public_speaking {
        Some(p) => line(format!(
            "    public_speaking: Some(PublicSpeaking(limit_min: {})),",
            p.limit_min
        )),
        None => line("    public_speaking: None, // no spreekrecht for the public".to_owned()),
    }
    line("    public_speakers: [], // registered insprekers: PublicSpeaker(name: \"...\", organisation: Some(\"...\"))".to_owned());
    match &s.council {
        Some(c) => line(format!("    council: Some({}),", ron_str(c))),
        None => line(
            "    council: None, // name the council file, e.g. Some(\"hengelo-2022-2026.ron\")"
                .to_owned(),
        ),
    }
    match &s.next_step {
        Some(n) => {
            line("    next_step: Some(NextStep(".to_owned());
            line(format!("        body: {},", ron_str(&n.body)));
            line(format!("        date: {},", ron_str(&n.date)));
            line(format!("        goal: {},", ron_str(&n.goal)));
            line(format!("        advice: {},", ron_str(&n.advice)));
            line("    )),".to_owned());
        }
        None => line("    next_step: None,".to_owned()),
    }
    line("    agenda: [".to_owned());
    for i in &s.agenda {
        let limit = match i.speaker_limit_min {
            Some(m) => format!(", speaker_limit_min: Some({m})"),
            None => String::new(),
        };
        line(format!(
            "        Item(title: {}, kind: {:?}, planned_min: {}{limit}),",
            ron_str(&i.title),
            i.kind,
            i.planned_min
        ));
    }
    line("    ],".to_owned());
    line(")".to_owned());
    o
}
