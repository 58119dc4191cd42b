"""Strings of the GAN tab."""

from ui.i18n import Texts

T = Texts("gan", {
    "tab": ("GAN", "GAN"),
    "intro": (
        "### A GAN: an artist and a detective trained against each other\n"
        "The **generator** (the artist) turns random noise into a digit in **one forward pass**. The\n"
        "**discriminator** (the detective) looks at an image and says how likely it is to be real, from 0 to 1.\n"
        "They train in turns: the detective learns to tell real digits from the artist's; the artist learns to\n"
        "fool the detective. When training works, the artist's digits become so real that the detective scores\n"
        "them like real ones, near 0.5, unsure. Our GAN is *class-conditional*: you can ask for a digit.",
        "### Ein GAN: ein Fälscher und ein Detektiv, gegeneinander trainiert\n"
        "Der **Generator** (der Fälscher) macht aus Zufallsrauschen eine Ziffer, in **einem einzigen Durchlauf**. Der\n"
        "**Diskriminator** (der Detektiv) betrachtet ein Bild und sagt, wie wahrscheinlich es echt ist, von 0 bis 1.\n"
        "Sie trainieren abwechselnd: der Detektiv lernt, echte Ziffern von denen des Fälschers zu unterscheiden; der Fälscher lernt,\n"
        "den Detektiv zu täuschen. Wenn das Training gelingt, werden die Ziffern des Fälschers so echt, dass der Detektiv sie\n"
        "wie echte bewertet, nahe 0,5, unsicher. Unser GAN ist *klassenbedingt*: Sie können sich eine Ziffer wünschen.",
    ),
    "strengths": (
        "### Strengths and weaknesses, measured here\n"
        "- **Fast generation**: one pass per sample. The time above is the whole generation, no denoising steps\n"
        "  (diffusion needs tens of passes for one image).\n"
        "- **Sharp output**: press *Measure* to compare sharpness with real digits (a VAE's samples are blurrier).\n"
        "- **Unstable, costly training**: two networks chasing each other. In the 2D lab the *mode collapse*\n"
        "  preset shows what can go wrong: the generator covers one spot and ignores the rest of the data.\n"
        "- **Mode collapse ignores outliers**: a GAN is rewarded for fooling the detective, not for covering\n"
        "  every kind of digit; the coverage number in the lab measures exactly that.",
        "### Stärken und Schwächen, hier gemessen\n"
        "- **Schnelle Erzeugung**: ein Durchlauf pro Sample. Die Zeit oben ist die ganze Erzeugung, ohne Entrauschungsschritte\n"
        "  (ein Diffusionsmodell braucht Dutzende Durchläufe für ein Bild).\n"
        "- **Scharfe Ausgabe**: *Messen* drücken, um die Schärfe mit echten Ziffern zu vergleichen (die Samples eines VAE sind unschärfer).\n"
        "- **Instabiles, teures Training**: zwei Netze jagen einander. Im 2D-Labor zeigt das Preset *Mode Collapse*,\n"
        "  was schiefgehen kann: der Generator deckt eine Stelle ab und ignoriert den Rest der Daten.\n"
        "- **Mode Collapse ignoriert Ausreißer**: ein GAN wird fürs Täuschen des Detektivs belohnt, nicht dafür,\n"
        "  jede Art von Ziffer abzudecken; die Abdeckung im Labor misst genau das.",
    ),
    "lab_help": (
        "### Live 2D GAN lab: watch the rivalry\n"
        "Here both players are tiny networks on 2D points, so a step takes about a millisecond. **Green** points are\n"
        "real, **purple** are the generator's. The background is the detective's **decision surface** (blue = \"real\",\n"
        "red = \"fake\"); generated points slide uphill on it. The grey mesh is where the generator sends a regular\n"
        "grid of its noise: watch it fold onto the data. Each browser session trains its own model.\n"
        "**Mode collapse preset**: the generator learns 100x faster than the detective, so all points rush to the one\n"
        "spot the detective likes best, then hop together to the next: coverage stays low.\n"
        "For *My points*, paste `x,y` lines (at least 3 points); they are centred and scaled into the view.",
        "### Live-2D-GAN-Labor: der Wettstreit zum Zusehen\n"
        "Hier sind beide Spieler winzige Netze auf 2D-Punkten, ein Schritt dauert also etwa eine Millisekunde. **Grüne** Punkte sind\n"
        "echt, **violette** stammen vom Generator. Der Hintergrund ist die **Entscheidungsfläche** des Detektivs (blau = \"echt\",\n"
        "rot = \"gefälscht\"); erzeugte Punkte rutschen auf ihr bergauf. Das graue Netz zeigt, wohin der Generator ein regelmäßiges\n"
        "Gitter seines Rauschens schickt: sehen Sie zu, wie es sich auf die Daten faltet. Jede Browser-Sitzung trainiert ihr eigenes Modell.\n"
        "**Preset Mode Collapse**: der Generator lernt 100-mal schneller als der Detektiv, also stürzen alle Punkte zu der einen\n"
        "Stelle, die der Detektiv am meisten mag, und springen dann gemeinsam zur nächsten: die Abdeckung bleibt niedrig.\n"
        "Für *Meine Punkte* Zeilen `x,y` einfügen (mindestens 3 Punkte); sie werden zentriert und in die Ansicht skaliert.",
    ),
    "digit": ("Digit", "Ziffer"),
    "any": ("any digit", "beliebige Ziffer"),
    "n": ("How many", "Wie viele"),
    "seed": ("Seed", "Seed"),
    "generate": ("Generate", "Erzeugen"),
    "fakes": ("Generated (D score · what the classifier reads)", "Erzeugt (D-Wert · was der Klassifikator liest)"),
    "reals": ("Real training digits, scored by the same discriminator", "Echte Trainingsziffern, vom selben Diskriminator bewertet"),
    "scores_plot": ("D scores", "D-Werte"),
    "scores": ("Scores of the generated digits", "Werte der erzeugten Ziffern"),
    "walk_acc": ("Latent walk: a smooth path between two noise vectors", "Latent Walk: ein glatter Weg zwischen zwei Rauschvektoren"),
    "seed_a": ("Start seed", "Start-Seed"),
    "seed_b": ("End seed", "End-Seed"),
    "digit_a": ("Start digit", "Startziffer"),
    "digit_b": ("End digit", "Endziffer"),
    "frames": ("Frames", "Bilder"),
    "walk": ("Walk", "Weg zeichnen"),
    "strip": ("Latent walk (slerp)", "Latent Walk (Slerp)"),
    "gif": ("Download as GIF", "Als GIF herunterladen"),
    "timeline_acc": ("Training timeline: from blobs to digits", "Trainingsverlauf: von Klecksen zu Ziffern"),
    "timeline_missing": ("The training timeline is unavailable: {error}", "Der Trainingsverlauf ist nicht verfügbar: {error}"),
    "timeline_help": (
        "The same 20 noise vectors, drawn every {every} epochs during training ({epochs} epochs, {steps} steps, "
        "{minutes} min on a {machine}). Drag the slider. The tab uses the weights of epoch {shipped}: of the snapshots "
        "that reached every target on {validation} validation digits (recognizability ≥ {recognizability}, within-class "
        "diversity ≥ {class_diversity}, recall ≥ {recall}, precision ≥ {precision}), the one closest to them in Fréchet "
        "distance ({fid}; recall {got_recall}, {got_recognizability} recognized). The validation digits were left out of "
        "training, and the test digits that the figures on this page are measured on played no part in the choice.",
        "Dieselben 20 Rauschvektoren, alle {every} Epochen während des Trainings gezeichnet ({epochs} Epochen, {steps} Schritte, "
        "{minutes} min auf einer {machine}). Den Schieberegler ziehen. Der Reiter nutzt die Gewichte aus Epoche {shipped}: von den "
        "Schnappschüssen, die auf {validation} Validierungsziffern jedes Ziel erreichten (Erkennbarkeit ≥ {recognizability}, Vielfalt "
        "in der Klasse ≥ {class_diversity}, Recall ≥ {recall}, Precision ≥ {precision}), den mit dem kleinsten Fréchet-Abstand zu ihnen "
        "({fid}; Recall {got_recall}, {got_recognizability} erkannt). Die Validierungsziffern waren nicht im Training, und die "
        "Testziffern, an denen die Zahlen auf dieser Seite gemessen sind, spielten bei der Wahl keine Rolle.",
    ),
    "collapse_acc": ("Mode collapse on digits: a collapsed GAN beside ours", "Mode Collapse bei Ziffern: ein kollabiertes GAN neben unserem"),
    "collapse_help": (
        "Both GANs get **the same noise vectors** and are asked for the same digit. Our first GAN, kept here as the "
        "lesson, drew every digit well, but **the same way for every noise vector**: *mode collapse* "
        "inside each class. A classifier reads its digits perfectly, so accuracy alone never noticed. Two measures do: "
        "**within-class diversity** (how different the samples of one digit are, 1.0 = as varied as real digits) and "
        "**recall** (how much of the real digits' variety the samples cover). **Precision** says how real each sample looks: "
        "a collapsed GAN can score high on it and still cover almost nothing.",
        "Beide GANs bekommen **dieselben Rauschvektoren** und sollen dieselbe Ziffer zeichnen. Unser erstes GAN (hier als "
        "Lektion aufbewahrt) zeichnete jede Ziffer gut, aber **für jeden Rauschvektor gleich**: *Mode Collapse* innerhalb jeder "
        "Klasse. Ein Klassifikator liest seine Ziffern fehlerfrei, die Trefferquote allein bemerkte es also nie. Zwei Maße schon: "
        "die **Vielfalt innerhalb der Klasse** (wie verschieden die Samples einer Ziffer sind, 1,0 = so vielfältig wie echte Ziffern) "
        "und der **Recall** (wie viel der Vielfalt echter Ziffern die Samples abdecken). Die **Precision** sagt, wie echt jedes Sample "
        "aussieht: ein kollabiertes GAN kann dort hoch liegen und trotzdem fast nichts abdecken.",
    ),
    "collapse_button": ("Draw with both GANs", "Mit beiden GANs zeichnen"),
    "collapse_image": ("The same noise, two GANs", "Dasselbe Rauschen, zwei GANs"),
    "collapse_table": ("Fidelity and diversity, measured now", "Treue und Vielfalt, jetzt gemessen"),
    "good_gan": ("our GAN", "unser GAN"), "collapsed_gan": ("a collapsed GAN", "ein kollabiertes GAN"),
    "real_digits": ("real digits (training)", "echte Ziffern (Training)"),
    "col_model": ("model", "Modell"), "col_class_diversity": ("within-class diversity (1 = real)", "Vielfalt in der Klasse (1 = echt)"),
    "col_recall": ("recall", "Recall"), "col_precision": ("precision", "Precision"), "col_recognized": ("recognized", "erkannt"),
    "collapse_note": (
        "Measured on **{n} samples of the digit {digit} per model** (16 shown), against the 50 real test digits of it. "
        "Within-class diversity: ours **{good_div}**, collapsed **{bad_div}**. Recall: ours **{good_recall}**, collapsed "
        "**{bad_recall}** (real digits: {real_recall}), while the collapsed GAN's precision is **{bad_precision}**: "
        "faithful is not the same as varied.",
        "Gemessen an **{n} Samples der Ziffer {digit} je Modell** (16 gezeigt), verglichen mit ihren 50 echten Testziffern. "
        "Vielfalt in der Klasse: unseres **{good_div}**, kollabiert **{bad_div}**. Recall: unseres **{good_recall}**, kollabiert "
        "**{bad_recall}** (echte Ziffern: {real_recall}), während die Precision des kollabierten GANs **{bad_precision}** ist: "
        "treu ist nicht dasselbe wie vielfältig.",
    ),
    "snapshot": ("Snapshot", "Schnappschuss"),
    "mp4": ("Download as MP4 (for slides)", "Als MP4 herunterladen (für Folien)"),
    "timeline_export": ("Make the whole timeline a GIF and MP4", "Den ganzen Verlauf als GIF und MP4"),
    "timeline_gif": ("Training timeline as GIF", "Trainingsverlauf als GIF"),
    "timeline_mp4": ("Training timeline as MP4 (for slides)", "Trainingsverlauf als MP4 (für Folien)"),
    "measure": ("Measure 200 samples against real digits", "200 Samples an echten Ziffern messen"),
    "quality": ("Quality", "Qualität"),
    "lab_acc": ("Live 2D GAN lab", "Live-2D-GAN-Labor"),
    "target": ("Target distribution", "Zielverteilung"),
    "Ring of 8 gaussians": ("Ring of 8 gaussians", "Ring aus 8 Gauß-Wolken"),
    "Two moons": ("Two moons", "Zwei Monde"),
    "A line": ("A line", "Eine Linie"),
    "My points (CSV)": ("My points (CSV)", "Meine Punkte (CSV)"),
    "csv": ("My points (CSV: x,y per line)", "Meine Punkte (CSV: x,y pro Zeile)"),
    "loss": ("Loss", "Verlustfunktion"),
    "standard (minimax)": ("standard (minimax)", "Standard (Minimax)"),
    "non-saturating": ("non-saturating", "nicht sättigend"),
    "least squares": ("least squares", "kleinste Quadrate"),
    "lr_g": ("G learning rate", "Lernrate G"),
    "lr_d": ("D learning rate", "Lernrate D"),
    "d_steps": ("D steps per G step", "D-Schritte pro G-Schritt"),
    "steps": ("Training steps", "Trainingsschritte"),
    "balanced": ("Preset: balanced", "Preset: ausgewogen"),
    "collapse": ("Preset: mode collapse", "Preset: Mode Collapse"),
    "train": ("Train", "Trainieren"),
    "continue": ("Continue", "Weiter"),
    "stop": ("Stop", "Stopp"),
    # run-time texts
    "col_sample": ("sample", "Nr."), "col_asked": ("asked for", "gewünscht"),
    "col_says": ("classifier says", "Klassi\u00adfikator sagt"),  # a soft hyphen: where the word may break in its narrow header
    "col_confidence": ("classifier confidence", "Sicherheit"), "col_d": ("D score (0 = fake, 1 = real)", "D-Wert (0 = falsch, 1 = echt)"),
    "caption": ("D {score} · reads {label}", "D {score} · liest {label}"),
    "caption_asked": (" (asked {asked})", " (gewünscht {asked})"),
    "generated": ("generated", "erzeugt"), "real_training": ("real training digits", "echte Trainingsziffern"),
    "verdict_title": ("The detective's verdict: D score (0 = fake, 1 = real)", "Das Urteil des Detektivs: D-Wert (0 = falsch, 1 = echt)"),
    "generator_pass": ("Generator pass", "Generator-Durchlauf"),
    "classifier_and_d": ("Classifier and discriminator", "Klassifikator und Diskriminator"),
    "summary": ("**{n} digits in {ms} ms**: one generator pass, no steps ({per} ms per digit on this machine's {device}).  \n"
                "The classifier reads **{agree}** of them as the digit asked for. Mean D score: generated **{fake}**, real **{real}**. ",
                "**{n} Ziffern in {ms} ms**: ein Generator-Durchlauf, keine Schritte ({per} ms pro Ziffer auf der {device} dieses Rechners).  \n"
                "Der Klassifikator liest **{agree}** davon als die gewünschte Ziffer. Mittlerer D-Wert: erzeugt **{fake}**, echt **{real}**. "),
    "equilibrium": ("The detective can hardly tell them apart, the equilibrium a GAN aims for.",
                    "Der Detektiv kann sie kaum unterscheiden: das Gleichgewicht, das ein GAN anstrebt."),
    "not_equilibrium": ("The detective still tells them apart: like most GANs, ours stopped training before the ideal "
                        "equilibrium where every score would be 0.5; its digits fool the classifier more than the detective.",
                        "Der Detektiv unterscheidet sie noch: wie die meisten GANs hörte unseres vor dem idealen Gleichgewicht "
                        "auf zu trainieren, bei dem jeder Wert 0,5 wäre; seine Ziffern täuschen den Klassifikator mehr als den Detektiv."),
    "walk_note": ("{n} frames in {ms} ms. Neighbouring noise vectors give neighbouring digits: the generator has learned a "
                  "*smooth* map from noise to images, with no jumps between the two ends.",
                  "{n} Bilder in {ms} ms. Benachbarte Rauschvektoren ergeben benachbarte Ziffern: der Generator hat eine "
                  "*glatte* Abbildung von Rauschen auf Bilder gelernt, ohne Sprünge zwischen den beiden Enden."),
    "epoch_caption": ("epoch {epoch}: the same 20 noise vectors", "Epoche {epoch}: dieselben 20 Rauschvektoren"),
    "losses_title": ("Losses (artist vs detective)", "Verluste (Fälscher gegen Detektiv)"),
    "d_mean_title": ("D's mean score on real and fake", "Mittlerer D-Wert für echt und falsch"),
    "d_loss": ("D loss", "D-Verlust"), "g_loss": ("G loss", "G-Verlust"),
    "d_of_real": ("D(real)", "D(echt)"), "d_of_fake": ("D(fake)", "D(gefälscht)"),
    "loss_axis": ("loss", "Verlust"), "d_mean_axis": ("mean D score", "mittlerer D-Wert"),
    "training_step": ("training step", "Trainingsschritt"),
    "generating_200": ("Generating 200 digits", "200 Ziffern werden erzeugt"), "measuring": ("Measuring", "Messen"),
    "col_metric": ("metric", "Maß"), "col_gan": ("GAN samples", "GAN-Samples"), "col_real": ("real test digits", "echte Testziffern"),
    "col_meaning": ("what it measures", "was es misst"),
    "m_recognizability": ("recognizability", "Erkennbarkeit"),
    "m_recognizability_means": ("share the classifier reads as the asked digit", "Anteil, den der Klassifikator als die gewünschte Ziffer liest"),
    "m_fid": ("FID (classifier features)", "FID (Merkmale des Klassifikators)"),
    "m_fid_means": ("distance to real digits' statistics; lower is better", "Abstand zur Statistik echter Ziffern; niedriger ist besser"),
    "m_sharpness": ("sharpness", "Schärfe"),
    "m_sharpness_means": ("edge contrast on stroke boundaries; blur lowers it, speckle cannot raise it",
                          "Kantenkontrast an Strichrändern; Unschärfe senkt ihn, Sprenkel heben ihn nicht"),
    "m_precision": ("precision", "Precision"),
    "m_precision_means": ("share of samples that look real (k-NN manifold of real digits)", "Anteil der Samples, die echt aussehen (k-NN-Mannigfaltigkeit echter Ziffern)"),
    "m_recall": ("recall", "Recall"),
    "m_recall_means": ("share of the real digits' variety the samples cover", "Anteil der Vielfalt echter Ziffern, den die Samples abdecken"),
    "m_class_diversity": ("within-class diversity", "Vielfalt in der Klasse"),
    "m_class_diversity_means": ("spread among samples of one digit; 1 = as varied as real, 0 = collapsed",
                                "Streuung unter Samples einer Ziffer; 1 = so vielfältig wie echt, 0 = kollabiert"),
    "m_diversity": ("diversity", "Vielfalt"), "m_diversity_means": ("mean pairwise feature distance", "mittlerer paarweiser Merkmalsabstand"),
    "m_memorized": ("memorized share", "auswendig gelernter Anteil"),
    "m_memorized_means": ("share that are near-copies of a training digit", "Anteil, der fast eine Kopie einer Trainingsziffer ist"),
    "d_real_bar": ("D: real?", "D: echt?"),
    "g_map": ("G's map of a noise grid", "Wie G ein Rauschgitter abbildet"),
    "real": ("real", "echt"),
    "generator_step": ("generator step", "Generator-Schritt"),
    "lab_title": ("Step {step}: real (green) vs generated (purple) on D's decision surface",
                  "Schritt {step}: echt (grün) gegen erzeugt (lila) auf der Entscheidungsfläche von D"),
    "lab_step": ("**step {step} / {total}**", "**Schritt {step} / {total}**"),
    "lab_coverage": ("coverage **{share}** of the real points reached", "Abdeckung: **{share}** der echten Punkte erreicht"),
    "lab_modes": ("ring modes covered **{covered} / {modes}**", "Ring-Moden abgedeckt: **{covered} / {modes}**"),
    "lab_moments": ("generated mean ({mx}, {my}), std ({sx}, {sy})", "erzeugt: Mittelwert ({mx}, {my}), Standardabweichung ({sx}, {sy})"),
    "lab_fps": ("{fps} frames/s", "{fps} Bilder/s"),
    # exports and stops
    "lab_gif_button": ("Make this training a GIF and MP4", "Dieses Training als GIF und MP4"),
    "lab_gif": ("Lab training as GIF", "Labor-Training als GIF"),
    "lab_mp4": ("Lab training as MP4 (for slides)", "Labor-Training als MP4 (für Folien)"),
    "lab_gif_title": ("Step {step} / {total} · coverage {coverage}", "Schritt {step} / {total} · Abdeckung {coverage}"),
    "lab_gif_modes": (" · ring modes {modes} / {total}", " · Ring-Moden {modes} / {total}"),
    "lab_gif_real": ("real points", "echte Punkte"),
    "lab_gif_fake": ("generated points", "erzeugte Punkte"),
    "lab_gif_verdict": ("Background: D's verdict", "Hintergrund: Urteil von D"),
    "lab_gif_says_fake": ("fake", "gefälscht"),
    "lab_gif_says_real": ("real", "echt"),
})
