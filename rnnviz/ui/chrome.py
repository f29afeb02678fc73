"""Streamlit's own chrome in the learner's language.

Streamlit 1.67 writes its own words in English only. In another language, what the app does not need goes:
a file uploader's "10MB per file • CSV" (each uploader's label says its limit) and the "Running..." status
with its Stop button (a page says what it computes). What the app needs says it in the learner's words,
written over Streamlit's by a stylesheet (rnnviz/i18n/chrome.py): the uploader's button, "Press Enter to
apply" under a number or text being typed (the first of an input's instructions; a count of characters
follows it), each chart tool's tooltip (Plotly draws it from the button's data-title), "No results" in a
list filtered by typing, and the link a keyboard's first Tab shows. The Deploy button and the menu are off for everyone (.streamlit/config.toml).
"""
from __future__ import annotations

import streamlit as st

from rnnviz.i18n import STRINGS
from rnnviz.ui.session import lang, tr

TOOL = "chrome.tool."          # string keys of the chart tools: the rest is Plotly's data-title

_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"], [data-testid="stStatusWidget"] { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
    content: "{upload}"; font-size: 1rem; }
[data-testid="InputInstructions"] > span:first-child { font-size: 0; }
[data-testid="InputInstructions"] > span:first-child::after { content: "{enter}"; font-size: 0.75rem; }
[data-testid="stTextArea"] [data-testid="InputInstructions"] > span:first-child::after { content: "{ctrl_enter}"; }
[role="listbox"][data-empty="true"] [role="option"] > span { font-size: 0; }
[role="listbox"][data-empty="true"] [role="option"] > span::after { content: "{no_results}"; font-size: 1rem; }
[data-testid="stSkipToContent"] { font-size: 0 !important; }
[data-testid="stSkipToContent"]::after { content: "{skip}"; font-size: 1rem; }
{tools}
</style>"""


def stylesheet() -> str:
    """The stylesheet that puts the learner's words in place of Streamlit's."""
    tools = "\n".join(f'.js-plotly-plot .plotly .modebar-btn[data-title="{key[len(TOOL):]}"]::after '
                      f'{{ content: "{tr(key)}" !important; }}' for key in STRINGS if key.startswith(TOOL))
    words = {"upload": "chrome.upload", "enter": "chrome.press_enter", "ctrl_enter": "chrome.press_ctrl_enter",
             "skip": "chrome.skip_to_content", "no_results": "chrome.no_results"}
    css = _CSS.replace("{tools}", tools)
    for name, key in words.items():
        css = css.replace("{" + name + "}", tr(key))
    return css


def in_learners_language() -> None:
    """Streamlit's chrome in the session's language (English is Streamlit's own: nothing to do)."""
    if lang() != "en":
        st.html(stylesheet())
