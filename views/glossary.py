"""Glossary: every key term of the lessons with its short entry, each at its own anchor (#term-...), in the
order the path of lessons first meets them. Torch-free, like the welcome page."""
import streamlit as st

from rnnviz.lessons import TERMS
from rnnviz.lessons.glossary import anchor
from rnnviz.ui.session import tr

st.title(tr("glossary.title"))
st.markdown(tr("glossary.intro"))
for term in TERMS:
    st.subheader(tr(f"glossary.{term}.term"), anchor=anchor(term))
    st.markdown(tr(f"glossary.{term}.entry"))
