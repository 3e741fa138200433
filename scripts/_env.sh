# Shared set-up for the README's commands: a project-local virtual environment with the pinned packages,
# and the Debian packages the build needs (Pango for PDF output, DejaVu fonts), installed when missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3

apt_install() {   # apt_install PACKAGE... : install Debian packages that are missing (needs root)
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != "0" ]; then
    echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

if command -v dpkg >/dev/null 2>&1; then
  apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
fi

stamp=".venv/.requirements.sha256"
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Setting up .venv with the pinned packages (requirements.txt)..."
  if [ ! -x .venv/bin/python ] && ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv                                   # Debian's own Python needs python3-venv for this
    command -v dpkg >/dev/null 2>&1 && apt_install python3-venv
    "$PY" -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$want" > "$stamp"
fi
export NO_MKDOCS_2_WARNING=1
