"""Strings of the NeRF tab."""

from ui.i18n import Texts

T = Texts("nerf", {
    "tab": ("NeRF", "NeRF"),
    "intro": (
        "## NeRF: from photos with known camera poses to new views\n"
        "A Neural Radiance Field learns a 3D scene from photos. For every pixel it shoots a **ray** from the camera, "
        "asks a small neural network for the **density σ** and **colour** at points along the ray, and mixes them by "
        "**volume rendering**. Training compares these rendered pixels with the photos and nudges the network until they match.",
        "## NeRF: von Fotos mit bekannten Kamerapositionen zu neuen Ansichten\n"
        "Ein Neural Radiance Field lernt eine 3D-Szene aus Fotos. Für jedes Pixel schießt es einen **Strahl** aus der Kamera, "
        "fragt ein kleines neuronales Netz nach der **Dichte σ** und der **Farbe** an Punkten entlang des Strahls und mischt sie per "
        "**Volumenrendering**. Das Training vergleicht diese gerenderten Pixel mit den Fotos und justiert das Netz, bis sie übereinstimmen.",
    ),
    "photos_acc": ("1 · The photos: 92 views of a rubber duck with exact camera poses", "1 · Die Fotos: 92 Ansichten einer Gummiente mit exakten Kamerapositionen"),
    "photos_help": (
        "80 photos train the model; 12 (orange) are held out to measure how well it renders views it never saw. "
        "They were rendered by pybullet's software renderer from the COLLADA duck model, so every camera pose is exact.",
        "80 Fotos trainieren das Modell; 12 (orange) werden zurückgehalten, um zu messen, wie gut es nie gesehene Ansichten rendert. "
        "Sie wurden mit dem Software-Renderer von pybullet aus dem COLLADA-Entenmodell gerendert, daher ist jede Kameraposition exakt.",
    ),
    "every4": ("Every 4th training photo", "Jedes 4. Trainingsfoto"),
    "cameras": ("Camera positions", "Kamerapositionen"),
    "surface": ("Add the surface the NeRF learnt to the 3D scene", "Die gelernte Oberfläche des NeRF in die 3D-Szene einfügen"),
    "ray_acc": ("2 · One ray, step by step (the heart of NeRF)", "2 · Ein Strahl, Schritt für Schritt (das Herz von NeRF)"),
    "ray_help": (
        "Pick a photo and a pixel (or click on the photo). The ray through that pixel is drawn in the 3D scene with its samples "
        "(bigger = more weight). The charts show what the network says along the ray: density σ, how much light "
        "still gets through (transmittance T), and each sample's weight w. The pixel colour is Σ w·colour, plus the "
        "white background times what is left (1 − Σw).",
        "Ein Foto und ein Pixel wählen (oder ins Foto klicken). Der Strahl durch dieses Pixel wird mit seinen Samples in die 3D-Szene "
        "gezeichnet (größer = mehr Gewicht). Die Diagramme zeigen, was das Netz entlang des Strahls sagt: Dichte σ, wie viel Licht "
        "noch durchkommt (Transmittanz T) und das Gewicht w jedes Samples. Die Pixelfarbe ist Σ w·Farbe, plus der "
        "weiße Hintergrund mal dem Rest (1 − Σw).",
    ),
    "view": ("Photo (0-79 training, 80-91 held out)", "Foto (0-79 Training, 80-91 zurückgehalten)"),
    "px": ("Pixel x", "Pixel x"),
    "py": ("Pixel y", "Pixel y"),
    "trace": ("Trace this ray", "Diesen Strahl verfolgen"),
    "photo": ("The photo (click a pixel)", "Das Foto (ein Pixel anklicken)"),
    "swatches": ("Composited colour vs true pixel", "Gemischte Farbe vs. echtes Pixel"),
    "along": ("Along the ray", "Entlang des Strahls"),
    "ray3d": ("The ray in 3D", "Der Strahl in 3D"),
    "views_acc": ("3 · New views: where no camera stood", "3 · Neue Ansichten: wo keine Kamera stand"),
    "views_help": (
        "Move the camera anywhere on a sphere around the duck. Every pixel is a ray through the trained network. "
        "Distance 1.0 is where the photos were taken. The depth image shows the expected distance Σ w·t of each ray.",
        "Die Kamera beliebig auf einer Kugel um die Ente bewegen. Jedes Pixel ist ein Strahl durch das trainierte Netz. "
        "Abstand 1,0 ist dort, wo die Fotos aufgenommen wurden. Das Tiefenbild zeigt den erwarteten Abstand Σ w·t jedes Strahls.",
    ),
    "azimuth": ("Azimuth (degrees)", "Azimut (Grad)"),
    "elevation": ("Elevation (degrees)", "Höhenwinkel (Grad)"),
    "distance": ("Distance (× the photos' camera radius)", "Abstand (× Kameraradius der Fotos)"),
    "render": ("Render this view", "Diese Ansicht rendern"),
    "rgb": ("Rendered colour", "Gerenderte Farbe"),
    "depth": ("Rendered depth (yellow = near)", "Gerenderte Tiefe (gelb = nah)"),
    "turn_frames": ("Turntable frames", "Bilder der Drehung"),
    "turn": ("Make a turntable GIF", "Drehung als GIF erzeugen"),
    "gif": ("Turntable GIF", "Drehung als GIF"),
    "turntable": ("Turntable", "Drehung"),
    "train_acc": ("4 · Live training: a voxel-grid radiance field from scratch", "4 · Live-Training: ein Voxelgitter-Radiance-Field von Grund auf"),
    "train_help": (
        "A dense 3D grid stores density and colour directly (no network); points between voxels are interpolated. "
        "Same rays, same volume rendering, same loss as the NeRF. Watch the held-out view sharpen and the PSNR rise. "
        "The grey duck-shaped ghost at step 0 is the *visual hull*: space that every photo's silhouette allows "
        "(space carving, known before any training); the grid only learns inside it. "
        "Training stops by itself once the PSNR stops rising, at the latest at the time limit. "
        "Your run is yours alone (per browser session); Stop ends it.",
        "Ein dichtes 3D-Gitter speichert Dichte und Farbe direkt (kein Netz); Punkte zwischen Voxeln werden interpoliert. "
        "Gleiche Strahlen, gleiches Volumenrendering, gleicher Loss wie beim NeRF. Sehen Sie zu, wie die zurückgehaltene Ansicht schärfer wird und der PSNR steigt. "
        "Der graue entenförmige Geist bei Schritt 0 ist die *visuelle Hülle*: der Raum, den die Silhouette jedes Fotos zulässt "
        "(Space Carving, schon vor dem Training bekannt); das Gitter lernt nur darin. "
        "Das Training endet von selbst, sobald der PSNR nicht mehr steigt, spätestens beim Zeitlimit. "
        "Ihr Lauf gehört nur Ihnen (pro Browser-Sitzung); Stopp beendet ihn.",
    ),
    "seconds": ("Time limit (seconds)", "Zeitlimit (Sekunden)"),
    "seed": ("Seed", "Seed"),
    "train": ("Train", "Trainieren"),
    "stop": ("Stop", "Stopp"),
    "train_image": ("Grid render vs held-out photo", "Gitter-Rendering vs. zurückgehaltenes Foto"),
    "curve": ("PSNR vs time", "PSNR über der Zeit"),
    "mp4": ("Turntable MP4 (for slides)", "Drehung als MP4 (für Folien)"),
    "record": ("Make the last training run a GIF and MP4", "Den letzten Trainingslauf als GIF und MP4"),
    "record_gif": ("Training as GIF", "Training als GIF"),
    "record_mp4": ("Training as MP4 (for slides)", "Training als MP4 (für Folien)"),
    "trained": (
        "The pretrained MLP NeRF took **{minutes} min** ({steps} steps{batches}; {machine}) and reaches **{psnr} dB** on "
        "{test_views} test photos that neither its training nor the choice of its checkpoint (made on {validation_views} "
        "other held-out photos) ever saw.",
        "Das vortrainierte MLP-NeRF brauchte **{minutes} min** ({steps} Schritte{batches}; {machine}) und erreicht **{psnr} dB** auf "
        "{test_views} Testfotos, die weder sein Training noch die Wahl seines Checkpoints (an {validation_views} anderen "
        "zurückgehaltenen Fotos getroffen) je gesehen haben.",
    ),
    "strengths": (
        "### Strengths and weaknesses, measured here\n"
        "- **Strength: 3D from photos alone.** No 3D model was given: only 80 photos and where each camera stood. "
        "The object you turn around above was never seen from most of those angles.\n"
        "- **Weakness: slow to train.** {trained} The voxel grid in *Live training* gets a recognisable object in seconds "
        "because it replaces the network by a lookup table: much faster, but it stores every voxel (memory grows with resolution³).\n"
        "- **Rendering: many network queries per image.** Each {width}×{height} image is {rays} rays × {samples} samples: the network is "
        "asked about up to {points} points (see the time under *New views*); a GAN makes a whole image in one pass of its network.{measured}\n"
        "- **Use it when** the 3D content can be made ahead of time from a limited set of posed photos, and real-time speed is not needed.",
        "### Stärken und Schwächen, hier gemessen\n"
        "- **Stärke: 3D allein aus Fotos.** Es gab kein 3D-Modell: nur 80 Fotos und den Standort jeder Kamera. "
        "Das Objekt, das Sie oben drehen, wurde aus den meisten dieser Winkel nie gesehen.\n"
        "- **Schwäche: langsames Training.** {trained} Das Voxelgitter im *Live-Training* zeigt in Sekunden ein erkennbares Objekt, "
        "weil es das Netz durch eine Nachschlagetabelle ersetzt: viel schneller, aber es speichert jedes Voxel (der Speicher wächst mit Auflösung³).\n"
        "- **Rendern: viele Anfragen ans Netz pro Bild.** Jedes {width}×{height}-Bild besteht aus {rays} Strahlen × {samples} Samples: das Netz "
        "wird zu bis zu {points} Punkten befragt (siehe die Zeit unter *Neue Ansichten*); ein GAN erzeugt ein ganzes Bild in einem Durchlauf "
        "seines Netzes.{measured}\n"
        "- **Geeignet, wenn** sich der 3D-Inhalt vorab aus einer begrenzten Menge Fotos mit Kameraposition erstellen lässt und keine Echtzeit nötig ist.",
    ),
    # run-time texts
    "photo_held_out": ("photo (held out)", "Foto (zurückgehalten)"),
    "training_cameras": ("training cameras", "Trainingskameras"), "held_out_cameras": ("held-out cameras", "zurückgehaltene Kameras"),
    "photo_n": ("photo {n}", "Foto {n}"),
    "learnt_surface": ("learnt surface", "gelernte Oberfläche"),
    "the_ray": ("the ray", "der Strahl"),
    "samples_size": ("samples (size = weight)", "Samples (Größe = Gewicht)"),
    "cameras_title": ("Cameras around the object", "Kameras um das Objekt"),
    "density_title": ("density σ (how much 'stuff' is at each sample)", "Dichte σ (wie viel „Materie“ an jedem Sample ist)"),
    "transmittance_title": ("transmittance T (light surviving to here)", "Transmittanz T (Licht, das bis hier durchkommt)"),
    "weight_title": ("weight w = T·(1 − exp(−σδ)) (share of the pixel colour)", "Gewicht w = T·(1 − exp(−σδ)) (Anteil an der Pixelfarbe)"),
    "colour_title": ("colour at each sample (grey: known-empty space, skipped)", "Farbe an jedem Sample (grau: bekannt leerer Raum, übersprungen)"),
    "ray_misses": ("This ray misses the object's box: the pixel is plain background.",
                   "Dieser Strahl verfehlt die Box des Objekts: das Pixel ist reiner Hintergrund."),
    "colour": ("colour", "Farbe"),
    "distance_axis": ("distance t along the ray (world units)", "Abstand t entlang des Strahls (Welteinheiten)"),
    "nerf_composited": ("NeRF (composited)", "NeRF (gemischt)"), "photo_true": ("photo (true)", "Foto (echt)"),
    "held_out_psnr": ("held-out PSNR", "PSNR zurückgehalten"),
    "step_n": ("step {n}", "Schritt {n}"),
    "seconds_axis": ("time (s)", "Zeit (s)"),
    "psnr_axis": ("held-out PSNR (dB)", "PSNR, zurückgehalten (dB)"),
    "curve_title": ("Live training: higher is closer to the photo", "Live-Training: höher ist näher am Foto"),
    "loading_nerf": ("Loading the NeRF", "Das NeRF wird geladen"),
    "rendering": ("Rendering: {rays} rays × {samples} samples", "Rendern: {rays} Strahlen × {samples} Samples"),
    "rendered": ("Rendered {width}×{height} in **{seconds} s** on this machine's {device} ({rays} rays × {samples} samples).",
                 "{width}×{height} gerendert in **{seconds} s** auf der {device} dieses Rechners ({rays} Strahlen × {samples} Samples)."),
    "trained_batches": (" of {rays} rays × {samples} samples", " mit je {rays} Strahlen × {samples} Samples"),
    "rendering_turntable": ("Rendering the turntable", "Die Drehung wird gerendert"),
    "turntable_done": ("{count} views rendered in **{seconds} s** ({each} s each).", "{count} Ansichten gerendert in **{seconds} s** ({each} s pro Ansicht)."),
    "ray_photo": ("Photo {view} ({kind}), pixel ({x}, {y}). ", "Foto {view} ({kind}), Pixel ({x}, {y}). "),
    "training": ("training", "Training"), "held_out": ("held-out", "zurückgehalten"),
    "ray_hits": ("The ray crosses the object's box with {n} samples; total weight Σw = {opacity}, so {through} of the white background shows through. ",
                 "Der Strahl durchquert die Box des Objekts mit {n} Samples; Gesamtgewicht Σw = {opacity}, also scheinen {through} des weißen Hintergrunds durch. "),
    "ray_misses_text": ("The ray misses the object's box, so the pixel is the white background. ",
                        "Der Strahl verfehlt die Box des Objekts, also ist das Pixel der weiße Hintergrund. "),
    "ray_colours": ("NeRF colour {nerf} vs photo {photo} (RGB 0-255).", "NeRF-Farbe {nerf} gegen Foto {photo} (RGB 0-255)."),
    "grid_caption": ("grid after {steps} steps, {seconds} s: {psnr} dB", "Gitter nach {steps} Schritten, {seconds} s: {psnr} dB"),
    "render_measured": (
        " Compare's shipped measurements put it in between: **{nerf} µs per output pixel**, more than a GAN ({gan} µs) but far "
        "less than diffusion ({diffusion} µs, one pass of its network per denoising step).",
        " Die mitgelieferten Messungen im Reiter Vergleich legen es dazwischen: **{nerf} µs pro Ausgabepixel**, mehr als ein GAN "
        "({gan} µs), aber weit weniger als Diffusion ({diffusion} µs, ein Durchlauf des Netzes pro Entrauschungsschritt).",
    ),
    "training_now": ("Training: step {steps}, {seconds} s, held-out PSNR **{psnr} dB** (best so far {best} dB).",
                     "Training: Schritt {steps}, {seconds} s, PSNR der zurückgehaltenen Ansicht **{psnr} dB** (bisher bestes {best} dB)."),
    "stopped_plateau": (
        "**Stopped after {seconds} s and {steps} steps: the PSNR has levelled off** at {psnr} dB (best {best} dB). It had not risen "
        "by {gain} dB for {patience} steps, so more time would hardly change the picture.",
        "**Nach {seconds} s und {steps} Schritten beendet: der PSNR steigt nicht mehr**, er liegt bei {psnr} dB (bestes {best} dB). "
        "In {patience} Schritten stieg er nicht mehr um {gain} dB, mehr Zeit würde das Bild kaum verändern.",
    ),
    "stopped_time": ("**Time limit reached** after {seconds} s and {steps} steps: held-out PSNR {psnr} dB (best {best} dB). It was still "
                     "gaining ({gain} dB or more within its last {patience} steps): a longer limit trains further.",
                     "**Zeitlimit erreicht** nach {seconds} s und {steps} Schritten: PSNR {psnr} dB (bestes {best} dB). Er stieg noch "
                     "(um {gain} dB oder mehr in den letzten {patience} Schritten): ein längeres Limit trainiert weiter."),
    "stopped_steps": ("**All {steps} steps done** after {seconds} s: held-out PSNR {psnr} dB (best {best} dB).",
                      "**Alle {steps} Schritte fertig** nach {seconds} s: PSNR {psnr} dB (bestes {best} dB)."),
})
