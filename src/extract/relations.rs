//! relations.
