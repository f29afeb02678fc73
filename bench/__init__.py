"""Benchmarks: each prints its figures against bare PyTorch (or a bare Streamlit app) measured in the same
run. Run one from the repository's root as a module, e.g. `python -m bench.bench_trace`; what they share
with the tests (server, Chromium, wire sessions) is in testkit/. docs/performance.md lists them."""
