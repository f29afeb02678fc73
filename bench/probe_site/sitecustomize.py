"""Imported by Python at start-up when this folder is on PYTHONPATH: installs bench/server_probe.py in a
Streamlit server a benchmark starts (only when RNNVIZ_PROBE_LOG names its log)."""
import os

if os.environ.get("RNNVIZ_PROBE_LOG"):
    from bench import server_probe

    server_probe.install(os.environ["RNNVIZ_PROBE_LOG"])

if os.environ.get("RNNVIZ_PROBE_SWITCH"):          # a trial: the interpreter's switch interval, in seconds
    import sys

    sys.setswitchinterval(float(os.environ["RNNVIZ_PROBE_SWITCH"]))
