//! Record templates (issue 16): errors in a template as `FILE:LINE` with
//! exit 1; unknown names; templates cannot read files and are bounded; the
//! council file's template. The built-in `hengelo-ris` of the seed evening,
//! byte for byte and reading like the griffie's published records, is in
//! `tests/record_golden.rs`.

use std::path::Path;
use std::process::Command;

use hamer::clock::parse_ts;
use hamer::export::{self, template};
use hamer::i18n::Lang;

mod common;
use common::SEED;

/// The context of the seed evening's record (`meeting::sim::seed_evening`),
/// for the sandbox and bounds: a record with every kind of speaker and
/// outcome. Its RIS text is checked in `tests/record_golden.rs`.
fn evening() -> template::TemplateContext {
    let (_dir, session) = common::seed_evening();
    let now = parse_ts("2023-03-08T21:00:00+01:00");
    let read = export::read_record(&session, None, now, Lang::Nl).expect("the evening's record");
    template::TemplateContext::new(&read.record, &read.plan)
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
    let ctx = evening();
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
    let ctx = evening();
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
