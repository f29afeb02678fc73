"""Streamlit's own chrome in the learner's language.

Streamlit 1.67 writes its own words in English only. In another language, what the app does not need goes:
a file uploader's "10MB per file • CSV" (each uploader's label says its limit) and the "Running..." status
with its Stop button (a page says what it computes). What the app needs says it in the learner's words,
written over Streamlit's by a stylesheet (rnnviz/i18n/chrome.py): the uploader's button, "Press Enter to
apply" under a number or text being typed (the first of an input's instructions; a count of characters
follows it), each chart tool's tooltip (Plotly draws it from the button's data-title), "No results" in a
list filtered by typing, and the link a keyboard's first Tab shows. The Deploy button and the menu are off for everyone (.streamlit/config.toml).
A table's toolbar (download as CSV, search, full screen: its tooltips English) goes too: the app's tables are
a few rows the page explains.

What a screen reader reads (aria-label: "Help for Tarea", a number's "Increment", a chart tool's name) and a
field's placeholder no stylesheet can change: a small script in the page replaces Streamlit's words with the
learner's, on every element as it appears (a MutationObserver), and back to Streamlit's English on an English
page, so switching the language mid-session leaves none of the other behind.
"""
from __future__ import annotations

import json
import re

import streamlit as st

from rnnviz.i18n import STRINGS
from rnnviz.ui.session import lang, tr

TOOL = "chrome.tool."          # string keys of the chart tools: the rest is Plotly's data-title
# string keys of Streamlit's labels: whole, their start and their end
LABEL, PREFIX, SUFFIX = "chrome.label.", "chrome.prefix.", "chrome.suffix."
TEXT = "chrome.text."           # string keys of sentences Streamlit writes in the page, {value} in them
SCRIPT_KEY = "rnnviz-chrome-words"                     # the container of the script, hidden

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
[data-testid="stDataFrame"] > [data-testid="stElementToolbar"] { display: none; }
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


# Replaces, in every aria-label, placeholder and title of the page, a label Streamlit wrote (words), its start
# (prefixes) or its end (suffixes) with the learner's words; one observer per browser tab, whose words the
# newest script run sets
_SCRIPT = """<script>
(() => {
  const chrome = window.rnnvizChrome = window.rnnvizChrome || {};
  chrome.words = %s;
  chrome.prefixes = %s;
  chrome.suffixes = %s;
  chrome.texts = %s.map(([pattern, put]) => [new RegExp(pattern), put]);
  const names = ["aria-label", "placeholder", "title"];
  const translate = element => {
    for (const name of names) {
      const said = element.getAttribute(name);
      if (!said) continue;
      let put = chrome.words[said];
      if (put === undefined) {
        const prefix = Object.keys(chrome.prefixes).find(start => said.startsWith(start));
        if (prefix !== undefined) put = chrome.prefixes[prefix] + said.slice(prefix.length);
      }
      if (put === undefined) {
        const suffix = Object.keys(chrome.suffixes).find(end => said.endsWith(end));
        if (suffix !== undefined) put = said.slice(0, said.length - suffix.length) + chrome.suffixes[suffix];
      }
      if (put !== undefined && put !== said) element.setAttribute(name, put);
    }
  };
  const retext = node => {      // a sentence is the whole text of its element (React writes "Error: " apart)
    const element = node.parentElement;
    if (!element || [...element.childNodes].some(child => child.nodeType !== 3)) return;
    for (const [pattern, put] of chrome.texts)
      if (pattern.test(element.textContent)) {
        element.textContent = element.textContent.replace(pattern, put);
        return;
      }
  };
  const sweep = node => {
    if (node.nodeType === 3) return retext(node);
    if (node.nodeType !== 1) return;
    translate(node);
    node.querySelectorAll("[aria-label], [placeholder], [title]").forEach(translate);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) retext(walker.currentNode);
  };
  sweep(document.body);
  if (!chrome.observer) {
    chrome.observer = new MutationObserver(changes => changes.forEach(change =>
      change.type === "attributes" ? translate(change.target) :
      change.type === "characterData" ? retext(change.target) : change.addedNodes.forEach(sweep)));
    chrome.observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                            attributeFilter: names, characterData: true});
  }
})();
</script>"""


def label_words(language: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Streamlit's labels -> the learner's words for `language`: whole labels, their starts and their ends; for
    English, the other languages' words back to Streamlit's own."""
    words, prefixes, suffixes = {}, {}, {}
    for key, entry in STRINGS.items():
        for start, found in ((LABEL, words), (PREFIX, prefixes), (SUFFIX, suffixes)):
            if key.startswith(start):
                english = key[len(start):]
                if language == "en":
                    found.update({said: english for lang_, said in entry.items() if lang_ != "en" and said != english})
                else:
                    found[english] = entry.get(language, english)
    tools = {key[len(TOOL):]: entry for key, entry in STRINGS.items() if key.startswith(TOOL)}
    for english, entry in tools.items():       # a chart tool's name for a screen reader: as its tooltip says
        if language == "en":
            words.update({said: english for lang_, said in entry.items() if lang_ != "en" and said != english})
        else:
            words[english] = entry.get(language, english)
    return words, prefixes, suffixes


def script(language: str) -> str:
    """The page script that puts `language`'s words in Streamlit's labels (our own words only: no one else's
    text reaches it)."""
    return _SCRIPT % (*(json.dumps(found, ensure_ascii=False) for found in label_words(language)),
                      json.dumps(sentences(language), ensure_ascii=False))


def sentences(language: str) -> list[tuple[str, str]]:
    """(a JavaScript pattern of a sentence Streamlit writes, its replacement in `language`) for each of
    them; none for English, Streamlit's own."""
    if language == "en":
        return []
    found = []
    for key, entry in STRINGS.items():
        if key.startswith(TEXT):
            pattern = "^(Error: )?" + re.escape(entry["en"]).replace(re.escape("{value}"), "(.+)") + "$"
            found.append((pattern, "$1" + entry.get(language, entry["en"]).replace("{value}", "$2")))
    return found


def in_learners_language() -> None:
    """Streamlit's chrome in the session's language: its stylesheet (English is Streamlit's own: none), and the
    script for its labels, in a container the page does not show."""
    if lang() != "en":
        st.html(stylesheet())
    st.html(f"<style>.st-key-{SCRIPT_KEY} {{ display: none; }}</style>")
    with st.sidebar.container(key=SCRIPT_KEY):
        st.html(script(lang()), unsafe_allow_javascript=True)
