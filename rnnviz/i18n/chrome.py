"""Streamlit's own words, which it writes in English only, in the learner's language: rnnviz/ui/chrome.py
puts them in place with a stylesheet."""

STRINGS = {
    "chrome.upload": {"es": "Elegir archivo", "en": "Upload"},       # a file uploader's button
    "chrome.press_enter": {"es": "Intro para aplicar", "en": "Press Enter to apply"},
    "chrome.press_ctrl_enter": {"es": "Ctrl+Intro para aplicar", "en": "Press Ctrl+Enter to apply"},
    "chrome.skip_to_content": {"es": "Saltar al contenido", "en": "Skip to main content"},
    "chrome.no_results": {"es": "Sin resultados", "en": "No results"},     # a list filtered by typing
    # a chart's tools, named in their tooltips (Plotly's words, as Streamlit 1.67 draws them)
    "chrome.tool.Zoom": {"es": "Ampliar una zona", "en": "Zoom"},
    "chrome.tool.Pan": {"es": "Desplazar", "en": "Pan"},
    "chrome.tool.Zoom in": {"es": "Acercar", "en": "Zoom in"},
    "chrome.tool.Zoom out": {"es": "Alejar", "en": "Zoom out"},
    "chrome.tool.Autoscale": {"es": "Ajustar a los datos", "en": "Autoscale"},
    "chrome.tool.Reset axes": {"es": "Restablecer los ejes", "en": "Reset axes"},
    "chrome.tool.Download plot as a PNG": {"es": "Descargar la figura (PNG)", "en": "Download plot as a PNG"},
    "chrome.tool.Fullscreen": {"es": "Pantalla completa", "en": "Fullscreen"},
}
