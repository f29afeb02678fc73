"""Strings of the "Your data and models" page, and of the notices other pages show about own data."""

STRINGS = {
    "data.page": {"es": "Tus datos y modelos", "en": "Your data and models"},
    "data.title": {"es": "Tus datos y tus modelos", "en": "Your data and your models"},
    "data.intro": {
        "es": "Entrena con tus propios datos: una serie temporal que predecir como el seno, un texto que aprender "
              "carácter a carácter, frases etiquetadas como positivas o negativas. O sube una red recurrente que "
              "entrenaste en otro sitio y mira por dentro. Cada archivo puede ocupar como mucho **{mb} MB**.",
        "en": "Train on your own data: a time series to forecast like the sine, a text to learn character by "
              "character, sentences labelled positive or negative. Or upload a recurrent network you trained "
              "elsewhere and look inside it. Each file may be at most **{mb} MB**."},
    "data.untouched": {
        "es": "Subir archivos aquí no cambia el modelo que estás entrenando. Tus datos se usan cuando eliges su "
              "tarea en la barra lateral y pulsas «Reiniciar» en la página Entrenar.",
        "en": "Uploading here does not change the model you are training. Your data is used once you pick its "
              "task in the sidebar and press “Reset” on the Train page."},
    "data.tab.series": {"es": "Serie temporal", "en": "Time series"},
    "data.tab.text": {"es": "Texto", "en": "Text"},
    "data.tab.sentences": {"es": "Frases con sentimiento", "en": "Labelled sentences"},
    "data.tab.model": {"es": "Tu modelo", "en": "Your model"},
    "data.use": {"es": "Entrenar «{task}» con estos datos", "en": "Train “{task}” on this data"},
    "data.in_use": {
        "es": "«{task}» usará estos datos en el próximo modelo: elige esa tarea en la barra lateral y pulsa "
              "«Reiniciar» en Entrenar.",
        "en": "“{task}” will use this data for its next model: pick that task in the sidebar and press “Reset” "
              "on Train."},
    "data.builtin": {"es": "Volver a los datos incluidos", "en": "Back to the built-in data"},

    # --- notices for other pages (the sidebar, Train) ----------------------------------------------
    "data.sidebar.own": {"es": "Esta tarea usa tus datos: {name}", "en": "This task uses your data: {name}"},
    "data.sidebar.builtin": {"es": "Usar los datos incluidos", "en": "Use the built-in data"},
    "data.train.data_changed": {
        "es": "Los datos de esta tarea han cambiado (los tuyos o los incluidos): este modelo se creó con los "
              "anteriores. Pulsa «Reiniciar» para entrenar con los nuevos.",
        "en": "This task's data changed (yours or the built-in): this model was built on the previous data. "
              "Press “Reset” to train on the new."},

    # --- time series -------------------------------------------------------------------------------
    "data.series.explain": {
        "es": "Sube un CSV con una columna de números (y, si quieres, una de fechas). La red lo predice como el "
              "seno: ventanas de valores pasados, división por tiempo (70 % entrenamiento, 15 % validación, 15 % "
              "prueba), escala MinMax ajustada solo con el entrenamiento y error RMSE en tus unidades, frente a "
              "repetir el último valor. Se usan los últimos {values} valores.",
        "en": "Upload a CSV with a column of numbers (and, if you like, one of dates). The network forecasts it "
              "like the sine: windows of past values, a split by time (70% train, 15% validation, 15% test), a "
              "MinMax scaler fit on the training span only, and the RMSE in your units, against repeating the "
              "last value. The last {values} values are used."},
    "data.series.upload": {"es": "Serie temporal (CSV, hasta {mb} MB)", "en": "Time series (CSV, up to {mb} MB)"},
    "data.series.upload.help": {
        "es": "Texto UTF-8 separado por comas, punto y coma (con coma decimal) o tabuladores. Máximo {mb} MB.",
        "en": "UTF-8 text separated by commas, semicolons (with a decimal comma) or tabs. At most {mb} MB."},
    "data.series.column": {"es": "Columna de valores", "en": "Value column"},
    "data.series.date": {"es": "Columna de fechas", "en": "Date column"},
    "data.series.no_date": {"es": "(ninguna: el orden del archivo)", "en": "(none: the file's order)"},
    "data.series.missing": {"es": "Valores que faltan", "en": "Missing values"},
    "data.series.missing.interpolate": {"es": "interpolar linealmente", "en": "interpolate linearly"},
    "data.series.missing.drop": {"es": "quitarlos", "en": "drop them"},
    "data.series.report": {
        "es": "**{rows}** filas leídas; faltan **{missing}** valores ({share:.1%}): **{interpolated}** "
              "interpolados, **{dropped}** quitados. Filas sin fecha legible: {undated}. Valores antiguos que no "
              "se usan (límite): {cut}. Valores usados: **{used}**.",
        "en": "**{rows}** rows read; **{missing}** values missing ({share:.1%}): **{interpolated}** "
              "interpolated, **{dropped}** dropped. Rows without a readable date: {undated}. Oldest values left "
              "out (limit): {cut}. Values used: **{used}**."},
    "data.series.fig.title": {"es": "Tu serie, dividida por tiempo", "en": "Your series, split by time"},
    "data.series.fig.train": {"es": "entrenamiento", "en": "train"},
    "data.series.fig.val": {"es": "validación", "en": "validation"},
    "data.series.fig.test": {"es": "prueba", "en": "test"},
    "data.series.fig.explain": {
        "es": "La red aprende del primer tramo y se evalúa en el futuro que no vio. Con ventanas de {seq_len} "
              "valores; repetir el último valor ya tiene un RMSE de prueba de {rmse:.4g}: esa es la marca a batir.",
        "en": "The network learns from the first span and is scored on the future it never saw. With windows of "
              "{seq_len} values; repeating the last value already scores a test RMSE of {rmse:.4g}: that is the "
              "bar to beat."},

    # --- text ----------------------------------------------------------------------------------------
    "data.text.explain": {
        "es": "Pega o sube un texto (UTF-8) para el modelo de lenguaje por caracteres: aprende con el primer 90 % "
              "y se valida con el resto. Se usan los primeros {chars} caracteres.",
        "en": "Paste or upload a text (UTF-8) for the character language model: it learns from the first 90% "
              "and is validated on the rest. The first {chars} characters are used."},
    "data.text.upload": {"es": "Texto (.txt, hasta {mb} MB)", "en": "Text (.txt, up to {mb} MB)"},
    "data.text.upload.help": {
        "es": "Un archivo de texto UTF-8 de hasta {mb} MB. Si subes uno, se usa en lugar del texto pegado.",
        "en": "A UTF-8 text file of at most {mb} MB. If you upload one, it is used instead of the pasted text."},
    "data.text.paste": {"es": "… o pega tu texto aquí", "en": "… or paste your text here"},
    "data.text.paste.help": {"es": "Hasta {chars} caracteres.", "en": "Up to {chars} characters."},
    "data.text.pasted_name": {"es": "texto pegado", "en": "pasted text"},
    "data.text.report": {
        "es": "**{chars}** caracteres ({cut} no usados por el límite), **{vocab}** caracteres distintos. "
              "Entrenamiento: {train} caracteres; validación: {val} caracteres, leídos en {windows} ventanas.",
        "en": "**{chars}** characters ({cut} left out by the limit), **{vocab}** different characters. "
              "Training: {train} characters; validation: {val} characters, read as {windows} windows."},

    # --- sentences -----------------------------------------------------------------------------------
    "data.sentences.explain": {
        "es": "Sube un CSV o TSV con las columnas `texto` y `etiqueta` (o `text` y `label`); las etiquetas son "
              "`positivo`/`negativo` (o "
              "`positive`/`negative`) o 1/0. Se dividen en entrenamiento, validación y prueba (70/15/15) con la "
              "misma proporción de cada etiqueta. Se usan las primeras {rows} filas.",
        "en": "Upload a CSV or TSV with the columns `text` and `label` (or `texto` and `etiqueta`); labels are "
              "`positive`/`negative` (or "
              "`positivo`/`negativo`) or 1/0. They are split into train, validation and test (70/15/15) with the "
              "same share of each label. The first {rows} rows are used."},
    "data.sentences.upload": {"es": "Frases etiquetadas (CSV/TSV, hasta {mb} MB)",
                              "en": "Labelled sentences (CSV/TSV, up to {mb} MB)"},
    "data.sentences.upload.help": {
        "es": "Texto UTF-8, con cabecera `texto,etiqueta` (o `text,label`). Máximo {mb} MB.",
        "en": "UTF-8 text with the header `text,label` (or `texto,etiqueta`). At most {mb} MB."},
    "data.sentences.report": {
        "es": "**{read}** filas leídas, **{used}** usadas: {positive} positivas y {negative} negativas ({wordless} "
              "sin ninguna palabra, {cut} más allá del límite). División: {train} / {val} / {test}. Vocabulario "
              "del entrenamiento: {words} palabras.",
        "en": "**{read}** rows read, **{used}** used: {positive} positive and {negative} negative ({wordless} "
              "without any word, {cut} beyond the limit). Split: {train} / {val} / {test}. Training vocabulary: "
              "{words} words."},

    # --- own model -----------------------------------------------------------------------------------
    "data.model.explain": {
        "es": "Sube el `state_dict` de un `nn.RNN`, `nn.LSTM` o `nn.GRU` (`torch.save(rnn.state_dict(), "
              "\"red.pt\")`): las formas de los pesos dicen el tipo de celda y los tamaños. Se carga con "
              "`weights_only=True`: un archivo que lleva código se rechaza sin ejecutarlo.",
        "en": "Upload the `state_dict` of an `nn.RNN`, `nn.LSTM` or `nn.GRU` (`torch.save(rnn.state_dict(), "
              "\"net.pt\")`): the weights' shapes tell the cell type and the sizes. It loads with "
              "`weights_only=True`: a file that carries code is refused without running it."},
    "data.model.upload": {"es": "Pesos de una red (`state_dict`, .pt, hasta {mb} MB)",
                          "en": "A network's weights (`state_dict`, .pt, up to {mb} MB)"},
    "data.model.upload.help": {
        "es": "Un archivo de torch.save con solo tensores. Máximo {mb} MB.",
        "en": "A torch.save file holding tensors only. At most {mb} MB."},
    "data.model.nonlinearity": {"es": "No linealidad de la RNN", "en": "The RNN's nonlinearity"},
    "data.model.nonlinearity.help": {
        "es": "Los pesos de un nn.RNN no dicen si usaba tanh o ReLU: elige la que usaste al entrenarla.",
        "en": "An nn.RNN's weights do not say whether it used tanh or ReLU: choose the one it was trained with."},
    "data.model.report": {
        "es": "**{cell}** · entrada de tamaño **{input_size}** · estado oculto de tamaño **{hidden_size}** · "
              "**{layers}** capa(s) · {directions} · {bias}",
        "en": "**{cell}** · input size **{input_size}** · hidden size **{hidden_size}** · **{layers}** layer(s) "
              "· {directions} · {bias}"},
    "data.model.bias.True": {"es": "con sesgos", "en": "with biases"},
    "data.model.bias.False": {"es": "sin sesgos", "en": "without biases"},
    "data.model.directions.True": {"es": "bidireccional", "en": "bidirectional"},
    "data.model.directions.False": {"es": "una dirección", "en": "one direction"},
    "data.model.ignored": {
        "es": "Claves fuera de la red recurrente, que no se usan: {keys}",
        "en": "Keys outside the recurrent network, not used: {keys}"},
    "data.model.inputs": {"es": "La entrada", "en": "The input"},
    "data.model.typed": {"es": "Escribir los números", "en": "Type the numbers"},
    "data.model.typed.help": {
        "es": "Apagado: números aleatorios N(0, 1) con una semilla. Encendido: tus números, un paso por línea "
              "(como mucho {steps} pasos).",
        "en": "Off: random N(0, 1) numbers from a seed. On: your numbers, one step per line (at most {steps} "
              "steps)."},
    "data.model.numbers_upload": {"es": "… o súbelos en un CSV (hasta {mb} MB)",
                                  "en": "… or upload them as a CSV (up to {mb} MB)"},
    "data.model.numbers": {
        "es": "Un paso por línea, {size} número(s) por paso separados por comas",
        "en": "One step per line, {size} number(s) per step separated by commas"},
    "data.model.steps": {"es": "Pasos de tiempo", "en": "Time steps"},
    "data.model.seed": {"es": "Semilla", "en": "Seed"},
    "data.model.fig.explain": {
        "es": "Los estados y puertas exactos de tu red con esta entrada, paso a paso: pulsa «Reproducir». "
              "En la tira del medio, cada fila es una unidad de h_t; rojo es positivo, azul negativo.",
        "en": "Your network's exact states and gates on this input, step by step: press play. In the middle "
              "strip each row is a unit of h_t; red is positive, blue negative."},

    # --- what is wrong with an upload (rnnviz.uploads.PROBLEMS) ---------------------------------------
    "data.problem.too_big": {
        "es": "El archivo ocupa {size_mb} MB; el máximo es {limit_mb:g} MB.",
        "en": "The file has {size_mb} MB; the limit is {limit_mb:g} MB."},
    "data.problem.empty": {"es": "El archivo (o el texto) está vacío.", "en": "The file (or the text) is empty."},
    "data.problem.not_utf8": {
        "es": "El archivo no es texto UTF-8 (byte {position}). Guárdalo como UTF-8 y vuelve a subirlo.",
        "en": "The file is not UTF-8 text (byte {position}). Save it as UTF-8 and upload it again."},
    "data.problem.no_rows": {"es": "La tabla tiene cabecera pero ninguna fila.",
                             "en": "The table has a header but no rows."},
    "data.problem.unreadable_table": {
        "es": "No se puede leer la tabla: {error}", "en": "The table cannot be read: {error}"},
    "data.problem.no_numeric": {
        "es": "Ninguna columna tiene números (columnas: `{columns}`).",
        "en": "No column holds numbers (columns: `{columns}`)."},
    "data.problem.unknown_column": {"es": "No hay ninguna columna `{column}`.", "en": "There is no column `{column}`."},
    "data.problem.not_numeric": {"es": "La columna `{column}` no tiene números.",
                                 "en": "Column `{column}` does not hold numbers."},
    "data.problem.same_column": {
        "es": "La columna de fechas no puede ser la de valores (`{column}`).",
        "en": "The date column cannot be the value column (`{column}`)."},
    "data.problem.bad_dates": {
        "es": "La columna `{column}` no tiene fechas que pandas sepa leer (por ejemplo `{example}`).",
        "en": "Column `{column}` does not hold dates pandas can read (e.g. `{example}`)."},
    "data.problem.all_missing": {"es": "La columna `{column}` no tiene ningún valor.",
                                 "en": "Column `{column}` has no values at all."},
    "data.problem.huge_values": {
        "es": "La columna `{column}` tiene valores de hasta {largest}; las redes calculan en float32, hasta "
              "±{limit}. Reescala la columna (divídela por una potencia de diez) y vuelve a subirla.",
        "en": "Column `{column}` has values up to {largest}; the networks compute in float32, up to ±{limit}. "
              "Rescale the column (divide it by a power of ten) and upload it again."},
    "data.problem.too_short_series": {
        "es": "La serie tiene {rows} valores; con ventanas de {seq_len} hacen falta al menos **{needed}** "
              "(para que entrenamiento, validación y prueba tengan cada uno {seq_len} + 30). Sube más filas o "
              "acorta la ventana en la barra lateral.",
        "en": "The series has {rows} values; windows of {seq_len} need at least **{needed}** (so that train, "
              "validation and test each hold {seq_len} + 30). Upload more rows or shorten the window in the "
              "sidebar."},
    "data.problem.constant_train": {
        "es": "El tramo de entrenamiento (el primer 70 %) es constante ({value}): no hay nada que escalar ni "
              "aprender.",
        "en": "The training span (the first 70%) is constant ({value}): there is nothing to scale or learn."},
    "data.problem.out_of_range": {
        "es": "Los valores del tramo de {split} están tan lejos del rango del entrenamiento que, escalados, "
              "desbordan float32.",
        "en": "The {split} values lie so far outside the training range that, scaled, they overflow float32."},
    "data.problem.one_character": {
        "es": "El texto repite un solo carácter: no hay nada que predecir.",
        "en": "The text repeats a single character: there is nothing to predict."},
    "data.problem.too_many_characters": {
        "es": "El texto usa {count} caracteres distintos; como mucho {limit}.",
        "en": "The text uses {count} different characters; at most {limit}."},
    "data.problem.too_short_text": {
        "es": "El texto tiene {chars} caracteres; con ventanas de {seq_len} hacen falta al menos **{needed}**. "
              "Añade texto o acorta la ventana en la barra lateral.",
        "en": "The text has {chars} characters; windows of {seq_len} need at least **{needed}**. Add text or "
              "shorten the window in the sidebar."},
    "data.problem.missing_columns": {
        "es": "La tabla necesita las columnas `texto` y `etiqueta` (o `text` y `label`); tiene: `{columns}`.",
        "en": "The table needs the columns `text` and `label` (or `texto` and `etiqueta`); it has: `{columns}`."},
    "data.problem.bad_labels": {
        "es": "Las etiquetas deben ser `positivo`/`negativo` (o `positive`/`negative`) o 1/0; hay: {labels}.",
        "en": "Labels must be `positive`/`negative` (or `positivo`/`negativo`) or 1/0; found: {labels}."},
    "data.problem.one_label": {
        "es": "Todas las frases tienen la misma etiqueta ({label}): la red necesita ejemplos de las dos.",
        "en": "Every sentence has the same label ({label}): the network needs examples of both."},
    "data.problem.too_few_sentences": {
        "es": "Hay {negative} frases negativas y {positive} positivas; hacen falta al menos {needed} de cada.",
        "en": "There are {negative} negative and {positive} positive sentences; at least {needed} of each are "
              "needed."},
    "data.problem.carries_code": {
        "es": "El archivo guarda objetos de Python, no solo tensores: cargarlo podría ejecutar código, así que "
              "se rechaza. Guarda `model.state_dict()` en lugar del modelo entero.",
        "en": "The file holds Python objects, not only tensors: loading it could run code, so it is refused. "
              "Save `model.state_dict()` instead of the whole model."},
    "data.problem.not_torch_file": {
        "es": "El archivo está incompleto o no es un archivo de PyTorch (torch.save).",
        "en": "The file is truncated or not a PyTorch file (torch.save)."},
    "data.problem.not_state_dict": {
        "es": "El archivo guarda un {found}, no un `state_dict` (un diccionario de tensores de pesos).",
        "en": "The file holds a {found}, not a `state_dict` (a dict of weight tensors)."},
    "data.problem.no_rnn_weights": {
        "es": "No hay pesos de un nn.RNN/LSTM/GRU (`weight_ih_l0`, …); las claves son: `{keys}`.",
        "en": "No weights of an nn.RNN/LSTM/GRU (`weight_ih_l0`, …); the keys are: `{keys}`."},
    "data.problem.several_rnns": {
        "es": "Hay pesos de varias redes recurrentes ({prefixes}); sube el `state_dict` de una sola.",
        "en": "There are weights of several recurrent modules ({prefixes}); upload the `state_dict` of one."},
    "data.problem.projection": {
        "es": "Una LSTM con `proj_size > 0` (`weight_hr_l*`) no se puede mostrar: su estado proyectado no tiene "
              "puertas propias.",
        "en": "An LSTM with `proj_size > 0` (`weight_hr_l*`) cannot be shown: its projected state has no gates "
              "of its own."},
    "data.problem.unknown_keys": {
        "es": "Claves que un nn.RNN/LSTM/GRU no tiene: `{keys}`.",
        "en": "Keys an nn.RNN/LSTM/GRU does not have: `{keys}`."},
    "data.problem.missing_keys": {"es": "Faltan pesos: `{keys}`.", "en": "Missing weights: `{keys}`."},
    "data.problem.bad_gate_rows": {
        "es": "`weight_hh_l0` es {rows}×{hidden}: sus filas deben ser 1, 3 o 4 veces sus columnas (RNN, GRU, "
              "LSTM).",
        "en": "`weight_hh_l0` is {rows}×{hidden}: its rows must be 1, 3 or 4 times its columns (RNN, GRU, "
              "LSTM)."},
    "data.problem.wrong_shape": {
        "es": "`{weight}` tiene forma {got}, pero esta red necesita {expected}.",
        "en": "`{weight}` has shape {got}, but this network needs {expected}."},
    "data.problem.not_float": {"es": "`{weight}` no tiene números reales (float).",
                               "en": "`{weight}` does not hold floating-point numbers."},
    "data.problem.not_finite": {"es": "`{weight}` tiene valores NaN o infinitos.",
                                "en": "`{weight}` holds NaN or infinite values."},
    "data.problem.no_numbers": {"es": "No hay ningún número.", "en": "There are no numbers."},
    "data.problem.bad_number": {
        "es": "`{value}` (paso {step}) no es un número finito.",
        "en": "`{value}` (step {step}) is not a finite number."},
    "data.problem.wrong_width": {
        "es": "El paso {step} tiene {got} número(s); la red lee {expected} por paso.",
        "en": "Step {step} has {got} number(s); the network reads {expected} per step."},
    "data.problem.too_many_steps": {
        "es": "{steps} pasos; como mucho {limit}.", "en": "{steps} steps; at most {limit}."},
    # what no check foresaw: its words (English, from the library) go to the server's log, not to the learner
    # said while an upload is read, traced and drawn (rnnviz/ui/uploads.py)
    "data.working": {"es": "Leyendo y dibujando tu archivo…", "en": "Reading and drawing your file…"},
    "data.working.busy": {
        "es": "Leyendo y dibujando tu archivo… Otras personas están entrenando ahora: tu archivo les cede el turno "
              "para no frenarlas, así que tarda más de lo normal.",
        "en": "Reading and drawing your file… Others are training right now: your file gives way to their "
              "training so as not to slow them down, so it takes longer than usual."},
    "data.problem.unexpected": {
        "es": "No se puede usar este archivo: algo inesperado falló al leerlo. El error queda en el registro del "
              "servidor; tu modelo y tus datos siguen como estaban.",
        "en": "This file cannot be used: something unexpected failed while reading it. The error is in the "
              "server's log; your model and your data are as they were."},
}

