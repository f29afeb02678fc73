"""Shareable experiments: every knob of the experiment (and the language, projector mode and training
pace) lives in the URL's query parameters. Opening such a link restores the same experiment on any page; a parameter
that is unknown or invalid is ignored with a visible notice, never a crash."""
from __future__ import annotations

import streamlit as st

from rnnviz.config import ExperimentConfig, URL_ONLY, from_query_params, to_query_params
from rnnviz.i18n import LANGUAGES
from rnnviz.live.speed import DEFAULT_PACE, pace_from_url, pace_to_url
from rnnviz.ui import sidebar
from rnnviz.ui.session import PACE, lang, pace, projector, tr

_RESTORED = "url.restored"
_NOTICES = "url.notices"


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
            notices.append(f"lang={params['lang']!r} is invalid: allowed is one of {', '.join(LANGUAGES)}")
    if "projector" in params:
        st.session_state["projector"] = params["projector"].lower() in ("1", "true")
    if "pace" in params:
        try:
            st.session_state[PACE] = pace_from_url(params["pace"])
        except ValueError as error:
            notices.append(str(error))
    config = default
    if set(params) - set(URL_ONLY):
        config, config_notices = from_query_params(params)
        notices += config_notices
    sidebar.init_state(config)
    st.session_state[_NOTICES] = notices


def show_notices() -> None:
    """Say, once, which URL parameters were ignored and why."""
    notices = st.session_state.pop(_NOTICES, None)
    if notices:
        st.warning(tr("url.ignored", count=len(notices)) + "\n\n" + "\n".join(f"- {n}" for n in notices),
                   icon=":material/link_off:")


def write_to_url(config: ExperimentConfig | None) -> None:
    """Keep the address bar describing the experiment now, so copying it shares it."""
    if config is None:
        return
    params = {**to_query_params(config), "lang": lang()}
    if projector():
        params["projector"] = "1"
    if pace() != DEFAULT_PACE:       # the default goes unsaid, as projector mode off
        params["pace"] = pace_to_url(pace())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
