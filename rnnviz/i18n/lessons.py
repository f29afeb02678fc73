"""Strings of the welcome page, the lessons and the glossary (rnnviz/lessons/ holds what each lesson sets).

Spanish first. A key term is written in the learner's language with the English term once, the first time
a lesson uses it, and links to its glossary entry: [estado oculto (hidden state)](#term-hidden-state).
"""

STRINGS = {
    # --- the pages' names in the navigation ---
    "page.welcome": {"es": "Inicio", "en": "Welcome"},
    "page.lesson": {"es": "Lecciones", "en": "Lessons"},
    "page.glossary": {"es": "Glosario", "en": "Glossary"},

    # --- the welcome page ---
    "welcome.title": {"es": "Mira dentro de las redes recurrentes", "en": "See inside recurrent networks"},
    "welcome.intro": {
        "es": "rnnviz entrena redes recurrentes (RNN, LSTM y GRU) delante de ti, paso a paso, y te deja ver lo que "
              "calculan por dentro: el estado oculto, las compuertas y los gradientes, con números exactos. "
              "Puedes seguir el recorrido de lecciones, que prepara cada experimento y te dice qué mirar, o "
              "explorar por tu cuenta en el laboratorio.",
        "en": "rnnviz trains recurrent networks (RNN, LSTM and GRU) before your eyes, step by step, and shows you "
              "what they compute inside: the hidden state, the gates and the gradients, with exact numbers. "
              "Follow the path of lessons, which prepares each experiment and tells you what to look at, or "
              "explore on your own in the lab."},
    "welcome.path": {"es": "El recorrido: nueve lecciones", "en": "The path: nine lessons"},
    "welcome.path.explain": {
        "es": "Cada lección tiene un objetivo, prepara su experimento con un botón, te señala qué observar y "
              "termina con una pregunta para comprobar lo aprendido.",
        "en": "Each lesson has one goal, prepares its experiment with one button, points out what to look for "
              "and ends with a question to check what you learned."},
    "welcome.start": {"es": "Empezar por la lección 1", "en": "Start with lesson 1"},
    "welcome.lesson": {"es": "{n}. {title}", "en": "{n}. {title}"},
    "welcome.lab": {"es": "El laboratorio libre", "en": "The free lab"},
    "welcome.lab.explain": {
        "es": "Todas las páginas a la vez, con el experimento completo en la barra lateral: elige tarea, celda y "
              "tamaño, entrena y mira.",
        "en": "Every page at once, with the whole experiment in the sidebar: pick a task, a cell and a size, "
              "train and look."},
    "welcome.glossary": {"es": "Glosario de términos", "en": "Glossary of terms"},

    # --- the lesson page ---
    "lesson.picker": {"es": "Lección", "en": "Lesson"},
    "lesson.of": {"es": "Lección {n} de {total}", "en": "Lesson {n} of {total}"},
    "lesson.goal": {"es": "**Objetivo:** {goal}", "en": "**Goal:** {goal}"},
    "lesson.prepare": {"es": "Preparar el experimento", "en": "Prepare the experiment"},
    "lesson.prepare.help": {
        "es": "Pone en la barra lateral el experimento de esta lección (y en el enlace de la página, para "
              "compartirlo) con un modelo nuevo, sin entrenar.",
        "en": "Puts this lesson's experiment in the sidebar (and in the page's link, to share it) with a new, "
              "untrained model."},
    "lesson.not_prepared": {
        "es": "La barra lateral describe otro experimento. Pulsa «Preparar el experimento» para ver el de esta "
              "lección.",
        "en": "The sidebar describes another experiment. Press “Prepare the experiment” to see this lesson's."},
    "lesson.look": {"es": "Qué observar", "en": "What to look for"},
    "lesson.show": {"es": "Muéstramelo", "en": "Show me"},
    "lesson.check": {"es": "Comprueba lo que has visto", "en": "Check what you saw"},
    "lesson.right": {"es": "¡Correcto! {why}", "en": "Right! {why}"},
    "lesson.wrong": {"es": "No exactamente. {why}", "en": "Not quite. {why}"},
    "lesson.next": {"es": "Siguiente: lección {n}, {title}", "en": "Next: lesson {n}, {title}"},
    "lesson.last": {
        "es": "Has terminado el recorrido. Ahora el laboratorio es tuyo: cambia cualquier ajuste y mira qué pasa.",
        "en": "You have finished the path. The lab is yours now: change any setting and see what happens."},
    "lesson.lab": {"es": "Sigue explorando: {page}", "en": "Keep exploring: {page}"},
    "lesson.terms": {"es": "Términos clave", "en": "Key terms"},
    "lesson.all_terms": {"es": "Todo el glosario", "en": "The whole glossary"},
    "lesson.sample": {"es": "secuencia de prueba n.º {index}", "en": "test sequence no. {index}"},
    "lesson.model_at": {"es": "El modelo tras {step} pasos de entrenamiento, en la {sample}.",
                        "en": "The model after {step} training steps, on {sample}."},
    "lesson.untrained": {"es": "Aún sin entrenar: pulsa Empezar para verlo aprender.",
                         "en": "Not trained yet: press Start to watch it learn."},
    "lesson.race.first_validation": {
        "es": "La primera medición de validación llega en el paso {step}.",
        "en": "The first validation measurement comes at step {step}."},
    "lesson.race.standings": {
        "es": "Pérdida de validación en el paso {step}: {losses} · mejor constante {baseline}.",
        "en": "Validation loss at step {step}: {losses} · best constant {baseline}."},
    "lesson.bptt.caption": {
        "es": "Una RNN escrita en NumPy, de 4 unidades, sobre 5 números; la {sample}. Sus gradientes coinciden "
              "con los de autograd: la mayor diferencia relativa es {difference}.",
        "en": "An RNN written in NumPy, with 4 units, on 5 numbers; {sample}. Its gradients agree with "
              "autograd's: the largest relative difference is {difference}."},
    "lesson.radius.caption": {
        "es": "Una red nueva, sin entrenar, con radio espectral ρ = {rho} y secuencias de {T} pasos: la norma "
              "del gradiente al principio de la secuencia es {ratio} veces la del final.",
        "en": "A fresh, untrained network with spectral radius ρ = {rho} and sequences of {T} steps: the "
              "gradient's norm at the start of the sequence is {ratio} times the one at its end."},
    "lesson.radius.no_custom": {
        "es": "Esta figura necesita una inicialización con radio espectral: pulsa «Preparar el experimento».",
        "en": "This figure needs an initialisation with a spectral radius: press “Prepare the experiment”."},
    "lesson.cell_diagram": {
        "es": "La celda calculando el paso t de la {sample}, con los números de la unidad 0. Mueve t entre los "
              "dos números marcados y mira la compuerta de olvido y el estado de celda.",
        "en": "The cell computing step t of {sample}, with unit 0's numbers. Move t between the two marked "
              "numbers and watch the forget gate and the cell state."},

    # --- the link for a class ---
    "lesson.class_link": {"es": "Enlace para mi clase", "en": "A link for my class"},
    "lesson.class_link.explain": {
        "es": "Abre esta lección con su experimento y oculta lo que tu clase no necesita. Copia el enlace y "
              "compártelo.",
        "en": "Opens this lesson with its experiment and hides what your class does not need. Copy the link and "
              "share it."},
    "lesson.class_link.hide": {"es": "Ocultar", "en": "Hide"},
    "hide.sidebar": {"es": "la barra lateral entera", "en": "the whole sidebar"},
    "hide.nav": {"es": "el menú de páginas", "en": "the page menu"},
    "hide.pace": {"es": "el selector de ritmo", "en": "the pace selector"},
    "hide.lessons": {"es": "el selector de lección", "en": "the lesson selector"},
    "hide.class_link": {"es": "este enlace para la clase", "en": "this link for the class"},

    # --- the glossary page ---
    "glossary.title": {"es": "Glosario", "en": "Glossary"},
    "glossary.intro": {"es": "Los términos de las lecciones, en el orden en que aparecen.",
                       "en": "The lessons' terms, in the order they appear."},
}

