#!/usr/bin/env bash
# Regenerates samples/generated/*.pdf and samples/truth/*.json from the models
# in this folder. Installs what it needs (Debian packages, PyPI packages).
#   bash scripts/gen_samples/run.sh [--only STEM ...] [--keep-work]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

need_apt=0
command -v soffice >/dev/null || need_apt=1
command -v pdftotext >/dev/null || need_apt=1
command -v chromium >/dev/null || need_apt=1
for fam in "AR PL UMing CN" "AR PL UKai CN" "Noto Sans CJK SC" "Noto Serif CJK SC" "WenQuanYi Micro Hei"; do
  fc-list 2>/dev/null | grep -q "$fam" || need_apt=1
done
if [ "$need_apt" = 1 ]; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq \
    libreoffice-calc-nogui libreoffice-writer-nogui chromium poppler-utils \
    fonts-arphic-uming fonts-arphic-ukai fonts-noto-cjk fonts-wqy-microhei >/dev/null
fi
python3 -m pip install -q -r "$here/requirements.txt"
exec python3 "$here/generate.py" "$@"
