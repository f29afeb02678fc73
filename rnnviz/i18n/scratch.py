"""Strings of the From-scratch page (the NumPy RNN)."""

STRINGS = {
    "scratch.title": {"es": "Una RNN desde cero, en NumPy", "en": "An RNN from scratch, in NumPy"},
    "scratch.intro": {
        "es": "Una RNN tanh de unas pocas unidades, escrita a mano en NumPy (`rnnviz/scratch.py`), lee una "
              "secuencia de números y dice si su suma es positiva. Aquí ves cada ecuación con sus números para "
              "una muestra: primero hacia delante, luego la retropropagación en el tiempo (BPTT) hacia atrás.",
        "en": "A tanh RNN of a few units, written by hand in NumPy (`rnnviz/scratch.py`), reads a sequence of "
              "numbers and says whether their sum is positive. Here is every equation with its numbers for one "
              "sample: first forwards, then backpropagation through time (BPTT) backwards."},
    "scratch.hidden_size": {"es": "Unidades ocultas H", "en": "Hidden units H"},
    "scratch.seq_len": {"es": "Longitud T", "en": "Length T"},
    "scratch.seed": {"es": "Semilla", "en": "Seed"},
    "scratch.seed.help": {"es": "Fija los pesos iniciales y los datos.", "en": "Fixes the initial weights and the data."},
    "scratch.sample": {"es": "Muestra", "en": "Sample"},
    "scratch.weights": {"es": "Los pesos (iniciales)", "en": "The weights (initial)"},
    "scratch.input": {"es": "La muestra: entrada x_t y etiqueta y = {y:.0f} (suma = {total:.3f})",
                      "en": "The sample: input x_t and label y = {y:.0f} (sum = {total:.3f})"},
    "scratch.forward": {"es": "Hacia delante", "en": "Forward pass"},
    "scratch.backward": {"es": "Hacia atrás (BPTT)", "en": "Backward pass (BPTT)"},
    "scratch.unit": {"es": "unidad {i}", "en": "unit {i}"},
    "scratch.backward.caption": {
        "es": "La pérdida solo ve h_T: el gradiente entra por el último paso y viaja hacia atrás multiplicándose "
              "por W_hhᵀ y por la pendiente de tanh (1 − h_t²) en cada paso. Cada paso t aporta un sumando a "
              "∂L/∂W_hh con el estado que ENTRÓ en él, h_{t−1}.",
        "en": "The loss only sees h_T: the gradient enters at the last step and travels back, multiplied by "
              "W_hhᵀ and by tanh's slope (1 − h_t²) at every step. Each step t adds one term to ∂L/∂W_hh, with "
              "the state that ENTERED it, h_{t−1}."},
    "scratch.grads": {"es": "Los gradientes (sumas sobre t)", "en": "The gradients (sums over t)"},
    "scratch.heatmap.title": {"es": "Una muestra: h_t hacia delante, ∂L/∂h_t hacia atrás",
                              "en": "One sample: h_t forwards, ∂L/∂h_t backwards"},
    "scratch.heatmap.hidden": {"es": "h_t (hacia delante)", "en": "h_t (forward)"},
    "scratch.heatmap.gradient": {"es": "∂L/∂h_t (hacia atrás)", "en": "∂L/∂h_t (backward)"},
    "scratch.heatmap.caption": {
        "es": "Izquierda: el estado oculto, en [−1, 1]. Derecha: el gradiente que BPTT lleva a cada paso; suele "
              "ser mayor a la derecha (cerca de la pérdida) y encogerse hacia t = 1.",
        "en": "Left: the hidden state, in [−1, 1]. Right: the gradient BPTT carries to each step; it is usually "
              "largest on the right (near the loss) and shrinks towards t = 1."},
    "scratch.check": {"es": "Comprobación del gradiente", "en": "Gradient check"},
    "scratch.check.caption": {
        "es": "El gradiente de BPTT comparado con el de autograd de PyTorch (mismos pesos, float64) y con "
              "diferencias finitas centrales (ε = 10⁻⁶) en un lote de {n} muestras. Con autograd coincide hasta el "
              "redondeo (~10⁻¹⁶); con diferencias finitas, hasta su error de truncamiento (~10⁻⁹).",
        "en": "The BPTT gradient against PyTorch's autograd (same weights, float64) and against central finite "
              "differences (ε = 10⁻⁶) on a batch of {n} samples. With autograd it agrees to rounding (~10⁻¹⁶); "
              "with finite differences, to their truncation error (~10⁻⁹)."},
    "scratch.col.parameter": {"es": "parámetro", "en": "parameter"},
    "scratch.col.shape": {"es": "forma", "en": "shape"},
    "scratch.col.max_bptt": {"es": "máx |BPTT|", "en": "max |BPTT|"},
    "scratch.col.autograd_abs": {"es": "máx |BPTT − autograd|", "en": "max |BPTT − autograd|"},
    "scratch.col.autograd_rel": {"es": "relativo (autograd)", "en": "relative (autograd)"},
    "scratch.col.finite_abs": {"es": "máx |BPTT − dif. finitas|", "en": "max |BPTT − finite diff.|"},
    "scratch.col.finite_rel": {"es": "relativo (dif. finitas)", "en": "relative (finite diff.)"},
    "scratch.train": {"es": "Entrenar: NumPy frente a PyTorch", "en": "Train: NumPy against PyTorch"},
    "scratch.train.intro": {
        "es": "Entrena la red NumPy y su gemela de PyTorch desde los mismos pesos, con los mismos lotes y SGD "
              "simple con la misma tasa. Si el BPTT a mano es exacto, las dos curvas son la misma.",
        "en": "Trains the NumPy network and its PyTorch twin from the same weights, on the same batches, with "
              "plain SGD at the same rate. If the hand-written BPTT is exact, the two curves are one."},
    "scratch.steps": {"es": "Pasos", "en": "Steps"},
    "scratch.lr": {"es": "Tasa de aprendizaje", "en": "Learning rate"},
    "scratch.batch_size": {"es": "Tamaño del lote", "en": "Batch size"},
    "scratch.train.button": {"es": "Entrenar", "en": "Train"},
    "scratch.train.prompt": {"es": "Pulsa «Entrenar» para ver las dos curvas.",
                             "en": "Press “Train” to see both curves."},
    "scratch.max_difference": {"es": "Máxima diferencia entre las curvas", "en": "Largest difference between the curves"},
    "scratch.loss.title": {"es": "NumPy y PyTorch: mismos pesos, mismos lotes",
                           "en": "NumPy and PyTorch: same weights, same batches"},
    "scratch.loss.numpy": {"es": "NumPy (BPTT a mano)", "en": "NumPy (BPTT by hand)"},
    "scratch.loss.torch": {"es": "PyTorch (autograd)", "en": "PyTorch (autograd)"},
    "scratch.loss.caption": {
        "es": "La línea discontinua (PyTorch) cae justo encima de la continua (NumPy): la diferencia es del orden "
              "del redondeo de float64. nn.RNN tiene dos sesgos (b_ih y b_hh) donde NumPy tiene uno; b_hh se "
              "congela en 0 para que el modelo sea el mismo.",
        "en": "The dashed line (PyTorch) lies right on the solid one (NumPy): the difference is float64 rounding. "
              "nn.RNN has two biases (b_ih and b_hh) where NumPy has one; b_hh is frozen at 0 so the model is the "
              "same."},
}
