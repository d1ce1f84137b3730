//! Forecasts: the versioned hedge-word lexicon that turns words into probabilities, and the
//! scores of resolved forecasts (Brier, log, skill, reliability, per-hedge calibration).

pub mod lexicon;
pub mod scoring;

pub use lexicon::{
    DEFAULT_HORIZON_DAYS, Hedge, HedgeMatch, LEXICON_VERSION, find_hedges, find_hedges_in,
};
