"""Strings of the data tab."""

from engines import digits
from ui.i18n import Texts

T = Texts("digits", {
    "tab": ("The data", "Die Daten"),
    "intro": (
        "### The data: real handwritten digits\n"
        "The VAE, GAN and diffusion tabs all learn from the same **5,000 real MNIST digits** (28x28 pixels,\n"
        "500 of each digit), split once and for all into **4,500 training** and **500 held-out test** digits,\n"
        "50 of each class in the test set. Same data, same yardstick: so the families can be compared fairly.\n\n"
        f"*Source: {digits.CREDIT}.*",
        "### Die Daten: echte handgeschriebene Ziffern\n"
        "Die Reiter VAE, GAN und Diffusion lernen alle aus denselben **5.000 echten MNIST-Ziffern** (28x28 Pixel,\n"
        "500 von jeder Ziffer), ein für alle Mal aufgeteilt in **4.500 Trainings-** und **500 zurückgehaltene Testziffern**,\n"
        "50 je Klasse im Testsatz. Gleiche Daten, gleicher Maßstab: so lassen sich die Familien fair vergleichen.\n\n"
        f"*Quelle: {digits.CREDIT}.*",
    ),
    "grid": ("Real training digits, labelled by the classifier", "Echte Trainingsziffern, vom Klassifikator beschriftet"),
    "show": ("Show", "Anzeigen"),
    "all": ("All digits", "Alle Ziffern"),
    "seed": ("Shuffle seed", "Seed fürs Mischen"),
    "reshuffle": ("Reshuffle", "Neu mischen"),
    "draw_help": (
        "### What digit is this?\n"
        "Pick the **brush** (left of the canvas), draw one digit, large, then press **Classify**. Your drawing is turned into an MNIST digit first:\n"
        "grayscale, white on black, cropped, scaled to 20x20 and centred by its mass in 28x28, exactly how\n"
        "MNIST was made. Below: what the classifier actually sees, and how sure it is.",
        "### Welche Ziffer ist das?\n"
        "Den **Pinsel** wählen (links neben der Fläche), eine Ziffer groß zeichnen, dann **Klassifizieren** drücken. Die Zeichnung wird zuerst zu einer MNIST-Ziffer:\n"
        "Graustufen, weiß auf schwarz, zugeschnitten, auf 20x20 skaliert und nach ihrem Schwerpunkt in 28x28 zentriert, genau wie\n"
        "MNIST entstand. Darunter: was der Klassifikator tatsächlich sieht und wie sicher er ist.",
    ),
    "pad": ("Draw a digit", "Eine Ziffer zeichnen"),
    "classify": ("Classify", "Klassifizieren"),
    "seen": ("What the classifier sees (28x28)", "Was der Klassifikator sieht (28x28)"),
    "probs": ("Probabilities", "Wahrscheinlichkeiten"),
    "yardstick": ("The yardstick: what real digits (and non-digits) score", "Der Maßstab: was echte Ziffern (und Nicht-Ziffern) erreichen"),
    "yardstick_help": (
        "The image tabs measure their samples with these numbers, on 500 samples. Real test digits set the "
        "target (precision, recall, within-class diversity and FID there are 500 *other* real digits against the test "
        "digits: what real data scores); blurred digits, noise, copies of the training set and one digit repeated 500 "
        "times (a collapsed generator) show what each number catches. Fidelity and diversity are different things: "
        "the repeated digit is perfectly recognizable with precision 1, yet its recall and within-class diversity are 0.",
        "Die Bild-Reiter messen ihre Samples mit diesen Zahlen, an 500 Samples. Echte Testziffern geben das Ziel vor "
        "(Precision, Recall, Vielfalt in der Klasse und FID sind dort 500 *andere* echte Ziffern gegen die Testziffern: "
        "was echte Daten erreichen); unscharfe Ziffern, Rauschen, Kopien der Trainingsdaten und eine 500-mal wiederholte "
        "Ziffer (ein kollabierter Generator) zeigen, was jede Zahl erkennt. Treue und Vielfalt sind verschiedene Dinge: "
        "die wiederholte Ziffer ist fehlerfrei erkennbar, mit Precision 1, doch Recall und Vielfalt in der Klasse sind 0.",
    ),
    "table": ("Yardstick", "Maßstab"),
    # run-time texts
    "probs_title": ("How sure is the classifier?", "Wie sicher ist der Klassifikator?"),
    "digit_axis": ("digit", "Ziffer"),
    "probability_axis": ("probability", "Wahrscheinlichkeit"),
    "sample_note": ("{shown} of the {pool} training digits{which}. Under each: the classifier's guess and its confidence; {wrong}.",
                    "{shown} der {pool} Trainingsziffern{which}. Unter jeder: die Vermutung des Klassifikators und seine Sicherheit; {wrong}."),
    "labelled": (" labelled {digit}", " mit Label {digit}"),
    "all_correct": ("all correct", "alle richtig"),
    "n_wrong": ("{wrong} wrong, in red", "{wrong} falsch, in Rot"),
    "says": ("## The classifier says **{label}** ({p})", "## Der Klassifikator sagt **{label}** ({p})"),
    "hedge": (" (not very sure: digits drawn thin, tiny or off-centre look unlike MNIST)",
              " (nicht sehr sicher: dünn, winzig oder außermittig gezeichnete Ziffern sehen anders aus als MNIST)"),
    "accuracy": ("**Embedded classifier:** {accuracy} correct on the 500 held-out test digits ({right} of 500). Every image tab judges its samples with it.",
                 "**Eingebauter Klassifikator:** {accuracy} richtig auf den 500 zurückgehaltenen Testziffern ({right} von 500). Jeder Bild-Reiter beurteilt seine Samples damit."),
    "col_metric": ("metric", "Maß"), "col_meaning": ("what it measures", "was es misst"),
    "name_recognizability": ("recognizability", "Erkennbarkeit"), "name_confidence": ("confidence", "Sicherheit"),
    "name_precision": ("precision", "Precision"), "name_recall": ("recall", "Recall"),
    "name_class_diversity": ("within-class diversity", "Vielfalt in der Klasse"),
    "name_diversity": ("diversity", "Vielfalt"), "name_coverage": ("coverage", "Abdeckung"), "name_fid": ("FID", "FID"),
    "name_sharpness": ("sharpness", "Schärfe"), "name_nearest_train": ("distance to training", "Abstand zum Training"),
    "name_memorized_share": ("memorized share", "auswendig gelernter Anteil"),
    "Real test digits": ("Real test digits", "Echte Testziffern"),
    "Blurred test digits": ("Blurred test digits", "Unscharfe Testziffern"),
    # soft hyphens (\u00ad): where a long German word may break in a narrow column header
    "Uniform noise": ("Uniform noise", "Gleich\u00adverteiltes Rauschen"),
    "Copies of training digits": ("Copies of training digits", "Kopien von Trainings\u00adziffern"),
    "One digit repeated (collapsed)": ("One digit repeated (collapsed)", "Eine Ziffer wiederholt (kolla\u00adbiert)"),
    "precision": ("share of samples inside the real digits' k-NN manifold, k = 3: they look real (fidelity)",
                  "Anteil der Samples innerhalb der k-NN-Mannigfaltigkeit echter Ziffern, k = 3: sie sehen echt aus (Treue)"),
    "recall": ("share of real test digits inside the samples' k-NN manifold: the real variety covered (diversity)",
               "Anteil echter Testziffern innerhalb der k-NN-Mannigfaltigkeit der Samples: abgedeckte echte Vielfalt (Vielfalt)"),
    "class_diversity": ("spread among samples of the same digit, relative to real digits of it (1 = as varied as real; 0 = collapsed)",
                        "Streuung unter Samples derselben Ziffer, relativ zu echten Ziffern (1 = so vielfältig wie echt; 0 = kollabiert)"),
    "recognizability": ("share the classifier labels as the intended digit (higher is better)",
                        "Anteil, den der Klassifikator als die gemeinte Ziffer erkennt (höher ist besser)"),
    "confidence": ("mean probability of the intended digit", "mittlere Wahrscheinlichkeit der gemeinten Ziffer"),
    "diversity": ("mean distance between samples in classifier features", "mittlerer Abstand zwischen Samples in den Merkmalen des Klassifikators"),
    "coverage": ("share of the 10 digits that appear", "Anteil der 10 Ziffern, die vorkommen"),
    "fid": ("Fréchet distance to real test digits (lower is better; real-vs-real floor in the first column)",
            "Fréchet-Distanz zu echten Testziffern (niedriger ist besser; Untergrenze echt gegen echt in der ersten Spalte)"),
    "sharpness": ("edge contrast on the stroke boundaries, after light smoothing (blur lowers it; speckle and noise cannot raise it)",
                  "Kantenkontrast an den Strichrändern nach leichter Glättung (Unschärfe senkt ihn; Sprenkel und Rauschen heben ihn nicht)"),
    "nearest_train": ("mean Euclidean distance to the nearest training image (784 pixels, each 0 to 1)",
                      "mittlerer euklidischer Abstand zum nächsten Trainingsbild (784 Pixel, je 0 bis 1)"),
    "memorized_share": ("share that are near copies of a training image (lower is better)",
                        "Anteil, der fast eine Kopie eines Trainingsbilds ist (niedriger ist besser)"),
})
