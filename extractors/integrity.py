"""Is anything of the file lost? Its structure checked with qpdf (pikepdf), page by page.

PDFium opens a damaged file by rebuilding what it can and says nothing about what it
could not: a page whose content stream is gone is drawn blank, one whose stream is cut
is drawn up to the cut, a damaged font draws (and extracts) some glyphs wrongly or not
at all. So every file is also read by qpdf, which names what is damaged:

- the file had to be rebuilt (damaged cross-reference table: qpdf's warnings on open);
- the page tree names more pages than can be read (page objects lost);
- per page, what it draws with: the content streams (lost, or their data damaged), the
  resources, fonts and images they use (an object lost, a stream damaged), and the
  fonts' embedded programs and ToUnicode maps.

Stream data is checked strictly: qpdf decodes a Flate stream whose zlib checksum is
wrong without a word (a flipped byte in an uncompressible font program goes unseen), so
Flate data is also inflated with zlib, which checks it. A damaged ToUnicode map is told
apart from the rest: the glyphs still draw right, only the text layer is wrong, so those
pages are OCR'd (`pipeline.stages`), not given up.

Costs ~1–2 ms for a 10-page born-digital plan (every stream is inflated once).
"""
from __future__ import annotations

import base64
import binascii
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

#: Filters decoded in Python before the strict Flate check (they come first in a chain).
_TEXT_FILTERS = ("/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx")
MAX_DEPTH = 4  # form XObjects nested in form XObjects: how deep the walk goes


@dataclass
class PageDamage:
    lost: list[str] = field(default_factory=list)  # what the page draws with that is lost or damaged
    text_maps: list[str] = field(default_factory=list)  # fonts whose ToUnicode map is damaged
    no_contents: bool = False  # the page has no content stream
    empty: bool = False  # its content streams hold nothing but white space
    unresolved: list[str] = field(default_factory=list)  # what would be lost if the file was rebuilt


@dataclass
class Integrity:
    """What qpdf found; empty lists when the file is sound."""

    rebuilt: bool = False  # qpdf had to reconstruct the file (cross-reference table)
    problems: list[str] = field(default_factory=list)  # document-level: what is lost
    pages: dict[int, PageDamage] = field(default_factory=dict)  # 1-based page → damage
    notes: list[str] = field(default_factory=list)  # what qpdf said, for the record
    #: Pages whose content is empty (no stream, or streams of white space only): a page
    #: made by a word processor draws something even when blank (a clip path), a page
    #: whose stream was emptied draws nothing at all.
    empty: set[int] = field(default_factory=set)

    def lost(self, page: int) -> list[str]:
        return self.pages[page].lost if page in self.pages else []

    def text_maps(self, page: int) -> list[str]:
        return self.pages[page].text_maps if page in self.pages else []


def _name(obj) -> str:
    return str(obj)


def _strict_flate(stream) -> str | None:
    """zlib's verdict on a Flate stream's data (checksum included), None when sound or
    not checkable (other filters, predictors are fine: they apply after inflating)."""
    import pikepdf

    names = _filters(stream)
    if "/FlateDecode" not in names and "/Fl" not in names:
        return None
    k = names.index("/FlateDecode") if "/FlateDecode" in names else names.index("/Fl")
    if any(n not in _TEXT_FILTERS for n in names[:k]):
        return None
    try:
        data = stream.read_raw_bytes()
        for n in names[:k]:
            if n in ("/ASCII85Decode", "/A85"):
                text = bytes(data).split(b"~>")[0].replace(b"<~", b"")
                data = base64.a85decode(b"".join(text.split()))
            else:
                text = b"".join(bytes(data).split(b">")[0].split())
                data = binascii.unhexlify(text + b"0" * (len(text) % 2))
    except (ValueError, binascii.Error) as err:
        return f"damaged data ({err})"
    except Exception:  # raw data not available (encryption handled by qpdf): qpdf's check only
        return None
    if len(data) < 2 or (data[0] & 0x0F) != 8 or ((data[0] << 8) | data[1]) % 31:
        return None  # no zlib header (raw deflate from some producers): nothing to check strictly
    try:
        inflater = zlib.decompressobj()
        inflater.decompress(bytes(data))
        if not inflater.eof:
            return "damaged data (cut short)"
    except zlib.error as err:
        return f"damaged data ({str(err).split(': ', 1)[-1]})"
    return None


