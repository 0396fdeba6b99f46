//! Words for what the engine knows: speakers, kinds, events, refusals.
//! Every text comes from the catalogue in `assets/i18n`.

use crate::i18n::Lang;
use crate::meeting::{Event, Refusal, Speaker};
use crate::session::SessionPlan;

/// The name to show for a speaker.
pub fn name(s: &Speaker, plan: &SessionPlan) -> String {
    match s {
        Speaker::Faction { name: Some(n), .. } => n.clone(),
        Speaker::Faction {
            faction,
            name: None,
        } => faction_name(faction, plan),
        // "dhr. Methorst", as the chair calls them.
        Speaker::Public {
            name, salutation, ..
        } => crate::export::with_space(salutation.as_deref().unwrap_or_default(), name),
        Speaker::College { name, .. }
        | Speaker::Presenter { name, .. }
        | Speaker::Official { name, .. }
        | Speaker::Representative { name, .. }
        | Speaker::Chair { name } => name.clone(),
    }
}

/// The faction's full name, or its code when the session does not know it.
pub fn faction_name(code: &str, plan: &SessionPlan) -> String {
    plan.factions
        .iter()
        .find(|f| f.short == code)
        .map_or_else(|| code.to_owned(), |f| f.name.clone())
}

/// The second line under a speaker's name: faction, organisation or role.
pub fn affiliation(s: &Speaker, lang: Lang, plan: &SessionPlan) -> String {
    match s {
        Speaker::Faction { faction, name } => {
            let known = plan.factions.iter().any(|f| &f.short == faction);
            let unknown = if known { "" } else { lang.text("ui.unknown") };
            match name {
                Some(_) => format!("{} {faction}{unknown}", lang.text("ui.kind.faction")),
                None => format!("{faction}{unknown}"),
            }
        }
        Speaker::Public { organisation, .. } => organisation.clone().unwrap_or_default(),
        // "Voorzitter, Rekenkamercommissie Hengelo".
        Speaker::Presenter {
            organisation,
            function,
            ..
        } => crate::export::function_and_organisation(
            function.as_deref().unwrap_or_default(),
            organisation.as_deref().unwrap_or_default(),
        ),
        Speaker::College { role, .. } => role.clone(),
        Speaker::Official { function, .. } => function.clone().unwrap_or_default(),
        Speaker::Representative { faction, .. } => faction_name(faction, plan),
        Speaker::Chair { .. } => String::new(),
    }
}

/// The line under a speaker's name: kind, with faction, organisation or role.
pub fn who(s: &Speaker, lang: Lang, plan: &SessionPlan) -> String {
    let kind = speaker_kind(s, lang, plan);
    match s {
        Speaker::Faction { faction, name } => {
            let known = plan.factions.iter().any(|f| &f.short == faction);
            let unknown = if known { "" } else { lang.text("ui.unknown") };
            match name {
                Some(_) => format!("{kind} {faction}{unknown}"),
                None => format!("{kind}{unknown}"),
            }
        }
        _ => {
            let aff = affiliation(s, lang, plan);
            if aff.is_empty() || aff == kind {
                kind.to_owned()
            } else {
                format!("{kind} · {aff}")
            }
        }
    }
}

/// What kind of speaker this is, in words.
pub fn speaker_kind(s: &Speaker, lang: Lang, plan: &SessionPlan) -> &'static str {
    match s {
        Speaker::Faction { .. } => lang.text("ui.kind.faction"),
        Speaker::Public { .. } => lang.text("ui.kind.public"),
        Speaker::College { name, .. } if *name == plan.session.portfolio_holder => {
            lang.text("ui.kind.portfolio_holder")
        }
        Speaker::College { .. } => lang.text("ui.kind.college"),
        Speaker::Presenter { .. } => lang.text("ui.kind.presenter"),
        Speaker::Chair { .. } => lang.text("ui.kind.chair"),
        Speaker::Official { .. } => lang.text("ui.kind.official"),
        Speaker::Representative { .. } => lang.text("ui.kind.representative"),
    }
}

pub use crate::meeting::texts::speech_kind_text as speech_kind;

