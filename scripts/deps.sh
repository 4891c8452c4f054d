#!/usr/bin/env bash
# Installs the Debian packages tricolor needs, only those that are missing
# (quiet and quick when everything is there). Usage: scripts/deps.sh [extra packages...]
set -euo pipefail
pkgs=(cmake make g++ pkg-config nlohmann-json3-dev doctest-dev
      libimgui-dev libglfw3-dev python3-glad libstb-dev libgl1-mesa-dev libgl1-mesa-dri
      xvfb xauth fonts-dejavu-core graphviz libtree-sitter-dev
      libgif-dev imagemagick libxml2-utils xdotool "$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
