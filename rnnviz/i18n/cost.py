"""Strings of the session budget (rnnviz/cost.py): why an experiment is refused and what to lower."""

STRINGS = {
    "cost.over_budget": {
        "es": "Este experimento necesitaría unos {needed} de memoria; cada sesión de este servidor compartido "
              "dispone de {budget}.",
        "en": "This experiment would need about {needed} of memory; each session on this shared server has "
              "{budget}."},
    "cost.lower_one": {
        "es": "Basta con bajar uno de estos ajustes: {ways}.",
        "en": "Lowering one of these settings is enough: {ways}."},
    "cost.lower_to": {
        "es": "«{knob}» a {to} como máximo (ahora {now})",
        "en": "“{knob}” to at most {to} (now {now})"},
    "cost.turn_off": {
        "es": "desactivar «{knob}»",
        "en": "turn “{knob}” off"},
    "cost.lower_several": {
        "es": "Ningún ajuste por sí solo basta: reduce a la vez el tamaño del estado oculto, las capas y la longitud "
              "de la secuencia, o vuelve a los valores recomendados de la tarea.",
        "en": "No single setting is enough: lower the hidden size, the layers and the sequence length together, "
              "or go back to the task's recommended settings."},
    # the Train page, when training ended on an error no check foresaw (rnnviz/live/worker.py FAILURES)
    "train.failed.memory": {
        "es": "El entrenamiento se detuvo en el paso {step}: el servidor no tuvo memoria para calcularlo. La red "
              "conserva los pesos del paso {kept}. Reduce el tamaño del lote, la longitud de la secuencia o el "
              "tamaño del estado oculto y vuelve a empezar con Reiniciar.",
        "en": "Training stopped at step {step}: the server had no memory left to compute it. The network keeps "
              "its weights of step {kept}. Lower the batch size, the sequence length or the hidden size, then "
              "start again with Reset."},
    # the error's own words (English, from the library) are in the server's log, not pasted into the sentence
    "train.failed.unexpected": {
        "es": "El entrenamiento se detuvo en el paso {step} por un error inesperado. La red conserva los pesos "
              "del paso {kept}; el error queda en el registro del servidor.",
        "en": "Training stopped at step {step} on an unexpected error. The network keeps its weights of step "
              "{kept}; the error is in the server's log."},
}
