"""Strings of the Train page's results section: what the task is for (rnnviz/ui/task_results.py)."""

STRINGS = {
    "showcase.model_at": {"es": "El modelo tal como está en el paso {step}.",
                          "en": "The model as it is at step {step}."},
    "showcase.accuracy": {"es": "Exactitud (test)", "en": "Accuracy (test)"},
    "showcase.test_size": {"es": "Ejemplos de test", "en": "Test examples"},
    "showcase.probability": {"es": "probabilidad", "en": "probability"},

    # sine
    "showcase.sine.explain": {
        "es": "Un pronosticador predice el siguiente valor de la serie a partir de los anteriores: aquí la red "
              "pronostica cada punto del tramo de test (que nunca vio al entrenar) leyendo los valores reales "
              "que lo preceden.",
        "en": "A forecaster predicts a series' next value from the ones before it: here the network forecasts "
              "each point of the test span (which it never saw in training) from the real values before it."},
    "showcase.sine.model_rmse": {"es": "RMSE de la red", "en": "Network's RMSE"},
    "showcase.sine.repeat_rmse": {"es": "RMSE de «repetir el último valor»", "en": "RMSE of “repeat the last value”"},
    "showcase.sine.repeat_rmse.help": {
        "es": "El error de pronosticar cada valor con el anterior, sin red alguna: el mínimo que un pronosticador "
              "debe superar.",
        "en": "The error of forecasting each value by the one before it, with no network at all: the bar any "
              "forecaster must clear."},
    "showcase.sine.beats": {"es": "La red supera a «repetir el último valor».",
                            "en": "The network beats “repeat the last value”."},
    "showcase.sine.not_yet": {
        "es": "La red aún no supera a «repetir el último valor»: sigue entrenando.",
        "en": "The network does not beat “repeat the last value” yet: keep training."},
    "showcase.sine.title": {"es": "Pronóstico en el tramo de test", "en": "Forecast on the test span"},
    "showcase.sine.series": {"es": "serie real", "en": "real series"},
    "showcase.sine.forecast": {"es": "pronóstico de la red", "en": "network's forecast"},
    "showcase.sine.clean": {"es": "seno sin ruido", "en": "sine without noise"},

    # next-number
    "showcase.next.explain": {
        "es": "Elige el primer número y el salto de una sucesión aritmética y mira qué número espera la red "
              "en cada paso (entrenó con inicios de {start_low} a {start_high} y saltos de {step_low} a "
              "{step_high}).",
        "en": "Choose the first number and the step of an arithmetic sequence and see which number the "
              "network expects at each step (it trained on starts {start_low} to {start_high} and steps "
              "{step_low} to {step_high})."},
    "showcase.next.start": {"es": "Primer número", "en": "First number"},
    "showcase.next.step": {"es": "Salto", "en": "Step"},
    "showcase.next.mae": {"es": "Error absoluto medio en esta sucesión", "en": "Mean absolute error on this sequence"},
    "showcase.next.outside": {
        "es": "Estás fuera de lo que la red vio al entrenar: así se ve si sabe extrapolar (casi nunca sabe).",
        "en": "This is outside what the network saw in training: here you see whether it can extrapolate "
              "(it rarely can)."},
    "showcase.next.title": {"es": "El siguiente número, paso a paso", "en": "The next number, step by step"},
    "showcase.next.x": {"es": "término", "en": "term"},
    "showcase.next.true": {"es": "sucesión real", "en": "true sequence"},
    "showcase.next.predicted": {"es": "lo que espera la red", "en": "network's guess"},

    # sum-sign and sentiment
    "showcase.sum_sign.explain": {
        "es": "La red lee números uno a uno y al final dice si su suma es positiva; la matriz de confusión "
              "cuenta, en el conjunto de test, cuántas veces acierta y cómo se equivoca.",
        "en": "The network reads numbers one at a time and at the end says whether their sum is positive; the "
              "confusion matrix counts, on the test set, how often it is right and how it is wrong."},
    "showcase.sentiment.explain": {
        "es": "La red lee una frase palabra a palabra y dice si es positiva o negativa; abajo puedes escribir la "
              "tuya.",
        "en": "The network reads a sentence word by word and says whether it is positive or negative; below "
              "you can type your own."},
    "showcase.confusion.title": {"es": "Matriz de confusión (test)", "en": "Confusion matrix (test)"},
    "showcase.confusion.x": {"es": "clase predicha", "en": "predicted class"},
    "showcase.confusion.y": {"es": "clase real", "en": "true class"},
    "showcase.confusion.count": {"es": "ejemplos", "en": "examples"},
    "showcase.class.sum-sign.0": {"es": "suma ≤ 0", "en": "sum ≤ 0"},
    "showcase.class.sum-sign.1": {"es": "suma > 0", "en": "sum > 0"},
    "showcase.class.sentiment.0": {"es": "negativa", "en": "negative"},
    "showcase.class.sentiment.1": {"es": "positiva", "en": "positive"},
    "showcase.sentiment.input": {"es": "Tu frase", "en": "Your sentence"},
    "showcase.sentiment.input.help": {
        "es": "En español o en inglés. Prueba negaciones: «no es malo» frente a «no es bueno».",
        "en": "In English or Spanish. Try negations: “not bad” against “not good”."},
    "showcase.sentiment.example": {"es": "no es malo, es muy bueno", "en": "it was not bad, it was really good"},
    "showcase.sentiment.no_words": {"es": "Escribe al menos una palabra.", "en": "Type at least one word."},
    "showcase.sentiment.verdict": {"es": "La red lee «{words}» y la ve **{label}**.",
                                   "en": "The network reads “{words}” and finds it **{label}**."},
    "showcase.sentiment.unknown": {
        "es": "Palabras desconocidas (no estaban en las frases de entrenamiento; la red las lee todas como "
              "`<unk>`): {words}",
        "en": "Unknown words (not in the training sentences; the network reads each as `<unk>`): {words}"},
    "showcase.sentiment.dropped": {
        "es": "La red solo lee las últimas {count} palabras; no ve: {words}",
        "en": "The network reads only the last {count} words; it does not see: {words}"},
    "showcase.sentiment.probabilities": {"es": "Lo que opina la red", "en": "What the network thinks"},

    # char-lm
    "showcase.char_lm.explain": {
        "es": "La red escribe texto carácter a carácter, cada uno sorteado según lo probable que lo cree tras "
              "el texto anterior; la temperatura regula cuánto se arriesga.",
        "en": "The network writes text one character at a time, each drawn by how likely it thinks it is after "
              "the text so far; the temperature sets how much it takes chances."},
    "showcase.char_lm.prime": {"es": "Texto inicial", "en": "Prime text"},
    "showcase.char_lm.prime.help": {
        "es": "La red lo lee primero y continúa a partir de él. Solo puede contener caracteres que aparecen en "
              "el texto de entrenamiento.",
        "en": "The network reads it first and continues from it. It may only contain characters that occur in "
              "the training text."},
    "showcase.char_lm.temperature": {"es": "Temperatura", "en": "Temperature"},
    "showcase.char_lm.temperature.help": {
        "es": "Baja (0,1-0,5): elige casi siempre lo más probable, texto seguro y repetitivo. Alta (1,5-2): "
              "aplana las probabilidades, texto sorprendente y con más errores.",
        "en": "Low (0.1-0.5): nearly always the most likely character, safe and repetitive text. High "
              "(1.5-2): flattens the probabilities, surprising text with more mistakes."},
    "showcase.char_lm.again": {"es": "Otra muestra", "en": "Sample again"},
    "showcase.char_lm.unknown": {
        "es": "El texto inicial tiene caracteres que la red no conoce: `` {chars} ``",
        "en": "The prime text has characters the network does not know: `` {chars} ``"},
    "showcase.char_lm.caption": {
        "es": "Los primeros {count} caracteres son tu texto inicial; los {length} siguientes los escribe la "
              "red (semilla {seed}: la misma semilla da el mismo texto).",
        "en": "The first {count} characters are your prime; the {length} after them are the network's (seed "
              "{seed}: the same seed gives the same text)."},

    # adding
    "showcase.adding.explain": {
        "es": "La red ve una larga fila de números al azar, dos de ellos marcados, y debe dar la suma de los "
              "dos marcados; un punto sobre la diagonal es una respuesta perfecta.",
        "en": "The network sees a long row of random numbers, two of them marked, and must give the sum of the "
              "two marked ones; a point on the diagonal is a perfect answer."},
    "showcase.adding.mse": {"es": "Error cuadrático medio (test)", "en": "Mean squared error (test)"},
    "showcase.adding.baseline": {"es": "Mejor respuesta constante", "en": "Best constant guess"},
    "showcase.adding.baseline.help": {
        "es": "Responder siempre 1 (la suma media) sin mirar la entrada da un error de 1/6 ≈ 0,167; una red "
              "que no baja de ahí no ha aprendido a sumar.",
        "en": "Always answering 1 (the average sum) without looking at the input scores 1/6 ≈ 0.167; a network "
              "that does not get below it has not learned to add."},
    "showcase.adding.first_step": {"es": "1.ª marca (paso)", "en": "1st marker (step)"},
    "showcase.adding.first_value": {"es": "1.er valor", "en": "1st value"},
    "showcase.adding.second_step": {"es": "2.ª marca (paso)", "en": "2nd marker (step)"},
    "showcase.adding.second_value": {"es": "2.º valor", "en": "2nd value"},
    "showcase.adding.target": {"es": "suma real", "en": "true sum"},
    "showcase.adding.prediction": {"es": "respuesta de la red", "en": "network's answer"},
    "showcase.adding.error": {"es": "error", "en": "error"},
    "showcase.adding.title": {"es": "Respuestas en el conjunto de test", "en": "Answers on the test set"},
    "showcase.adding.x": {"es": "suma real", "en": "true sum"},
    "showcase.adding.y": {"es": "respuesta de la red", "en": "network's answer"},
    "showcase.adding.predictions": {"es": "secuencias de test", "en": "test sequences"},
    "showcase.adding.perfect": {"es": "respuesta perfecta", "en": "perfect answer"},

    # copy
    "showcase.copy.explain": {
        "es": "La red ve 10 símbolos, espera {delay} pasos en blanco y luego debe repetirlos en orden: en verde "
              "los que recuerda bien, en rojo anaranjado los que falla.",
        "en": "The network sees 10 symbols, waits {delay} blank steps, then must repeat them in order: green "
              "where it remembers right, vermillion where it fails."},
    "showcase.copy.symbol_accuracy": {"es": "Símbolos acertados (test)", "en": "Symbols right (test)"},
    "showcase.copy.sequence_accuracy": {"es": "Secuencias perfectas (test)", "en": "Perfect sequences (test)"},
    "showcase.copy.chance": {"es": "Al azar", "en": "By chance"},
    "showcase.copy.chance.help": {
        "es": "Sin memoria solo se puede adivinar uno de los 8 símbolos: se acierta 1 de cada 8.",
        "en": "Without memory one can only guess one of the 8 symbols: right 1 time in 8."},
    "showcase.copy.title": {"es": "Símbolos para recordar y símbolos recordados",
                            "en": "Symbols to remember and symbols recalled"},
    "showcase.copy.x": {"es": "posición", "en": "position"},
    "showcase.copy.shown": {"es": "mostrados", "en": "shown"},
    "showcase.copy.recalled": {"es": "recordados", "en": "recalled"},
    "showcase.copy.sequence": {"es": "secuencia {i}", "en": "sequence {i}"},
    "showcase.copy.correct": {"es": "acierto", "en": "right"},
    "showcase.copy.wrong": {"es": "fallo", "en": "wrong"},
}
