//! The words the app uses, explained once, with the numbers taken from the rules in force (so a
//! user who changes a parameter reads the changed number here too) and the sources behind them.

use crate::rules::Params;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The anchor on the glossary page (`/glossary#window`).
    pub id: &'static str,
    pub term: &'static str,
    pub text: String,
    /// Source ids (`rules/sources.rs`).
    pub sources: &'static [&'static str],
}

/// The words in the app's sentences that link to each entry (by its id), lower case. They are
/// kept apart from the entries' text so that linking a sentence does not carry the whole
/// glossary into the first screen's code.
pub const PHRASES: &[(&str, &[&str])] = &[
    ("jss", &["jss"]),
    ("window", &["windows", "window"]),
    ("trending", &["trending"]),
    ("outcome", &["outcomes", "outcome"]),
    ("weight", &["weight"]),
    ("long-term", &["long-term"]),
    ("top-rated", &["top rated"]),
    ("silent-client", &["silent"]),
    (
        "simulated-future",
        &["simulated futures", "simulated future"],
    ),
    ("equally-good", &["equally good"]),
    ("escrow", &["escrow"]),
    ("feedback-window", &["feedback window"]),
];

/// Every entry, in reading order.
pub fn entries(p: &Params) -> Vec<Entry> {
    let stars = |h: u16| format!("{:.1}", f64::from(h) / 100.0);
    vec![
        Entry {
            id: "jss",
            term: "Job Success Score (JSS)",
            text: "Upwork's score of how often your clients ended up satisfied, shown as a whole percent. It is the best of four readings: the 24-month window, the 12-month window, the 6-month window, and the trending score. Upwork does not publish the exact formula; JSS Lab follows its documented rules and names every assumption.".to_owned(),
            sources: &["S5", "S7"],
        },
        Entry {
            id: "window",
            term: "Window",
            text: "A period counted back from today: 3, 6, 12 or 24 months. A contract's outcome is in a window while its outcome date is inside it, and leaves it when it is one day older; that is why scores change on days when nothing happens. A window counts only with enough outcomes from enough different clients.".to_owned(),
            sources: &["S1", "S9"],
        },
        Entry {
            id: "trending",
            term: "Trending score",
            text: "The average of the 3-month and 6-month windows. It lets recent good work lift the score quickly.".to_owned(),
            sources: &["S5"],
        },
        Entry {
            id: "outcome",
            term: "Outcome",
            text: format!(
                "What a contract counts as: positive (client feedback of {} stars or more, or a long-term relationship), negative (feedback below {} stars), neutral (in between), or left out (“excluded”: for example a contract ended without feedback, or an open one that is not long-term).",
                stars(p.positive_min_stars_hundredths),
                stars(p.negative_below_stars_hundredths)
            ),
            sources: &["S4", "S7", "S44"],
        },
        Entry {
            id: "weight",
            term: "Weight",
            text: format!(
                "How much one outcome counts: more for larger contracts (1 up to {}, {} from {}, {} above {}), plus one for every complete {}-day period with a payment, at most {} in all.",
                p.tier_1_max,
                p.tier_2_weight,
                p.tier_1_max,
                p.tier_3_weight,
                p.tier_2_max,
                p.length_bonus_period_days,
                p.max_weight
            ),
            sources: &["S7"],
        },
        Entry {
            id: "long-term",
            term: "Long-term relationship",
            text: format!(
                "A contract paid on dates spanning at least {} days with no gap longer than {} days between payments. Ended without feedback, it still counts as positive{}.",
                p.long_term_min_span_days,
                p.long_term_max_gap_days,
                if p.long_term_counts_positive { "" } else { " (switched off in your settings)" }
            ),
            sources: &["S7", "S8"],
        },
        Entry {
            id: "top-rated",
            term: "Top Rated",
            text: format!(
                "Upwork's badge: a JSS of {}% or more now and in {} of the last {} weekly checks (Saturdays), {} earned in the last 12 months, and a first contract more than {} days ago.",
                p.top_rated_min_jss,
                p.top_rated_weeks_required,
                p.top_rated_weeks_window,
                p.top_rated_min_earnings,
                p.top_rated_first_contract_days
            ),
            sources: &["S100", "S101"],
        },
        Entry {
            id: "silent-client",
            term: "Silent client",
            text: format!(
                "An open contract whose client has not paid, funded or released anything for {} days or more. Upwork itself warns the client of an idle hourly contract at {} days; JSS Lab uses this to ask you what to do.",
                p.client_silent_days, p.hourly_inactivity_warning_days
            ),
            sources: &["S20", "S2"],
        },
        Entry {
            id: "simulated-future",
            term: "Simulated future",
            text: "One run of what could happen next: each client comes back or not, leaves feedback or not, with a rating drawn from the behaviour you assume. JSS Lab runs thousands of them per strategy; “95 of 100 simulated futures” means 95% of those runs. The same seed always gives the same runs.".to_owned(),
            sources: &[],
        },
        Entry {
            id: "equally-good",
            term: "Equally good",
            text: format!(
                "Two strategies whose chances differ by less than {} in 100, or by less than the simulation's own sampling error, are called equally good: another seed could put either one first.",
                crate::simulate::recommend::MATERIAL_POINTS
            ),
            sources: &[],
        },
        Entry {
            id: "escrow",
            term: "Escrow",
            text: format!(
                "Money a client funds for a fixed-price milestone before the work. It is released to the freelancer on approval (or automatically {} days after the work is submitted without a review), or refunded to the client.",
                p.fp_review_days
            ),
            sources: &["S12", "S13"],
        },
        Entry {
            id: "feedback-window",
            term: "Feedback window",
            text: format!(
                "The {} days after a contract ends during which both sides may leave feedback. It is double-blind: neither sees the other's until both have left it or the window closes.",
                p.feedback_window_days
            ),
            sources: &["S28b", "S22"],
        },
    ]
}

