"""Strings of the Compare page (RNN vs LSTM vs GRU)."""

STRINGS = {
    "compare.title": {"es": "RNN vs LSTM vs GRU", "en": "RNN vs LSTM vs GRU"},
    "compare.intro": {
        "es": "Las tres celdas aprenden la tarea de la barra lateral **a la vez y en igualdad de condiciones**: "
              "la misma semilla, los mismos datos y exactamente los mismos lotes en el mismo orden. Si una "
              "curva baja más, es mérito de la celda.",
        "en": "The three cells learn the sidebar's task **side by side, on equal terms**: the same seed, the same "
              "data and exactly the same batches in the same order. If one curve falls further, the cell earned it."},
    "compare.match": {"es": "Igualar el número de parámetros", "en": "Match parameter counts"},
    "compare.match.help": {
        "es": "Elige el tamaño oculto de la RNN y de la GRU para que tengan casi tantos parámetros como la LSTM con "
              "el tamaño de la barra lateral. Sin esto, la LSTM tiene unas 4 veces más pesos que la RNN.",
        "en": "Picks the RNN's and the GRU's hidden size so they have about as many parameters as the LSTM at the "
              "sidebar's size. Without it, the LSTM has about 4 times the RNN's weights."},
    "compare.contestants": {"es": "Participantes", "en": "Contestants"},
    "compare.col.cell": {"es": "celda", "en": "cell"},
    "compare.col.hidden_size": {"es": "tamaño oculto", "en": "hidden size"},
    "compare.col.parameters": {"es": "parámetros", "en": "parameters"},
    "compare.col.steps": {"es": "pasos", "en": "steps"},
    "compare.col.val_loss": {"es": "pérdida (validación)", "en": "validation loss"},
    "compare.col.baseline_loss": {"es": "pérdida de referencia", "en": "baseline loss"},
    "compare.col.baseline_metric": {"es": "{metric} de referencia", "en": "baseline {metric}"},
    "compare.col.steps_per_second": {"es": "pasos/s", "en": "steps/s"},
    "compare.col.diverged": {"es": "divergió", "en": "diverged"},
    "compare.col.seq_len": {"es": "longitud T", "en": "length T"},
    "compare.col.seconds": {"es": "segundos", "en": "seconds"},
    "compare.start": {"es": "Empezar la carrera", "en": "Start the race"},
    "compare.stop": {"es": "Detener", "en": "Stop"},
    "compare.pause": {"es": "Pausa", "en": "Pause"},
    "compare.resume": {"es": "Continuar", "en": "Resume"},
    "compare.steps_info": {
        "es": "Cada celda da {steps} pasos (los «Pasos de entrenamiento» de la barra lateral).",
        "en": "Each cell takes {steps} steps (the sidebar's “Training steps”)."},
    "compare.progress": {"es": "Paso {step} de {total}", "en": "Step {step} of {total}"},
    "compare.status.running": {"es": "Entrenando…", "en": "Training…"},
    "compare.status.finished": {"es": "Terminado", "en": "Finished"},
    "compare.status.stopped": {"es": "Detenido", "en": "Stopped"},
    "compare.status.paused": {"es": "En pausa", "en": "Paused"},
    "compare.status.failed": {"es": "Error", "en": "Error"},
    # a race or a sweep ended by an error no check foresaw (rnnviz/live/worker.py FAILURES): what was kept
    "compare.failed.race.memory": {
        "es": "La carrera se detuvo en el paso {step}: el servidor no tuvo memoria para calcularlo. Las curvas "
              "hasta ese paso se conservan y tu modelo de «Entrenar» no se ha tocado. Reduce el tamaño del lote, la "
              "longitud de la secuencia o el tamaño del estado oculto y vuelve a empezar.",
        "en": "The race stopped at step {step}: the server had no memory left to compute it. The curves up to "
              "that step are kept and your model on “Train” is untouched. Lower the batch size, the sequence "
              "length or the hidden size, then start again."},
    "compare.failed.race.unexpected": {
        "es": "La carrera se detuvo en el paso {step} por un error inesperado. Las curvas hasta ese paso se "
              "conservan y tu modelo de «Entrenar» no se ha tocado; el error queda en el registro del servidor.",
        "en": "The race stopped at step {step} on an unexpected error. The curves up to that step are kept and "
              "your model on “Train” is untouched; the error is in the server's log."},
    "compare.failed.sweep.memory": {
        "es": "El barrido se detuvo: el servidor no tuvo memoria para calcular el siguiente punto. Los {points} "
              "puntos ya medidos se conservan y tu modelo de «Entrenar» no se ha tocado. Quita las longitudes "
              "más largas o reduce el tamaño del lote y vuelve a empezar.",
        "en": "The sweep stopped: the server had no memory left to compute the next point. The {points} points "
              "measured so far are kept and your model on “Train” is untouched. Remove the longest lengths or "
              "lower the batch size, then start again."},
    "compare.failed.sweep.unexpected": {
        "es": "El barrido se detuvo por un error inesperado. Los {points} puntos ya medidos se conservan y tu "
              "modelo de «Entrenar» no se ha tocado; el error queda en el registro del servidor.",
        "en": "The sweep stopped on an unexpected error. The {points} points measured so far are kept and your "
              "model on “Train” is untouched; the error is in the server's log."},
    "compare.not_started": {
        "es": "Pulsa «Empezar la carrera» para entrenar las tres celdas.",
        "en": "Press “Start the race” to train the three cells."},
    "compare.config_changed": {
        "es": "La barra lateral ha cambiado desde esta carrera; pulsa «Empezar la carrera» para repetirla.",
        "en": "The sidebar changed since this race; press “Start the race” to run it again."},
    "compare.diverged": {
        "es": "Divergió (la pérdida dejó de ser finita) y se detuvo: {cells}. Prueba una tasa de aprendizaje menor "
              "o el recorte del gradiente.",
        "en": "Diverged (the loss stopped being finite) and stopped: {cells}. Try a smaller learning rate or "
              "gradient clipping."},
    "compare.log_y": {"es": "Eje y logarítmico", "en": "Log y axis"},
    "compare.loss.title": {"es": "Pérdida de cada celda, mismos lotes", "en": "Loss of each cell, same batches"},
    "compare.loss.train": {"es": "{cell} (entrenamiento)", "en": "{cell} (train)"},
    "compare.loss.baseline": {"es": "mejor constante", "en": "best constant"},
    "compare.loss.caption": {
        "es": "Líneas finas: la pérdida de cada lote; líneas gruesas: la de validación. Mira qué celda baja antes y "
              "cuál se queda en la línea gris (no aprende más que una respuesta constante).",
        "en": "Thin lines: each batch's loss; bold lines: validation. See which cell falls first and which one "
              "stays on the grey line (it learns no more than a constant answer)."},
    "compare.grad.title": {"es": "‖dL/dh_t‖ en el paso {step}, mismo lote",
                           "en": "‖dL/dh_t‖ at step {step}, same batch"},
    "compare.grad.zero": {"es": "exactamente 0 (subdesbordamiento)", "en": "exactly 0 (underflow)"},
    "compare.grad.caption": {
        "es": "Cuánto llega la señal de error a cada instante t (escala logarítmica, primera capa). Si la curva de "
              "la RNN cae varios órdenes de magnitud hacia t = 0, los primeros pasos casi no aprenden: el "
              "gradiente se desvanece. Las puertas de la LSTM y la GRU dejan un camino casi aditivo hacia atrás. "
              "Las ✕ abajo marcan gradientes que se hicieron exactamente 0.",
        "en": "How much of the error signal reaches each time t (log scale, first layer). If the RNN's curve "
              "drops several orders of magnitude towards t = 0, the early steps barely learn: the gradient "
              "vanishes. The LSTM's and GRU's gates leave an almost additive path backwards. The ✕ at the "
              "bottom mark gradients that became exactly 0."},
    "compare.results": {"es": "Resultados (validación)", "en": "Results (validation)"},
    "compare.sweep": {"es": "Barrido de la longitud de secuencia", "en": "Sequence-length sweep"},
    "compare.sweep.intro": {
        "es": "¿Hasta qué longitud T recuerda cada celda? El barrido entrena las tres celdas desde cero para cada T "
              "(con los ajustes de la barra lateral) y mide cómo lo hace en validación.",
        "en": "Up to which length T does each cell remember? The sweep trains the three cells from scratch at each "
              "T (with the sidebar's settings) and measures how it does on validation data."},
    "compare.sweep.lengths": {"es": "Longitudes T", "en": "Lengths T"},
    "compare.sweep.steps": {"es": "Pasos por punto", "en": "Steps per point"},
    "compare.sweep.steps.help": {
        "es": "Menos pasos que un entrenamiento completo, para que el barrido por defecto termine en menos de un "
              "minuto: muestra lo que cada celda aprende pronto, no su mejor resultado.",
        "en": "Fewer steps than a full run, so the default sweep finishes in under a minute: it shows what each "
              "cell learns early, not its best result."},
    "compare.sweep.start": {"es": "Empezar el barrido", "en": "Start the sweep"},
    "compare.sweep.stop": {"es": "Detener el barrido", "en": "Stop the sweep"},
    "compare.sweep.progress": {"es": "{done} de {total} pasos · {points} puntos listos",
                               "en": "{done} of {total} steps · {points} points done"},
    "compare.sweep.empty": {"es": "Elige al menos una longitud T.", "en": "Pick at least one length T."},
    "compare.sweep.invalid": {"es": "No se puede hacer este barrido: {error}", "en": "This sweep cannot run: {error}"},
    "compare.sweep.title": {"es": "{metric} según la longitud de la secuencia",
                            "en": "{metric} against sequence length"},
    "compare.sweep.x": {"es": "longitud de la secuencia T", "en": "sequence length T"},
    "compare.sweep.caption": {
        "es": "Cada punto es una red entrenada desde cero con secuencias de longitud T. Donde una celda cae a la "
              "línea gris, ya no aprovecha la entrada: la información se pierde por el camino.",
        "en": "Each point is a network trained from scratch on sequences of length T. Where a cell falls to the "
              "grey line it no longer uses its input: the information is lost on the way."},
    "compare.metric.loss": {"es": "Pérdida", "en": "Loss"},
}