#: Filters qpdf decodes (`read_bytes`); image codecs (DCT, JPX, JBIG2, CCITT) it leaves as they are.
_GENERAL = {"/FlateDecode", "/Fl", "/LZWDecode", "/LZW", "/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx",
            "/RunLengthDecode", "/RL"}


def _filters(stream) -> list[str]:
    import pikepdf

    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        return [_name(f) for f in filters]
    return [_name(filters)] if filters is not None else []


def _stream_problem(stream) -> str | None:
    """Why a stream's data cannot be trusted, or None."""
    import pikepdf

    names = _filters(stream)
    if any(n not in _GENERAL for n in names):
        if names in (["/DCTDecode"], ["/DCT"]):  # a JPEG: whole when it starts and ends as one
            try:
                raw = bytes(stream.read_raw_bytes())
            except Exception:
                return None
            if not raw.startswith(b"\xff\xd8"):
                return "damaged data (not a JPEG image)"
            if b"\xff\xd9" not in raw[-1024:]:
                return "damaged data (JPEG image cut short)"
        return None
    try:
        stream.read_bytes()
    except pikepdf.PdfError as err:
        return f"damaged data ({str(err).rsplit(': ', 1)[-1][:80]})"
    except Exception as err:
        return f"damaged data ({str(err)[:80]})"
    return _strict_flate(stream)


_SUBSET = re.compile(r"^[A-Z]{6}\+")
#: Operators naming a resource: a font (Tf), an image or form (Do).
_USES = {"Tf": ("/Font", "font"), "Do": ("/XObject", "image or form")}


def _names_missing(page, resources) -> list[str]:
    """Fonts, images and forms the content stream uses that the resources lack (qpdf
    drops a key whose object is gone, so a lost font shows only here)."""
    import pikepdf

    try:
        instructions = pikepdf.parse_content_stream(page, " ".join(_USES))
    except Exception:
        return []
    missing: list[str] = []
    for operands, operator in instructions:
        kind = _USES.get(str(operator))
        if kind is None or not operands or not isinstance(operands[0], pikepdf.Name):
            continue
        group = resources.get(kind[0]) if isinstance(resources, pikepdf.Dictionary) else None
        name = str(operands[0])
        label = f"{kind[1]} {name} lost"
        if (not isinstance(group, pikepdf.Dictionary) or name not in group) and label not in missing:
            missing.append(label)
    return missing


class _Walker:
    """One page's drawing dependencies, each stream checked once per document."""

    def __init__(self):
        self.checked: dict[tuple[int, int], str | None] = {}

    def stream(self, obj) -> str | None:
        key = obj.objgen
        if key == (0, 0):
            return _stream_problem(obj)
        if key not in self.checked:
            self.checked[key] = _stream_problem(obj)
        return self.checked[key]

    def page(self, page) -> PageDamage:
        import pikepdf

        out = PageDamage()
        contents = page.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        if contents is None:
            out.no_contents = True
        else:
            drawn = 0
            for k, s in enumerate(streams):
                label = "content stream" + (f" {k + 1}" if len(streams) > 1 else "")
                if not isinstance(s, pikepdf.Stream):
                    out.lost.append(f"{label} lost")
                elif (why := self.stream(s)) is not None:
                    out.lost.append(f"{label}: {why}")
                else:
                    drawn += len(s.read_bytes().strip())
            out.empty = drawn == 0 and not out.lost
        resources = page.get("/Resources")
        if "/Resources" in page and not isinstance(resources, pikepdf.Dictionary):
            out.lost.append("resources lost")
        elif isinstance(resources, pikepdf.Dictionary):
            self.resources(resources, out, 0)
        if contents is not None and not out.lost:
            out.unresolved += _names_missing(page, resources)
        return out

    def resources(self, resources, out: PageDamage, depth: int) -> None:
        import pikepdf

        fonts = resources.get("/Font")
        if isinstance(fonts, pikepdf.Dictionary):
            for key, font in fonts.items():
                if not isinstance(font, pikepdf.Dictionary):
                    out.lost.append(f"font {key} lost")
                    continue
                self.font(key, font, out)
        xobjects = resources.get("/XObject")
        if isinstance(xobjects, pikepdf.Dictionary):
            for key, xobj in xobjects.items():
                if not isinstance(xobj, pikepdf.Stream):
                    out.lost.append(f"image or form {key} lost")
                    continue
                if (why := self.stream(xobj)) is not None:
                    kind = "image" if xobj.get("/Subtype") == "/Image" else "form"
                    out.lost.append(f"{kind} {key}: {why}")
                elif xobj.get("/Subtype") == "/Form" and depth < MAX_DEPTH:
                    inner = xobj.get("/Resources")
                    if isinstance(inner, pikepdf.Dictionary):
                        self.resources(inner, out, depth + 1)

    def font(self, key: str, font, out: PageDamage) -> None:
        import pikepdf

        name = f"{key} ({_name(font.get('/BaseFont', '?')).lstrip('/')})"
        parts = [font]
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array):
            parts += [d for d in descendants if isinstance(d, pikepdf.Dictionary)]
        elif "/DescendantFonts" in font:
            out.lost.append(f"font {name}: descendant font lost")
        if "/ToUnicode" in font:
            tounicode = font.get("/ToUnicode")
            if not isinstance(tounicode, pikepdf.Stream):
                if _name(tounicode) != "/Identity-H":
                    out.text_maps.append(f"{name}: ToUnicode map lost")
            elif (why := self.stream(tounicode)) is not None:
                out.text_maps.append(f"{name}: ToUnicode map {why}")
        for part in parts:
            descriptor = part.get("/FontDescriptor")
            if "/FontDescriptor" in part and not isinstance(descriptor, pikepdf.Dictionary):
                out.lost.append(f"font {name}: descriptor lost")
                continue
            if not isinstance(descriptor, pikepdf.Dictionary):
                continue
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")) and \
                    _SUBSET.match(_name(part.get("/BaseFont", "")).lstrip("/")):
                # a subset is always embedded: its program's key was dropped with its object
                out.unresolved.append(f"font {name}: embedded program lost")
            for file_key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if file_key not in descriptor:
                    continue
                program = descriptor.get(file_key)
                if not isinstance(program, pikepdf.Stream):
                    out.lost.append(f"font {name}: embedded program lost")
                elif (why := self.stream(program)) is not None:
                    out.lost.append(f"font {name}: embedded program {why}")


