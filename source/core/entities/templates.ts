/**
 * The tagger's feature template ids: one per kind of feature, mixed into every feature's hash
 * (features.ts), so their numbers are part of the model: append, never reorder.
 */
export const enum T {
  Bias = 1, Word, Shape, Short, Prefix, Suffix, Casing, CasingShort, LexShort, Len1, Cluster, ClusterShort,
  WordM1, WordP1, WordM2, WordP2, ShortM1, ShortP1, ShortM2, ShortP2, WordPairM, WordPairP, Short3,
  WordM1Short, ShortWordP1, LexNeighbours, FirstShort, FirstWord, FirstLex, CapsCasing, CapsWord,
  TitleLex, TitleWord, TitleCasing, ClusterM1, ClusterP1, Gazetteer, GazetteerShort,
  Prev, Prev2, PrevWord, PrevShort, NonLocal, NonLocalShort,
}
