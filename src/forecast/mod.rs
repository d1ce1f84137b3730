//! Forecasts: the hedge-word probability lexicon, resolution and scoring.