# --- the lessons: title, goal, text, three observations, the check question -------------------------------
STRINGS.update({
    "lesson.1.title": {"es": "Qué es la recurrencia", "en": "What recurrence is"},
    "lesson.1.goal": {
        "es": "ver cómo el estado oculto resume, paso a paso, lo que la red ha leído.",
        "en": "see how the hidden state sums up, step by step, what the network has read."},
    "lesson.1.text": {
        "es": "Una red recurrente lee una secuencia número a número. En cada paso combina el número nuevo con su "
              "[estado oculto (hidden state)](#term-hidden-state), un vector que guarda lo leído hasta ahí: "
              "$h_t = \\tanh(W_{xh} x_t + W_{hh} h_{t-1} + b)$. Esa vuelta de $h_{t-1}$ a $h_t$ es la "
              "[recurrencia](#term-recurrence). La tarea: leer 10 números al azar y decir si su suma es positiva, "
              "con una RNN de 32 unidades, como en el curso. Solo responde al final "
              "([muchos a uno (many-to-one)](#term-many-to-one)), así que todo lo que necesita lo tiene que "
              "llevar $h_t$.",
        "en": "A recurrent network reads a sequence one number at a time. At each step it combines the new "
              "number with its [hidden state](#term-hidden-state), a vector that keeps what it has read so far: "
              "$h_t = \\tanh(W_{xh} x_t + W_{hh} h_{t-1} + b)$. That loop from $h_{t-1}$ to $h_t$ is the "
              "[recurrence](#term-recurrence). The task: read 10 random numbers and say whether their sum is "
              "positive, with an RNN of 32 units, as in the course. It answers only at the end "
              "([many-to-one](#term-many-to-one)), so everything it needs must travel in $h_t$."},
    "lesson.1.obs.0": {
        "es": "Sin entrenar, $h_t$ cambia en cada paso, pero sus colores no tienen que ver con la suma: los pesos "
              "aún son aleatorios.",
        "en": "Untrained, $h_t$ changes at every step, but its colours have nothing to do with the sum: the "
              "weights are still random."},
    "lesson.1.obs.1": {
        "es": "Entrena: la pérdida baja de la línea de referencia (adivinar sin mirar) en unos cien pasos.",
        "en": "Train: the loss falls below the baseline (guessing without looking) within about a hundred steps."},
    "lesson.1.obs.2": {
        "es": "Ya entrenada, en otra secuencia: algunas unidades se encienden cuando la suma acumulada es "
              "positiva y se apagan cuando es negativa. Esa suma es lo que $h_t$ ha aprendido a llevar.",
        "en": "Trained, on another sequence: some units light up when the running sum is positive and go dark "
              "when it is negative. That sum is what $h_t$ has learned to carry."},
    "lesson.1.question": {
        "es": "¿Dónde guarda la red lo que ha leído de la secuencia?",
        "en": "Where does the network keep what it has read of the sequence?"},
    "lesson.1.choice.0": {"es": "En sus pesos, que cambian a cada número leído",
                          "en": "In its weights, which change with each number read"},
    "lesson.1.choice.1": {"es": "En el estado oculto $h_t$, que pasa de un paso al siguiente",
                          "en": "In the hidden state $h_t$, passed from one step to the next"},
    "lesson.1.choice.2": {"es": "En la salida de cada paso", "en": "In each step's output"},
    "lesson.1.why": {
        "es": "Los pesos son los mismos en todos los pasos y solo cambian al entrenar; lo que la red sabe de "
              "esta secuencia viaja en $h_t$, y la respuesta se lee del último.",
        "en": "The weights are the same at every step and change only in training; what the network knows of "
              "this sequence travels in $h_t$, and the answer is read from the last one."},

    "lesson.2.title": {"es": "Retropropagación en el tiempo, a mano", "en": "Backpropagation through time, by hand"},
    "lesson.2.goal": {
        "es": "entender que el gradiente recorre la secuencia hacia atrás, paso a paso.",
        "en": "understand that the gradient runs back through the sequence, step by step."},
    "lesson.2.text": {
        "es": "Para entrenar hace falta saber cuánto cambia la pérdida con cada peso: el "
              "[gradiente](#term-gradient). En una red recurrente el mismo $W_{hh}$ se usa en todos los pasos, "
              "así que se despliega la red en el tiempo y se retropropaga desde el final hacia el principio: la "
              "[retropropagación en el tiempo (backpropagation through time, BPTT)](#term-bptt). Aquí la "
              "escribimos en NumPy, ecuación a ecuación, y la comparamos con autograd de PyTorch.",
        "en": "Training needs to know how much the loss changes with each weight: the "
              "[gradient](#term-gradient). A recurrent network uses the same $W_{hh}$ at every step, so it is "
              "unrolled in time and backpropagated from the end to the start: "
              "[backpropagation through time (BPTT)](#term-bptt). Here it is written in NumPy, equation by "
              "equation, and compared with PyTorch's autograd."},
    "lesson.2.obs.0": {
        "es": "Arriba, $h_t$ se calcula hacia delante. Abajo, $\\partial L/\\partial h_t$ se calcula hacia atrás, "
              "empezando por el último paso, el único que ve la pérdida directamente.",
        "en": "Above, $h_t$ is computed forwards. Below, $\\partial L/\\partial h_t$ is computed backwards, "
              "starting at the last step, the only one that sees the loss directly."},
    "lesson.2.obs.1": {
        "es": "Otra secuencia: cada paso atrás multiplica el gradiente por $W_{hh}^\\top$ y por "
              "$1 - h_t^2$, y por eso suele hacerse más pequeño hacia el principio.",
        "en": "Another sequence: each step back multiplies the gradient by $W_{hh}^\\top$ and by $1 - h_t^2$, "
              "which is why it tends to shrink towards the start."},
    "lesson.2.obs.2": {
        "es": "La diferencia con autograd, bajo la figura, es del orden de $10^{-10}$ o menos: la BPTT escrita a "
              "mano es exacta.",
        "en": "The difference from autograd, under the figure, is of the order of $10^{-10}$ or less: the BPTT "
              "written by hand is exact."},
    "lesson.2.question": {
        "es": "¿Por qué $\\partial L/\\partial h_t$ se calcula del último paso al primero?",
        "en": "Why is $\\partial L/\\partial h_t$ computed from the last step to the first?"},
    "lesson.2.choice.0": {"es": "Porque así se ahorra memoria", "en": "Because it saves memory"},
    "lesson.2.choice.1": {"es": "Porque los primeros pasos no influyen en la pérdida",
                          "en": "Because the first steps do not affect the loss"},
    "lesson.2.choice.2": {"es": "Porque $h_t$ influye en la pérdida a través de $h_{t+1}$, que hay que conocer antes",
                          "en": "Because $h_t$ affects the loss through $h_{t+1}$, which must be known first"},
    "lesson.2.why": {
        "es": "Es la regla de la cadena: $\\partial L/\\partial h_t$ necesita $\\partial L/\\partial h_{t+1}$, "
              "así que se empieza por el final, donde se calcula la pérdida.",
        "en": "It is the chain rule: $\\partial L/\\partial h_t$ needs $\\partial L/\\partial h_{t+1}$, so it "
              "starts at the end, where the loss is computed."},

    "lesson.3.title": {"es": "Predecir el siguiente número", "en": "Predicting the next number"},
    "lesson.3.goal": {
        "es": "ver qué aprende una red que predice en cada paso, y qué le pasa fuera de lo que vio.",
        "en": "see what a network that predicts at every step learns, and what happens outside what it saw."},
    "lesson.3.text": {
        "es": "Ahora la red responde en cada paso ([muchos a muchos (many-to-many)](#term-many-to-many)): lee "
              "3, 7, 11 y en cada número predice el siguiente. Como en los textos del curso (las secuencias de "
              "0 a 9 y de 0 a 99), la red solo ve números de un cierto rango al entrenar. La línea de referencia "
              "([baseline](#term-baseline)) es repetir el último número: la red tiene que hacerlo mejor. Y la "
              "pregunta de fondo: ¿sabe continuar una secuencia con números más grandes que los que vio? Eso es "
              "[extrapolar (extrapolation)](#term-extrapolation).",
        "en": "Now the network answers at every step ([many-to-many](#term-many-to-many)): it reads 3, 7, 11 and "
              "at each number predicts the next. As in the course texts (the sequences 0 to 9 and 0 to 99), the "
              "network sees numbers of a certain range only in training. The [baseline](#term-baseline) repeats "
              "the last number: the network must do better. And the real question: can it continue a sequence "
              "with numbers larger than any it saw? That is [extrapolation](#term-extrapolation)."},
    "lesson.3.obs.0": {
        "es": "Entrena: la pérdida cae muy por debajo de la línea de referencia, y abajo las predicciones siguen "
              "la secuencia dentro del rango de entrenamiento.",
        "en": "Train: the loss falls far below the baseline, and below it the predictions follow the sequence "
              "inside the training range."},
    "lesson.3.obs.1": {
        "es": "En escala logarítmica se ve que la pérdida sigue bajando mucho después de parecer plana.",
        "en": "On a log scale the loss keeps falling long after it looks flat."},
    "lesson.3.obs.2": {
        "es": "Abajo, la secuencia empieza ahora en 300, muy por encima de los inicios que vio (de 0 a 49): "
              "las predicciones se separan de la secuencia verdadera.",
        "en": "Below, the sequence now starts at 300, far above the starts it saw (0 to 49): the predictions "
              "part from the true sequence."},
    "lesson.3.question": {
        "es": "La red acierta dentro del rango que vio y falla por encima. ¿Por qué?",
        "en": "The network is right inside the range it saw and wrong above it. Why?"},
    "lesson.3.choice.0": {
        "es": "Porque $\\tanh$ se satura y la red no aprendió la regla «sumar el paso» para valores que nunca vio",
        "en": "Because $\\tanh$ saturates and the network did not learn the rule “add the step” for values it "
              "never saw"},
    "lesson.3.choice.1": {"es": "Porque le faltan pasos de entrenamiento", "en": "Because it needs more training steps"},
    "lesson.3.choice.2": {"es": "Porque la secuencia es demasiado corta", "en": "Because the sequence is too short"},
    "lesson.3.why": {
        "es": "Una red aprende lo que hay en sus datos: fuera de ese rango sus unidades $\\tanh$ se saturan "
              "y responde con lo que se parece a lo ya visto. Entrenar más no lo arregla; hay que mostrarle ese "
              "rango o escalar los datos.",
        "en": "A network learns what is in its data: outside that range its $\\tanh$ units saturate and it "
              "answers with something like what it has seen. More training does not fix it; show it that range "
              "or scale the data."},

    "lesson.4.title": {"es": "Gradientes que se desvanecen o explotan", "en": "Vanishing and exploding gradients"},
    "lesson.4.goal": {
        "es": "ver por qué una RNN simple olvida lo lejano, y qué dice de ello el radio espectral.",
        "en": "see why a plain RNN forgets what is far back, and what the spectral radius says about it."},
    "lesson.4.text": {
        "es": "En la lección 2 el gradiente se multiplicaba en cada paso atrás por $W_{hh}^\\top$ y por la "
              "derivada de $\\tanh$. Tras 50 pasos son 50 productos: si cada uno encoge, el gradiente "
              "[se desvanece (vanishing gradient)](#term-vanishing-gradient); si cada uno agranda, "
              "[explota (exploding gradient)](#term-exploding-gradient). Lo decide sobre todo el "
              "[radio espectral (spectral radius)](#term-spectral-radius) ρ de $W_{hh}$, su mayor valor propio "
              "en módulo. La figura muestra $\\lVert \\partial L/\\partial h_t \\rVert$ en escala logarítmica "
              "para una red nueva, con la cota de Pascanu et al. (2013). Contra la explosión hay un freno de "
              "emergencia: el [recorte del gradiente (gradient clipping)](#term-clipping).",
        "en": "In lesson 2 the gradient was multiplied at each step back by $W_{hh}^\\top$ and by the derivative "
              "of $\\tanh$. After 50 steps that is 50 products: if each one shrinks it, the gradient "
              "[vanishes](#term-vanishing-gradient); if each one grows it, it "
              "[explodes](#term-exploding-gradient). What decides it is mostly the "
              "[spectral radius](#term-spectral-radius) ρ of $W_{hh}$, its largest eigenvalue in absolute "
              "value. The figure shows $\\lVert \\partial L/\\partial h_t \\rVert$ on a log scale for a fresh "
              "network, with the bound of Pascanu et al. (2013). Against explosion there is an emergency brake: "
              "[gradient clipping](#term-clipping)."},
    "lesson.4.obs.0": {
        "es": "Con ρ = 0,5 la curva cae en línea recta en escala logarítmica: el gradiente se divide por un "
              "factor fijo en cada paso atrás, y los primeros pasos casi no reciben señal.",
        "en": "With ρ = 0.5 the curve falls in a straight line on the log scale: the gradient is divided by a "
              "fixed factor at each step back, and the first steps get almost no signal."},
    "lesson.4.obs.1": {
        "es": "Con ρ = 1,5 la curva sube hacia el principio: el gradiente crece en cada paso atrás y un paso "
              "de entrenamiento puede ser enorme. Ahí es donde el recorte frena.",
        "en": "With ρ = 1.5 the curve rises towards the start: the gradient grows at each step back and one "
              "training step can be huge. That is where clipping brakes."},
    "lesson.4.obs.2": {
        "es": "Con una LSTM cuya compuerta de olvido empieza casi abierta (sesgo inicial 2) la curva es casi "
              "plana: el gradiente vuelve por el estado de celda multiplicado solo por esa compuerta, cerca de "
              "0,9, y no por $W_{hh}$ (lo verás en la lección 5).",
        "en": "With an LSTM whose forget gate starts almost open (initial bias 2) the curve is nearly flat: the "
              "gradient flows back through the cell state multiplied only by that gate, near 0.9, and not by "
              "$W_{hh}$ (you will see it in lesson 5)."},
    "lesson.4.question": {
        "es": "¿Qué hace el recorte del gradiente?",
        "en": "What does gradient clipping do?"},
    "lesson.4.choice.0": {"es": "Evita que el gradiente se desvanezca", "en": "It keeps the gradient from vanishing"},
    "lesson.4.choice.1": {"es": "Cambia el radio espectral de $W_{hh}$", "en": "It changes the spectral radius of $W_{hh}$"},
    "lesson.4.choice.2": {"es": "Hace que la red recuerde más pasos", "en": "It makes the network remember more steps"},
    "lesson.4.choice.3": {
        "es": "Limita el tamaño de un paso cuando el gradiente explota, sin cambiar su dirección",
        "en": "It limits the size of a step when the gradient explodes, without changing its direction"},
    "lesson.4.why": {
        "es": "El recorte reescala el gradiente si su norma pasa de un umbral: es un freno de emergencia contra "
              "la explosión. Contra el desvanecimiento no sirve; para eso están la LSTM y la GRU.",
        "en": "Clipping rescales the gradient when its norm passes a threshold: an emergency brake against "
              "explosion. It does nothing against vanishing; that is what the LSTM and the GRU are for."},

    "lesson.5.title": {"es": "La LSTM: compuertas y estado de celda", "en": "The LSTM: gates and the cell state"},
    "lesson.5.goal": {
        "es": "ver cómo las compuertas de una LSTM guardan un dato durante muchos pasos, donde una RNN simple no "
              "puede.",
        "en": "see how an LSTM's gates keep a value for many steps, where a plain RNN cannot."},
    "lesson.5.text": {
        "es": "La [LSTM (long short-term memory)](#term-lstm) añade al estado oculto un "
              "[estado de celda (cell state)](#term-cell-state) $c_t$ que pasa de un paso al siguiente casi sin "
              "cambios: $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$. Tres compuertas, números entre 0 y 1, "
              "deciden qué se borra, qué se escribe y qué se lee: la "
              "[compuerta de olvido (forget gate)](#term-forget-gate) $f_t$, la "
              "[compuerta de entrada (input gate)](#term-input-gate) $i_t$ y la "
              "[compuerta de salida (output gate)](#term-output-gate) $o_t$. El problema de la suma: en 50 "
              "números hay dos marcados, y la red debe sumarlos al final. Adivinar sin mirar (siempre 1) da un "
              "error cuadrático de 1/6 ≈ 0,17: la línea de referencia.",
        "en": "The [LSTM (long short-term memory)](#term-lstm) adds to the hidden state a "
              "[cell state](#term-cell-state) $c_t$ that passes from one step to the next almost unchanged: "
              "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$. Three gates, numbers between 0 and 1, decide what is "
              "erased, what is written and what is read: the [forget gate](#term-forget-gate) $f_t$, the "
              "[input gate](#term-input-gate) $i_t$ and the [output gate](#term-output-gate) $o_t$. The adding "
              "problem: of 50 numbers two are marked, and the network must add them at the end. Guessing without "
              "looking (always 1) gives a squared error of 1/6 ≈ 0.17: the baseline."},
    "lesson.5.obs.0": {
        "es": "Entrena la LSTM: durante unos cientos de pasos no se mueve de la línea de referencia; luego se "
              "despega y cae a la centésima parte.",
        "en": "Train the LSTM: for a few hundred steps it does not leave the baseline; then it breaks away "
              "and falls to a hundredth of it."},
    "lesson.5.obs.1": {
        "es": "La misma tarea con una RNN simple: su pérdida se queda en la línea de referencia. No llega a "
              "ver el primer número marcado: su gradiente se desvanece antes (lección 4).",
        "en": "The same task with a plain RNN: its loss stays on the baseline. It never gets to see the first "
              "marked number: its gradient vanishes before (lesson 4)."},
    "lesson.5.obs.2": {
        "es": "De vuelta a la LSTM entrenada: en la figura de compuertas, el estado de celda cambia al leer un "
              "número marcado y la compuerta de olvido, cerca de 1, lo conserva hasta el final.",
        "en": "Back to the trained LSTM: in the gates figure, the cell state changes when a marked number is "
              "read, and the forget gate, near 1, keeps it until the end."},
    "lesson.5.question": {
        "es": "¿Qué le permite a la LSTM recordar el primer número marcado durante decenas de pasos?",
        "en": "What lets the LSTM remember the first marked number for dozens of steps?"},
    "lesson.5.choice.0": {"es": "Que tiene más unidades que la RNN", "en": "That it has more units than the RNN"},
    "lesson.5.choice.1": {
        "es": "Que su estado de celda se actualiza sumando, y la compuerta de olvido cerca de 1 lo deja pasar",
        "en": "That its cell state is updated by adding, and the forget gate near 1 lets it through"},
    "lesson.5.choice.2": {"es": "Que usa ReLU en lugar de $\\tanh$", "en": "That it uses ReLU instead of $\\tanh$"},
    "lesson.5.choice.3": {"es": "Que lee la secuencia dos veces", "en": "That it reads the sequence twice"},
    "lesson.5.why": {
        "es": "$c_t = f_t \\odot c_{t-1} + \\dots$: con $f_t \\approx 1$ el dato pasa igual, y el gradiente "
              "vuelve por el mismo camino sin multiplicarse por $W_{hh}$ en cada paso.",
        "en": "$c_t = f_t \\odot c_{t-1} + \\dots$: with $f_t \\approx 1$ the value passes unchanged, and the "
              "gradient flows back the same way without being multiplied by $W_{hh}$ at each step."},

    "lesson.6.title": {"es": "La GRU, y RNN vs LSTM vs GRU", "en": "The GRU, and RNN vs LSTM vs GRU"},
    "lesson.6.goal": {
        "es": "comparar las tres celdas en igualdad de condiciones y saber qué aporta la GRU.",
        "en": "compare the three cells on equal terms and know what the GRU brings."},
    "lesson.6.text": {
        "es": "La [GRU (gated recurrent unit)](#term-gru) de Cho et al. (2014) simplifica la LSTM: sin estado de "
              "celda aparte y con dos compuertas. La "
              "[compuerta de actualización (update gate)](#term-update-gate) $z_t$ mezcla el estado anterior con "
              "el nuevo candidato, y la [compuerta de reinicio (reset gate)](#term-reset-gate) $r_t$ decide "
              "cuánto del pasado usa ese candidato. Para compararlas con justicia, las tres celdas corren una "
              "carrera: los mismos datos, la misma semilla, los mismos lotes en el mismo orden y los mismos 600 "
              "pasos, en el problema de la suma de la lección 5 (secuencias de 50 pasos). Pulsa «Empezar la "
              "carrera» y mira crecer las tres curvas a la vez.",
        "en": "The [GRU (gated recurrent unit)](#term-gru) of Cho et al. (2014) simplifies the LSTM: no separate "
              "cell state and two gates. The [update gate](#term-update-gate) $z_t$ mixes the previous state "
              "with the new candidate, and the [reset gate](#term-reset-gate) $r_t$ decides how much of the past "
              "that candidate uses. To compare them fairly, the three cells run a race: the same data, seed, "
              "batches in the same order and the same 600 steps, on lesson 5's adding problem (sequences of 50 "
              "steps). Press “Start the race” and watch the three curves grow together."},
    "lesson.6.obs.0": {
        "es": "Empieza la carrera, en escala logarítmica: las tres curvas crecen juntas. La GRU es la primera en despegarse de la línea de "
              "la mejor constante (0,18): su pérdida de validación baja a 0,14 hacia el paso 125 y a 0,004 en el "
              "paso 225.",
        "en": "Start the race, on a log scale: the three curves grow together. The GRU is the first to leave the line of the best "
              "constant (0.18): its validation loss falls to 0.14 near step 125 and to 0.004 by step 225."},
    "lesson.6.obs.1": {
        "es": "Solo las celdas con compuertas: la LSTM se despega mucho más tarde, hacia el "
              "paso 450, y termina cerca de 0,002; la GRU, cerca de 0,0005, con una cuarta parte menos de pesos "
              "(13\u00a0121 frente a 17\u00a0473).",
        "en": "Only the gated cells: the LSTM leaves the baseline much later, near step 450, and "
              "ends near 0.002; the GRU near 0.0005, with a quarter fewer weights (13,121 against 17,473)."},
    "lesson.6.obs.2": {
        "es": "La RNN simple (tanh), sola y en escala lineal: nunca se despega. En los 600 pasos su pérdida de validación nunca baja "
              "de verdad de la línea de la mejor constante (0,18): termina en 0,26, por encima: sin compuertas, el gradiente se desvanece en 50 pasos "
              "y no llega a los dos números marcados.",
        "en": "The plain (tanh) RNN alone, on a linear scale: it never leaves. In 600 steps its validation loss never really gets "
              "below the line of the best constant (0.18): it ends at 0.26, above it: without gates, the gradient vanishes over 50 steps and never "
              "reaches the two marked numbers."},
    "lesson.6.question": {
        "es": "En la carrera, con los mismos datos, lotes y pasos, ¿qué celdas aprenden a sumar los dos números "
              "marcados, y en qué orden?",
        "en": "In the race, with the same data, batches and steps, which cells learn to add the two marked "
              "numbers, and in what order?"},
    "lesson.6.choice.0": {"es": "Las tres a la vez: con los mismos lotes aprenden igual",
                          "en": "All three at once: with the same batches they learn alike"},
    "lesson.6.choice.1": {"es": "Primero la LSTM, luego la GRU y al final la RNN simple",
                          "en": "The LSTM first, then the GRU, and the plain RNN last"},
    "lesson.6.choice.2": {
        "es": "Primero la GRU, luego la LSTM; la RNN simple no se despega de la mejor constante",
        "en": "The GRU first, then the LSTM; the plain RNN never leaves the best constant"},
    "lesson.6.choice.3": {"es": "Solo la RNN simple, por ser la más sencilla",
                          "en": "Only the plain RNN, because it is the simplest"},
    "lesson.6.why": {
        "es": "Las dos celdas con compuertas guardan los números marcados durante 50 pasos: la GRU se despega "
              "hacia el paso 125 y la LSTM hacia el 450. La GRU lo logra sin estado de celda aparte, con dos "
              "compuertas en lugar de tres y una cuarta parte menos de pesos: su compuerta de actualización $z_t$ "
              "deja pasar $h_{t-1}$ casi intacto. La RNN simple multiplica el gradiente por $W_{hh}$ en cada paso "
              "hacia atrás; se desvanece, y la red se queda en la mejor constante (0,18).",
        "en": "Both gated cells keep the marked numbers for 50 steps: the GRU leaves the baseline near step 125, "
              "the LSTM near step 450. The GRU does it with no separate cell state, two gates instead of three and "
              "a quarter fewer weights: its update gate $z_t$ lets $h_{t-1}$ through almost unchanged. The plain "
              "RNN multiplies the gradient by $W_{hh}$ at every step back; it vanishes, and the network stays at "
              "the best constant (0.18)."},

    "lesson.7.title": {"es": "Arquitecturas: muchos a uno, muchos a muchos, bidireccional",
                       "en": "Architectures: many-to-one, many-to-many, bidirectional"},
    "lesson.7.goal": {
        "es": "distinguir dónde responde la red y qué gana leyendo en los dos sentidos.",
        "en": "tell where the network answers and what it gains by reading both ways."},
    "lesson.7.text": {
        "es": "Para leer frases, cada palabra se convierte en un vector aprendido: una "
              "[incrustación (embedding)](#term-embedding). La red lee la frase y responde una sola vez al final, "
              "¿positiva o negativa? ([muchos a uno](#term-many-to-one)). En la lección 3 respondía en cada paso "
              "([muchos a muchos](#term-many-to-many)). Una red "
              "[bidireccional (bidirectional)](#term-bidirectional) lee además la frase de derecha a izquierda y "
              "junta los dos estados, así que cada palabra se ve con su contexto de ambos lados.",
        "en": "To read sentences, each word becomes a learned vector: an [embedding](#term-embedding). The "
              "network reads the sentence and answers once at the end: positive or negative? "
              "([many-to-one](#term-many-to-one)). In lesson 3 it answered at every step "
              "([many-to-many](#term-many-to-many)). A [bidirectional](#term-bidirectional) network also reads "
              "the sentence right to left and joins both states, so each word is seen with its context on "
              "both sides."},
    "lesson.7.obs.0": {
        "es": "Entrena: la pérdida baja y, abajo, puedes escribir tu propia frase («no es malo, es bueno») y ver "
              "qué responde.",
        "en": "Train: the loss falls and, below, you can type your own sentence (“not bad, it is good”) and "
              "see what it answers."},
    "lesson.7.obs.1": {
        "es": "La misma red, bidireccional: el doble de estados por palabra. Compara su curva de validación con "
              "la anterior.",
        "en": "The same network, bidirectional: twice the states per word. Compare its validation curve with "
              "the one before."},
    "lesson.7.obs.2": {
        "es": "Muchos a muchos: la red de la lección 3, que responde en cada paso. Aquí no puede ser "
              "bidireccional: leería la respuesta.",
        "en": "Many-to-many: lesson 3's network, which answers at every step. It cannot be bidirectional here: "
              "it would read the answer."},
    "lesson.7.question": {
        "es": "¿Por qué predecir el siguiente número no puede usar una red bidireccional?",
        "en": "Why can predicting the next number not use a bidirectional network?"},
    "lesson.7.choice.0": {
        "es": "Porque la lectura de derecha a izquierda vería el número que tiene que predecir",
        "en": "Because the right-to-left pass would see the number it must predict"},
    "lesson.7.choice.1": {"es": "Porque los números no tienen incrustación", "en": "Because numbers have no embedding"},
    "lesson.7.choice.2": {"es": "Porque sería demasiado lenta", "en": "Because it would be too slow"},
    "lesson.7.why": {
        "es": "En la predicción del siguiente valor, la entrada del paso siguiente es la respuesta del actual: "
              "leer hacia atrás sería copiarla. En una frase entera, en cambio, leer en los dos sentidos es "
              "legítimo.",
        "en": "When predicting the next value, the next step's input is this step's answer: reading backwards "
              "would copy it. In a whole sentence, reading both ways is fair."},

    "lesson.8.title": {"es": "Pronosticar una serie", "en": "Forecasting a series"},
    "lesson.8.goal": {
        "es": "pronosticar una serie con una ventana de valores pasados, y saber cuándo merece la pena.",
        "en": "forecast a series from a window of past values, and know when it is worth it."},
    "lesson.8.text": {
        "es": "Como en el curso: una onda senoidal con ruido, escalada entre 0 y 1 "
              "([escalado MinMax (MinMax scaling)](#term-minmax-scaling)), cortada en "
              "[ventanas (windows)](#term-window) de 50 valores; la LSTM lee cada ventana y pronostica el valor "
              "siguiente. La [línea de referencia](#term-baseline) es repetir el último valor: un pronóstico solo "
              "vale si la mejora.",
        "en": "As in the course: a noisy sine wave, scaled between 0 and 1 "
              "([MinMax scaling](#term-minmax-scaling)), cut into [windows](#term-window) of 50 values; the LSTM "
              "reads each window and forecasts the next value. The [baseline](#term-baseline) repeats the last "
              "value: a forecast is worth something only if it beats that."},
    "lesson.8.obs.0": {
        "es": "Entrena: la pérdida baja de la línea de referencia, y abajo el pronóstico sigue la onda sin copiar "
              "su ruido.",
        "en": "Train: the loss falls below the baseline, and below the forecast follows the wave without copying "
              "its noise."},
    "lesson.8.obs.1": {
        "es": "Con mucho más ruido (0,4): la pérdida ya no baja tanto. Hay un error que ningún pronóstico puede "
              "evitar, y la ventana larga ayuda a promediarlo.",
        "en": "With much more noise (0.4): the loss no longer falls as far. There is an error no forecast can "
              "avoid, and the long window helps to average it."},
    "lesson.8.obs.2": {
        "es": "Con una ventana de solo 5 valores: la red ve muy poco de la onda y le cuesta más saber en qué "
              "punto del ciclo está.",
        "en": "With a window of only 5 values: the network sees very little of the wave and finds it harder to "
              "know where in the cycle it is."},
    "lesson.8.question": {
        "es": "Un pronóstico tiene un error de 0,12 y repetir el último valor da 0,16. ¿Qué concluyes?",
        "en": "A forecast has an error of 0.12 and repeating the last value gives 0.16. What do you conclude?"},
    "lesson.8.choice.0": {"es": "Que la red no ha aprendido nada", "en": "That the network learned nothing"},
    "lesson.8.choice.1": {"es": "Que la red aprendió algo de la forma de la onda que la referencia no sabe",
                          "en": "That the network learned something of the wave's shape the baseline does not know"},
    "lesson.8.choice.2": {"es": "Que el error debería ser 0", "en": "That the error should be 0"},
    "lesson.8.why": {
        "es": "Batir a la referencia es la prueba de que la red usa la ventana. El error no llega a 0 porque el "
              "ruido no se puede predecir.",
        "en": "Beating the baseline is the proof that the network uses the window. The error does not reach 0 "
              "because noise cannot be predicted."},

    "lesson.9.title": {"es": "Sobreajuste y regularización", "en": "Overfitting and regularisation"},
    "lesson.9.goal": {
        "es": "reconocer el sobreajuste en la curva de validación y saber qué hacer.",
        "en": "recognise overfitting in the validation curve and know what to do about it."},
    "lesson.9.text": {
        "es": "Una LSTM de 128 unidades con unos cientos de frases puede aprendérselas de memoria. La pérdida de "
              "entrenamiento baja casi a 0, pero lo que importa es cómo le va con las frases de "
              "[validación (validation)](#term-validation), que no usa para aprender. Cuando la pérdida de "
              "validación sube mientras la de entrenamiento baja, hay [sobreajuste (overfitting)](#term-overfitting). "
              "Mira también la exactitud, debajo: aquí sigue subiendo. La pérdida castiga los errores cometidos "
              "con seguridad, y la red se vuelve segura de todas sus respuestas, también de las que falla: la "
              "pérdida puede subir mientras acierta más. Remedios: la "
              "[parada temprana (early stopping)](#term-early-stopping), quedarse con el modelo de la mejor "
              "medición de validación (qué medida vigilar depende de lo que quieras de la red); una red más "
              "pequeña; más datos; y el [dropout](#term-dropout), que apaga unidades al azar al entrenar (aquí "
              "actúa entre capas apiladas, y con tan pocas frases no basta: pruébalo).",
        "en": "An LSTM of 128 units with a few hundred sentences can learn them by heart. The training loss falls "
              "almost to 0, but what matters is how it does on the [validation](#term-validation) sentences, "
              "which it does not learn from. When the validation loss rises while the training loss falls, it is "
              "[overfitting](#term-overfitting). Look at the accuracy too, below: here it keeps rising. The loss "
              "punishes confident mistakes, and the network grows sure of all its answers, the wrong ones too: "
              "the loss can rise while it gets more right. Remedies: [early stopping](#term-early-stopping), "
              "keeping the model of the best validation measurement (which measure to watch depends on what you "
              "want from the network); a smaller network; more data; and [dropout](#term-dropout), which "
              "switches units off at random in training (here it acts between stacked layers, and with so few "
              "sentences it is not enough: try it)."},
    "lesson.9.obs.0": {
        "es": "Entrena: la pérdida de entrenamiento cae casi a 0; la de validación baja poco, hasta 0,72 en el paso "
              "20 (apenas por encima de la mejor constante, 0,69), y luego sube hasta 1,5. Debajo, la exactitud "
              "en validación cuenta otra historia: 58 % en el paso 20 y 78 % al final, estable desde el paso 140 "
              "más o menos.",
        "en": "Train: the training loss falls almost to 0; the validation loss falls a little, to 0.72 at step 20 "
              "(just above the best constant guess, 0.69), then rises to 1.5. Below, the validation accuracy "
              "tells another story: 58% at step 20 and 78% at the end, level from about step 140."},
    "lesson.9.obs.1": {
        "es": "En escala logarítmica se ve mejor la brecha entre las dos pérdidas: la red acierta todas las "
              "frases de entrenamiento y falla más o menos una de cada cinco nuevas, la mayoría con mucha "
              "seguridad (a la respuesta correcta le da menos del 1 %). Esos pocos errores seguros son los que "
              "hacen subir la pérdida de validación.",
        "en": "On a log scale the gap between the two losses shows better: the network gets every training "
              "sentence right and about one new sentence in five wrong, most of them with great confidence (under "
              "1% for the right answer). Those few confident mistakes are what raise the validation loss."},
    "lesson.9.obs.2": {
        "es": "Con 16 unidades en lugar de 128: la pérdida de validación sube bastante menos (hasta cerca de 1 en "
              "lugar de 1,5), pero la red también acierta todas las frases de entrenamiento, y la exactitud acaba "
              "en el 75 %, algo por debajo del 78 %: se equivoca con menos seguridad, no menos veces.",
        "en": "With 16 units instead of 128: the validation loss rises much less (to about 1 instead of 1.5), but "
              "the network still gets every training sentence right, and the accuracy ends at 75%, a little below "
              "78%: it is wrong less confidently, not less often."},
    "lesson.9.obs.3": {
        "es": "Activa la parada temprana con una paciencia de 3 mediciones: el entrenamiento se detiene en el paso "
              "50, tres mediciones después del mínimo de la pérdida de validación (0,72 en el paso 20), y se queda "
              "con el modelo del paso 20, marcado con una estrella en las dos gráficas. Por la pérdida es el "
              "mejor; por la exactitud, no: acierta el 58 %, frente al 78 % del final. Aquí la parada temprana "
              "vigila la pérdida; si lo que quieres es acertar más, la medida que hay que vigilar es la exactitud.",
        "en": "Turn on early stopping with a patience of 3 measurements: training stops at step 50, three "
              "measurements after the validation loss minimum (0.72 at step 20), and keeps the model of step 20, "
              "marked with a star on both charts. By the loss it is the best; by accuracy it is not: it gets 58% "
              "right, against 78% at the end. Here early stopping watches the loss; if what you want is more "
              "right answers, the measure to watch is the accuracy."},
    "lesson.9.question": {
        "es": "La pérdida de validación sube, pero la exactitud en validación sigue subiendo. ¿Qué pasa?",
        "en": "The validation loss rises, but the validation accuracy keeps rising. What is happening?"},
    "lesson.9.choice.0": {"es": "La red está cada vez más segura de sus respuestas, también de las que falla",
                          "en": "The network grows ever surer of its answers, the wrong ones too"},
    "lesson.9.choice.1": {"es": "La tasa de aprendizaje es demasiado pequeña", "en": "The learning rate is too small"},
    "lesson.9.choice.2": {"es": "Los gradientes se desvanecen", "en": "The gradients vanish"},
    "lesson.9.why": {
        "es": "Un error con el 99 % de seguridad cuesta ln 100 ≈ 4,6 en la pérdida, y un acierto casi 0: unos "
              "pocos errores seguros suben la media aunque los aciertos sigan creciendo. Sigue siendo sobreajuste "
              "(acierta todas las frases de entrenamiento, no las nuevas), y la parada temprana se queda con el "
              "mejor modelo según la medida que vigila: elige la que corresponde a tu objetivo.",
        "en": "A mistake made with 99% confidence costs ln 100 ≈ 4.6 in the loss, a right answer almost 0: a few "
              "confident mistakes raise the average while the right answers still grow. It is still overfitting "
              "(every training sentence right, not the new ones), and early stopping keeps the best model by the "
              "measure it watches: choose the one that matches your goal."},
})

