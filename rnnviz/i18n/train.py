"""Strings of the Train page."""

STRINGS = {
    "train.title": {"es": "Entrenar en vivo", "en": "Train live"},
    "train.start": {"es": "Empezar", "en": "Start"},
    "train.resume": {"es": "Continuar", "en": "Resume"},
    "train.pause": {"es": "Pausa", "en": "Pause"},
    "train.step": {"es": "Un paso", "en": "One step"},
    "train.reset": {"es": "Reiniciar", "en": "Reset"},
    "train.reset.help": {
        "es": "Crea un modelo nuevo con la configuración actual de la barra lateral.",
        "en": "Builds a new model from the sidebar's current settings."},
    "train.log_y": {"es": "Eje y logarítmico", "en": "Log y axis"},
    "train.pace": {"es": "Ritmo", "en": "Pace"},
    "train.pace.one": {"es": "Ritmo: 1 paso/s", "en": "Pace: 1 step/s"},
    "train.pace.steps": {"es": "Ritmo: {n} pasos/s", "en": "Pace: {n} steps/s"},
    "train.pace.full": {"es": "Ritmo: a toda velocidad", "en": "Pace: full speed"},
    "train.keep_going": {"es": "Seguir tras el último paso", "en": "Keep going past the last step"},
    "train.keep_going.help": {
        "es": "Sigue entrenando después de los pasos del experimento, hasta que pulses «Pausa». Se detiene solo "
              "tras {minutes} minutos o {steps} pasos, para no ocupar el servidor si nadie mira.",
        "en": "Keeps training past the experiment's steps until you press “Pause”. It stops by itself after "
              "{minutes} minutes or {steps} steps, so that a forgotten tab does not keep the server busy."},
    "train.progress_beyond": {
        "es": "Paso {step} · {total} pasos superados: sigue hasta «Pausa» (como mucho {minutes} min)",
        "en": "Step {step} · past the {total} steps: goes on until “Pause” (at most {minutes} min)"},
    "train.status.capped": {
        "es": "Detenido solo: {minutes} min o {steps} pasos como mucho",
        "en": "Stopped by itself: {minutes} min or {steps} steps at most"},
    "train.metric.update": {"es": "Cambio de los pesos ‖Δθ‖", "en": "Weight change ‖Δθ‖"},
    "train.metric.update.help": {
        "es": "Cuánto ha movido este paso los pesos: la norma de la diferencia entre los pesos de antes y los "
              "de después. El punto marcado en la curva es la pérdida de ese paso.",
        "en": "How far this step moved the weights: the norm of the difference between the weights before "
              "and after it. The marked point on the curve is that step's loss."},
    "train.loss.this_step": {"es": "este paso", "en": "this step"},
    "train.loss.kept": {"es": "modelo conservado (paso {step})", "en": "model kept (step {step})"},
    "train.early_stop": {
        "es": "Parada temprana en el paso {step}: la pérdida de validación no mejoraba desde el paso {best}; se "
              "conserva el modelo del paso {best} (la estrella en la curva).",
        "en": "Stopped early at step {step}: the validation loss had not improved since step {best}; the model "
              "of step {best} is kept (the star on the curve)."},
    "train.progress_update": {"es": "este paso movió los pesos ‖Δθ‖ = {norm}",
                              "en": "this step moved the weights ‖Δθ‖ = {norm}"},
    "train.config_changed": {
        "es": "Has cambiado el experimento. Los cambios se aplican al pulsar «Reiniciar»; hasta entonces este "
              "modelo sigue con su configuración.",
        "en": "You changed the experiment. The changes apply when you press “Reset”; until then this model keeps "
              "its configuration."},
    "train.progress": {
        "es": "Paso {step} de {total} · {rate:.0f} pasos/s · quedan {left}",
        "en": "Step {step} of {total} · {rate:.0f} steps/s · {left} left"},
    "train.progress_idle": {"es": "Paso {step} de {total}", "en": "Step {step} of {total}"},
    "train.seconds": {"es": "{s:.0f} s", "en": "{s:.0f} s"},
    "train.status.ready": {"es": "Listo para empezar", "en": "Ready to start"},
    "train.status.running": {"es": "Entrenando…", "en": "Training…"},
    "train.status.paused": {"es": "En pausa", "en": "Paused"},
    "train.status.finished": {"es": "Terminado", "en": "Finished"},
    "train.status.diverged": {"es": "Divergió", "en": "Diverged"},
    "train.status.stopped": {"es": "Detenido", "en": "Stopped"},
    "train.diverged": {
        "es": "El entrenamiento divergió en el paso {step}: la pérdida o el gradiente dejó de ser finito (NaN o "
              "infinito). Se conservan los últimos pesos finitos, que puedes seguir inspeccionando. Prueba una "
              "tasa de aprendizaje menor o activa el recorte del gradiente, y pulsa «Reiniciar».",
        "en": "Training diverged at step {step}: the loss or the gradient stopped being finite (NaN or "
              "infinite). The last finite weights are kept and you can still inspect them. Try a smaller "
              "learning rate or turn on gradient clipping, then press “Reset”."},
    "train.metric.train_loss": {"es": "Pérdida (entrenamiento)", "en": "Train loss"},
    "train.metric.val_loss": {"es": "Pérdida (validación)", "en": "Validation loss"},
    "train.metric.baseline": {"es": "Pérdida de referencia", "en": "Baseline loss"},
    "train.metric.baseline.help": {
        "es": "La pérdida de la mejor predicción constante, que no mira la entrada. Por debajo de esta línea la "
              "red ha aprendido algo.",
        "en": "The loss of the best constant prediction, which ignores the input. Below this line the network "
              "has learned something."},
    "train.loss.empty": {
        "es": "La curva de pérdida se dibuja aquí desde el primer paso, junto a la línea que hay que batir: la "
              "mejor predicción constante.",
        "en": "The loss curve is drawn here from the first step, beside the line to beat: the best constant "
              "prediction.",
    },
    "train.loss.title": {"es": "Pérdida durante el entrenamiento", "en": "Loss during training"},
    "train.loss.train": {"es": "entrenamiento", "en": "train"},
    "train.loss.val": {"es": "validación", "en": "validation"},
    "train.loss.baseline": {"es": "mejor constante", "en": "best constant"},
    "train.loss.clip": {"es": "gradiente recortado", "en": "gradient clipped"},
    "train.what_for": {"es": "Para qué sirve", "en": "What it is for"},
    "metric.accuracy": {"es": "Exactitud", "en": "Accuracy"},
    "metric.rmse": {"es": "RMSE (unidades originales)", "en": "RMSE (original units)"},
    "metric.mae": {"es": "Error absoluto medio", "en": "Mean absolute error"},
    "metric.mse": {"es": "Error cuadrático medio", "en": "Mean squared error"},
    "metric.symbol accuracy": {"es": "Exactitud por símbolo", "en": "Symbol accuracy"},
    "metric.bits per char": {"es": "Bits por carácter", "en": "Bits per character"},
}

