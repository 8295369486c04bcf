#!/bin/sh
# Ablations of the tagger's evidence: trains each variant on the CoNLL train split (with the extra
# train flags given, e.g. --lexicon-corpus) and scores the whole pipeline on lede's dev part of
# validation (never the held-out part) and, with MODERN=DIR, on a modern-news gold set.
#   sh test/tools/ablate-entities.sh ../shared/data/conll2003 [extra train flags...]
set -e
data=$1; shift
out=$(mktemp -d)
modern=${MODERN:+--modern $MODERN}
for variant in "" "--no-clusters" "--no-gazetteer" "--no-clusters --no-gazetteer" "--nonlocal" "--unseen 0.4" "--ensemble 1"; do
  node --import tsx test/tools/train-entities.ts "$data/train.txt" --valid "$data/valid.txt" "$@" $variant --out "$out/w.ts" 2>"$out/train.log"
  tagger=$(grep 'after quantisation' "$out/train.log" | sed 's/.*quantisation \([0-9.]*\).*/\1/')
  node --import tsx test/tools/eval-entities.ts "$data/valid.txt" $modern --weights "$out/w.ts" --json |
    node -e "
      let s = '';
      process.stdin.on('data', (d) => (s += d)).on('end', () => {
        const sets = JSON.parse(s).sets;
        const dev = sets.find((x) => x.name === 'CoNLL dev part');
        const modern = sets.find((x) => x.name === 'modern-news entities');
        const f = (x) => x.f1.toFixed(4);
        console.log(JSON.stringify({ variant: process.argv[1] || 'all (the design)', tagger_dev: process.argv[2], pipeline_dev: f(dev.overall), person: f(dev.perType.person), place: f(dev.perType.place), organization: f(dev.perType.organization), ...(modern ? { modern_entities: f(modern.overall) } : {}) }));
      });" -- "$variant" "$tagger"
done
rm -rf "$out"
