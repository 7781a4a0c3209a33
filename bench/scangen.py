"""Scanned plans with breadth: each reference plan drawn in several fonts and sizes, then
printed, stamped, signed, photocopied, scanned or photographed (`bench.degrade`), under
named, seeded conditions split into a TUNE set and a HELD-OUT set.

The `scan300`/`scan200` variants of `bench.render` all look alike (one font family, one
mild degradation), so a reader tuned on them learns little about real scans. Here the
two splits share no body font and no seed: the pipeline may be tuned on the TUNE
conditions (photocopies, stamps, photos, extremes) and is judged on HELD-OUT ones drawn
in fonts and with random draws it has never seen. Everything is deterministic: a
condition's seed, the plan and the page number seed each page's random generator.

Output: ``build/scans/<plan>/<condition>.pdf``, image-only (one greyscale JPEG per page
at the condition's dpi, the page size following from it), cached by a fingerprint of
its inputs.

Usage: ``python -m bench.scangen [--plan P] [--condition C] [--split tune|heldout]
[--preview DIR]`` (``--preview`` writes DIR/<condition>.png, the first page of the plan,
plan2026 by default, as it is in the PDF).
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import io
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from bench import degrade, fonts, render

OUT = render.ROOT / "build" / "scans"
SPLITS = ("tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
          "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13",
          "heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "heldout19", "heldout20",
          "heldout21", "heldout22", "heldout23", "heldout24", "heldout25",
          "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31",
          "heldout32", "heldout33", "heldout34", "heldout35",
          "heldout36", "heldout37", "heldout38", "heldout39",
          "heldout40", "heldout41", "heldout42", "heldout43", "heldout44",
          "heldout45", "heldout46", "heldout47", "heldout48", "heldout49")


@dataclass(frozen=True)
class Photocopy:
    """See `degrade.photocopy`."""
    paper: int = 225  # grey of blank paper after copying
    ink: int = 60  # grey of solid ink
    morph: int = 0  # +n px thicker strokes, -n thinner
    dropout: float = 0.0  # share of the ink lost in holes (broken strokes)
    streaks: int = 0  # toner streaks


@dataclass(frozen=True)
class Photo:
    """See `degrade.phone_photo`."""
    max_angle: float = 5.0
    vignette: float = 0.3
    shadow: float = 0.3


@dataclass(frozen=True)
class Condition:
    """How one scanned plan is made: its body font and size, the scan's dpi, the seed,
    and what happens to each page (in this order: seal, edge seal, signature,
    bleed-through; photocopy, speckle; skew and uneven light, or a phone photo; blur,
    noise; JPEG)."""
    name: str
    split: str  # one of SPLITS
    font: str  # a family of bench.fonts.FONT_FILES
    size: float  # body size, pt (9–13)
    dpi: int
    seed: int
    skew: float  # flatbed: max |angle|, degrees
    blur: float  # Gaussian sigma, px
    noise: float  # Gaussian noise sigma, grey levels
    jpeg: int  # JPEG quality of the pages (40–90)
    skew_min: float = 0.0  # flatbed: min |angle|, degrees (to force an extreme)
    speckle: float = 0.0  # specks per pixel
    illumination: float = 0.0  # darkening of blank paper at the binding edge (0–1)
    photocopy: Photocopy | None = None
    seal_every: int = 0  # a round seal over the table on pages 1, 1+k, 1+2k … (0: none)
    edge_seal: bool = False  # a "dấu giáp lai" slice at the right edge of every page
    signature: bool = False  # initials near the bottom of every page
    bleed: float = 0.0  # bleed-through strength (0: none)
    photo: Photo | None = None  # a phone photo instead of a flatbed scan
    layout: str = ""  # "": the plan's own drawing (bench.render); "relayout": another
    # province's layout of the same rows through LibreOffice (bench.render's `relayout`)


LIGHT_COPY = Photocopy(paper=222, ink=62, morph=1, dropout=0.0, streaks=2)

CONDITIONS: tuple[Condition, ...] = (
    # ---- TUNE: Liberation Serif/Sans, DejaVu Serif; the same kinds as held-out at other
    # settings, and the extremes (±3°, 150 dpi, JPEG 40, a copy of a copy).
    Condition("flatbed300", "tune", "LiberationSerif", 11, 300, 101, skew=0.8, blur=0.6, noise=7, jpeg=80),
    Condition("flatbed200", "tune", "LiberationSans", 10, 200, 102, skew=1.2, blur=0.5, noise=8, jpeg=65),
    Condition("copy_seal", "tune", "DejaVuSerif", 12, 300, 103, skew=1.2, blur=0.7, noise=6, jpeg=60,
              speckle=3e-5, illumination=0.22, photocopy=Photocopy(228, 55, 1, 0.0, 3), seal_every=2,
              edge_seal=True),
    Condition("copy_thin", "tune", "LiberationSerif", 13, 200, 104, skew=2.5, blur=0.5, noise=7, jpeg=60,
              speckle=2e-5, illumination=0.18, photocopy=Photocopy(218, 75, -1, 0.04, 2)),
    Condition("copy_of_copy", "tune", "LiberationSans", 9, 240, 105, skew=1.5, blur=0.8, noise=10, jpeg=50,
              speckle=6e-5, illumination=0.3, photocopy=Photocopy(205, 80, 1, 0.03, 5), seal_every=4,
              edge_seal=True),
    Condition("phone", "tune", "LiberationSans", 11, 200, 106, skew=0.0, blur=0.8, noise=6, jpeg=70,
              photo=Photo(4.0, 0.35, 0.3)),
    Condition("bleed_sign", "tune", "LiberationSerif", 10, 300, 107, skew=0.6, blur=0.6, noise=6, jpeg=75,
              bleed=0.18, signature=True, seal_every=3),
    Condition("skew3", "tune", "DejaVuSerif", 11, 300, 108, skew=3.0, skew_min=2.2, blur=0.5, noise=7, jpeg=72),
    Condition("lowres150", "tune", "LiberationSerif", 12, 150, 109, skew=1.0, blur=0.4, noise=6, jpeg=70),
    Condition("jpeg40", "tune", "LiberationSans", 12, 200, 110, skew=0.8, blur=0.5, noise=8, jpeg=40),
    # ---- HELD-OUT: TeX Gyre Termes (Times metrics), TeX Gyre Heros (Arial-like),
    # FreeSerif; seeds of their own. Not to be tuned on.
    Condition("clean300", "heldout", "TeXGyreTermes", 11, 300, 9001, skew=0.4, blur=0.5, noise=6, jpeg=72),
    Condition("clean200", "heldout", "TeXGyreHeros", 10, 200, 9002, skew=0.7, blur=0.5, noise=6, jpeg=72),
    Condition("photocopy_stamp", "heldout", "TeXGyreTermes", 12, 240, 9003, skew=1.8, blur=0.6, noise=7,
              jpeg=55, speckle=5e-5, illumination=0.25, photocopy=LIGHT_COPY, seal_every=3, edge_seal=True),
    Condition("photocopy", "heldout", "FreeSerif", 11, 240, 9004, skew=1.8, blur=0.6, noise=7, jpeg=55,
              speckle=5e-5, illumination=0.25, photocopy=LIGHT_COPY),
    Condition("photo", "heldout", "TeXGyreHeros", 12, 200, 9005, skew=0.0, blur=0.7, noise=6, jpeg=68,
              photo=Photo(5.0, 0.3, 0.3)),
    Condition("bleed", "heldout", "FreeSerif", 13, 300, 9006, skew=0.8, blur=0.6, noise=6, jpeg=70,
              bleed=0.15, signature=True),
    # ---- HELD-OUT 2: fonts and seeds neither split uses (DejaVu Sans, FreeSans), added
    # once HELD-OUT had been looked at, and scored once, at the end of that round of work.
    Condition("clean300_b", "heldout2", "DejaVuSans", 10.5, 300, 9101, skew=0.5, blur=0.5, noise=6, jpeg=72),
    Condition("clean200_b", "heldout2", "FreeSans", 11, 200, 9102, skew=0.7, blur=0.5, noise=6, jpeg=70),
    Condition("photocopy_stamp_b", "heldout2", "FreeSans", 12, 240, 9103, skew=1.8, blur=0.6, noise=7,
              jpeg=55, speckle=5e-5, illumination=0.25, photocopy=LIGHT_COPY, seal_every=3, edge_seal=True),
    # ---- HELD-OUT 3: fonts no other split uses (Noto Serif, Noto Sans, Carlito: Calibri
    # metrics), another copier setting and seeds of their own; added on 2026-12-03 after
    # HELD-OUT and HELD-OUT 2 had been scored, to be scored once, at the end of that day.
    Condition("clean300_c", "heldout3", "NotoSerif", 11, 300, 9201, skew=0.5, blur=0.5, noise=6, jpeg=75),
    Condition("clean200_c", "heldout3", "Carlito", 11, 200, 9202, skew=0.6, blur=0.5, noise=6, jpeg=70),
    Condition("photocopy_stamp_c", "heldout3", "Carlito", 12, 240, 9203, skew=1.6, blur=0.6, noise=7,
              jpeg=58, speckle=5e-5, illumination=0.22, photocopy=Photocopy(220, 60, 1, 0.0, 3), seal_every=3,
              edge_seal=True),
    Condition("photocopy_c", "heldout3", "NotoSans", 11, 240, 9204, skew=1.8, blur=0.6, noise=7, jpeg=55,
              speckle=5e-5, illumination=0.25, photocopy=Photocopy(220, 60, 1, 0.0, 3)),
    # ---- HELD-OUT 4: fonts no other split uses (Tinos: Times metrics at the 10.5 pt of
    # office plans; TeX Gyre Schola, Pagella; Arimo: Arial metrics), another copier
    # setting, seals every other page; seeds of their own. Added on 2026-12-03 before the
    # day's second round of work, not looked at during it, scored once at its end.
    Condition("clean300_d", "heldout4", "Tinos", 10.5, 300, 9301, skew=0.6, blur=0.55, noise=6, jpeg=72),
    Condition("clean200_d", "heldout4", "TeXGyreSchola", 10.5, 200, 9302, skew=0.7, blur=0.5, noise=7, jpeg=68),
    Condition("photocopy_stamp_d", "heldout4", "TeXGyrePagella", 11, 240, 9303, skew=1.7, blur=0.6, noise=7,
              jpeg=55, speckle=5e-5, illumination=0.24, photocopy=Photocopy(216, 66, 1, 0.01, 4), seal_every=2,
              edge_seal=True),
    Condition("photocopy_d", "heldout4", "Arimo", 10.5, 240, 9304, skew=1.8, blur=0.6, noise=7, jpeg=52,
              speckle=5e-5, illumination=0.26, photocopy=Photocopy(216, 66, 1, 0.01, 4)),
    # ---- HELD-OUT 5: fonts no other split uses (TeX Gyre Bonum: Bookman-like; Noto Sans
    # Display, Noto Serif Display: narrower, higher-contrast Noto cuts; TeX Gyre Adventor:
    # a geometric sans), another copier setting, seeds of their own. Added on 2026-12-03
    # (third round) before any of that round's work, not looked at during it, scored once
    # at its end.
    Condition("clean300_e", "heldout5", "TeXGyreBonum", 10.5, 300, 9401, skew=0.5, blur=0.55, noise=6, jpeg=74),
    Condition("clean200_e", "heldout5", "NotoSansDisplay", 11, 200, 9402, skew=0.8, blur=0.5, noise=7, jpeg=66),
    Condition("photocopy_stamp_e", "heldout5", "NotoSerifDisplay", 11.5, 240, 9403, skew=1.6, blur=0.6, noise=7,
              jpeg=56, speckle=6e-5, illumination=0.2, photocopy=Photocopy(228, 58, 1, 0.005, 1), seal_every=3,
              edge_seal=True),
    Condition("photocopy_e", "heldout5", "TeXGyreAdventor", 10.5, 240, 9404, skew=1.9, blur=0.6, noise=7, jpeg=54,
              speckle=6e-5, illumination=0.23, photocopy=Photocopy(228, 58, 1, 0.005, 1)),
    # ---- HELD-OUT 6: fonts no other split uses (DejaVu Serif Condensed; TeX Gyre Heros
    # Cn: Arial Narrow-like, what tables are often set in; DejaVu Sans Condensed), another
    # copier setting (darker paper, more dropout, streaks), seals on every other page;
    # seeds of their own. Added on 2026-12-03 (fourth round) before any of that round's
    # work, not looked at during it, scored once at its end.
    Condition("clean300_f", "heldout6", "DejaVuSerifCondensed", 10.5, 300, 9501, skew=0.6, blur=0.5, noise=6,
              jpeg=70),
    Condition("clean200_f", "heldout6", "TeXGyreHerosCn", 11, 200, 9502, skew=0.7, blur=0.5, noise=7, jpeg=68),
    Condition("photocopy_stamp_f", "heldout6", "DejaVuSansCondensed", 11, 240, 9503, skew=1.7, blur=0.6, noise=7,
              jpeg=55, speckle=6e-5, illumination=0.22, photocopy=Photocopy(222, 62, 1, 0.008, 2), seal_every=2,
              edge_seal=True),
    Condition("photocopy_f", "heldout6", "TeXGyreHerosCn", 11.5, 240, 9504, skew=1.8, blur=0.6, noise=7, jpeg=53,
              speckle=6e-5, illumination=0.24, photocopy=Photocopy(222, 62, 1, 0.008, 2)),
    # ---- HELD-OUT 7: fonts no other split uses (Linux Libertine, a book serif; Roboto;
    # Open Sans; Roboto Condensed), a lighter copier with thinner strokes, seals on pages
    # 1, 4, 7 …; seeds of their own. Added on 2026-12-03 (fifth
    # round) before any of that round's work, not looked at during it, scored once at its end.
    Condition("clean300_g", "heldout7", "LinuxLibertine", 11, 300, 9601, skew=0.8, blur=0.6, noise=6, jpeg=66),
    Condition("clean200_g", "heldout7", "Roboto", 10.5, 200, 9602, skew=0.6, blur=0.5, noise=7, jpeg=70),
    Condition("photocopy_stamp_g", "heldout7", "OpenSans", 10.5, 240, 9603, skew=1.5, blur=0.6, noise=8,
              jpeg=52, speckle=7e-5, illumination=0.2, photocopy=Photocopy(232, 56, -1, 0.006, 1), seal_every=3,
              edge_seal=True),
    Condition("photocopy_g", "heldout7", "RobotoCondensed", 11, 240, 9604, skew=2.0, blur=0.7, noise=7, jpeg=56,
              speckle=5e-5, illumination=0.25, photocopy=Photocopy(232, 56, -1, 0.006, 1)),
    # ---- HELD-OUT 8: fonts no other split uses (Charis SIL, Charter-like; Lato; Gentium
    # Book Plus; Linux Biolinum), another copier setting (greyer paper, some dropout, two
    # streaks), seals on every other page; seeds of their own. Added on 2026-12-03 (sixth
    # round) before any of that round's work, not looked at during it, scored once at its end.
    Condition("clean300_h", "heldout8", "CharisSIL", 10.5, 300, 9701, skew=0.7, blur=0.55, noise=6, jpeg=68),
    Condition("clean200_h", "heldout8", "Lato", 11, 200, 9702, skew=0.6, blur=0.5, noise=7, jpeg=66),
    Condition("photocopy_stamp_h", "heldout8", "GentiumBookPlus", 11, 240, 9703, skew=1.7, blur=0.6, noise=8,
              jpeg=54, speckle=6e-5, illumination=0.23, photocopy=Photocopy(226, 60, 0, 0.007, 2), seal_every=2,
              edge_seal=True),
    Condition("photocopy_h", "heldout8", "LinuxBiolinum", 11, 240, 9704, skew=1.9, blur=0.65, noise=7, jpeg=55,
              speckle=6e-5, illumination=0.24, photocopy=Photocopy(226, 60, 0, 0.007, 2)),
    # ---- HELD-OUT 9: fonts no other split uses (Gentium Plus, the lighter cut of Gentium;
    # Inter, a UI grotesque; Andika, a plain reading sans), another copier setting (darker
    # ink, thicker strokes, three streaks), seals on pages 1, 4, 7 …; seeds of their own.
    # Added on 2026-12-03 at the end of the sixth round, before the seventh round's work,
    # not to be looked at during it, scored once at its end.
    Condition("clean300_i", "heldout9", "GentiumPlus", 10.5, 300, 9801, skew=0.6, blur=0.55, noise=6, jpeg=70),
    Condition("clean200_i", "heldout9", "Inter", 10.5, 200, 9802, skew=0.7, blur=0.5, noise=7, jpeg=66),
    Condition("photocopy_stamp_i", "heldout9", "Andika", 11, 240, 9803, skew=1.6, blur=0.6, noise=8, jpeg=53,
              speckle=6e-5, illumination=0.22, photocopy=Photocopy(218, 64, 1, 0.004, 3), seal_every=3,
              edge_seal=True),
    Condition("photocopy_i", "heldout9", "Inter", 11, 240, 9804, skew=1.8, blur=0.6, noise=7, jpeg=55,
              speckle=6e-5, illumination=0.25, photocopy=Photocopy(218, 64, 1, 0.004, 3)),
    # ---- HELD-OUT 10: fonts no other split uses (Yrsa, a book serif; Manrope, a geometric
    # grotesque; Vollkorn, a dark old-style serif; Cantarell, a humanist sans), another
    # copier setting (paper 230, ink 58, one streak, dropout 0.005), seals on every other
    # page; seeds of their own. Added on 2026-12-03 at the end of the seventh round, before
    # the eighth round's work, not to be looked at during it, scored once at its end.
    Condition("clean300_j", "heldout10", "Yrsa", 11, 300, 9901, skew=0.8, blur=0.55, noise=6, jpeg=69),
    Condition("clean200_j", "heldout10", "Manrope", 10, 200, 9902, skew=0.6, blur=0.5, noise=7, jpeg=67),
    Condition("photocopy_stamp_j", "heldout10", "Vollkorn", 10.5, 240, 9903, skew=1.8, blur=0.6, noise=8,
              jpeg=54, speckle=6e-5, illumination=0.24, photocopy=Photocopy(230, 58, 0, 0.005, 1), seal_every=2,
              edge_seal=True),
    Condition("photocopy_j", "heldout10", "Cantarell", 11, 240, 9904, skew=1.7, blur=0.65, noise=7, jpeg=56,
              speckle=6e-5, illumination=0.23, photocopy=Photocopy(230, 58, 0, 0.005, 1)),
    # ---- HELD-OUT 11: fonts no other split uses (Elstob, a Baroque book serif; Quicksand,
    # a rounded geometric sans; Junicode, a medievalist's serif; Comfortaa, a rounded sans),
    # another copier setting (paper 224, ink 61, thicker strokes, dropout 0.003, two
    # streaks), seals on pages 1, 4, 7 …; seeds of their own. Added on 2026-12-03 during
    # the eighth round, before the ninth round's work, not to be looked at during it.
    Condition("clean300_k", "heldout11", "Elstob", 10.5, 300, 10001, skew=0.7, blur=0.5, noise=6, jpeg=70),
    Condition("clean200_k", "heldout11", "Quicksand", 10.5, 200, 10002, skew=0.7, blur=0.5, noise=7, jpeg=66),
    Condition("photocopy_stamp_k", "heldout11", "Junicode", 11, 240, 10003, skew=1.6, blur=0.6, noise=8,
              jpeg=55, speckle=6e-5, illumination=0.25, photocopy=Photocopy(224, 61, 1, 0.003, 2), seal_every=3,
              edge_seal=True),
    Condition("photocopy_k", "heldout11", "Comfortaa", 10, 240, 10004, skew=1.8, blur=0.6, noise=7, jpeg=57,
              speckle=6e-5, illumination=0.24, photocopy=Photocopy(224, 61, 1, 0.003, 2)),
    # ---- HELD-OUT 12: fonts no other split uses (GFS Artemisia, a Times-like serif; Clear
    # Sans, a plain office sans; GFS Didot, a Palatino-like book serif; Laksaman, a light
    # sans), another copier setting (paper 227, ink 63, dropout 0.004, one streak), seals
    # on every other page; seeds of their own. Added on 2026-12-04 during the ninth round,
    # before the tenth round's work, not to be looked at during it.
    Condition("clean300_l", "heldout12", "GFSArtemisia", 11, 300, 10101, skew=0.6, blur=0.55, noise=6, jpeg=71),
    Condition("clean200_l", "heldout12", "ClearSans", 10.5, 200, 10102, skew=0.8, blur=0.5, noise=7, jpeg=67),
    Condition("photocopy_stamp_l", "heldout12", "GFSDidot", 11, 240, 10103, skew=1.7, blur=0.6, noise=8,
              jpeg=54, speckle=6e-5, illumination=0.24, photocopy=Photocopy(227, 63, 0, 0.004, 1), seal_every=2,
              edge_seal=True),
    Condition("photocopy_l", "heldout12", "Laksaman", 11, 240, 10104, skew=1.9, blur=0.6, noise=7, jpeg=56,
              speckle=6e-5, illumination=0.25, photocopy=Photocopy(227, 63, 0, 0.004, 1)),
    # ---- HELD-OUT 13: fonts no other split uses (CMU Serif, Computer Modern's serif;
    # Roboto Slab, a slab serif; M PLUS 1, a Japanese family's plain sans; Jura, a squared
    # sans), another copier setting (paper 222, ink 60, dropout 0.003, two streaks), seals
    # on every third page; seeds of their own. Added on 2026-12-04 at the end of the tenth
    # round, before the eleventh round's work, not to be looked at during it.
    Condition("clean300_m", "heldout13", "CMUSerif", 11, 300, 10201, skew=0.5, blur=0.5, noise=6, jpeg=70),
    Condition("clean200_m", "heldout13", "RobotoSlab", 10.5, 200, 10202, skew=0.7, blur=0.5, noise=7, jpeg=68),
    Condition("photocopy_stamp_m", "heldout13", "Mplus1", 10.5, 240, 10203, skew=1.8, blur=0.6, noise=8,
              jpeg=55, speckle=6e-5, illumination=0.23, photocopy=Photocopy(222, 60, 0, 0.003, 2), seal_every=3,
              edge_seal=True),
    Condition("photocopy_m", "heldout13", "Jura", 11, 240, 10204, skew=1.6, blur=0.6, noise=7, jpeg=58,
              speckle=6e-5, illumination=0.26, photocopy=Photocopy(222, 60, 0, 0.003, 2)),
    # ---- HELD-OUT 14: fonts no other split uses (Doulos SIL, a Times-like serif; EB
    # Garamond, a Garamond revival; Noto Sans Condensed, a narrow sans; JetBrains Mono, a
    # monospace), another copier setting (paper 225, ink 58, dropout 0.004, one streak),
    # seals on every other page; seeds of their own. Added on 2026-12-04 at the end of the
    # eleventh round, before the twelfth round's work, not to be looked at during it.
    Condition("clean300_n", "heldout14", "DoulosSIL", 11, 300, 10301, skew=0.6, blur=0.5, noise=6, jpeg=72),
    Condition("clean200_n", "heldout14", "EBGaramond", 12, 200, 10302, skew=0.8, blur=0.5, noise=7, jpeg=66),
    Condition("photocopy_stamp_n", "heldout14", "NotoSansCondensed", 11, 240, 10303, skew=1.7, blur=0.6,
              noise=8, jpeg=54, speckle=6e-5, illumination=0.25, photocopy=Photocopy(225, 58, 0, 0.004, 1),
              seal_every=2, edge_seal=True),
    Condition("photocopy_n", "heldout14", "JetBrainsMono", 10, 240, 10304, skew=1.9, blur=0.6, noise=7, jpeg=57,
              speckle=6e-5, illumination=0.24, photocopy=Photocopy(225, 58, 0, 0.004, 1)),
    # ---- HELD-OUT 15: fonts no other split uses (Essays 1743, a Caslon-like book serif
    # with old-style figures; LM Sans, Computer Modern's sans; GFS Neohellenic, a humanist
    # sans; CMU Concrete, Concrete Roman's book serif), another copier setting (paper 228,
    # ink 61, dropout 0.003, two streaks), seals on every third page; seeds of their own.
    # Added on 2026-12-04 at the end of the twelfth round, before the thirteenth round's
    # work, not to be looked at during it.
    Condition("clean300_o", "heldout15", "Essays1743", 11.5, 300, 10401, skew=0.7, blur=0.5, noise=6, jpeg=71),
    Condition("clean200_o", "heldout15", "LMSans", 10.5, 200, 10402, skew=0.9, blur=0.5, noise=7, jpeg=65),
    Condition("photocopy_stamp_o", "heldout15", "GFSNeohellenic", 11, 240, 10403, skew=1.6, blur=0.6,
              noise=8, jpeg=55, speckle=6e-5, illumination=0.24, photocopy=Photocopy(228, 61, 0, 0.003, 2),
              seal_every=3, edge_seal=True),
    Condition("photocopy_o", "heldout15", "CMUConcrete", 11, 240, 10404, skew=1.8, blur=0.6, noise=7, jpeg=56,
              speckle=6e-5, illumination=0.25, photocopy=Photocopy(228, 61, 0, 0.003, 2)),
    # ---- HELD-OUT 16: fonts no other split uses (League Spartan, a geometric sans; Cousine,
    # a Courier-metric monospace; Yanone Kaffeesatz, a condensed sans; CMU Typewriter,
    # Computer Modern's typewriter face), another copier setting (paper 222, ink 63,
    # dropout 0.004, one streak), seals on every other page; seeds of their own. Added on
    # 2026-12-04 at the end of the thirteenth round, before the fourteenth round's work,
    # not to be looked at during it.
    Condition("clean300_p", "heldout16", "LeagueSpartan", 10.5, 300, 10501, skew=0.6, blur=0.5, noise=6, jpeg=73),
    Condition("clean200_p", "heldout16", "Cousine", 10.5, 200, 10502, skew=0.8, blur=0.5, noise=7, jpeg=64),
    Condition("photocopy_stamp_p", "heldout16", "YanoneKaffeesatz", 12.5, 240, 10503, skew=1.5, blur=0.6,
              noise=8, jpeg=55, speckle=6e-5, illumination=0.23, photocopy=Photocopy(222, 63, 0, 0.004, 1),
              seal_every=2, edge_seal=True),
    Condition("photocopy_p", "heldout16", "CMUTypewriter", 11, 240, 10504, skew=1.9, blur=0.6, noise=7, jpeg=57,
              speckle=6e-5, illumination=0.26, photocopy=Photocopy(222, 63, 0, 0.004, 1)),
    # ---- HELD-OUT 17: fonts no other split uses (Noto Serif Condensed; Latin Modern Mono;
    # League Mono, a geometric monospace; Noto Sans Mono SemiCondensed), another copier
    # setting (paper 226, ink 59, dropout 0.003, two streaks), seals on every third page;
    # seeds of their own. Added on 2026-12-04 at the end of the fourteenth round, before
    # the fifteenth round's work, not to be looked at during it.
    Condition("clean300_q", "heldout17", "NotoSerifCondensed", 11, 300, 10601, skew=0.7, blur=0.5, noise=6, jpeg=72),
    Condition("clean200_q", "heldout17", "LMMono", 10.5, 200, 10602, skew=0.9, blur=0.5, noise=7, jpeg=63),
    Condition("photocopy_stamp_q", "heldout17", "LeagueMono", 10, 240, 10603, skew=1.6, blur=0.6,
              noise=8, jpeg=56, speckle=6e-5, illumination=0.24, photocopy=Photocopy(226, 59, 0, 0.003, 2),
              seal_every=3, edge_seal=True),
    Condition("photocopy_q", "heldout17", "NotoSansMonoSemiCondensed", 10.5, 240, 10604, skew=1.8, blur=0.6, noise=7,
              jpeg=58, speckle=6e-5, illumination=0.25, photocopy=Photocopy(226, 59, 0, 0.003, 2)),
    # ---- HELD-OUT 18: fonts no other split uses (M+ 2, the M+ family's second sans; FreeMono,
    # a thin Courier-like monospace; Noto Serif ExtraCondensed; Inter Display), another
    # copier setting (paper 220, ink 62, dropout 0.004, one streak), seals on every other
    # page; seeds of their own. Added on 2026-12-05 at the end of the fifteenth round,
    # before the sixteenth round's work, not to be looked at during it.
    Condition("clean300_r", "heldout18", "Mplus2", 10.5, 300, 10701, skew=0.8, blur=0.5, noise=6, jpeg=70),
    Condition("clean200_r", "heldout18", "FreeMono", 11, 200, 10702, skew=1.0, blur=0.5, noise=7, jpeg=62),
    Condition("photocopy_stamp_r", "heldout18", "NotoSerifExtraCondensed", 11.5, 240, 10703, skew=1.7, blur=0.6,
              noise=8, jpeg=55, speckle=6e-5, illumination=0.25, photocopy=Photocopy(220, 62, 0, 0.004, 1),
              seal_every=2, edge_seal=True),
    Condition("photocopy_r", "heldout18", "InterDisplay", 10.5, 240, 10704, skew=1.9, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.26, photocopy=Photocopy(220, 62, 0, 0.004, 1)),
    # ---- HELD-OUT 19: fonts no other split uses (CMU Bright, Computer Modern's light sans;
    # M+ 1 Code, a monospace; Noto Sans ExtraCondensed; Clear Sans Light), another copier
    # setting (paper 218, ink 65, dropout 0.005, three streaks), seals on every third page;
    # seeds of their own. Added on 2026-12-05 at the end of the sixteenth round, before
    # the seventeenth round's work, not to be looked at during it.
    Condition("clean300_s", "heldout19", "CMUBright", 11, 300, 10801, skew=0.7, blur=0.5, noise=6, jpeg=71),
    Condition("clean200_s", "heldout19", "Mplus1Code", 10.5, 200, 10802, skew=1.1, blur=0.5, noise=7, jpeg=61),
    Condition("photocopy_stamp_s", "heldout19", "NotoSansExtraCondensed", 11.5, 240, 10803, skew=1.6, blur=0.6,
              noise=8, jpeg=56, speckle=6e-5, illumination=0.24, photocopy=Photocopy(218, 65, 0, 0.005, 3),
              seal_every=3, edge_seal=True),
    Condition("photocopy_s", "heldout19", "ClearSansLight", 11, 240, 10804, skew=1.8, blur=0.6, noise=7,
              jpeg=58, speckle=6e-5, illumination=0.25, photocopy=Photocopy(218, 65, 0, 0.005, 3)),
    # ---- HELD-OUT 20: fonts no other split uses (Noto Serif SemiCondensed; Noto Sans Mono
    # Condensed; CMU Sans Serif Demi Condensed; CMU Typewriter Text Variable Width), another
    # copier setting (paper 222, ink 60, dropout 0.004, two streaks), seals on every other
    # page; seeds of their own. Added on 2026-12-05 at the end of the seventeenth round,
    # before the eighteenth round's work, not to be looked at during it.
    Condition("clean300_t", "heldout20", "NotoSerifSemiCondensed", 11, 300, 10901, skew=0.8, blur=0.5, noise=6,
              jpeg=70),
    Condition("clean200_t", "heldout20", "NotoSansMonoCondensed", 10.5, 200, 10902, skew=1.0, blur=0.5, noise=7,
              jpeg=62),
    Condition("photocopy_stamp_t", "heldout20", "CMUSansDemiCondensed", 11.5, 240, 10903, skew=1.7, blur=0.6,
              noise=8, jpeg=55, speckle=6e-5, illumination=0.25, photocopy=Photocopy(222, 60, 0, 0.004, 2),
              seal_every=2, edge_seal=True),
    Condition("photocopy_t", "heldout20", "CMUTypewriterVariable", 11, 240, 10904, skew=1.9, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.24, photocopy=Photocopy(222, 60, 0, 0.004, 2)),
    # ---- HELD-OUT 21: fonts no other split uses (TeX Gyre Cursor; Open Sans Condensed
    # Light; Lato Light; JetBrains Mono Light), another copier setting (paper 216, ink 66,
    # dropout 0.005, three streaks), seals on every third page; seeds of their own. Added
    # on 2026-12-05 at the end of the eighteenth round, before the nineteenth round's
    # work, not to be looked at during it.
    Condition("clean300_u", "heldout21", "TeXGyreCursor", 11, 300, 11001, skew=0.9, blur=0.5, noise=6, jpeg=71),
    Condition("clean200_u", "heldout21", "OpenSansCondLight", 10.5, 200, 11002, skew=1.1, blur=0.5, noise=7,
              jpeg=60),
    Condition("photocopy_stamp_u", "heldout21", "LatoLight", 11.5, 240, 11003, skew=1.6, blur=0.6, noise=8,
              jpeg=56, speckle=6e-5, illumination=0.26, photocopy=Photocopy(216, 66, 0, 0.005, 3),
              seal_every=3, edge_seal=True),
    Condition("photocopy_u", "heldout21", "JetBrainsMonoLight", 11, 240, 11004, skew=1.8, blur=0.6, noise=7,
              jpeg=58, speckle=6e-5, illumination=0.23, photocopy=Photocopy(216, 66, 0, 0.005, 3)),
    # ---- HELD-OUT 22: fonts no other split uses (Rasa Light; Roboto Slab Light; Junicode
    # Condensed Light; Liberation Mono), another copier setting (paper 219, ink 63,
    # dropout 0.006, two streaks), seals on every other page; seeds of their own. Added
    # on 2026-12-05 at the end of the nineteenth round, before the twentieth round's
    # work, not to be looked at during it.
    Condition("clean300_v", "heldout22", "RasaLight", 11.5, 300, 12001, skew=0.8, blur=0.5, noise=6, jpeg=72),
    Condition("clean200_v", "heldout22", "RobotoSlabLight", 10.5, 200, 12002, skew=1.0, blur=0.5, noise=7,
              jpeg=61),
    Condition("photocopy_stamp_v", "heldout22", "JunicodeCondLight", 12, 240, 12003, skew=1.7, blur=0.6, noise=8,
              jpeg=55, speckle=6e-5, illumination=0.25, photocopy=Photocopy(219, 63, 0, 0.006, 2),
              seal_every=2, edge_seal=True),
    Condition("photocopy_v", "heldout22", "LiberationMono", 10.5, 240, 12004, skew=1.9, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.24, photocopy=Photocopy(219, 63, 0, 0.006, 2)),
    # ---- HELD-OUT 23: fonts no other split uses (Noto Serif Light; Roboto Condensed
    # Light; Noto Sans Display Condensed; League Mono Narrow), another copier setting
    # (paper 224, ink 60, dropout 0.005, two streaks), seals on every third page; seeds of
    # their own. Added on 2026-12-05 at the end of the twentieth round, before the
    # twenty-first round's work, not to be looked at during it.
    Condition("clean300_w", "heldout23", "NotoSerifLight", 11, 300, 13001, skew=0.9, blur=0.5, noise=6, jpeg=70),
    Condition("clean200_w", "heldout23", "RobotoCondLight", 11, 200, 13002, skew=1.1, blur=0.5, noise=7,
              jpeg=62),
    Condition("photocopy_stamp_w", "heldout23", "NotoSansDisplayCond", 11.5, 240, 13003, skew=1.6, blur=0.6,
              noise=8, jpeg=56, speckle=6e-5, illumination=0.24, photocopy=Photocopy(224, 60, 0, 0.005, 2),
              seal_every=3, edge_seal=True),
    Condition("photocopy_w", "heldout23", "LeagueMonoNarrow", 10.5, 240, 13004, skew=1.8, blur=0.6, noise=7,
              jpeg=58, speckle=6e-5, illumination=0.23, photocopy=Photocopy(224, 60, 0, 0.005, 2)),
    # ---- HELD-OUT 24: weights no other split uses (DejaVu Sans ExtraLight; Manrope
    # Light; Noto Serif Display Condensed Light; Noto Sans Mono Light), another copier
    # setting (paper 217, ink 64, dropout 0.006, three streaks), seals on every other
    # page; seeds of their own. Added on 2026-12-05 during the twenty-first round, before
    # HELD-OUT 23 was scored, not to be looked at before the twenty-second round's end.
    Condition("clean300_x", "heldout24", "DejaVuSansExtraLight", 10.5, 300, 14001, skew=1.0, blur=0.5, noise=6,
              jpeg=69),
    Condition("clean200_x", "heldout24", "ManropeLight", 11, 200, 14002, skew=1.2, blur=0.5, noise=7, jpeg=61),
    Condition("photocopy_stamp_x", "heldout24", "NotoSerifDisplayCondLight", 12, 240, 14003, skew=1.7, blur=0.6,
              noise=8, jpeg=55, speckle=6e-5, illumination=0.25, photocopy=Photocopy(217, 64, 0, 0.006, 3),
              seal_every=2, edge_seal=True),
    Condition("photocopy_x", "heldout24", "NotoSansMonoLight", 10.5, 240, 14004, skew=1.9, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.24, photocopy=Photocopy(217, 64, 0, 0.006, 3)),
    # ---- HELD-OUT 25: weights no other split uses (Open Sans Light; Noto Serif
    # SemiCondensed Light; Roboto Light; Noto Sans Mono Condensed Light), another copier
    # setting (paper 221, ink 62, dropout 0.0055, two streaks), seals on every third
    # page; seeds of their own. Added on 2026-12-05 during the twenty-second round, before
    # HELD-OUT 24 was scored, not to be looked at before the twenty-third round's end.
    Condition("clean300_y", "heldout25", "OpenSansLight", 10.5, 300, 15001, skew=0.9, blur=0.5, noise=6, jpeg=68),
    Condition("clean200_y", "heldout25", "NotoSerifSemiCondLight", 11, 200, 15002, skew=1.2, blur=0.5, noise=7,
              jpeg=62),
    Condition("photocopy_stamp_y", "heldout25", "RobotoLight", 11, 240, 15003, skew=1.6, blur=0.6,
              noise=8, jpeg=56, speckle=6e-5, illumination=0.24, photocopy=Photocopy(221, 62, 0, 0.0055, 2),
              seal_every=3, edge_seal=True),
    Condition("photocopy_y", "heldout25", "NotoSansMonoCondLight", 11, 240, 15004, skew=1.8, blur=0.6, noise=7,
              jpeg=58, speckle=6e-5, illumination=0.23, photocopy=Photocopy(221, 62, 0, 0.0055, 2)),
    # ---- HELD-OUT 26: weights no other split uses (Inter Light; Noto Sans SemiCondensed
    # Light; Noto Serif Condensed Light; M+ 1 Code Light), another copier setting (paper
    # 219, ink 63, dropout 0.0065, three streaks), seals on every other page; seeds of
    # their own. Added on 2026-12-05 during the twenty-third round, before HELD-OUT 25
    # was scored, not to be looked at before the twenty-fourth round's end.
    Condition("clean300_z", "heldout26", "InterLight", 10.5, 300, 16001, skew=1.1, blur=0.5, noise=6, jpeg=67),
    Condition("clean200_z", "heldout26", "NotoSansSemiCondLight", 11, 200, 16002, skew=1.3, blur=0.5, noise=7,
              jpeg=60),
    Condition("photocopy_stamp_z", "heldout26", "NotoSerifCondLight", 11.5, 240, 16003, skew=1.7, blur=0.6,
              noise=8, jpeg=55, speckle=6e-5, illumination=0.25, photocopy=Photocopy(219, 63, 0, 0.0065, 3),
              seal_every=2, edge_seal=True),
    Condition("photocopy_z", "heldout26", "Mplus1CodeLight", 10.5, 240, 16004, skew=1.9, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.24, photocopy=Photocopy(219, 63, 0, 0.0065, 3)),
    # ---- HELD-OUT 27: weights no other split uses (Cantarell Light; Noto Sans Condensed
    # Light; Elstob Light; Jura Light), another copier setting (paper 222, ink 61, dropout
    # 0.006, four streaks), seals on every third page; seeds of their own. Added on
    # 2026-12-05 during the twenty-fourth round, before HELD-OUT 26 was scored, not to be
    # looked at before the twenty-fifth round's end.
    Condition("clean300_aa", "heldout27", "CantarellLight", 10.5, 300, 17001, skew=1.0, blur=0.5, noise=6, jpeg=66),
    Condition("clean200_aa", "heldout27", "NotoSansCondLight", 11, 200, 17002, skew=1.2, blur=0.5, noise=7,
              jpeg=61),
    Condition("photocopy_stamp_aa", "heldout27", "ElstobLight", 11.5, 240, 17003, skew=1.6, blur=0.6,
              noise=8, jpeg=56, speckle=6e-5, illumination=0.24, photocopy=Photocopy(222, 61, 0, 0.006, 4),
              seal_every=3, edge_seal=True),
    Condition("photocopy_aa", "heldout27", "JuraLight", 11, 240, 17004, skew=1.8, blur=0.6, noise=7,
              jpeg=58, speckle=6e-5, illumination=0.23, photocopy=Photocopy(222, 61, 0, 0.006, 4)),
    # ---- HELD-OUT 28: weights no other split uses (Comfortaa Light; Inter Display Light;
    # Junicode Light; League Spartan Light), another copier setting (paper 220, ink 64,
    # dropout 0.007, two streaks), seals on every other page; seeds of their own. Added on
    # 2026-12-05 during the twenty-fifth round, before HELD-OUT 27 was scored, not to be
    # looked at before the twenty-sixth round's end.
    Condition("clean300_ab", "heldout28", "ComfortaaLight", 10.5, 300, 18001, skew=1.1, blur=0.5, noise=6, jpeg=64),
    Condition("clean200_ab", "heldout28", "InterDisplayLight", 11, 200, 18002, skew=1.3, blur=0.5, noise=7,
              jpeg=60),
    Condition("photocopy_stamp_ab", "heldout28", "JunicodeLight", 11.5, 240, 18003, skew=1.7, blur=0.6,
              noise=8, jpeg=55, speckle=6e-5, illumination=0.23, photocopy=Photocopy(220, 64, 0, 0.007, 2),
              seal_every=2, edge_seal=True),
    Condition("photocopy_ab", "heldout28", "LeagueSpartanLight", 11, 240, 18004, skew=1.9, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.24, photocopy=Photocopy(220, 64, 0, 0.007, 2)),
    # ---- HELD-OUT 29: weights no other split uses (M+ 2 Light; Noto Sans Display Light;
    # Noto Serif Display SemiCondensed Light; League Mono Light), another copier setting
    # (paper 223, ink 60, dropout 0.0065, three streaks), seals on every third page; seeds
    # of their own. Added on 2026-12-06 during the twenty-sixth round, before HELD-OUT 28
    # was scored, not to be looked at before the twenty-seventh round's end.
    Condition("clean300_ac", "heldout29", "Mplus2Light", 10.5, 300, 19001, skew=1.0, blur=0.5, noise=6, jpeg=65),
    Condition("clean200_ac", "heldout29", "NotoSansDisplayLight", 11, 200, 19002, skew=1.2, blur=0.5, noise=7,
              jpeg=61),
    Condition("photocopy_stamp_ac", "heldout29", "NotoSerifDisplaySemiCondLight", 11.5, 240, 19003, skew=1.6,
              blur=0.6, noise=8, jpeg=56, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(223, 60, 0, 0.0065, 3), seal_every=3, edge_seal=True),
    Condition("photocopy_ac", "heldout29", "LeagueMonoLight", 11, 240, 19004, skew=1.8, blur=0.6, noise=7,
              jpeg=58, speckle=6e-5, illumination=0.23, photocopy=Photocopy(223, 60, 0, 0.0065, 3)),
    # ---- HELD-OUT 30: weights no other split uses (Yrsa Light; Quicksand Light; Noto Serif
    # ExtraCondensed Light; M+ Code Latin 60 Light), another copier setting (paper 224, ink 58,
    # dropout 0.006, four streaks), seals on every other page; seeds of their own; two of
    # them in another province's layout through a word processor (`layout="relayout"`:
    # A4 portrait, hairline borders, no left or right border, a two-level header, a
    # budget column). Added on 2026-12-06 during the twenty-seventh round, before HELD-OUT
    # 29 was scored, not to be looked at before the twenty-eighth round's end.
    Condition("clean300_ad", "heldout30", "YrsaLight", 10.5, 300, 20001, skew=1.1, blur=0.5, noise=6, jpeg=64),
    Condition("clean200_ad", "heldout30", "QuicksandLight", 10, 200, 20002, skew=1.3, blur=0.5, noise=7,
              jpeg=60, layout="relayout"),
    Condition("photocopy_stamp_ad", "heldout30", "NotoSerifExtraCondLight", 10.5, 240, 20003, skew=1.7,
              blur=0.6, noise=8, jpeg=55, speckle=6e-5, illumination=0.25,
              photocopy=Photocopy(224, 58, 0, 0.006, 4), seal_every=2, edge_seal=True, layout="relayout"),
    Condition("photocopy_ad", "heldout30", "MplusCodeLatin60Light", 11, 240, 20004, skew=1.9, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.22, photocopy=Photocopy(224, 58, 0, 0.006, 4)),
    # ---- HELD-OUT 31: weights no other split uses (Noto Sans ExtraCondensed Light; Junicode
    # SemiCondensed Light; Noto Serif Display Light; M+ Code 50 Light), another copier
    # setting (paper 222, ink 62, dropout 0.007, two streaks), seals on every third page;
    # seeds of their own; the 300 dpi scan and the plain copy in another province's layout
    # (`layout="relayout"`). Added on 2026-12-06 during the twenty-eighth round, before
    # HELD-OUT 30 was scored, not to be looked at before the twenty-ninth round's end.
    Condition("clean300_ae", "heldout31", "NotoSansExtraCondLight", 11, 300, 21001, skew=1.2, blur=0.5, noise=6,
              jpeg=63, layout="relayout"),
    Condition("clean200_ae", "heldout31", "JunicodeSemiCondLight", 11, 200, 21002, skew=1.4, blur=0.5, noise=7,
              jpeg=60),
    Condition("photocopy_stamp_ae", "heldout31", "NotoSerifDisplayLight", 10.5, 240, 21003, skew=1.6,
              blur=0.6, noise=8, jpeg=56, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(222, 62, 0, 0.007, 2), seal_every=3, edge_seal=True),
    Condition("photocopy_ae", "heldout31", "MplusCode50Light", 10.5, 240, 21004, skew=1.8, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.23, photocopy=Photocopy(222, 62, 0, 0.007, 2),
              layout="relayout"),
    # ---- HELD-OUT 32: weights no other split uses (Noto Serif Display ExtraCondensed Light;
    # M+ 1 Light; Noto Sans Light; Vollkorn Medium), another copier setting (paper 221, ink
    # 63, dropout 0.0075, three streaks), seals on every other page; seeds of their own; the
    # 200 dpi scan and the sealed copy in another province's layout (`layout="relayout"`).
    # Added on 2026-12-06 during the twenty-ninth round, before HELD-OUT 31 was scored, not
    # to be looked at before the thirtieth round's end.
    Condition("clean300_af", "heldout32", "NotoSerifDisplayExtraCondLight", 11, 300, 22001, skew=1.0, blur=0.5,
              noise=6, jpeg=62),
    Condition("clean200_af", "heldout32", "Mplus1Light", 10.5, 200, 22002, skew=1.5, blur=0.5, noise=7,
              jpeg=61, layout="relayout"),
    Condition("photocopy_stamp_af", "heldout32", "NotoSansLight", 10, 240, 22003, skew=1.9,
              blur=0.6, noise=8, jpeg=55, speckle=6e-5, illumination=0.25,
              photocopy=Photocopy(221, 63, 0, 0.0075, 3), seal_every=2, edge_seal=True, layout="relayout"),
    Condition("photocopy_af", "heldout32", "VollkornMedium", 11, 240, 22004, skew=1.7, blur=0.6, noise=7,
              jpeg=58, speckle=6e-5, illumination=0.22, photocopy=Photocopy(221, 63, 0, 0.0075, 3)),
    # ---- HELD-OUT 33: medium cuts no other split uses (Noto Serif SemiCondensed Medium; Lato
    # Medium; Clear Sans Medium; Roboto Condensed Medium), another copier setting (paper 223,
    # ink 60, dropout 0.0065, two streaks), seals on every third page; seeds of their own; the
    # 300 dpi scan and the plain copy in another province's layout (`layout="relayout"`).
    # Added on 2026-12-06 during the thirtieth round, before HELD-OUT 32 was scored, not to
    # be looked at before the thirty-first round's end.
    Condition("clean300_ag", "heldout33", "NotoSerifSemiCondMedium", 10.5, 300, 23001, skew=1.3, blur=0.5,
              noise=6, jpeg=65, layout="relayout"),
    Condition("clean200_ag", "heldout33", "LatoMedium", 11, 200, 23002, skew=1.2, blur=0.5, noise=7,
              jpeg=59),
    Condition("photocopy_stamp_ag", "heldout33", "ClearSansMedium", 10.5, 240, 23003, skew=1.8,
              blur=0.6, noise=8, jpeg=54, speckle=6e-5, illumination=0.26,
              photocopy=Photocopy(223, 60, 0, 0.0065, 2), seal_every=3, edge_seal=True),
    Condition("photocopy_ag", "heldout33", "RobotoCondMedium", 10.5, 240, 23004, skew=1.6, blur=0.6, noise=7,
              jpeg=57, speckle=6e-5, illumination=0.24, photocopy=Photocopy(223, 60, 0, 0.0065, 2),
              layout="relayout"),
    # ---- HELD-OUT 34: medium cuts no other split uses (Rasa Medium; Manrope Medium; Noto
    # Serif Condensed Medium; Roboto Medium), another copier setting (paper 220, ink 64,
    # dropout 0.007, one streak), seals on every other page; seeds of their own; the 200 dpi
    # scan and the sealed copy in another province's layout (`layout="relayout"`). Added on
    # 2026-12-06 during the thirty-first round, before HELD-OUT 33 was scored, not to be
    # looked at before the thirty-second round's end.
    Condition("clean300_ah", "heldout34", "RasaMedium", 11.5, 300, 24001, skew=1.1, blur=0.5,
              noise=6, jpeg=63),
    Condition("clean200_ah", "heldout34", "ManropeMedium", 10, 200, 24002, skew=1.4, blur=0.5, noise=7,
              jpeg=60, layout="relayout"),
    Condition("photocopy_stamp_ah", "heldout34", "NotoSerifCondMedium", 11, 240, 24003, skew=1.7,
              blur=0.6, noise=8, jpeg=56, speckle=6e-5, illumination=0.25,
              photocopy=Photocopy(220, 64, 0, 0.007, 1), seal_every=2, edge_seal=True, layout="relayout"),
    Condition("photocopy_ah", "heldout34", "RobotoMedium", 10.5, 240, 24004, skew=1.9, blur=0.6, noise=7,
              jpeg=55, speckle=6e-5, illumination=0.23, photocopy=Photocopy(220, 64, 0, 0.007, 1)),
    # ---- HELD-OUT 35: medium cuts no other split uses (Yrsa Medium; Noto Sans SemiCondensed
    # Medium; Noto Serif Medium; Quicksand Medium), another copier setting (paper 226, ink 57,
    # dropout 0.006, two streaks), seals on every third page; seeds of their own; the 300 dpi
    # scan and the plain copy in another province's layout (`layout="relayout"`). Added on
    # 2026-12-06 during the thirty-second round, before HELD-OUT 34 was scored, not to be
    # looked at before the thirty-third round's end.
    Condition("clean300_ai", "heldout35", "YrsaMedium", 11, 300, 25001, skew=1.0, blur=0.5,
              noise=6, jpeg=64, layout="relayout"),
    Condition("clean200_ai", "heldout35", "NotoSansSemiCondMedium", 10.5, 200, 25002, skew=1.3, blur=0.5,
              noise=7, jpeg=61),
    Condition("photocopy_stamp_ai", "heldout35", "NotoSerifMedium", 10.5, 240, 25003, skew=1.8,
              blur=0.6, noise=8, jpeg=55, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(226, 57, 0, 0.006, 2), seal_every=3, edge_seal=True),
    Condition("photocopy_ai", "heldout35", "QuicksandMedium", 11, 240, 25004, skew=1.6, blur=0.6, noise=7,
              jpeg=56, speckle=6e-5, illumination=0.22, photocopy=Photocopy(226, 57, 0, 0.006, 2),
              layout="relayout"),
    # ---- HELD-OUT 36: cuts no other split uses (JetBrains Mono Medium; Lato Semibold; Noto
    # Sans Condensed Medium; Inter Medium), another copier setting (paper 218, ink 62,
    # dropout 0.0068, one streak), seals on every other page; seeds of their own; the 300 dpi
    # scan and the sealed copy in another province's layout (`layout="relayout"`). Added on
    # 2026-12-06 during the thirty-third round, before HELD-OUT 35 was scored, not to be
    # looked at before the thirty-fourth round's end.
    Condition("clean300_aj", "heldout36", "JetBrainsMonoMedium", 10, 300, 26001, skew=1.2, blur=0.5,
              noise=6, jpeg=62, layout="relayout"),
    Condition("clean200_aj", "heldout36", "LatoSemibold", 10.5, 200, 26002, skew=1.5, blur=0.5,
              noise=7, jpeg=60),
    Condition("photocopy_stamp_aj", "heldout36", "NotoSansCondMedium", 11, 240, 26003, skew=1.7,
              blur=0.6, noise=8, jpeg=57, speckle=6e-5, illumination=0.25,
              photocopy=Photocopy(218, 62, 0, 0.0068, 1), seal_every=2, edge_seal=True, layout="relayout"),
    Condition("photocopy_aj", "heldout36", "InterMedium", 10.5, 240, 26004, skew=1.8, blur=0.6, noise=7,
              jpeg=56, speckle=6e-5, illumination=0.23, photocopy=Photocopy(218, 62, 0, 0.0068, 1)),
    # ---- HELD-OUT 37: cuts no other split uses (Noto Serif SemiBold; Manrope SemiBold; Noto
    # Serif ExtraCondensed Medium; Noto Sans Medium), another copier setting (paper 222, ink
    # 59, dropout 0.0064, two streaks), seals on every third page; seeds of their own; the
    # 200 dpi scan and the plain copy in another province's layout (`layout="relayout"`).
    # Added on 2026-12-06 during the thirty-fourth round, before HELD-OUT 36 was scored, not
    # to be looked at before the thirty-fifth round's end.
    Condition("clean300_ak", "heldout37", "NotoSerifSemiBold", 10.5, 300, 27001, skew=1.3, blur=0.5,
              noise=6, jpeg=61),
    Condition("clean200_ak", "heldout37", "ManropeSemiBold", 10, 200, 27002, skew=1.4, blur=0.5,
              noise=7, jpeg=60, layout="relayout"),
    Condition("photocopy_stamp_ak", "heldout37", "NotoSerifExtraCondMedium", 11.5, 240, 27003, skew=1.6,
              blur=0.6, noise=8, jpeg=57, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(222, 59, 0, 0.0064, 2), seal_every=3, edge_seal=True),
    Condition("photocopy_ak", "heldout37", "NotoSansMedium", 10.5, 240, 27004, skew=1.7, blur=0.6, noise=7,
              jpeg=56, speckle=6e-5, illumination=0.22, photocopy=Photocopy(222, 59, 0, 0.0064, 2),
              layout="relayout"),
    # ---- HELD-OUT 38: cuts no other split uses (Vollkorn SemiBold; Inter SemiBold; Noto Sans
    # SemiCondensed SemiBold; Yrsa SemiBold), another copier setting (paper 224, ink 61,
    # dropout 0.0066, one streak), seals on every other page; seeds of their own; the 300 dpi
    # scan and the sealed copy in another province's layout (`layout="relayout"`). Added on
    # 2026-12-07 during the thirty-fifth round, before HELD-OUT 37 was scored, not to be
    # looked at before the thirty-sixth round's end.
    Condition("clean300_al", "heldout38", "VollkornSemiBold", 10.5, 300, 28001, skew=1.1, blur=0.5,
              noise=6, jpeg=63, layout="relayout"),
    Condition("clean200_al", "heldout38", "InterSemiBold", 10, 200, 28002, skew=1.5, blur=0.5,
              noise=7, jpeg=59),
    Condition("photocopy_stamp_al", "heldout38", "NotoSansSemiCondSemiBold", 11, 240, 28003, skew=1.8,
              blur=0.6, noise=8, jpeg=56, speckle=6e-5, illumination=0.25,
              photocopy=Photocopy(224, 61, 0, 0.0066, 1), seal_every=2, edge_seal=True, layout="relayout"),
    Condition("photocopy_al", "heldout38", "YrsaSemiBold", 11, 240, 28004, skew=1.7, blur=0.6, noise=7,
              jpeg=55, speckle=6e-5, illumination=0.23, photocopy=Photocopy(224, 61, 0, 0.0066, 1)),
    # ---- HELD-OUT 39: cuts no other split uses (Rasa SemiBold; Noto Sans Display SemiBold;
    # Noto Serif Condensed SemiBold; Noto Sans Condensed SemiBold), another copier setting
    # (paper 221, ink 60, dropout 0.0062, two streaks), seals on every third page; seeds of
    # their own; the 200 dpi scan and the plain copy in another province's layout
    # (`layout="relayout"`). Added on 2026-12-07 during the thirty-sixth round, before
    # HELD-OUT 38 was scored, not to be looked at before the thirty-seventh round's end.
    Condition("clean300_am", "heldout39", "RasaSemiBold", 11, 300, 29001, skew=1.2, blur=0.5,
              noise=6, jpeg=62),
    Condition("clean200_am", "heldout39", "NotoSansDisplaySemiBold", 10.5, 200, 29002, skew=1.4,
              blur=0.5, noise=7, jpeg=60, layout="relayout"),
    Condition("photocopy_stamp_am", "heldout39", "NotoSerifCondSemiBold", 11, 240, 29003, skew=1.7,
              blur=0.6, noise=8, jpeg=57, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(221, 60, 0, 0.0062, 2), seal_every=3, edge_seal=True),
    Condition("photocopy_am", "heldout39", "NotoSansCondSemiBold", 10.5, 240, 29004, skew=1.8, blur=0.6,
              noise=7, jpeg=56, speckle=6e-5, illumination=0.22, photocopy=Photocopy(221, 60, 0, 0.0062, 2),
              layout="relayout"),
    # ---- HELD-OUT 40: cuts no other split uses (Elstob SemiBold; Noto Sans SemiBold; Noto Serif
    # Display SemiBold; M+ 1 SemiBold), another copier setting (paper 226, ink 63, dropout 0.0058,
    # one streak), seals on every other page; seeds of their own; the 300 dpi scan and the plain
    # copy in another province's layout (`layout="relayout"`). Added on 2026-12-07 during the
    # thirty-seventh round, before HELD-OUT 39 was scored, not to be looked at before the
    # thirty-eighth round's end.
    Condition("clean300_an", "heldout40", "ElstobSemiBold", 10.5, 300, 30001, skew=1.3, blur=0.5,
              noise=6, jpeg=61, layout="relayout"),
    Condition("clean200_an", "heldout40", "NotoSansSemiBold", 10, 200, 30002, skew=1.6,
              blur=0.5, noise=7, jpeg=58),
    Condition("photocopy_stamp_an", "heldout40", "NotoSerifDisplaySemiBold", 11, 240, 30003, skew=1.9,
              blur=0.6, noise=8, jpeg=55, speckle=6e-5, illumination=0.25,
              photocopy=Photocopy(226, 63, 0, 0.0058, 1), seal_every=2, edge_seal=True),
    Condition("photocopy_an", "heldout40", "Mplus1SemiBold", 10.5, 240, 30004, skew=1.7, blur=0.6,
              noise=7, jpeg=57, speckle=6e-5, illumination=0.21, photocopy=Photocopy(226, 63, 0, 0.0058, 1),
              layout="relayout"),
    # ---- HELD-OUT 41: cuts no other split uses (Junicode SemiBold; Noto Serif SemiCondensed
    # SemiBold; Inter Display SemiBold; M+ 2 SemiBold), another copier setting (paper 223, ink 62,
    # dropout 0.0064, two streaks), seals on every third page; seeds of their own; the 200 dpi
    # scan and the sealed copy in another province's layout (`layout="relayout"`). Added on
    # 2026-12-07 during the thirty-eighth round, before HELD-OUT 40 was scored, not to be looked
    # at before the thirty-ninth round's end.
    Condition("clean300_ao", "heldout41", "JunicodeSemiBold", 11, 300, 31001, skew=1.4, blur=0.5,
              noise=6, jpeg=60),
    Condition("clean200_ao", "heldout41", "NotoSerifSemiCondSemiBold", 10.5, 200, 31002, skew=1.5,
              blur=0.5, noise=7, jpeg=59, layout="relayout"),
    Condition("photocopy_stamp_ao", "heldout41", "InterDisplaySemiBold", 10.5, 240, 31003, skew=1.8,
              blur=0.6, noise=8, jpeg=56, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(223, 62, 0, 0.0064, 2), seal_every=3, edge_seal=True,
              layout="relayout"),
    Condition("photocopy_ao", "heldout41", "Mplus2SemiBold", 10.5, 240, 31004, skew=1.6, blur=0.6,
              noise=7, jpeg=58, speckle=6e-5, illumination=0.22, photocopy=Photocopy(223, 62, 0, 0.0064, 2)),
    # ---- HELD-OUT 42: cuts no other split uses (Noto Serif ExtraCondensed SemiBold; Noto Sans
    # ExtraCondensed SemiBold; Noto Sans Display SemiCondensed SemiBold; Jura SemiBold), another
    # copier setting (paper 225, ink 64, dropout 0.0061, one streak), seals on every other page;
    # seeds of their own; the 300 dpi scan and the plain copy in another province's layout
    # (`layout="relayout"`). Added on 2026-12-07 during the thirty-ninth round, before HELD-OUT 41
    # was scored, not to be looked at before the fortieth round's end.
    Condition("clean300_ap", "heldout42", "NotoSerifExtraCondSemiBold", 11, 300, 32001, skew=1.5,
              blur=0.5, noise=6, jpeg=62, layout="relayout"),
    Condition("clean200_ap", "heldout42", "NotoSansExtraCondSemiBold", 10.5, 200, 32002, skew=1.4,
              blur=0.5, noise=7, jpeg=57),
    Condition("photocopy_stamp_ap", "heldout42", "NotoSansDisplaySemiCondSemiBold", 10.5, 240, 32003,
              skew=1.7, blur=0.6, noise=8, jpeg=55, speckle=6e-5, illumination=0.23,
              photocopy=Photocopy(225, 64, 0, 0.0061, 1), seal_every=2, edge_seal=True),
    Condition("photocopy_ap", "heldout42", "JuraSemiBold", 10.5, 240, 32004, skew=1.9, blur=0.6,
              noise=7, jpeg=57, speckle=6e-5, illumination=0.21, photocopy=Photocopy(225, 64, 0, 0.0061, 1),
              layout="relayout"),
    # ---- HELD-OUT 43: cuts no other split uses (Noto Serif Display SemiCondensed SemiBold; League
    # Spartan SemiBold; Noto Serif Display ExtraCondensed SemiBold; Noto Sans Display ExtraCondensed
    # SemiBold), another copier setting (paper 222, ink 61, dropout 0.0063, two streaks), seals on
    # every third page; seeds of their own; the 200 dpi scan and the sealed copy in another
    # province's layout (`layout="relayout"`). Added on 2026-12-07 during the fortieth round, before
    # HELD-OUT 42 was scored, not to be looked at before the forty-first round's end.
    Condition("clean300_aq", "heldout43", "NotoSerifDisplaySemiCondSemiBold", 11, 300, 33001, skew=1.3,
              blur=0.5, noise=6, jpeg=61),
    Condition("clean200_aq", "heldout43", "LeagueSpartanSemiBold", 10.5, 200, 33002, skew=1.5,
              blur=0.5, noise=7, jpeg=58, layout="relayout"),
    Condition("photocopy_stamp_aq", "heldout43", "NotoSerifDisplayExtraCondSemiBold", 11, 240, 33003,
              skew=1.8, blur=0.6, noise=8, jpeg=56, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(222, 61, 0, 0.0063, 2), seal_every=3, edge_seal=True,
              layout="relayout"),
    Condition("photocopy_aq", "heldout43", "NotoSansDisplayExtraCondSemiBold", 10.5, 240, 33004, skew=1.7,
              blur=0.6, noise=7, jpeg=56, speckle=6e-5, illumination=0.22,
              photocopy=Photocopy(222, 61, 0, 0.0063, 2)),
    # ---- HELD-OUT 44: cuts no other split uses (Noto Serif Display Condensed SemiBold; Inter Display
    # Medium; Noto Sans Display Condensed SemiBold; Yanone Kaffeesatz Medium), another copier setting
    # (paper 227, ink 60, dropout 0.0068, three streaks), seals on every other page; seeds of their
    # own; the 200 dpi scan and the plain copy in another province's layout (`layout="relayout"`).
    # Added on 2026-12-07 during the forty-first round, before HELD-OUT 43 was scored, not to be
    # looked at before the forty-second round's end.
    Condition("clean300_ar", "heldout44", "NotoSerifDisplayCondSemiBold", 11, 300, 34001, skew=1.4,
              blur=0.5, noise=6, jpeg=60),
    Condition("clean200_ar", "heldout44", "InterDisplayMedium", 10.5, 200, 34002, skew=1.6,
              blur=0.5, noise=7, jpeg=57, layout="relayout"),
    Condition("photocopy_stamp_ar", "heldout44", "NotoSansDisplayCondSemiBold", 10.5, 240, 34003,
              skew=1.7, blur=0.6, noise=8, jpeg=55, speckle=6e-5, illumination=0.23,
              photocopy=Photocopy(227, 60, 0, 0.0068, 3), seal_every=2, edge_seal=True),
    Condition("photocopy_ar", "heldout44", "YanoneKaffeesatzMedium", 11, 240, 34004, skew=1.8,
              blur=0.6, noise=7, jpeg=56, speckle=6e-5, illumination=0.21,
              photocopy=Photocopy(227, 60, 0, 0.0068, 3), layout="relayout"),
    # ---- HELD-OUT 45: cuts no other split uses (Junicode Medium; Open Sans SemiBold; Noto Serif
    # Display Medium; M+ 1 Medium), another copier setting (paper 225, ink 62, strokes a pixel
    # thicker, dropout 0.0057, two streaks), seals on every third page; seeds of their own; the 200 dpi
    # scan and the sealed copy in another province's layout (`layout="relayout"`). Added on
    # 2026-12-07 during the forty-second round, before HELD-OUT 44 was scored, not to be looked at
    # before the forty-third round's end.
    Condition("clean300_as", "heldout45", "JunicodeMedium", 11, 300, 35001, skew=1.5,
              blur=0.5, noise=6, jpeg=61),
    Condition("clean200_as", "heldout45", "OpenSansSemiBold", 10.5, 200, 35002, skew=1.4,
              blur=0.5, noise=7, jpeg=58, layout="relayout"),
    Condition("photocopy_stamp_as", "heldout45", "NotoSerifDisplayMedium", 10.5, 240, 35003,
              skew=1.8, blur=0.6, noise=8, jpeg=56, speckle=6e-5, illumination=0.22,
              photocopy=Photocopy(225, 62, 1, 0.0057, 2), seal_every=3, edge_seal=True,
              layout="relayout"),
    Condition("photocopy_as", "heldout45", "Mplus1Medium", 11, 240, 35004, skew=1.7,
              blur=0.6, noise=7, jpeg=55, speckle=6e-5, illumination=0.21,
              photocopy=Photocopy(225, 62, 1, 0.0057, 2)),
    # ---- HELD-OUT 46: cuts no other split uses (M+ 2 Medium; Noto Sans Display SemiCondensed
    # Medium; Noto Serif Display SemiCondensed Medium; Jura Medium), another copier setting (paper
    # 223, ink 63, strokes a pixel thicker, dropout 0.0062, one streak), seals on every other page;
    # seeds of their own; the 300 dpi scan and the plain copy in another province's layout
    # (`layout="relayout"`). Added on 2026-12-07 during the forty-third round, before HELD-OUT 45
    # was scored, not to be looked at before the forty-fourth round's end.
    Condition("clean300_at", "heldout46", "Mplus2Medium", 11, 300, 36001, skew=1.3,
              blur=0.5, noise=6, jpeg=62, layout="relayout"),
    Condition("clean200_at", "heldout46", "NotoSansDisplaySemiCondMedium", 10.5, 200, 36002, skew=1.5,
              blur=0.5, noise=7, jpeg=59),
    Condition("photocopy_stamp_at", "heldout46", "NotoSerifDisplaySemiCondMedium", 11, 240, 36003,
              skew=1.7, blur=0.6, noise=8, jpeg=57, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(223, 63, 1, 0.0062, 1), seal_every=2, edge_seal=True),
    Condition("photocopy_at", "heldout46", "JuraMedium", 10.5, 240, 36004, skew=1.8,
              blur=0.6, noise=7, jpeg=56, speckle=6e-5, illumination=0.22,
              photocopy=Photocopy(223, 63, 1, 0.0062, 1), layout="relayout"),
    # ---- HELD-OUT 47: cuts no other split uses (Elstob Medium; Noto Sans Display Medium; Noto
    # Serif Display Condensed Medium; League Spartan Medium), another copier setting (paper 224,
    # ink 62, strokes as drawn, dropout 0.0059, two streaks), seals on every third page; seeds of
    # their own; the 200 dpi scan and the sealed copy in another province's layout
    # (`layout="relayout"`). Added on 2026-12-07 during the forty-fourth round, before HELD-OUT 46
    # was scored, not to be looked at before the forty-fifth round's end.
    Condition("clean300_au", "heldout47", "ElstobMedium", 11, 300, 37001, skew=1.2,
              blur=0.5, noise=7, jpeg=61),
    Condition("clean200_au", "heldout47", "NotoSansDisplayMedium", 10.5, 200, 37002, skew=1.4,
              blur=0.5, noise=6, jpeg=60, layout="relayout"),
    Condition("photocopy_stamp_au", "heldout47", "NotoSerifDisplayCondMedium", 11, 240, 37003,
              skew=1.8, blur=0.6, noise=7, jpeg=56, speckle=6e-5, illumination=0.23,
              photocopy=Photocopy(224, 62, 0, 0.0059, 2), seal_every=3, edge_seal=True,
              layout="relayout"),
    Condition("photocopy_au", "heldout47", "LeagueSpartanMedium", 10.5, 240, 37004, skew=1.6,
              blur=0.6, noise=8, jpeg=57, speckle=6e-5, illumination=0.21,
              photocopy=Photocopy(224, 62, 0, 0.0059, 2)),
    # ---- HELD-OUT 48: cuts no other split uses (Junicode SemiCondensed Medium; Noto Sans Display
    # Condensed Medium; Noto Serif Display ExtraCondensed Medium; Noto Sans ExtraCondensed Medium),
    # another copier setting (paper 226, ink 61, strokes a pixel thicker, dropout 0.006, one streak),
    # seals on every other page; seeds of their own; the 300 dpi scan and the sealed copy in another
    # province's layout (`layout="relayout"`). Added on 2026-12-07 during the forty-fifth round,
    # before HELD-OUT 47 was scored, not to be looked at before the forty-sixth round's end.
    Condition("clean300_av", "heldout48", "JunicodeSemiCondMedium", 11, 300, 38001, skew=1.4,
              blur=0.5, noise=6, jpeg=60, layout="relayout"),
    Condition("clean200_av", "heldout48", "NotoSansDisplayCondMedium", 10.5, 200, 38002, skew=1.3,
              blur=0.5, noise=7, jpeg=61),
    Condition("photocopy_stamp_av", "heldout48", "NotoSerifDisplayExtraCondMedium", 11, 240, 38003,
              skew=1.7, blur=0.6, noise=8, jpeg=55, speckle=6e-5, illumination=0.22,
              photocopy=Photocopy(226, 61, 1, 0.006, 1), seal_every=2, edge_seal=True,
              layout="relayout"),
    Condition("photocopy_av", "heldout48", "NotoSansExtraCondMedium", 10.5, 240, 38004, skew=1.9,
              blur=0.6, noise=7, jpeg=57, speckle=6e-5, illumination=0.24,
              photocopy=Photocopy(226, 61, 1, 0.006, 1)),
    # ---- HELD-OUT 49: cuts no other split uses (Junicode Condensed; Noto Sans SemiCondensed; Noto
    # Serif Display SemiCondensed, all three regular; Noto Sans Display ExtraCondensed Medium),
    # another copier setting (paper 223, ink 59, strokes a pixel thicker, dropout 0.0056, two
    # streaks), seals on every third page; seeds of their own; the 200 dpi scan and the plain copy in
    # another province's layout (`layout="relayout"`). Added on 2026-12-08 during the forty-sixth
    # round, before HELD-OUT 48 was scored, not to be looked at before the forty-seventh round's end.
    Condition("clean300_aw", "heldout49", "JunicodeCond", 11, 300, 39001, skew=1.3,
              blur=0.5, noise=7, jpeg=60),
    Condition("clean200_aw", "heldout49", "NotoSansSemiCond", 10.5, 200, 39002, skew=1.5,
              blur=0.5, noise=6, jpeg=59, layout="relayout"),
    Condition("photocopy_stamp_aw", "heldout49", "NotoSerifDisplaySemiCond", 11, 240, 39003,
              skew=1.8, blur=0.6, noise=7, jpeg=56, speckle=6e-5, illumination=0.23,
              photocopy=Photocopy(223, 59, 1, 0.0056, 2), seal_every=3, edge_seal=True),
    Condition("photocopy_aw", "heldout49", "NotoSansDisplayExtraCondMedium", 10.5, 240, 39004, skew=1.7,
              blur=0.6, noise=8, jpeg=56, speckle=6e-5, illumination=0.22,
              photocopy=Photocopy(223, 59, 1, 0.0056, 2), layout="relayout"),
)
BY_NAME = {c.name: c for c in CONDITIONS}


def conditions(split: str | None = None) -> tuple[Condition, ...]:
    """The conditions of `split` (one of `SPLITS`), or all of them."""
    return tuple(c for c in CONDITIONS if split in (None, "all", c.split))


# --------------------------------------------------------------------------- pages

def page_rng(condition: Condition, plan: str, page: int) -> np.random.Generator:
    """The random generator of one page: condition seed × plan × page number."""
    plan_key = int(hashlib.sha256(plan.encode()).hexdigest()[:8], 16)
    return np.random.default_rng([condition.seed, plan_key, page])


def degrade_page(gray: np.ndarray, back: np.ndarray, condition: Condition, rng: np.random.Generator,
                 page: int) -> np.ndarray:
    """One printed page (`back`: the page printed on the other side of the sheet) as
    `condition` turns it into a scanned image (before JPEG)."""
    c, dpi = condition, condition.dpi
    img = gray
    if c.seal_every and page % c.seal_every == 0:
        img, _ = degrade.seal(img, rng, dpi)
    if c.edge_seal:
        img, _ = degrade.edge_seal(img, rng, dpi)
    if c.signature:
        img, _ = degrade.signature(img, rng, dpi)
    if c.bleed:
        img = degrade.bleed_through(img, rng, back, c.bleed)
    if c.photocopy:
        img = degrade.photocopy(img, rng, **dataclasses.asdict(c.photocopy))
    if c.speckle:
        img = degrade.speckle(img, rng, c.speckle)
    if c.photo:
        img, _ = degrade.phone_photo(img, rng, **dataclasses.asdict(c.photo))
    else:
        if c.skew:
            img, _ = degrade.skew(img, rng, c.skew, c.skew_min)
        if c.illumination:
            img, _ = degrade.illumination(img, rng, c.illumination)
    if c.blur:
        img = degrade.blur(img, rng, c.blur)
    if c.noise:
        img = degrade.gaussian_noise(img, rng, c.noise)
    return img


def check_font(plan: str, family: str) -> None:
    """Refuse a font that lacks a glyph for some character of the plan (a substitute
    glyph would make the truth unreadable on the page)."""
    rows, meta = render.load_plan(plan)
    text = "".join(str(v) for r in rows for v in r.values()) + "".join(meta["columns"]) + \
        "".join(meta.get("appendix_title", []))
    text += text.upper()  # section rows are drawn in capitals
    missing = fonts.missing_characters(family, text)
    if missing:
        raise ValueError(f"font {family} has no glyph for {''.join(sorted(missing))!r} used by {plan}")


def relayout_pdf(plan: str, condition: Condition, out: Path) -> None:
    """The plan in another province's layout through LibreOffice, in the condition's font
    at its size. LibreOffice drops lines of a cell merged over several rows that a page
    break cuts (`render.lost_words`): every plan2021_2030 layout of HELD-OUT 38–41 checked
    lost 1–29 words, at any size from 0.3 pt under to 0.3 pt over, with blank lines
    added under the cut cell's last row too. The truth then holds words the page does
    not: each is printed as a warning (scores on the scan count it as misread). It also
    runs such a cell's last lines past its foot, over the next row's words and the rule
    between (`render.overdrawn_words`): printed as a warning too (no reader parts two
    cells written over each other)."""
    render.render_wordproc(plan, out, relayout=True, font=fonts.office_family(condition.font), size=condition.size)
    lost = render.lost_words(out, plan)
    if lost:
        print(f"warning: LibreOffice did not draw {sum(lost.values())} words of {plan} in {condition.name} "
              f"(merged cells cut at a page break): {' '.join(sorted(lost.elements()))}", file=sys.stderr)
    for page, pairs in render.overdrawn_words(out).items():
        print(f"warning: LibreOffice drew words of {plan} in {condition.name} over others on page {page} "
              f"(a cell run past its foot at a page break): "
              f"{', '.join(f'{a!r} over {b!r}' for a, b in pairs)}", file=sys.stderr)


def printed_pages(plan: str, condition: Condition, folder: Path) -> list[np.ndarray]:
    """The plan's appendix drawn in the condition's font and size (in its layout),
    rasterised at its dpi."""
    check_font(plan, condition.font)
    digital = folder / "digital.pdf"
    if condition.layout == "relayout":
        relayout_pdf(plan, condition, digital)
    elif condition.layout:
        raise ValueError(f"unknown layout {condition.layout!r} of condition {condition.name}")
    else:
        _, meta = render.load_plan(plan)
        style = dataclasses.replace(render.plan_style(plan, meta), family=condition.font, size=float(condition.size))
        render.render_digital(plan, digital, style=style)
    subprocess.run(["pdftoppm", "-gray", "-r", str(condition.dpi), str(digital), str(folder / "p")], check=True)
    return [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in sorted(folder.glob("p-*.pgm"))]


def write_pdf(jpegs: list[bytes], dpi: int, out: Path) -> None:
    """An image-only PDF: each JPEG one page, sized from its pixels at `dpi`."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), invariant=1)
    for data in jpegs:
        with Image.open(io.BytesIO(data)) as im:
            w, h = im.size
        size = (w * 72.0 / dpi, h * 72.0 / dpi)
        c.setPageSize(size)
        c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=size[0], height=size[1])
        c.showPage()
    c.save()


