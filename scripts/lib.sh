# Shared by scripts/start and scripts/check: install whatever this machine is missing.
# Sourced, not run. Every step is idempotent and quiet when there is nothing to do.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; return 1; fi
}

apt_install() {
  # apt_install PACKAGE...: install Debian packages that are not yet installed.
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  say "Installing ${missing[*]} from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_python() {
  local py=""
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      py="$candidate"; break
    fi
  done
  if [[ -z "$py" ]]; then
    apt_install python3.11 python3.11-venv
    py=python3.11
  fi
  if [[ ! -x "$venv/bin/python" ]]; then
    say "Creating the virtual environment in .venv"
    "$py" -m venv "$venv" || { apt_install python3.11-venv; "$py" -m venv "$venv"; }
  fi
  local stamp="$venv/.doorstep-installed"
  if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
    say "Installing Doorstep and its pinned dependencies"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q -e ".[dev]"
    touch "$stamp"
  fi
  export PATH="$venv/bin:$PATH"
}

ensure_frontend() {
  command -v npm >/dev/null || apt_install nodejs npm
  bash scripts/build-frontend
}

ensure_chromium() {
  [[ -x /usr/bin/chromium ]] || apt_install chromium
}

ensure_postgres() {
  # Start this machine's PostgreSQL cluster if it is not answering.
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  if [[ -z "$(ls /etc/postgresql 2>/dev/null)" ]]; then
    apt_install postgresql
  fi
  say "Starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start \
    || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
  return 1
}
