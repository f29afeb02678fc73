"""Strings of the Train page's results section: what the task is for (rnnviz/ui/task_results.py).

results.explain.<task> is each task's own opening sentence; the other keys belong to a kind of results
(results.<kind>.*, the names of TaskSpec.results), shared by every task that shows that kind."""

STRINGS = {
    "results.model_at": {"es": "El modelo tal como está en el paso {step}.",
                          "en": "The model as it is at step {step}."},
    "results.accuracy": {"es": "Exactitud (test)", "en": "Accuracy (test)"},
    "results.test_size": {"es": "Ejemplos de test", "en": "Test examples"},
    "results.probability": {"es": "probabilidad", "en": "probability"},

    # forecast (sine)
    "results.explain.sine": {
        "es": "Un pronosticador predice el siguiente valor de la serie a partir de los anteriores: aquí la red "
              "pronostica cada punto del tramo de test (que nunca vio al entrenar) leyendo los valores reales "
              "que lo preceden.",
        "en": "A forecaster predicts a series' next value from the ones before it: here the network forecasts "
              "each point of the test span (which it never saw in training) from the real values before it."},
    "results.forecast.model_rmse": {"es": "RMSE de la red", "en": "Network's RMSE"},
    "results.forecast.repeat_rmse": {"es": "RMSE de «repetir el último valor»", "en": "RMSE of “repeat the last value”"},
    "results.forecast.repeat_rmse.help": {
        "es": "El error de pronosticar cada valor con el anterior, sin red alguna: el mínimo que un pronosticador "
              "debe superar.",
        "en": "The error of forecasting each value by the one before it, with no network at all: the bar any "
              "forecaster must clear."},
    "results.forecast.beats": {"es": "La red supera a «repetir el último valor».",
                            "en": "The network beats “repeat the last value”."},
    "results.forecast.not_yet": {
        "es": "La red aún no supera a «repetir el último valor»: sigue entrenando.",
        "en": "The network does not beat “repeat the last value” yet: keep training."},
    "results.forecast.title": {"es": "Pronóstico en el tramo de test", "en": "Forecast on the test span"},
    "results.forecast.series": {"es": "serie real", "en": "real series"},
    "results.forecast.forecast": {"es": "pronóstico de la red", "en": "network's forecast"},
    "results.forecast.clean": {"es": "seno sin ruido", "en": "sine without noise"},

    # sequence (next-number)
    "results.explain.next-number": {
        "es": "Elige el primer número y el salto de una sucesión aritmética y mira qué número espera la red "
              "en cada paso (entrenó con inicios de {start_low} a {start_high} y saltos de {step_low} a "
              "{step_high}).",
        "en": "Choose the first number and the step of an arithmetic sequence and see which number the "
              "network expects at each step (it trained on starts {start_low} to {start_high} and steps "
              "{step_low} to {step_high})."},
    "results.sequence.start": {"es": "Primer número", "en": "First number"},
    "results.sequence.step": {"es": "Salto", "en": "Step"},
    "results.sequence.mae": {"es": "Error absoluto medio en esta sucesión", "en": "Mean absolute error on this sequence"},
    "results.sequence.outside": {
        "es": "Estás fuera de lo que la red vio al entrenar: así se ve si sabe extrapolar (casi nunca sabe).",
        "en": "This is outside what the network saw in training: here you see whether it can extrapolate "
              "(it rarely can)."},
    "results.sequence.title": {"es": "El siguiente número, paso a paso", "en": "The next number, step by step"},
    "results.sequence.x": {"es": "término", "en": "term"},
    "results.sequence.true": {"es": "sucesión real", "en": "true sequence"},
    "results.sequence.predicted": {"es": "lo que espera la red", "en": "network's guess"},

    # confusion (sum-sign) and sentence (sentiment)
    "results.explain.sum-sign": {
        "es": "La red lee números uno a uno y al final dice si su suma es positiva; la matriz de confusión "
              "cuenta, en el conjunto de test, cuántas veces acierta y cómo se equivoca.",
        "en": "The network reads numbers one at a time and at the end says whether their sum is positive; the "
              "confusion matrix counts, on the test set, how often it is right and how it is wrong."},
    "results.explain.sentiment": {
        "es": "La red lee una frase palabra a palabra y dice si es positiva o negativa; abajo puedes escribir la "
              "tuya.",
        "en": "The network reads a sentence word by word and says whether it is positive or negative; below "
              "you can type your own."},
    "results.confusion.title": {"es": "Matriz de confusión (test)", "en": "Confusion matrix (test)"},
    "results.confusion.x": {"es": "clase predicha", "en": "predicted class"},
    "results.confusion.y": {"es": "clase real", "en": "true class"},
    "results.confusion.count": {"es": "ejemplos", "en": "examples"},
    "results.class.sum-sign.0": {"es": "suma ≤ 0", "en": "sum ≤ 0"},
    "results.class.sum-sign.1": {"es": "suma > 0", "en": "sum > 0"},
    "results.class.sentiment.0": {"es": "negativa", "en": "negative"},
    "results.class.sentiment.1": {"es": "positiva", "en": "positive"},
    "results.sentence.input": {"es": "Tu frase", "en": "Your sentence"},
    "results.sentence.input.help": {
        "es": "En español o en inglés. Prueba negaciones: «no es malo» frente a «no es bueno».",
        "en": "In English or Spanish. Try negations: “not bad” against “not good”."},
    "results.sentence.example": {"es": "no es malo, es muy bueno", "en": "it was not bad, it was really good"},
    "results.sentence.no_words": {"es": "Escribe al menos una palabra.", "en": "Type at least one word."},
    "results.sentence.verdict": {"es": "La red lee «{words}» y la ve **{label}**.",
                                   "en": "The network reads “{words}” and finds it **{label}**."},
    "results.sentence.unknown": {
        "es": "Palabras desconocidas (no estaban en las frases de entrenamiento; la red las lee todas como "
              "`<unk>`): {words}",
        "en": "Unknown words (not in the training sentences; the network reads each as `<unk>`): {words}"},
    "results.sentence.dropped": {
        "es": "La red solo lee las últimas {count} palabras; no ve: {words}",
        "en": "The network reads only the last {count} words; it does not see: {words}"},
    "results.sentence.probabilities": {"es": "Lo que opina la red", "en": "What the network thinks"},

    # sample_text (char-lm)
    "results.explain.char-lm": {
        "es": "La red escribe texto carácter a carácter, cada uno sorteado según lo probable que lo cree tras "
              "el texto anterior; la temperatura regula cuánto se arriesga.",
        "en": "The network writes text one character at a time, each drawn by how likely it thinks it is after "
              "the text so far; the temperature sets how much it takes chances."},
    "results.sample_text.prime": {"es": "Texto inicial", "en": "Prime text"},
    "results.sample_text.prime.help": {
        "es": "La red lo lee primero y continúa a partir de él. Solo puede contener caracteres que aparecen en "
              "el texto de entrenamiento.",
        "en": "The network reads it first and continues from it. It may only contain characters that occur in "
              "the training text."},
    "results.sample_text.temperature": {"es": "Temperatura", "en": "Temperature"},
    "results.sample_text.temperature.help": {
        "es": "Baja (0,1-0,5): elige casi siempre lo más probable, texto seguro y repetitivo. Alta (1,5-2): "
              "aplana las probabilidades, texto sorprendente y con más errores.",
        "en": "Low (0.1-0.5): nearly always the most likely character, safe and repetitive text. High "
              "(1.5-2): flattens the probabilities, surprising text with more mistakes."},
    "results.sample_text.again": {"es": "Otra muestra", "en": "Sample again"},
    "results.sample_text.unknown": {
        "es": "El texto inicial tiene caracteres que la red no conoce: `` {chars} ``",
        "en": "The prime text has characters the network does not know: `` {chars} ``"},
    "results.sample_text.caption": {
        "es": "Los primeros {count} caracteres son tu texto inicial; los {length} siguientes los escribe la "
              "red (semilla {seed}: la misma semilla da el mismo texto).",
        "en": "The first {count} characters are your prime; the {length} after them are the network's (seed "
              "{seed}: the same seed gives the same text)."},

    # marked_sum (adding)
    "results.explain.adding": {
        "es": "La red ve una larga fila de números al azar, dos de ellos marcados, y debe dar la suma de los "
              "dos marcados; un punto sobre la diagonal es una respuesta perfecta.",
        "en": "The network sees a long row of random numbers, two of them marked, and must give the sum of the "
              "two marked ones; a point on the diagonal is a perfect answer."},
    "results.marked_sum.mse": {"es": "Error cuadrático medio (test)", "en": "Mean squared error (test)"},
    "results.marked_sum.baseline": {"es": "Mejor respuesta constante", "en": "Best constant guess"},
    "results.marked_sum.baseline.help": {
        "es": "Responder siempre 1 (la suma media) sin mirar la entrada da un error de 1/6 ≈ 0,167; una red "
              "que no baja de ahí no ha aprendido a sumar.",
        "en": "Always answering 1 (the average sum) without looking at the input scores 1/6 ≈ 0.167; a network "
              "that does not get below it has not learned to add."},
    "results.marked_sum.first_step": {"es": "1.ª marca (paso)", "en": "1st marker (step)"},
    "results.marked_sum.first_value": {"es": "1.er valor", "en": "1st value"},
    "results.marked_sum.second_step": {"es": "2.ª marca (paso)", "en": "2nd marker (step)"},
    "results.marked_sum.second_value": {"es": "2.º valor", "en": "2nd value"},
    "results.marked_sum.target": {"es": "suma real", "en": "true sum"},
    "results.marked_sum.prediction": {"es": "respuesta de la red", "en": "network's answer"},
    "results.marked_sum.error": {"es": "error", "en": "error"},
    "results.marked_sum.title": {"es": "Respuestas en el conjunto de test", "en": "Answers on the test set"},
    "results.marked_sum.x": {"es": "suma real", "en": "true sum"},
    "results.marked_sum.y": {"es": "respuesta de la red", "en": "network's answer"},
    "results.marked_sum.predictions": {"es": "secuencias de test", "en": "test sequences"},
    "results.marked_sum.perfect": {"es": "respuesta perfecta", "en": "perfect answer"},

    # recall (copy)
    "results.explain.copy": {
        "es": "La red ve 10 símbolos, espera {delay} pasos en blanco y luego debe repetirlos en orden: en verde "
              "los que recuerda bien, en rojo anaranjado los que falla.",
        "en": "The network sees 10 symbols, waits {delay} blank steps, then must repeat them in order: green "
              "where it remembers right, vermillion where it fails."},
    "results.recall.symbol_accuracy": {"es": "Símbolos acertados (test)", "en": "Symbols right (test)"},
    "results.recall.sequence_accuracy": {"es": "Secuencias perfectas (test)", "en": "Perfect sequences (test)"},
    "results.recall.chance": {"es": "Al azar", "en": "By chance"},
    "results.recall.chance.help": {
        "es": "Sin memoria solo se puede adivinar uno de los 8 símbolos: se acierta 1 de cada 8.",
        "en": "Without memory one can only guess one of the 8 symbols: right 1 time in 8."},
    "results.recall.title": {"es": "Símbolos para recordar y símbolos recordados",
                            "en": "Symbols to remember and symbols recalled"},
    "results.recall.x": {"es": "posición", "en": "position"},
    "results.recall.shown": {"es": "mostrados", "en": "shown"},
    "results.recall.recalled": {"es": "recordados", "en": "recalled"},
    "results.recall.sequence": {"es": "secuencia {i}", "en": "sequence {i}"},
    "results.recall.correct": {"es": "acierto", "en": "right"},
    "results.recall.wrong": {"es": "fallo", "en": "wrong"},
}
