#!/usr/bin/env bash
# One-time, idempotent set-up used by `make run`, `make test` and `make bench`:
#   1. Debian packages the pipeline shells out to or builds against (skipped when
#      already present);
#   2. a virtualenv at .venv with this project installed editable (re-done only when
#      pyproject.toml or this script changes);
#   3. with the argument `bench`: .venv-bench, the project plus the OCR baselines
#      (img2table, ocrmypdf) kept apart because img2table pulls opencv-contrib-python,
#      which must not sit beside the pipeline's opencv-python-headless.
set -euo pipefail
cd "$(dirname "$0")/.."

# libtesseract-dev, libleptonica-dev, pkg-config, g++: tesserocr (Tesseract in-process,
# extractors/tesseract.py) is built against the system's libtesseract, so the cells read
# exactly as `tesseract` (the same version) reads them; its PyPI wheel bundles another
# version, which reads some lone figures differently
APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng libtesseract-dev libleptonica-dev pkg-config g++ poppler-utils ghostscript fonts-liberation2 fonts-dejavu-core fonts-dejavu-extra fonts-texgyre fonts-freefont-ttf fonts-noto-core fonts-crosextra-carlito fonts-croscore fonts-linuxlibertine fonts-open-sans fonts-roboto-unhinted fonts-sil-charis fonts-sil-gentiumplus fonts-lato fonts-sil-andika fonts-inter fonts-yrsa-rasa fonts-vollkorn fonts-manrope fonts-cantarell fonts-elstob fonts-junicode fonts-comfortaa fonts-quicksand fonts-gfs-artemisia fonts-gfs-didot fonts-clear-sans fonts-tlwg-laksaman-ttf fonts-cmu fonts-roboto-slab fonts-jura fonts-mplus fonts-sil-doulos fonts-ebgaramond fonts-noto-extra fonts-jetbrains-mono fonts-essays1743 fonts-lmodern fonts-gfs-neohellenic fonts-league-spartan fonts-yanone-kaffeesatz fonts-league-mono qpdf libreoffice-writer-nogui chromium)
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: not root; run: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "setup: Debian packages present (${APT_PACKAGES[*]})"
fi

# pip, with the harmless "Location 'file:///opt/...' is ignored" index noise filtered out;
# a failed install prints pip's whole output and stops the set-up.
pip_quiet() {
    local log venv=${VENV:-.venv}
    log=$(mktemp)
    if ! "$venv/bin/pip" install -q --disable-pip-version-check "$@" >"$log" 2>&1; then
        grep -v "is ignored: it is neither" "$log" >&2
        rm -f "$log"
        echo "setup: pip install $* failed" >&2
        exit 1
    fi
    grep -v "is ignored: it is neither" "$log" || true
    rm -f "$log"
}

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$PYTHON" -m venv .venv
fi
# tesserocr from source, against the system's libtesseract (see APT_PACKAGES)
NO_WHEEL=(--no-binary tesserocr)
# what an install is made from: a venv whose stamp holds another hash is re-installed
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
stamp=.venv/.cchc-installed
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing the project into .venv (pip install -e '.[dev]'; tesserocr built here)"
    pip_quiet --upgrade pip
    pip_quiet "${NO_WHEEL[@]}" -e '.[dev]'
    if ! .venv/bin/python -c "import tesserocr" 2>/dev/null || [ "$(.venv/bin/python -c "import tesserocr; print(tesserocr.tesseract_version().split()[1])")" != "$(tesseract --version 2>&1 | head -1 | cut -d' ' -f2)" ]; then
        pip_quiet "${NO_WHEEL[@]}" --force-reinstall --no-deps "tesserocr>=2.7,<3"
    fi
    .venv/bin/python -c "import pipeline, extractors, normalizers, schemas, bench" 
    echo "$want" > "$stamp"
else
    echo "setup: .venv up to date"
fi

if [ "${1:-}" = "bench" ]; then
    BENCH_EXTRAS=(img2table==2.0.0 "ocrmypdf>=16")
    if [ ! -x .venv-bench/bin/python ]; then
        echo "setup: creating .venv-bench (benchmark baselines)"
        "$PYTHON" -m venv .venv-bench
    fi
    stamp=.venv-bench/.cchc-installed
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "setup: installing the project and ${BENCH_EXTRAS[*]} into .venv-bench"
        VENV=.venv-bench pip_quiet "${NO_WHEEL[@]}" -e '.[dev]' "${BENCH_EXTRAS[@]}"
        echo "$want" > "$stamp"
    else
        echo "setup: .venv-bench up to date"
    fi
fi
