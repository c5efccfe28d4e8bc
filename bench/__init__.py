"""Benchmarks: each `bench_*.py` module has `run() -> list[dict]` rows with a named baseline measured in
the same run. `python -m bench` (or `make bench`) runs them all and prints one table."""
