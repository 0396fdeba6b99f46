//! Property tests: whatever the bytes of a session file, the loader answers
//! with a value or located diagnostics, never a panic; and nothing it hands
//! on can carry a terminal escape.

use std::path::Path;

use hamer::sanitize::{Lines, clean};
use hamer::session::{Document, Locator, load_document_bytes};
use proptest::prelude::*;

mod common;
use common::mutate::{apply, edit};
use common::{SAMPLES, sample};

/// Nothing that loads may hold a control character other than a line break
/// in multi-line text, nor a bidi override.
fn assert_clean(doc: &Document) {
    let text = match doc {
        Document::Session(plan) => format!("{:?}", plan.session),
        Document::Council(c) => format!("{c:?}"),
    };
    // Debug output escapes control characters; look for the escapes.
    for bad in ["\\u{1b}", "\\u{9b}", "\\u{202e}", "\\r", "\\t", "\\0"] {
        assert!(!text.contains(bad), "{bad} survived loading");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/fuzz.ron");
        if let Ok(loaded) = load_document_bytes(&bytes, &path) {
            assert_clean(&loaded.value);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/fuzz.ron");
        let _ = load_document_bytes(text.as_bytes(), &path);
        let _ = Locator::new(&text);
    }

    #[test]
    fn mutated_samples_never_panic(which in 0usize..4, edits in proptest::collection::vec(edit(), 1..6)) {
        let (path, mut bytes) = sample(SAMPLES[which]);
        for e in &edits {
            apply(&mut bytes, e);
        }
        match load_document_bytes(&bytes, &path) {
            Ok(loaded) => assert_clean(&loaded.value),
            Err(e) => {
                let diagnostics = e.diagnostics();
                prop_assert!(!diagnostics.is_empty());
                prop_assert!(diagnostics.iter().any(|d| d.is_error()));
                for d in diagnostics {
                    // Every error can be rendered, in both languages, clean.
                    for lang in hamer::i18n::Lang::ALL {
                        let line = d.render(lang);
                        prop_assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn cleaned_text_has_no_controls(s in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}]{0,64}") {
        for lines in [Lines::Single, Lines::Multi] {
            let c = clean(&s, lines);
            prop_assert!(!c.text.chars().any(|ch| ch.is_control() && ch != '\n'));
            prop_assert!(!c.text.contains('\u{202e}'), "bidi override kept");
            if lines == Lines::Single {
                prop_assert!(!c.text.contains('\n'));
            }
            // Cleaning is idempotent.
            let again = clean(&c.text, lines);
            prop_assert_eq!(again.text.as_ref(), c.text.as_ref());
            prop_assert!(!again.removed);
        }
    }
}

#[test]
fn samples_load_unchanged() {
    for name in SAMPLES {
        let (path, bytes) = sample(name);
        let loaded = load_document_bytes(&bytes, &path)
            .unwrap_or_else(|e| panic!("{name}: {:?}", e.diagnostics()));
        assert_clean(&loaded.value);
    }
}

#[test]
fn seed_session_holds_the_whole_behandelvoorstel() {
    let (path, bytes) = sample("2023-03-08-datagedreven-sturing.ron");
    let Document::Session(plan) = load_document_bytes(&bytes, &path).unwrap().value else {
        panic!("not a session");
    };
    let s = &plan.session;
    assert_eq!(s.case_number, "3542199");
    assert_eq!(s.decision_points.len(), 5);
    assert!(s.decision_points[3].contains("presidium"));
    assert_eq!(s.history.split("\n\n").count(), 4);
    assert!(s.history.contains("dr. M.J. Oude Vrielink"));
    let next = s.next_step.as_ref().unwrap();
    assert_eq!(next.date, "2023-03-29");
    assert!(next.advice.contains("najaar van 2023"));
    assert_eq!(plan.factions.len(), 13);
    assert_eq!(plan.factions.iter().map(|f| f.seats).sum::<u32>(), 37);
    assert_eq!(plan.college.len(), 6);
    assert_eq!(plan.planned_min(), 60);
    assert_eq!(plan.start.map(|t| t.to_string()), Some("19:30:00".into()));
}
