use super::*;

use chrono::NaiveDate;

use crate::session::Goal;

#[test]
fn default_names_come_from_a_parsed_date() {
    let mut s = import(b"").session;
    s.title = "Omgevingsvisie".into();
    s.date = "2023-05-10".into();
    assert_eq!(default_file_name(&s), "2023-05-10-omgevingsvisie.ron");
    s.date = "../../x".into();
    assert_eq!(default_file_name(&s), "omgevingsvisie.ron");
    s.title = "/".into();
    assert_eq!(default_file_name(&s), "sessie.ron");
}

#[test]
fn dates() {
    let d = NaiveDate::from_ymd_opt(2023, 3, 8);
    assert_eq!(dutch_date("Woensdag 8 maart 2023"), d);
    assert_eq!(dutch_date("8 maart 2023"), d);
    assert_eq!(dutch_date("8-3-2023"), d);
    assert_eq!(dutch_date("08/03/2023"), d);
    assert_eq!(dutch_date("2023-03-08"), d);
    assert_eq!(dutch_date("wo 8 mrt. 2023"), d);
    assert_eq!(dutch_date("30 februari 2023"), None);
    assert_eq!(dutch_date("morgen"), None);
}

#[test]
fn durations() {
    assert_eq!(duration_min("60 min"), Some(60));
    assert_eq!(duration_min("1 uur"), Some(60));
    assert_eq!(duration_min("90 minuten"), Some(90));
    assert_eq!(duration_min("1,5 uur"), Some(90));
    assert_eq!(duration_min("1 uur 30 min"), Some(90));
    assert_eq!(duration_min("45"), Some(45));
    assert_eq!(duration_min("60min"), Some(60));
    assert_eq!(duration_min("lang"), None);
}

#[test]
fn html_and_entities() {
    assert_eq!(
        html_text("<p>Een &amp; twee</p> <p>drie&nbsp;vier<br>vijf &#8211; &#x41;</p>"),
        "Een & twee\n\ndrie vier\nvijf – A"
    );
    assert_eq!(html_text("a < b & c"), "a < b & c");
}

#[test]
fn every_named_and_numeric_entity_is_decoded() {
    assert_eq!(
        html_text("Wethouder Financi&euml;n, co&ouml;rdinatie &amp; na&iuml;ef"),
        "Wethouder Financiën, coördinatie & naïef"
    );
    assert_eq!(
        html_text("het caf&eacute;&rsquo;s idee&hellip; &lsquo;ja&rsquo; &ldquo;nee&rdquo;"),
        "het café’s idee… ‘ja’ “nee”"
    );
    assert_eq!(html_text("&#235; &#xEB; &#XEB; &euro;&nbsp;5"), "ë ë ë € 5");
    // Encoded tags are text, not tags; unknown names stay as written.
    assert_eq!(html_text("&lt;b&gt;vet&lt;/b&gt;"), "<b>vet</b>");
    assert_eq!(html_text("&nietbestaand; R&D"), "&nietbestaand; R&D");
    // As a browser shows them: old names without `;` too.
    assert_eq!(html_text("Q&amp A &eacute"), "Q& A é");
}

#[test]
fn an_encoded_control_character_forges_no_list_item() {
    assert_eq!(
        decision_points("1. Een &#1; twee 2. Drie"),
        vec!["Een twee", "Drie"]
    );
}

#[test]
fn decision_points_inline_and_li() {
    assert_eq!(
        decision_points("<ol> 1. Een; 2. Twee, zie pagina 54 en 55; 3. Drie.</ol>"),
        vec!["Een;", "Twee, zie pagina 54 en 55;", "Drie."]
    );
    assert_eq!(
        decision_points("<ol><li>Een</li><li>Twee &amp; drie</li></ol>"),
        vec!["Een", "Twee & drie"]
    );
}

#[test]
fn agenda_fits_the_duration() {
    let a = default_agenda(
        Goal::Oordeelsvormend,
        "Na een inleidende presentatie vanuit de Rekenkamer",
        true,
        60,
    );
    let titles: Vec<_> = a
        .iter()
        .map(|i| (i.title.as_str(), i.planned_min))
        .collect();
    assert_eq!(
        titles,
        vec![
            ("Opening", 2),
            ("Presentatie Rekenkamer", 10),
            ("Insprekers", 10),
            ("Eerste termijn fracties", 20),
            ("Reactie portefeuillehouder", 10),
            ("Tweede termijn", 5),
            ("Conclusie voorzitter", 3),
        ]
    );
    for d in [10, 30, 45, 90, 120] {
        let a = default_agenda(Goal::Beeldvormend, "", false, d);
        assert!(a.iter().map(|i| i.planned_min).sum::<u32>() <= d.max(a.len() as u32));
        assert!(a.iter().all(|i| i.planned_min >= 1));
    }
}
