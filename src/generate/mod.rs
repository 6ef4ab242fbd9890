//! Synthetic but realistic data sets (employees and positions of a city), deterministic per
//! seed: the example city, benchmarks, and anyone trying the tool at scale.
