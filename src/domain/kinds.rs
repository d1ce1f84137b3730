//! Closed vocabularies. Each enum has one canonical snake_case spelling, used in JSON, in the
//! database and in URLs, so `as_str` and `FromStr` are the only conversions anyone needs.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The spelling given was not one of the vocabulary's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} {given:?}; expected one of: {expected}")]
pub struct UnknownWord {
    /// Which vocabulary was asked (for example `actor kind`).
    pub vocabulary: &'static str,
    /// The word that was given.
    pub given: String,
    /// The accepted words, comma separated.
    pub expected: String,
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $label:literal { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every word of this vocabulary, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($word => Ok($name::$variant),)+
                    _ => Err(UnknownWord {
                        vocabulary: $label,
                        given: s.to_string(),
                        expected: [$($word),+].join(", "),
                    }),
                }
            }
        }
    };
}

vocabulary!(
    /// What sort of actor this is.
    ActorKind, "actor kind" {
        /// A sovereign state.
        State => "state",
        /// An organisation: international body, ministry, company, party, armed force.
        Organisation => "organisation",
        /// A named person.
        Person => "person",
        /// An informal group (protesters, militants).
        Group => "group",
        /// A place (a city, a region); not scored as an actor but kept for context.
        Location => "location",
    }
);

vocabulary!(
    /// What a claim is.
    ClaimKind, "claim kind" {
        /// Something an actor said, attributed to them.
        Statement => "statement",
        /// Something that happened, told by the author.
        Event => "event",
        /// The author's own judgement.
        Assessment => "assessment",
        /// A forward-looking, usually hedged, claim.
        Prediction => "prediction",
    }
);

vocabulary!(
    /// How the text commits to a claim.
    Modality, "modality" {
        /// Stated as fact.
        Asserted => "asserted",
        /// Reported as someone else's word.
        Reported => "reported",
        /// Denied by its speaker.
        Denied => "denied",
        /// Conditional or hedged.
        Hypothetical => "hypothetical",
    }
);

vocabulary!(
    /// Where a draft stands in the analyst's review.
    ReviewState, "review state" {
        /// Extracted, not yet reviewed.
        Draft => "draft",
        /// Accepted by an analyst.
        Accepted => "accepted",
        /// Rejected by an analyst (kept, never deleted).
        Rejected => "rejected",
    }
);

vocabulary!(
    /// The part an actor plays in a claim.
    MentionRole, "mention role" {
        /// The actor who said it.
        Speaker => "speaker",
        /// The actor the claim is about, usually the grammatical subject.
        Subject => "subject",
        /// The actor acted upon.
        Object => "object",
        /// Mentioned in passing.
        Mentioned => "mentioned",
    }
);

vocabulary!(
    /// The sign of a relation between two actors.
    Polarity, "polarity" {
        /// Support, request, alliance.
        Cooperative => "cooperative",
        /// Threat, clash, contradiction.
        Hostile => "hostile",
        /// Membership or office: spokesman of, president of.
        Affiliation => "affiliation",
        /// Contact without a sign.
        Neutral => "neutral",
    }
);

vocabulary!(
    /// Where a prediction stands.
    PredictionStatus, "prediction status" {
        /// Read by the extractor (or entered) and not yet reviewed by an analyst.
        Draft => "draft",
        /// Not yet due.
        Open => "open",
        /// Past its due date without a resolution.
        Due => "due",
        /// Resolved with an outcome.
        Resolved => "resolved",
        /// Withdrawn by its forecaster; kept, not scored.
        Withdrawn => "withdrawn",
        /// Cannot be scored (no testable wording).
        Unscorable => "unscorable",
    }
);

vocabulary!(
    /// How a prediction resolved.
    Outcome, "outcome" {
        /// It happened.
        Yes => "yes",
        /// It did not happen.
        No => "no",
        /// Evidence does not decide it.
        Ambiguous => "ambiguous",
        /// The question itself no longer applies.
        Annulled => "annulled",
    }
);

vocabulary!(
    /// Where a prediction's probability came from.
    ProbabilityOrigin, "probability origin" {
        /// The hedge lexicon (its version is stored beside the number).
        Lexicon => "lexicon",
        /// A number written in the text ("a 30% chance").
        Explicit => "explicit",
        /// An analyst's judgement.
        Analyst => "analyst",
    }
);

vocabulary!(
    /// The role of an analyst account.
    UserRole, "user role" {
        /// Can import, edit, review and resolve.
        Analyst => "analyst",
        /// Can read only.
        Reader => "reader",
    }
);

vocabulary!(
    /// The format a source's text was read as.
    #[derive(Default)]
    DocumentFormat, "document format" {
        /// Plain text.
        #[default]
        Text => "text",
        /// HTML.
        Html => "html",
        /// Markdown.
        Markdown => "markdown",
    }
);

vocabulary!(
    /// The sort of inconsistency an extraction warning reports.
    WarningKind, "warning kind" {
        /// A claim dated after the observation that reports it.
        ClaimAfterObservation => "claim_after_observation",
        /// A time expression that could not be resolved to a date.
        UnresolvedDate => "unresolved_date",
        /// A name that could be two different actors.
        AmbiguousActor => "ambiguous_actor",
        /// A partial date whose year had to be guessed.
        GuessedYear => "guessed_year",
    }
);

vocabulary!(
    /// What a source is.
    #[derive(Default)]
    SourceKind, "source kind" {
        /// An article, report or note written elsewhere, pasted or imported.
        #[default]
        Article => "article",
        /// An analyst's own dated observation, written in Sitrep; the analyst is its author.
        AnalystNote => "analyst_note",
    }
);

vocabulary!(
    /// What sort of stored thing a revision concerns.
    RevisedEntity, "revised entity" {
        /// A situation.
        Situation => "situation",
        /// A source.
        Source => "source",
        /// An observation.
        Observation => "observation",
        /// An actor.
        Actor => "actor",
        /// A claim.
        Claim => "claim",
        /// A relation.
        Relation => "relation",
        /// A prediction.
        Prediction => "prediction",
        /// A resolution.
        Resolution => "resolution",
        /// A warning.
        Warning => "warning",
        /// A dispute between two claims.
        Dispute => "dispute",
    }
);

vocabulary!(
    /// What a revision did.
    RevisionAction, "revision action" {
        /// The thing was created.
        Created => "created",
        /// Its fields were changed.
        Edited => "edited",
        /// Its review state was set (accepted, rejected).
        Reviewed => "reviewed",
        /// It was soft-deleted.
        Deleted => "deleted",
        /// A soft delete was undone.
        Restored => "restored",
        /// An earlier revision was undone.
        Reverted => "reverted",
        /// Two actors were merged into one.
        Merged => "merged",
        /// A merge was undone, or mentions moved to a new actor.
        Split => "split",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_round_trips() {
        for kind in ActorKind::ALL {
            assert_eq!(kind.as_str().parse::<ActorKind>(), Ok(*kind));
        }
        for outcome in Outcome::ALL {
            assert_eq!(outcome.as_str().parse::<Outcome>(), Ok(*outcome));
        }
    }

    #[test]
    fn unknown_word_names_the_choices() {
        let err = "army".parse::<ActorKind>().unwrap_err();
        assert!(err.to_string().contains("state, organisation, person"));
    }

    #[test]
    fn serde_uses_the_canonical_word() {
        assert_eq!(
            serde_json::to_string(&Polarity::Hostile).unwrap(),
            "\"hostile\""
        );
    }
}
