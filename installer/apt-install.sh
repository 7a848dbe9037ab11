# Sourced by the installer scripts: install_or_explain WHY PACKAGE... installs the named Debian packages with
# apt-get as root, or prints the exact apt-get line and exits 1 otherwise. Does nothing without packages.
install_or_explain() {
  local why=$1; shift
  [ $# -gt 0 ] || return 0
  local line="apt-get install -y --no-install-recommends $*"
  if [ "$(id -u)" -ne 0 ]; then
    echo "$why: $*" >&2
    echo "Install them with:  sudo apt-get update && sudo $line" >&2
    exit 1
  fi
  echo "isoscope: installing $* ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}
