"""Shareable experiments: every knob of the experiment (and the language, projector mode and training
pace) lives in the URL's query parameters. Opening such a link restores the same experiment on any page; a parameter
that is unknown or invalid is ignored with a visible notice, never a crash.

A teacher's link for a class may also hide controls the lesson does not need, as TensorFlow Playground's
URL flags do: `hide=sidebar,pace` (HIDEABLE lists them). Page parameters (`lesson=5`) stay in the URL as they
are: they say what a page shows, not the experiment."""
from __future__ import annotations

import re
import string
from urllib.parse import urlencode

import streamlit as st

from rnnviz.config import ExperimentConfig, URL_ONLY, from_query_params, to_query_params
from rnnviz.i18n import LANGUAGES
from rnnviz.live.speed import DEFAULT_PACE, pace_from_url, pace_to_url
from rnnviz.setting_error import SettingError
from rnnviz.ui import sidebar
from rnnviz.ui.session import PACE, lang, pace, projector, tr

_RESTORED = "url.restored"
_NOTICES = "url.notices"
_LINKED = "url.linked_config"      # the experiment the sidebar drew from the link, which its notices are about
_HIDDEN = "url.hidden"
# controls a class link may hide: the whole sidebar (experiment, language, projector and page menu), the page
# menu alone, the Train controls' pace selector, the lesson page's lesson selector and its class-link panel
HIDEABLE = ("sidebar", "nav", "pace", "lessons", "class_link")
PAGE_PARAMS = ("lesson",)     # a page's own parameters, kept in the URL as they are
_HIDDEN_CSS = {
    "sidebar": '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], '
               '[data-testid="stExpandSidebarButton"] { display: none !important; }',
    # every pace selector (rnnviz/ui/train_controls.py's PACE_SELECTORS: the Train page's, the Compare page's two)
    "pace": ".st-key-train-pace, .st-key-compare-pace, .st-key-compare-sweep_pace { display: none !important; }",
}


def hide_from_url(text: str, lang: str | None = None) -> tuple[tuple[str, ...], list[str]]:
    """The controls `hide=a,b` names (in HIDEABLE's order), and a notice for each name it does not know: in
    the learner's words in `lang`, in English without."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    refusals = [SettingError(f"hide={name!r} is invalid: allowed are {', '.join(HIDEABLE)}", "hide", name, "choice",
                             choices=HIDEABLE) for name in names if name not in HIDEABLE]
    notices = [str(error) if lang is None else error.message(lang) for error in refusals]
    return tuple(name for name in HIDEABLE if name in names), notices


def hidden(control: str) -> bool:
    """Whether the link that opened this session hides `control` (one of HIDEABLE)."""
    return control in st.session_state.get(_HIDDEN, ())


def hide_controls() -> None:
    """Hide, with CSS, the controls the link asks to hide that are drawn whatever the page (the sidebar, the
    pace selector); the page menu and the lesson page's own controls ask hidden() before drawing."""
    rules = [_HIDDEN_CSS[name] for name in st.session_state.get(_HIDDEN, ()) if name in _HIDDEN_CSS]
    if rules:
        st.html("<style>" + "\n".join(rules) + "</style>")


def class_link(base_url: str, page: str, config: ExperimentConfig, language: str, hide=(), projector_on=False,
               **page_params) -> str:
    """A link that opens `page` (its URL path, "" for the default page) with this experiment, language and
    projector mode, these page parameters (lesson=5) and these controls hidden (HIDEABLE)."""
    unknown = set(hide) - set(HIDEABLE)
    if unknown:
        raise ValueError(f"cannot hide {', '.join(sorted(unknown))}: allowed are {', '.join(HIDEABLE)}")
    params = {**{k: str(v) for k, v in page_params.items()}, **to_query_params(config), "lang": language}
    if projector_on:
        params["projector"] = "1"
    if hide:
        params["hide"] = ",".join(name for name in HIDEABLE if name in hide)
    return f"{base_url.rstrip('/')}/{page}?{urlencode(params, safe=',')}"


