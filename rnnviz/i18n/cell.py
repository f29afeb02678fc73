"""Strings of "The cell, opened": the page and its diagram (rnnviz/figures/cell_diagram.py)."""

STRINGS = {
    "page.cell": {"es": "La celda por dentro", "en": "The cell, opened"},
    "cell.title": {"es": "La celda por dentro", "en": "The cell, opened"},
    "cell.intro": {
        "es": "El dibujo de la celda de los libros (el de Colah para la LSTM), calculando con los números de tu "
              "red: en cada paso t entran xₜ y el estado anterior, cada puerta suma W·xₜ + U·hₜ₋₁ + b y lo pasa "
              "por σ o tanh, y los productos (×) y sumas (+) dan el nuevo estado. Pasa el ratón por una puerta "
              "para ver su ecuación con los números de este paso.",
        "en": "The textbook drawing of the cell (Colah's, for the LSTM), computing with your network's numbers: at "
              "each step t, xₜ and the previous state come in, each gate adds up W·xₜ + U·hₜ₋₁ + b and passes it "
              "through σ or tanh, and the products (×) and sums (+) make the new state. Hover over a gate to see "
              "its equation with this step's numbers."},
    "cell.model_at": {"es": "Modelo en el paso {step} del entrenamiento.", "en": "The model at training step {step}."},
    "cell.t": {"es": "Paso t de la secuencia", "en": "Step t of the sequence"},
    "cell.t.help": {
        "es": "Qué paso de la secuencia calcula la celda. Con el teclado: ← y → un paso, espacio para reproducir "
              "o parar (fuera de un campo de texto).",
        "en": "Which step of the sequence the cell computes. With the keyboard: ← and → one step, space to play "
              "or pause (outside a text field)."},
    "cell.previous": {"es": "t − 1", "en": "t − 1"},
    "cell.next": {"es": "t + 1", "en": "t + 1"},
    "cell.play": {"es": "Reproducir", "en": "Play"},
    "cell.space": {"es": "Espacio", "en": "Space"},
    "cell.pause": {"es": "Pausa", "en": "Pause"},
    "cell.unit": {"es": "Unidad que se ve en números", "en": "Unit shown in numbers"},
    "cell.unit.help": {
        "es": "La celda calcula {count} unidades a la vez, cada una con sus propios pesos. El dibujo da los "
              "números de una; las franjas de color muestran el vector entero, con esa unidad recuadrada.",
        "en": "The cell computes {count} units at once, each with its own weights. The drawing gives the "
              "numbers of one; the colour strips show the whole vector, with that unit outlined."},
    "cell.keys": {
        "es": "Teclado: ← → un paso, espacio reproduce o para. Franjas: el vector entero (unidades 0 a {last}); "
              "azul negativo, rojo positivo; las puertas de 0 (oscuro) a 1 (claro). «a»: la preactivación, lo "
              "que entra en σ o tanh.",
        "en": "Keyboard: ← → one step, space plays or pauses. Strips: the whole vector (units 0 to {last}); blue "
              "negative, red positive; gates from 0 (dark) to 1 (light). “a”: the pre-activation, what goes into "
              "σ or tanh."},
    "cell.follow": {"es": "Seguir el entrenamiento", "en": "Follow training"},
    "cell.follow.help": {
        "es": "Encendido: mientras la red entrena, la celda se vuelve a calcular con los pesos de cada momento.",
        "en": "On: while the network trains, the cell is recomputed from the weights of the moment."},
    "cell.follow.waiting": {
        "es": "Se actualizará en cuanto la red entrene: pulsa «Empezar» en «Entrenar».",
        "en": "It will update as soon as the network trains: press “Start” on “Train”."},
    "cell.reverse": {
        "es": "Dirección inversa: lee la secuencia desde el final, así que cada paso parte de hₜ₊₁, no de hₜ₋₁.",
        "en": "Reverse direction: it reads the sequence from its end, so each step starts from hₜ₊₁, not hₜ₋₁."},
    "cell.problem": {
        "es": "No se ha podido dibujar la celda con esta elección: el modelo cambió mientras se dibujaba (sus "
              "capas, sus unidades o la longitud de la secuencia). Vuelve a elegir; tu modelo entrenado sigue intacto.",
        "en": "The cell could not be drawn for this choice: the model changed while it was being drawn (its "
              "layers, its units or the sequence's length). Choose again; your trained model is untouched."},

    # --- the diagram ---
    "cell.fig.title": {"es": "Celda {cell} · capa {layer} · t = {t} de {last}",
                       "en": "{cell} cell · layer {layer} · t = {t} of {last}"},
    "cell.fig.title.reverse": {"es": "Celda {cell} · capa {layer} (inversa) · t = {t} de {last}",
                               "en": "{cell} cell · layer {layer} (reverse) · t = {t} of {last}"},
    "cell.fig.numbers": {"es": "números:<br>unidad {unit} de {count}", "en": "numbers:<br>unit {unit} of {count}"},
    "cell.fig.unit": {"es": "unidad {unit} de {count}", "en": "unit {unit} of {count}"},
    "cell.fig.gate.input": {"es": "puerta de entrada (input gate)", "en": "input gate"},
    "cell.fig.gate.forget": {"es": "puerta de olvido (forget gate)", "en": "forget gate"},
    "cell.fig.gate.output": {"es": "puerta de salida (output gate)", "en": "output gate"},
    "cell.fig.gate.candidate": {"es": "candidato (candidate)", "en": "candidate"},
    "cell.fig.gate.reset": {"es": "puerta de reinicio (reset gate)", "en": "reset gate"},
    "cell.fig.gate.update": {"es": "puerta de actualización (update gate)", "en": "update gate"},
    "cell.fig.gate.hidden": {"es": "nuevo estado oculto (hidden state)", "en": "new hidden state"},
    "cell.fig.pre": {"es": "preactivación", "en": "pre-activation"},
    "cell.fig.input": {"es": "entrada", "en": "input"},
    "cell.fig.input.below": {"es": "hₜ de la capa {layer}", "en": "hₜ of layer {layer}"},
    "cell.fig.previous_hidden": {"es": "estado oculto anterior", "en": "previous hidden state"},
    "cell.fig.previous_cell": {"es": "estado de la celda anterior", "en": "previous cell state"},
    "cell.fig.hidden": {"es": "nuevo estado oculto", "en": "new hidden state"},
    "cell.fig.cell": {"es": "nuevo estado de la celda", "en": "new cell state"},
    "cell.fig.forget_cell": {"es": "lo que se conserva de la celda", "en": "what the cell keeps"},
    "cell.fig.input_candidate": {"es": "lo que se escribe en la celda", "en": "what is written into the cell"},
    "cell.fig.tanh_cell": {"es": "la celda comprimida a (−1, 1)", "en": "the cell squashed into (−1, 1)"},
    "cell.fig.output_product": {"es": "lo que deja salir la puerta de salida", "en": "what the output gate lets out"},
    "cell.fig.reset_hidden": {"es": "la parte del estado anterior que deja pasar el reinicio",
                              "en": "the part of the previous state the reset gate lets through"},
    "cell.fig.keep": {"es": "lo que queda del estado anterior", "en": "what stays of the previous state"},
    "cell.fig.one_minus_update": {"es": "la parte que toca al candidato", "en": "the share left to the candidate"},
    "cell.fig.write": {"es": "lo que aporta el candidato", "en": "what the candidate brings"},
    "cell.fig.sum": {"es": "suma", "en": "sum"},
}
