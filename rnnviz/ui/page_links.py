"""Page links whose label wraps: Streamlit 1.67 keeps a page link's label on one line and cuts it with an
ellipsis, which cut a lesson's title ("7. Arquitecturas: muchos a uno, muchos a…") in a column at 1024x768
and on a projector. The welcome and lesson pages call this once; it applies to the links of the page body."""
from __future__ import annotations

import streamlit as st

_CSS = """<style>
[data-testid="stMain"] [data-testid="stPageLink"] a span,
[data-testid="stMain"] [data-testid="stPageLink"] a div,
[data-testid="stMain"] [data-testid="stPageLink"] a p { white-space: normal !important; }
</style>"""


def wrapping_page_links() -> None:
    """Let the page links of the page body wrap their labels onto more lines instead of cutting them."""
    st.html(_CSS)
