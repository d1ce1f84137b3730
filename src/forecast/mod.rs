//! Forecasts: the versioned hedge-word lexicon that turns words into probabilities, and (in later
//! work) resolution and scoring.

pub mod lexicon;

pub use lexicon::{
    DEFAULT_HORIZON_DAYS, Hedge, HedgeMatch, LEXICON_VERSION, find_hedges, find_hedges_in,
};
