//! actors.
