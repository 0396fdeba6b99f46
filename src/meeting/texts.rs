//! The words for the meeting's kinds and choices (advice, stances, motion
//! and speech kinds) in a language: one place that both the screens and
//! the exports use, so the two always say the same.

use crate::i18n::Lang;
use crate::journal::record::{Advice, MotionKind, SpeechKind, Stance};

/// How an advice (the committee's advice on an item) reads.
pub fn advice_text(a: Advice, lang: Lang) -> &'static str {
    lang.text(match a {
        Advice::Informed => "rec.advice.informed",
        Advice::Hamerstuk => "rec.advice.hamerstuk",
        Advice::Bespreekstuk => "rec.advice.bespreekstuk",
        Advice::NotReady => "rec.advice.not_ready",
        Advice::Postponed => "rec.advice.postponed",
    })
}

/// How a faction's stance reads; `None` is a stance not given yet.
pub fn stance_text(s: Option<Stance>, lang: Lang) -> &'static str {
    lang.text(match s {
        Some(Stance::Supports) => "rec.stance.supports",
        Some(Stance::SupportsWithReservation) => "rec.stance.reservation",
        Some(Stance::Against) => "rec.stance.against",
        Some(Stance::Undecided) => "rec.stance.undecided",
        Some(Stance::Absent) => "rec.stance.absent",
        None => "rec.stance.open",
    })
}

/// "Motion" or "amendment".
pub fn motion_kind_text(k: MotionKind, lang: Lang) -> &'static str {
    lang.text(match k {
        MotionKind::Motion => "rec.motion",
        MotionKind::Amendment => "rec.amendment",
    })
}

/// The kind of a speech (contribution, answer, …).
pub fn speech_kind_text(k: SpeechKind, lang: Lang) -> &'static str {
    lang.text(match k {
        SpeechKind::Contribution => "ui.speech.contribution",
        SpeechKind::PublicSpeaking => "ui.speech.public",
        SpeechKind::Presentation => "ui.speech.presentation",
        SpeechKind::Answer => "ui.speech.answer",
        SpeechKind::PointOfOrder => "ui.speech.point_of_order",
        SpeechKind::Interruption => "ui.speech.interruption",
    })
}
