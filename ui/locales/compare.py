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
        "of the image tabs (recognized = the classifier reads the digit asked for; diversity = mean distance between the\n"
        "samples' classifier features; sharpness = variance of the Laplacian; FID = Fréchet distance to the 50 real test\n"
        "digits of that class, lower is better; memorized = share of near copies of training digits).\n\n"
        "*The VAE is unconditional*: to make it draw \"a 7\" we fit a Gaussian (mean and full covariance) to the 16-D\n"
        "codes of the training 7s and decode samples of it. GAN and diffusion were trained to take the digit as input.",
        "### Die Modellfamilien nebeneinander, hier gemessen\n"
        "Wählen Sie eine Ziffer: der **VAE**, das **GAN** und das **Diffusionsmodell** zeichnen sie je *n*-mal aus demselben Seed,\n"
        "das **LLM** soll sie in Worten *beschreiben*, und das **NeRF** rendert eine neue Ansicht seines Objekts. Jede Zahl\n"
        "unten ist auf diesem Rechner gemessen: Zeit pro Ausgabe (warmes Modell, bei der Diffusion {scheduler} mit {steps} Schritten\n"
        "und Guidance {guidance}), Netzdurchläufe pro Ausgabe, Parameter des erzeugenden Netzes, maximaler\n"
        "Tensor-Speicher während der Erzeugung (aufgezeichnet mit `torch.profiler`, ohne Gewichte) und der gemeinsame Maßstab\n"
        "der Bild-Reiter (erkannt = der Klassifikator liest die gewünschte Ziffer; Vielfalt = mittlerer Abstand zwischen den\n"
        "Klassifikator-Merkmalen der Samples; Schärfe = Varianz des Laplace-Operators; FID = Fréchet-Distanz zu den 50 echten\n"
        "Testziffern dieser Klasse, niedriger ist besser; auswendig gelernt = Anteil naher Kopien von Trainingsziffern).\n\n"
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
})