STRINGS.update({
    "runs.title": {"es": "Entrenamientos grabados", "en": "Recorded runs"},
    "runs.explain": {
        "es": "Carga un entrenamiento grabado con `python -m rnnviz train ... --out RUN.json` (y sus pesos .pt, "
              "hasta {mb} MB) o uno de los de demostración: sus curvas y su modelo entrenado aparecen en "
              "todas las páginas, sin esperar a entrenar.",
        "en": "Load a run recorded with `python -m rnnviz train ... --out RUN.json` (and its .pt weights, up to "
              "{mb} MB) or one of the demos: its curves and its trained model appear on every page, with no "
              "wait for training."},
    "runs.demo": {"es": "Demostraciones", "en": "Demos"},
    "runs.demo.adding-lstm": {"es": "Problema de la suma, T = 50: LSTM (aprende)",
                              "en": "Adding problem, T = 50: LSTM (learns)"},
    "runs.demo.adding-rnn": {"es": "Problema de la suma, T = 50: RNN (tanh) (no aprende)",
                             "en": "Adding problem, T = 50: RNN (tanh) (does not learn)"},
    "runs.demo.sine-lstm": {"es": "Seno: LSTM", "en": "Sine: LSTM"},
    "runs.load_demo": {"es": "Cargar la demostración", "en": "Load the demo"},
    "runs.upload": {"es": "Tu RUN.json", "en": "Your RUN.json"},
    "runs.upload_weights": {"es": "Sus pesos (.pt, opcional)", "en": "Its weights (.pt, optional)"},
    "runs.load_upload": {"es": "Cargar mi entrenamiento", "en": "Load my run"},
    "runs.bad_json": {"es": "No es un RUN.json válido. {error}", "en": "Not a valid RUN.json. {error}"},
    "runs.bad_weights": {
        "es": "No se pudieron cargar los pesos (solo se aceptan tensores, nunca código): {error}",
        "en": "The weights could not be loaded (only tensors are accepted, never code): {error}"},
    "runs.invalid_weights": {"es": "El archivo .pt no es un modelo de rnnviz válido: {error}",
                             "en": "The .pt file is not a valid rnnviz model: {error}"},
    "runs.weights_mismatch": {"es": "Los pesos (.pt) no son los del modelo de este RUN.json: {error}",
                              "en": "The weights (.pt) are not those of this RUN.json's model: {error}"},
    "runs.bad_demo": {"es": "No se pudo cargar la demostración. {error}",
                      "en": "The demo could not be loaded. {error}"},
})