def _fingerprint(plan: str, condition: Condition) -> str:
    h = hashlib.sha256()
    for f in ("truth.json", "meta.json"):
        h.update((render.CORPUS / plan / f).read_bytes())
    for mod in ("scangen.py", "degrade.py", "render.py", "layout.py", "fonts.py"):
        h.update((Path(__file__).parent / mod).read_bytes())
    h.update(repr(condition).encode())
    return h.hexdigest()


def build(plan: str, condition: Condition | str, out_dir: Path = OUT) -> Path:
    """Build one plan under one condition (cached by a fingerprint of its inputs)."""
    if isinstance(condition, str):
        condition = BY_NAME[condition]

    def make(part: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="cchc-scangen-") as tmp:
            pages = printed_pages(plan, condition, Path(tmp))
        jpegs = []
        for k, gray in enumerate(pages):
            back = pages[(k + 1) % len(pages)]
            img = degrade_page(gray, back, condition, page_rng(condition, plan, k), k)
            jpegs.append(degrade.encode_jpeg(img, condition.jpeg, condition.dpi))
        write_pdf(jpegs, condition.dpi, part)

    return render.cached(out_dir / plan / f"{condition.name}.pdf", _fingerprint(plan, condition), make)


def preview(plan: str, condition: Condition, folder: Path) -> Path:
    """The first page of the built PDF as a PNG at the condition's dpi (what a reader gets)."""
    pdf = build(plan, condition)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / condition.name
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(condition.dpi), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plan", action="append", choices=render.PLANS)
    ap.add_argument("--condition", action="append", choices=sorted(BY_NAME))
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    ap.add_argument("--preview", type=Path, help="write DIR/<condition>.png (first page) instead")
    args = ap.parse_args(argv)
    chosen = [BY_NAME[n] for n in args.condition] if args.condition else list(conditions(args.split))
    if args.preview:
        plan = (args.plan or ["plan2026"])[0]
        for c in chosen:
            print(f"{c.split:8s} {c.name:16s} {preview(plan, c, args.preview)}", flush=True)
        return
    for plan in args.plan or render.PLANS:
        for c in chosen:
            print(f"{c.split:8s} {plan:14s} {c.name:16s} {build(plan, c)}", flush=True)


if __name__ == "__main__":
    main()
