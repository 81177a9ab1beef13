#!/usr/bin/env bash
# Regenerates the small pretrained model the explorer opens with (public/pretrained/),
# with the project's own CLI and the app's default settings, so the slider works before anyone trains.
set -euo pipefail
cd "$(dirname "$0")/.."
npx hti train preset:semicircles --out public/pretrained/semicircles.json --seed 0
