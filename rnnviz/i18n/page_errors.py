"""Strings of a page computation that failed (rnnviz/ui/page_errors.py): what could not be drawn, and why."""

STRINGS = {
    "page_errors.failed": {
        "es": "No se pudo dibujar {what}.",
        "en": "{what} could not be drawn."},
    "page_errors.memory": {
        "es": "El servidor no tuvo memoria para calcularlo: prueba con un modelo más pequeño (menos unidades "
              "ocultas, menos capas o secuencias más cortas).",
        "en": "The server had no memory left to compute it: try a smaller model (fewer hidden units, fewer "
              "layers or shorter sequences)."},
    "page_errors.unexpected": {
        "es": "El cálculo falló de forma inesperada; si vuelve a pasar, avisa a tu profesor: el registro del "
              "servidor guarda los detalles.",
        "en": "The computation failed unexpectedly; if it happens again, tell your teacher: the server's log "
              "keeps the details."},
    "page_errors.kept": {
        "es": "Tu modelo entrenado no ha cambiado y el resto de la página sigue disponible.",
        "en": "Your trained model is unchanged and the rest of the page is still here."},
    # what could not be drawn, as the learner knows it from the page's headers
    "page_errors.what.inside.trace": {
        "es": "el recorrido de la red por esta secuencia",
        "en": "The network's pass over this sequence"},
    "page_errors.what.inside.animation": {
        "es": "la animación de los estados y las puertas",
        "en": "The animation of the states and gates"},
    "page_errors.what.inside.saturation": {
        "es": "la saturación de las puertas",
        "en": "The gate saturation"},
    "page_errors.what.inside.text": {
        "es": "el texto coloreado por una unidad",
        "en": "The text coloured by one unit"},
    "page_errors.what.gradients.now": {
        "es": "el tamaño del gradiente a lo largo del tiempo",
        "en": "The gradient's size through time"},
    "page_errors.what.gradients.heatmap": {
        "es": "el mapa de los gradientes registrados al entrenar",
        "en": "The map of the gradients recorded while training"},
    "page_errors.what.gradients.lab": {
        "es": "el laboratorio del radio espectral",
        "en": "The spectral radius lab"},
    "page_errors.what.gradients.unrolled": {
        "es": "la red desplegada en el tiempo",
        "en": "The network unrolled in time"},
    "page_errors.what.gradients.clipping": {
        "es": "las figuras del recorte del gradiente",
        "en": "The gradient clipping figures"},
    "page_errors.what.gradients.attribution": {
        "es": "qué entradas influyen en la salida",
        "en": "Which inputs the output depends on"},
    "page_errors.what.cell.diagram": {
        "es": "el diagrama de la celda",
        "en": "The cell diagram"},
    "page_errors.what.data.series": {
        "es": "la sección de tu serie temporal",
        "en": "The section of your time series"},
    "page_errors.what.data.text": {
        "es": "la sección de tu texto",
        "en": "The section of your text"},
    "page_errors.what.data.sentences": {
        "es": "la sección de tus frases",
        "en": "The section of your sentences"},
    "page_errors.what.data.model": {
        "es": "la sección de tu modelo",
        "en": "The section of your model"},
    "page_errors.what.own_model.states": {
        "es": "los estados de tu modelo",
        "en": "Your model's states"},
    "page_errors.what.own_model.gradients": {
        "es": "los gradientes de tu modelo",
        "en": "Your model's gradients"},
    "page_errors.what.compare.contestants": {
        "es": "la tabla de los tres contendientes",
        "en": "The table of the three contestants"},
    "page_errors.what.compare.loss": {
        "es": "las curvas de pérdida de la carrera",
        "en": "The race's loss curves"},
    "page_errors.what.compare.gradients": {
        "es": "el gradiente de cada celda a lo largo del tiempo",
        "en": "Each cell's gradient through time"},
    "page_errors.what.compare.results": {
        "es": "la tabla de resultados de la carrera",
        "en": "The race's results table"},
    "page_errors.what.compare.sweep": {
        "es": "los resultados del barrido de longitudes",
        "en": "The results of the length sweep"},
}