STRINGS.update({
    "data.model.grads.title": {"es": "‖∂L/∂h_t‖ de tu modelo, con L = ½‖h_T‖²",
                               "en": "‖∂L/∂h_t‖ of your model, with L = ½‖h_T‖²"},
    "data.model.grads.panel": {"es": "tu modelo", "en": "your model"},
    "data.model.grads.explain": {
        "es": "Sin una tarea no hay pérdida que medir, así que usamos la «energía» del último estado. La curva "
              "dice cuánto influye cada paso de la entrada en el final: si cae muy deprisa hacia la izquierda, "
              "el gradiente se desvanece y la red apenas recuerda el principio.",
        "en": "Without a task there is no loss to measure, so we use the “energy” of the last state. The curve "
              "says how much each input step influences the end: if it drops fast towards the left, the "
              "gradient vanishes and the network barely remembers the beginning."},
})

STRINGS.update({
    "data.model.instead": {"es": "Ver tu modelo subido ({name}) en lugar del entrenado",
                           "en": "Look at your uploaded model ({name}) instead of the trained one"},
    "data.model.instead.help": {
        "es": "El modelo que subiste en «Tus datos y modelos», con las entradas que le des aquí.",
        "en": "The model you uploaded in “Your data and models”, on the inputs you give it here."},
})

