"""What a learner must not read: words of the other language and names from the code. Shared by
tests/test_spanish_first.py (every page's strings under AppTest) and tests/browser/test_spanish_chrome.py
(what the browser shows, Streamlit's own words included)."""
from __future__ import annotations

import html
import re

from rnnviz.config import CELLS, OPTIMIZERS
from rnnviz.tasks import TASKS, get_task

# English words of a training interface; none is a Spanish word too (no "error", "final", "no", "media")
ENGLISH = set("""
step steps loss losses layer layers hidden train training trained gate gates forget input inputs output
outputs accuracy start stop pause play reset download upload sequence sequences sentence sentences
learning rate rates validation weight weights gradient gradients unit units time value values predicted
prediction predictions target targets cell cells state states update candidate run runs recorded clip clipped
clipping best constant sum sign next number numbers forecast sine copy adding sentiment model models network
networks the and of with for from this that your drag drop file files browse limit per deploy true false
seed batch size noise text score mean baseline sample chart figure show hide new layer direction backward
forward reverse left right epoch epochs optimizer optimiser initialisation initialization custom length
embedding radius spectral bias bound vanish vanishing exploding explode memory word words character
characters language positive negative class classes probability answer perplexity sweep race match
lengths settings knob knobs link share shared welcome lesson lessons next previous check question
plot axes pan autoscale fullscreen choose option options results search clear apply press enter skip content running
help open close remove add delete increment decrement collapse expand heading clipboard columns selected must
smaller allowed
""".split())
# terms Spanish uses as they are: names of cells, libraries and methods
SPANISH_USES = {"LSTM", "GRU", "RNN", "ReLU", "tanh", "PyTorch", "NumPy", "Adam", "SGD", "dropout", "softmax",
                "PCA", "CSV", "TSV", "HTML", "JSON", "UTF", "MSE", "MAE", "rnnviz", "Streamlit", "Plotly", "Pascanu",
                "embedding"}

SPANISH = set("""
el la los las del que paso pasos pérdida pérdidas capa capas entrenar entrenamiento entrena puerta puertas
olvido entrada salida precisión empezar pausa reiniciar descargar subir secuencia secuencias frase frases
tasa aprendizaje celda celdas estado estados oculto oculta tiempo unidad unidades valor valores con para
por una uno es son pulsa elige aquí cada más menos también pesos gradiente gradientes lote semilla ruido
texto tarea tareas recorte predicción objetivo modelo datos ningún ninguna todavía aún ver muestra mejor
constante suma signo siguiente número seno copia sentimiento dirección hacia atrás adelante izquierda
derecha inicialización longitud sesgo radio espectral memoria palabra palabras carácter caracteres idioma
positiva negativa clase clases probabilidad respuesta carrera barrido enlace lección lecciones pregunta
""".split())
ENGLISH_ALLOWED_SPANISH = {"Español"}        # the language picker names each language in its own

# task, cell and knob identifiers, and any snake_case name
# (h_t, x_t, dh_0 are formulas, not names: a snake_case name has two letters or more on each side)
IDENTIFIERS = re.compile(r"\b(?:sum-sign|next-number|char-lm|rnn-relu|adam|sgd|[a-z]{2,}[a-z0-9]*(?:_[a-z0-9]{2,})+)\b")


def prose(text: str) -> str:
    """The words of a text: without HTML tags, code spans, formulas ($...$ and <sub>), URLs and the
    placeholders of a hover template."""
    text = re.sub(r"<style>.*?</style>|<script>.*?</script>|<sub>.*?</sub>|<sup>.*?</sup>", " ", text, flags=re.S)
    text = html.unescape(text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)                      # a markdown link's target
    text = re.sub(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|%\{[^}]*\}|https?://\S+|\\\w+|\b\w+\.(?:json|pt|csv|tsv|txt|html)\b", " ", text, flags=re.S)
    return text


def glosses_removed(text: str) -> str:
    """A Spanish text without its glosses: «término (English term)», a parenthesis of up to six words
    right after a word, gives the English term once, as the lessons do."""
    return re.sub(r"(\w[»”*\]]*)\s*\(\[?(?:[A-Za-z][\w-]*,?\s*){1,6}\]?\)", r"\1", text)


def english_words(texts: list[str]) -> dict[str, list[str]]:
    """{English interface word: the texts it is in} for Spanish pages."""
    found: dict[str, list[str]] = {}
    for text in texts:
        words = re.findall(r"[A-Za-zÁÉÍÓÚáéíóúÑñÜü]+", glosses_removed(prose(text)))
        for word in words:
            if word in SPANISH_USES:
                continue
            if word.lower() in ENGLISH:
                found.setdefault(word.lower(), []).append(text)
    return found


def spanish_words(texts: list[str]) -> dict[str, list[str]]:
    """{Spanish word: the texts it is in} for English pages (any accented word counts)."""
    found: dict[str, list[str]] = {}
    for text in texts:
        for word in re.findall(r"[A-Za-zÁÉÍÓÚáéíóúÑñÜü¿¡]+", prose(text)):
            if word in ENGLISH_ALLOWED_SPANISH:
                continue
            if word.lower() in SPANISH or re.search(r"[áéíóúñ¿¡]", word.lower()):
                found.setdefault(word, []).append(text)
    return found


# an option shown as the code names it ("lstm", "sgd", "zen")
RAW_CHOICES = {*CELLS, *OPTIMIZERS, *TASKS,
               *(str(c) for name in TASKS for param in get_task(name).params for c in param.choices or ())}


def identifiers(texts: list[str]) -> dict[str, list[str]]:
    """{identifier: the texts it is in}: task and cell names, snake_case names, options shown raw."""
    found: dict[str, list[str]] = {}
    for text in texts:
        if text.strip() in RAW_CHOICES:
            found.setdefault(text.strip(), []).append(text)
        for name in IDENTIFIERS.findall(prose(text)):
            found.setdefault(name, []).append(text)
    return found


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{word!r} in: " + " | ".join(repr(t[:120]) for t in dict.fromkeys(texts))
                     for word, texts in sorted(found.items()))


def as_read(markdown: str) -> str:
    """Markdown from the page as a reader sees it: the escapes that keep a link's or a file's text plain
    (rnnviz.ui.url.plain_text) undone, the invisible word joiners that keep an address from becoming a
    link left out."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")
