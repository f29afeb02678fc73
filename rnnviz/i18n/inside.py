"""Strings of the "Inside the network" page."""

STRINGS = {
    "inside.title": {"es": "Dentro de la red", "en": "Inside the network"},
    "inside.intro": {
        "es": "Elige una secuencia y mira lo que la red calcula en cada paso: su estado oculto hₜ, "
              "y en una LSTM o una GRU sus puertas. Todos los números son exactos: salen de volver a calcular "
              "la red paso a paso con sus propios pesos.",
        "en": "Pick a sequence and watch what the network computes at each step: its hidden state hₜ, "
              "and for an LSTM or a GRU its gates. Every number is exact: it comes from recomputing the network "
              "step by step with its own weights."},
    "inside.model_at": {"es": "Modelo en el paso {step} del entrenamiento.",
                        "en": "The model at training step {step}."},
    "inside.config_changed": {
        "es": "La barra lateral describe otro experimento que el del modelo que ves aquí: pulsa «Reiniciar» "
              "en «Entrenar» para crearlo.",
        "en": "The sidebar describes a different experiment from the model shown here: press “Reset” on "
              "“Train” to build it."},
    "inside.untrained": {
        "es": "Este modelo aún no se ha entrenado (paso 0): ves una red con pesos aleatorios, que también "
              "enseña algo. Entrénala en «Entrenar» y vuelve para comparar.",
        "en": "This model is not trained yet (step 0): you are looking at a network with random weights, which "
              "is worth seeing too. Train it on “Train” and come back to compare."},
    "inside.follow": {"es": "Seguir el entrenamiento", "en": "Follow training"},
    "inside.follow.help": {
        "es": "Encendido: mientras la red entrena, la animación se vuelve a calcular con los pesos de cada "
              "momento, unas dos veces por segundo, y ves cómo cambian hₜ y las puertas al aprender.",
        "en": "On: while the network trains, the animation is recomputed from the weights of the moment, about "
              "twice a second, so you see hₜ and the gates change as it learns."},
    "inside.follow.step": {"es": "Paso t de la secuencia", "en": "Step t of the sequence"},
    "inside.follow.explain": {
        "es": "Mientras sigues el entrenamiento, la figura muestra un solo paso t: elígelo con este deslizador. "
              "Apaga el seguimiento para volver a reproducir la animación con ▶.",
        "en": "While you follow training, the figure shows one step t: choose it with this slider. Switch "
              "following off to play the animation with ▶ again."},
    "inside.follow.step.help": {
        "es": "Qué paso de la secuencia muestran las barras y el recuadro, mientras sigues el entrenamiento.",
        "en": "Which step of the sequence the bars and the outline show while you follow training."},
    "inside.follow.waiting": {
        "es": "Se actualizará en cuanto la red entrene: pulsa «Empezar» en «Entrenar».",
        "en": "It will update as soon as the network trains: press “Start” on “Train”."},

    # --- which sequence ---
    "inside.typed": {"es": "Escribe tu propio texto", "en": "Type your own text"},
    "inside.typed.help": {"es": "Apagado: una secuencia del conjunto de test.",
                          "en": "Off: a sequence from the test set."},
    "inside.index": {"es": "Secuencia de test nº", "en": "Test sequence #"},
    "inside.index.help": {"es": "Una de las {count} secuencias de test, que la red no vio al entrenar.",
                          "en": "One of the {count} test sequences, which the network never trained on."},
    "inside.text": {"es": "Tu texto", "en": "Your text"},
    "inside.text.help.sentiment": {
        "es": "Una frase corta en español o en inglés. La red lee sus últimas {count} palabras.",
        "en": "A short sentence in Spanish or English. The network reads its last {count} words."},
    "inside.text.help.char-lm": {
        "es": "Texto con los caracteres del texto de entrenamiento. La red lee cada carácter e intenta "
              "predecir el siguiente (hasta {count} caracteres).",
        "en": "Text made of the training text's characters. The network reads each character and tries to "
              "predict the next one (up to {count} characters)."},
    "inside.text.example.sentiment": {"es": "no es malo, es bueno", "en": "not bad at all, really good"},
    "inside.text.empty": {"es": "Escribe al menos una palabra para que la red tenga algo que leer.",
                          "en": "Type at least one word so the network has something to read."},
    "inside.text.too_short": {
        "es": "Escribe al menos dos caracteres: la red lee cada uno y predice el siguiente.",
        "en": "Type at least two characters: the network reads each one and predicts the next."},
    "inside.text.unknown_characters": {
        "es": "La red no puede leer estos caracteres porque no aparecen en su texto de entrenamiento: {items}. "
              "Usa solo estos: {allowed}",
        "en": "The network cannot read these characters because its training text never uses them: {items}. "
              "Use only these: {allowed}"},
    "inside.text.unknown_words": {
        "es": "La red no conoce estas palabras y las lee como `<unk>` (desconocida): {words}.",
        "en": "The network does not know these words and reads them as `<unk>` (unknown): {words}."},
    "inside.text.dropped.sentiment": {
        "es": "La red lee solo las últimas {count} palabras: las {dropped} primeras no las lee.",
        "en": "The network reads only the last {count} words: it does not read the first {dropped}."},
    "inside.text.dropped.char-lm": {
        "es": "Se leen los primeros {count} caracteres; los {dropped} siguientes se ignoran.",
        "en": "The first {count} characters are read; the {dropped} after them are ignored."},

    # --- layer, direction, units ---
    "inside.layer": {"es": "Capa", "en": "Layer"},
    "inside.layer.help": {"es": "La capa 1 lee la entrada; cada capa de encima lee los estados de la de debajo.",
                          "en": "Layer 1 reads the input; each layer above reads the states of the one below."},
    "inside.backward": {"es": "← Dirección hacia atrás", "en": "← Backward direction"},
    "inside.backward.help": {
        "es": "Una red bidireccional tiene dos direcciones por capa: apagado, la que lee de izquierda a derecha; "
              "encendido, la que lee de derecha a izquierda.",
        "en": "A bidirectional network has two directions per layer: off, the one reading left to right; on, "
              "the one reading right to left."},
    "inside.units": {"es": "Unidades a mostrar", "en": "Units to show"},
    "inside.panels": {"es": "Paneles a mostrar", "en": "Panels to show"},
    "inside.panels.help": {
        "es": "Cada panel dibuja en barras una puerta o un estado en el paso t. Con menos paneles la animación "
              "cabe en una pantalla proyectada.",
        "en": "Each panel draws one gate or state at step t as bars. With fewer panels the animation fits a "
              "projected screen."},
    "inside.units.help": {
        "es": "Un rango de unidades del estado oculto (hay {count}). Con muchas, la animación pesa más.",
        "en": "A range of the hidden state's units (there are {count}). Many units make a heavier animation."},

    "inside.units.cut": {
        "es": "Se muestran las primeras {shown} de las {asked} unidades elegidas: con más, la animación sería "
              "demasiado pesada para el navegador.",
        "en": "Showing the first {shown} of the {asked} units chosen: more would make the animation too heavy "
              "for the browser."},

    # --- the animation ---
    "inside.animation.header": {"es": "Paso a paso", "en": "Step by step"},
    "inside.animation.explain.LSTM": {
        "es": "Pulsa ▶ o mueve el deslizador. Arriba, en un mismo eje de tiempo: la entrada, el mapa de calor de "
              "hₜ (unidades × tiempo) y la respuesta de la red en cada paso. Abajo, los valores en el "
              "paso marcado: la puerta de olvido f decide cuánto de la celda c se conserva, la de entrada i cuánto "
              "del candidato g se escribe, y la de salida o cuánto de la celda se lee en h. Una puerta cerca de 0 "
              "cierra, cerca de 1 abre.",
        "en": "Press ▶ or drag the slider. At the top, on one time axis: the input, the heatmap of hₜ "
              "(units × time) and the network's answer at each step. Below, the values at the marked step: the "
              "forget gate f decides how much of the cell c is kept, the input gate i how much of the candidate g "
              "is written, and the output gate o how much of the cell is read into h. A gate near 0 closes, near 1 "
              "opens."},
    "inside.animation.explain.GRU": {
        "es": "Pulsa ▶ o mueve el deslizador. Arriba, en un mismo eje de tiempo: la entrada, el mapa de calor de "
              "hₜ (unidades × tiempo) y la respuesta de la red en cada paso. Abajo, los valores en el "
              "paso marcado: la puerta de actualización z decide cuánto del estado anterior se conserva (cerca de "
              "1: conserva) y cuánto se sustituye por el candidato n; la de reinicio r, cuánto del estado anterior "
              "entra en ese candidato.",
        "en": "Press ▶ or drag the slider. At the top, on one time axis: the input, the heatmap of hₜ "
              "(units × time) and the network's answer at each step. Below, the values at the marked step: the "
              "update gate z decides how much of the previous state is kept (near 1: kept) and how much is "
              "replaced by the candidate n; the reset gate r, how much of the previous state goes into that "
              "candidate."},
    "inside.animation.explain.RNN_TANH": {
        "es": "Pulsa ▶ o mueve el deslizador. Arriba, en un mismo eje de tiempo: la entrada, el mapa de calor de "
              "hₜ (unidades × tiempo) y la respuesta de la red en cada paso. Una RNN simple no tiene "
              "puertas: todo lo que recuerda está en hₜ, que se reescribe entero en cada paso. Las "
              "unidades pegadas a −1 o +1 (azul o rojo intenso) están saturadas.",
        "en": "Press ▶ or drag the slider. At the top, on one time axis: the input, the heatmap of hₜ "
              "(units × time) and the network's answer at each step. A plain RNN has no gates: all it remembers "
              "is in hₜ, rewritten whole at every step. Units stuck at −1 or +1 (deep blue or red) are "
              "saturated."},
    "inside.animation.explain.RNN_RELU": {
        "es": "Pulsa ▶ o mueve el deslizador. Arriba, en un mismo eje de tiempo: la entrada, el mapa de calor de "
              "hₜ (unidades × tiempo) y la respuesta de la red en cada paso. Con ReLU, hₜ "
              "es ≥ 0 y no tiene techo: la escala va de 0 al máximo de esta secuencia. Las unidades siempre a 0 "
              "están «muertas».",
        "en": "Press ▶ or drag the slider. At the top, on one time axis: the input, the heatmap of hₜ "
              "(units × time) and the network's answer at each step. With ReLU, hₜ is ≥ 0 and has no "
              "ceiling: the scale runs from 0 to this sequence's maximum. Units always at 0 are “dead”."},
    "inside.animation.many_to_one": {
        "es": "Esta tarea pide una sola respuesta al final; la línea de la respuesta muestra lo que la red diría "
              "si la secuencia terminara en cada paso.",
        "en": "This task asks for one answer at the end; the answer line shows what the network would say if the "
              "sequence ended at each step."},
    "inside.animation.reverse": {
        "es": "La dirección hacia atrás lee la secuencia desde el final: la animación la recorre en ese orden, y "
              "hₜ ya ha leído de t al final.",
        "en": "The backward direction reads the sequence from its end: the animation walks it in that order, "
              "and hₜ has read from t to the end."},
    "inside.animation.bidirectional": {
        "es": "Red bidireccional: en cada paso la respuesta combina la dirección hacia delante (que ha leído hasta "
              "t) con la de hacia atrás (que ya ha leído de t al final).",
        "en": "Bidirectional network: at each step the answer combines the forward direction (which has read up "
              "to t) with the backward one (which has already read from t to the end)."},
    "inside.pca.explain": {
        "es": "A la derecha, la trayectoria de hₜ proyectada en sus dos direcciones de mayor "
              "variación en esta secuencia (PCA); los ejes dicen qué parte de la varianza recoge cada una.",
        "en": "On the right, the trajectory of hₜ projected on its two directions of largest "
              "variation in this sequence (PCA); the axes say how much of the variance each one holds."},
    "inside.fig.title": {"es": "Dentro de la red, paso a paso", "en": "Inside the network, step by step"},
    "inside.fig.input": {"es": "entrada", "en": "input"},
    "inside.fig.output.probability": {"es": "P({name})", "en": "P({name})"},
    "inside.fig.output.target_probability": {"es": "P(correcto)", "en": "P(right token)"},
    "inside.fig.output.regression": {"es": "salida", "en": "output"},
    "inside.fig.prediction": {"es": "respuesta de la red", "en": "network's answer"},
    "inside.fig.target": {"es": "objetivo", "en": "target"},
    "inside.fig.predicted": {"es": "predice", "en": "predicted"},
    "inside.fig.pca": {"es": "Trayectoria de h_t (PCA)", "en": "Trajectory of h_t (PCA)"},
    "inside.fig.pc": {"es": "CP{k} ({share:.0%} de la varianza)", "en": "PC{k} ({share:.0%} of variance)"},
    "inside.fig.path": {"es": "h_t en cada paso", "en": "h_t at every step"},
    "inside.fig.now": {"es": "h_t ahora", "en": "h_t now"},
    "inside.fig.play": {"es": "Reproducir", "en": "Play"},
    "inside.fig.pause": {"es": "Pausa", "en": "Pause"},
    "inside.fig.panel.forget": {"es": "puerta de olvido", "en": "forget gate"},
    "inside.fig.panel.input": {"es": "puerta de entrada", "en": "input gate"},
    "inside.fig.panel.candidate": {"es": "candidato", "en": "candidate"},
    "inside.fig.panel.cell": {"es": "celda", "en": "cell"},
    "inside.fig.panel.output": {"es": "puerta de salida", "en": "output gate"},
    "inside.fig.panel.hidden": {"es": "estado oculto", "en": "hidden state"},
    "inside.fig.panel.reset": {"es": "puerta de reinicio", "en": "reset gate"},
    "inside.fig.panel.update": {"es": "puerta de actualización", "en": "update gate"},

    # --- gate saturation ---
    "inside.saturation.header": {"es": "Saturación de las puertas", "en": "Gate saturation"},
    "inside.saturation.explain": {
        "es": "Qué parte de los valores de cada puerta está en un extremo, contando todas las unidades y pasos "
              "de {n} secuencias de test (capa y dirección elegidas). Una puerta sigmoide por debajo de 0,1 "
              "está cerrada y por encima de 0,9 abierta; para el candidato (tanh) y el h de una RNN tanh, los "
              "extremos son −1 y +1 (|v| > 0,9). Una puerta saturada actúa como un interruptor, y apenas deja "
              "pasar gradiente.",
        "en": "How much of each gate's values sits at an end of its range, counting every unit and step of {n} "
              "test sequences (the chosen layer and direction). A sigmoid gate below 0.1 is closed and above "
              "0.9 open; for the candidate (tanh) and a tanh RNN's h, the ends are −1 and +1 (|v| > 0.9). A "
              "saturated gate works like a switch, and lets almost no gradient through."},
    "inside.saturation.none": {
        "es": "Una RNN con ReLU no tiene puertas ni valores acotados: no hay saturación que contar.",
        "en": "A ReLU RNN has no gates and no bounded values: there is no saturation to count."},
    "inside.saturation.title": {"es": "Saturación en {n} secuencias de test",
                                "en": "Saturation over {n} test sequences"},
    "inside.saturation.y": {"es": "parte de los valores", "en": "share of values"},
    "inside.saturation.low": {"es": "cerca de 0 (cerrada); tanh: cerca de −1",
                              "en": "near 0 (closed); tanh: near −1"},
    "inside.saturation.high": {"es": "cerca de 1 (abierta); tanh: cerca de +1",
                               "en": "near 1 (open); tanh: near +1"},
    "inside.saturation.gate.hidden": {"es": "h (tanh)", "en": "h (tanh)"},

    # --- text coloured by a unit ---
    "inside.text_color.header": {"es": "El texto coloreado por una unidad",
                                 "en": "The text coloured by one unit"},
    "inside.text_color.explain": {
        "es": "Cada {token} sobre el color del valor de una unidad de hₜ justo después de leerlo, "
              "como en Karpathy, Johnson y Fei-Fei (2015). Busca unidades que se encienden con algo concreto: "
              "comillas, finales de palabra, una negación… Pasa el ratón por encima para ver el valor.",
        "en": "Each {token} on the colour of one unit of hₜ right after reading it, as in Karpathy, "
              "Johnson & Fei-Fei (2015). Look for units that light up on something specific: quotes, word "
              "endings, a negation… Hover to see the value."},
    "inside.text_color.token.words": {"es": "palabra", "en": "word"},
    "inside.text_color.token.chars": {"es": "carácter", "en": "character"},
    "inside.text_color.unit": {"es": "Unidad", "en": "Unit"},
    "inside.text_color.diverging": {"es": "azul: −1 · blanco: 0 · rojo: +1",
                                    "en": "blue: −1 · white: 0 · red: +1"},
    "inside.text_color.sequential": {"es": "oscuro: 0 · amarillo: {top:.3g} (el máximo de esta secuencia)",
                                     "en": "dark: 0 · yellow: {top:.3g} (this sequence's maximum)"},
}