# --- the glossary: each term with the English term once, and a short entry ---------------------------------
STRINGS.update({
    "glossary.recurrence.term": {"es": "Recurrencia (recurrence)", "en": "Recurrence"},
    "glossary.recurrence.entry": {
        "es": "Usar la salida de un paso como entrada del siguiente: $h_t$ depende de $h_{t-1}$.",
        "en": "Using one step's output as the next step's input: $h_t$ depends on $h_{t-1}$."},
    "glossary.hidden_state.term": {"es": "Estado oculto (hidden state)", "en": "Hidden state"},
    "glossary.hidden_state.entry": {
        "es": "El vector $h_t$ que la red lleva de paso en paso: su memoria de lo leído.",
        "en": "The vector $h_t$ the network carries from step to step: its memory of what it read."},
    "glossary.many_to_one.term": {"es": "Muchos a uno (many-to-one)", "en": "Many-to-one"},
    "glossary.many_to_one.entry": {
        "es": "La red lee toda la secuencia y responde una vez, al final (p. ej., clasificar una frase).",
        "en": "The network reads the whole sequence and answers once, at the end (e.g. classifying a sentence)."},
    "glossary.bptt.term": {"es": "Retropropagación en el tiempo (backpropagation through time, BPTT)",
                           "en": "Backpropagation through time (BPTT)"},
    "glossary.bptt.entry": {
        "es": "La retropropagación aplicada a la red desplegada en el tiempo, del último paso al primero.",
        "en": "Backpropagation applied to the network unrolled in time, from the last step to the first."},
    "glossary.gradient.term": {"es": "Gradiente (gradient)", "en": "Gradient"},
    "glossary.gradient.entry": {
        "es": "Cuánto cambia la pérdida al cambiar cada peso (o cada estado); entrenar es moverse en contra.",
        "en": "How much the loss changes as each weight (or state) changes; training moves against it."},
    "glossary.many_to_many.term": {"es": "Muchos a muchos (many-to-many)", "en": "Many-to-many"},
    "glossary.many_to_many.entry": {
        "es": "La red responde en cada paso de la secuencia (p. ej., predecir el siguiente número).",
        "en": "The network answers at every step of the sequence (e.g. predicting the next number)."},
    "glossary.extrapolation.term": {"es": "Extrapolar (extrapolation)", "en": "Extrapolation"},
    "glossary.extrapolation.entry": {
        "es": "Responder fuera del rango de los datos de entrenamiento; las redes suelen hacerlo mal.",
        "en": "Answering outside the range of the training data; networks usually do it badly."},
    "glossary.baseline.term": {"es": "Línea de referencia (baseline)", "en": "Baseline"},
    "glossary.baseline.entry": {
        "es": "La pérdida de la mejor respuesta que no mira la entrada (o que repite el último valor): la red "
              "tiene que batirla.",
        "en": "The loss of the best answer that ignores the input (or repeats the last value): the network must "
              "beat it."},
    "glossary.vanishing_gradient.term": {"es": "Gradiente que se desvanece (vanishing gradient)",
                                         "en": "Vanishing gradient"},
    "glossary.vanishing_gradient.entry": {
        "es": "$\\lVert \\partial L/\\partial h_t \\rVert$ se hace diminuto hacia los primeros pasos: la red no "
              "aprende de lo lejano.",
        "en": "$\\lVert \\partial L/\\partial h_t \\rVert$ becomes tiny towards the first steps: the network "
              "does not learn from what is far back."},
    "glossary.exploding_gradient.term": {"es": "Gradiente que explota (exploding gradient)",
                                         "en": "Exploding gradient"},
    "glossary.exploding_gradient.entry": {
        "es": "El gradiente crece paso a paso hacia atrás hasta dar actualizaciones enormes.",
        "en": "The gradient grows step by step backwards until it gives huge updates."},
    "glossary.spectral_radius.term": {"es": "Radio espectral (spectral radius)", "en": "Spectral radius"},
    "glossary.spectral_radius.entry": {
        "es": "El mayor valor propio en módulo de $W_{hh}$; por debajo de 1 el gradiente tiende a desvanecerse "
              "(Pascanu et al., 2013).",
        "en": "The largest eigenvalue of $W_{hh}$ in absolute value; below 1 the gradient tends to vanish "
              "(Pascanu et al., 2013)."},
    "glossary.clipping.term": {"es": "Recorte del gradiente (gradient clipping)", "en": "Gradient clipping"},
    "glossary.clipping.entry": {
        "es": "Reescalar el gradiente cuando su norma pasa de un umbral: un freno contra la explosión.",
        "en": "Rescaling the gradient when its norm passes a threshold: a brake against explosion."},
    "glossary.lstm.term": {"es": "LSTM (long short-term memory)", "en": "LSTM (long short-term memory)"},
    "glossary.lstm.entry": {
        "es": "Celda recurrente con estado de celda y tres compuertas (Hochreiter y Schmidhuber, 1997).",
        "en": "A recurrent cell with a cell state and three gates (Hochreiter and Schmidhuber, 1997)."},
    "glossary.cell_state.term": {"es": "Estado de celda (cell state)", "en": "Cell state"},
    "glossary.cell_state.entry": {
        "es": "La memoria $c_t$ de la LSTM, que se actualiza sumando: deja pasar datos y gradientes.",
        "en": "The LSTM's memory $c_t$, updated by adding: it lets values and gradients through."},
    "glossary.forget_gate.term": {"es": "Compuerta de olvido (forget gate)", "en": "Forget gate"},
    "glossary.forget_gate.entry": {
        "es": "$f_t$, entre 0 y 1: qué parte de $c_{t-1}$ se conserva.",
        "en": "$f_t$, between 0 and 1: how much of $c_{t-1}$ is kept."},
    "glossary.input_gate.term": {"es": "Compuerta de entrada (input gate)", "en": "Input gate"},
    "glossary.input_gate.entry": {
        "es": "$i_t$, entre 0 y 1: cuánto del candidato nuevo se escribe en la celda.",
        "en": "$i_t$, between 0 and 1: how much of the new candidate is written into the cell."},
    "glossary.output_gate.term": {"es": "Compuerta de salida (output gate)", "en": "Output gate"},
    "glossary.output_gate.entry": {
        "es": "$o_t$, entre 0 y 1: cuánto de la celda se muestra en $h_t$.",
        "en": "$o_t$, between 0 and 1: how much of the cell shows in $h_t$."},
    "glossary.gru.term": {"es": "GRU (gated recurrent unit)", "en": "GRU (gated recurrent unit)"},
    "glossary.gru.entry": {
        "es": "Celda recurrente con dos compuertas y sin estado de celda aparte (Cho et al., 2014).",
        "en": "A recurrent cell with two gates and no separate cell state (Cho et al., 2014)."},
    "glossary.update_gate.term": {"es": "Compuerta de actualización (update gate)", "en": "Update gate"},
    "glossary.update_gate.entry": {
        "es": "$z_t$ en la GRU: cuánto del estado anterior se mantiene frente al candidato nuevo.",
        "en": "$z_t$ in the GRU: how much of the previous state is kept against the new candidate."},
    "glossary.reset_gate.term": {"es": "Compuerta de reinicio (reset gate)", "en": "Reset gate"},
    "glossary.reset_gate.entry": {
        "es": "$r_t$ en la GRU: cuánto del estado anterior usa el candidato nuevo.",
        "en": "$r_t$ in the GRU: how much of the previous state the new candidate uses."},
    "glossary.embedding.term": {"es": "Incrustación (embedding)", "en": "Embedding"},
    "glossary.embedding.entry": {
        "es": "Un vector aprendido para cada palabra o carácter, lo que la red lee en su lugar.",
        "en": "A learned vector for each word or character, which the network reads in its place."},
    "glossary.bidirectional.term": {"es": "Bidireccional (bidirectional)", "en": "Bidirectional"},
    "glossary.bidirectional.entry": {
        "es": "Dos redes, una de izquierda a derecha y otra al revés, con sus estados unidos.",
        "en": "Two networks, one left to right and one right to left, their states joined."},
    "glossary.window.term": {"es": "Ventana (window)", "en": "Window"},
    "glossary.window.entry": {
        "es": "Los últimos valores de una serie que la red lee para pronosticar el siguiente.",
        "en": "The last values of a series the network reads to forecast the next one."},
    "glossary.minmax_scaling.term": {"es": "Escalado MinMax (MinMax scaling)", "en": "MinMax scaling"},
    "glossary.minmax_scaling.entry": {
        "es": "Llevar los valores al intervalo [0, 1] con el mínimo y el máximo del entrenamiento.",
        "en": "Mapping the values to [0, 1] with the training data's minimum and maximum."},
    "glossary.overfitting.term": {"es": "Sobreajuste (overfitting)", "en": "Overfitting"},
    "glossary.overfitting.entry": {
        "es": "Aprender de memoria los ejemplos de entrenamiento y empeorar en los nuevos.",
        "en": "Learning the training examples by heart and getting worse on new ones."},
    "glossary.validation.term": {"es": "Validación (validation)", "en": "Validation"},
    "glossary.validation.entry": {
        "es": "Datos apartados que no se usan para aprender: miden si la red generaliza.",
        "en": "Data set aside and not learned from: they measure whether the network generalises."},
    "glossary.dropout.term": {"es": "Dropout", "en": "Dropout"},
    "glossary.dropout.entry": {
        "es": "Apagar unidades al azar durante el entrenamiento para que la red no dependa de ninguna.",
        "en": "Switching units off at random in training so the network depends on none of them."},
    "glossary.early_stopping.term": {"es": "Parada temprana (early stopping)", "en": "Early stopping"},
    "glossary.early_stopping.entry": {
        "es": "Quedarse con el modelo del paso en que la pérdida de validación fue mínima.",
        "en": "Keeping the model from the step where the validation loss was lowest."},
})
