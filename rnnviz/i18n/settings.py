"""Strings of a setting that cannot be used (rnnviz/setting_error.py): what a link's notice, a recorded run's
refusal say about one knob, in the learner's words."""

STRINGS = {
    "setting.range": {
        "es": "«{setting}» = {value} no es un valor válido: debe estar entre {low} y {high}.",
        "en": "“{setting}” = {value} is not a valid value: it must be between {low} and {high}."},
    "setting.range.integer": {
        "es": "«{setting}» = {value} no es un valor válido: debe ser un número entero entre {low} y {high}.",
        "en": "“{setting}” = {value} is not a valid value: it must be a whole number between {low} and {high}."},
    "setting.choice": {
        "es": "«{setting}» = «{value}» no es un valor válido: puede ser {choices}.",
        "en": "“{setting}” = “{value}” is not a valid value: it can be {choices}."},
    "setting.or": {"es": "{some} o {last}", "en": "{some} or {last}"},
    "setting.switch": {
        "es": "«{setting}» = «{value}» no es un valor válido: debe ser 1 (activado) o 0 (desactivado).",
        "en": "“{setting}” = “{value}” is not a valid value: it must be 1 (on) or 0 (off)."},
    "setting.on": {"es": "activado", "en": "on"},
    "setting.off": {"es": "desactivado", "en": "off"},
    "setting.not_number": {
        "es": "«{setting}» = «{value}» no es un número (se escribe con punto decimal: 0.01).",
        "en": "“{setting}” = “{value}” is not a number (written with a decimal point: 0.01)."},
    "setting.not_integer": {
        "es": "«{setting}» = «{value}» no es un número entero.",
        "en": "“{setting}” = “{value}” is not a whole number."},
    "setting.unknown": {
        "es": "«{setting}» no es un ajuste de rnnviz.",
        "en": "“{setting}” is not a setting of rnnviz."},
    "setting.unknown.task": {
        "es": "«{setting}» no es un ajuste de la tarea «{task}».",
        "en": "“{setting}” is not a setting of the task “{task}”."},
    "setting.reads_answer": {
        "es": "«{setting}» no es posible con la tarea «{task}»: predice lo que viene después en la secuencia, y "
              "una red que la leyera también de derecha a izquierda vería la respuesta.",
        "en": "“{setting}” is not possible with the task “{task}”: it predicts what comes next in the "
              "sequence, and a network reading it right to left as well would see the answer."},
    "setting.conflict": {
        "es": "«{setting}» = {value} no es posible con los demás ajustes de este experimento.",
        "en": "“{setting}” = {value} is not possible with this experiment's other settings."},
    # settings a link carries that have no label in the sidebar
    "setting.name.eval_every": {"es": "Pasos entre validaciones", "en": "Steps between validations"},
    "setting.name.pace": {"es": "Ritmo (pasos por segundo)", "en": "Pace (steps per second)"},
    "setting.name.lang": {"es": "Idioma", "en": "Language"},
    "setting.name.hide": {"es": "Ocultar", "en": "Hide"},
    "setting.name.num_layers": {"es": "Capas", "en": "Layers"},             # a saved model's, as PyTorch names it
    "setting.pace.max": {"es": "a toda velocidad (max)", "en": "full speed (max)"},
}
