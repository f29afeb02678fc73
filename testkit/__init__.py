"""What the tests and the benchmarks share to drive the dashboard, importable from the repository's root
(pytest: `pythonpath` in pyproject.toml; a benchmark: `python -m bench.<script>`), without sys.path edits.

    streamlit_server  a `streamlit run app.py` on a free loopback port, and its quiet thread count
    chromium          Debian's headless Chromium through Playwright (never a downloaded browser)
    app_page          what a browser reads from the app: "script finished", the Train page's loss chart
    solo_run          the losses a solo run of a config trains: what a session must show
    wire_session      a Streamlit session driven over its websocket, drawing nothing
    proxy             learners through nginx in front of replicas (deploy/replicas.py): route cookies
    plotly_spec       numbers read back from a Plotly chart's JSON spec
    waiting           waiting for what a background thread does
"""
