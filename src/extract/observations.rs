//! observations.
