"""Strings of the experiment sidebar: each knob's label and a help text that teaches, the tasks."""

STRINGS = {
    "knob.task": {"es": "Tarea", "en": "Task"},
    "knob.task.help": {
        "es": "El problema de secuencias que aprende la red. Cada tarea enseña algo: memoria larga (el problema "
              "de la suma, la memoria de copia), el orden de las palabras (el sentimiento de frases), la "
              "predicción de series (el seno).",
        "en": "The sequence problem the network learns. Each one teaches something: long memory (the adding "
              "problem, copy memory), word order (sentence sentiment), forecasting (the sine)."},
    "knob.cell": {"es": "Tipo de celda", "en": "Cell type"},
    "knob.cell.help": {
        "es": "RNN: h_t = tanh(W x_t + U h_{t-1}); su gradiente se desvanece con el tiempo. LSTM y GRU añaden "
              "puertas que deciden qué recordar y qué olvidar, y así recuerdan más lejos.",
        "en": "RNN: h_t = tanh(W x_t + U h_{t-1}); its gradient vanishes over time. LSTM and GRU add gates that "
              "decide what to keep and what to forget, so they remember further back."},
    "cell.rnn": {"es": "RNN (tanh)", "en": "RNN (tanh)"},
    "cell.rnn-relu": {"es": "RNN (ReLU)", "en": "RNN (ReLU)"},
    "cell.lstm": {"es": "LSTM", "en": "LSTM"},
    "cell.gru": {"es": "GRU", "en": "GRU"},
    "knob.layers": {"es": "Capas", "en": "Layers"},
    "knob.layers.help": {
        "es": "Capas recurrentes apiladas: cada una lee la secuencia de estados de la capa de abajo. Más capas, "
              "representaciones más abstractas, pero más lento y más difícil de entrenar.",
        "en": "Stacked recurrent layers: each reads the sequence of states of the layer below. More layers give "
              "more abstract features but train slower and harder."},
    "knob.bidirectional": {"es": "Bidireccional", "en": "Bidirectional"},
    "knob.bidirectional.help": {
        "es": "Añade una segunda red que lee la secuencia de derecha a izquierda; se concatenan ambos estados. "
              "Útil cuando toda la frase está disponible (sentiment), no para predecir el futuro.",
        "en": "Adds a second network reading right to left; both states are joined. Useful when the whole "
              "sentence is available (sentiment), not when predicting the future."},
    "knob.hidden_size": {"es": "Tamaño del estado oculto", "en": "Hidden size"},
    "knob.hidden_size.help": {
        "es": "Número de unidades de h_t: la memoria de trabajo de la red. Más unidades, más capacidad y más "
              "parámetros (y más lento).",
        "en": "Number of units in h_t: the network's working memory. More units: more capacity and more "
              "parameters (and slower)."},
    "knob.lr": {"es": "Tasa de aprendizaje", "en": "Learning rate"},
    "knob.lr.help": {
        "es": "Tamaño de cada paso de actualización de los pesos. Demasiado pequeña: aprende despacio; demasiado "
              "grande: la pérdida oscila o diverge (NaN).",
        "en": "Size of each weight update. Too small: learns slowly; too large: the loss oscillates or "
              "diverges (NaN)."},
    "knob.optimizer": {"es": "Optimizador", "en": "Optimizer"},
    "knob.optimizer.help": {
        "es": "Adam adapta el paso de cada peso y suele converger rápido; el descenso de gradiente estocástico "
              "(SGD) es el descenso de gradiente puro, más sensible a la tasa de aprendizaje.",
        "en": "Adam adapts each weight's step and usually converges fast; stochastic gradient descent (SGD) is "
              "plain gradient descent, more sensitive to the learning rate."},
    "optimizer.adam": {"es": "Adam", "en": "Adam"},
    "optimizer.sgd": {"es": "SGD", "en": "SGD"},          # the help says what it stands for
    "knob.batch_size": {"es": "Tamaño del lote", "en": "Batch size"},
    "knob.batch_size.help": {
        "es": "Secuencias por paso de entrenamiento. Lotes grandes dan gradientes menos ruidosos pero cada paso "
              "cuesta más.",
        "en": "Sequences per training step. Larger batches give less noisy gradients but each step costs more."},
    "knob.steps": {"es": "Pasos de entrenamiento", "en": "Training steps"},
    "knob.steps.help": {
        "es": "Cuántas actualizaciones hace un entrenamiento completo.",
        "en": "How many updates a full run makes."},
    "knob.clip": {"es": "Recorte del gradiente", "en": "Gradient clipping"},
    "knob.clip.help": {
        "es": "Si la norma del gradiente supera este valor se reescala a él (Pascanu et al., 2013): un freno de "
              "emergencia para los gradientes que explotan, no para cada paso. 0 lo desactiva. Los recortes se "
              "marcan en la curva de pérdida.",
        "en": "If the gradient norm exceeds this value it is rescaled to it (Pascanu et al., 2013): an emergency "
              "brake for exploding gradients, not for every step. 0 turns it off. Clip events are marked on the "
              "loss curve."},
    # the task's default, after the help above (measured in each task's file, rnnviz/tasks/)
    "knob.clip.default_off": {
        "es": "Esta tarea no recorta por defecto, como el curso: con Adam entrena igual de bien sin recorte "
              "(medido).",
        "en": "This task does not clip by default, as in the course: with Adam it trains as well without "
              "(measured)."},
    "knob.clip.default_on": {
        "es": "Esta tarea recorta a {clip:g} por defecto: el recorte actúa solo en el 1-2 % de los pasos, "
              "cuando el gradiente da un salto, y el entrenamiento acaba mejor que sin él (medido).",
        "en": "This task clips to {clip:g} by default: the clip acts on only 1-2% of the steps, when the "
              "gradient jumps, and training ends better than without it (measured)."},
    "knob.patience": {"es": "Parada temprana: paciencia", "en": "Early stopping: patience"},
    "knob.patience.help": {
        "es": "Detiene el entrenamiento tras este número de mediciones de validación seguidas sin bajar la "
              "pérdida de validación, y se queda con el modelo de la mejor. 0 la desactiva.",
        "en": "Stops training after this many validation measurements in a row without a lower validation "
              "loss, and keeps the model of the best one. 0 turns it off."},
    "knob.seed": {"es": "Semilla", "en": "Seed"},
    "knob.seed.help": {
        "es": "Fija los datos, los pesos iniciales y los lotes: la misma semilla reproduce exactamente el mismo "
              "entrenamiento.",
        "en": "Fixes the data, the initial weights and the batches: the same seed reproduces exactly the same "
              "run."},
    "knob.dropout": {"es": "Dropout entre capas", "en": "Dropout between layers"},
    "knob.dropout.help": {
        "es": "Apaga al azar esta fracción de unidades entre capas al entrenar, para generalizar mejor. Solo "
              "con más de una capa.",
        "en": "Randomly switches off this share of units between layers while training, to generalise better. "
              "Only with more than one layer."},
    "knob.embedding_dim": {"es": "Tamaño del embedding", "en": "Embedding size"},
    "knob.embedding_dim.help": {
        "es": "Cada palabra o carácter se convierte en un vector aprendido de este tamaño antes de entrar en "
              "la red.",
        "en": "Each word or character becomes a learned vector of this size before entering the network."},
    "knob.spectral_radius": {"es": "Radio espectral inicial ρ", "en": "Initial spectral radius ρ"},
    "knob.spectral_radius.help": {
        "es": "La matriz recurrente empieza como una ortogonal por ρ. ρ < 1: el gradiente se desvanece en el "
              "tiempo; ρ > 1: puede explotar. Desactivado: la inicialización de PyTorch.",
        "en": "The recurrent matrix starts as an orthogonal matrix times ρ. ρ < 1: gradients vanish over time; "
              "ρ > 1: they may explode. Off: PyTorch's initialisation."},
    "knob.forget_bias": {"es": "Sesgo de la puerta de olvido", "en": "Forget-gate bias"},
    "knob.forget_bias.help": {
        "es": "Solo LSTM: un sesgo inicial de 1-2 deja la puerta de olvido abierta al principio, y la red "
              "recuerda desde el primer paso.",
        "en": "LSTM only: an initial bias of 1-2 keeps the forget gate open at the start, so the network "
              "remembers from the first step."},
    "knob.custom_init": {"es": "Inicialización propia", "en": "Custom initialisation"},
    "knob.custom_init.help": {
        "es": "Elige tú la matriz recurrente inicial y el sesgo de olvido, para las lecciones de gradientes.",
        "en": "Choose the initial recurrent matrix and the forget bias yourself, for the gradient lessons."},
    "param.seq_len": {"es": "Longitud de la secuencia", "en": "Sequence length"},
    "param.seq_len.help": {
        "es": "Pasos de tiempo T de cada secuencia. Cuanto más larga, más lejos tiene que recordar la red y más "
              "se desvanece el gradiente.",
        "en": "Time steps T of each sequence. The longer, the further back the network must remember and the "
              "more the gradient vanishes."},
    "param.seq_len.copy.help": {
        "es": "T, los pasos en blanco entre los 10 símbolos y la orden de repetirlos: la distancia a recordar.",
        "en": "T, the blank steps between the 10 symbols and the signal to repeat them: the distance to "
              "remember."},
    "param.seq_len.sine.help": {
        "es": "La ventana: cuántos valores pasados ve la red para predecir el siguiente.",
        "en": "The window: how many past values the network sees to predict the next one."},
    "param.noise": {"es": "Ruido", "en": "Noise"},
    "param.noise.help": {
        "es": "Desviación típica del ruido sumado al seno: más ruido, menos predecible.",
        "en": "Standard deviation of the noise added to the sine: more noise, less predictable."},
    "param.text": {"es": "Texto", "en": "Text"},
    "param.text.help": {
        "es": "El texto con el que aprende a escribir carácter a carácter.",
        "en": "The text it learns to write, character by character."},
    "param.text.zen": {"es": "Zen de Python (inglés)", "en": "Zen of Python (English)"},
    "param.text.es": {"es": "Quijote (español)", "en": "Don Quijote (Spanish)"},
    "task.sum-sign": {"es": "Signo de la suma", "en": "Sign of the sum"},
    "task.sum-sign.summary": {
        "es": "Decidir si la suma de una secuencia de números aleatorios es positiva.",
        "en": "Decide whether the sum of a sequence of random numbers is positive."},
    "task.next-number": {"es": "Siguiente número", "en": "Next number"},
    "task.next-number.summary": {
        "es": "Predecir en cada paso el siguiente número de una progresión aritmética.",
        "en": "Predict, at every step, the next number of an arithmetic sequence."},
    "task.sine": {"es": "Predicción de una serie (seno)", "en": "Forecasting a series (sine)"},
    "task.sine.summary": {
        "es": "Predecir el siguiente valor de un seno con ruido a partir de una ventana de valores pasados.",
        "en": "Predict the next value of a noisy sine from a window of past values."},
    "task.sentiment": {"es": "Sentimiento de frases", "en": "Sentence sentiment"},
    "task.sentiment.summary": {
        "es": "Clasificar frases cortas en español e inglés como positivas o negativas; las negaciones hacen "
              "que el orden importe.",
        "en": "Classify short Spanish and English sentences as positive or negative; negations make word "
              "order matter."},
    "task.adding": {"es": "Problema de la suma (adding)", "en": "Adding problem"},
    "task.adding.summary": {
        "es": "Sumar los dos valores marcados de una secuencia larga: hay que recordarlos durante muchos pasos.",
        "en": "Add the two marked values of a long sequence: they must be remembered over many steps."},
    "task.copy": {"es": "Memoria de copia", "en": "Copy memory"},
    "task.copy.summary": {
        "es": "Ver 10 símbolos, esperar T pasos en blanco y repetirlos en orden.",
        "en": "See 10 symbols, wait T blank steps, then repeat them in order."},
    "task.char-lm": {"es": "Modelo de lenguaje por caracteres", "en": "Character language model"},
    "task.char-lm.summary": {
        "es": "Predecir el siguiente carácter de un texto y luego escribir texto nuevo.",
        "en": "Predict the next character of a text, then write new text."},
}
