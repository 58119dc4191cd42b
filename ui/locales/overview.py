"""Strings of the Overview tab."""

from ui.i18n import Texts

T = Texts("overview", {
    "tab": ("Overview: GenAI vs LLM", "Überblick: GenAI vs. LLM"),
    "intro": (
        "**Generative AI** learns the patterns of its training data and produces *new* content that "
        "resembles it without copying it: text, images, audio, video, 3D. Producing new content is "
        "called *inference*. **Large language models (LLMs)** are the language part of generative AI: "
        "every LLM is generative AI, but not every generative model is an LLM. GPT-4o is both (it writes "
        "and makes images); Midjourney is generative AI but not an LLM. The other tabs run one family "
        "each, on this machine, step by step.",
        "**Generative KI** lernt die Muster ihrer Trainingsdaten und erzeugt *neue* Inhalte, die ihnen "
        "ähneln, ohne sie zu kopieren: Text, Bilder, Audio, Video, 3D. Das Erzeugen neuer Inhalte heißt "
        "*Inferenz*. **Große Sprachmodelle (LLMs)** sind der sprachliche Teil der generativen KI: "
        "jedes LLM ist generative KI, aber nicht jedes generative Modell ist ein LLM. GPT-4o ist beides (es "
        "schreibt und erzeugt Bilder); Midjourney ist generative KI, aber kein LLM. Die anderen Reiter "
        "zeigen je eine Modellfamilie, hier auf diesem Rechner, Schritt für Schritt.",
    ),
    "sunburst": ("Generative AI: modalities, families, systems", "Generative KI: Modalitäten, Familien, Systeme"),
    "differences": (
        "## GenAI vs LLM: how they differ\n"
        "| | Generative AI (GenAI) | Large language models (LLMs) |\n|---|---|---|\n"
        "| **Purpose** | create any kind of content | understand and produce language |\n"
        "| **Training data** | any modality: images, audio, video, 3D, text | large text corpora: books, websites, forums |\n"
        "| **Architecture** | many: VAE, GAN, diffusion, transformer, NeRF | almost always transformers with self-attention and position encoding |\n"
        "| **Outputs** | images, music, speech, video, 3D, text | sentences, paragraphs, articles, code |\n"
        "| **Applications** | creative industries, entertainment, education, design | chat assistants, Q&A, summarization, translation, code generation |\n"
        "| **Challenges** | uneven quality, copyright, misleading content | overfitting, factual accuracy, bias and misinformation |\n",
        "## GenAI vs. LLM: die Unterschiede\n"
        "| | Generative KI (GenAI) | Große Sprachmodelle (LLMs) |\n|---|---|---|\n"
        "| **Zweck** | Inhalte jeder Art erzeugen | Sprache verstehen und erzeugen |\n"
        "| **Trainingsdaten** | jede Modalität: Bilder, Audio, Video, 3D, Text | große Textkorpora: Bücher, Websites, Foren |\n"
        "| **Architektur** | viele: VAE, GAN, Diffusionsmodell, Transformer, NeRF | fast immer Transformer mit Self-Attention und Positionskodierung |\n"
        "| **Ausgaben** | Bilder, Musik, Sprache, Video, 3D, Text | Sätze, Absätze, Artikel, Code |\n"
        "| **Anwendungen** | Kreativbranche, Unterhaltung, Bildung, Design | Chat-Assistenten, Fragen & Antworten, Zusammenfassen, Übersetzen, Codegenerierung |\n"
        "| **Herausforderungen** | schwankende Qualität, Urheberrecht, irreführende Inhalte | Overfitting, sachliche Richtigkeit, Bias und Desinformation |\n",
    ),
    "which": ("## Which family fits your task?", "## Welche Familie passt zu Ihrer Aufgabe?"),
    "modality": ("What should it output?", "Was soll herauskommen?"),
    "data": ("How much training data do you have?", "Wie viele Trainingsdaten haben Sie?"),
    "compute": ("How much training compute?", "Wie viel Rechenleistung fürs Training?"),
    "fast": ("Generation must be fast / real-time", "Die Erzeugung muss schnell / in Echtzeit sein"),
    "detail": ("Fine detail matters (blur is not acceptable)", "Feine Details zählen (Unschärfe ist nicht akzeptabel)"),
    "photos": ("Learn a 3D scene from photos", "Eine 3D-Szene aus Fotos lernen"),
    "rank": ("Rank the families", "Familien bewerten"),
    "fit": ("Fit scores", "Eignung"),
    "text": ("text", "Text"), "image": ("image", "Bild"), "audio": ("audio", "Audio"), "video": ("video", "Video"),
    "3D": ("3D", "3D"),
    "little": ("little", "wenig"), "moderate": ("moderate", "mittel"), "lots": ("lots", "viel"),
    "glance": ("The five families at a glance", "Die fünf Familien auf einen Blick"),
    "glance_header": ("| family | how it generates | strengths | weaknesses | use when |",
                      "| Familie | wie sie erzeugt | Stärken | Schwächen | geeignet, wenn |"),
    "table": ("{table}", "{table}"),  # a table made in both languages when the layout is built (T.filled)
    "agents": ("## Beyond one LLM: when several agents work together", "## Mehr als ein LLM: wenn mehrere Agenten zusammenarbeiten"),
    "mast": (
        "Systems of several LLM agents fail in recurring ways. The MAST taxonomy (Cemri et al., "
        "*Why Do Multi-Agent LLM Systems Fail?*, arXiv 2503.13657) sorts them into 14 modes in 3 "
        "categories. The early version annotated 200+ traces by hand (over 15,000 tokens each on "
        "average); the published version (NeurIPS 2025) used 1,642 traces from 7 frameworks with "
        "inter-annotator agreement κ = 0.88. The lesson: such failures need structured diagnosis, "
        "not ad-hoc fixes.",
        "Systeme aus mehreren LLM-Agenten scheitern auf wiederkehrende Weise. Die MAST-Taxonomie (Cemri et al., "
        "*Why Do Multi-Agent LLM Systems Fail?*, arXiv 2503.13657) ordnet die Fehler in 14 Modi und 3 "
        "Kategorien. Die frühe Fassung annotierte über 200 Verläufe von Hand (im Schnitt über 15.000 Token "
        "je Verlauf); die veröffentlichte Fassung (NeurIPS 2025) nutzte 1.642 Verläufe aus 7 Frameworks mit "
        "einer Übereinstimmung der Annotierenden von κ = 0,88. Die Lehre: solche Fehler brauchen eine "
        "strukturierte Diagnose, keine Ad-hoc-Korrekturen.",
    ),
    "mast_chart": ("MAST failure categories", "MAST-Fehlerkategorien"),
    "modes": ("**The 14 failure modes**", "**Die 14 Fehlermodi** (in der Originalbezeichnung)"),
    "FC1 Specification / system design": ("FC1 Specification / system design", "FC1 Spezifikation / Systementwurf"),
    "FC2 Inter-agent misalignment": ("FC2 Inter-agent misalignment", "FC2 Fehlabstimmung zwischen Agenten"),
    "FC3 Task verification": ("FC3 Task verification", "FC3 Prüfung der Aufgabe"),
    "best_first": ("### Best fit first", "### Beste Eignung zuerst"),
    # run-time texts
    "sunburst_title": ("Generative AI by output, family and system — <span style='color:{colour}'>orange = LLMs</span>, a subset of GenAI",
                       "Generative KI nach Ausgabe, Familie und System — <span style='color:{colour}'>orange = LLMs</span>, eine Teilmenge der GenAI"),
    "genai": ("Generative AI", "Generative KI"),
    "genai_hover": ("All generative models", "Alle generativen Modelle"),
    "modality_hover": ("Generative AI that outputs {modality}", "Generative KI, die {modality} ausgibt"),
    "Text": ("Text", "Text"), "Image": ("Image", "Bild"), "Video": ("Video", "Video"), "Audio": ("Audio", "Audio"),
    "is_llm": ("An LLM: ", "Ein LLM: "), "not_llm": ("Not an LLM: ", "Kein LLM: "),
    "llm_and_genai": ("LLM and GenAI", "LLM und GenAI"), "genai_not_llm": ("GenAI, not an LLM", "GenAI, kein LLM"),
    "mast_title": ("Why multi-agent LLM systems fail (MAST): share of failures per category",
                   "Warum Multi-Agenten-LLM-Systeme scheitern (MAST): Anteil der Fehler je Kategorie"),
    "mast_axis": ("share of observed failures (%)", "Anteil der beobachteten Fehler (%)"),
    "mast_early": ("Early version (arXiv, 200+ hand-annotated traces)", "Frühe Fassung (arXiv, über 200 von Hand annotierte Verläufe)"),
    "mast_published": ("Published version (NeurIPS 2025, 1,642 traces, 7 frameworks, κ = 0.88)",
                       "Veröffentlichte Fassung (NeurIPS 2025, 1.642 Verläufe, 7 Frameworks, κ = 0,88)"),
    "fit_title": ("Fit score (higher = better fit for your task)", "Eignung (höher = passt besser zu Ihrer Aufgabe)"),
    "score_rule": ("*Score = how well the family makes this output (0 to 3) × 2^(points of your needs / 4): needs worth "
                   "+4 points double it, −4 halve it. So a family that hardly makes the output stays low, whatever "
                   "its other strengths.*",
                   "*Wert = wie gut die Familie diese Ausgabe erzeugt (0 bis 3) × 2^(Punkte Ihrer Anforderungen / 4): "
                   "Anforderungen mit +4 Punkten verdoppeln ihn, −4 halbieren ihn. Eine Familie, die die Ausgabe kaum "
                   "erzeugt, bleibt also niedrig, was sie sonst auch kann.*"),
    "nerf_render_refuted": ("rendering measured fast here: a view in {view} ms, {pixel} µs per pixel against the slowest "
                            "image family's {slowest} µs (Compare tab: \"NeRF is slow\" refuted)",
                            "Rendern hier schnell gemessen: eine Ansicht in {view} ms, {pixel} µs pro Pixel gegen {slowest} µs "
                            "der langsamsten Bild-Familie (Reiter Vergleich: „NeRF ist langsam“ widerlegt)"),
    "nerf_render_supported": ("slow to render, as measured here: a view in {view} ms, {pixel} µs per pixel against the "
                              "slowest image family's {slowest} µs (Compare tab)",
                              "langsam beim Rendern, hier gemessen: eine Ansicht in {view} ms, {pixel} µs pro Pixel gegen "
                              "{slowest} µs der langsamsten Bild-Familie (Reiter Vergleich)"),
    "nerf_render_undecided": ("slow to render, say textbooks; measured here: a view in {view} ms, {pixel} µs per pixel "
                              "against the slowest image family's {slowest} µs, not decided (Compare tab)",
                              "langsam beim Rendern, sagen Lehrbücher; hier gemessen: eine Ansicht in {view} ms, {pixel} µs pro "
                              "Pixel gegen {slowest} µs der langsamsten Bild-Familie, unentschieden (Reiter Vergleich)"),
    "nerf_render_unmeasured": ("slow to render, say textbooks (not measured here)", "langsam beim Rendern, sagen Lehrbücher (hier nicht gemessen)"),
    "but": ("{pro}; but {con}", "{pro}; aber {con}"),
})

