// What lede's saved library entity index holds, read and written as its header documents it
// (source/core/entities/library-index-file.ts): for tests that forge one, the digest right.
import { createHash } from 'node:crypto';

export interface DecodedLibraryIndex {
  header: Record<string, unknown> & { strings: string[] };
  sections: Record<string, number[]>;
  inTitle: number[];
}

const SECTIONS: [string, string][] = [
  ['entityKey', 'entities'], ['entityName', 'entities'], ['entityType', 'entities'], ['aliasStart', 'entities+1'], ['alias', 'aliases'],
  ['docStart', 'entities+1'], ['doc', 'postings'], ['mentions', 'postings'], ['nameStart', 'articles+1'], ['name', 'names'],
  ['shownKey', 'shownNames'], ['shownName', 'shownNames'], ['linkArticle', 'links'], ['linkBare', 'links'], ['linkFull', 'links'],
  ['typedName', 'typedNames'], ['typedType', 'typedNames'], ['surname', 'surnames'],
  ['nameTerm', 'nameTerms'], ['termHolderStart', 'nameTerms+1'], ['termHolder', 'termHolders'],
];
export const LIBRARY_INDEX_MAGIC = 'lede entity index\n';
const lengthIn = (header: Record<string, unknown>, spec: string) => (spec.endsWith('+1') ? (header[spec.slice(0, -2)] as number) + 1 : (header[spec] as number));

export function decodeLibraryIndex(bytes: Buffer): DecodedLibraryIndex {
  const at = LIBRARY_INDEX_MAGIC.length + 32;
  const headerBytes = bytes.readUInt32LE(at);
  const header = JSON.parse(bytes.toString('utf8', at + 4, at + 4 + headerBytes)) as DecodedLibraryIndex['header'];
  let offset = at + 4 + headerBytes;
  const sections: Record<string, number[]> = {};
  for (const [name, spec] of SECTIONS) {
    const values: number[] = [];
    for (let k = 0; k < lengthIn(header, spec); k++, offset += 4) values.push(bytes.readInt32LE(offset));
    sections[name] = values;
  }
  return { header, sections, inTitle: [...bytes.subarray(offset)] };
}

/** As a forger with the format in hand would write it: sizes and digest right. */
export function encodeLibraryIndex({ header, sections, inTitle }: DecodedLibraryIndex): Buffer {
  let json = JSON.stringify(header);
  json += ' '.repeat((4 - ((LIBRARY_INDEX_MAGIC.length + 36 + Buffer.byteLength(json)) % 4)) % 4);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(Buffer.byteLength(json));
  const ints = SECTIONS.flatMap(([name]) => sections[name]!);
  const body = Buffer.alloc(ints.length * 4);
  ints.forEach((v, k) => body.writeInt32LE(v, k * 4));
  const rest = Buffer.concat([length, Buffer.from(json), body, Buffer.from(inTitle)]);
  return Buffer.concat([Buffer.from(LIBRARY_INDEX_MAGIC), createHash('sha256').update(rest).digest(), rest]);
}
