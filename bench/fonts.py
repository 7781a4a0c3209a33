"""Font files the renderers draw with: one table of (regular, bold, italic) per family.

Every family here covers every character of the reference plans (checked by
`missing_characters` and by tests/unit/test_scangen.py), so a rendered page never
falls back to a substitute glyph. Files come from Debian packages (scripts/setup.sh):

| family | package | look |
|---|---|---|
| LiberationSerif, LiberationSans | fonts-liberation2 | Times / Arial metrics |
| DejaVuSerif | fonts-dejavu-core, fonts-dejavu-extra | wide serif |
| TeXGyreTermes, TeXGyreHeros | fonts-texgyre | Times / Helvetica metrics (OpenType CFF) |
| FreeSerif | fonts-freefont-ttf | a Times clone with its own drawing |
| DejaVuSans, FreeSans | fonts-dejavu-core, fonts-freefont-ttf | wide sans, Helvetica-like sans |
| NotoSerif, NotoSans | fonts-noto-core | a modern serif and sans (Google Noto) |
| Carlito | fonts-crosextra-carlito | Calibri metrics (Word's default body font) |
| Tinos, Arimo | fonts-croscore | Times / Arial metrics (Chrome OS core fonts) |
| TeXGyrePagella, TeXGyreSchola | fonts-texgyre | Palatino-like, Century Schoolbook-like |
| TeXGyreBonum, TeXGyreAdventor | fonts-texgyre | Bookman-like serif, geometric (Avant Garde-like) sans |
| NotoSansDisplay, NotoSerifDisplay | fonts-noto-core | narrower, higher-contrast cuts of Noto |
| DejaVuSerifCondensed, DejaVuSansCondensed | fonts-dejavu-extra | condensed DejaVu |
| TeXGyreHerosCn | fonts-texgyre | Arial Narrow-like |
| LinuxLibertine | fonts-linuxlibertine | a book serif (OpenType CFF) |
| OpenSans, Roboto, RobotoCondensed | fonts-open-sans, fonts-roboto-unhinted | humanist and grotesque screen sans |
| CharisSIL, GentiumBookPlus | fonts-sil-charis, fonts-sil-gentiumplus | Charter-like and book serifs (SIL) |
| Lato, LinuxBiolinum | fonts-lato, fonts-linuxlibertine | a humanist sans, Libertine's sans |
| GentiumPlus, Andika, Inter | fonts-sil-gentiumplus, fonts-sil-andika, fonts-inter | Gentium's lighter cut, a plain reading sans (SIL), a UI grotesque (OpenType CFF) |
| Yrsa, Vollkorn, Manrope, Cantarell | fonts-yrsa-rasa, fonts-vollkorn, fonts-manrope, fonts-cantarell | a book serif, a dark old-style serif, a geometric grotesque, a humanist sans (Cantarell OpenType CFF; Manrope and Cantarell have no italic: their upright stands in, as a word processor would when none is installed) |
| Elstob, Junicode, Comfortaa, Quicksand | fonts-elstob, fonts-junicode, fonts-comfortaa, fonts-quicksand | a Baroque book serif and a medievalist's serif (both OpenType CFF), two rounded geometric sans (no italic: their upright stands in) |
| GFSArtemisia, GFSDidot, ClearSans, Laksaman | fonts-gfs-artemisia, fonts-gfs-didot, fonts-clear-sans, fonts-tlwg-laksaman-ttf | a Times-like serif and a Didot-Palatino book serif (Greek Font Society, OpenType CFF), a plain office sans, a light sans (the Latin of a Thai family) |
| CMUSerif, RobotoSlab, Mplus1, Jura | fonts-cmu, fonts-roboto-slab, fonts-mplus, fonts-jura | Computer Modern's serif, a slab serif (OpenType CFF), a Japanese family's plain sans and a squared sans (both OpenType CFF; no italic but CMU's: the upright stands in) |
| DoulosSIL, EBGaramond, NotoSansCondensed, JetBrainsMono | fonts-sil-doulos, fonts-ebgaramond, fonts-noto-extra, fonts-jetbrains-mono | a Times-like serif (SIL; one weight: the regular stands in for bold and italic), a Garamond revival (OpenType CFF; its bold lacks the Vietnamese letters, so the regular stands in), a narrow sans, a monospace |
| Essays1743, LMSans, GFSNeohellenic, CMUConcrete | fonts-essays1743, fonts-lmodern, fonts-gfs-neohellenic, fonts-cmu | a Caslon-like book serif with old-style figures, Computer Modern's sans (OpenType CFF), a humanist sans (OpenType CFF; its bold lacks "Ơ", so the regular stands in), Concrete Roman's book serif |
| LeagueSpartan, Cousine, YanoneKaffeesatz, CMUTypewriter | fonts-league-spartan, fonts-croscore, fonts-yanone-kaffeesatz, fonts-cmu | a geometric sans and a condensed sans (both OpenType CFF, no italic: the upright stands in), a Courier-metric monospace, Computer Modern's typewriter face |
| NotoSerifCondensed, LMMono, LeagueMono, NotoSansMonoSemiCondensed | fonts-noto-extra, fonts-lmodern, fonts-league-mono, fonts-noto-extra | a condensed serif, Computer Modern's typewriter face as Latin Modern draws it (OpenType CFF; its bold is the light-condensed "lt" cut), a geometric monospace (OpenType CFF, no italic: the upright stands in), a narrow monospace (no italic) |
| Mplus2, FreeMono, NotoSerifExtraCondensed, InterDisplay | fonts-mplus, fonts-freefont-ttf, fonts-noto-extra, fonts-inter | the M+ family's second sans (OpenType CFF, no italic: the upright stands in), a thin Courier-like monospace, an extra-condensed serif, Inter's display cut (OpenType CFF) |
| CMUBright, Mplus1Code, NotoSansExtraCondensed, ClearSansLight | fonts-cmu, fonts-mplus, fonts-noto-extra, fonts-clear-sans | Computer Modern Bright (a light sans of its own design), the M+ family's monospace (OpenType CFF, no italic: the upright stands in), an extra-condensed sans, Clear Sans's light cut (its bold and italic are the family's) |
| NotoSerifSemiCondensed, NotoSansMonoCondensed, CMUSansDemiCondensed, CMUTypewriterVariable | fonts-noto-extra, fonts-noto-extra, fonts-cmu, fonts-cmu | a semi-condensed serif, a condensed monospace (no italic: the upright stands in), Computer Modern's demi-condensed sans, Computer Modern's typewriter face in variable width |
| TeXGyreCursor, OpenSansCondLight, LatoLight, JetBrainsMonoLight | fonts-texgyre, fonts-open-sans, fonts-lato, fonts-jetbrains-mono | a Courier-like slab monospace (OpenType CFF), Open Sans's light condensed cut (its bold is the condensed bold), Lato's light cut (its bold is the family's), JetBrains Mono's light cut (its bold is the family's) |
| RasaLight, RobotoSlabLight, JunicodeCondLight, LiberationMono | fonts-yrsa-rasa, fonts-roboto-slab, fonts-junicode, fonts-liberation2 | Rasa's light cut (a book serif; no italic of its own: Yrsa's light italic, the same Latin design), Roboto Slab's light cut (OpenType CFF, no italic: the upright stands in), Junicode's condensed light cut (OpenType CFF; its bold is the family's), a Courier-metric monospace |
| NotoSerifLight, RobotoCondLight, NotoSansDisplayCond, LeagueMonoNarrow | fonts-noto-core, fonts-roboto-unhinted, fonts-noto-core, fonts-league-mono | Noto Serif's light cut (its bold is the family's), Roboto Condensed's light cut (its bold is the condensed bold), Noto Sans Display's condensed cut, League Mono's narrow cut (OpenType CFF, no italic: the upright stands in) |
| DejaVuSansExtraLight, ManropeLight, NotoSerifDisplayCondLight, NotoSansMonoLight | fonts-dejavu-extra, fonts-manrope, fonts-noto-extra, fonts-noto-extra | DejaVu Sans's extra-light cut (no italic: the upright stands in; its bold is the family's), Manrope's light cut (no italic; its bold is the family's), Noto Serif Display's condensed light cut (its bold is the condensed bold), Noto Sans Mono's light cut (no italic; its semi-bold stands in for bold) |
| OpenSansLight, NotoSerifSemiCondLight, RobotoLight, NotoSansMonoCondLight | fonts-open-sans, fonts-noto-extra, fonts-roboto-unhinted, fonts-noto-extra | Open Sans's light cut (its bold is the family's), Noto Serif's semi-condensed light cut (its bold is the semi-condensed bold), Roboto's light cut (its bold is the family's), Noto Sans Mono's condensed light cut (no italic; its condensed semi-bold stands in for bold) |
| InterLight, NotoSansSemiCondLight, NotoSerifCondLight, Mplus1CodeLight | fonts-inter, fonts-noto-extra, fonts-noto-extra, fonts-mplus | Inter's light cut (OpenType CFF; its bold and light italic are the family's), Noto Sans's semi-condensed light cut (its bold is the semi-condensed bold), Noto Serif's condensed light cut (its bold is the condensed bold), the M+ family's light monospace (OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| CantarellLight, NotoSansCondLight, ElstobLight, JuraLight | fonts-cantarell, fonts-noto-extra, fonts-elstob, fonts-jura | Cantarell's light cut (OpenType CFF, no italic: the upright stands in; its bold is the family's), Noto Sans's condensed light cut (its bold is the condensed bold), Elstob's light cut (OpenType CFF; its bold and light italic are the family's), Jura's light cut (OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| ComfortaaLight, InterDisplayLight, JunicodeLight, LeagueSpartanLight | fonts-comfortaa, fonts-inter, fonts-junicode, fonts-league-spartan | Comfortaa's light cut (a rounded geometric sans, no italic: the upright stands in; its bold is the family's), Inter Display's light cut (OpenType CFF; its bold and light italic are the family's), Junicode's light cut (OpenType CFF; its bold and light italic are the family's), League Spartan's light cut (a geometric sans, OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| Mplus2Light, NotoSansDisplayLight, NotoSerifDisplaySemiCondLight, LeagueMonoLight | fonts-mplus, fonts-noto-core, fonts-noto-core, fonts-league-mono | the M+ family's second sans in its light cut (OpenType CFF, no italic: the upright stands in; its bold is the family's), Noto Sans Display's light cut (its bold and light italic are the family's), Noto Serif Display's semi-condensed light cut (its bold is the semi-condensed bold), League Mono's light cut (OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| YrsaLight, QuicksandLight, NotoSerifExtraCondLight, MplusCodeLatin60Light | fonts-yrsa-rasa, fonts-quicksand, fonts-noto-extra, fonts-mplus | Yrsa's light cut (a text serif; its bold and light italic are the family's), Quicksand's light cut (a rounded geometric sans, no italic: the upright stands in; its bold is the family's), Noto Serif's extra-condensed light cut (its bold is the extra-condensed bold), the M+ Latin code face at 60 units in its light cut (OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| NotoSansExtraCondLight, JunicodeSemiCondLight, NotoSerifDisplayLight, MplusCode50Light | fonts-noto-extra, fonts-junicode, fonts-noto-core, fonts-mplus | Noto Sans's extra-condensed light cut (its bold is the extra-condensed bold), Junicode's semi-condensed light cut (OpenType CFF; its bold is the family's), Noto Serif Display's light cut (its bold and light italic are the family's), the M+ code face at 50 units in its light cut (OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| NotoSerifDisplayExtraCondLight, Mplus1Light, NotoSansLight, VollkornMedium | fonts-noto-extra, fonts-mplus, fonts-noto-extra, fonts-vollkorn | Noto Serif Display's extra-condensed light cut (its bold is the extra-condensed bold), the M+ family's first sans in its light cut (OpenType CFF, no italic: the upright stands in; its bold is the family's), Noto Sans's light cut (its bold and light italic are the family's), Vollkorn's medium cut (a book serif a little heavier than its regular; its bold and medium italic are the family's) |
| NotoSerifSemiCondMedium, LatoMedium, ClearSansMedium, RobotoCondMedium | fonts-noto-extra, fonts-lato, fonts-clear-sans, fonts-roboto-unhinted | Noto Serif's semi-condensed medium cut (its bold and medium italic are the semi-condensed ones), Lato's medium cut (its bold and medium italic are the family's), Clear Sans's medium cut (its bold and medium italic are the family's), Roboto Condensed's medium cut (its bold and medium italic are the family's) |
| RasaMedium, ManropeMedium, NotoSerifCondMedium, RobotoMedium | fonts-yrsa-rasa, fonts-manrope, fonts-noto-extra, fonts-roboto-unhinted | Rasa's medium cut (a text serif, no italic: the upright stands in; its bold is the family's), Manrope's medium cut (a geometric sans, no italic: the upright stands in; its bold is the family's), Noto Serif's condensed medium cut (its bold and medium italic are the condensed ones), Roboto's medium cut (its bold and medium italic are the family's) |
| YrsaMedium, NotoSansSemiCondMedium, NotoSerifMedium, QuicksandMedium | fonts-yrsa-rasa, fonts-noto-extra, fonts-noto-core, fonts-quicksand | Yrsa's medium cut (a text serif; its bold is the family's and, having no medium italic, its italic is the family's), Noto Sans's semi-condensed medium cut (its bold and medium italic are the semi-condensed ones), Noto Serif's medium cut (its bold and medium italic are the family's), Quicksand's medium cut (a rounded geometric sans, no italic: the upright stands in; its bold is the family's) |
| JetBrainsMonoMedium, LatoSemibold, NotoSansCondMedium, InterMedium | fonts-jetbrains-mono, fonts-lato, fonts-noto-extra, fonts-inter | JetBrains Mono's medium cut (a monospace; its bold and medium italic are the family's), Lato's semibold cut (its bold and semibold italic are the family's), Noto Sans's condensed medium cut (its bold and medium italic are the condensed ones), Inter's medium cut (OpenType CFF; its bold and medium italic are the family's) |
| NotoSansMedium, ManropeSemiBold, NotoSerifExtraCondMedium, NotoSerifSemiBold | fonts-noto-core, fonts-manrope, fonts-noto-extra, fonts-noto-core | Noto Sans's medium cut (its bold and medium italic are the family's), Manrope's semibold cut (a geometric sans, no italic: the upright stands in; its bold is the family's), Noto Serif's extra-condensed medium cut (its bold and medium italic are the extra-condensed ones), Noto Serif's semibold cut (its bold and semibold italic are the family's) |
| VollkornSemiBold, InterSemiBold, NotoSansSemiCondSemiBold, YrsaSemiBold | fonts-vollkorn, fonts-inter, fonts-noto-extra, fonts-yrsa-rasa | Vollkorn's semibold cut (a book serif; its bold and semibold italic are the family's), Inter's semibold cut (OpenType CFF; its bold and semibold italic are the family's), Noto Sans's semi-condensed semibold cut (its bold and semibold italic are the semi-condensed ones), Yrsa's semibold cut (a text serif; its bold and semibold italic are the family's) |
| RasaSemiBold, NotoSansDisplaySemiBold, NotoSerifCondSemiBold, NotoSansCondSemiBold | fonts-yrsa-rasa, fonts-noto-extra, fonts-noto-extra, fonts-noto-extra | Rasa's semibold cut (a text serif, no italic: the upright stands in; its bold is the family's), Noto Sans Display's semibold cut (its bold and semibold italic are the family's), Noto Serif's condensed semibold cut (its bold and semibold italic are the condensed ones), Noto Sans's condensed semibold cut (its bold and semibold italic are the condensed ones) |
| ElstobSemiBold, NotoSansSemiBold, NotoSerifDisplaySemiBold, Mplus1SemiBold | fonts-elstob, fonts-noto-extra, fonts-noto-extra, fonts-mplus | Elstob's semibold cut (a Baroque book serif, OpenType CFF; its bold and semibold italic are the family's), Noto Sans's semibold cut (its bold and semibold italic are the family's), Noto Serif Display's semibold cut (its bold and semibold italic are the family's), the M+ family's first sans in its semibold cut (OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| JunicodeSemiBold, NotoSerifSemiCondSemiBold, InterDisplaySemiBold, Mplus2SemiBold | fonts-junicode, fonts-noto-extra, fonts-inter, fonts-mplus | Junicode's semibold cut (a medievalist's serif, OpenType CFF; its bold and semibold italic are the family's), Noto Serif's semi-condensed semibold cut (its bold and semibold italic are the semi-condensed ones), Inter Display's semibold cut (OpenType CFF; its bold and semibold italic are the family's), the M+ family's second sans in its semibold cut (OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| NotoSerifExtraCondSemiBold, NotoSansExtraCondSemiBold, NotoSansDisplaySemiCondSemiBold, JuraSemiBold | fonts-noto-extra, fonts-noto-extra, fonts-noto-extra, fonts-jura | Noto Serif's extra-condensed semibold cut (its bold and semibold italic are the extra-condensed ones), Noto Sans's extra-condensed semibold cut (its bold and semibold italic are the extra-condensed ones), Noto Sans Display's semi-condensed semibold cut (its bold and semibold italic are the semi-condensed ones), Jura's semibold cut (a squared sans, OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| NotoSerifDisplaySemiCondSemiBold, LeagueSpartanSemiBold, NotoSerifDisplayExtraCondSemiBold, NotoSansDisplayExtraCondSemiBold | fonts-noto-extra, fonts-league-spartan, fonts-noto-extra, fonts-noto-extra | Noto Serif Display's semi-condensed semibold cut (its bold and semibold italic are the semi-condensed ones), League Spartan's semibold cut (a geometric sans, OpenType CFF, no italic: the upright stands in; its bold is the family's), Noto Serif Display's extra-condensed semibold cut (its bold and semibold italic are the extra-condensed ones), Noto Sans Display's extra-condensed semibold cut (its bold and semibold italic are the extra-condensed ones) |
| NotoSerifDisplayCondSemiBold, InterDisplayMedium, NotoSansDisplayCondSemiBold, YanoneKaffeesatzMedium | fonts-noto-extra, fonts-inter, fonts-noto-extra, fonts-yanone-kaffeesatz | Noto Serif Display's condensed semibold cut (its bold and semibold italic are the condensed ones), Inter Display's medium cut (OpenType CFF; its bold and medium italic are the family's), Noto Sans Display's condensed semibold cut (its bold and semibold italic are the condensed ones), Yanone Kaffeesatz's medium cut (a condensed sans, OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| JunicodeMedium, OpenSansSemiBold, NotoSerifDisplayMedium, Mplus1Medium | fonts-junicode, fonts-open-sans, fonts-noto-extra, fonts-mplus | Junicode's medium cut (a medievalist's serif, OpenType CFF; its bold is the family's, its italic the medium italic), Open Sans's semibold cut (its bold and semibold italic are the family's), Noto Serif Display's medium cut (a Didone display serif; its bold and medium italic are the family's), the M+ family's first sans in its medium cut (OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| Mplus2Medium, NotoSansDisplaySemiCondMedium, NotoSerifDisplaySemiCondMedium, JuraMedium | fonts-mplus, fonts-noto-extra, fonts-noto-extra, fonts-jura | the M+ family's second sans in its medium cut (OpenType CFF, no italic: the upright stands in; its bold is the family's), Noto Sans Display's semi-condensed medium cut (its bold and medium italic are the semi-condensed ones), Noto Serif Display's semi-condensed medium cut (its bold and medium italic are the semi-condensed ones), Jura's medium cut (a squared sans, OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| ElstobMedium, NotoSansDisplayMedium, NotoSerifDisplayCondMedium, LeagueSpartanMedium | fonts-elstob, fonts-noto-extra, fonts-noto-extra, fonts-league-spartan | Elstob's medium cut (a Baroque book serif, OpenType CFF; its bold is the family's, its italic the medium italic), Noto Sans Display's medium cut (its bold and medium italic are the family's), Noto Serif Display's condensed medium cut (its bold and medium italic are the condensed ones), League Spartan's medium cut (a geometric sans, OpenType CFF, no italic: the upright stands in; its bold is the family's) |
| JunicodeSemiCondMedium, NotoSansDisplayCondMedium, NotoSerifDisplayExtraCondMedium, NotoSansExtraCondMedium | fonts-junicode, fonts-noto-extra, fonts-noto-extra, fonts-noto-extra | Junicode's semi-condensed medium cut (a medievalist's serif, OpenType CFF; its bold is the family's, its italic the semi-condensed medium italic), Noto Sans Display's condensed medium cut (its bold and medium italic are the condensed ones), Noto Serif Display's extra-condensed medium cut (its bold and medium italic are the extra-condensed ones), Noto Sans's extra-condensed medium cut (its bold and medium italic are the extra-condensed ones) |
| JunicodeCond, NotoSansSemiCond, NotoSerifDisplaySemiCond, NotoSansDisplayExtraCondMedium | fonts-junicode, fonts-noto-extra, fonts-noto-extra, fonts-noto-extra | Junicode's condensed regular cut (a medievalist's serif, OpenType CFF; its bold is the family's, its italic the condensed italic), Noto Sans's semi-condensed regular cut (its bold and italic are the semi-condensed ones), Noto Serif Display's semi-condensed regular cut (its bold and italic are the semi-condensed ones), Noto Sans Display's extra-condensed medium cut (its bold and medium italic are the extra-condensed ones) |

reportlab embeds TrueType outlines only, so the OpenType CFF files (TeX Gyre) are
converted once to TrueType (cubic → quadratic curves, fontTools) under build/fonts/.
URW Nimbus Roman (urw-base35) is not listed: it lacks the Vietnamese letters with a
hook or horn (ơ, ư, ả, ẩ …).
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONVERTED = ROOT / "build" / "fonts"

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/freefont"),
    Path("/usr/share/texmf/fonts/opentype/public/tex-gyre"),
    Path("/usr/share/fonts/opentype/texgyre"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/truetype/crosextra"),
    Path("/usr/share/fonts/truetype/croscore"),
    Path("/usr/share/fonts/opentype/linux-libertine"),
    Path("/usr/share/fonts/truetype/open-sans"),
    Path("/usr/share/fonts/truetype/roboto/unhinted"),
    Path("/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF"),
    Path("/usr/share/fonts/truetype/charis"),
    Path("/usr/share/fonts/truetype/gentiumplus"),
    Path("/usr/share/fonts/truetype/lato"),
    Path("/usr/share/fonts/truetype/andika"),
    Path("/usr/share/fonts/opentype/inter"),
    Path("/usr/share/fonts/truetype/fonts-yrsa-rasa"),
    Path("/usr/share/fonts/truetype/vollkorn"),
    Path("/usr/share/fonts/truetype/manrope"),
    Path("/usr/share/fonts/opentype/cantarell"),
    Path("/usr/share/fonts/opentype/elstob"),
    Path("/usr/share/fonts/opentype/junicode"),
    Path("/usr/share/fonts/truetype/comfortaa"),
    Path("/usr/share/fonts/truetype/quicksand"),
    Path("/usr/share/fonts/opentype/artemisia"),
    Path("/usr/share/fonts/opentype/didot"),
    Path("/usr/share/fonts/truetype/clear-sans"),
    Path("/usr/share/fonts/truetype/tlwg"),
    Path("/usr/share/fonts/truetype/cmu"),
    Path("/usr/share/fonts/opentype/roboto/slab"),
    Path("/usr/share/fonts/opentype/jura"),
    Path("/usr/share/fonts/opentype/mplus"),
    Path("/usr/share/fonts/truetype/doulos"),
    Path("/usr/share/fonts/opentype/ebgaramond"),
    Path("/usr/share/fonts/truetype/jetbrains-mono"),
    Path("/usr/share/fonts/truetype/essays1743"),
    Path("/usr/share/texmf/fonts/opentype/public/lm"),
    Path("/usr/share/fonts/opentype/neohellenic"),
    Path("/usr/share/fonts/opentype/league-spartan"),
    Path("/usr/share/fonts/opentype/yanone-kaffeesatz"),
    Path("/usr/share/fonts/opentype/league-mono"),
)

#: family → (regular, bold, italic) file names, looked up in FONT_DIRS.
FONT_FILES: dict[str, tuple[str, str, str]] = {
    "LiberationSerif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf"),
    "LiberationSans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "TeXGyreTermes": ("texgyretermes-regular.otf", "texgyretermes-bold.otf", "texgyretermes-italic.otf"),
    "TeXGyreHeros": ("texgyreheros-regular.otf", "texgyreheros-bold.otf", "texgyreheros-italic.otf"),
    "FreeSerif": ("FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf"),
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "FreeSans": ("FreeSans.ttf", "FreeSansBold.ttf", "FreeSansOblique.ttf"),
    "NotoSerif": ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf"),
    "NotoSans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"),
    "Carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf"),
    "Tinos": ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf"),
    "Arimo": ("Arimo-Regular.ttf", "Arimo-Bold.ttf", "Arimo-Italic.ttf"),
    "TeXGyrePagella": ("texgyrepagella-regular.otf", "texgyrepagella-bold.otf", "texgyrepagella-italic.otf"),
    "TeXGyreSchola": ("texgyreschola-regular.otf", "texgyreschola-bold.otf", "texgyreschola-italic.otf"),
    "TeXGyreBonum": ("texgyrebonum-regular.otf", "texgyrebonum-bold.otf", "texgyrebonum-italic.otf"),
    "TeXGyreAdventor": ("texgyreadventor-regular.otf", "texgyreadventor-bold.otf", "texgyreadventor-italic.otf"),
    "NotoSansDisplay": ("NotoSansDisplay-Regular.ttf", "NotoSansDisplay-Bold.ttf", "NotoSansDisplay-Italic.ttf"),
    "NotoSerifDisplay": ("NotoSerifDisplay-Regular.ttf", "NotoSerifDisplay-Bold.ttf", "NotoSerifDisplay-Italic.ttf"),
    "DejaVuSerifCondensed": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf",
                             "DejaVuSerifCondensed-Italic.ttf"),
    "DejaVuSansCondensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf",
                            "DejaVuSansCondensed-Oblique.ttf"),
    "TeXGyreHerosCn": ("texgyreheroscn-regular.otf", "texgyreheroscn-bold.otf", "texgyreheroscn-italic.otf"),
    "LinuxLibertine": ("LinLibertine_R.otf", "LinLibertine_RB.otf", "LinLibertine_RI.otf"),
    "OpenSans": ("OpenSans-Regular.ttf", "OpenSans-Bold.ttf", "OpenSans-Italic.ttf"),
    "Roboto": ("Roboto-Regular.ttf", "Roboto-Bold.ttf", "Roboto-Italic.ttf"),
    "RobotoCondensed": ("RobotoCondensed-Regular.ttf", "RobotoCondensed-Bold.ttf", "RobotoCondensed-Italic.ttf"),
    "CharisSIL": ("CharisSIL-Regular.ttf", "CharisSIL-Bold.ttf", "CharisSIL-Italic.ttf"),
    "GentiumBookPlus": ("GentiumBookPlus-Regular.ttf", "GentiumBookPlus-Bold.ttf", "GentiumBookPlus-Italic.ttf"),
    "Lato": ("Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Italic.ttf"),
    "LinuxBiolinum": ("LinBiolinum_R.otf", "LinBiolinum_RB.otf", "LinBiolinum_RI.otf"),
    "GentiumPlus": ("GentiumPlus-Regular.ttf", "GentiumPlus-Bold.ttf", "GentiumPlus-Italic.ttf"),
    "Andika": ("Andika-Regular.ttf", "Andika-Bold.ttf", "Andika-Italic.ttf"),
    "Inter": ("Inter-Regular.otf", "Inter-Bold.otf", "Inter-Italic.otf"),
    "Yrsa": ("Yrsa-Regular.ttf", "Yrsa-Bold.ttf", "Yrsa-Italic.ttf"),
    "Vollkorn": ("Vollkorn-Regular.ttf", "Vollkorn-Bold.ttf", "Vollkorn-Italic.ttf"),
    "Manrope": ("Manrope-Regular.ttf", "Manrope-Bold.ttf", "Manrope-Regular.ttf"),
    "Cantarell": ("Cantarell-Regular.otf", "Cantarell-Bold.otf", "Cantarell-Regular.otf"),
    "Elstob": ("ElstobD-Regular.otf", "ElstobD-Bold.otf", "ElstobD-Italic.otf"),
    "Junicode": ("JunicodeTwoBeta-Regular.otf", "JunicodeTwoBeta-Bold.otf", "JunicodeTwoBeta-Italic.otf"),
    "Comfortaa": ("Comfortaa-Regular.ttf", "Comfortaa-Bold.ttf", "Comfortaa-Regular.ttf"),
    "Quicksand": ("Quicksand-Regular.ttf", "Quicksand-Bold.ttf", "Quicksand-Regular.ttf"),
    "GFSArtemisia": ("GFSArtemisia.otf", "GFSArtemisiaBold.otf", "GFSArtemisiaIt.otf"),
    "GFSDidot": ("GFSDidot.otf", "GFSDidotBold.otf", "GFSDidotItalic.otf"),
    "ClearSans": ("ClearSans-Regular.ttf", "ClearSans-Bold.ttf", "ClearSans-Italic.ttf"),
    "Laksaman": ("Laksaman.ttf", "Laksaman-Bold.ttf", "Laksaman-Italic.ttf"),
    "CMUSerif": ("cmunrm.ttf", "cmunbx.ttf", "cmunti.ttf"),
    "RobotoSlab": ("RobotoSlab-Regular.otf", "RobotoSlab-Bold.otf", "RobotoSlab-Regular.otf"),
    "Jura": ("Jura-Regular.otf", "Jura-Bold.otf", "Jura-Regular.otf"),
    "Mplus1": ("Mplus1-Regular.otf", "Mplus1-Bold.otf", "Mplus1-Regular.otf"),
    "DoulosSIL": ("DoulosSIL-Regular.ttf", "DoulosSIL-Regular.ttf", "DoulosSIL-Regular.ttf"),
    "EBGaramond": ("EBGaramond12-Regular.otf", "EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf"),
    "NotoSansCondensed": ("NotoSans-Condensed.ttf", "NotoSans-CondensedBold.ttf", "NotoSans-CondensedItalic.ttf"),
    "JetBrainsMono": ("JetBrainsMono-Regular.ttf", "JetBrainsMono-Bold.ttf", "JetBrainsMono-Italic.ttf"),
    "Essays1743": ("Essays1743.ttf", "Essays1743-Bold.ttf", "Essays1743-Italic.ttf"),
    "LMSans": ("lmsans10-regular.otf", "lmsans10-bold.otf", "lmsans10-oblique.otf"),
    "GFSNeohellenic": ("GFSNeohellenic.otf", "GFSNeohellenic.otf", "GFSNeohellenicIt.otf"),
    "CMUConcrete": ("cmunorm.ttf", "cmunobx.ttf", "cmunoti.ttf"),
    "LeagueSpartan": ("LeagueSpartan-Regular.otf", "LeagueSpartan-Bold.otf", "LeagueSpartan-Regular.otf"),
    "Cousine": ("Cousine-Regular.ttf", "Cousine-Bold.ttf", "Cousine-Italic.ttf"),
    "YanoneKaffeesatz": ("YanoneKaffeesatz-Regular.otf", "YanoneKaffeesatz-Bold.otf", "YanoneKaffeesatz-Regular.otf"),
    "CMUTypewriter": ("cmuntt.ttf", "cmuntb.ttf", "cmunit.ttf"),
    "NotoSerifCondensed": ("NotoSerif-Condensed.ttf", "NotoSerif-CondensedBold.ttf", "NotoSerif-CondensedItalic.ttf"),
    "LMMono": ("lmmono10-regular.otf", "lmmonolt10-bold.otf", "lmmono10-italic.otf"),
    "LeagueMono": ("LeagueMono-Regular.otf", "LeagueMono-Bold.otf", "LeagueMono-Regular.otf"),
    "NotoSansMonoSemiCondensed": ("NotoSansMono-SemiCondensed.ttf", "NotoSansMono-SemiCondensedBold.ttf",
                                  "NotoSansMono-SemiCondensed.ttf"),
    "Mplus2": ("Mplus2-Regular.otf", "Mplus2-Bold.otf", "Mplus2-Regular.otf"),
    "FreeMono": ("FreeMono.ttf", "FreeMonoBold.ttf", "FreeMonoOblique.ttf"),
    "NotoSerifExtraCondensed": ("NotoSerif-ExtraCondensed.ttf", "NotoSerif-ExtraCondensedBold.ttf",
                                "NotoSerif-ExtraCondensedItalic.ttf"),
    "InterDisplay": ("InterDisplay-Regular.otf", "InterDisplay-Bold.otf", "InterDisplay-Italic.otf"),
    "CMUBright": ("cmunbmr.ttf", "cmunbbx.ttf", "cmunbmo.ttf"),
    "Mplus1Code": ("Mplus1Code-Regular.otf", "Mplus1Code-Bold.otf", "Mplus1Code-Regular.otf"),
    "NotoSansExtraCondensed": ("NotoSans-ExtraCondensed.ttf", "NotoSans-ExtraCondensedBold.ttf",
                               "NotoSans-ExtraCondensedItalic.ttf"),
    "ClearSansLight": ("ClearSans-Light.ttf", "ClearSans-Bold.ttf", "ClearSans-Italic.ttf"),
    "NotoSerifSemiCondensed": ("NotoSerif-SemiCondensed.ttf", "NotoSerif-SemiCondensedBold.ttf",
                               "NotoSerif-SemiCondensedItalic.ttf"),
    "NotoSansMonoCondensed": ("NotoSansMono-Condensed.ttf", "NotoSansMono-CondensedBold.ttf",
                              "NotoSansMono-Condensed.ttf"),
    "CMUSansDemiCondensed": ("cmunssdc.ttf", "cmunsx.ttf", "cmunsi.ttf"),
    "CMUTypewriterVariable": ("cmunvt.ttf", "cmuntb.ttf", "cmunvi.ttf"),
    "TeXGyreCursor": ("texgyrecursor-regular.otf", "texgyrecursor-bold.otf", "texgyrecursor-italic.otf"),
    "OpenSansCondLight": ("OpenSans-CondLight.ttf", "OpenSans-CondBold.ttf", "OpenSans-CondLightItalic.ttf"),
    "LatoLight": ("Lato-Light.ttf", "Lato-Bold.ttf", "Lato-LightItalic.ttf"),
    "JetBrainsMonoLight": ("JetBrainsMono-Light.ttf", "JetBrainsMono-Bold.ttf", "JetBrainsMono-LightItalic.ttf"),
    "RasaLight": ("Rasa-Light.ttf", "Rasa-Bold.ttf", "Yrsa-LightItalic.ttf"),
    "RobotoSlabLight": ("RobotoSlab-Light.otf", "RobotoSlab-Bold.otf", "RobotoSlab-Light.otf"),
    "JunicodeCondLight": ("JunicodeTwoBeta-CondensedLight.otf", "JunicodeTwoBeta-Bold.otf",
                          "JunicodeTwoBeta-CondensedLightItalic.otf"),
    "LiberationMono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf", "LiberationMono-Italic.ttf"),
    "NotoSerifLight": ("NotoSerif-Light.ttf", "NotoSerif-Bold.ttf", "NotoSerif-LightItalic.ttf"),
    "RobotoCondLight": ("RobotoCondensed-Light.ttf", "RobotoCondensed-Bold.ttf", "RobotoCondensed-LightItalic.ttf"),
    "NotoSansDisplayCond": ("NotoSansDisplay-Condensed.ttf", "NotoSansDisplay-CondensedBold.ttf",
                            "NotoSansDisplay-CondensedItalic.ttf"),
    "LeagueMonoNarrow": ("LeagueMono-NarrowRegular.otf", "LeagueMono-NarrowBold.otf", "LeagueMono-NarrowRegular.otf"),
    "DejaVuSansExtraLight": ("DejaVuSans-ExtraLight.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-ExtraLight.ttf"),
    "ManropeLight": ("Manrope-Light.ttf", "Manrope-Bold.ttf", "Manrope-Light.ttf"),
    "NotoSerifDisplayCondLight": ("NotoSerifDisplay-CondensedLight.ttf", "NotoSerifDisplay-CondensedBold.ttf",
                                  "NotoSerifDisplay-CondensedLightItalic.ttf"),
    "NotoSansMonoLight": ("NotoSansMono-Light.ttf", "NotoSansMono-SemiBold.ttf", "NotoSansMono-Light.ttf"),
    "OpenSansLight": ("OpenSans-Light.ttf", "OpenSans-Bold.ttf", "OpenSans-LightItalic.ttf"),
    "NotoSerifSemiCondLight": ("NotoSerif-SemiCondensedLight.ttf", "NotoSerif-SemiCondensedBold.ttf",
                               "NotoSerif-SemiCondensedLightItalic.ttf"),
    "RobotoLight": ("Roboto-Light.ttf", "Roboto-Bold.ttf", "Roboto-LightItalic.ttf"),
    "NotoSansMonoCondLight": ("NotoSansMono-CondensedLight.ttf", "NotoSansMono-CondensedSemiBold.ttf",
                              "NotoSansMono-CondensedLight.ttf"),
    "InterLight": ("Inter-Light.otf", "Inter-Bold.otf", "Inter-LightItalic.otf"),
    "NotoSansSemiCondLight": ("NotoSans-SemiCondensedLight.ttf", "NotoSans-SemiCondensedBold.ttf",
                              "NotoSans-SemiCondensedLightItalic.ttf"),
    "NotoSerifCondLight": ("NotoSerif-CondensedLight.ttf", "NotoSerif-CondensedBold.ttf",
                           "NotoSerif-CondensedLightItalic.ttf"),
    "Mplus1CodeLight": ("Mplus1Code-Light.otf", "Mplus1Code-Bold.otf", "Mplus1Code-Light.otf"),
    "CantarellLight": ("Cantarell-Light.otf", "Cantarell-Bold.otf", "Cantarell-Light.otf"),
    "NotoSansCondLight": ("NotoSans-CondensedLight.ttf", "NotoSans-CondensedBold.ttf",
                          "NotoSans-CondensedLightItalic.ttf"),
    "ElstobLight": ("ElstobD-Light.otf", "ElstobD-Bold.otf", "ElstobD-LightItalic.otf"),
    "JuraLight": ("Jura-Light.otf", "Jura-Bold.otf", "Jura-Light.otf"),
    "ComfortaaLight": ("Comfortaa-Light.ttf", "Comfortaa-Bold.ttf", "Comfortaa-Light.ttf"),
    "InterDisplayLight": ("InterDisplay-Light.otf", "InterDisplay-Bold.otf", "InterDisplay-LightItalic.otf"),
    "JunicodeLight": ("JunicodeTwoBeta-Light.otf", "JunicodeTwoBeta-Bold.otf",
                      "JunicodeTwoBeta-LightItalic.otf"),
    "LeagueSpartanLight": ("LeagueSpartan-Light.otf", "LeagueSpartan-Bold.otf", "LeagueSpartan-Light.otf"),
    "Mplus2Light": ("Mplus2-Light.otf", "Mplus2-Bold.otf", "Mplus2-Light.otf"),
    "NotoSansDisplayLight": ("NotoSansDisplay-Light.ttf", "NotoSansDisplay-Bold.ttf",
                             "NotoSansDisplay-LightItalic.ttf"),
    "NotoSerifDisplaySemiCondLight": ("NotoSerifDisplay-SemiCondensedLight.ttf",
                                      "NotoSerifDisplay-SemiCondensedBold.ttf",
                                      "NotoSerifDisplay-SemiCondensedLightItalic.ttf"),
    "LeagueMonoLight": ("LeagueMono-Light.otf", "LeagueMono-Bold.otf", "LeagueMono-Light.otf"),
    "YrsaLight": ("Yrsa-Light.ttf", "Yrsa-Bold.ttf", "Yrsa-LightItalic.ttf"),
    "QuicksandLight": ("Quicksand-Light.ttf", "Quicksand-Bold.ttf", "Quicksand-Light.ttf"),
    "NotoSerifExtraCondLight": ("NotoSerif-ExtraCondensedLight.ttf", "NotoSerif-ExtraCondensedBold.ttf",
                                "NotoSerif-ExtraCondensedLightItalic.ttf"),
    "MplusCodeLatin60Light": ("MplusCodeLatin60-Light.otf", "MplusCodeLatin60-Bold.otf",
                              "MplusCodeLatin60-Light.otf"),
    "NotoSansExtraCondLight": ("NotoSans-ExtraCondensedLight.ttf", "NotoSans-ExtraCondensedBold.ttf",
                               "NotoSans-ExtraCondensedLightItalic.ttf"),
    "JunicodeSemiCondLight": ("JunicodeTwoBeta-SemiCondensedLight.otf", "JunicodeTwoBeta-Bold.otf",
                              "JunicodeTwoBeta-SemiCondensedLightItalic.otf"),
    "NotoSerifDisplayLight": ("NotoSerifDisplay-Light.ttf", "NotoSerifDisplay-Bold.ttf",
                              "NotoSerifDisplay-LightItalic.ttf"),
    "MplusCode50Light": ("MplusCode50-Light.otf", "MplusCode50-Bold.otf", "MplusCode50-Light.otf"),
    "NotoSerifDisplayExtraCondLight": ("NotoSerifDisplay-ExtraCondensedLight.ttf",
                                       "NotoSerifDisplay-ExtraCondensedBold.ttf",
                                       "NotoSerifDisplay-ExtraCondensedLightItalic.ttf"),
    "Mplus1Light": ("Mplus1-Light.otf", "Mplus1-Bold.otf", "Mplus1-Light.otf"),
    "NotoSansLight": ("NotoSans-Light.ttf", "NotoSans-Bold.ttf", "NotoSans-LightItalic.ttf"),
    "VollkornMedium": ("Vollkorn-Medium.ttf", "Vollkorn-Bold.ttf", "Vollkorn-MediumItalic.ttf"),
    "NotoSerifSemiCondMedium": ("NotoSerif-SemiCondensedMedium.ttf", "NotoSerif-SemiCondensedBold.ttf",
                                "NotoSerif-SemiCondensedMediumItalic.ttf"),
    "LatoMedium": ("Lato-Medium.ttf", "Lato-Bold.ttf", "Lato-MediumItalic.ttf"),
    "ClearSansMedium": ("ClearSans-Medium.ttf", "ClearSans-Bold.ttf", "ClearSans-MediumItalic.ttf"),
    "RobotoCondMedium": ("RobotoCondensed-Medium.ttf", "RobotoCondensed-Bold.ttf",
                         "RobotoCondensed-MediumItalic.ttf"),
    "RasaMedium": ("Rasa-Medium.ttf", "Rasa-Bold.ttf", "Rasa-Medium.ttf"),
    "ManropeMedium": ("Manrope-Medium.ttf", "Manrope-Bold.ttf", "Manrope-Medium.ttf"),
    "NotoSerifCondMedium": ("NotoSerif-CondensedMedium.ttf", "NotoSerif-CondensedBold.ttf",
                            "NotoSerif-CondensedMediumItalic.ttf"),
    "RobotoMedium": ("Roboto-Medium.ttf", "Roboto-Bold.ttf", "Roboto-MediumItalic.ttf"),
    "YrsaMedium": ("Yrsa-Medium.ttf", "Yrsa-Bold.ttf", "Yrsa-Italic.ttf"),
    "NotoSansSemiCondMedium": ("NotoSans-SemiCondensedMedium.ttf", "NotoSans-SemiCondensedBold.ttf",
                               "NotoSans-SemiCondensedMediumItalic.ttf"),
    "NotoSerifMedium": ("NotoSerif-Medium.ttf", "NotoSerif-Bold.ttf", "NotoSerif-MediumItalic.ttf"),
    "QuicksandMedium": ("Quicksand-Medium.ttf", "Quicksand-Bold.ttf", "Quicksand-Medium.ttf"),
    "JetBrainsMonoMedium": ("JetBrainsMono-Medium.ttf", "JetBrainsMono-Bold.ttf", "JetBrainsMono-MediumItalic.ttf"),
    "LatoSemibold": ("Lato-Semibold.ttf", "Lato-Bold.ttf", "Lato-SemiboldItalic.ttf"),
    "NotoSansCondMedium": ("NotoSans-CondensedMedium.ttf", "NotoSans-CondensedBold.ttf",
                           "NotoSans-CondensedMediumItalic.ttf"),
    "InterMedium": ("Inter-Medium.otf", "Inter-Bold.otf", "Inter-MediumItalic.otf"),
    "NotoSansMedium": ("NotoSans-Medium.ttf", "NotoSans-Bold.ttf", "NotoSans-MediumItalic.ttf"),
    "ManropeSemiBold": ("Manrope-SemiBold.ttf", "Manrope-Bold.ttf", "Manrope-SemiBold.ttf"),
    "NotoSerifExtraCondMedium": ("NotoSerif-ExtraCondensedMedium.ttf", "NotoSerif-ExtraCondensedBold.ttf",
                                 "NotoSerif-ExtraCondensedMediumItalic.ttf"),
    "NotoSerifSemiBold": ("NotoSerif-SemiBold.ttf", "NotoSerif-Bold.ttf", "NotoSerif-SemiBoldItalic.ttf"),
    "VollkornSemiBold": ("Vollkorn-SemiBold.ttf", "Vollkorn-Bold.ttf", "Vollkorn-SemiBoldItalic.ttf"),
    "InterSemiBold": ("Inter-SemiBold.otf", "Inter-Bold.otf", "Inter-SemiBoldItalic.otf"),
    "NotoSansSemiCondSemiBold": ("NotoSans-SemiCondensedSemiBold.ttf", "NotoSans-SemiCondensedBold.ttf",
                                 "NotoSans-SemiCondensedSemiBoldItalic.ttf"),
    "YrsaSemiBold": ("Yrsa-SemiBold.ttf", "Yrsa-Bold.ttf", "Yrsa-SemiBoldItalic.ttf"),
    "RasaSemiBold": ("Rasa-SemiBold.ttf", "Rasa-Bold.ttf", "Rasa-SemiBold.ttf"),
    "NotoSansDisplaySemiBold": ("NotoSansDisplay-SemiBold.ttf", "NotoSansDisplay-Bold.ttf",
                                "NotoSansDisplay-SemiBoldItalic.ttf"),
    "NotoSerifCondSemiBold": ("NotoSerif-CondensedSemiBold.ttf", "NotoSerif-CondensedBold.ttf",
                              "NotoSerif-CondensedSemiBoldItalic.ttf"),
    "NotoSansCondSemiBold": ("NotoSans-CondensedSemiBold.ttf", "NotoSans-CondensedBold.ttf",
                             "NotoSans-CondensedSemiBoldItalic.ttf"),
    "ElstobSemiBold": ("ElstobD-SemiBold.otf", "ElstobD-Bold.otf", "ElstobD-SemiBoldItalic.otf"),
    "NotoSansSemiBold": ("NotoSans-SemiBold.ttf", "NotoSans-Bold.ttf", "NotoSans-SemiBoldItalic.ttf"),
    "NotoSerifDisplaySemiBold": ("NotoSerifDisplay-SemiBold.ttf", "NotoSerifDisplay-Bold.ttf",
                                 "NotoSerifDisplay-SemiBoldItalic.ttf"),
    "Mplus1SemiBold": ("Mplus1-SemiBold.otf", "Mplus1-Bold.otf", "Mplus1-SemiBold.otf"),
    "JunicodeSemiBold": ("JunicodeTwoBeta-Semibold.otf", "JunicodeTwoBeta-Bold.otf",
                         "JunicodeTwoBeta-SemiboldItalic.otf"),
    "NotoSerifSemiCondSemiBold": ("NotoSerif-SemiCondensedSemiBold.ttf", "NotoSerif-SemiCondensedBold.ttf",
                                  "NotoSerif-SemiCondensedSemiBoldItalic.ttf"),
    "InterDisplaySemiBold": ("InterDisplay-SemiBold.otf", "InterDisplay-Bold.otf",
                             "InterDisplay-SemiBoldItalic.otf"),
    "Mplus2SemiBold": ("Mplus2-SemiBold.otf", "Mplus2-Bold.otf", "Mplus2-SemiBold.otf"),
    "NotoSerifExtraCondSemiBold": ("NotoSerif-ExtraCondensedSemiBold.ttf", "NotoSerif-ExtraCondensedBold.ttf",
                                   "NotoSerif-ExtraCondensedSemiBoldItalic.ttf"),
    "NotoSansExtraCondSemiBold": ("NotoSans-ExtraCondensedSemiBold.ttf", "NotoSans-ExtraCondensedBold.ttf",
                                  "NotoSans-ExtraCondensedSemiBoldItalic.ttf"),
    "NotoSansDisplaySemiCondSemiBold": ("NotoSansDisplay-SemiCondensedSemiBold.ttf",
                                        "NotoSansDisplay-SemiCondensedBold.ttf",
                                        "NotoSansDisplay-SemiCondensedSemiBoldItalic.ttf"),
    "JuraSemiBold": ("Jura-SemiBold.otf", "Jura-Bold.otf", "Jura-SemiBold.otf"),
    "NotoSerifDisplaySemiCondSemiBold": ("NotoSerifDisplay-SemiCondensedSemiBold.ttf",
                                         "NotoSerifDisplay-SemiCondensedBold.ttf",
                                         "NotoSerifDisplay-SemiCondensedSemiBoldItalic.ttf"),
    "LeagueSpartanSemiBold": ("LeagueSpartan-SemiBold.otf", "LeagueSpartan-Bold.otf",
                              "LeagueSpartan-SemiBold.otf"),
    "NotoSerifDisplayExtraCondSemiBold": ("NotoSerifDisplay-ExtraCondensedSemiBold.ttf",
                                          "NotoSerifDisplay-ExtraCondensedBold.ttf",
                                          "NotoSerifDisplay-ExtraCondensedSemiBoldItalic.ttf"),
    "NotoSansDisplayExtraCondSemiBold": ("NotoSansDisplay-ExtraCondensedSemiBold.ttf",
                                         "NotoSansDisplay-ExtraCondensedBold.ttf",
                                         "NotoSansDisplay-ExtraCondensedSemiBoldItalic.ttf"),
    "NotoSerifDisplayCondSemiBold": ("NotoSerifDisplay-CondensedSemiBold.ttf",
                                     "NotoSerifDisplay-CondensedBold.ttf",
                                     "NotoSerifDisplay-CondensedSemiBoldItalic.ttf"),
    "InterDisplayMedium": ("InterDisplay-Medium.otf", "InterDisplay-Bold.otf", "InterDisplay-MediumItalic.otf"),
    "NotoSansDisplayCondSemiBold": ("NotoSansDisplay-CondensedSemiBold.ttf",
                                    "NotoSansDisplay-CondensedBold.ttf",
                                    "NotoSansDisplay-CondensedSemiBoldItalic.ttf"),
    "YanoneKaffeesatzMedium": ("YanoneKaffeesatz-Medium.otf", "YanoneKaffeesatz-Bold.otf",
                               "YanoneKaffeesatz-Medium.otf"),
    "JunicodeMedium": ("JunicodeTwoBeta-Medium.otf", "JunicodeTwoBeta-Bold.otf",
                       "JunicodeTwoBeta-MediumItalic.otf"),
    "OpenSansSemiBold": ("OpenSans-Semibold.ttf", "OpenSans-Bold.ttf", "OpenSans-SemiboldItalic.ttf"),
    "NotoSerifDisplayMedium": ("NotoSerifDisplay-Medium.ttf", "NotoSerifDisplay-Bold.ttf",
                               "NotoSerifDisplay-MediumItalic.ttf"),
    "Mplus1Medium": ("Mplus1-Medium.otf", "Mplus1-Bold.otf", "Mplus1-Medium.otf"),
    "Mplus2Medium": ("Mplus2-Medium.otf", "Mplus2-Bold.otf", "Mplus2-Medium.otf"),
    "NotoSansDisplaySemiCondMedium": ("NotoSansDisplay-SemiCondensedMedium.ttf",
                                      "NotoSansDisplay-SemiCondensedBold.ttf",
                                      "NotoSansDisplay-SemiCondensedMediumItalic.ttf"),
    "NotoSerifDisplaySemiCondMedium": ("NotoSerifDisplay-SemiCondensedMedium.ttf",
                                       "NotoSerifDisplay-SemiCondensedBold.ttf",
                                       "NotoSerifDisplay-SemiCondensedMediumItalic.ttf"),
    "JuraMedium": ("Jura-Medium.otf", "Jura-Bold.otf", "Jura-Medium.otf"),
    "ElstobMedium": ("ElstobD-Medium.otf", "ElstobD-Bold.otf", "ElstobD-MediumItalic.otf"),
    "NotoSansDisplayMedium": ("NotoSansDisplay-Medium.ttf", "NotoSansDisplay-Bold.ttf",
                              "NotoSansDisplay-MediumItalic.ttf"),
    "NotoSerifDisplayCondMedium": ("NotoSerifDisplay-CondensedMedium.ttf",
                                   "NotoSerifDisplay-CondensedBold.ttf",
                                   "NotoSerifDisplay-CondensedMediumItalic.ttf"),
    "LeagueSpartanMedium": ("LeagueSpartan-Medium.otf", "LeagueSpartan-Bold.otf",
                            "LeagueSpartan-Medium.otf"),
    "JunicodeSemiCondMedium": ("JunicodeTwoBeta-SemiCondensedMedium.otf", "JunicodeTwoBeta-Bold.otf",
                               "JunicodeTwoBeta-SemiCondensedMediumItalic.otf"),
    "NotoSansDisplayCondMedium": ("NotoSansDisplay-CondensedMedium.ttf", "NotoSansDisplay-CondensedBold.ttf",
                                  "NotoSansDisplay-CondensedMediumItalic.ttf"),
    "NotoSerifDisplayExtraCondMedium": ("NotoSerifDisplay-ExtraCondensedMedium.ttf",
                                        "NotoSerifDisplay-ExtraCondensedBold.ttf",
                                        "NotoSerifDisplay-ExtraCondensedMediumItalic.ttf"),
    "NotoSansExtraCondMedium": ("NotoSans-ExtraCondensedMedium.ttf", "NotoSans-ExtraCondensedBold.ttf",
                                "NotoSans-ExtraCondensedMediumItalic.ttf"),
    "JunicodeCond": ("JunicodeTwoBeta-Condensed.otf", "JunicodeTwoBeta-Bold.otf", "JunicodeTwoBeta-CondensedItalic.otf"),
    "NotoSansSemiCond": ("NotoSans-SemiCondensed.ttf", "NotoSans-SemiCondensedBold.ttf",
                         "NotoSans-SemiCondensedItalic.ttf"),
    "NotoSerifDisplaySemiCond": ("NotoSerifDisplay-SemiCondensed.ttf", "NotoSerifDisplay-SemiCondensedBold.ttf",
                                 "NotoSerifDisplay-SemiCondensedItalic.ttf"),
    "NotoSansDisplayExtraCondMedium": ("NotoSansDisplay-ExtraCondensedMedium.ttf",
                                       "NotoSansDisplay-ExtraCondensedBold.ttf",
                                       "NotoSansDisplay-ExtraCondensedMediumItalic.ttf"),
}
#: family → the Debian package that ships it (for the error message when missing).
FONT_PACKAGES = {
    "LiberationSerif": "fonts-liberation2", "LiberationSans": "fonts-liberation2",
    "DejaVuSerif": "fonts-dejavu-core fonts-dejavu-extra", "TeXGyreTermes": "fonts-texgyre",
    "TeXGyreHeros": "fonts-texgyre", "FreeSerif": "fonts-freefont-ttf",
    "DejaVuSans": "fonts-dejavu-core", "FreeSans": "fonts-freefont-ttf",
    "NotoSerif": "fonts-noto-core", "NotoSans": "fonts-noto-core", "Carlito": "fonts-crosextra-carlito",
    "Tinos": "fonts-croscore", "Arimo": "fonts-croscore", "TeXGyrePagella": "fonts-texgyre",
    "TeXGyreSchola": "fonts-texgyre", "TeXGyreBonum": "fonts-texgyre", "TeXGyreAdventor": "fonts-texgyre",
    "NotoSansDisplay": "fonts-noto-core", "NotoSerifDisplay": "fonts-noto-core",
    "DejaVuSerifCondensed": "fonts-dejavu-extra", "DejaVuSansCondensed": "fonts-dejavu-extra",
    "TeXGyreHerosCn": "fonts-texgyre", "LinuxLibertine": "fonts-linuxlibertine", "OpenSans": "fonts-open-sans",
    "Roboto": "fonts-roboto-unhinted", "RobotoCondensed": "fonts-roboto-unhinted",
    "CharisSIL": "fonts-sil-charis", "GentiumBookPlus": "fonts-sil-gentiumplus", "Lato": "fonts-lato",
    "LinuxBiolinum": "fonts-linuxlibertine", "GentiumPlus": "fonts-sil-gentiumplus", "Andika": "fonts-sil-andika",
    "Inter": "fonts-inter", "Yrsa": "fonts-yrsa-rasa", "Vollkorn": "fonts-vollkorn", "Manrope": "fonts-manrope",
    "Cantarell": "fonts-cantarell", "Elstob": "fonts-elstob", "Junicode": "fonts-junicode",
    "Comfortaa": "fonts-comfortaa", "Quicksand": "fonts-quicksand", "GFSArtemisia": "fonts-gfs-artemisia",
    "GFSDidot": "fonts-gfs-didot", "ClearSans": "fonts-clear-sans", "Laksaman": "fonts-tlwg-laksaman-ttf",
    "CMUSerif": "fonts-cmu", "RobotoSlab": "fonts-roboto-slab", "Jura": "fonts-jura", "Mplus1": "fonts-mplus",
    "DoulosSIL": "fonts-sil-doulos", "EBGaramond": "fonts-ebgaramond", "NotoSansCondensed": "fonts-noto-extra",
    "JetBrainsMono": "fonts-jetbrains-mono", "Essays1743": "fonts-essays1743", "LMSans": "fonts-lmodern",
    "GFSNeohellenic": "fonts-gfs-neohellenic", "CMUConcrete": "fonts-cmu",
    "LeagueSpartan": "fonts-league-spartan", "Cousine": "fonts-croscore", "YanoneKaffeesatz": "fonts-yanone-kaffeesatz",
    "CMUTypewriter": "fonts-cmu", "NotoSerifCondensed": "fonts-noto-extra", "LMMono": "fonts-lmodern",
    "LeagueMono": "fonts-league-mono", "NotoSansMonoSemiCondensed": "fonts-noto-extra",
    "Mplus2": "fonts-mplus", "FreeMono": "fonts-freefont-ttf", "NotoSerifExtraCondensed": "fonts-noto-extra",
    "InterDisplay": "fonts-inter", "CMUBright": "fonts-cmu", "Mplus1Code": "fonts-mplus",
    "NotoSansExtraCondensed": "fonts-noto-extra", "ClearSansLight": "fonts-clear-sans",
    "NotoSerifSemiCondensed": "fonts-noto-extra", "NotoSansMonoCondensed": "fonts-noto-extra",
    "CMUSansDemiCondensed": "fonts-cmu", "CMUTypewriterVariable": "fonts-cmu",
    "TeXGyreCursor": "fonts-texgyre", "OpenSansCondLight": "fonts-open-sans", "LatoLight": "fonts-lato",
    "JetBrainsMonoLight": "fonts-jetbrains-mono",
    "RasaLight": "fonts-yrsa-rasa", "RobotoSlabLight": "fonts-roboto-slab", "JunicodeCondLight": "fonts-junicode",
    "LiberationMono": "fonts-liberation2",
    "NotoSerifLight": "fonts-noto-core", "RobotoCondLight": "fonts-roboto-unhinted",
    "NotoSansDisplayCond": "fonts-noto-core", "LeagueMonoNarrow": "fonts-league-mono",
    "DejaVuSansExtraLight": "fonts-dejavu-extra", "ManropeLight": "fonts-manrope",
    "NotoSerifDisplayCondLight": "fonts-noto-extra", "NotoSansMonoLight": "fonts-noto-extra",
    "OpenSansLight": "fonts-open-sans", "NotoSerifSemiCondLight": "fonts-noto-extra",
    "RobotoLight": "fonts-roboto-unhinted", "NotoSansMonoCondLight": "fonts-noto-extra",
    "InterLight": "fonts-inter", "NotoSansSemiCondLight": "fonts-noto-extra",
    "NotoSerifCondLight": "fonts-noto-extra", "Mplus1CodeLight": "fonts-mplus",
    "CantarellLight": "fonts-cantarell", "NotoSansCondLight": "fonts-noto-extra",
    "ElstobLight": "fonts-elstob", "JuraLight": "fonts-jura",
    "ComfortaaLight": "fonts-comfortaa", "InterDisplayLight": "fonts-inter",
    "JunicodeLight": "fonts-junicode", "LeagueSpartanLight": "fonts-league-spartan",
    "Mplus2Light": "fonts-mplus", "NotoSansDisplayLight": "fonts-noto-core",
    "NotoSerifDisplaySemiCondLight": "fonts-noto-core", "LeagueMonoLight": "fonts-league-mono",
    "YrsaLight": "fonts-yrsa-rasa", "QuicksandLight": "fonts-quicksand",
    "NotoSerifExtraCondLight": "fonts-noto-extra", "MplusCodeLatin60Light": "fonts-mplus",
    "NotoSansExtraCondLight": "fonts-noto-extra", "JunicodeSemiCondLight": "fonts-junicode",
    "NotoSerifDisplayLight": "fonts-noto-core", "MplusCode50Light": "fonts-mplus",
    "NotoSerifDisplayExtraCondLight": "fonts-noto-extra", "Mplus1Light": "fonts-mplus",
    "NotoSansLight": "fonts-noto-extra", "VollkornMedium": "fonts-vollkorn",
    "NotoSerifSemiCondMedium": "fonts-noto-extra", "LatoMedium": "fonts-lato",
    "ClearSansMedium": "fonts-clear-sans", "RobotoCondMedium": "fonts-roboto-unhinted",
    "RasaMedium": "fonts-yrsa-rasa", "ManropeMedium": "fonts-manrope",
    "NotoSerifCondMedium": "fonts-noto-extra", "RobotoMedium": "fonts-roboto-unhinted",
    "YrsaMedium": "fonts-yrsa-rasa", "NotoSansSemiCondMedium": "fonts-noto-extra",
    "NotoSerifMedium": "fonts-noto-core", "QuicksandMedium": "fonts-quicksand",
    "JetBrainsMonoMedium": "fonts-jetbrains-mono", "LatoSemibold": "fonts-lato",
    "NotoSansCondMedium": "fonts-noto-extra", "InterMedium": "fonts-inter",
    "NotoSansMedium": "fonts-noto-core", "ManropeSemiBold": "fonts-manrope",
    "NotoSerifExtraCondMedium": "fonts-noto-extra", "NotoSerifSemiBold": "fonts-noto-core",
    "VollkornSemiBold": "fonts-vollkorn", "InterSemiBold": "fonts-inter",
    "NotoSansSemiCondSemiBold": "fonts-noto-extra", "YrsaSemiBold": "fonts-yrsa-rasa",
    "RasaSemiBold": "fonts-yrsa-rasa", "NotoSansDisplaySemiBold": "fonts-noto-extra",
    "NotoSerifCondSemiBold": "fonts-noto-extra", "NotoSansCondSemiBold": "fonts-noto-extra",
    "ElstobSemiBold": "fonts-elstob", "NotoSansSemiBold": "fonts-noto-extra",
    "NotoSerifDisplaySemiBold": "fonts-noto-extra", "Mplus1SemiBold": "fonts-mplus",
    "JunicodeSemiBold": "fonts-junicode", "NotoSerifSemiCondSemiBold": "fonts-noto-extra",
    "InterDisplaySemiBold": "fonts-inter", "Mplus2SemiBold": "fonts-mplus",
    "NotoSerifExtraCondSemiBold": "fonts-noto-extra", "NotoSansExtraCondSemiBold": "fonts-noto-extra",
    "NotoSansDisplaySemiCondSemiBold": "fonts-noto-extra", "JuraSemiBold": "fonts-jura",
    "NotoSerifDisplaySemiCondSemiBold": "fonts-noto-extra", "LeagueSpartanSemiBold": "fonts-league-spartan",
    "NotoSerifDisplayExtraCondSemiBold": "fonts-noto-extra",
    "NotoSansDisplayExtraCondSemiBold": "fonts-noto-extra",
    "NotoSerifDisplayCondSemiBold": "fonts-noto-extra", "InterDisplayMedium": "fonts-inter",
    "NotoSansDisplayCondSemiBold": "fonts-noto-extra", "YanoneKaffeesatzMedium": "fonts-yanone-kaffeesatz",
    "JunicodeMedium": "fonts-junicode", "OpenSansSemiBold": "fonts-open-sans",
    "NotoSerifDisplayMedium": "fonts-noto-extra", "Mplus1Medium": "fonts-mplus",
    "Mplus2Medium": "fonts-mplus", "NotoSansDisplaySemiCondMedium": "fonts-noto-extra",
    "NotoSerifDisplaySemiCondMedium": "fonts-noto-extra", "JuraMedium": "fonts-jura",
    "ElstobMedium": "fonts-elstob", "NotoSansDisplayMedium": "fonts-noto-extra",
    "NotoSerifDisplayCondMedium": "fonts-noto-extra", "LeagueSpartanMedium": "fonts-league-spartan",
    "JunicodeSemiCondMedium": "fonts-junicode", "NotoSansDisplayCondMedium": "fonts-noto-extra",
    "NotoSerifDisplayExtraCondMedium": "fonts-noto-extra", "NotoSansExtraCondMedium": "fonts-noto-extra",
    "JunicodeCond": "fonts-junicode", "NotoSansSemiCond": "fonts-noto-extra",
    "NotoSerifDisplaySemiCond": "fonts-noto-extra", "NotoSansDisplayExtraCondMedium": "fonts-noto-extra",
}
WEIGHTS = ("Regular", "Bold", "Italic")


def source_file(family: str, weight: str) -> Path:
    """The installed file of `family` in `weight` (Regular | Bold | Italic)."""
    if family not in FONT_FILES:
        raise KeyError(f"unknown font family {family!r}; known: {sorted(FONT_FILES)}")
    name = FONT_FILES[family][WEIGHTS.index(weight)]
    for d in FONT_DIRS:
        if (d / name).exists():
            return d / name
    raise FileNotFoundError(f"font {name} not found in {[str(d) for d in FONT_DIRS]}; "
                            f"install {FONT_PACKAGES.get(family, 'its package')}")


def truetype_file(family: str, weight: str) -> Path:
    """A TrueType file of `family`/`weight` reportlab can embed (CFF converted, cached)."""
    src = source_file(family, weight)
    if src.suffix.lower() == ".ttf":
        return src
    out = CONVERTED / f"{src.stem}.ttf"
    if not out.exists() or out.stat().st_mtime < src.stat().st_mtime:
        CONVERTED.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(f".{os.getpid()}.part")  # its own part file: test processes may race
        _cff_to_truetype(src, tmp)
        tmp.replace(out)
    return out


def _cff_to_truetype(src: Path, out: Path) -> None:
    """Rewrite an OpenType CFF font as TrueType: quadratic `glyf` outlines, new `maxp`."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(src))
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames, post.mapping, post.glyphOrder = [], {}, order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(out))


def office_family(family: str) -> str:
    """The name a word processor knows `family`'s regular weight by: its font's legacy
    family name (name ID 1, "Yrsa Light" for Yrsa's light cut), which fontconfig lists."""
    from fontTools.ttLib import TTFont

    return TTFont(str(source_file(family, "Regular")), lazy=True)["name"].getDebugName(1)


def missing_characters(family: str, text: str) -> set[str]:
    """Characters of `text` (spaces aside) that some weight of `family` has no glyph for."""
    from fontTools.ttLib import TTFont

    wanted = {c for c in text if not c.isspace()}
    missing: set[str] = set()
    for weight in WEIGHTS:
        cmap = TTFont(str(source_file(family, weight)), lazy=True).getBestCmap()
        missing |= {c for c in wanted if ord(c) not in cmap}
    return missing