/// A piece of a sentence: plain text, or a glossary term with its entry's anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Term { text: String, anchor: &'static str },
}

/// Splits `text` so that the first use of each glossary term can link to its entry. Terms are
/// matched whole-word and case-insensitively, longest phrase first, so "simulated futures"
/// wins over a shorter phrase inside it and "feedback window" over "window".
pub fn segments(text: &str) -> Vec<Segment> {
    let mut phrases: Vec<(&'static str, &'static str)> = PHRASES
        .iter()
        .flat_map(|(id, phrases)| phrases.iter().map(move |p| (*p, *id)))
        .collect();
    phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    // Only ASCII is lower-cased, so byte positions in `lower` are positions in `text`.
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for (phrase, anchor) in phrases {
        if found.iter().any(|(_, _, a)| *a == anchor) {
            continue;
        }
        let hit = lower.match_indices(phrase).find(|(at, _)| {
            let end = at + phrase.len();
            let clear_before = *at == 0 || !is_word(bytes[at - 1]);
            let clear_after = end >= bytes.len() || !is_word(bytes[end]);
            let free = found.iter().all(|(s, e, _)| end <= *s || *at >= *e);
            clear_before && clear_after && free
        });
        if let Some((at, _)) = hit {
            found.push((at, at + phrase.len(), anchor));
        }
    }
    found.sort_unstable();
    let mut out = Vec::new();
    let mut pos = 0;
    for (start, end, anchor) in found {
        if start > pos {
            out.push(Segment::Text(text[pos..start].to_owned()));
        }
        out.push(Segment::Term {
            text: text[start..end].to_owned(),
            anchor,
        });
        pos = end;
    }
    if pos < text.len() {
        out.push(Segment::Text(text[pos..].to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Era;

    #[test]
    fn numbers_follow_the_rules_in_force() {
        let mut p = Params::for_era(Era::Current);
        let text = |p: &Params, id: &str| {
            entries(p)
                .into_iter()
                .find(|e| e.id == id)
                .map(|e| e.text)
                .unwrap_or_default()
        };
        assert!(text(&p, "feedback-window").starts_with("The 14 days"));
        p.feedback_window_days = 10;
        assert!(text(&p, "feedback-window").starts_with("The 10 days"));
        assert!(text(&p, "silent-client").contains("for 30 days"));
    }

    #[test]
    fn each_term_links_once_and_longer_phrases_win() {
        let got = segments(
            "In 95 of 100 simulated futures your JSS is 90% and you are Top Rated; the window, the window. “Café” stays whole.",
        );
        let terms: Vec<(String, &str)> = got
            .iter()
            .filter_map(|s| match s {
                Segment::Term { text, anchor } => Some((text.clone(), *anchor)),
                Segment::Text(_) => None,
            })
            .collect();
        assert_eq!(
            terms,
            vec![
                ("simulated futures".to_owned(), "simulated-future"),
                ("JSS".to_owned(), "jss"),
                ("Top Rated".to_owned(), "top-rated"),
                ("window".to_owned(), "window"),
            ]
        );
        // The pieces put back together are the text.
        let joined: String = got
            .iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Term { text: t, .. } => t.as_str(),
            })
            .collect();
        assert!(joined.ends_with("“Café” stays whole."));
        // A term inside a longer word is not a term.
        assert_eq!(
            segments("a windowsill"),
            vec![Segment::Text("a windowsill".to_owned())]
        );
    }

    #[test]
    fn every_entry_has_phrases_and_every_phrase_an_entry() {
        let ids: Vec<&str> = entries(&Params::for_era(Era::Current))
            .iter()
            .map(|e| e.id)
            .collect();
        let linked: Vec<&str> = PHRASES.iter().map(|(id, _)| *id).collect();
        assert_eq!(linked, ids, "PHRASES lists the entries in their order");
        for (id, phrases) in PHRASES {
            assert!(!phrases.is_empty(), "{id} has no phrase");
            assert!(
                phrases.iter().all(|p| *p == p.to_lowercase()),
                "{id}: phrases are lower case"
            );
        }
    }

    #[test]
    fn every_cited_source_exists() {
        let p = Params::for_era(Era::Current);
        for e in entries(&p) {
            for id in e.sources {
                assert!(
                    crate::rules::sources::source(id).is_some(),
                    "{}: {id}",
                    e.id
                );
            }
        }
    }
}
