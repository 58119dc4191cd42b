"""Strings of the Compare tab."""

from ui.i18n import Texts

T = Texts("compare", {
    "tab": ("Compare", "Vergleich"),
    "intro": (
        "### The families side by side, measured here\n"
        "Choose a digit: the **VAE**, the **GAN** and the **diffusion model** each draw it *n* times from the same seed,\n"
        "the **LLM** is asked to *describe* it in words, and the **NeRF** renders one new view of its object. Every number\n"
        "below is measured on this machine: time per output (warm model, {scheduler} {steps} steps at\n"
        "guidance {guidance} for diffusion), network passes per output, parameters of the generating network, peak\n"
        "tensor memory during generation (recorded by `torch.profiler`, weights not included), and the shared yardstick\n"
        "of the image tabs (recognized = the classifier reads the digit asked for; precision = share of samples that look\n"
        "real and recall = share of the real variety covered, both as k-NN manifolds in classifier features against the\n"
        "50 real test digits of that class; within-class diversity = spread among the samples, 1 = as varied as real\n"
        "digits; sharpness = edge contrast on the strokes' boundaries; FID = Fréchet distance to the 50 real test\n"
        "digits of that class, lower is better; memorized = share of near copies of training digits). With few samples,\n"
        "recall is low for every family alike: compare families at the same *n*.\n\n"
        "*The VAE is unconditional*: to make it draw \"a 7\" we fit a Gaussian (mean and full covariance) to the 16-D\n"
        "codes of the training 7s and decode samples of it. GAN and diffusion were trained to take the digit as input.",
        "### Die Modellfamilien nebeneinander, hier gemessen\n"
        "Wählen Sie eine Ziffer: der **VAE**, das **GAN** und das **Diffusionsmodell** zeichnen sie je *n*-mal aus demselben Seed,\n"
        "das **LLM** soll sie in Worten *beschreiben*, und das **NeRF** rendert eine neue Ansicht seines Objekts. Jede Zahl\n"
        "unten ist auf diesem Rechner gemessen: Zeit pro Ausgabe (warmes Modell, bei der Diffusion {scheduler} mit {steps} Schritten\n"
        "und Guidance {guidance}), Netzdurchläufe pro Ausgabe, Parameter des erzeugenden Netzes, maximaler\n"
        "Tensor-Speicher während der Erzeugung (aufgezeichnet mit `torch.profiler`, ohne Gewichte) und der gemeinsame Maßstab\n"
        "der Bild-Reiter (erkannt = der Klassifikator liest die gewünschte Ziffer; Precision = Anteil der Samples, die echt\n"
        "aussehen, und Recall = Anteil der abgedeckten echten Vielfalt, beide als k-NN-Mannigfaltigkeiten in den\n"
        "Klassifikator-Merkmalen gegen die 50 echten Testziffern dieser Klasse; Vielfalt in der Klasse = Streuung unter den\n"
        "Samples, 1 = so vielfältig wie echte Ziffern; Schärfe = Kantenkontrast an den Strichrändern; FID = Fréchet-Distanz zu den 50 echten\n"
        "Testziffern dieser Klasse, niedriger ist besser; auswendig gelernt = Anteil naher Kopien von Trainingsziffern). Bei wenigen\n"
        "Samples ist der Recall für jede Familie niedrig: Familien bei gleichem *n* vergleichen.\n\n"
        "*Der VAE ist unbedingt (nicht klassenbedingt)*: damit er „eine 7“ zeichnet, passen wir eine Gauß-Verteilung (Mittelwert und\n"
        "volle Kovarianz) an die 16-dimensionalen Codes der Trainings-7en im Latent Space an und decodieren Samples daraus.\n"
        "GAN und Diffusionsmodell wurden so trainiert, dass sie die Ziffer als Eingabe nehmen.",
    ),
    "claims_note": (
        "**Claims checked.** Each verdict is computed from the numbers (engines/claims.py), never written by hand. The\n"
        "Fréchet distances use {fid_samples} samples per model (4 of each digit; real-vs-real at that count:\n"
        "the floor in the status line), the step sweep {few_steps} vs {many_steps} steps on\n"
        "{step_samples} samples, the guidance sweep {low_guidance} vs {high_guidance}\n"
        "on {guidance_samples} samples ({guidance_steps} steps): modest counts to keep a\n"
        "re-run short on a 2-core CPU (the status line says how long the last one took), so verdicts near the line can flip\n"
        "between runs and machines. The little-data\n"
        "claim compares models trained by the same scripts on 10% of the training digits (450, stratified).",
        "**Geprüfte Behauptungen.** Jedes Urteil wird aus den Zahlen berechnet (engines/claims.py), nie von Hand geschrieben. Die\n"
        "Fréchet-Distanzen nutzen {fid_samples} Samples pro Modell (4 je Ziffer; echt gegen echt bei dieser Anzahl:\n"
        "die Untergrenze in der Statuszeile), der Schritt-Vergleich {few_steps} gegen {many_steps} Schritte mit\n"
        "{step_samples} Samples, der Guidance-Vergleich {low_guidance} gegen {high_guidance}\n"
        "mit {guidance_samples} Samples ({guidance_steps} Schritte): bescheidene Anzahlen, damit eine\n"
        "neue Messung auf einer 2-Kern-CPU kurz bleibt (die Statuszeile sagt, wie lange die letzte dauerte); Urteile knapp an der Grenze\n"
        "können daher zwischen Läufen und Rechnern kippen. Die Behauptung zu wenigen Daten\n"
        "vergleicht Modelle, die mit denselben Skripten auf 10 % der Trainingsziffern (450, geschichtet) trainiert wurden.",
    ),
    "digit": ("Digit", "Ziffer"),
    "n": ("Samples per family (n)", "Samples pro Familie (n)"),
    "seed": ("Seed", "Seed"),
    "compare": ("Compare", "Vergleichen"),
    "rerun": ("Re-run on this machine (minutes)", "Auf diesem Rechner neu messen (Minuten)"),
    "picture": ("Same request, every image family", "Dieselbe Anfrage, jede Bild-Familie"),
    "table": ("Measured here, one row per family", "Hier gemessen, eine Zeile pro Familie"),
    "quality": ("Quality", "Qualität"),
    "cost": ("Cost", "Kosten"),
    "claims": ("Claims checked", "Geprüfte Behauptungen"),
    "refresh": ("Refresh the claims table", "Tabelle der Behauptungen aktualisieren"),
    # run-time texts (\u00ad: soft hyphens, where the table's narrow columns may break a long German word)
    "col_family": ("family", "Familie"), "col_model": ("model", "Modell"), "col_output": ("output", "Aus\u00adgabe"),
    "col_ms": ("ms per output", "ms pro Aus\u00adgabe"), "col_passes": ("network passes per output", "Netz\u00addurch\u00adläufe pro Aus\u00adgabe"),
    "col_parameters": ("parameters", "Parameter"), "col_weights": ("weights (MB)", "Ge\u00adwichte (MB)"),
    "col_peak": ("peak memory (MB)", "Spitzen\u00adspeicher (MB)"), "col_recognized": ("recognized", "erkannt"),
    "col_precision": ("precision", "Precision"), "col_recall": ("recall", "Recall"),
    "col_diversity": ("within-class diversity (1 = real)", "Vielfalt in der Klasse (1 = echt)"), "col_sharpness": ("sharpness", "Schärfe"),
    "col_fid": ("FID (this digit)", "FID (diese Ziffer)"), "col_memorized": ("memorized", "auswendig gelernt"),
    "col_train": ("training step (ms)", "Trai\u00adnings\u00adschritt (ms)"),
    "col_claim": ("claim", "Behauptung"), "col_verdict": ("verdict", "Urteil"), "col_measurement": ("measurement", "Messung"),
    "col_source": ("source", "Quelle"),
    "block_title": ("{family}: digit {digit}", "{family}: Ziffer {digit}"),
    "block_cost": ("{ms} ms/sample · {n} network pass", "{ms} ms/Sample · {n} Netzdurchlauf"),
    "block_cost_plural": ("{ms} ms/sample · {n} network passes", "{ms} ms/Sample · {n} Netzdurchläufe"),
    "passes_diffusion": ("{passes} UNet passes ({steps} steps × 2, guidance)", "{passes} UNet-Durchläufe ({steps} Schritte × 2, Guidance)"),
    "passes_vae": ("1 decoder pass", "1 Decoder-Durchlauf"),
    "passes_gan": ("1 generator pass", "1 Generator-Durchlauf"),
    "passes_llm": ("{passes} forward passes (one per token)", "{passes} Vorwärts\u00addurch\u00adläufe (einer pro Token)"),
    "passes_nerf": ("up to {points} MLP points (rays × samples)", "bis zu {points} MLP-Punkte (Strahlen × Samples)"),
    "axis_recognized": ("recognized", "erkannt"), "axis_diversity": ("within-class diversity", "Vielfalt in der Klasse"),
    "axis_recall": ("recall", "Recall"), "axis_sharpness": ("sharpness", "Schärfe"),
    "axis_faithful": ("faithful (1 / FID)", "getreu (1 / FID)"), "axis_fast": ("fast (1 / time)", "schnell (1 / Zeit)"),
    "quality_title": ("Image families on the shared yardstick (1 = best of the three)",
                      "Bild-Familien am gemeinsamen Maßstab (1 = die beste der drei)"),
    "ms_per_output": ("ms per output", "ms pro Ausgabe"), "ms_per_training_step": ("ms per training step", "ms pro Trainingsschritt"),
    "cost_title": ("Cost: ms per output and per training step (log scale)",
                   "Kosten: ms pro Ausgabe und pro Trainingsschritt (log. Skala)"),
    "milliseconds": ("milliseconds", "Millisekunden"),
    "diffusion_model": ("diffusion model", "Diffusionsmodell"),
    "llm_text": (
        "**GenAI vs LLM, the same idea.** Asked *“{prompt}”*, the language model answers in words:\n\n> {answer}\n\n"
        "{tokens} tokens in **{seconds} s** ({ms_token} ms per token, one forward pass each) from **{params} M parameters**; "
        "the {fastest} draws a {digit} in **{image_ms} ms** from {image_params} M. The LLM describes (text out, {slower}× the time); "
        "the image models draw (pixels out, {fewer}× fewer parameters here).\n\n",
        "**GenAI vs. LLM, dieselbe Idee.** Auf *„{prompt}“* antwortet das Sprachmodell in Worten:\n\n> {answer}\n\n"
        "{tokens} Token in **{seconds} s** ({ms_token} ms pro Token, je ein Vorwärtsdurchlauf) aus **{params} Mio. Parametern**; "
        "das {fastest} zeichnet eine {digit} in **{image_ms} ms** aus {image_params} Mio. Das LLM beschreibt (Text heraus, das "
        "{slower}-Fache der Zeit); die Bildmodelle zeichnen (Pixel heraus, hier {fewer}× weniger Parameter).\n\n",
    ),
    "measured_now": ("*Measured just now on this machine.*", "*Gerade eben auf diesem Rechner gemessen.*"),
    "shipped_numbers": ("*Shipped numbers: press Compare to measure here.*", "*Mitgelieferte Zahlen: Vergleichen drücken, um hier zu messen.*"),
    "no_measurements": ("No measurements shipped yet: press **Re-run on this machine**.",
                        "Noch keine Messungen mitgeliefert: **Auf diesem Rechner neu messen** drücken."),
    "where_now": ("Measured just now on this machine", "Gerade eben auf diesem Rechner gemessen"),
    "where_shipped": ("Shipped numbers, measured on", "Mitgelieferte Zahlen, gemessen auf"),
    "status": ("{where}: **{machine}**, {date} (load average {load}, {seconds} s for everything). Real-vs-real Fréchet floor at {samples} samples: {floor}.",
               "{where}: **{machine}**, {date} (Lastmittel {load}, {seconds} s für alles). Fréchet-Untergrenze echt gegen echt bei {samples} Samples: {floor}."),
    "no_measurements_error": ("No measurements yet: press “Re-run on this machine” first.",
                              "Noch keine Messungen: zuerst „Auf diesem Rechner neu messen“ drücken."),
})

