//! The actor-relation graph.
