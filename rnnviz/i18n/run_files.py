"""Strings of a recorded run's file that cannot be read (rnnviz/runs.py RunFileError): one line, in the
learner's words, saying what is wrong and where. The file's own keys are shown as it writes them, in «»."""

STRINGS = {
    "runs.problem.not_json": {
        "es": "El archivo no es JSON: no se puede leer como un entrenamiento grabado.",
        "en": "The file is not JSON: it cannot be read as a recorded run."},
    "runs.problem.too_deep": {
        "es": "El archivo tiene demasiados niveles anidados para ser un entrenamiento grabado.",
        "en": "The file is nested too deeply to be a recorded run."},
    "runs.problem.not_a_run": {
        "es": "El archivo no es un entrenamiento grabado de rnnviz: le falta alguna de sus tres partes, {parts}.",
        "en": "The file is not an rnnviz recorded run: it lacks one of its three parts, {parts}."},
    "runs.problem.part_type": {
        "es": "En el archivo, «{field}» debería ser {expected} y es {actual}.",
        "en": "In the file, «{field}» should be {expected} and is {actual}."},
    "runs.problem.config": {
        "es": "La configuración del archivo no se puede usar. {cause}",
        "en": "The file's configuration cannot be used. {cause}"},
    "runs.problem.config_other": {
        "es": "Uno de los ajustes de su tarea no es válido.",
        "en": "One of its task's settings is not valid."},
    "runs.problem.weights_name": {
        "es": "En el archivo, «{field}» debería ser el nombre de un archivo .pt junto al RUN.json.",
        "en": "In the file, «{field}» should be the name of a .pt file beside the RUN.json."},
    "runs.problem.row_type": {
        "es": "La fila {row} del historial debería ser un objeto y es {actual}.",
        "en": "Row {row} of the history should be an object and is {actual}."},
    "runs.problem.row_missing": {
        "es": "A la fila {row} del historial le falta «{field}».",
        "en": "Row {row} of the history lacks «{field}»."},
    "runs.problem.row_field": {
        "es": "En la fila {row} del historial, «{field}» debería ser {expected} y es {actual}.",
        "en": "In row {row} of the history, «{field}» should be {expected} and is {actual}."},
    "runs.problem.final_field": {
        "es": "En los resultados finales, «{field}» debería ser {expected} y es {actual}.",
        "en": "In the final scores, «{field}» should be {expected} and is {actual}."},
    "runs.problem.step_low": {
        "es": "La fila {row} del historial es del paso {step}: los pasos se cuentan desde 1.",
        "en": "Row {row} of the history is of step {step}: steps are counted from 1."},
    "runs.problem.step_order": {
        "es": "La fila {row} del historial es del paso {step}, que no va después del paso {previous}: los pasos "
              "deben ir en aumento.",
        "en": "Row {row} of the history is of step {step}, which does not come after step {previous}: steps "
              "must increase."},
    "runs.problem.step_beyond": {
        "es": "La fila {row} del historial es del paso {step}, más allá de los {steps} pasos del entrenamiento.",
        "en": "Row {row} of the history is of step {step}, beyond the run's {steps} steps."},
    # a recorded run's weights (.pt) that cannot be used: what is wrong is in the server's log
    "runs.problem.weights_unreadable": {
        "es": "No se pudieron cargar los pesos: el archivo .pt no es un modelo guardado por rnnviz (solo se "
              "aceptan tensores, nunca código).",
        "en": "The weights could not be loaded: the .pt file is not a model saved by rnnviz (only tensors are "
              "accepted, never code)."},
    "runs.problem.weights_mismatch": {
        "es": "Los pesos (.pt) no son los del modelo de este RUN.json: su tamaño o su tipo de celda es otro.",
        "en": "The weights (.pt) are not those of this RUN.json's model: their size or cell type differs."},
    # JSON's kinds of value, as the messages above name them
    "runs.json.boolean": {"es": "un valor lógico (verdadero o falso)", "en": "true or false"},
    "runs.json.integer": {"es": "un número entero", "en": "a whole number"},
    "runs.json.number": {"es": "un número", "en": "a number"},
    "runs.json.text": {"es": "un texto", "en": "text"},
    "runs.json.list": {"es": "una lista", "en": "a list"},
    "runs.json.object": {"es": "un objeto", "en": "an object"},
    "runs.json.null": {"es": "null", "en": "null"},
    "runs.json.finite": {"es": "un número finito", "en": "a finite number"},
    "runs.json.finite_or_null": {"es": "un número finito o null", "en": "a finite number or null"},
    "runs.json.plain": {"es": "un número, un texto, un valor lógico o null",
                        "en": "a number, text, true or false, or null"},
}
