//! The built-in `verslag` template, the Markdown record (issue 16): it
//! renders the empty, a hostile and a full record in both languages (an
//! error in a built-in is a bug); no `<br>` and no seconds; `--format md`,
//! `verslag::render` and `--template verslag` are one text.

use hamer::clock::{Clock, FakeClock, parse_ts};
use hamer::export::{self, Format, SessionRecord, What, template, verslag};
use hamer::i18n::Lang;
use hamer::meeting::{Action, Advice, MotionKind, Speaker, SpeechKind, Stance};
use hamer::session::SessionPlan;

mod common;
use common::SEED;

/// Text that would make Markdown (or a template) of itself.
const NASTY: &str = "- 1. *x* | y\n# <br> {{ t.none }} {% if %}\n\n> `z` [a](b) _c_ ~d~ &amp; \\";

fn records() -> Vec<(&'static str, SessionRecord, SessionPlan)> {
    let mut out = Vec::new();
    let (_dir, session) = common::scratch();
    let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
    let m = common::open(&session, clock.clone());
    let empty = export::build(m.plan(), m.state(), clock.now());
    out.push(("empty", empty, m.plan().clone()));
    drop(m);

    for (name, text) in [
        ("full", "Dialoog over kaders,\nmet presidium"),
        ("hostile", NASTY),
    ] {
        let (_dir, session) = common::scratch();
        let clock = FakeClock::new(parse_ts("2023-03-08T19:30:00+01:00"));
        let mut m = common::open(&session, clock.clone());
        let mut act = |a: Action, secs: i64| {
            m.act(a).unwrap();
            clock.advance_secs(secs);
        };
        act(Action::Open, 0);
        act(Action::GotoItem(0), 95);
        act(Action::GotoItem(2), 0);
        act(
            Action::Start(
                Speaker::Public {
                    salutation: None,
                    name: text.into(),
                    organisation: Some(text.into()),
                },
                SpeechKind::PublicSpeaking,
            ),
            310,
        );
        act(
            Action::Start(
                Speaker::Faction {
                    faction: "SP".into(),
                    name: Some(text.into()),
                },
                SpeechKind::Contribution,
            ),
            20,
        );
        act(
            Action::Interrupt(Speaker::Faction {
                faction: "VVD".into(),
                name: None,
            }),
            12,
        );
        act(Action::End, 100);
        act(Action::End, 0);
        act(
            Action::Start(
                Speaker::College {
                    name: "Freriksen".into(),
                    role: "wethouder".into(),
                },
                SpeechKind::Answer,
            ),
            500,
        );
        act(
            Action::AddCommitment {
                by: "Freriksen".into(),
                what: text.into(),
                due: text.into(),
            },
            0,
        );
        act(
            Action::AddCommitment {
                by: String::new(),
                what: text.into(),
                due: String::new(),
            },
            0,
        );
        act(Action::End, 0);
        act(
            Action::SetPosition {
                faction: "SP".into(),
                stance: Some(Stance::Against),
                note: text.into(),
            },
            0,
        );
        act(
            Action::AnnounceMotion {
                factions: vec!["SP".into()],
                kind: MotionKind::Amendment,
                title: text.into(),
            },
            0,
        );
        act(
            Action::AddActionPoint {
                text: text.into(),
                owner: text.into(),
            },
            0,
        );
        act(Action::Note(text.into()), 0);
        act(Action::Recess(Some(5)), 290);
        act(Action::ToggleRecess, 0);
        act(
            Action::SetAdvice(Some(Advice::Bespreekstuk), vec!["SP".into()]),
            0,
        );
        act(Action::SetConclusion(format!("{text}\n\n{text}")), 0);
        act(Action::Close, 0);
        out.push((
            name,
            export::build(m.plan(), m.state(), clock.now()),
            m.plan().clone(),
        ));
    }
    out
}

/// `hh:mm:ss` anywhere.
fn has_seconds(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(8).any(|w| {
        w.iter().enumerate().all(|(i, c)| {
            if i == 2 || i == 5 {
                *c == b':'
            } else {
                c.is_ascii_digit()
            }
        })
    })
}

#[test]
fn verslag_renders_every_record_in_both_languages_one_way() {
    for (name, record, plan) in records() {
        for lang in Lang::ALL {
            let md = export::render(&record, Format::Md, What::Speeches, lang);
            assert!(md.starts_with("# "), "{name} {lang:?}: {md}");
            assert!(md.ends_with("._\n"), "{name} {lang:?}: {md}");
            assert!(!md.contains("<br>"), "{name} {lang:?}: {md}");
            assert!(!has_seconds(&md), "{name} {lang:?}: {md}");
            // Labels come from the catalogue, never as keys.
            assert!(!md.contains("rec."), "{name} {lang:?}: {md}");
            // Every table row has as many unescaped pipes as its header.
            for block in md.split("\n\n") {
                let rows: Vec<&str> = block.lines().filter(|l| l.starts_with('|')).collect();
                let count = |l: &str| l.matches('|').count() - l.matches("\\|").count();
                for r in &rows {
                    assert_eq!(count(r), count(rows[0]), "{name}: ragged row {r}");
                }
            }
            // The values are text, not template: nothing was evaluated.
            if name == "hostile" {
                assert!(md.contains("{{ t.none }}"), "{md}");
                // No line of a value starts a heading, list or quote.
                for l in md.lines() {
                    assert!(!l.starts_with("# <") && !l.starts_with("> "), "{l}");
                }
            }
            // The same text through `--template verslag`'s context.
            let ctx = template::TemplateContext::new(&record, &plan);
            let t = template::builtin("verslag").expect("built in");
            let via = template::render(&t, &verslag::with_verslag(&ctx, &record, lang))
                .unwrap_or_else(|e| panic!("{name} {lang:?}: {e}"));
            assert_eq!(via, md, "{name} {lang:?}");
            assert_eq!(verslag::render(&record, lang), md);
        }
    }
}

#[test]
fn toezeggingen_are_a_numbered_list() {
    let (_, full, _) = records().remove(1);
    let md = export::render(&full, Format::Md, What::Speeches, Lang::Nl);
    assert!(
        md.contains(concat!(
            "1. wethouder Freriksen: Dialoog over kaders, met presidium",
            " — termijn: Dialoog over kaders, met presidium · status: open · tijd: 19:47\n",
            "2. Dialoog over kaders, met presidium — status: open · tijd: 19:47\n",
        )),
        "{md}"
    );
    let en = export::render(&full, Format::Md, What::Speeches, Lang::En);
    assert!(en.contains("— due: "), "{en}");
}

#[test]
fn the_cli_writes_the_same_for_format_md_and_template_verslag() {
    let (dir, _) = common::scratch();
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_hamer"))
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1678302000")
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    for lang in ["nl", "en"] {
        let md = run(&["--lang", lang, "export", SEED]);
        assert_eq!(run(&["--lang", lang, "export", SEED, "--format", "md"]), md);
        assert_eq!(
            run(&["--lang", lang, "export", SEED, "--template", "verslag"]),
            md
        );
        assert!(!has_seconds(&md), "{md}");
    }
}