# The families table (engines/families.FAMILIES) in German: how it generates, strengths, weaknesses, use when.
FAMILIES_DE = {
    "VAE": (
        "Ein Encoder bildet die Eingabe auf eine Wolke (Mittelwert und Varianz) in einem kompakten latenten Raum ab; "
        "ein Decoder macht aus Stichproben dieser Wolke oder der Prior-Verteilung wieder Inhalte.",
        "geht prinzipiell mit Unsicherheit um; kommt mit wenigen oder schlechten Daten aus; glatter latenter Raum",
        "unscharfe Ausgabe, der feine Details fehlen",
        "die Daten knapp sind und etwas Unschärfe akzeptabel ist",
    ),
    "GAN": (
        "Ein Generator macht aus Zufallsrauschen Stichproben, ein Diskriminator bewertet echt gegen gefälscht (0 bis 1); "
        "beide trainieren gegeneinander, bis die Fälschungen durchgehen.",
        "scharfe, detailreiche Ausgabe; schnelle Erzeugung in einem Vorwärtsdurchlauf",
        "langes, instabiles, teures Training; kann seltene Modi auslassen (Mode Collapse)",
        "hohe Qualität und günstige, schnelle Erzeugung zählen und Rechenleistung fürs Training da ist",
    ),
    "Diffusion": (
        "Im Training wird Schritt für Schritt Rauschen hinzugefügt und das Entfernen gelernt; die Erzeugung beginnt "
        "mit reinem Rauschen und entrauscht es Schritt für Schritt.",
        "sehr hohe Qualität, oft über GANs; stabileres Training als GANs",
        "viele Schritte: teures Training und langsamere Erzeugung; kann seltene Details verpassen",
        "die Daten groß und vielfältig sind, Rechenleistung reichlich da ist und Bild, Audio oder Video herauskommen soll",
    ),
    "Transformer": (
        "Token beachten einander über Self-Attention, und das Modell sagt vorher, welches Token als nächstes kommt, "
        "ein Token nach dem anderen.",
        "weitreichender Kontext; äußerst vielseitig",
        "braucht sehr viele Daten und viel Rechenleistung; schwer zu erklären",
        "Daten und Rechenleistung reichlich da sind und es um Sprache oder viele Aufgaben zugleich geht",
    ),
    "NeRF": (
        "Aus Fotos mit bekannten Kamerapositionen wird durch jedes Pixel ein Strahl geschickt; ein MLP sagt Farbe und "
        "Dichte entlang des Strahls vorher, und Volumen-Rendering setzt sie zusammen.",
        "3D aus wenigen 2D-Fotos, keine 3D-Trainingsdaten nötig",
        "rechenintensives Training, und ein Netz pro Szene",
        "3D einer echten Szene aus wenigen Fotos gewünscht ist und Zeit zum Trainieren bleibt",
    ),
}

