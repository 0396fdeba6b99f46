//! Presence by name (issue 16): the clerk marks faction members and the
//! college present; the record lists who was there, which factions were
//! recorded absent, and leaves a faction nobody recorded out of both.

use hamer::clock::{Clock, FakeClock, parse_ts};
use hamer::export::{self, MemberRecord, json};
use hamer::meeting::{Action, Present, Speaker, SpeechKind, Stance};

mod common;

fn member(faction: &str, name: &str) -> Present {
    Present::Member {
        faction: faction.into(),
        name: name.into(),
    }
}

#[test]
fn the_record_lists_members_present_and_factions_absent() {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Open).unwrap();
    // Marked present without speaking; listed in the council's order.
    m.act(Action::SetPresence(member("VVD", "Van der Zweth"), true))
        .unwrap();
    m.act(Action::SetPresence(member("BBH", "Hammami"), true))
        .unwrap();
    m.act(Action::SetPresence(member("BBH", "Han Daals"), true))
        .unwrap();
    // Marked, then unmarked.
    m.act(Action::SetPresence(member("SP", "Leussink"), true))
        .unwrap();
    m.act(Action::SetPresence(member("SP", "Leussink"), false))
        .unwrap();
    // A member present outweighs the faction marked absent.
    m.act(Action::SetPresence(Present::Faction("CDA".into()), false))
        .unwrap();
    m.act(Action::SetPresence(member("CDA", "Nuri Akfidan"), true))
        .unwrap();
    // Recorded absent: by the presence list, and by the position.
    m.act(Action::SetPresence(Present::Faction("FVD".into()), false))
        .unwrap();
    // A code the session does not know, recorded absent: listed last.
    m.act(Action::SetPresence(Present::Faction("NIEUW".into()), false))
        .unwrap();
    m.act(Action::SetPosition {
        faction: "PVV".into(),
        stance: Some(Stance::Absent),
        note: String::new(),
    })
    .unwrap();
    // A named speaker is present by name.
    m.act(Action::Start(
        Speaker::Faction {
            faction: "GL".into(),
            name: Some("Nico-Tom Pen".into()),
        },
        SpeechKind::Contribution,
    ))
    .unwrap();
    m.act(Action::SetPresence(
        Present::College("Freriksen".into()),
        true,
    ))
    .unwrap();
    clock.advance_secs(60);
    let r = export::build(m.plan(), m.state(), clock.now());

    let names: Vec<(&str, &str)> = r
        .members_present
        .iter()
        .map(|MemberRecord { faction, name }| (faction.as_str(), name.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("BBH", "Han Daals"),
            ("BBH", "Hammami"),
            ("VVD", "Van der Zweth"),
            ("CDA", "Nuri Akfidan"),
            ("GL", "Nico-Tom Pen"),
        ]
    );
    assert_eq!(r.factions_present, vec!["BBH", "VVD", "CDA", "GL"]);
    assert_eq!(r.factions_absent, vec!["PVV", "FVD", "NIEUW"]);
    // SP: a member marked and unmarked, nothing else: in neither list.
    assert!(!r.factions_present.contains(&"SP".to_owned()));
    assert!(!r.factions_absent.contains(&"SP".to_owned()));
    assert_eq!(r.college_present, vec!["Freriksen"]);

    // The template gets them with full faction names.
    let ctx = export::template::TemplateContext::new(&r, m.plan());
    let texts: Vec<&str> = ctx
        .members_present
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(
        texts,
        vec![
            "Han Daals en Hammami (BurgerBelangen)",
            "Van der Zweth (VVD)",
            "Nuri Akfidan (CDA)",
            "Nico-Tom Pen (GroenLinks)",
        ]
    );
    assert_eq!(
        ctx.factions_absent,
        vec!["PVV", "Forum voor Democratie", "NIEUW"]
    );
    // The verslag says so, and FVD's open position reads "niet aanwezig".
    let md = export::verslag::render(&r, hamer::i18n::Lang::Nl);
    assert!(
        md.contains("| Afwezige fracties | PVV, Forum voor Democratie, NIEUW |"),
        "{md}"
    );
    assert!(
        md.contains("| Forum voor Democratie | niet aanwezig |"),
        "{md}"
    );

    // Popolo: a member present is a member of the Raad for the faction.
    let doc = json::document(&r);
    let person = doc
        .persons
        .iter()
        .find(|p| p.name == "Hammami")
        .expect("a person for a member present");
    assert!(doc.memberships.iter().any(|ms| {
        ms.person_id == person.id
            && ms.role.as_deref() == Some("member")
            && ms
                .on_behalf_of_id
                .as_deref()
                .is_some_and(|f| f.ends_with("bbh"))
    }));
    assert!(doc.events[0].attendees.iter().any(|a| a.id == person.id));
}

