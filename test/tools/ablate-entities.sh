#!/bin/sh
# Ablations of the tagger's feature groups: trains each variant on the CoNLL train split and scores
# the whole pipeline on lede's dev part of validation (never the held-out part).
#   sh test/tools/ablate-entities.sh ../shared/data/conll2003 [extra train flags...]
set -e
data=$1; shift
out=$(mktemp -d)
for variant in "" "--no-clusters" "--no-gazetteer" "--nonlocal" "--no-clusters --no-gazetteer"; do
  node --import tsx test/tools/train-entities.ts "$data/train.txt" --valid "$data/valid.txt" $variant "$@" --out "$out/w.ts" 2>"$out/train.log"
  tagger=$(grep 'after quantisation' "$out/train.log" | sed 's/.*quantisation //')
  node --import tsx test/tools/eval-entities.ts "$data/valid.txt" --weights "$out/w.ts" --json |
    node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const r=JSON.parse(s).sets.find(x=>x.name==='CoNLL dev part');const f=(x)=>x.f1.toFixed(4);console.log(JSON.stringify({variant:process.argv[1]||'all features',tagger:process.argv[2],pipeline_dev:f(r.overall),person:f(r.perType.person),place:f(r.perType.place),organization:f(r.perType.organization)}))})" -- "$variant" "$tagger"
done
rm -rf "$out"