# The advisor's reasons (engines/families.py keeps them in English), in German.
REASONS_DE = {
    "LLMs are transformers: the standard for text": "LLMs sind Transformer: der Standard für Text",
    "text diffusion exists but is rare": "Text-Diffusion gibt es, aber selten",
    "VAEs for text are mostly research models": "VAEs für Text sind meist Forschungsmodelle",
    "GANs struggle with discrete tokens": "GANs tun sich mit diskreten Token schwer",
    "NeRF makes 3D scenes, not text": "NeRF erzeugt 3D-Szenen, keinen Text",
    "the leading image generators are diffusion models": "die führenden Bildgeneratoren sind Diffusionsmodelle",
    "GANs make sharp images": "GANs erzeugen scharfe Bilder",
    "VAEs make images from a smooth latent space": "VAEs erzeugen Bilder aus einem glatten latenten Raum",
    "transformers can generate images as tokens": "Transformer können Bilder als Token erzeugen",
    "NeRF renders images only of one captured scene": "NeRF rendert nur Bilder einer aufgenommenen Szene",
    "diffusion models generate high-fidelity audio": "Diffusionsmodelle erzeugen Audio in hoher Qualität",
    "transformers generate audio as sequences of sound codes": "Transformer erzeugen Audio als Folgen von Klangcodes",
    "GAN vocoders synthesise audio fast": "GAN-Vocoder erzeugen Audio schnell",
    "VAEs compress audio into smooth latents": "VAEs komprimieren Audio in einen glatten latenten Raum",
    "NeRF makes 3D scenes, not audio": "NeRF erzeugt 3D-Szenen, kein Audio",
    "video generators such as Sora are diffusion models": "Videogeneratoren wie Sora sind Diffusionsmodelle",
    "transformers model long video sequences": "Transformer modellieren lange Videosequenzen",
    "video GANs exist, though behind diffusion": "Video-GANs gibt es, wenn auch hinter Diffusion",
    "VAEs compress video frames": "VAEs komprimieren Videobilder",
    "NeRF renders fly-through videos of one scene": "NeRF rendert Kamerafahrten durch eine Szene",
    "NeRF turns photos into a 3D scene": "NeRF macht aus Fotos eine 3D-Szene",
    "diffusion can generate 3D shapes": "Diffusion kann 3D-Formen erzeugen",
    "3D-aware GANs exist": "es gibt 3D-fähige GANs",
    "VAEs can encode 3D shapes": "VAEs können 3D-Formen kodieren",
    "transformers can emit 3D meshes as tokens": "Transformer können 3D-Netze als Token ausgeben",
    "works with limited or low-quality data": "kommt mit wenigen oder schlechten Daten aus",
    "needs only a few photos": "braucht nur wenige Fotos",
    "unstable training on little data": "instabiles Training bei wenigen Daten",
    "wants large, diverse data": "braucht große, vielfältige Daten",
    "needs very large data": "braucht sehr viele Daten",
    "thrives on very large data": "blüht bei sehr vielen Daten auf",
    "large diverse data brings out its fidelity": "große, vielfältige Daten bringen seine Qualität zur Geltung",
    "more data makes GAN training easier": "mehr Daten erleichtern das GAN-Training",
    "cheap and stable to train": "günstig und stabil zu trainieren",
    "long, costly training": "langes, teures Training",
    "costly training": "teures Training",
    "heavy compute to train": "rechenintensives Training",
    "needs lots of compute": "braucht viel Rechenleistung",
    "compute buys its very high fidelity": "Rechenleistung erkauft seine sehr hohe Qualität",
    "compute buys scale and versatility": "Rechenleistung erkauft Größe und Vielseitigkeit",
    "compute pays for its long training": "Rechenleistung bezahlt sein langes Training",
    "fast generation in one forward pass": "schnelle Erzeugung in einem Vorwärtsdurchlauf",
    "one decoder pass per sample": "ein Decoder-Durchlauf pro Sample",
    "generates one token at a time": "erzeugt ein Token nach dem anderen",
    "many denoising steps: slower generation": "viele Entrauschungsschritte: langsamere Erzeugung",
    "slow to render, as measured on the Compare tab": "langsam beim Rendern, gemessen im Reiter Vergleich",
    "renders fast here: the Compare tab's measurement refutes \"NeRF is slow\"": "rendert hier schnell: die Messung im Reiter Vergleich widerlegt „NeRF ist langsam“",
    "slow to render, say textbooks; the Compare tab's measurement is undecided": "langsam beim Rendern, sagen Lehrbücher; die Messung im Reiter Vergleich ist unentschieden",
    "slow to render, say textbooks; not measured here": "langsam beim Rendern, sagen Lehrbücher; hier nicht gemessen",
    "very high fidelity, often above GANs": "sehr hohe Qualität, oft über GANs",
    "sharp, detailed output": "scharfe, detailreiche Ausgabe",
    "detailed when large enough": "detailreich, wenn groß genug",
    "fine view-dependent detail of real scenes": "feine, blickwinkelabhängige Details echter Szenen",
    "blurry output that misses fine detail": "unscharfe Ausgabe, der feine Details fehlen",
    "3D from 2D photos, no 3D training data needed": "3D aus 2D-Fotos, keine 3D-Trainingsdaten nötig",
    "needs 3D training data or a NeRF underneath": "braucht 3D-Trainingsdaten oder ein NeRF darunter",
    "trains on a large collection, not on one scene's photos": "trainiert auf einer großen Sammlung, nicht auf den Fotos einer Szene",
    "needs many training examples, not one scene's photos": "braucht viele Trainingsbeispiele, nicht die Fotos einer Szene",
    "does not learn 3D from a few photos": "lernt kein 3D aus wenigen Fotos",
}
