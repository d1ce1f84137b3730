//! Identifiers: one newtype per kind of stored thing, so a claim's id cannot be passed where an
//! actor's is wanted. Each wraps the database's 64-bit row id, prints as that number, and is
//! written in JSON and URLs as that number.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

macro_rules! ids {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {
        $(
            $(#[$meta])*
            #[derive(
                Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
                utoipa::ToSchema,
            )]
            #[serde(transparent)]
            #[schema(value_type = i64)]
            pub struct $name(i64);

            impl $name {
                /// The id of the row with this database id.
                pub const fn new(id: i64) -> Self {
                    $name(id)
                }

                /// The database id.
                pub const fn get(self) -> i64 {
                    self.0
                }
            }

            impl fmt::Display for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    self.0.fmt(f)
                }
            }

            impl FromStr for $name {
                type Err = ParseIntError;

                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    s.parse().map($name)
                }
            }

            impl From<$name> for i64 {
                fn from(id: $name) -> i64 {
                    id.0
                }
            }
        )+
    };
}

ids!(
    /// A situation.
    SituationId,
    /// A stored source (an article or an analyst's note).
    SourceId,
    /// A dated section of a source.
    ObservationId,
    /// A claim.
    ClaimId,
    /// An actor of a situation.
    ActorId,
    /// A relation between two actors.
    RelationId,
    /// A prediction.
    PredictionId,
    /// A resolution of a prediction.
    ResolutionId,
    /// An extraction warning.
    WarningId,
    /// A revision (one recorded change).
    RevisionId,
    /// An account.
    UserId,
    /// An API token.
    TokenId,
    /// A dispute between two claims.
    DisputeId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_numbers_outside() {
        let id = ClaimId::new(42);
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!("42".parse::<ClaimId>().unwrap(), id);
        assert!("x".parse::<ActorId>().is_err());
        assert_eq!(i64::from(id), 42);
    }
}
