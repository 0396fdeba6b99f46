//! Record templates (issue 16): the built-in `hengelo-ris` of a scripted
//! seed session byte for byte (golden file), reading like the records the
//! griffie of Hengelo publishes (../shared/records); errors in a template
//! as `FILE:LINE` with exit 1; templates cannot read files.
//!
//! After an intended change of the output: UPDATE_GOLDEN=1 cargo test --test export_template

use std::path::{Path, PathBuf};
use std::process::Command;

use hamer::clock::{Clock, FakeClock, parse_ts};
use hamer::export::{self, template};
use hamer::meeting::{Action, Advice, Speaker, SpeechKind};

mod common;
use common::SEED;

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// The seed session played through with the speakers of a real evening:
/// the Rekenkamer's presenter, two insprekers, faction speakers named in
/// the council file (two for the VVD), an official, portfolio holder
/// Freriksen with a toezegging, advice hamerstuk and a conclusion.
fn scripted() -> template::TemplateContext {
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let mut m = common::open(&session, clock.clone());
    let mut act = |a: Action, then_secs: i64| {
        m.act(a).unwrap();
        clock.advance_secs(then_secs);
    };
    let faction = |code: &str, name: &str| Speaker::Faction {
        faction: code.into(),
        name: Some(name.into()),
    };
    act(Action::Open, 0);
    act(Action::GotoItem(0), 95);
    act(Action::GotoItem(1), 0);
    act(
        Action::Start(
            Speaker::Presenter {
                function: None,
                name: "Mirjan Oude Vrielink".into(),
                organisation: Some("Onderzoekster Rekenkamer Hengelo".into()),
            },
            SpeechKind::Presentation,
        ),
        9 * 60 + 40,
    );
    act(Action::GotoItem(2), 0);
    for (name, org) in [
        ("dhr. Methorst", "stichting 't Neutje"),
        ("mevr. Glas", "Bos op het Plein"),
    ] {
        act(
            Action::Queue(Speaker::Public {
                salutation: None,
                name: name.into(),
                organisation: Some(org.into()),
            }),
            0,
        );
        act(Action::StartNext, 170);
    }
    act(Action::End, 0);
    act(Action::GotoItem(3), 0);
    for (code, name) in [
        ("BBH", "Han Daals"),
        ("VVD", "Van der Zweth"),
        ("SP", "Gerard Vennegoor"),
        ("CDA", "Nuri Akfidan"),
        ("VVD", "Sander Janssen"),
        ("D66", "Remko Lulof"),
    ] {
        act(Action::Queue(faction(code, name)), 0);
        act(Action::StartNext, 150);
    }
    act(Action::Interrupt(faction("SP", "Gerard Vennegoor")), 20);
    act(Action::End, 0);
    act(Action::GotoItem(4), 0);
    act(
        Action::Start(
            Speaker::College {
                name: "Freriksen".into(),
                role: "wethouder".into(),
            },
            SpeechKind::Answer,
        ),
        240,
    );
    act(
        Action::Start(
            Speaker::Official {
                name: "Astrid Scholtens".into(),
                function: Some("Beleidsadviseur Informatievoorziening".into()),
            },
            SpeechKind::Answer,
        ),
        90,
    );
    act(Action::End, 0);
    act(
        Action::AddCommitment {
            by: "Freriksen".into(),
            what: "In het najaar van 2023 een dialoog in een politieke markt organiseren\nover kaders bij datagedreven werken.".into(),
            due: "najaar 2023".into(),
        },
        0,
    );
    act(Action::GotoItem(6), 120);
    act(Action::SetAdvice(Some(Advice::Hamerstuk), Vec::new()), 0);
    act(
        Action::SetConclusion(
            "De fracties kunnen instemmen met het overnemen van de conclusies en aanbevelingen. Het voorstel kan als hamerstuk naar de raad.".into(),
        ),
        0,
    );
    act(
        Action::Note("Privé: SP wil later nog iets over privacy.".into()),
        10,
    );
    act(Action::Close, 0);
    let record = export::build(m.plan(), m.state(), clock.now());
    template::TemplateContext::new(&record, m.plan())
}

fn ris() -> String {
    let t = template::builtin("hengelo-ris").expect("built in");
    template::render(&t, &scripted()).expect("renders")
}

#[test]
fn golden_hengelo_ris() {
    let got = ris();
    let path = golden("hengelo-ris.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        got == want,
        "hengelo-ris differs from the golden file; after an intended change run UPDATE_GOLDEN=1.\n--- got ---\n{got}"
    );
}

