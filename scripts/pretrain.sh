#!/usr/bin/env bash
# Regenerates the small pretrained models the explorer opens with (public/pretrained/, one per
# built-in preset), with the project's own CLI and the app's default settings, so the slider works
# before anyone trains.
set -euo pipefail
cd "$(dirname "$0")/.."
for preset in semicircles dropout-moons quantile-fan; do
  npx hti train "preset:$preset" --out "public/pretrained/$preset.json" --seed 0
done