# Words the engines write in English (claims, verdicts, measurements, outputs: engines/claims.py,
# engines/compare.py), in German; replaced in this order, longest phrases first.
PHRASES_DE = (
    ("GAN samples are sharper than VAE samples", "GAN-Samples sind schärfer als VAE-Samples"),
    ("GANs generate faster than diffusion models (one pass vs many steps)",
     "GANs erzeugen schneller als Diffusionsmodelle (ein Durchlauf statt vieler Schritte)"),
    ("Diffusion samples are more faithful than GAN samples", "Diffusions-Samples sind getreuer als GAN-Samples"),
    ("VAEs cope better with little training data", "VAEs kommen mit wenigen Trainingsdaten besser zurecht"),
    ("More denoising steps trade time for quality", "Mehr Entrauschungsschritte tauschen Zeit gegen Qualität"),
    ("Guidance trades diversity for fidelity", "Guidance tauscht Vielfalt gegen Treue"),
    ("NeRF rendering is slow compared with the other families", "NeRF-Rendern ist langsam im Vergleich zu den anderen Familien"),
    ("GenAI Lab brief: the five families", "GenAI-Lab-Briefing: die fünf Familien"),
    ("not supported on this data", "auf diesen Daten nicht bestätigt"),
    ("not measured", "nicht gemessen"),
    ("supported", "bestätigt"),
    ("sharpness (edge contrast)", "Schärfe (Kantenkontrast)"),
    ("time per sample", "Zeit pro Sample"),
    ("Fréchet distance to real test digits (lower = more faithful)", "Fréchet-Distanz zu echten Testziffern (niedriger = getreuer)"),
    ("Fréchet distance growth when trained on 10% of the data", "Anstieg der Fréchet-Distanz bei Training auf 10 % der Daten"),
    ("time per output: NeRF view", "Zeit pro Ausgabe: NeRF-Ansicht"),
    ("slowest image family", "langsamste Bild-Familie"),
    ("per digit", "pro Ziffer"),
    ("few steps", "wenige Schritte"), ("many steps", "viele Schritte"),
    ("low guidance", "niedrige Guidance"), ("high guidance", "hohe Guidance"),
    ("recognized", "erkannt"), ("diversity", "Vielfalt"), ("slower", "langsamer"),
    ("diffusion", "Diffusion"), ("missing: ", "fehlt: "), (" vs ", " gegen "),
    ("tokens of text", "Token Text"), ("image", "Bild"), ("view", "Ansicht"),
)