#[test]
fn hengelo_ris_reads_like_the_published_records() {
    let text = ris();
    // The result line first, as in the 2022 records.
    assert_eq!(
        text.lines().next(),
        Some("Behandeld, agenderen hamerstuk Raad")
    );
    // The roles in Hengelo's words and order.
    let roles = [
        "Voorzitter: Sander Janssen.",
        "Griffier: Coen Hartendorp.",
        "Sprekers namens de fracties:",
        "Namens het college aanwezig: Wethouder Freriksen.",
        "Ambtelijke ondersteuning door Astrid Scholtens (Beleidsadviseur Informatievoorziening).",
        "Overige sprekers: Mirjan Oude Vrielink (Onderzoekster Rekenkamer Hengelo).",
        "Insprekers: dhr. Methorst (namens stichting 't Neutje), mevr. Glas (namens Bos op het Plein).",
        "De fracties kunnen instemmen",
        "wethouder Freriksen zegt toe:",
        "Vervolg: Raad 29-3-2023, hamerstuk.",
    ];
    let mut at = 0;
    for role in roles {
        let found = text[at..]
            .find(role)
            .unwrap_or_else(|| panic!("{role:?} missing or out of order in:\n{text}"));
        at += found + role.len();
    }
    // Speakers of one faction together, full faction names.
    assert!(
        text.contains("Han Daals (BurgerBelangen), Van der Zweth en Sander Janssen (beiden namens de VVD), Gerard Vennegoor (SP), Nuri Akfidan (CDA), Remko Lulof (D66)."),
        "{text}"
    );
    assert!(!text.contains("BBH"), "{text}");
    // No times: no digits but those of dates, numbers and the case.
    for bad in [":00", "min", "sec", "19:", "20:"] {
        assert!(!text.contains(bad), "{bad:?} in:\n{text}");
    }
    // The clerk's private notes stay out.
    assert!(!text.contains("Privé"), "{text}");
    // Prose, not tables.
    assert!(!text.contains('|'), "{text}");
}

fn hamer(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hamer"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_broken_template_says_file_and_line_and_exits_1() {
    let (dir, _) = common::scratch();
    std::fs::write(
        dir.path().join("kapot.j2"),
        "{{ result }}\n\n{% for s in insprekers %}{{ s.name }\n{% endfor %}\n",
    )
    .unwrap();
    let o = hamer(dir.path(), &["export", SEED, "--template", "kapot.j2"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("kapot.j2:3: "), "{err}");
    assert!(o.stdout.is_empty());

    // An error while rendering too.
    std::fs::write(dir.path().join("deling.j2"), "a\nb\n{{ 1 // 0 }}\n").unwrap();
    let o = hamer(dir.path(), &["export", SEED, "--template", "deling.j2"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("deling.j2:3: "), "{err}");
}

#[test]
fn an_unknown_name_lists_the_builtins() {
    let (dir, _) = common::scratch();
    let o = hamer(dir.path(), &["export", SEED, "--template", "ris"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("hengelo-ris"), "{err}");
}

#[test]
fn a_template_cannot_read_files() {
    let ctx = scripted();
    for text in [
        "{% include \"/etc/passwd\" %}",
        "{% include \"../Cargo.toml\" %}",
        "{% extends \"/etc/passwd\" %}",
        "{% import \"/etc/hostname\" as h %}",
    ] {
        let t = template::Template {
            name: "probe.j2".into(),
            text: text.into(),
        };
        let e = template::render(&t, &ctx).expect_err(text);
        assert!(e.starts_with("probe.j2:1: "), "{e}");
        assert!(!e.contains("root:"), "{e}");
    }
}

#[test]
fn output_and_work_are_bounded() {
    let ctx = scripted();
    let looping = template::Template {
        name: "loop.j2".into(),
        text: "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
            .into(),
    };
    assert!(template::render(&looping, &ctx).is_err());
    let big = template::Template {
        name: "big.j2".into(),
        text: "{{ 'x' * 100000 }}{% for i in range(100) %}{{ 'y' * 100000 }}{% endfor %}".into(),
    };
    let e = template::render(&big, &ctx).expect_err("too large");
    assert!(e.starts_with("big.j2: the output is larger than"), "{e}");
}

#[test]
fn the_council_file_names_a_template_and_the_option_overrides_it() {
    let (dir, _) = common::scratch();
    let council = dir.path().join(common::COUNCIL);
    let text = std::fs::read_to_string(&council).unwrap().replacen(
        "    college: [",
        "    record_template: Some(\"templates/eigen.j2\"),\n    college: [",
        1,
    );
    std::fs::write(&council, text).unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/eigen.j2"),
        "Eigen tekst: {{ session.title }} ({{ session.date_text }})\n",
    )
    .unwrap();
    // Run from elsewhere: the template is found next to the council file.
    let elsewhere = tempfile::tempdir().unwrap();
    let seed = dir.path().join(SEED);
    let seed = seed.to_str().unwrap();
    let o = hamer(elsewhere.path(), &["export", seed]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Eigen tekst: Rekenkameronderzoek Datagedreven Sturing (8-3-2023)\n"
    );
    let o = hamer(
        elsewhere.path(),
        &["export", seed, "--template", "hengelo-ris"],
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Voorzitter: Sander Janssen."));
    // --format asks for a format: the council's template stays out.
    let o = hamer(elsewhere.path(), &["export", seed, "--format", "md"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("# Rekenkameronderzoek"));
}