STRINGS.update({     # issue 24: bounded uploads, Spanish spreadsheets
    "data.problem.infinite_values": {
        "es": "La columna `{column}` tiene {count} valor(es) infinito(s) (inf), a menudo una división por cero "
              "en la hoja de cálculo. Vacía esas celdas (se tratarán como valores que faltan) o corrígelas, y "
              "vuelve a subirla.",
        "en": "Column `{column}` has {count} infinite value(s) (inf), often a division by zero in the "
              "spreadsheet. Empty those cells (they will count as missing values) or correct them, and upload "
              "it again."},
    "data.problem.too_many_words": {
        "es": "Las frases usan más de {limit} palabras distintas (el vocabulario, «vocabulary»). Sube menos "
              "frases o más cortas.",
        "en": "The sentences use more than {limit} different words (the vocabulary). Upload fewer or shorter "
              "sentences."},
    "data.problem.unpacks_too_big": {
        "es": "El archivo está comprimido y ocuparía {size_mb} MB al abrirlo; un modelo aquí ocupa como mucho "
              "{limit_mb} MB.",
        "en": "The file is compressed and would take {size_mb} MB once opened; a model here takes at most "
              "{limit_mb} MB."},
    "data.problem.too_many_inputs": {
        "es": "El modelo lee {got} valores por paso, su tamaño de entrada (input size); aquí se admiten como "
              "mucho {limit}, como en los modelos que entrena el panel.",
        "en": "The model reads {got} values per step (its input size); at most {limit} are accepted here, as in "
              "the models this dashboard trains."},
    "data.problem.too_many_units": {
        "es": "El modelo tiene {got} unidades ocultas, su tamaño oculto (hidden size); aquí se admiten como "
              "mucho {limit}, como en los modelos que entrena el panel.",
        "en": "The model has {got} hidden units (its hidden size); at most {limit} are accepted here, as in the "
              "models this dashboard trains."},
    "data.problem.too_many_layers": {
        "es": "El modelo tiene {got} capas; aquí se admiten como mucho {limit}, como en los modelos que entrena "
              "el panel.",
        "en": "The model has {got} layers; at most {limit} are accepted here, as in the models this dashboard "
              "trains."},
    "data.series.date_order": {"es": "Orden de las fechas", "en": "Date order"},
    "data.series.date_order.auto": {"es": "detectarlo", "en": "find it"},
    "data.series.date_order.day": {"es": "día/mes/año", "en": "day/month/year"},
    "data.series.date_order.month": {"es": "mes/día/año", "en": "month/day/year"},
    "data.series.read_day": {
        "es": "Fechas leídas como **día/mes/año** (01/02/2023 es el 1 de febrero){why}.",
        "en": "Dates read as **day/month/year** (01/02/2023 is 1 February){why}."},
    "data.series.read_month": {
        "es": "Fechas leídas como **mes/día/año** (01/02/2023 es el 2 de enero){why}.",
        "en": "Dates read as **month/day/year** (01/02/2023 is 2 January){why}."},
    "data.series.read_proven": {"es": ": algunas fechas solo se pueden leer así",
                                "en": ": some dates can only be read that way"},
    "data.series.read_assumed": {
        "es": ": ninguna fecha lo decide, así que es lo habitual en español; cámbialo arriba si no es así",
        "en": ": no date decides it, so this is the usual order in Spanish; change it above if it is not"},
    "data.series.read_chosen": {"es": ", como elegiste", "en": ", as you chose"},
    "data.model.inputs_drawn": {
        "es": "La entrada tiene {size} valores por paso: se dibujan los {drawn} primeros.",
        "en": "The input has {size} values per step: the first {drawn} are drawn."},
})
