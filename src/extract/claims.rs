//! claims.