/// A short description of an event, e.g. for "undone: …".
pub fn event(e: &Event, lang: Lang, plan: &SessionPlan) -> String {
    let who = |s: &Speaker| name(s, plan);
    match e {
        Event::SessionOpened => lang.text("ev.opened").to_owned(),
        Event::SessionClosed => lang.text("ev.closed").to_owned(),
        Event::RecessStarted => lang.text("ev.recess_started").to_owned(),
        Event::RecessEnded => lang.text("ev.recess_ended").to_owned(),
        Event::SessionStarted { .. } => lang.text("ev.opened").to_owned(),
        Event::RecessStartedFor { minutes } => {
            lang.fill("ev.recess_started_for", &[("minutes", minutes)])
        }
        Event::ItemStarted { index, .. } => {
            let title = plan
                .session
                .agenda
                .get(*index)
                .map_or_else(|| format!("#{}", index + 1), |i| i.title.clone());
            lang.fill("ev.item", &[("title", &title)])
        }
        Event::SpeakerQueued { speaker } => lang.fill("ev.queued", &[("who", &who(speaker))]),
        Event::QueueMoved { .. } => lang.text("ev.moved").to_owned(),
        Event::QueueRemoved { .. } => lang.text("ev.removed").to_owned(),
        Event::QueueEdited { speaker, .. } => {
            lang.fill("ev.queue_edited", &[("who", &who(speaker))])
        }
        Event::SpeechStarted { speaker, .. } => lang.fill("ev.started", &[("who", &who(speaker))]),
        Event::SpeechPaused => lang.text("ev.paused").to_owned(),
        Event::SpeechResumed => lang.text("ev.resumed").to_owned(),
        Event::SpeechEnded => lang.text("ev.ended").to_owned(),
        Event::LimitAdjusted { delta_sec } => {
            lang.fill("ev.adjusted", &[("delta", &format!("{delta_sec:+} s"))])
        }
        Event::InterruptionStarted { speaker, .. } => {
            lang.fill("ev.interrupted", &[("who", &who(speaker))])
        }
        Event::InterruptionEnded => lang.text("ev.interruption_ended").to_owned(),
        Event::NoteAdded { .. } | Event::NoteEdited { .. } => lang.text("ev.note").to_owned(),
        Event::AdviceSet { .. } => lang.text("ev.advice").to_owned(),
        Event::PositionSet { faction, .. } => lang.fill("ev.position", &[("faction", faction)]),
        Event::CommitmentAdded { .. } | Event::CommitmentEdited { .. } => {
            lang.text("ev.commitment").to_owned()
        }
        Event::MotionAnnounced { .. } | Event::MotionEdited { .. } => {
            lang.text("ev.motion").to_owned()
        }
        Event::ActionPointAdded { .. } | Event::ActionPointEdited { .. } => {
            lang.text("ev.action_point").to_owned()
        }
        Event::OutcomeRemoved { .. } => lang.text("ev.outcome_removed").to_owned(),
        Event::ConclusionSet { .. } => lang.text("ev.conclusion").to_owned(),
        Event::PresenceSet { .. } => lang.text("ev.presence").to_owned(),
        Event::Undo { .. } => lang.text("ev.undo").to_owned(),
        Event::Redo { .. } => lang.text("ev.redo").to_owned(),
        Event::ClockStepped { drift_ms, .. } => lang.fill(
            "ev.clock_stepped",
            &[("drift", &crate::clock::drift_text(*drift_ms))],
        ),
    }
}

/// Why an action was refused, in words.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    let key = match r {
        Refusal::AlreadyOpen => "refusal.already_open",
        Refusal::NotOpen => "refusal.not_open",
        Refusal::Closed => "refusal.closed",
        Refusal::NoSpeech => "refusal.no_speech",
        Refusal::QueueEmpty => "refusal.queue_empty",
        Refusal::NoSuchEntry => "refusal.no_such_entry",
        Refusal::AlreadyInterrupted => "refusal.already_interrupted",
        Refusal::NoItem => "refusal.no_item",
        Refusal::NothingToUndo => "refusal.nothing_to_undo",
        Refusal::NothingToRedo => "refusal.nothing_to_redo",
        Refusal::AlreadyInRecess => "refusal.already_in_recess",
        Refusal::EmptyText => "refusal.empty_text",
        Refusal::InRecess => "refusal.in_recess",
        Refusal::NoLimit => "refusal.no_limit",
        Refusal::Journal(e) => return e.message(lang),
        Refusal::NotAllowed => "refusal.not_allowed",
        Refusal::Link(why) => return lang.fill("refusal.link", &[("why", why)]),
    };
    lang.text(key).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salutation_before_the_name_function_before_the_organisation() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sessions/2023-03-08-datagedreven-sturing.ron");
        let plan = crate::session::load_session(&path).unwrap().value;
        let public = Speaker::Public {
            name: "Methorst".into(),
            organisation: Some("stichting 't Neutje".into()),
            salutation: Some("dhr.".into()),
        };
        assert_eq!(name(&public, &plan), "dhr. Methorst");
        let presenter = Speaker::Presenter {
            name: "Louis Rings".into(),
            organisation: Some("Rekenkamercommissie Hengelo".into()),
            function: Some("Voorzitter".into()),
        };
        assert_eq!(
            affiliation(&presenter, Lang::Nl, &plan),
            "Voorzitter, Rekenkamercommissie Hengelo"
        );
        let bare = Speaker::Presenter {
            name: "Louis Rings".into(),
            organisation: None,
            function: Some("Voorzitter".into()),
        };
        assert_eq!(affiliation(&bare, Lang::Nl, &plan), "Voorzitter");
    }
}
