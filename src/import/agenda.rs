//! The agenda `hamer import` proposes.

use crate::session::{Goal, Item, ItemKind};

/// A default agenda from the goal, the advice and the public speaking
/// right, fitting the duration.
pub fn default_agenda(goal: Goal, advice: &str, public: bool, duration: u32) -> Vec<Item> {
    let item = |title: &str, kind, planned_min, speaker_limit_min| Item {
        title: title.to_owned(),
        kind,
        planned_min,
        speaker_limit_min,
    };
    let mut agenda = vec![item("Opening", ItemKind::Opening, 2, None)];
    let advice = advice.to_lowercase();
    if advice.contains("presentatie") {
        let title = if advice.contains("rekenkamer") {
            "Presentatie Rekenkamer"
        } else {
            "Presentatie"
        };
        agenda.push(item(title, ItemKind::Presentation, 10, None));
    }
    if public {
        agenda.push(item("Insprekers", ItemKind::PublicSpeaking, 10, None));
    }
    let main = agenda.len();
    match goal {
        Goal::Oordeelsvormend => {
            agenda.push(item("Eerste termijn fracties", ItemKind::Round, 0, Some(3)));
            agenda.push(item(
                "Reactie portefeuillehouder",
                ItemKind::Response,
                10,
                None,
            ));
            agenda.push(item("Tweede termijn", ItemKind::Round, 5, Some(1)));
        }
        Goal::Beeldvormend | Goal::Informerend => {
            agenda.push(item("Vragenronde", ItemKind::Round, 0, None));
            agenda.push(item("Beantwoording", ItemKind::Response, 10, None));
        }
    }
    agenda.push(item("Conclusie voorzitter", ItemKind::Conclusion, 3, None));
    // The main round takes what is left; when that is too little, the
    // fixed items shrink in turn, never below a minute.
    let fixed: u32 = agenda.iter().map(|i| i.planned_min).sum();
    agenda[main].planned_min = duration.saturating_sub(fixed).max(5);
    let mut total: u32 = agenda.iter().map(|i| i.planned_min).sum();
    while total > duration {
        let Some(biggest) = agenda
            .iter_mut()
            .filter(|i| i.planned_min > 1)
            .max_by_key(|i| i.planned_min)
        else {
            break;
        };
        biggest.planned_min -= 1;
        total -= 1;
    }
    agenda
}
