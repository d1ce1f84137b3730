//! Benchmarks of the extraction pipeline.

fn main() {}
