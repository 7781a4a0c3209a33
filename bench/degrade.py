"""What happens to a printed plan page between the printer and the PDF we receive.

Each function takes a greyscale page (`uint8`, white paper = 255, ink dark), a seeded
`numpy.random.Generator` and its parameters, and returns a new page (the input is never
modified); those whose outcome matters to a test also return what they did (the angle,
where a seal went). Same page, same seed, same parameters → identical pixels.
The facts they imitate are in ../shared/SCANS.md.

Marks on the paper: `seal` (the round red seal, grey on a grey scan), `edge_seal` (the
"dấu giáp lai" across the right edge), `signature` (pen strokes), `bleed_through` (the
back of the sheet showing through). The copier: `photocopy` (grey paper, lighter ink,
thickened or broken strokes, toner streaks), `speckle`. The capture: `skew`,
`illumination` (darker towards the binding), `blur`, `gaussian_noise`, `jpeg`, or a
`phone_photo` (perspective, vignetting, a soft shadow, the desk around the page).
"""
from __future__ import annotations

import io
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

Gray = np.ndarray  # 2-D uint8, white paper

#: Lettering around a seal: generic issuers and places, nothing from the reference plans.
SEAL_ISSUERS = ("ỦY BAN NHÂN DÂN TỈNH", "SỞ NỘI VỤ TỈNH", "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "ỦY BAN NHÂN DÂN HUYỆN")
SEAL_PLACES = ("HÀ NAM", "THÁI BÌNH", "NAM ĐỊNH", "THANH HÓA", "HƯNG YÊN")


# --------------------------------------------------------------------------- helpers

def mm_to_px(mm: float, dpi: int) -> int:
    return int(round(mm / 25.4 * dpi))


def _smooth_field(rng: np.random.Generator, shape: tuple[int, int], cells: int) -> np.ndarray:
    """A smooth random field in [0, 1] with about `cells` bumps across the longer side."""
    h, w = shape
    gh, gw = max(2, round(cells * h / max(h, w))) + 1, max(2, round(cells * w / max(h, w))) + 1
    grid = rng.random((gh, gw)).astype(np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC).clip(0.0, 1.0)


def _to_u8(f: np.ndarray) -> Gray:
    """Float grey levels back to a page: rounded (truncating would darken by half a level)."""
    return np.rint(f).clip(0, 255).astype(np.uint8)


def _ink(gray: Gray, alpha: np.ndarray, level: float, x0: int = 0, y0: int = 0) -> Gray:
    """Lay ink of grey `level` with coverage `alpha` (float, [0, 1]) at (x0, y0), the way
    ink sits on paper: blank paper takes the ink's grey, darker print stays dark. Parts of
    `alpha` outside the page are dropped."""
    out = gray.astype(np.float32)
    h, w = gray.shape
    ah, aw = alpha.shape
    gx0, gy0, gx1, gy1 = max(0, x0), max(0, y0), min(w, x0 + aw), min(h, y0 + ah)
    if gx1 <= gx0 or gy1 <= gy0:
        return gray.copy()
    a = alpha[gy0 - y0:gy1 - y0, gx0 - x0:gx1 - x0]
    out[gy0:gy1, gx0:gx1] *= 1.0 - a * (1.0 - level / 255.0)
    return _to_u8(out)


# --------------------------------------------------------------------------- the capture

def rotate(gray: Gray, angle: float) -> Gray:
    """Rotate about the centre by `angle` degrees (counter-clockwise, as cv2), white fill."""
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def skew(gray: Gray, rng: np.random.Generator, max_angle: float, min_angle: float = 0.0) -> tuple[Gray, float]:
    """The page lying crooked on the platen: rotated by an angle whose size is drawn in
    [`min_angle`, `max_angle`]° and whose sign is drawn too."""
    angle = float(rng.uniform(min_angle, max_angle)) * (1.0 if rng.random() < 0.5 else -1.0)
    return rotate(gray, angle), angle


def blur(gray: Gray, rng: np.random.Generator, sigma: float) -> Gray:
    """Scanner optics: Gaussian blur of about `sigma` px (±15 %: focus varies per page)."""
    s = sigma * float(rng.uniform(0.85, 1.15))
    return cv2.GaussianBlur(gray, (0, 0), s)


def gaussian_noise(gray: Gray, rng: np.random.Generator, sigma: float) -> Gray:
    """Sensor noise: N(0, `sigma`) grey levels added to every pixel."""
    noise = rng.normal(0.0, sigma, gray.shape).astype(np.float32)
    return _to_u8(gray.astype(np.float32) + noise)


def speckle(gray: Gray, rng: np.random.Generator, density: float, max_radius: int = 2) -> Gray:
    """Salt and pepper of a dirty platen or a copy of a copy: `density` × area dark specks
    (radius 0..`max_radius` px) anywhere, and as many white pin-holes (dropouts in ink)."""
    out = gray.copy()
    h, w = gray.shape
    n = int(density * h * w)
    xs, ys = rng.integers(0, w, n), rng.integers(0, h, n)
    radii, shades = rng.integers(0, max_radius + 1, n), rng.integers(0, 110, n)
    for x, y, r, s in zip(xs.tolist(), ys.tolist(), radii.tolist(), shades.tolist()):
        cv2.circle(out, (x, y), r, int(s), -1)
    hx, hy = rng.integers(0, w, n), rng.integers(0, h, n)
    out[hy, hx] = np.maximum(out[hy, hx], rng.integers(200, 256, n).astype(np.uint8))
    return out


def illumination(gray: Gray, rng: np.random.Generator, strength: float,
                 edge: str | None = None) -> tuple[Gray, str]:
    """Uneven light: darker towards one `edge` (the binding; drawn when None), a gentle
    gradient across the page and a faint mottle. Blank paper at that edge falls to about
    255 × (1 − `strength`)."""
    h, w = gray.shape
    edge = edge or str(rng.choice(["left", "right", "top", "bottom"]))
    sh, sw = max(8, h // 8), max(8, w // 8)  # fields are smooth: compute them small
    ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
    d = {"left": xs / (sw - 1), "right": 1 - xs / (sw - 1), "top": ys / (sh - 1), "bottom": 1 - ys / (sh - 1)}[edge]
    width = float(rng.uniform(0.06, 0.16))
    shade = 0.7 * np.exp(-d / width) + 0.3 * (1 - d) + 0.08 * (_smooth_field(rng, (sh, sw), 4) - 0.5)
    factor = 1.0 - strength * shade.clip(0.0, 1.0)
    factor = cv2.resize(factor, (w, h), interpolation=cv2.INTER_LINEAR)
    return _to_u8(gray.astype(np.float32) * factor), edge


def encode_jpeg(gray: Gray, quality: int, dpi: int = 300) -> bytes:
    """The page as a baseline greyscale JPEG at `quality` (what a scanner writes)."""
    buf = io.BytesIO()
    Image.fromarray(gray).save(buf, "JPEG", quality=int(quality), dpi=(dpi, dpi))
    return buf.getvalue()


def jpeg(gray: Gray, rng: np.random.Generator, quality: int) -> Gray:
    """JPEG round trip at `quality` (40–90): blocking and ringing around strokes. The
    quality is the scanner's setting, so nothing here is random (`rng` is unused)."""
    with Image.open(io.BytesIO(encode_jpeg(gray, quality))) as im:
        return np.asarray(im.convert("L")).copy()


def phone_photo(gray: Gray, rng: np.random.Generator, max_angle: float = 5.0, vignette: float = 0.3,
                shadow: float = 0.3) -> tuple[Gray, np.ndarray]:
    """A phone photo of the page on a desk: the page shrunk into the frame with its top
    edge narrower (side edges leaning by at most `max_angle`° in all, tilt plus turn),
    a darker desk around it, vignetting (corners darker by up to `vignette`) and a soft
    shadow over part of the page (darker by up to `shadow`). Returns the page's corners
    in the photo (top-left, top-right, bottom-right, bottom-left)."""
    h, w = gray.shape
    scale = float(rng.uniform(0.86, 0.92))
    tilt = float(rng.uniform(0.3, 0.8)) * max_angle
    turn = float(rng.uniform(-1, 1)) * (max_angle - tilt) * 0.9
    pw, ph = w * scale, h * scale
    inset = ph * math.tan(math.radians(tilt))  # top corners pulled in: the edges lean by `tilt`
    local = np.array([[-pw / 2 + inset, -ph / 2], [pw / 2 - inset, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]])
    c, s = math.cos(math.radians(turn)), math.sin(math.radians(turn))
    corners = local @ np.array([[c, s], [-s, c]]) + np.array([w / 2 + rng.uniform(-0.01, 0.01) * w,
                                                              h / 2 + rng.uniform(-0.01, 0.01) * h])
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    page = cv2.warpPerspective(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255).astype(np.float32)
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)
    small = (max(8, h // 8), max(8, w // 8))
    desk = float(rng.uniform(60, 120)) + 30 * (_smooth_field(rng, small, 3) - 0.5)
    desk = cv2.resize(desk, (w, h), interpolation=cv2.INTER_LINEAR)
    img = page * mask + desk * (1 - mask)
    ys, xs = np.mgrid[0:small[0], 0:small[1]].astype(np.float32)
    cy, cx = (small[0] - 1) * rng.uniform(0.4, 0.6), (small[1] - 1) * rng.uniform(0.4, 0.6)
    r2 = ((xs - cx) / small[1]) ** 2 + ((ys - cy) / small[0]) ** 2
    light = 1.0 - vignette * (r2 / r2.max())
    # the shadow of the phone or a hand: a half-plane from one side, very soft
    theta = rng.uniform(0, 2 * math.pi)
    proj = (xs / small[1] - 0.5) * math.cos(theta) + (ys / small[0] - 0.5) * math.sin(theta)
    cut = float(rng.uniform(0.15, 0.35))
    light *= 1.0 - shadow * (1 / (1 + np.exp(-(proj - cut) / 0.04)))
    img *= cv2.resize(light.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    return _to_u8(img), corners


# --------------------------------------------------------------------------- the copier

def photocopy(gray: Gray, rng: np.random.Generator, paper: int = 225, ink: int = 60, morph: int = 0,
              dropout: float = 0.0, streaks: int = 0) -> Gray:
    """A copy (of a copy): strokes thickened (`morph` > 0 px) or thinned (< 0), a share
    `dropout` of the ink lost in small holes (broken strokes), blank paper raised to grey
    `paper` (up to 12 levels darker in blotches of uneven toner) and solid ink lightened
    to `ink` (less contrast), `streaks` toner streaks along the paper feed.

    Thinning lightens the `|morph|` px of a stroke's edge halfway rather than removing
    them: a copier set light fades a hairline rule to grey, it does not erase it."""
    img = gray
    if morph:
        k = cv2.getStructuringElement(cv2.MORPH_RECT, (abs(morph) + 1, abs(morph) + 1))
        if morph > 0:
            img = cv2.erode(img, k)  # ink is dark: erode grows it
        else:
            img = ((img.astype(np.uint16) + cv2.dilate(img, k)) // 2).astype(np.uint8)
    f = img.astype(np.float32)
    if dropout > 0:
        holes = cv2.GaussianBlur(rng.random(img.shape, dtype=np.float32), (0, 0), 1.2)
        cut = np.quantile(holes, 1.0 - dropout)
        f = np.where(holes > cut, np.maximum(f, 255 - (255 - f) * 0.25), f)
    h, w = img.shape
    small = (max(8, h // 16), max(8, w // 16))
    toner = cv2.resize(_smooth_field(rng, small, 8), (w, h), interpolation=cv2.INTER_LINEAR)
    f = paper - 12.0 * toner - (paper - 12.0 * toner - ink) * (255.0 - f) / 255.0  # blotchy grey paper
    vertical = bool(rng.random() < 0.5)
    for _ in range(streaks):
        pos = int(rng.integers(0, w if vertical else h))
        width = int(rng.integers(1, 5))
        dark = float(rng.uniform(12, 40))
        length = h if vertical else w
        start = int(rng.integers(0, length // 2))
        end = int(rng.integers(start + length // 3, length + 1))
        profile = np.ones(end - start, np.float32) * (0.7 + 0.3 * _smooth_field(rng, (1, end - start), 6)[0])
        if vertical:
            f[start:end, pos:pos + width] -= dark * profile[:, None]
        else:
            f[pos:pos + width, start:end] -= dark * profile[None, :]
    return _to_u8(f)


# --------------------------------------------------------------------------- marks on the paper

def _seal_font(px: int) -> ImageFont.FreeTypeFont:
    from bench.fonts import source_file

    return ImageFont.truetype(str(source_file("LiberationSans", "Bold")), max(6, px))


def seal_alpha(rng: np.random.Generator, diameter: int) -> np.ndarray:
    """Ink coverage ([0, 1], square of side `diameter` + 4) of a round Vietnamese seal:
    a thick outer ring, a thin inner ring, capital lettering around between them and a
    five-pointed star in the middle, with the uneven pressure of a hand stamp."""
    size = diameter + 4
    r = diameter / 2
    c = size / 2
    canvas = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(canvas)
    outer_w = max(2, round(0.035 * diameter))
    inner_r = 0.66 * r
    draw.ellipse([c - r, c - r, c + r, c + r], outline=255, width=outer_w)
    draw.ellipse([c - inner_r, c - inner_r, c + inner_r, c + inner_r], outline=255, width=max(1, round(0.012 * diameter)))
    band_in, band_out = inner_r, r - outer_w
    # capitals around the band, spaced to fill the whole circle: "ISSUER ★ PLACE ★"
    text = f"{rng.choice(SEAL_ISSUERS)} * {rng.choice(SEAL_PLACES)} * "
    band = band_out - band_in
    text_r = band_in + 0.42 * band
    font = _seal_font(round(0.6 * band))
    advances = [font.getlength(ch) * 1.08 for ch in text]
    fit = 2 * math.pi * text_r / sum(advances)
    if fit < 1.0:  # too long for the ring at this size: smaller letters
        font = _seal_font(round(0.6 * band * fit))
        advances = [font.getlength(ch) * 1.08 for ch in text]
    start = float(rng.uniform(0, 360))
    total, run = sum(advances), 0.0
    for ch, adv in zip(text, advances):
        theta = start + 360.0 * (run + adv / 2) / total
        run += adv
        if ch == " ":
            continue
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-theta, resample=Image.BICUBIC, expand=False)
        gx = c + text_r * math.sin(math.radians(theta)) - glyph.width / 2
        gy = c - text_r * math.cos(math.radians(theta)) - glyph.height / 2
        canvas.paste(255, (round(gx), round(gy)), glyph)
    star_r = 0.28 * inner_r
    points = [(c + (star_r if i % 2 == 0 else 0.4 * star_r) * math.sin(math.radians(36 * i)),
               c - (star_r if i % 2 == 0 else 0.4 * star_r) * math.cos(math.radians(36 * i))) for i in range(10)]
    draw.polygon(points, fill=255)
    alpha = np.asarray(canvas, dtype=np.float32) / 255.0
    alpha = cv2.GaussianBlur(alpha, (0, 0), max(0.6, diameter / 500))  # ink spreads a little
    gx, gy = rng.uniform(-1, 1, 2)
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32) / size - 0.5
    pressure = 0.8 + 0.35 * (gx * xs + gy * ys) + 0.25 * (_smooth_field(rng, (size, size), 6) - 0.5)
    return (alpha * pressure.clip(0.35, 1.0)).clip(0.0, 1.0)


def seal(gray: Gray, rng: np.random.Generator, dpi: int, diameter_mm: tuple[float, float] = (35.0, 42.0),
         level: tuple[float, float] = (110.0, 160.0),
         centre: tuple[int, int] | None = None) -> tuple[Gray, tuple[int, int, int]]:
    """The round seal (`diameter_mm` across), red ink seen as grey `level` on a grey scan,
    stamped over the table (centre drawn in the middle of the page unless given), over
    rules and text. Returns (x, y, radius) in px."""
    h, w = gray.shape
    d = mm_to_px(float(rng.uniform(*diameter_mm)), dpi)
    alpha = seal_alpha(rng, d)
    shade = float(rng.uniform(*level))
    if centre is None:
        centre = (int(rng.uniform(0.3, 0.8) * w), int(rng.uniform(0.35, 0.75) * h))
    x, y = centre
    half = alpha.shape[0] // 2
    return _ink(gray, alpha, shade, x - half, y - half), (x, y, d // 2)


def edge_seal(gray: Gray, rng: np.random.Generator, dpi: int, diameter_mm: tuple[float, float] = (35.0, 42.0),
              level: tuple[float, float] = (110.0, 160.0),
              visible: tuple[float, float] = (0.2, 0.48)) -> tuple[Gray, tuple[int, int, int]]:
    """"Dấu giáp lai": a seal stamped across the right edge of the stacked sheets, so
    only a slice of it (`visible` share of its diameter) lies on this page: a grey arc
    in the right margin, sometimes over the last column. Returns the full circle's
    (x, y, radius) in px; x is beyond the page's right edge."""
    h, w = gray.shape
    d = mm_to_px(float(rng.uniform(*diameter_mm)), dpi)
    alpha = seal_alpha(rng, d)
    inside = float(rng.uniform(*visible)) * d
    x, y = int(round(w - inside + d / 2)), int(rng.uniform(0.3, 0.7) * h)
    half = alpha.shape[0] // 2
    return _ink(gray, alpha, float(rng.uniform(*level)), x - half, y - half), (x, y, d // 2)


def _bezier(p0, p1, p2, p3, n: int = 32) -> np.ndarray:
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t ** 2 * p2 + t ** 3 * p3


def signature(gray: Gray, rng: np.random.Generator, dpi: int, box: tuple[int, int, int, int] | None = None,
              level: tuple[float, float] = (25.0, 90.0),
              pen_mm: tuple[float, float] = (0.35, 0.6)) -> tuple[Gray, tuple[int, int, int, int]]:
    """Handwritten initials or a signature: 2–4 pen strokes, each a chain of smooth cubic
    Bézier curves running left to right with loops up and down, inside `box` (x, y, w, h
    in px; drawn near the bottom right of the page unless given). Returns the box."""
    h, w = gray.shape
    if box is None:
        bw, bh = mm_to_px(float(rng.uniform(25, 45)), dpi), mm_to_px(float(rng.uniform(10, 18)), dpi)
        bx = int(w - bw - rng.uniform(0.04, 0.25) * w)
        by = int(h - bh - rng.uniform(0.02, 0.12) * h)
        box = (bx, by, bw, bh)
    bx, by, bw, bh = box
    mask = np.zeros((bh, bw), np.uint8)
    pen = max(1, mm_to_px(float(rng.uniform(*pen_mm)), dpi))
    for _ in range(int(rng.integers(2, 5))):
        n = int(rng.integers(2, 6))
        xs = np.sort(rng.uniform(0.05, 0.95, n + 1)) * bw
        ys = rng.uniform(0.15, 0.85, n + 1) * bh
        prev_ctrl = None
        for k in range(n):
            p0, p3 = np.array([xs[k], ys[k]]), np.array([xs[k + 1], ys[k + 1]])
            p1 = p0 + (p0 - prev_ctrl if prev_ctrl is not None else rng.normal(0, 0.3, 2) * [bw / n, bh])
            p2 = p3 + rng.normal(0, 0.5, 2) * [bw / n, bh]
            prev_ctrl = p2
            curve = _bezier(p0, p1, p2, p3).clip([0, 0], [bw - 1, bh - 1])
            cv2.polylines(mask, [np.round(curve).astype(np.int32)], False, 255,
                          thickness=max(1, pen + int(rng.integers(-1, 2))), lineType=cv2.LINE_AA)
    alpha = mask.astype(np.float32) / 255.0
    return _ink(gray, alpha, float(rng.uniform(*level)), bx, by), box


def bleed_through(gray: Gray, rng: np.random.Generator, back: Gray, strength: float = 0.12) -> Gray:
    """The back of the sheet showing through thin paper: `back` (another page) mirrored
    left-right, shifted a little, diffused by the paper, its ink laid at `strength`
    (0.1–0.2: faint) of its darkness."""
    h, w = gray.shape
    mirrored = np.fliplr(cv2.resize(back, (w, h), interpolation=cv2.INTER_AREA))
    dx, dy = (float(v) for v in rng.integers(-max(1, w // 100), max(2, w // 100), 2))
    shifted = cv2.warpAffine(mirrored, np.float32([[1, 0, dx], [0, 1, dy]]), (w, h), borderValue=255)
    diffused = cv2.GaussianBlur(shifted, (0, 0), max(1.0, w / 1000) * float(rng.uniform(1.5, 2.5)))
    alpha = (255.0 - diffused.astype(np.float32)) / 255.0 * strength
    return _to_u8(gray.astype(np.float32) * (1.0 - alpha))
