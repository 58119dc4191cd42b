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
                      "| Familie | wie sie erzeugt (englisch) | Stärken | Schwächen | geeignet, wenn |"),
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
    "modes": ("**The 14 failure modes**", "**Die 14 Fehlermodi** (Originalbezeichnungen)"),
    "best_first": ("### Best fit first", "### Beste Eignung zuerst"),
})
