"""Strings shared by the app frame and several pages."""

STRINGS = {
    "app.title": {"es": "rnnviz: dentro de las redes recurrentes", "en": "rnnviz: inside recurrent networks"},
    "app.language": {"es": "Idioma", "en": "Language"},
    "app.loading_torch": {"es": "Cargando PyTorch…", "en": "Loading PyTorch…"},
    "app.starting_after_torch": {"es": "Cargando PyTorch: empieza en cuanto esté listo…",
                                 "en": "Loading PyTorch: starts as soon as it is in…"},
    "app.experiment": {"es": "Experimento", "en": "Experiment"},
    "app.network": {"es": "Red", "en": "Network"},
    "app.training": {"es": "Entrenamiento", "en": "Training"},
    "app.initialisation": {"es": "Inicialización", "en": "Initialisation"},
    "app.invalid_config": {"es": "Configuración no válida: {error}", "en": "Invalid configuration: {error}"},
    "app.invalid.bidirectional": {
        "es": "«{task}» predice lo que viene después en la secuencia: una red bidireccional lo leería de derecha "
              "a izquierda antes de predecirlo. Apaga «Bidireccional» para entrenar esta tarea.",
        "en": "“{task}” predicts what comes next in the sequence: a bidirectional network would read it right to "
              "left before predicting it. Turn “Bidirectional” off to train this task."},
    "app.parameters": {"es": "{count:,} parámetros", "en": "{count:,} parameters"},
    "page.train": {"es": "Entrenar", "en": "Train"},
    "page.inside": {"es": "Dentro de la red", "en": "Inside the network"},
    "page.gradients": {"es": "Gradientes", "en": "Gradients"},
    "page.compare": {"es": "RNN vs LSTM vs GRU", "en": "RNN vs LSTM vs GRU"},
    "page.scratch": {"es": "Desde cero (NumPy)", "en": "From scratch (NumPy)"},
    "axis.step": {"es": "paso de entrenamiento", "en": "training step"},
    "axis.time": {"es": "tiempo t", "en": "time t"},
    "axis.loss": {"es": "pérdida", "en": "loss"},
    "axis.unit": {"es": "unidad", "en": "unit"},
    "axis.value": {"es": "valor", "en": "value"},
    "no_model": {
        "es": "Aún no hay modelo entrenado: ve a «Entrenar» y pulsa Empezar (o da un paso).",
        "en": "There is no trained model yet: go to “Train” and press Start (or take one step)."},
}

STRINGS.update({
    "url.ignored": {
        "es": "Se han ignorado {count} parámetros del enlace, que no eran válidos:",
        "en": "{count} parameters of the link were ignored, as they were not valid:"},
    "app.projector": {"es": "Modo proyector", "en": "Projector mode"},
    "app.projector.help": {
        "es": "Letra más grande, líneas más gruesas y alto contraste, para proyectar en clase.",
        "en": "Larger type, thicker lines and high contrast, for a classroom projector."},
})

STRINGS.update({
    "export.menu": {"es": "Exportar", "en": "Export"},
    "export.html": {"es": "Figura (HTML interactivo)", "en": "Figure (interactive HTML)"},
    "export.csv": {"es": "Datos (CSV)", "en": "Data (CSV)"},
    "export.model": {"es": "Modelo (.pt)", "en": "Model (.pt)"},
    "export.run": {"es": "Entrenamiento (RUN.json)", "en": "Run (RUN.json)"},
})
