"""Strings of the Gradients page (vanishing and exploding gradients)."""

STRINGS = {
    "gradients.title": {"es": "Gradientes que se desvanecen y que explotan",
                        "en": "Vanishing and exploding gradients"},
    "gradients.intro": {
        "es": "Para aprender, el error de la salida viaja **hacia atrás en el tiempo**: en cada paso se "
              "multiplica por la jacobiana dh_t/dh_{t-1}. El producto de muchos factores menores que 1 se "
              "**desvanece** y el de muchos mayores que 1 **explota**. ‖dL/dh_t‖ mide cuánto «oye» todavía "
              "la pérdida al paso t: cuanto más pequeña, menos aprende la red de lo que ocurrió ahí.",
        "en": "To learn, the output's error travels **backwards through time**: at every step it is "
              "multiplied by the Jacobian dh_t/dh_{t-1}. A product of many factors below 1 **vanishes**, "
              "one of many factors above 1 **explodes**. ‖dL/dh_t‖ measures how much the loss still "
              "“hears” step t: the smaller it is, the less the network learns from what happened there."},
    "gradients.layer": {"es": "capa {n}", "en": "layer {n}"},
    "gradients.zero": {"es": "exactamente 0 (subdesbordamiento)", "en": "exactly 0 (underflow)"},
    "gradients.zero_relu": {"es": "exactamente 0 (subdesbordamiento o ReLU apagada)",
                            "en": "exactly 0 (underflow or ReLU switched off)"},
    "gradients.not_finite": {"es": "no finito (desbordamiento)", "en": "not finite (overflow)"},
    "gradients.zeros": {
        "es": "**{count} de {total}** valores son exactamente 0: el gradiente se ha hecho más pequeño que "
              "el menor número de float32 (~1e-45) y se ha redondeado a 0. Un eje logarítmico no puede "
              "dibujar el 0, así que se marcan con × en la parte de abajo.",
        "en": "**{count} of {total}** values are exactly 0: the gradient became smaller than float32's "
              "smallest number (~1e-45) and was rounded to 0. A log axis cannot draw 0, so they are "
              "marked with × at the bottom."},
    "gradients.not_finite_caption": {
        "es": "**{count} de {total}** valores no son finitos (inf o nan): el cálculo desbordó float32. Se "
              "marcan con ▲ en la parte de arriba.",
        "en": "**{count} of {total}** values are not finite (inf or nan): the computation overflowed "
              "float32. They are marked with ▲ at the top."},
    "gradients.axis.grad": {"es": "‖dL/dh_t‖", "en": "‖dL/dh_t‖"},

    # now and at initialisation
    "gradients.now.header": {"es": "‖dL/dh_t‖ ahora y al inicializar", "en": "‖dL/dh_t‖ now and at initialisation"},
    "gradients.now.title": {"es": "‖dL/dh_t‖ en 32 secuencias de validación",
                            "en": "‖dL/dh_t‖ on 32 validation sequences"},
    "gradients.now.initial": {"es": "al inicializar", "en": "at initialisation"},
    "gradients.now.now": {"es": "ahora (paso {step})", "en": "now (step {step})"},
    "gradients.now.follow": {"es": "Seguir el entrenamiento", "en": "Follow training"},
    "gradients.now.follow.help": {
        "es": "Encendido: mientras la red entrena, la curva de ahora se vuelve a medir con los pesos de cada "
              "momento, unas dos veces por segundo. Apagado: una vez por segundo como mucho, y menos si el "
              "modelo es grande.",
        "en": "On: while the network trains, the curve for now is measured again from the weights of the "
              "moment, about twice a second. Off: at most once a second, and less often for a big model."},
    "gradients.now.explain": {
        "es": "**Qué mirar:** el eje vertical es logarítmico, así que una caída en línea recta hacia la "
              "izquierda es un desvanecimiento **exponencial**: los primeros pasos apenas cuentan al "
              "aprender. Compara los dos paneles: ¿ha aprendido la red a conservar el gradiente? En tareas "
              "con salida en cada paso la pérdida entra por todos los pasos, y la curva es más plana.",
        "en": "**What to look for:** the vertical axis is logarithmic, so a straight drop towards the left "
              "is an **exponential** vanishing: the first steps barely count when learning. Compare the "
              "two panels: has the network learned to keep the gradient alive? In tasks with an output at "
              "every step the loss enters at every step, and the curve is flatter."},

    # recorded during training
    "gradients.heatmap.header": {"es": "Durante el entrenamiento", "en": "During training"},
    "gradients.heatmap.title": {"es": "‖dL/dh_t‖ durante el entrenamiento", "en": "‖dL/dh_t‖ during training"},
    "gradients.heatmap.curve": {"es": "Capa y dirección", "en": "Layer and direction"},
    "gradients.heatmap.colorbar": {"es": "log10 ‖dL/dh_t‖", "en": "log10 ‖dL/dh_t‖"},
    "gradients.heatmap.recordings": {
        "es": "Medidas registradas: {count}, una cada {every} pasos, en las mismas 32 secuencias de validación.",
        "en": "Recordings: {count}, one every {every} steps, on the same 32 validation sequences."},
    "gradients.heatmap.explain": {
        "es": "**Qué mirar:** cada fila es una medida durante el entrenamiento (abajo, al inicializar); "
              "cada columna, un paso de tiempo. El color es log10 de la norma: un degradado de derecha a "
              "izquierda es un gradiente que se desvanece con la distancia. Mira si cambia al avanzar el "
              "entrenamiento. Las celdas rosas son exactamente 0 (subdesbordamiento).",
        "en": "**What to look for:** each row is one recording during training (initialisation at the "
              "bottom); each column, one timestep. The colour is log10 of the norm: a gradient from right "
              "to left is a gradient vanishing with distance. Watch whether it changes as training goes "
              "on. Pink cells are exactly 0 (underflow)."},

    # the spectral radius lab
    "gradients.lab.header": {"es": "Laboratorio: ¿qué hace ρ?", "en": "Lab: what does ρ do?"},
    "gradients.lab.intro": {
        "es": "Una red **nueva y sin entrenar**, con los tamaños y la semilla de la barra lateral, cuya "
              "matriz recurrente es W_hh = ortogonal × ρ: todos sus valores singulares valen ρ.",
        "en": "A **fresh, untrained** network with the sidebar's sizes and seed, whose recurrent matrix is "
              "W_hh = orthogonal × ρ: all its singular values equal ρ."},
    "gradients.lab.cell": {"es": "Celda", "en": "Cell"},
    "gradients.lab.seq_len": {"es": "Longitud de la secuencia T", "en": "Sequence length T"},
    "gradients.lab.rho": {"es": "Radio espectral ρ", "en": "Spectral radius ρ"},
    "gradients.lab.rho.help": {"es": "ρ < 1: el gradiente se desvanece; ρ > 1: puede explotar.",
                               "en": "ρ < 1: the gradient vanishes; ρ > 1: it may explode."},
    "gradients.lab.title": {"es": "Red nueva: {cell}, T = {T}, ρ = {rho:g}",
                            "en": "Fresh network: {cell}, T = {T}, ρ = {rho:g}"},
    "gradients.lab.bound": {"es": "cota de Pascanu: último valor × σ_max^(T-1-t), σ_max = {sigma:.3g}",
                            "en": "Pascanu bound: last value × σ_max^(T-1-t), σ_max = {sigma:.3g}"},
    "gradients.lab.explain": {
        "es": "**Qué mirar:** con ρ < 1 cada paso hacia atrás multiplica el gradiente por algo menor que 1 "
              "y la curva cae hacia la izquierda; con ρ > 1 puede crecer (explotar). La línea gris es la "
              "cota de Pascanu et al. (2013), ‖dL/dh_t‖ ≤ ‖dL/dh_(T-1)‖ · σ_max(W_hh)^(T-1-t): la curva "
              "medida de la capa de arriba nunca la supera, porque tanh' ≤ 1 solo puede encoger más. "
              "Aquí la pérdida lee solo la última salida.",
        "en": "**What to look for:** with ρ < 1 every step backwards multiplies the gradient by less than "
              "1 and the curve falls towards the left; with ρ > 1 it can grow (explode). The grey line is "
              "the bound of Pascanu et al. (2013), ‖dL/dh_t‖ ≤ ‖dL/dh_(T-1)‖ · σ_max(W_hh)^(T-1-t): the "
              "top layer's measured curve never exceeds it, because tanh' ≤ 1 can only shrink it more. "
              "Here the loss reads the last output only."},
    "gradients.lab.no_bound": {
        "es": "La cota de Pascanu que se dibuja es para RNN con tanh: para {cell} solo se muestra la curva "
              "medida (sus puertas cambian el producto de jacobianas). Elige «RNN (tanh)» para verla.",
        "en": "The Pascanu bound drawn here is for tanh RNNs: for {cell} only the measured curve is shown "
              "(its gates change the product of Jacobians). Choose “RNN (tanh)” to see it."},
    "gradients.lab.ratio": {"es": "‖dL/dh_0‖ / ‖dL/dh_(T-1)‖ en la capa de arriba = {ratio}",
                            "en": "‖dL/dh_0‖ / ‖dL/dh_(T-1)‖ in the top layer = {ratio}"},
    "gradients.lab.computing": {"es": "Midiendo los gradientes de la red nueva…",
                                "en": "Measuring the fresh network's gradients…"},
    "gradients.lab.invalid": {"es": "Estos valores no sirven para la tarea: {error}",
                              "en": "These values do not work for the task: {error}"},
    "gradients.lab.forget_bias": {"es": "Sesgo de la puerta de olvido (LSTM)", "en": "Forget-gate bias (LSTM)"},
    "gradients.lab.forget_bias.default": {"es": "PyTorch (≈0)", "en": "PyTorch (≈0)"},
    "gradients.lab.forget_bias.help": {
        "es": "Solo para la LSTM: el sesgo inicial b_f de la puerta de olvido f = σ(W_f·x_t + U_f·h_(t-1) + b_f). "
              "PyTorch lo inicia cerca de 0, así que f ≈ 0,5; con 1, f ≈ 0,73; con 4, f ≈ 0,98 (Gers et al. "
              "2000; Jozefowicz et al. 2015).",
        "en": "LSTM only: the initial bias b_f of the forget gate f = σ(W_f·x_t + U_f·h_(t-1) + b_f). PyTorch "
              "starts it near 0, so f ≈ 0.5; at 1, f ≈ 0.73; at 4, f ≈ 0.98 (Gers et al. 2000; Jozefowicz "
              "et al. 2015)."},
    "gradients.lab.forget_note": {
        "es": "**La puerta de olvido (forget gate) decide cuánto gradiente llega atrás.** Aquí vale de media "
              "f = {gate}. Hacia atrás, por la celda c_t = f·c_(t-1) + i·g, el gradiente se multiplica por f "
              "en cada paso: tras {T1} pasos, por unos {gate}^{T1} ≈ {power} en una unidad típica (lo que llega, lo "
              "traen las unidades con la puerta más abierta). Gers et al. (2000) añadieron "
              "esta puerta a la LSTM, y Jozefowicz et al. (2015) recomiendan iniciar su sesgo en 1 o más, "
              "para que al empezar la puerta esté abierta y la red recuerde. Prueba con el sesgo en 4.",
        "en": "**The forget gate decides how much gradient gets back.** Here it averages f = {gate}. Backwards "
              "through the cell state c_t = f·c_(t-1) + i·g, the gradient is multiplied by f at every step: "
              "after {T1} steps, by about {gate}^{T1} ≈ {power} in a typical unit (what does arrive is carried by the "
              "units whose gate is most open). Gers et al. (2000) added this gate to the "
              "LSTM, and Jozefowicz et al. (2015) recommend starting its bias at 1 or more, so that the gate "
              "starts open and the network remembers. Try a bias of 4."},
    "gradients.lab.update_note": {
        "es": "**En la GRU, la puerta de actualización (update gate) hace ese papel.** Aquí vale de media "
              "z = {gate}. Por el camino directo h_t = z·h_(t-1) + (1-z)·n, el gradiente se multiplica por z "
              "en cada paso hacia atrás: tras {T1} pasos, por unos {gate}^{T1} ≈ {power} en una unidad típica. Al "
              "entrenar, la "
              "red puede aprender a abrirla donde necesita recordar.",
        "en": "**In the GRU, the update gate plays that role.** Here it averages z = {gate}. Along the direct "
              "path h_t = z·h_(t-1) + (1-z)·n, the gradient is multiplied by z at every step backwards: "
              "after {T1} steps, by about {gate}^{T1} ≈ {power} in a typical unit. Training can teach the network "
              "to open it "
              "where it needs to remember."},
    "gradients.lab.gated_vanish": {
        "es": "**Sin entrenar, una celda con puertas también se desvanece** (aquí {ratio}), a menudo más que "
              "una RNN simple con ρ = 1: con sus puertas a medio abrir pierde la mitad en cada paso. Lo que "
              "dicen los libros de la LSTM y la GRU es que sus puertas **pueden aprender** a conservar el "
              "gradiente (y que un sesgo de olvido de 1 o más ayuda desde el principio), no que una red "
              "recién creada ya lo conserve. Compara abajo tu red al inicializar y ahora.",
        "en": "**Untrained, a gated cell vanishes too** (here {ratio}), often more than a plain RNN at ρ = 1: "
              "with its gates half open it loses half at every step. What the textbooks say about LSTMs and "
              "GRUs is that their gates **can learn** to keep the gradient (and that a forget bias of 1 or "
              "more helps from the start), not that a freshly made network already keeps it. Compare your "
              "network at initialisation and now, below."},
    "gradients.lab.yours": {
        "es": "**Tu red** ({cell}, T = {T}, la tarea de la barra lateral), con la misma medida "
              "‖dL/dh_0‖ / ‖dL/dh_(T-1)‖: **{initial}** al inicializar, **{now}** ahora (paso {step}).",
        "en": "**Your network** ({cell}, T = {T}, the sidebar's task), with the same measure "
              "‖dL/dh_0‖ / ‖dL/dh_(T-1)‖: **{initial}** at initialisation, **{now}** now (step {step})."},
    "gradients.lab.yours_untrained": {
        "es": "Tu red ({cell}, T = {T}) aún no ha entrenado: entrénala en la página Entrenar y vuelve para "
              "comparar esta medida al inicializar y después de aprender.",
        "en": "Your network ({cell}, T = {T}) has not trained yet: train it on the Train page and come back to "
              "compare this measure at initialisation and after learning."},
    "gradients.lab.yours_gate": {
        "es": "Media de su {gate}: {before} al inicializar, {after} ahora.",
        "en": "Mean of its {gate}: {before} at initialisation, {after} now."},
    "gradients.lab.gate_forget": {"es": "puerta de olvido", "en": "forget gate"},
    "gradients.lab.gate_update": {"es": "puerta de actualización", "en": "update gate"},

    # unrolled in time
    "gradients.unrolled.header": {"es": "Desplegada en el tiempo: el gradiente vuelve hacia atrás",
                                  "en": "Unrolled in time: the gradient flowing back"},
    "gradients.unrolled.which": {"es": "Qué redes", "en": "Which networks"},
    "gradients.unrolled.which.fresh": {"es": "RNN, LSTM y GRU nuevas (ajustes del laboratorio)",
                                       "en": "Fresh RNN, LSTM and GRU (the lab's settings)"},
    "gradients.unrolled.which.yours": {"es": "Tu red: al inicializar y ahora",
                                       "en": "Your network: at initialisation and now"},
    "gradients.unrolled.title_fresh": {"es": "Redes nuevas: T = {T}, ρ = {rho:g}", "en": "Fresh networks: T = {T}, ρ = {rho:g}"},
    "gradients.unrolled.title_yours": {"es": "Tu red: {cell}, T = {T}", "en": "Your network: {cell}, T = {T}"},
    "gradients.unrolled.fresh_caption": {
        "es": "Las tres, sin entrenar, con la semilla de la barra lateral, en la misma secuencia de validación; "
              "la pérdida lee solo la última salida. Sesgo de olvido de la LSTM: {bias}.",
        "en": "All three untrained, with the sidebar's seed, on the same validation sequence; the loss reads the "
              "last output only. The LSTM's forget bias: {bias}."},
    "gradients.unrolled.yours_caption": {
        "es": "La primera secuencia de validación, con la pérdida de la tarea.",
        "en": "The first validation sequence, with the task's loss."},
    "gradients.unrolled.hidden": {"es": "‖∂L/∂h_t‖", "en": "‖∂L/∂h_t‖"},
    "gradients.unrolled.cell": {"es": "‖∂L/∂c_t‖", "en": "‖∂L/∂c_t‖"},
    "gradients.unrolled.colorbar": {"es": "norma del gradiente", "en": "gradient norm"},
    "gradients.unrolled.forward": {"es": "paso hacia delante", "en": "forward pass"},
    "gradients.unrolled.loss": {"es": "pérdida L", "en": "loss L"},
    "gradients.unrolled.decimated": {
        "es": "Se dibujan {shown} de {T} pasos (uno cada ~{every}); pasa el ratón para ver los valores exactos",
        "en": "{shown} of {T} steps drawn (one every ~{every}); hover for the exact values"},
    "gradients.unrolled.explain": {
        "es": "**Qué mirar:** cada caja es la misma celda en un paso t; x_t entra por abajo y h_t pasa a la "
              "derecha (gris). La pérdida (◆) entra arriba y su gradiente vuelve **hacia la izquierda**: el "
              "grosor y el color de cada flecha son ‖∂L/∂h_t‖ en escala logarítmica. Una flecha que se "
              "adelgaza y palidece es un gradiente que se desvanece; una que engorda, uno que explota. En la "
              "LSTM, el camino de arriba es la celda c_t, con ‖∂L/∂c_t‖: la puerta de olvido lo multiplica "
              "en cada paso. Se dibuja la capa de arriba, en su dirección hacia delante.",
        "en": "**What to look for:** each box is the same cell at one step t; x_t enters from below and h_t "
              "passes right (grey). The loss (◆) enters at the top and its gradient flows back **to the "
              "left**: each arrow's width and colour is ‖∂L/∂h_t‖ on a log scale. An arrow that thins and "
              "pales is a vanishing gradient; one that swells, an exploding one. In the LSTM, the upper path "
              "is the cell state c_t, with ‖∂L/∂c_t‖: the forget gate multiplies it at every step. The top "
              "layer is drawn, in its forward direction."},

    # clipping
    "gradients.clip.header": {"es": "Recortar el gradiente (clipping)", "en": "Gradient clipping"},
    "gradients.clip.switch": {"es": "Recortar el gradiente", "en": "Clip the gradient"},
    "gradients.clip.switch.help": {
        "es": "Cambia «Recorte del gradiente» en la barra lateral (0 = sin recorte). Se aplica al reiniciar el "
              "entrenamiento.",
        "en": "Sets “Gradient clipping” in the sidebar (0 = no clipping). It applies when training is reset."},
    "gradients.clip.state_on": {"es": "Esta ejecución recorta la norma del gradiente a {clip:g}.",
                                "en": "This run clips the gradient norm to {clip:g}."},
    "gradients.clip.state_off": {"es": "Esta ejecución no recorta el gradiente.",
                                 "en": "This run does not clip the gradient."},
    "gradients.clip.pending": {
        "es": "El recorte se ajusta en la barra lateral (ahora vale {clip:g}) y se aplica al reiniciar: "
              "reinicia y vuelve a entrenar para comparar.",
        "en": "Clipping is set in the sidebar (now {clip:g}) and applies on reset: reset and train "
              "again to compare."},
    "gradients.clip.reset": {"es": "Reiniciar con los ajustes de la barra lateral",
                             "en": "Reset with the sidebar's settings"},
    "gradients.clip.events": {"es": "Pasos recortados", "en": "Clipped steps"},
    "gradients.clip.events_of": {"es": "de {steps} pasos", "en": "of {steps} steps"},
    "gradients.clip.largest": {"es": "Mayor norma del gradiente", "en": "Largest gradient norm"},
    "gradients.clip.no_steps": {"es": "Aún no hay pasos de entrenamiento que mostrar.",
                                "en": "There are no training steps to show yet."},
    "gradients.clip.explain": {
        "es": "**Qué mirar:** cuando el gradiente explota, un solo paso lanza los pesos lejos y la pérdida "
              "da un salto. El recorte (Pascanu et al. 2013) reescala el gradiente para que su norma no "
              "pase del umbral; la dirección no cambia. Los pasos recortados llevan el color del recorte: en la "
              "pérdida, una franja abajo; en la norma antes de recortar, una × en cada uno o, si son muchos, "
              "la propia curva allí donde pasa del umbral (la línea de puntos).",
        "en": "**What to look for:** when the gradient explodes, one step throws the weights far away and "
              "the loss jumps. Clipping (Pascanu et al. 2013) rescales the gradient so its norm stays at "
              "the threshold; its direction is unchanged. Clipped steps are in the clipping colour: on the loss, "
              "a band along the bottom; on the norm before clipping, a × on each or, when there are many, the "
              "curve itself wherever it is above the threshold (the dotted line)."},
    "gradients.steps.title": {"es": "Norma del gradiente en cada paso", "en": "Gradient norm at every step"},
    "gradients.steps.y": {"es": "‖gradiente‖ antes de recortar", "en": "‖gradient‖ before clipping"},
    "gradients.steps.norm": {"es": "norma del gradiente", "en": "gradient norm"},
    "gradients.steps.threshold": {"es": "umbral de recorte {clip:g}", "en": "clipping threshold {clip:g}"},

    # input attribution
    "gradients.attribution.header": {"es": "¿De qué entradas depende la salida?",
                                     "en": "Which inputs does the output depend on?"},
    "gradients.attribution.sample": {"es": "Ejemplo de test", "en": "Test sample"},
    "gradients.attribution.title": {"es": "‖dy/dx_t‖ del ejemplo {index}, red en el paso {step}",
                                    "en": "‖dy/dx_t‖ of sample {index}, network at step {step}"},
    "gradients.attribution.x": {"es": "paso de entrada t", "en": "input step t"},
    "gradients.attribution.explain": {
        "es": "**Qué mirar:** ‖dy/dx_t‖ mide cuánto cambiaría la última salida y si tocáramos la entrada "
              "del paso t. Si cae hacia los primeros pasos, la red apenas puede usar lo que vio hace mucho, "
              "aunque la tarea lo necesite (el signo de la suma necesita todos los pasos). En tareas de "
              "texto, x_t es el vector de embedding del token.",
        "en": "**What to look for:** ‖dy/dx_t‖ measures how much the last output y would change if we "
              "nudged the input at step t. If it falls towards the first steps, the network can hardly use "
              "what it saw long ago, even when the task needs it (the sign of the sum needs every step). In text "
              "tasks, x_t is the token's embedding vector."},
}
