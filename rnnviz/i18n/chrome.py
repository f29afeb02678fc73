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

# What Streamlit 1.67 names in English for a screen reader (aria-label), or as a field's placeholder: the
# learner's words replace them in the page (rnnviz/ui/chrome.py). The key is "chrome.label." + Streamlit's words.
STRINGS.update({
    "chrome.label.Open": {"es": "Abrir", "en": "Open"},                         # a select box's list
    "chrome.label.Close": {"es": "Cerrar", "en": "Close"},
    "chrome.label.Choose an option": {"es": "Elige una opción", "en": "Choose an option"},
    "chrome.label.Clear all": {"es": "Quitar todos", "en": "Clear all"},       # a multiselect's values
    "chrome.label.Selected values": {"es": "Valores elegidos", "en": "Selected values"},
    "chrome.label.Decrement": {"es": "Restar", "en": "Decrement"},             # a number input's − and +
    "chrome.label.Increment": {"es": "Sumar", "en": "Increment"},
    "chrome.label.Link to heading": {"es": "Enlace a este apartado", "en": "Link to heading"},
    "chrome.label.App pages": {"es": "Páginas", "en": "App pages"},
    "chrome.label.Collapse sidebar": {"es": "Plegar la barra lateral", "en": "Collapse sidebar"},
    "chrome.label.Expand sidebar": {"es": "Desplegar la barra lateral", "en": "Expand sidebar"},
    "chrome.label.Copy to clipboard": {"es": "Copiar al portapapeles", "en": "Copy to clipboard"},
    "chrome.label.file upload": {"es": "subir un archivo", "en": "file upload"},
    "chrome.label.Download as CSV": {"es": "Descargar como CSV", "en": "Download as CSV"},
    "chrome.label.Search": {"es": "Buscar", "en": "Search"},
    "chrome.label.Show/hide columns": {"es": "Mostrar u ocultar columnas", "en": "Show/hide columns"},
    "chrome.label.Close fullscreen": {"es": "Salir de la pantalla completa", "en": "Close fullscreen"},
    "chrome.label.Delete": {"es": "Borrar", "en": "Delete"},                   # an uploaded file's cross
    # the start of a label that goes on with the app's own words: "Help for Tarea", "Remove la barra lateral"
    "chrome.prefix.Help for ": {"es": "Ayuda: ", "en": "Help for "},
    "chrome.prefix.Remove ": {"es": "Quitar ", "en": "Remove "},
    "chrome.label.Add files": {"es": "Añadir archivos", "en": "Add files"},
    # ... and the end of one: a range slider's two thumbs, "Unidades a mostrar — start" and "— end"
    "chrome.suffix. — start": {"es": " — inicio", "en": " — start"},
    "chrome.suffix. — end": {"es": " — fin", "en": " — end"},
    # what a file uploader says, in the browser, of a file it refuses ({value}: the limit, or the file's type), after
    # "Error: " in its alert for a screen reader, alone in the tooltip over the file
    "chrome.text.too_big": {"es": "El archivo debe ocupar {value} como máximo.",
                            "en": "File must be {value} or smaller."},
    "chrome.text.wrong_type": {"es": "No se admiten archivos de tipo {value}.",
                               "en": "{value} files are not allowed."},
})
