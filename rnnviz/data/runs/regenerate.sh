#!/usr/bin/env bash
# Re-record the demo runs shipped with rnnviz (about a minute on a laptop CPU).
# The adding problem at T = 50: an LSTM learns it, a tanh RNN with the same budget does not.
set -euo pipefail
cd "$(dirname "$0")/../../.."
python -m rnnviz train --cell lstm --task adding --seq-len 50 --seed 0 --out rnnviz/data/runs/adding-lstm.json
python -m rnnviz train --cell rnn --task adding --seq-len 50 --seed 0 --out rnnviz/data/runs/adding-rnn.json
python -m rnnviz train --cell lstm --task sine --seed 0 --out rnnviz/data/runs/sine-lstm.json
