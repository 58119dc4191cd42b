"""Strings of the VAE tab."""

from ui.i18n import Texts

T = Texts("vae", {
    "tab": ("VAE", "VAE"),
    "intro": (
        "## Variational autoencoder (VAE)\n"
        "An **encoder** squeezes a 28×28 digit (784 numbers) into a tiny **latent code**: not one point but a\n"
        "*cloud of possibilities*, a Gaussian with a **mean** and a **variance**. A **decoder** turns any point of\n"
        "that space back into a digit. Training asks for two things at once: decoded digits should look like the\n"
        "input (*reconstruction error*) and every cloud should stay close to a standard normal (*KL divergence*).\n"
        "That second pull packs the space smoothly, so **new digits = decode random points from N(0, I)**.",
        "## Variational Autoencoder (VAE)\n"
        "Ein **Encoder** presst eine 28×28-Ziffer (784 Zahlen) in einen winzigen **latenten Code**: keinen Punkt, sondern eine\n"
        "*Wolke von Möglichkeiten*, eine Gauß-Verteilung mit **Mittelwert** und **Varianz**. Ein **Decoder** macht aus jedem Punkt\n"
        "dieses Raums (des Latent Space) wieder eine Ziffer. Das Training verlangt zweierlei zugleich: decodierte Ziffern sollen wie die\n"
        "Eingabe aussehen (*Rekonstruktionsfehler*), und jede Wolke soll nahe an einer Standardnormalverteilung bleiben (*KL-Divergenz*).\n"
        "Dieser zweite Zug packt den Raum glatt zusammen, also gilt: **neue Ziffern = zufällige Punkte aus N(0, I) decodieren**.",
    ),
    "tab_encode": ("Encode", "Codieren"),
    "tab_map": ("Latent map", "Latent-Karte"),
    "tab_interpolate": ("Interpolate", "Interpolieren"),
    "tab_generate": ("Generate", "Erzeugen"),
    "tab_beta": ("β trade-off", "β-Abwägung"),
    "tab_photo": ("Photos (Stable Diffusion's VAE)", "Fotos (der VAE von Stable Diffusion)"),
    "encode_help": (
        "Pick a test digit, draw one or upload a photo of one. The encoder returns a **mean** (the centre "
        "of the cloud) and a **variance** (its spread); each sample drawn from the cloud decodes to the same "
        "digit with small variations. On the 2-D model the cloud is drawn as an ellipse on the map.",
        "Wählen Sie eine Testziffer, zeichnen Sie eine oder laden Sie ein Foto davon hoch. Der Encoder liefert einen **Mittelwert** (die Mitte "
        "der Wolke) und eine **Varianz** (ihre Streuung); jedes Sample aus der Wolke wird zur selben Ziffer mit kleinen "
        "Abweichungen decodiert. Beim 2-D-Modell ist die Wolke als Ellipse auf der Karte eingezeichnet.",
    ),
    "model": ("Model", "Modell"),
    "k": ("Samples K from the cloud", "Samples K aus der Wolke"),
    "seed": ("Seed", "Seed"),
    "tab_test": ("Test digit", "Testziffer"),
    "click_test": ("Click a test digit", "Eine Testziffer anklicken"),
    "index": ("Test digit number", "Nummer der Testziffer"),
    "encode_test": ("Encode test digit", "Testziffer codieren"),
    "tab_draw": ("Draw", "Zeichnen"),
    "sketch": ("Draw a digit (dark on white)", "Eine Ziffer zeichnen (dunkel auf weiß)"),
    "encode_drawing": ("Encode drawing", "Zeichnung codieren"),
    "tab_upload": ("Upload", "Hochladen"),
    "upload": ("Photo or scan of a digit (PNG, JPEG, WebP)", "Foto oder Scan einer Ziffer (PNG, JPEG, WebP)"),
    "encode_upload": ("Encode upload", "Hochgeladenes codieren"),
    "seen": ("What the encoder sees → decoded mean", "Was der Encoder sieht → decodierter Mittelwert"),
    "samples": ("K samples from the cloud, decoded", "K Samples aus der Wolke, decodiert"),
    "cloud": ("The cloud", "Die Wolke"),
    "map_help": (
        "Every test digit encoded to its mean code (the 2-D models only). Digits of a class cluster, and the "
        "space between clusters decodes to in-between shapes: that smoothness is what the KL term buys. The grid "
        "on the right decodes evenly spaced points of the square [-3, 3]²; move the sliders to decode any point.",
        "Jede Testziffer, codiert zu ihrem mittleren Code (nur die 2-D-Modelle). Ziffern einer Klasse bilden Haufen, und der "
        "Raum zwischen den Haufen wird zu Zwischenformen decodiert: diese Glätte erkauft der KL-Term. Das Gitter "
        "rechts decodiert gleichmäßig verteilte Punkte des Quadrats [-3, 3]²; mit den Schiebereglern lässt sich jeder Punkt decodieren.",
    ),
    "map": ("Latent map", "Latent-Karte"),
    "grid": ("Decoded manifold grid (z₁ left→right, z₂ bottom→top)", "Decodiertes Gitter der Mannigfaltigkeit (z₁ links→rechts, z₂ unten→oben)"),
    "x": ("z₁ (x)", "z₁ (x)"),
    "y": ("z₂ (y)", "z₂ (y)"),
    "point": ("Decoded point", "Decodierter Punkt"),
    "interpolate_help": (
        "Encode two test digits, then decode points on the straight line between their mean codes. Because "
        "the latent space is smooth, every step in between is a plausible digit: one morphs into the other.",
        "Zwei Testziffern codieren, dann Punkte auf der Geraden zwischen ihren mittleren Codes decodieren. Weil "
        "der Latent Space glatt ist, ist jeder Zwischenschritt eine plausible Ziffer: die eine verwandelt sich in die andere.",
    ),
    "a": ("From test digit number (0-499)", "Von Testziffer Nummer (0-499)"),
    "b": ("To test digit number (0-499)", "Zu Testziffer Nummer (0-499)"),
    "steps": ("Steps", "Schritte"),
    "interpolate": ("Interpolate", "Interpolieren"),
    "ends": ("Input a → its reconstruction … reconstruction of b ← input b", "Eingabe a → ihre Rekonstruktion … Rekonstruktion von b ← Eingabe b"),
    "path_strip": ("The walk, decoded", "Der Weg, decodiert"),
    "path": ("The path through latent space", "Der Weg durch den Latent Space"),
    "gif": ("Download the walk as a GIF", "Den Weg als GIF herunterladen"),
    "mp4": ("Download the walk as MP4 (for slides)", "Den Weg als MP4 herunterladen (für Folien)"),
    "generate_help": (
        "New digits: draw random codes from the prior N(0, I) and decode them. No input digit is involved. "
        "To check they are new rather than memorized, each sample is shown beside its nearest training digit "
        "(pixel distance). VAE samples are typically **blurry**: the decoder predicts the *average* of all "
        "digits that could have produced a code, and averages are soft. Some samples fall between classes: the "
        "prior N(0, I) also covers regions where no training digit was encoded (the 16-D model reconstructs far "
        "better than the 2-D one, but has more such empty regions to fall into).",
        "Neue Ziffern: zufällige Codes aus dem Prior N(0, I) ziehen und decodieren. Keine Eingabeziffer ist beteiligt. "
        "Um zu prüfen, dass sie neu und nicht auswendig gelernt sind, steht jedes Sample neben seiner nächsten Trainingsziffer "
        "(Pixelabstand). VAE-Samples sind typischerweise **unscharf**: der Decoder sagt den *Mittelwert* aller Ziffern voraus, "
        "die einen Code hätten erzeugen können, und Mittelwerte sind weich. Manche Samples liegen zwischen Klassen: der "
        "Prior N(0, I) deckt auch Bereiche ab, in die keine Trainingsziffer codiert wurde (das 16-D-Modell rekonstruiert weit "
        "besser als das 2-D-Modell, hat aber mehr solcher leeren Bereiche, in die ein Sample fallen kann).",
    ),
    "n": ("How many digits", "Wie viele Ziffern"),
    "generate": ("Generate", "Erzeugen"),
    "prior_samples": ("Samples from the prior", "Samples aus dem Prior"),
    "pairs": ("Each sample (left of a pair) beside its nearest training digit (right)", "Jedes Sample (links im Paar) neben seiner nächsten Trainingsziffer (rechts)"),
    "beta_help": (
        "A **β-VAE** weighs the KL term by β. Small β: codes carry more information, reconstructions are "
        "better, but the space is patchier. Large β: the clouds are pulled onto N(0, I), the space is smooth and "
        "well covered, reconstructions get blurrier. The same 2-D network trained at β = 0.5, 1 and 4. "
        "On the training digits the trade-off is textbook (dashed line). On unseen test digits the small-β models "
        "do worse than their training score: with only 4,500 digits they overfit, and the KL term acts as a regulariser.",
        "Ein **β-VAE** gewichtet den KL-Term mit β. Kleines β: Codes tragen mehr Information, Rekonstruktionen sind "
        "besser, aber der Raum ist lückenhafter. Großes β: die Wolken werden auf N(0, I) gezogen, der Raum ist glatt und "
        "gut abgedeckt, Rekonstruktionen werden unschärfer. Dasselbe 2-D-Netz, trainiert mit β = 0,5, 1 und 4. "
        "Auf den Trainingsziffern ist die Abwägung wie im Lehrbuch (gestrichelte Linie). Auf ungesehenen Testziffern schneiden die Modelle mit kleinem β "
        "schlechter ab als im Training: mit nur 4.500 Ziffern passen sie sich zu sehr an (Overfitting), und der KL-Term wirkt als Regularisierer.",
    ),
    "beta_seed": ("Seed for the samples", "Seed für die Samples"),
    "beta_button": ("Compare the three β models", "Die drei β-Modelle vergleichen"),
    "beta_chart": ("Reconstruction error vs KL", "Rekonstruktionsfehler vs. KL"),
    "maps": ("Latent maps side by side", "Latent-Karten nebeneinander"),
    "strips": ("Prior samples per β (same seed)", "Prior-Samples je β (gleicher Seed)"),
    "photo_help": (
        "The same idea at full scale: Stable Diffusion's autoencoder squeezes a photo into a small grid of "
        "latent **channels**, 8× smaller each side; diffusion happens there and the decoder paints the pixels "
        "back. These models download from the Hugging Face hub (allowlisted ids only) and need an internet "
        "connection the first time.",
        "Dieselbe Idee in voller Größe: der Autoencoder von Stable Diffusion presst ein Foto in ein kleines Gitter aus "
        "latenten **Kanälen**, je Seite 8-mal kleiner; dort findet die Diffusion statt, und der Decoder malt die Pixel "
        "zurück. Diese Modelle werden vom Hugging Face Hub geladen (nur freigegebene IDs) und brauchen beim ersten Mal eine "
        "Internetverbindung.",
    ),
    "autoencoder": ("Autoencoder", "Autoencoder"),
    "photo": ("A photo (PNG, JPEG, WebP)", "Ein Foto (PNG, JPEG, WebP)"),
    "encode_decode": ("Encode and decode", "Codieren und decodieren"),
    "channels": ("Latent channels", "Latente Kanäle"),
    "recon": ("Reconstruction", "Rekonstruktion"),
    # run-time texts
    "digit_hover": ("digit {d}", "Ziffer {d}"),
    "class": ("class", "Klasse"),
    "where_encoder": ("Where the encoder puts this digit", "Wohin der Encoder diese Ziffer legt"),
    "magnified": ("Magnified: the cloud (σ = {sx}, {sy})", "Vergrößert: die Wolke (σ = {sx}, {sy})"),
    "k_sigma": ("{k}σ cloud", "{k}σ-Wolke"),
    "samples_name": ("samples", "Samples"),
    "mean_mu": ("mean μ", "Mittelwert μ"),
    "code_intro": ("**The code of this digit**: the centre (mean μ) and the spread (variance σ²) of its cloud, per latent coordinate.",
                   "**Der Code dieser Ziffer**: Mitte (Mittelwert μ) und Streuung (Varianz σ²) ihrer Wolke, je latenter Koordinate."),
    "mean_sigma": ("mean ± σ", "Mittelwert ± σ"),
    "cloud_dims": ("The cloud in {n} dimensions: mean ± σ of each latent coordinate",
                   "Die Wolke in {n} Dimensionen: Mittelwert ± σ jeder latenten Koordinate"),
    "value": ("value", "Wert"),
    "map_title": ("Test digits at their mean codes", "Testziffern an ihren mittleren Codes"),
    "decoding_point": ("Decoding the point ({x}, {y})", "Der Punkt ({x}, {y}) wird decodiert"),
    "decoded_point": ("decoded point", "decodierter Punkt"),
    "decoding": ("decoding", "Decodieren"),
    "path_title": ("The path from a {a} to a {b}", "Der Weg von einer {a} zu einer {b}"),
    "path_name": ("path", "Weg"),
    "path_nd": ("The path through {n}-D space (rows: latent coordinates)", "Der Weg durch den {n}-D-Raum (Zeilen: latente Koordinaten)"),
    "step": ("step", "Schritt"),
    "latent_coordinate": ("latent coordinate", "latente Koordinate"),
    "sampling_prior": ("sampling the prior", "Sampling aus der Prior-Verteilung"),
    "measuring": ("measuring", "Messen"),
    "generate_summary": (
        "{verdict} Median pixel distance from a sample to its nearest training digit: **{nearest}**; a real unseen "
        "test digit is typically {typical} from its nearest training digit.\n\n"
        "**Quality** (the project's digit classifier): **{recognizable}** recognized with ≥ {confident} confidence, "
        "{coverage} of 10 digit classes present. **Sharpness** {sharpness} vs {real} for real digits and {gan} for as many "
        "GAN samples (same seed): the blur of a VAE, measured.",
        "{verdict} Median des Pixelabstands eines Samples zur nächsten Trainingsziffer: **{nearest}**; eine echte, "
        "ungesehene Testziffer liegt typischerweise {typical} von ihrer nächsten Trainingsziffer entfernt.\n\n"
        "**Qualität** (der Ziffern-Klassifikator des Projekts): **{recognizable}** mit ≥ {confident} Sicherheit erkannt, "
        "{coverage} von 10 Ziffernklassen vorhanden. **Schärfe** {sharpness} gegen {real} für echte Ziffern und {gan} für ebenso "
        "viele GAN-Samples (gleicher Seed): die Unschärfe eines VAE, gemessen.",
    ),
    # the verdict that opens generate_summary, from the measured share of near copies (engines.metrics.memorization)
    "generate_new": (
        "**New, not copied.** None of the {n} samples is a near copy of a training digit.",
        "**Neu, nicht kopiert.** Keines der {n} Samples ist eine Fast-Kopie einer Trainingsziffer.",
    ),
    "generate_copy": (
        "**Not all new: 1 of the {n} samples is a near copy** of a training digit (far closer to it than real unseen digits come).",
        "**Nicht alles neu: eines der {n} Samples ist eine Fast-Kopie** einer Trainingsziffer (viel näher an ihr, als echte ungesehene Ziffern kommen).",
    ),
    "generate_copies": (
        "**Not all new: {count} of the {n} samples ({share}) are near copies** of training digits (far closer to one than real "
        "unseen digits come).",
        "**Nicht alles neu: {count} der {n} Samples ({share}) sind Fast-Kopien** von Trainingsziffern (viel näher an einer, als echte "
        "ungesehene Ziffern kommen).",
    ),
    "generate_pr": (
        "\n\n**Fidelity and diversity** against the 500 test digits: precision **{precision}** (share of the {n} samples that "
        "look like real digits), recall **{recall}** (share of the real digits' variety they cover; few samples cover "
        "little, so compare at the same number of samples).",
        "\n\n**Treue und Vielfalt** gegen die 500 Testziffern: Precision **{precision}** (Anteil der {n} Samples, die wie echte "
        "Ziffern aussehen), Recall **{recall}** (Anteil der Vielfalt echter Ziffern, den sie abdecken; wenige Samples decken "
        "wenig ab, also bei gleicher Samplezahl vergleichen).",
    ),
    "training_digits": ("training digits", "Trainingsziffern"),
    "unseen_digits": ("unseen test digits", "ungesehene Testziffern"),
    "beta_hover": ("KL %{{x:.2f}} nats<br>reconstruction error %{{y:.1f}} nats", "KL %{{x:.2f}} nats<br>Rekonstruktionsfehler %{{y:.1f}} nats"),
    "beta_title": ("β trade-off (2-D models)", "β-Abwägung (2-D-Modelle)"),
    "kl_axis": ("KL(q(z|x) ‖ N(0, I)), nats per digit: how much the code carries",
                "KL(q(z|x) ‖ N(0, I)), nats pro Ziffer: wie viel der Code trägt"),
    "recon_axis": ("reconstruction error, nats per digit", "Rekonstruktionsfehler, nats pro Ziffer"),
    "beta_models": ("β models", "β-Modelle"),
    "sharpness_table": ("| β | sharpness of prior samples |", "| β | Schärfe der Samples aus der Prior-Verteilung |"),
    "real_test_digits": ("real test digits", "echte Testziffern"),
    "loading_autoencoder": ("loading the autoencoder", "der Autoencoder wird geladen"),
    "encoding_decoding": ("encoding and decoding", "Encodieren und Decodieren"),
    "channel": ("channel {n}", "Kanal {n}"),
    "photo_text": (
        "**{model}** turned a {W}×{H}×3 photo ({numbers} numbers) into a {c}×{h}×{w} latent ({latents} numbers): "
        "**{ratio}× fewer numbers**. Reconstruction PSNR **{psnr} dB** (above ~30 dB differences are hard to see). "
        "Stable Diffusion runs its whole denoising process in this small latent space, then decodes once.",
        "**{model}** machte aus einem {W}×{H}×3-Foto ({numbers} Zahlen) einen {c}×{h}×{w}-Latent ({latents} Zahlen): "
        "**{ratio}× weniger Zahlen**. Rekonstruktions-PSNR **{psnr} dB** (ab etwa 30 dB sind Unterschiede kaum zu sehen). "
        "Stable Diffusion führt seinen ganzen Entrauschungsprozess in diesem kleinen latenten Raum aus und decodiert einmal am Ende.",
    ),
})