#[test]
fn salutation_and_function_reach_the_record() {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Open).unwrap();
    for speaker in [
        Speaker::Presenter {
            name: "Louis Rings".into(),
            organisation: Some("Rekenkamercommissie Hengelo".into()),
            function: Some("Voorzitter".into()),
        },
        Speaker::Public {
            name: "Methorst".into(),
            organisation: Some("stichting 't Neutje".into()),
            salutation: Some("dhr.".into()),
        },
        Speaker::Official {
            name: "Astrid Scholtens".into(),
            function: Some("Beleidsadviseur Onderwijs".into()),
        },
    ] {
        let kind = speaker.default_kind();
        m.act(Action::Start(speaker, kind)).unwrap();
        clock.advance_secs(60);
    }
    m.act(Action::AddCommitment {
        by: "Freriksen".into(),
        what: "Een procesbrief sturen.".into(),
        due: "voor de zomer".into(),
    })
    .unwrap();
    let r = export::build(m.plan(), m.state(), clock.now());
    let ctx = export::template::TemplateContext::new(&r, m.plan());
    let text =
        |v: &[export::template::NamedWith]| v.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    assert_eq!(
        text(&ctx.other_speakers),
        vec!["Louis Rings (Voorzitter Rekenkamercommissie Hengelo)"]
    );
    assert_eq!(
        text(&ctx.insprekers),
        vec!["dhr. Methorst (namens stichting 't Neutje)"]
    );
    assert_eq!(
        text(&ctx.officials),
        vec!["Astrid Scholtens (Beleidsadviseur Onderwijs)"]
    );
    let c = &r.commitments[0];
    assert_eq!((c.number, c.by_role.as_str()), (1, "wethouder"));
    assert_eq!(c.status, export::CommitmentStatus::Open);
    assert_eq!(ctx.commitments[0].by_title, "wethouder Freriksen");

    // Popolo: the salutation as honorific_prefix, the function as role.
    let doc = json::document(&r);
    let methorst = doc.persons.iter().find(|p| p.name == "Methorst").unwrap();
    assert_eq!(methorst.honorific_prefix.as_deref(), Some("dhr."));
    let rings = doc
        .persons
        .iter()
        .find(|p| p.name == "Louis Rings")
        .unwrap();
    assert!(
        doc.memberships
            .iter()
            .any(|ms| ms.person_id == rings.id && ms.role.as_deref() == Some("Voorzitter"))
    );
}

#[test]
fn the_next_step_only_when_the_item_goes_on() {
    use hamer::meeting::Advice;
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Open).unwrap();
    let next = |m: &hamer::meeting::Meeting<FakeClock>| {
        let r = export::build(m.plan(), m.state(), clock.now());
        export::template::TemplateContext::new(&r, m.plan())
            .next_step
            .map(|n| n.text)
    };
    assert_eq!(next(&m).as_deref(), Some("Raad 29-3-2023"));
    m.act(Action::SetAdvice(Some(Advice::Hamerstuk), Vec::new()))
        .unwrap();
    assert_eq!(next(&m).as_deref(), Some("Raad 29-3-2023, hamerstuk"));
    // Held over or not ready: the Raad of that date is not where it goes.
    for advice in [Advice::Postponed, Advice::NotReady] {
        m.act(Action::SetAdvice(Some(advice), Vec::new())).unwrap();
        assert_eq!(next(&m), None, "{advice:?}");
    }
}

#[test]
fn a_function_without_an_organisation_has_no_trailing_space() {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    m.act(Action::Open).unwrap();
    m.act(Action::Start(
        Speaker::Presenter {
            name: "Rings".into(),
            organisation: None,
            function: Some("Voorzitter".into()),
        },
        SpeechKind::Presentation,
    ))
    .unwrap();
    clock.advance_secs(30);
    let r = export::build(m.plan(), m.state(), clock.now());
    let ctx = export::template::TemplateContext::new(&r, m.plan());
    assert_eq!(ctx.other_speakers[0].text, "Rings (Voorzitter)");
    // The CSV keeps the function too.
    let csv = export::csv::render(&r, export::What::Speeches);
    assert!(
        csv.contains(",presentation,presenter,,Voorzitter\r\n"),
        "{csv}"
    );
}
