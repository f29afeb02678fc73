"""Strings of the session budget (rnnviz/cost.py): why an experiment is refused and what to lower."""

STRINGS = {
    "cost.over_budget": {
        "es": "Este experimento necesitaría unos {needed} de memoria, y cada sesión dispone de {budget} en este "
              "servidor, que comparten todos los estudiantes.",
        "en": "This experiment would need about {needed} of memory, and each session has {budget} on this "
              "server, which every learner shares."},
    "cost.lower_one": {
        "es": "Basta con cambiar uno de estos ajustes: {ways}.",
        "en": "Changing one of these settings is enough: {ways}."},
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
}
