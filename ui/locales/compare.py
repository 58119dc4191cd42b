"""Strings of the Compare tab."""

from ui.i18n import Texts

T = Texts("compare", {
    "tab": ("Compare", "Vergleich"),
    "intro": (
        "### The families side by side, measured here\n"
        "Choose a digit: the **VAE**, the **GAN** and the **diffusion model** each draw it *n* times from the same seed,\n"
        "the **LLM** is asked to *describe* it in words, and the **NeRF** renders one new view of its object. Every number\n"
        "below is measured: time per output (warm models, all timed the same way, as the status line says;\n"
        "{scheduler} {steps} steps at guidance {guidance} for diffusion), network passes per output, parameters of the generating network, peak\n"
        "tensor memory during generation (PyTorch's profiler, weights not included), and the shared yardstick\n"
        "of the image tabs (recognized = the classifier reads the digit asked for; precision = share of samples that look\n"
        "real and recall = share of the real variety covered, both as k-NN manifolds in classifier features against the\n"
        "50 real test digits of that class; within-class diversity = spread among the samples, 1 = as varied as real\n"
        "digits; sharpness = edge contrast on the strokes' boundaries; FID = Fréchet distance to the 50 real test\n"
        "digits, lower is better; memorized = share of near copies of training digits). The table, the charts and the claims\n"
        "use the same measurements: every image family's samples of all ten digits; **Compare** draws your digit now.\n\n"
        "*The VAE is unconditional*: to make it draw \"a 7\" we fit a Gaussian (mean and full covariance) to the 16-D\n"
        "codes of the training 7s and decode samples of it. GAN and diffusion were trained to take the digit as input.",
        "### Die Modellfamilien nebeneinander, hier gemessen\n"
        "Wählen Sie eine Ziffer: der **VAE**, das **GAN** und das **Diffusionsmodell** zeichnen sie je *n*-mal aus demselben Seed,\n"
        "das **LLM** soll sie in Worten *beschreiben*, und das **NeRF** rendert eine neue Ansicht seines Objekts. Jede Zahl\n"
        "unten ist gemessen: Zeit pro Ausgabe (warme Modelle, alle gleich gestoppt, wie die Statuszeile sagt;\n"
        "bei der Diffusion {scheduler} mit {steps} Schritten und Guidance {guidance}), Netzdurchläufe pro Ausgabe, Parameter des erzeugenden Netzes, maximaler\n"
        "Tensor-Speicher während der Erzeugung (PyTorch-Profiler, ohne Gewichte) und der gemeinsame Maßstab\n"
        "der Bild-Reiter (erkannt = der Klassifikator liest die gewünschte Ziffer; Precision = Anteil der Samples, die echt\n"
        "aussehen, und Recall = Anteil der abgedeckten echten Vielfalt, beide als k-NN-Mannigfaltigkeiten in den\n"
        "Klassifikator-Merkmalen gegen die 50 echten Testziffern dieser Klasse; Vielfalt in der Klasse = Streuung unter den\n"
        "Samples, 1 = so vielfältig wie echte Ziffern; Schärfe = Kantenkontrast an den Strichrändern; FID = Fréchet-Distanz zu den 50 echten\n"
        "Testziffern, niedriger ist besser; auswendig gelernt = Anteil naher Kopien von Trainingsziffern). Tabelle, Diagramme und\n"
        "Behauptungen nutzen dieselben Messungen: Samples jeder Bild-Familie von allen zehn Ziffern; **Vergleichen** zeichnet Ihre Ziffer jetzt.\n\n"
        "*Der VAE ist unbedingt (nicht klassenbedingt)*: damit er „eine 7“ zeichnet, passen wir eine Gauß-Verteilung (Mittelwert und\n"
        "volle Kovarianz) an die 16-dimensionalen Codes der Trainings-7en im Latent Space an und decodieren Samples daraus.\n"
        "GAN und Diffusionsmodell wurden so trainiert, dass sie die Ziffer als Eingabe nehmen.",
    ),
    "claims_note": (
        "**Claims checked.** Each verdict is computed from the numbers, never written by hand. The claims are the ones textbooks\n"
        "and courses make about the five families. A claim is\n"
        "*supported* when the 95 % bootstrap interval of its difference lies on the side the claim predicts, *refuted* when it\n"
        "lies on the other side, and *undecided* when it spans 0 or the metric sits at its ceiling or floor; a claim with\n"
        "several conditions is supported only if all are. The table shows the deciding difference; the measurement column all\n"
        "numbers. Like with like: every image family is judged on {eval_samples} samples (the same digits and seeds), each\n"
        "sweep point on {sweep_samples}, with {boot} bootstrap replicates over samples (and over seeds for the training\n"
        "studies); every family is timed the same way (the status line says how); the training studies give every family the same step budget.",
        "**Geprüfte Behauptungen.** Jedes Urteil wird aus den Zahlen berechnet, nie von Hand geschrieben. Die Behauptungen sind die,\n"
        "die Lehrbücher und Kurse über die fünf Familien aufstellen. Eine\n"
        "Behauptung ist *bestätigt*, wenn das 95-%-Bootstrap-Intervall ihrer Differenz auf der vorhergesagten Seite liegt, *widerlegt*,\n"
        "wenn es auf der anderen Seite liegt, und *unentschieden*, wenn es 0 einschließt oder die Kennzahl an ihrer Ober- oder\n"
        "Untergrenze liegt; eine Behauptung mit mehreren Bedingungen ist nur bestätigt, wenn alle es sind. Die Tabelle zeigt die\n"
        "entscheidende Differenz, die Spalte Messung alle Zahlen. Gleiches mit Gleichem: jede Bild-Familie wird an {eval_samples}\n"
        "Samples beurteilt (dieselben Ziffern und Seeds), jeder Sweep-Punkt an {sweep_samples}, mit {boot} Bootstrap-Wiederholungen über\n"
        "Samples (und über Seeds bei den Trainingsstudien); jede Familie wird gleich gestoppt (die Statuszeile sagt, wie); die Trainingsstudien geben\n"
        "jeder Familie dasselbe Schrittbudget.",
    ),
    "digit": ("Digit", "Ziffer"),
    "n": ("Samples per family (n)", "Samples pro Familie (n)"),
    "seed": ("Seed", "Seed"),
    "compare": ("Compare", "Vergleichen"),
    "rerun": ("Re-run the cheap measurements here (minutes)", "Die schnellen Messungen hier wiederholen (Minuten)"),
    "picture": ("Same request, every image family", "Dieselbe Anfrage, jede Bild-Familie"),
    "table": ("Measured, one row per family (the numbers the claims use)", "Gemessen, eine Zeile pro Familie (die Zahlen der Behauptungen)"),
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
    "col_fid": ("FID (all digits)", "FID (alle Ziffern)"), "col_memorized": ("memorized", "auswendig gelernt"),
    "col_train": ("training step (ms)", "Trai\u00adnings\u00adschritt (ms)"),
    "col_claim": ("claim", "Behauptung"), "col_verdict": ("verdict", "Urteil"), "col_measurement": ("measurement", "Messung"),
    "block_title": ("{family}: digit {digit}", "{family}: Ziffer {digit}"),
    "millions": ("{n} M", "{n} Mio."),
    "block_passes": ("{n} network pass per sample", "{n} Netzdurchlauf pro Sample"),
    "block_passes_plural": ("{n} network passes per sample", "{n} Netzdurchläufe pro Sample"),
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
        "the {fastest} draws a digit in **{image_ms} ms** from {image_params} M. The LLM describes (text out, {slower}× the time); "
        "the image models draw (pixels out, {fewer}× fewer parameters here).\n\n"
        "*The answer is the model's own, unedited. A model this small writes fluent sentences whose content is often wrong: "
        "it continues text with likely tokens and has never seen a digit.*",
        "**GenAI vs. LLM, dieselbe Idee.** Auf *„{prompt}“* antwortet das Sprachmodell in Worten:\n\n> {answer}\n\n"
        "{tokens} Token in **{seconds} s** ({ms_token} ms pro Token, je ein Vorwärtsdurchlauf) aus **{params} Mio. Parametern**; "
        "das {fastest} zeichnet eine Ziffer in **{image_ms} ms** aus {image_params} Mio. Das LLM beschreibt (Text heraus, das "
        "{slower}-Fache der Zeit); die Bildmodelle zeichnen (Pixel heraus, hier {fewer}× weniger Parameter).\n\n"
        "*Die Antwort ist die des Modells, unverändert (auf Englisch). Ein so kleines Modell schreibt flüssige Sätze, deren Inhalt oft "
        "falsch ist: es setzt Text mit wahrscheinlichen Token fort und hat nie eine Ziffer gesehen.*",
    ),
    "no_measurements": ("No measurements shipped yet: press **Re-run the cheap measurements here**.",
                        "Noch keine Messungen mitgeliefert: **Die schnellen Messungen hier wiederholen** drücken."),
    "where_now": ("Measured just now on this machine, for you only (other visitors still see the shipped numbers)",
                  "Gerade eben auf diesem Rechner gemessen, nur für dich (andere Besucher sehen weiter die mitgelieferten Zahlen)"),
    "where_shipped": ("Shipped numbers, measured on", "Mitgelieferte Zahlen, gemessen auf"),
    "status": ("{where}: **{machine}**, {date} (load average {load}, {seconds} s for everything). Timing: {timing}. "
               "Table, charts and claims: {samples} samples per image family.",
               "{where}: **{machine}**, {date} (Lastmittel {load}, {seconds} s für alles). Zeitmessung: {timing}. "
               "Tabelle, Diagramme und Behauptungen: {samples} Samples pro Bild-Familie."),
    "drawn_now": ("The picture and the LLM's answer were just made for digit {digit} (n = {n}, seed {seed}).",
                  "Bild und Antwort des LLM wurden gerade für die Ziffer {digit} erzeugt (n = {n}, Seed {seed})."),
    "sweep_table": ("The sweeps' numbers", "Die Zahlen der Sweeps"),
    "sweep_show": ("Show the sweep data", "Sweep-Daten zeigen"),
    # ---- the claims: text, rule, what is compared, the measurement
    "col_rule": ("rule", "Regel"), "col_difference": ("difference", "Differenz"),
    "col_interval": ("95 % interval", "95-%-Intervall"), "col_n": ("n", "n"), "col_compared": ("difference of", "Differenz von"),
    "v_supported": ("supported", "bestätigt"), "v_refuted": ("refuted", "widerlegt"), "v_undecided": ("undecided", "unent\u00adschieden"),
    "v_pending": ("pending", "ausstehend"), "v_not measured": ("not measured", "nicht gemessen"),
    "claim_gan_sharper": ("GAN samples are sharper than VAE samples", "GAN-Samples sind schärfer als VAE-Samples"),
    "rule_gan_sharper": ("supported if the GAN's edge contrast is higher than the VAE's (interval of GAN − VAE above 0)",
                         "bestätigt, wenn der Kantenkontrast des GAN höher ist als der des VAE (Intervall von GAN − VAE über 0)"),
    "measure_gan_sharper": ("edge contrast: GAN {gan}, VAE {vae}, real digits {real}",
                            "Kantenkontrast: GAN {gan}, VAE {vae}, echte Ziffern {real}"),
    "claim_gan_faster": ("GANs generate faster than diffusion models (one pass vs many steps)",
                         "GANs erzeugen schneller als Diffusionsmodelle (ein Durchlauf statt vieler Schritte)"),
    "rule_gan_faster": ("supported if a GAN sample takes less time (interval of diffusion − GAN ms above 0)",
                        "bestätigt, wenn ein GAN-Sample weniger Zeit braucht (Intervall von Diffusion − GAN in ms über 0)"),
    "measure_gan_faster": ("ms per sample: GAN {gan}, diffusion {diffusion} ({ratio}× the GAN's time)",
                           "ms pro Sample: GAN {gan}, Diffusion {diffusion} ({ratio}-fache Zeit des GAN)"),
    "claim_diffusion_faithful": ("Diffusion samples are more faithful than GAN samples", "Diffusions-Samples sind getreuer als GAN-Samples"),
    "rule_diffusion_faithful": ("supported if diffusion's Fréchet distance is lower (interval of GAN − diffusion above 0)",
                                "bestätigt, wenn die Fréchet-Distanz der Diffusion niedriger ist (Intervall von GAN − Diffusion über 0)"),
    "measure_diffusion_faithful": ("Fréchet distance to the test digits: diffusion {diffusion}, GAN {gan}; precision {diffusion_precision} vs {gan_precision}",
                                   "Fréchet-Distanz zu den Testziffern: Diffusion {diffusion}, GAN {gan}; Precision {diffusion_precision} gegen {gan_precision}"),
    "claim_vae_little_data": ("VAEs cope better with little training data", "VAEs kommen mit wenigen Trainingsdaten besser zurecht"),
    "rule_vae_little_data": ("supported if, going from all to 10 % of the digits at the same step budget, the VAE's Fréchet distance grows less and its recall drops less than the GAN's and diffusion's (all four intervals above 0)",
                             "bestätigt, wenn beim Schritt von allen zu 10 % der Ziffern (gleiches Schrittbudget) die Fréchet-Distanz des VAE weniger wächst und sein Recall weniger fällt als bei GAN und Diffusion (alle vier Intervalle über 0)"),
    "measure_vae_little_data": ("Fréchet growth (small ÷ full): VAE ×{vae_growth}, GAN ×{gan_growth}, diffusion ×{diffusion_growth}; recall drop: VAE {vae_recall_drop}, GAN {gan_recall_drop}, diffusion {diffusion_recall_drop}",
                                "Anstieg der Fréchet-Distanz (klein ÷ voll): VAE ×{vae_growth}, GAN ×{gan_growth}, Diffusion ×{diffusion_growth}; Recall-Verlust: VAE {vae_recall_drop}, GAN {gan_recall_drop}, Diffusion {diffusion_recall_drop}"),
    "claim_steps_quality": ("More denoising steps trade time for quality", "Mehr Entrauschungs\u00adschritte tauschen Zeit gegen Qualität"),
    "rule_steps_quality": ("supported if the most steps of the sweep take longer and reach a lower Fréchet distance than the fewest (both intervals above 0)",
                           "bestätigt, wenn die meisten Schritte des Sweeps länger dauern und eine niedrigere Fréchet-Distanz erreichen als die wenigsten (beide Intervalle über 0)"),
    "measure_steps_quality": ("{few} step(s): {few_ms} ms, Fréchet {few_fid}; {many} steps: {many_ms} ms, Fréchet {many_fid}",
                              "{few} Schritt(e): {few_ms} ms, Fréchet {few_fid}; {many} Schritte: {many_ms} ms, Fréchet {many_fid}"),
    "claim_guidance_tradeoff": ("Guidance trades diversity for fidelity", "Guidance tauscht Vielfalt gegen Treue"),
    "rule_guidance_tradeoff": ("supported if, from the lowest to the highest guidance of the sweep, within-class diversity falls and the share recognized as the asked digit rises (both intervals above 0; undecided at 0 % or 100 %)",
                               "bestätigt, wenn von der niedrigsten zur höchsten Guidance des Sweeps die Vielfalt in der Klasse sinkt und der Anteil, der als gewünschte Ziffer erkannt wird, steigt (beide Intervalle über 0; unentschieden bei 0 % oder 100 %)"),
    "measure_guidance_tradeoff": ("guidance {low}: within-class diversity {low_class_diversity}, recognized {low_recognizability}; guidance {high}: {high_class_diversity}, {high_recognizability}",
                                  "Guidance {low}: Vielfalt in der Klasse {low_class_diversity}, erkannt {low_recognizability}; Guidance {high}: {high_class_diversity}, {high_recognizability}"),
    "claim_nerf_slow": ("NeRF rendering is slow compared with the other families", "NeRF-Rendern ist langsam im Vergleich zu den anderen Familien"),
    "rule_nerf_slow": ("supported if a NeRF pixel costs more than a pixel of the slowest image family and a digit-sized NeRF view more than a diffusion digit (both intervals above 0)",
                       "bestätigt, wenn ein NeRF-Pixel mehr kostet als ein Pixel der langsamsten Bild-Familie und eine ziffergroße NeRF-Ansicht mehr als eine Diffusions-Ziffer (beide Intervalle über 0)"),
    "measure_nerf_slow": ("per output pixel: NeRF {nerf_pixel} µs, slowest image family {slowest_pixel} µs; at 28×28: NeRF {nerf_small} ms, diffusion {diffusion} ms; one 100×100 view {nerf_view} ms",
                          "pro Ausgabepixel: NeRF {nerf_pixel} µs, langsamste Bild-Familie {slowest_pixel} µs; bei 28×28: NeRF {nerf_small} ms, Diffusion {diffusion} ms; eine 100×100-Ansicht {nerf_view} ms"),
    "claim_gan_outliers": ("GANs ignore outliers (rare styles)", "GANs ignorieren Ausreißer (seltene Schreibweisen)"),
    "rule_gan_outliers": ("supported if the GAN covers fewer of the rarest 10 % of real test digits (farthest from their class centre) than the VAE and than diffusion (recall on them, both intervals above 0)",
                          "bestätigt, wenn das GAN weniger der seltensten 10 % der echten Testziffern (am weitesten von ihrer Klassenmitte) abdeckt als VAE und Diffusion (Recall auf ihnen, beide Intervalle über 0)"),
    "measure_gan_outliers": ("recall on the rarest 10 %: GAN {gan_outlier_recall}, VAE {vae_outlier_recall}, diffusion {diffusion_outlier_recall} (on all: GAN {gan_recall}, VAE {vae_recall}, diffusion {diffusion_recall})",
                             "Recall auf den seltensten 10 %: GAN {gan_outlier_recall}, VAE {vae_outlier_recall}, Diffusion {diffusion_outlier_recall} (auf allen: GAN {gan_recall}, VAE {vae_recall}, Diffusion {diffusion_recall})"),
    "claim_diffusion_easier": ("Diffusion models are easier to train than GANs", "Diffusionsmodelle sind leichter zu trainieren als GANs"),
    "rule_diffusion_easier": ("supported if, over seeds of the same short training, the GAN's Fréchet distance and recall vary more (relative spread) than diffusion's (both intervals of the log spread ratio above 0; F-distribution interval, so 3 seeds each detect only large differences)",
                              "bestätigt, wenn über Seeds desselben kurzen Trainings Fréchet-Distanz und Recall des GAN stärker streuen (relativ) als die der Diffusion (beide Intervalle des log. Streuungsverhältnisses über 0; Intervall aus der F-Verteilung, daher erkennen je 3 Seeds nur große Unterschiede)"),
    "measure_diffusion_easier": ("over {seeds} seeds the Fréchet distance varies by {gan_fid_cv} (GAN) vs {diffusion_fid_cv} (diffusion); collapsed runs: GAN {gan_collapsed}, diffusion {diffusion_collapsed}",
                                 "über {seeds} Seeds streut die Fréchet-Distanz um {gan_fid_cv} (GAN) gegen {diffusion_fid_cv} (Diffusion); kollabierte Läufe: GAN {gan_collapsed}, Diffusion {diffusion_collapsed}"),
    "claim_vae_noisy_data": ("VAEs do better than the others with poor-quality training data", "VAEs schlagen sich mit schlechten Trainingsdaten besser als die anderen"),
    "rule_vae_noisy_data": ("supported if, trained on noisy digits at the same step budget, the VAE's Fréchet distance grows less and its recall drops less than the GAN's and diffusion's (all four intervals above 0)",
                            "bestätigt, wenn beim Training auf verrauschten Ziffern (gleiches Schrittbudget) die Fréchet-Distanz des VAE weniger wächst und sein Recall weniger fällt als bei GAN und Diffusion (alle vier Intervalle über 0)"),
    "measure_vae_noisy_data": ("Fréchet growth (noisy ÷ clean): VAE ×{vae_growth}, GAN ×{gan_growth}, diffusion ×{diffusion_growth}; recall drop: VAE {vae_recall_drop}, GAN {gan_recall_drop}, diffusion {diffusion_recall_drop}",
                               "Anstieg der Fréchet-Distanz (verrauscht ÷ sauber): VAE ×{vae_growth}, GAN ×{gan_growth}, Diffusion ×{diffusion_growth}; Recall-Verlust: VAE {vae_recall_drop}, GAN {gan_recall_drop}, Diffusion {diffusion_recall_drop}"),
    "claim_nerf_few_views": ("NeRF needs comparatively little training data", "NeRF braucht vergleichsweise wenige Trainingsdaten"),
    "rule_nerf_few_views": ("supported if with {few} of the {all} training views the test-view PSNR is surely less than {max_drop} dB below the {all}-view model's (interval of {max_drop} dB − drop above 0); refuted if surely more",
                            "bestätigt, wenn mit {few} der {all} Trainingsansichten der PSNR der Testansichten sicher weniger als {max_drop} dB unter dem des {all}-Ansichten-Modells liegt (Intervall von {max_drop} dB − Verlust über 0); widerlegt, wenn sicher mehr"),
    "measure_nerf_few_views": ("test-view PSNR: {few} views {few_psnr} dB, {all} views {all_psnr} dB",
                               "PSNR der Testansichten: {few} Ansichten {few_psnr} dB, {all} Ansichten {all_psnr} dB"),
    "claim_gan_slower_training": ("GANs need more training time than VAEs", "GANs brauchen mehr Trainingszeit als VAEs"),
    "rule_gan_slower_training": ("supported if the GAN needs more training steps and more training time (steps × one step's cost) than the VAE until its validation samples are recognized ≥ {recognizability} and reach recall ≥ {recall} (both intervals above 0; undecided while a VAE run never gets there within the budget: its count is only a lower bound)",
                                 "bestätigt, wenn das GAN mehr Trainingsschritte und mehr Trainingszeit (Schritte × Kosten eines Schritts) braucht als der VAE, bis seine Validierungs-Samples zu ≥ {recognizability} erkannt werden und Recall ≥ {recall} erreichen (beide Intervalle über 0; unentschieden, solange ein VAE-Lauf das Ziel im Budget nie erreicht: seine Zahl ist nur eine Untergrenze)"),
    "measure_gan_slower_training": ("steps to the target: GAN {gan_steps}, VAE {vae_steps} (runs that never got there, counted as the whole budget: GAN {gan_never}, VAE {vae_never})",
                                    "Schritte bis zum Ziel: GAN {gan_steps}, VAE {vae_steps} (Läufe, die es nie erreichten, zählen als ganzes Budget: GAN {gan_never}, VAE {vae_never})"),
    "claim_transformers_data": ("Transformers need large data sets", "Transformer brauchen große Datensätze"),
    "rule_transformers_data": ("to be measured: validation loss of the tiny GPT trained on 1 %, 10 % and 100 % of its corpus",
                               "noch zu messen: Validierungs-Loss des kleinen GPT, trainiert auf 1 %, 10 % und 100 % seines Korpus"),
    "measure_transformers_data": ("pending: the project's tiny GPT is not trained yet", "ausstehend: das kleine GPT des Projekts ist noch nicht trainiert"),
    "missing": ("missing: {keys}", "fehlt: {keys}"),
    # what a difference is of (the table's "difference of" column)
    "c_sharpness_gan_minus_vae": ("edge contrast, GAN − VAE", "Kantenkontrast, GAN − VAE"),
    "c_ms_diffusion_minus_gan": ("ms per sample, diffusion − GAN", "ms pro Sample, Diffusion − GAN"),
    "c_fid_gan_minus_diffusion": ("Fréchet, GAN − diffusion", "Fréchet, GAN − Diffusion"),
    "c_fid_growth_gan_minus_vae": ("Fréchet growth, GAN − VAE", "Fréchet-Anstieg, GAN − VAE"),
    "c_fid_growth_diffusion_minus_vae": ("Fréchet growth, diffusion − VAE", "Fréchet-Anstieg, Diffusion − VAE"),
    "c_recall_drop_gan_minus_vae": ("recall drop, GAN − VAE", "Recall-Verlust, GAN − VAE"),
    "c_recall_drop_diffusion_minus_vae": ("recall drop, diffusion − VAE", "Recall-Verlust, Diffusion − VAE"),
    "c_ms_many_minus_few": ("ms per sample, most − fewest steps", "ms pro Sample, meiste − wenigste Schritte"),
    "c_fid_few_minus_many": ("Fréchet, fewest − most steps", "Fréchet, wenigste − meiste Schritte"),
    "c_diversity_low_minus_high": ("within-class diversity, low − high guidance", "Vielfalt in der Klasse, niedrige − hohe Guidance"),
    "c_recognized_high_minus_low": ("recognized, high − low guidance", "erkannt, hohe − niedrige Guidance"),
    "c_pixel_ms_nerf_minus_slowest": ("ms per pixel, NeRF − slowest image family", "ms pro Pixel, NeRF − langsamste Bild-Familie"),
    "c_ms_nerf_minus_diffusion_same_size": ("ms per 28×28 output, NeRF − diffusion", "ms pro 28×28-Ausgabe, NeRF − Diffusion"),
    "c_outlier_recall_vae_minus_gan": ("recall on rare digits, VAE − GAN", "Recall auf seltenen Ziffern, VAE − GAN"),
    "c_outlier_recall_diffusion_minus_gan": ("recall on rare digits, diffusion − GAN", "Recall auf seltenen Ziffern, Diffusion − GAN"),
    "c_fid_spread_gan_over_diffusion": ("log of the spread ratio of Fréchet over seeds, GAN ÷ diffusion",
                                        "Logarithmus des Streuungs\u00adverhältnisses der Fréchet-Distanz über Seeds, GAN ÷ Diffusion"),
    "c_recall_spread_gan_over_diffusion": ("log of the spread ratio of recall over seeds, GAN ÷ diffusion",
                                           "Logarithmus des Streuungs\u00adverhältnisses des Recalls über Seeds, GAN ÷ Diffusion"),
    "c_drop_margin_db": ("dB: allowed drop − measured drop", "dB: erlaubter − gemessener Verlust"),
    "c_steps_gan_minus_vae": ("steps to the target, GAN − VAE", "Schritte bis zum Ziel, GAN − VAE"),
    "c_train_ms_gan_minus_vae": ("training ms to the target, GAN − VAE", "Trainings-ms bis zum Ziel, GAN − VAE"),
    # ---- sweeps and studies
    "sweeps": ("Diffusion sweeps", "Diffusions-Sweeps"),
    "steps_sweep_title": ("Denoising steps ({samples} samples per point, guidance {guidance})",
                          "Entrauschungsschritte ({samples} Samples pro Punkt, Guidance {guidance})"),
    "guidance_sweep_title": ("Guidance scale ({samples} samples per point, {steps} steps)",
                             "Guidance-Skala ({samples} Samples pro Punkt, {steps} Schritte)"),
    "axis_steps": ("denoising steps (log scale)", "Entrauschungsschritte (log. Skala)"),
    "axis_guidance": ("guidance scale", "Guidance-Skala"), "axis_share": ("share (1 = real digits)", "Anteil (1 = echte Ziffern)"),
    "axis_fid": ("Fréchet (lower = better)", "Fréchet (niedriger = besser)"),
    "axis_ms": ("ms per sample", "ms pro Sample"), "trace_fid": ("Fréchet distance", "Fréchet-Distanz"),
    "trace_ms": ("ms per sample (right axis)", "ms pro Sample (rechte Achse)"),
    "trace_precision": ("precision", "Precision"), "trace_recall": ("recall", "Recall"),
    "trace_diversity": ("within-class diversity", "Vielfalt in der Klasse"), "trace_recognized": ("recognized", "erkannt"),
    "study": ("Training studies (equal budgets)", "Trainingsstudien (gleiche Budgets)"),
    "study_title": ("Fréchet distance after {steps} training steps (mean over seeds)",
                    "Fréchet-Distanz nach {steps} Trainingsschritten (Mittel über Seeds)"),
    "setting_full": ("all digits", "alle Ziffern"), "setting_small": ("10 % of the digits", "10 % der Ziffern"),
    "setting_noisy": ("noisy digits", "verrauschte Ziffern"),
    "views_title": ("NeRF: test-view PSNR by training views ({steps} steps each)",
                    "NeRF: Test-PSNR nach Trainingsansichten (je {steps} Schritte)"),
    "axis_views": ("training views", "Trainingsansichten"), "axis_psnr": ("test-view PSNR (dB)", "PSNR der Testansichten (dB)"),
    "no_study": ("No training study shipped yet: run `python -m bench.study`.", "Noch keine Trainingsstudie mitgeliefert: `python -m bench.study` ausführen."),
    "study_note": (
        "**How the study models were trained** (read from their training.json files, `{file}`, measured {date} on {machine}): every run "
        "starts from scratch with the project's own training script and the same budget of **{steps} optimizer steps** "
        "(VAE batch {vae_batch}, GAN batch {gan_batch}, diffusion batch {diffusion_batch}), one torch thread, the 500 validation "
        "digits left out of training. Settings: all {full_digits} training digits (seeds {full_seeds}), 10 % of them ({small_digits} "
        "digits; seeds {small_seeds}), and all of them with Gaussian noise (σ {sigma}; seed {noisy_seeds}). Minutes per run: "
        "VAE {vae_minutes}, GAN {gan_minutes}, diffusion {diffusion_minutes}. Each run is judged on {samples} samples against the "
        "500 test digits (diffusion: {diffusion_eval}); the GAN keeps its script's checkpoint choice on the validation digits. "
        "The NeRF runs use {nerf_steps} steps each. These are short trainings: the shipped models in the other tabs trained longer.",
        "**Wie die Studienmodelle trainiert wurden** (aus ihren training.json-Dateien gelesen, `{file}`, gemessen {date} auf {machine}): jeder Lauf "
        "beginnt bei null mit dem Trainingsskript des Projekts und demselben Budget von **{steps} Optimiererschritten** "
        "(VAE Batch {vae_batch}, GAN Batch {gan_batch}, Diffusion Batch {diffusion_batch}), ein Torch-Thread, die 500 Validierungsziffern "
        "vom Training ausgenommen. Einstellungen: alle {full_digits} Trainingsziffern (Seeds {full_seeds}), 10 % davon ({small_digits} "
        "Ziffern; Seeds {small_seeds}) und alle mit Gauß-Rauschen (σ {sigma}; Seed {noisy_seeds}). Minuten pro Lauf: "
        "VAE {vae_minutes}, GAN {gan_minutes}, Diffusion {diffusion_minutes}. Jeder Lauf wird an {samples} Samples gegen die 500 "
        "Testziffern beurteilt (Diffusion: {diffusion_eval}); das GAN behält die Checkpoint-Wahl seines Skripts auf den Validierungsziffern. "
        "Die NeRF-Läufe nutzen je {nerf_steps} Schritte. Das sind kurze Trainings: die mitgelieferten Modelle der anderen Reiter trainierten länger.",
    ),
    "no_measurements_error": ("No measurements yet: press “Re-run the cheap measurements here” first.",
                              "Noch keine Messungen: zuerst „Die schnellen Messungen hier wiederholen“ drücken."),
})

# Words the engine writes in English in its rows (outputs: engines/compare.py), in German; replaced in this order.
PHRASES_DE = (
    ("tokens of text", "Token Text"), ("image", "Bild"), ("view", "Ansicht"),
    ("torch thread(s)", "Torch-Thread(s)"), ("median of", "Median aus"), ("warm calls of", "warmen Aufrufen mit je"),
    ("samples", "Samples"),
)
