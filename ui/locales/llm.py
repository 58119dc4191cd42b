"""Strings of the Transformer / LLM tab."""

from ui.i18n import Texts

T = Texts("llm", {
    "tab": ("Transformer / LLM", "Transformer / LLM"),
    "intro": (
        "## How a large language model writes, one token at a time\n"
        "An LLM is the language branch of generative AI: a **transformer** trained on a huge amount of text to\n"
        "predict **the next token**. Everything it writes comes from repeating that one step. This tab runs\n"
        "**SmolLM2-135M-Instruct** (135 million parameters, small enough for a laptop CPU) on this machine and\n"
        "opens each step up: **tokens → embeddings → self-attention in many layers → next-token probabilities →\n"
        "pick one, append, repeat**.",
        "## Wie ein großes Sprachmodell schreibt, Token für Token\n"
        "Ein LLM ist der sprachliche Zweig der generativen KI: ein **Transformer**, trainiert auf riesigen Textmengen, um\n"
        "**das nächste Token** vorherzusagen. Alles, was es schreibt, entsteht durch Wiederholen dieses einen Schritts. Dieser Reiter führt\n"
        "**SmolLM2-135M-Instruct** (135 Millionen Parameter, klein genug für eine Laptop-CPU) auf diesem Rechner aus und\n"
        "öffnet jeden Schritt: **Token → Embeddings → Self-Attention (Aufmerksamkeit) in vielen Schichten → Wahrscheinlichkeiten fürs nächste Token →\n"
        "eines wählen, anhängen, wiederholen**.",
    ),
    "tokens_explain": (
        "**1 · Tokenization.** The model never sees letters: the text is cut into **tokens** (whole words or\n"
        "pieces of words) and each gets a number, its **id**. Common words are one token; rare words split into\n"
        "sub-words (try *unbelievably* or your name). `·` marks a leading space. The tokenizer works on **bytes**:\n"
        "a character it rarely saw, such as an emoji, is cut into byte pieces (shown in hex, dashed).",
        "**1 · Tokenisierung.** Das Modell sieht nie Buchstaben: der Text wird in **Token** zerlegt (ganze Wörter oder\n"
        "Wortteile), und jedes bekommt eine Nummer, seine **ID**. Häufige Wörter sind ein Token; seltene zerfallen in\n"
        "Teilwörter (probieren Sie *unbelievably* oder Ihren Namen). `·` markiert ein führendes Leerzeichen. Der Tokenizer arbeitet mit **Bytes**:\n"
        "ein Zeichen, das er selten sah, etwa ein Emoji, wird in Byte-Stücke zerlegt (hexadezimal gezeigt, gestrichelt).",
    ),
    "generate_explain": (
        "**2 · Next-token prediction and autoregression.** At every step the model gives a probability to every\n"
        "one of its ~49,000 tokens. The bars show the 10 most likely; the orange one was chosen and appended,\n"
        "and the loop repeats. **Greedy** (temperature 0) always takes the top bar. **Temperature** flattens (>1)\n"
        "or sharpens (<1) the probabilities before sampling, **top-k** keeps only the k likeliest tokens and\n"
        "**top-p** the smallest set whose probabilities add up to p. **Entropy** measures the uncertainty:\n"
        "0 bits = sure, higher = many plausible continuations. **Chat** mode wraps your text in the instruction\n"
        "template the model was fine-tuned on (instruction tuning): that is what makes an *Instruct* model answer\n"
        "instead of just continuing the text.",
        "**2 · Vorhersage des nächsten Tokens und Autoregression.** In jedem Schritt gibt das Modell jedem seiner\n"
        "~49.000 Token eine Wahrscheinlichkeit. Die Balken zeigen die 10 wahrscheinlichsten; das orange wurde gewählt und angehängt,\n"
        "dann wiederholt sich die Schleife. **Greedy** (Temperatur 0) nimmt immer den höchsten Balken. Die **Temperatur** glättet (>1)\n"
        "oder schärft (<1) die Wahrscheinlichkeiten vor dem Sampling, **Top-k** behält nur die k wahrscheinlichsten Token und\n"
        "**Top-p** die kleinste Menge, deren Wahrscheinlichkeiten zusammen p ergeben. Die **Entropie** misst die Unsicherheit:\n"
        "0 Bit = sicher, höher = viele plausible Fortsetzungen. Der **Chat**-Modus verpackt Ihren Text in die Anweisungsvorlage,\n"
        "auf die das Modell feinabgestimmt wurde (Instruction Tuning): deshalb antwortet ein *Instruct*-Modell,\n"
        "statt den Text nur fortzusetzen.",
    ),
    "honest": (
        "⚠️ **Small models make things up.** Fluent is not the same as true: asked what a GAN is, this model\n"
        "once called it a \"General Auto-Generative Adversarial Network\". A probable next token is not a checked\n"
        "fact; factual accuracy, bias and misinformation are the typical challenges of LLMs, and bigger models\n"
        "reduce but do not remove them.",
        "⚠️ **Kleine Modelle erfinden Dinge.** Flüssig ist nicht dasselbe wie wahr: gefragt, was ein GAN ist, nannte dieses Modell\n"
        "es einmal \"General Auto-Generative Adversarial Network\". Ein wahrscheinliches nächstes Token ist keine geprüfte\n"
        "Tatsache; sachliche Richtigkeit, Bias und Desinformation sind die typischen Herausforderungen von LLMs, und größere Modelle\n"
        "verringern sie, beseitigen sie aber nicht.",
    ),
    "attention_explain": (
        "**4 · Self-attention.** In every layer, each token scores how relevant every **earlier** token is\n"
        "(a causal model cannot look ahead: the upper triangle is empty) and mixes their information in.\n"
        "Each layer has several **heads** that learn different patterns. Pick a token to see what it attends to,\n"
        "e.g. does **“it”** look at **“cat”** or **“mouse”**? Most heads look at neither: they park their\n"
        "attention on the first token (an *attention sink*), so the average of a layer mostly shows that.\n"
        "The few heads that link “it” to its noun are found below, from this model's real weights.",
        "**4 · Self-Attention (Aufmerksamkeit).** In jeder Schicht bewertet jedes Token, wie relevant jedes **frühere** Token ist\n"
        "(ein kausales Modell kann nicht vorausschauen: das obere Dreieck ist leer), und mischt deren Information ein.\n"
        "Jede Schicht hat mehrere **Heads**, die verschiedene Muster lernen. Wählen Sie ein Token, um zu sehen, worauf es achtet:\n"
        "schaut **„it“** auf **„cat“** oder auf **„mouse“**? Die meisten Heads schauen auf keins von beiden: sie parken ihre\n"
        "Aufmerksamkeit auf dem ersten Token (ein *Attention Sink*), darum zeigt der Mittelwert einer Schicht vor allem das.\n"
        "Die wenigen Heads, die „it“ mit seinem Nomen verbinden, findet die Suche unten, aus den echten Gewichten dieses Modells.",
    ),
    "lens_explain": (
        "**5 · Many layers (the logit lens).** Each layer refines the representation of every token. Here we\n"
        "stop after each layer and ask: *if the model had to answer now, which next token would it say?*\n"
        "(apply the final norm and the output layer to that layer's hidden state). Early layers give vague\n"
        "guesses; the prediction sharpens in the last layers. Darker = more confident.",
        "**5 · Viele Schichten (die Logit Lens).** Jede Schicht verfeinert die Darstellung jedes Tokens. Hier halten wir\n"
        "nach jeder Schicht an und fragen: *wenn das Modell jetzt antworten müsste, welches nächste Token würde es nennen?*\n"
        "(die letzte Normierung und die Ausgabeschicht auf den Hidden State dieser Schicht angewandt). Frühe Schichten raten vage;\n"
        "in den letzten Schichten wird die Vorhersage scharf. Dunkler = sicherer.",
    ),
    "embeddings_explain": (
        "**3 · Embeddings.** Each token id becomes a vector (here 576 numbers) from a learned table; position is\n"
        "added inside the attention layers (SmolLM2 rotates queries and keys, \"RoPE\"). Words used in similar\n"
        "ways get similar vectors. This map squeezes them to 2-D with PCA: related words (animals, cities,\n"
        "colours, numbers) tend to land close, though a 2-D shadow of 576 dimensions is rough.",
        "**3 · Embeddings.** Jede Token-ID wird zu einem Vektor (hier 576 Zahlen) aus einer gelernten Tabelle; die Position kommt\n"
        "in den Attention-Schichten hinzu (SmolLM2 dreht Queries und Keys, \"RoPE\"). Wörter, die ähnlich verwendet werden,\n"
        "bekommen ähnliche Vektoren. Diese Karte drückt sie mit PCA auf 2-D: verwandte Wörter (Tiere, Städte,\n"
        "Farben, Zahlen) landen oft nahe beieinander, auch wenn ein 2-D-Schatten von 576 Dimensionen grob ist.",
    ),
    "model": ("Model", "Modell"),
    "model_info": ("Hub models need internet or a local hub cache", "Hub-Modelle brauchen Internet oder einen lokalen Hub-Cache"),
    "card": ("Model card", "Modellkarte"),
    "card_loading": ("<div class='llm-card'>Model card: loading the model…</div>", "<div class='llm-card'>Modellkarte: das Modell wird geladen…</div>"),
    "tab_next": ("Tokens → next token", "Token → nächstes Token"),
    "prompt": ("Prompt", "Prompt"),
    "mode": ("Mode", "Modus"),
    "raw": ("Raw completion", "Reine Fortsetzung"),
    "chat": ("Chat (instruct template)", "Chat (Instruct-Vorlage)"),
    "max_new": ("Max new tokens", "Max. neue Token"),
    "temperature": ("Temperature (0 = greedy)", "Temperatur (0 = greedy)"),
    "greedy": ("Greedy", "Greedy"),
    "top_k": ("Top-k (0 = off)", "Top-k (0 = aus)"),
    "top_p": ("Top-p", "Top-p"),
    "seed": ("Seed", "Seed"),
    "tokenize": ("Tokenize", "Tokenisieren"),
    "generate": ("Generate", "Erzeugen"),
    "stop": ("Stop", "Stopp"),
    "tokens": ("Tokens", "Token"),
    "output": ("Generated continuation (prompt excluded)", "Erzeugte Fortsetzung (ohne Prompt)"),
    "step_plot": ("Next-token candidates at this step", "Kandidaten fürs nächste Token in diesem Schritt"),
    "history_plot": ("All steps", "Alle Schritte"),
    "tab_attention": ("Attention", "Aufmerksamkeit"),
    "att_text": ("Text (up to 64 tokens)", "Text (bis zu 64 Token)"),
    "layer": ("Layer (0 = first)", "Schicht (0 = erste)"),
    "head": ("Head", "Head"),
    "average": ("average of all heads", "Mittel aller Heads"),
    "show_attention": ("Show attention", "Aufmerksamkeit zeigen"),
    "att_plot": ("Attention heatmap", "Heatmap der Aufmerksamkeit"),
    "focus": ("What does this token attend to?", "Worauf achtet dieses Token?"),
    "focus_plot": ("Attention from the selected token", "Aufmerksamkeit des gewählten Tokens"),
    "target_word": ("…and the head where it attends most to this word", "…und der Head, in dem es am meisten auf dieses Wort achtet"),
    "find_head": ("Show that head", "Diesen Head zeigen"),
    "tab_lens": ("Layer by layer (logit lens)", "Schicht für Schicht (Logit Lens)"),
    "lens_btn": ("Show the guess after each layer", "Vermutung nach jeder Schicht zeigen"),
    "lens_plot": ("Logit lens", "Logit Lens"),
    "tab_embeddings": ("Embeddings", "Embeddings"),
    "words": ("Words (comma-separated)", "Wörter (durch Kommas getrennt)"),
    "map_words": ("Map these words", "Diese Wörter abbilden"),
    "prompt_words": ("Use the prompt's words", "Die Wörter des Prompts nehmen"),
    "emb_plot": ("Embedding map", "Karte der Embeddings"),
    "examples": ("Example prompts", "Beispiel-Prompts"),
    # run-time texts
    "n_tokens": ("{n} tokens", "{n} Token"),
    "token_title": ("token {k}, id {tid}", "Token {k}, ID {tid}"),
    "bytes_title": ("token {k}, id {tid}: bytes of {char}", "Token {k}, ID {tid}: Bytes von {char}"),
    "cut_note": ("{char} = {n_bytes} bytes, cut into {n_tokens} tokens ({pieces}): only together do they make the character.",
                 "{char} = {n_bytes} Bytes, zerlegt in {n_tokens} Token ({pieces}): erst zusammen ergeben sie das Zeichen."),
    "quoted": ("“{text}”", "„{text}“"),
    "step_title": ("Step {step}: chose “{token}” ({p}) · entropy {entropy} bits",
                   "Schritt {step}: gewählt „{token}“ ({p}) · Entropie {entropy} Bit"),
    "probability": ("probability", "Wahrscheinlichkeit"),
    "entropy_bits": ("entropy (bits)", "Entropie (Bit)"),
    "p_chosen": ("p(chosen)", "p(gewählt)"),
    "p_top": ("p(top)", "p(bester Tipp)"),
    "history_title": ("Every step: uncertainty (entropy) and p(chosen token)", "Jeder Schritt: Unsicherheit (Entropie) und p(gewähltes Token)"),
    "key_axis": ("attended-to token (key)", "beachtetes Token (Key)"),
    "query_axis": ("attending token (query)", "beachtendes Token (Query)"),
    "attention_weight": ("attention weight", "Aufmerksamkeitsgewicht"),
    "lens_hover": ("after %{{y}}, at %{{x}}: next = %{{text}} (p=%{{z:.2f}})", "nach %{{y}}, bei %{{x}}: nächstes = %{{text}} (p=%{{z:.2f}})"),
    "lens_title": ("Top next-token guess after each layer (bottom: the model's final answer)",
                   "Wahrscheinlichstes nächstes Token nach jeder Schicht (unten: die endgültige Antwort des Modells)"),
    "lens_axis": ("position (the guess is for the token after it)", "Position (die Vermutung gilt dem Token danach)"),
    "embedding_title": ("Input embeddings, PCA to 2-D ({share} of the variance shown)",
                        "Eingabe-Embeddings, per PCA auf 2-D ({share} der Varianz sichtbar)"),
    "speed_last": ("{speed} tok/s (last run)", "{speed} Token/s (letzter Lauf)"),
    "speed_none": ("tok/s: run a generation", "Token/s: eine Generierung starten"),
    "card_model": ("model", "Modell"), "card_parameters": ("parameters", "Parameter"), "card_layers": ("layers", "Schichten"),
    "card_heads": ("heads", "Heads"), "card_width": ("width", "Breite"), "card_vocabulary": ("vocabulary", "Vokabular"),
    "card_context": ("context", "Kontext"), "card_speed": ("speed", "Tempo"), "card_device": ("device", "Gerät"),
    "card_loaded": ("loaded", "geladen"),
    "millions": ("{n} M", "{n} Mio."),
    "context_tokens": ("{n} tokens", "{n} Token"),
    "loaded_from": ("{seconds} s from {place}", "{seconds} s aus {place}"),
    "from_hub": ("the hub", "dem Hub"), "from_hub_copy": ("its copy on the hub", "seiner Kopie auf dem Hub"),
    "from_gguf_conversion": ("the GGUF file (converted once)", "der GGUF-Datei (einmal umgewandelt)"),
    "from_local_cache": ("the local cache", "dem lokalen Cache"), "from_embedded": ("the app's own files", "den Dateien der App"),
    "loading": ("Loading the language model", "Das Sprachmodell wird geladen"),
    "dropped": ("The prompt was too long for the context window: its first {n} tokens were dropped.",
                "Der Prompt war zu lang für das Kontextfenster: seine ersten {n} Token wurden weggelassen."),
    "stopped_eos": ("the model chose its end-of-text token", "das Modell wählte sein Textende-Token"),
    "stopped_max": ("max new tokens reached", "Höchstzahl neuer Token erreicht"),
    "summary": ("{n} tokens in {seconds} s = **{speed} tok/s** on {device} · prompt {prompt} tokens · stopped: {stopped}",
                "{n} Token in {seconds} s = **{speed} Token/s** auf {device} · Prompt {prompt} Token · Ende: {stopped}"),
    "shared": ("decoded together with up to {others} other text(s) (one forward pass per token)",
               "zusammen mit bis zu {others} anderen Text(en) erzeugt (ein Durchlauf pro Token)"),
    "head_n": ("head {h}", "Head {h}"),
    "embeddings": ("embeddings", "Embeddings"), "layer_n": ("layer {n}", "Schicht {n}"),
    "attention_title": ("Attention in layer {layer}, {who}", "Aufmerksamkeit in Schicht {layer}, {who}"),
    "attends_to": ("What “{token}” attends to (layer {layer}, {who})", "Worauf „{token}“ achtet (Schicht {layer}, {who})"),
    "strongest": ("The head where {token} attends most to {word}: **layer {layer}, head {head}** (weight {weight}){then}. "
                  "{count} of the {n} heads give {word} their largest weight.",
                  "Der Head, in dem {token} am meisten auf {word} achtet: **Schicht {layer}, Head {head}** (Gewicht {weight}){then}. "
                  "{count} der {n} Heads geben {word} ihr größtes Gewicht."),
    "press_show": (": press *Show that head*", ": *Diesen Head zeigen* drücken"),
    "shown_now": (", shown now", ", jetzt gezeigt"),
    "word_missing": ("{word} is not a word before {token}: type one from the text to find the head that links them.",
                     "{word} ist kein Wort vor {token}: eines aus dem Text eingeben, um den Head zu finden, der sie verbindet."),
    "census": ("Where {token} looks most, in each of the model's {n} heads ({layers} layers × {heads}): {items}",
               "Worauf {token} am meisten achtet, in jedem der {n} Heads des Modells ({layers} Schichten × {heads}): {items}"),
    "role_first": (" (first token)", " (erstes Token)"),
    "role_previous": (" (previous token)", " (voriges Token)"),
    "role_itself": (" (itself)", " (es selbst)"),
    "sink": ("**{share} of the heads park their attention on the first token**, an *attention sink*: a head's weights "
             "must add up to 1, and a head with nothing to look for here puts them on the first token, the one place every "
             "token can see (Xiao et al., 2023). So the average of all heads mostly shows the sink.",
             "**{share} der Heads parken ihre Aufmerksamkeit auf dem ersten Token**, ein *Attention Sink*: die Gewichte "
             "eines Heads müssen zusammen 1 ergeben, und ein Head, der hier nichts zu suchen hat, legt sie auf das erste "
             "Token, die eine Stelle, die jedes Token sieht (Xiao et al., 2023). Darum zeigt der Mittelwert aller Heads vor "
             "allem den Sink."),
})