def check(path: str | Path, password: str | None = None, pages_seen: int | None = None) -> Integrity:
    """What of `path` is lost or damaged, page by page (qpdf's view of the file);
    `pages_seen`: the page count PDFium found, compared with qpdf's."""
    import pikepdf

    out = Integrity()
    try:
        pdf = pikepdf.open(path, password=password or "")
    except pikepdf.PasswordError:
        return out  # opening already said why
    except Exception as err:
        out.rebuilt = True
        out.problems.append(f"the file is damaged beyond what qpdf can rebuild ({str(err).split(': ')[-1][:100]}); "
                            "its pages could not be checked")
        return out
    with pdf:
        warnings = pdf.get_warnings()
        if warnings:
            out.rebuilt = True
            out.notes.append(f"damaged file rebuilt by qpdf: {warnings[0].split(': ', 1)[-1][:120]}")
        try:
            written = int(pdf.Root.Pages.get("/Count", 0))
        except Exception:
            written = 0
        try:
            pages = list(pdf.pages)
        except Exception as err:
            out.problems.append(f"the page tree is damaged ({str(err)[:100]})")
            return out
        dropped = any("Pages tree includes non-dictionary object" in w for w in warnings)
        if written > len(pages) or dropped or (pages_seen is not None and pages_seen != len(pages)):
            named = max(written, pages_seen or 0, len(pages))
            out.problems.append(f"page object(s) lost: the page tree names {named} pages, "
                                f"{len(pages)} could be read")
        walker = _Walker()
        found: dict[int, PageDamage] = {}
        for number, page in enumerate(pages, start=1):
            try:
                found[number] = walker.page(page.obj)
            except Exception as err:
                found[number] = PageDamage([f"page objects unreadable ({str(err)[:80]})"])
        later = pdf.get_warnings()[len(warnings):]  # qpdf rebuilds lazily, on the first lost object
        if later and not out.rebuilt:
            out.rebuilt = True
            out.notes.append(f"damaged file rebuilt by qpdf: {later[0].split(': ', 1)[-1][:120]}")
        for number, damage in found.items():
            # qpdf drops a key whose object is gone: in a rebuilt file a page without
            # contents lost them (in a sound one it may be blank by design)
            if out.rebuilt:
                damage.lost += damage.unresolved
            if damage.no_contents and out.rebuilt:
                damage.lost.insert(0, "content stream lost")
            elif damage.no_contents or damage.empty:
                out.empty.add(number)
            if damage.lost or damage.text_maps:
                out.pages[number] = damage
    return out
