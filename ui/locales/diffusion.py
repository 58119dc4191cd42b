"""Strings of the Diffusion tab."""

from ui.i18n import Texts

T = Texts("diffusion", {
    "tab": ("Diffusion", "Diffusion"),
    "intro": (
        "## Diffusion: from pure noise to a digit\n"
        "A diffusion model is trained on one simple task: **given a noisy image, predict the noise in it**.\n"
        "To generate, start from pure random noise and remove a little of the predicted noise, again and again.\n"
        "Each step the model also guesses the finished picture (**x̂0**): watch it sharpen from a blur\n"
        "into a digit while the sample itself (**x_t**) slowly loses its noise.\n"
        "{training}\n"
        "{quality}",
        "## Diffusion: vom reinen Rauschen zur Ziffer\n"
        "Ein Diffusionsmodell wird auf eine einfache Aufgabe trainiert: **zu einem verrauschten Bild das Rauschen darin vorhersagen**.\n"
        "Zum Erzeugen beginnt man mit reinem Zufallsrauschen und entfernt immer wieder ein wenig vom vorhergesagten Rauschen.\n"
        "In jedem Schritt rät das Modell auch das fertige Bild (**x̂0**): sehen Sie zu, wie es aus einem verschwommenen Fleck\n"
        "zu einer Ziffer wird, während das Sample selbst (**x_t**) langsam sein Rauschen verliert.\n"
        "{training}\n"
        "{quality}",
    ),
    # the intro's measured sentences: from the model's training.json and bench/results/quality.json
    "intro_training": (
        "Our model is a small UNet ({parameters} M parameters) trained for {minutes} minutes ({epochs} epochs, "
        "{steps} steps of {batch} digits) on {digits} MNIST digits; machine: {machine}.",
        "Unser Modell ist ein kleines UNet ({parameters} Mio. Parameter), {minutes} Minuten lang ({epochs} Epochen, "
        "{steps} Schritte mit je {batch} Ziffern) mit {digits} MNIST-Ziffern trainiert; Rechner: {machine}.",
    ),
    "intro_training_unknown": (
        "Our model is a small UNet trained in this project on MNIST digits (its training record is missing here).",
        "Unser Modell ist ein kleines UNet, in diesem Projekt mit MNIST-Ziffern trainiert (seine Trainingsaufzeichnung fehlt hier).",
    ),
    "intro_quality_all": (
        "At guidance {guidance} ({steps} {scheduler} steps) our digit classifier recognizes all of {n} samples as the digit asked for.",
        "Bei Guidance {guidance} ({steps} {scheduler}-Schritte) erkennt unser Ziffern-Klassifikator alle {n} Samples als die gewünschte Ziffer.",
    ),
    "intro_quality_some": (
        "At guidance {guidance} ({steps} {scheduler} steps) our digit classifier recognizes {count} of {n} samples ({share}) "
        "as the digit asked for.",
        "Bei Guidance {guidance} ({steps} {scheduler}-Schritte) erkennt unser Ziffern-Klassifikator {count} von {n} Samples ({share}) "
        "als die gewünschte Ziffer.",
    ),
    "intro_quality_unknown": (
        "How often our digit classifier recognizes the samples as the digit asked for is measured live under *Trade-offs*.",
        "Wie oft unser Ziffern-Klassifikator die Samples als die gewünschte Ziffer erkennt, wird unter *Abwägungen* live gemessen.",
    ),
    "reverse_explain": (
        "**What you see.** Left: the current sample **x_t**, noise at first. Right: what the model thinks the clean\n"
        "image will be (**x̂0**), computed from its noise prediction. Every step runs the UNet once on the whole batch.\n\n"
        "**Guidance (classifier-free).** The UNet is run twice per step: told the digit, and told \"no digit\".\n"
        "The difference is amplified by the guidance scale *w*: 0 ignores the digit, 1 follows it plainly,\n"
        "higher values pull harder towards the digit: bolder strokes, and often less variety. The line under the samples\n"
        "measures both for the digits you made; the *Trade-offs* view sweeps w.\n\n"
        "**Schedulers** are different ways to take a step with the same network: **DDPM** adds fresh noise\n"
        "each step and needs many steps; **DDIM** is deterministic and good in ~25; **DPM++** (a higher-order\n"
        "solver) and **Euler** solve the same denoising equation with fewer, larger steps.",
        "**Was Sie sehen.** Links: das aktuelle Sample **x_t**, anfangs Rauschen. Rechts: wie das Modell sich das saubere\n"
        "Bild vorstellt (**x̂0**), berechnet aus seiner Rauschvorhersage. Jeder Schritt führt das UNet einmal auf dem ganzen Batch aus.\n\n"
        "**Guidance (Classifier-free Guidance).** Das UNet läuft zweimal pro Schritt: einmal mit der Ziffer, einmal mit \"keine Ziffer\".\n"
        "Der Unterschied wird mit der Guidance-Stärke *w* verstärkt: 0 ignoriert die Ziffer, 1 folgt ihr schlicht,\n"
        "höhere Werte ziehen stärker zur Ziffer: kräftigere Striche und oft weniger Vielfalt. Die Zeile unter den Samples\n"
        "misst beides für die erzeugten Ziffern; die Ansicht *Abwägungen* geht w der Reihe nach durch.\n\n"
        "**Scheduler** sind verschiedene Arten, mit demselben Netz einen Schritt zu machen: **DDPM** fügt in jedem Schritt\n"
        "frisches Rauschen hinzu und braucht viele Schritte; **DDIM** ist deterministisch und mit ~25 gut; **DPM++** (ein Löser\n"
        "höherer Ordnung) und **Euler** lösen dieselbe Entrauschungsgleichung mit weniger, größeren Schritten.",
    ),
    "forward_explain": (
        "**The forward process** is fixed, not learned: x_t = √ᾱ_t · x_0 + √(1-ᾱ_t) · noise.\n"
        "ᾱ_t is the share of the original signal kept at step t. At t = 0 the digit is intact; by t ≈ 999\n"
        "it is pure noise. Training picks a random t, noises a real digit this way, and asks the UNet to\n"
        "predict the noise. The chart plots ᾱ_t (this model uses the cosine schedule) and the\n"
        "signal-to-noise ratio ᾱ_t / (1-ᾱ_t) on a log scale; the marker is your t.",
        "**Der Vorwärtsprozess** ist fest, nicht gelernt: x_t = √ᾱ_t · x_0 + √(1-ᾱ_t) · Rauschen.\n"
        "ᾱ_t ist der Anteil des ursprünglichen Signals, der bei Schritt t übrig ist. Bei t = 0 ist die Ziffer unversehrt; bei t ≈ 999\n"
        "ist sie reines Rauschen. Das Training wählt ein zufälliges t, verrauscht so eine echte Ziffer und lässt das UNet\n"
        "das Rauschen vorhersagen. Das Diagramm zeigt ᾱ_t (dieses Modell nutzt den Kosinus-Zeitplan) und das\n"
        "Signal-Rausch-Verhältnis ᾱ_t / (1-ᾱ_t) logarithmisch; die Markierung ist Ihr t.",
    ),
    "tradeoffs_explain": (
        "**More steps trade time for quality.** Each step is one pass of the network, so time grows in\n"
        "proportion to the steps; the sharpness of the strokes rises quickly, then stops improving (the classifier may\n"
        "recognize even 1-step digits: the chart's title says how many). **Guidance trades variety for\n"
        "fidelity**: at w = 0 the model draws \"any digit\"; raising w makes the asked-for digit clearer and often the\n"
        "samples more alike. Both sweeps start from the same noise (same seed); the classifier of \"The data\" tab\n"
        "measures how many of the 10 samples show the asked-for digit, and how varied they are (1 = as varied as real digits).",
        "**Mehr Schritte tauschen Zeit gegen Qualität.** Jeder Schritt ist ein Durchlauf des Netzes, die Zeit wächst also\n"
        "proportional zu den Schritten; die Schärfe der Striche steigt schnell und verbessert sich dann nicht mehr (der Klassifikator\n"
        "erkennt womöglich schon 1-Schritt-Ziffern: der Titel des Diagramms sagt, wie viele). **Guidance tauscht Vielfalt gegen\n"
        "Treue**: bei w = 0 zeichnet das Modell \"irgendeine Ziffer\"; ein höheres w macht die gewünschte Ziffer deutlicher und oft die\n"
        "Samples ähnlicher. Beide Durchläufe starten vom selben Rauschen (gleicher Seed); der Klassifikator aus dem Reiter \"Die Daten\"\n"
        "misst, wie viele der 10 Samples die gewünschte Ziffer zeigen und wie vielfältig sie sind (1 = so vielfältig wie echte Ziffern).",
    ),
    "sketch_explain": (
        "**SDEdit (image-to-image).** Your drawing is scaled like an MNIST digit, noised to a chosen level with\n"
        "the forward process, then denoised by the model. A low strength keeps your strokes and only cleans\n"
        "them up; a high strength keeps just the rough layout and lets the model redraw. This is how\n"
        "\"img2img\" works in Stable Diffusion, with a photo instead of a sketch.",
        "**SDEdit (Bild zu Bild).** Ihre Zeichnung wird wie eine MNIST-Ziffer skaliert, mit dem Vorwärtsprozess auf eine gewählte Stufe\n"
        "verrauscht und dann vom Modell entrauscht. Eine geringe Stärke behält Ihre Striche und räumt sie nur auf;\n"
        "eine hohe Stärke behält nur die grobe Anordnung und lässt das Modell neu zeichnen. So funktioniert\n"
        "\"img2img\" in Stable Diffusion, mit einem Foto statt einer Skizze.",
    ),
    "strengths": (
        "### Diffusion models: strengths and weaknesses\n"
        "| | what it means | seen here |\n|---|---|---|\n"
        "| **strength**: very high fidelity | samples are often more faithful than a GAN's | the digits above, {model} |\n"
        "| **strength**: stable training | one plain regression loss (predict the noise), no adversarial game | the loss just goes down: no mode collapse |\n"
        "| **weakness**: many steps | generation runs the network once **per step** (twice with guidance) | the timing line under the samples: time grows with steps |\n"
        "| **weakness**: costly training | it must learn to denoise at every noise level | {cost} |\n"
        "| **weakness**: rare details | it can miss what is rare in the data (the famous extra fingers) | odd strokes in unusual digits |\n\n"
        "**Use when** you have large, diverse data and compute, and want image, audio or video output.",
        "### Diffusionsmodelle: Stärken und Schwächen\n"
        "| | was es bedeutet | hier zu sehen |\n|---|---|---|\n"
        "| **Stärke**: sehr hohe Bildtreue | Samples sind oft treuer als die eines GAN | die Ziffern oben, {model} |\n"
        "| **Stärke**: stabiles Training | ein schlichter Regressions-Loss (Rauschen vorhersagen), kein gegnerisches Spiel | der Loss sinkt einfach: kein Mode Collapse |\n"
        "| **Schwäche**: viele Schritte | die Erzeugung führt das Netz **pro Schritt** einmal aus (mit Guidance zweimal) | die Zeitangabe unter den Samples: die Zeit wächst mit den Schritten |\n"
        "| **Schwäche**: teures Training | es muss auf jeder Rauschstufe entrauschen lernen | {cost} |\n"
        "| **Schwäche**: seltene Details | Seltenes in den Daten kann fehlen (die berühmten zusätzlichen Finger) | seltsame Striche bei ungewöhnlichen Ziffern |\n\n"
        "**Geeignet, wenn** große, vielfältige Daten und Rechenleistung da sind und Bild-, Audio- oder Videoausgabe gewünscht ist.",
    ),
    # the table's measured cells, from the model's training.json
    "strengths_model": ("from a {parameters} M-parameter model", "von einem Modell mit {parameters} Mio. Parametern"),
    "strengths_model_unknown": ("from a small model", "von einem kleinen Modell"),
    "strengths_cost": ("{minutes} minutes of training even for 28×28 digits (on the machine named at the top)",
                       "{minutes} Minuten Training selbst für 28×28-Ziffern (auf dem oben genannten Rechner)"),
    "strengths_cost_unknown": ("the training record of this model is missing here", "die Trainingsaufzeichnung dieses Modells fehlt hier"),
    "toy_explain": (
        "**The same idea on 2D points.** Each point of the shape is a \"data sample\". The **forward process**\n"
        "pushes every point towards a gaussian blob (x_t = √ᾱ_t · x_0 + √(1-ᾱ_t) · noise). A tiny network\n"
        "(an MLP with 3 hidden layers; it reads the point and t) is then **trained live** to guess the noise\n"
        "that was added. Finally **sampling** starts from fresh noise and walks each particle back, step by step\n"
        "(100 deterministic DDIM steps); the lines are the paths of a few particles. This is exactly what the digit UNet\n"
        "does, with 784 numbers per sample instead of 2.",
        "**Dieselbe Idee mit 2D-Punkten.** Jeder Punkt der Form ist ein \"Datensample\". Der **Vorwärtsprozess**\n"
        "schiebt jeden Punkt zu einer Gauß-Wolke (x_t = √ᾱ_t · x_0 + √(1-ᾱ_t) · Rauschen). Ein winziges Netz\n"
        "(ein MLP mit 3 verborgenen Schichten; es liest den Punkt und t) wird dann **live trainiert**, das hinzugefügte Rauschen\n"
        "zu erraten. Zum Schluss startet das **Sampling** von frischem Rauschen und führt jedes Teilchen Schritt für Schritt zurück\n"
        "(100 deterministische DDIM-Schritte); die Linien sind die Wege einiger Teilchen. Genau das tut das Ziffern-UNet,\n"
        "mit 784 Zahlen pro Sample statt 2.",
    ),
    "hub_explain": (
        "**The same loop at full scale.** Stable Diffusion denoises a 64×64×4 *latent* (not pixels), guided by\n"
        "a text encoder instead of a digit label, and a VAE decoder turns the final latent into a 512×512\n"
        "picture. The live view is a cheap colour map of the latent at each step (decoding it would cost as\n"
        "much as a step). **sd-turbo** is distilled to work in 1-4 steps with guidance 0; **tiny-sd** needs\n"
        "~25 steps and guidance ~7. These models are downloaded from the Hugging Face hub (GBs): they need an\n"
        "internet connection or a copy in the local hub cache; on an offline laptop use the embedded digit\n"
        "model in the other views. A GPU is used (in half precision) when there is one.",
        "**Dieselbe Schleife in voller Größe.** Stable Diffusion entrauscht einen 64×64×4-*Latent* (keine Pixel), gesteuert von\n"
        "einem Text-Encoder statt eines Ziffern-Labels, und ein VAE-Decoder macht aus dem letzten Latent ein 512×512-\n"
        "Bild. Die Live-Ansicht ist eine billige Farbkarte des Latents in jedem Schritt (ihn zu decodieren kostete so viel\n"
        "wie ein Schritt). **sd-turbo** ist destilliert und kommt mit 1-4 Schritten und Guidance 0 aus; **tiny-sd** braucht\n"
        "~25 Schritte und Guidance ~7. Diese Modelle werden vom Hugging Face Hub geladen (GBs): sie brauchen eine\n"
        "Internetverbindung oder eine Kopie im lokalen Hub-Cache; auf einem Laptop ohne Netz nehmen Sie das eingebaute\n"
        "Ziffernmodell in den anderen Ansichten. Eine GPU wird genutzt (in halber Genauigkeit), wenn es eine gibt.",
    ),
    "tab_reverse": ("Reverse process: generate", "Rückwärtsprozess: erzeugen"),
    "digit": ("Digit to draw", "Zu zeichnende Ziffer"),
    "n": ("Number of samples", "Anzahl der Samples"),
    "scheduler": ("Scheduler", "Scheduler"),
    "steps": ("Denoising steps", "Entrauschungsschritte"),
    "guidance": ("Guidance scale w", "Guidance-Stärke w"),
    "seed_same": ("Seed (same seed = same noise = same digits)", "Seed (gleicher Seed = gleiches Rauschen = gleiche Ziffern)"),
    "generate": ("Generate", "Erzeugen"),
    "live": ("Denoising, live: x_t (left) and x̂0 (right)", "Entrauschen, live: x_t (links) und x̂0 (rechts)"),
    "gallery": ("Final samples", "Fertige Samples"),
    "strip": ("Filmstrip: chosen steps", "Filmstreifen: ausgewählte Schritte"),
    "gif": ("Download the denoising as an animated GIF", "Das Entrauschen als animiertes GIF herunterladen"),
    "mp4": ("Download the denoising as MP4 (for slides)", "Das Entrauschen als MP4 herunterladen (für Folien)"),
    "tab_forward": ("Forward process: add noise", "Vorwärtsprozess: Rauschen hinzufügen"),
    "index": ("Real test digit (index)", "Echte Testziffer (Index)"),
    "t": ("Noise step t", "Rauschschritt t"),
    "noisy": ("x_0 and x_t at several steps (yours included)", "x_0 und x_t bei mehreren Schritten (Ihrer dabei)"),
    "schedule": ("Noise schedule", "Rausch-Zeitplan"),
    "tab_tradeoffs": ("Trade-offs", "Abwägungen"),
    "sweep_digit": ("Digit", "Ziffer"),
    "seed": ("Seed", "Seed"),
    "stop": ("Stop", "Stopp"),
    "forward_draw_acc": ("… or noise your own drawing", "… oder Ihre eigene Zeichnung verrauschen"),
    "forward_draw_pad": ("Draw a digit", "Zeichnen Sie eine Ziffer"),
    "forward_draw_button": ("Noise my drawing", "Meine Zeichnung verrauschen"),
    "img2img_acc": ("Image → image: start from your own picture", "Bild → Bild: mit Ihrem eigenen Bild beginnen"),
    "img2img_upload": ("Your picture (PNG or JPEG)", "Ihr Bild (PNG oder JPEG)"),
    "img2img_strength": ("Strength: how much noise (0 = keep it, 1 = ignore it)",
                         "Stärke: wie viel Rauschen (0 = Bild behalten, 1 = Bild ignorieren)"),
    "img2img_button": ("Transform my picture with the prompt", "Mein Bild mit dem Prompt verwandeln"),
    "img2img_explain": (
        "**Image → image** is the \"Sketch → image\" idea on a big model: your picture is encoded to latents,\n"
        "noised to the chosen strength, and only the remaining steps (steps × strength) are run with the prompt.\n"
        "Low strength keeps your composition; high strength keeps only its colours, if anything.",
        "**Bild → Bild** ist die Idee von „Skizze → Bild“ auf einem großen Modell: Ihr Bild wird in Latents kodiert,\n"
        "bis zur gewählten Stärke verrauscht, und nur die restlichen Schritte (Schritte × Stärke) laufen mit dem Prompt.\n"
        "Geringe Stärke behält Ihre Bildaufteilung; hohe Stärke behält höchstens die Farben.",
    ),
    "guidance_sweep": ("Guidance sweep (w = 0 … 8)", "Guidance-Reihe (w = 0 … 8)"),
    "guidance_grid": ("Same noise, several guidance scales", "Gleiches Rauschen, mehrere Guidance-Stärken"),
    "guidance_chart": ("Recognizable share and variety against guidance", "Erkennbarer Anteil und Vielfalt über der Guidance"),
    "steps_sweep": ("Steps sweep (1 … 50 DDIM steps)", "Schritt-Reihe (1 … 50 DDIM-Schritte)"),
    "steps_grid": ("Same noise, several step counts", "Gleiches Rauschen, verschiedene Schrittzahlen"),
    "steps_chart": ("Sharpness and time against steps", "Schärfe und Zeit über den Schritten"),
    "tab_sketch": ("Sketch → image", "Skizze → Bild"),
    "pad": ("Draw a rough digit", "Eine grobe Ziffer zeichnen"),
    "sketch_digit": ("Digit to turn it into", "Ziffer, zu der sie werden soll"),
    "strength": ("Strength: how much noise (0 = keep the drawing, 1 = ignore it)", "Stärke: wie viel Rauschen (0 = Zeichnung behalten, 1 = ignorieren)"),
    "sketch_steps": ("Steps (at full strength)", "Schritte (bei voller Stärke)"),
    "sketch_button": ("Noise it and denoise", "Verrauschen und entrauschen"),
    "sketch_live": ("Denoising from your drawing", "Entrauschen ab Ihrer Zeichnung"),
    "sketch_result": ("Drawing, noised start, results", "Zeichnung, verrauschter Start, Ergebnisse"),
    "tab_toy": ("2D toy diffusion", "2D-Spielzeug-Diffusion"),
    "shape": ("Shape", "Form"),
    "Swiss roll": ("Swiss roll", "Biskuitrolle (Swiss Roll)"),
    "Two moons": ("Two moons", "Zwei Monde"),
    "My points (CSV)": ("My points (CSV)", "Meine Punkte (CSV)"),
    "csv": ("My points (CSV): one 'x,y' per line, at least 3 points", "Meine Punkte (CSV): ein 'x,y' pro Zeile, mindestens 3 Punkte"),
    "toy_steps": ("Training steps (more: more particles on the shape, and slower)",
                  "Trainingsschritte (mehr: mehr Teilchen auf der Form, und langsamer)"),
    "toy_button": ("Noise, train, denoise", "Verrauschen, trainieren, entrauschen"),
    "toy_plot": ("Particles", "Teilchen"),
    "toy_loss": ("Training loss", "Trainings-Loss"),
    "tab_hub": ("Text → image (hub)", "Text → Bild (Hub)"),
    "hub_model": ("Hub model (allowlisted)", "Hub-Modell (freigegeben)"),
    "prompt": ("Prompt", "Prompt"),
    "hub_steps": ("Steps", "Schritte"),
    "hub_guidance": ("Guidance scale (0 for sd-turbo)", "Guidance-Stärke (0 für sd-turbo)"),
    "size": ("Size (pixels)", "Größe (Pixel)"),
    "hub_button": ("Generate from text", "Aus Text erzeugen"),
    "hub_live": ("Latent preview, live", "Latent-Vorschau, live"),
    "hub_image": ("Decoded picture", "Decodiertes Bild"),
    # run-time texts
    "step_header": ("step {step} / {total}    t = {t}    noise share {noise}", "Schritt {step} / {total}    t = {t}    Rauschanteil {noise}"),
    "x_t_now": ("x_t: the sample now", "x_t: das Sample jetzt"),
    "x0_guess": ("predicted x0 (the model's guess)", "x0, wie das Modell es schätzt"),
    "signal_kept": ("ᾱ_t (signal kept)", "ᾱ_t (erhaltenes Signal)"),
    "noise_share": ("1 − ᾱ_t (noise share)", "1 − ᾱ_t (Rauschanteil)"),
    "snr_right": ("signal-to-noise (right, log)", "Signal-Rausch-Verhältnis (rechts, log)"),
    "snr": ("signal-to-noise ratio", "Signal-Rausch-Verhältnis"),
    "step_t": ("step t", "Schritt t"),
    "share": ("share", "Anteil"),
    "sample_n": ("{digit} · sample {k}", "{digit} · Sample {k}"),
    "timing": ("**{n} samples × {steps} steps ({scheduler}, guidance {guidance}) in {seconds} s** ({ms} ms per step, each step = one UNet pass on {images} images).",
               "**{n} Samples × {steps} Schritte ({scheduler}, Guidance {guidance}) in {seconds} s** ({ms} ms pro Schritt, jeder Schritt = ein UNet-Durchlauf über {images} Bilder)."),
    "shared": ("The UNet passes were shared with up to {others} other request(s) running at the same time (one batch per step).",
               "Die UNet-Durchläufe wurden mit bis zu {others} anderen gleichzeitig laufenden Anfrage(n) geteilt (ein Batch pro Schritt)."),
    "measured": ("Our digit classifier recognizes **{count} of {n}** as a {digit}; variety among them **{variety}** "
                 "(1 = as varied as the real {digit}s of the test digits); strokes cover {ink} of the pictures.",
                 "Unser Ziffern-Klassifikator erkennt **{count} von {n}** als eine {digit}; Vielfalt unter ihnen **{variety}** "
                 "(1 = so vielfältig wie die echten Ziffern {digit} der Testdaten); Striche bedecken {ink} der Bilder."),
    "measured_one": ("Our digit classifier recognizes it as a {digit}: **{answer}**.",
                     "Unser Ziffern-Klassifikator erkennt es als eine {digit}: **{answer}**."),
    "yes": ("yes", "ja"), "no": ("no", "nein"),
    "test_digit_at": ("Test digit #{index} (a {digit}) at t = {t}", "Testziffer #{index} (eine {digit}) bei t = {t}"),
    "drawing_at": ("Your drawing at t = {t}", "Ihre Zeichnung bei t = {t}"),
    "sweeping": ("sweeping", "Durchlauf"),
    "n_steps": ("{n} step", "{n} Schritt"), "n_steps_plural": ("{n} steps", "{n} Schritte"),
    "recognizable": ("recognizable (classifier)", "erkennbar (Klassifikator)"),
    "variety": ("variety (1 = as varied as real digits)", "Vielfalt (1 = so vielfältig wie echte Ziffern)"),
    "real_variety": ("real digits' variety", "Vielfalt echter Ziffern"),
    "guidance_measured": ("w = {low} → {high}: recognizable {rec_low} → {rec_high}, variety {var_low} → {var_high}",
                          "w = {low} → {high}: erkennbar {rec_low} → {rec_high}, Vielfalt {var_low} → {var_high}"),
    "steps_measured": ("{low} → {high} steps: recognizable {rec_low} → {rec_high}, sharpness {sharp_low} → {sharp_high}, "
                       "time {time_low} → {time_high} s",
                       "{low} → {high} Schritte: erkennbar {rec_low} → {rec_high}, Schärfe {sharp_low} → {sharp_high}, "
                       "Zeit {time_low} → {time_high} s"),
    "sharpness": ("sharpness (edge contrast of the strokes)", "Schärfe (Kantenkontrast der Striche)"),
    "real_sharpness": ("real digits' sharpness", "Schärfe echter Ziffern"),
    "seconds": ("seconds", "Sekunden"),
    "guidance_w": ("guidance scale w", "Guidance-Stärke w"),
    "ddim_steps": ("DDIM steps", "DDIM-Schritte"),
    "your_drawing": ("your drawing", "Zeichnung"), "noised_start": ("noised start", "verrauscht"), "results": ("results", "Ergebnisse"),
    "toy_data": ("the shape (data)", "die Form (Daten)"),
    "toy_forward": ("Forward process: noising, t = {t} / 99  (signal kept ᾱ_t = {alpha})",
                    "Vorwärtsprozess: Verrauschen, t = {t} / 99  (erhaltenes Signal ᾱ_t = {alpha})"),
    "toy_noised": ("noised points x_t", "verrauschte Punkte x_t"),
    "toy_train": ("Training the denoiser: step {step}, loss (noise-prediction error) {loss}",
                  "Training des Entrauschers: Schritt {step}, Verlust (Fehler der Rauschvorhersage) {loss}"),
    "toy_pure_noise": ("Sampling: pure noise", "Sampling: reines Rauschen"),
    "toy_reverse": ("Sampling (reverse process): t = {t}", "Sampling (Rückwärtsprozess): t = {t}"),
    "toy_done": ("Sampling done: {share} of the particles are on the shape", "Sampling fertig: {share} der Teilchen liegen auf der Form"),
    "toy_paths": ("particle paths", "Teilchenbahnen"),
    "toy_starts": ("where those paths began (noise)", "wo diese Bahnen begannen (Rauschen)"),
    "toy_particles": ("particles x_t", "Teilchen x_t"),
    "loss_average": ("loss (moving average)", "Verlust (gleitender Mittelwert)"),
    "training_step": ("training step", "Trainingsschritt"),
    "noise_mse": ("noise-prediction MSE", "MSE der Rauschvorhersage"),
    "training_loss": ("Training loss", "Trainingsverlust"),
    "toy_status_done": (
        "**Done in {seconds} s** ({train_seconds} s of them training). **{share} of the particles are on the shape**, that is as near "
        "to it as {quantile} of fresh points of the shape are; of the pure noise they started from, {start} were. The others lie "
        "off the shape. Mean distance of a particle to the shape: {distance}.",
        "**Fertig in {seconds} s** (davon {train_seconds} s Training). **{share} der Teilchen liegen auf der Form**, also so nahe an ihr "
        "wie {quantile} frischer Punkte der Form; vom reinen Rauschen, von dem sie ausgingen, waren es {start}. Die übrigen liegen "
        "neben der Form. Mittlerer Abstand eines Teilchens zur Form: {distance}.",
    ),
    "toy_status_forward": ("Noising the shape…", "Die Form wird verrauscht…"),
    "toy_status_train": ("Training the denoiser…", "Der Entrauscher wird trainiert…"),
    "toy_status_reverse": ("Denoising fresh noise…", "Frisches Rauschen wird entrauscht…"),
    "hub_done": ("**{model}**: {steps} steps at {size}×{size} in {seconds} s.", "**{model}**: {steps} Schritte bei {size}×{size} in {seconds} s."),
    "hub_img2img_done": ("**{model}**: your picture noised to strength {strength}, then {done} of {steps} steps at {size}×{size} in {seconds} s.",
                         "**{model}**: Ihr Bild auf Stärke {strength} verrauscht, dann {done} von {steps} Schritten bei {size}×{size} in {seconds} s."),
    "hub_step": ("step {step} / {total}", "Schritt {step} / {total}"),
    # exports and stops
    "toy_gif_button": ("Make this run a GIF and MP4", "Diesen Lauf als GIF und MP4"),
    "toy_gif": ("Toy diffusion as GIF", "Spielzeug-Diffusion als GIF"),
    "toy_mp4": ("Toy diffusion as MP4 (for slides)", "Spielzeug-Diffusion als MP4 (für Folien)"),
    "toy_gif_forward": ("Forward process: noising, t = {t} / 99, signal kept {signal}",
                        "Vorwärtsprozess: Verrauschen, t = {t} / 99, Signal übrig {signal}"),
    "toy_gif_train": ("Training the denoiser: step {step}, loss {loss}", "Training des Entrauschers: Schritt {step}, Loss {loss}"),
    "toy_gif_noise": ("Sampling: pure noise", "Sampling: reines Rauschen"),
    "toy_gif_reverse": ("Sampling (reverse process): t = {t}", "Sampling (Rückwärtsprozess): t = {t}"),
    "toy_gif_done": ("Sampling done: {share} of the particles on the shape", "Sampling fertig: {share} der Teilchen auf der Form"),
    "toy_gif_loss": ("Training loss (noise-prediction error)", "Trainings-Loss (Fehler der Rauschvorhersage)"),
    "toy_gif_shape": ("the shape (data)", "die Form (Daten)"),
    "toy_gif_noised": ("noised points", "verrauschte Punkte"),
    "toy_gif_particles": ("particles", "Teilchen"),
    "toy_gif_paths": ("paths of a few", "Wege einiger Teilchen"),
})
