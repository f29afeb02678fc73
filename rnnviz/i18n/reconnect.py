"""Strings of the notice a learner reads when the server that held their run went away (rnnviz/ui/lost_run.py)."""

STRINGS = {
    "train.lost_run": {
        "es": "El servidor en el que entrenabas se reinició. El experimento se ha vuelto a preparar desde el "
              "enlace, pero su modelo entrenado se perdió en el paso {step}. Para conservar un entrenamiento, "
              "descárgalo con «Entrenamiento (RUN.json)».",
        "en": "The server you were training on restarted. Your experiment is set up again from the link, but its "
              "trained model was lost at step {step}. To keep a run, download it with “Run (RUN.json)”."},
}