def restore_from_url(default: ExperimentConfig) -> None:
    """On a session's first run, start from the experiment the URL describes (else `default`)."""
    if _RESTORED in st.session_state:
        return
    st.session_state[_RESTORED] = True
    params = st.query_params.to_dict()
    notices = []
    if "lang" in params:
        if params["lang"] in LANGUAGES:
            st.session_state["lang"] = params["lang"]
        else:
            notices.append(SettingError(f"lang={params['lang']!r} is invalid: allowed is one of "
                                        f"{', '.join(LANGUAGES)}", "lang", params["lang"], "choice",
                                        choices=tuple(LANGUAGES)).message(lang()))
    if "projector" in params:
        st.session_state["projector"] = params["projector"].lower() in ("1", "true")
    if "pace" in params:
        try:
            st.session_state[PACE] = pace_from_url(params["pace"])
        except SettingError as error:
            notices.append(error.message(lang()))
    if "hide" in params:
        st.session_state[_HIDDEN], hide_notices = hide_from_url(params["hide"], lang())
        notices += hide_notices
    params = {name: value for name, value in params.items() if name not in ("hide", *PAGE_PARAMS)}
    config = default
    if set(params) - set(URL_ONLY):
        config, config_notices = from_query_params(params, lang())
        notices += config_notices
    sidebar.init_state(config)
    st.session_state[_NOTICES] = notices


_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# where Markdown (GitHub's flavour, as Streamlit reads it) makes a link of bare text, escapes or not:
# http://..., www...., a@b.c; an invisible word joiner after them breaks the pattern, not the text shown
_BARE_LINK = re.compile(r"(://|www\.|@)", re.IGNORECASE)
_WORD_JOINER = "\u2060"
_SPACES = re.compile(r"[^\S\u00a0]+")


def plain_text(text) -> str:
    """`text` (from a link or a file: anyone may have written it) as Markdown that shows it as it is: every
    ASCII punctuation mark escaped, so no link, image, emphasis or HTML comes of it; no bare address made
    a link; on one line, so it starts no heading or list. A parameter `![x](http://host/p.png)` would
    otherwise make every visitor's browser fetch that address."""
    text = _SPACES.sub(" ", str(text)).strip()      # one line; a number's no-break space (12 345) kept
    text = _BARE_LINK.sub(lambda found: found.group(1)[0] + _WORD_JOINER + found.group(1)[1:], text)
    return _PUNCTUATION.sub(r"\\\1", text)


def show_notices(config: ExperimentConfig | None) -> None:
    """Say which URL parameters were ignored and why (as plain text: a link's author wrote them), while the
    experiment is still the one the link made. Shown on the first run only, the notice was gone half a
    second later: the Train page reruns itself to draw its empty chart. The learner's first change to the
    experiment takes it away."""
    notices = st.session_state.get(_NOTICES)
    if not notices:
        return
    if config != st.session_state.setdefault(_LINKED, config):
        del st.session_state[_NOTICES]
        return
    listed = "\n".join(f"- {plain_text(notice)}" for notice in notices)
    st.warning(tr("url.ignored", count=len(notices)) + "\n\n" + listed, icon=":material/link_off:")


def write_to_url(config: ExperimentConfig | None) -> None:
    """Keep the address bar describing the experiment now, so copying it shares it."""
    if config is None:
        return
    params = {**to_query_params(config), "lang": lang()}
    if projector():
        params["projector"] = "1"
    if pace() != DEFAULT_PACE:       # the default goes unsaid, as projector mode off
        params["pace"] = pace_to_url(pace())
    if st.session_state.get(_HIDDEN):
        params["hide"] = ",".join(st.session_state[_HIDDEN])
    params.update({name: st.query_params[name] for name in PAGE_PARAMS if name in st.query_params})
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
