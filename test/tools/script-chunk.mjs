// Turns one ES module chunk of dist/ (esbuild's output) into the body of an async function that a
// vm.Script can compile, so V8's code cache can be given to it (Node 20 has no code cache for ES
// modules: source/core/script-chunk.ts loads it). Used for the CLI's and the interactive reader's
// chunks (build.mjs), which only lede's launcher imports; a shim put where the chunk was re-exports
// what the script returns, so any importer still gets the one instance.
//
// The chunk's static imports are esbuild's, at the start of a line, in a few fixed forms: they
// become constants at the top of the function (ES imports are hoisted, and every module they name
// has been evaluated when the function runs), taken from the chunk namespaces the caller passes or
// from require for built-ins. A constant is not a live binding: an import of a variable its chunk
// assigns again after it is made (an exported `let count` that a function bumps) would read a
// stale value, so the conversion refuses one (assignedAgain). Its dynamic imports, import.meta.url
// and its one export list go through the function's parameters. Anything not in those forms
// throws, so a new esbuild output is reviewed rather than converted wrong.

import { createHash } from 'node:crypto';
import { isBuiltin } from 'node:module';

/** The banner every dist chunk starts with (build.mjs): the function is given its require instead. */
export const CHUNK_BANNER = "import{createRequire as __lede_createRequire}from'node:module';const require=__lede_createRequire(import.meta.url);\n";

/** The function's parameters. */
export const SCRIPT_PARAMETERS = ['require', '__lede_chunk', '__lede_import', '__lede_import_meta_url'];

const STATIC_IMPORT = /^import\s+(?:(\*\s+as\s+[\w$]+)|([\w$]+)|\{([^}]*)\}|([\w$]+)\s*,\s*\{([^}]*)\})\s+from\s+"([^"]+)";$|^import\s+"([^"]+)";$/gm;
const ANY_IMPORT_LINE = /^import\b(?!\()/gm;
const DYNAMIC_IMPORT = /\bimport\("([^"]+)"\)/g;
const EXPORT_LIST = /^export\s*\{([^}]*)\};\s*$/m;

const escapeRegExp = (text) => text.replace(/[$]/g, '\\$&');

/**
 * Whether the chunk `source` assigns its top-level binding `local` anywhere but where it is
 * declared (`x = `, `x += `, `x++`, `--x`…); a same-named variable of an inner scope counts too,
 * so it errs on the side of refusing.
 */
export function assignedAgain(source, local) {
  const name = escapeRegExp(local);
  const assignments = source.match(new RegExp(`(?<![\\w$.])${name}(?![\\w$])\\s*(?:(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?![=>])|\\+\\+|--)|(?:\\+\\+|--)\\s*${name}(?![\\w$])`, 'g'))?.length ?? 0;
  const declarations = source.match(new RegExp(`^(?:var|let|const)\\s+${name}\\s*=(?![=>])`, 'gm'))?.length ?? 0;
  return assignments > declarations;
}

/** The local name under which a chunk exports `exported` (its `export { local as exported }` list). */
function exportedLocal(source, exported, specifier) {
  const list = EXPORT_LIST.exec(source);
  const binding = list && bindings(list[1]).find((b) => b.local === exported);
  if (!binding) throw new Error(`script-chunk: ${specifier} does not export ${exported}`);
  return binding.name;
}

function bindings(list) {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part);
      if (!m) throw new Error(`script-chunk: an import or export binding it does not know: ${part}`);
      return { name: m[1], local: m[2] ?? m[1] };
    });
}

/** `{ a, b: c }` for bindings `a`, `b as c`. */
const pattern = (list) => `{ ${list.map(({ name, local }) => (name === local ? name : `${name}: ${local}`)).join(', ')} }`;

/**
 * The chunk as `(async function (require, __lede_chunk, __lede_import, __lede_import_meta_url) { … })`
 * (`readChunk(specifier)` gives the source of a chunk it imports, to check its imports stay true),
 * resolving to its exports; the chunk specifiers (`./chunk-X.js`) whose namespaces `__lede_chunk`
 * must return, in the order the chunk imports them; and the names it exports.
 */
export function toScriptChunk(source, readChunk) {
  // A chunk made from a file with a #! line (source/cli.tsx) keeps it first.
  const text = source.startsWith('#!') ? source.slice(source.indexOf('\n') + 1) : source;
  if (!text.startsWith(CHUNK_BANNER)) throw new Error('script-chunk: the chunk does not start with the dist banner');
  let body = text.slice(CHUNK_BANNER.length);
  const lines = body.match(ANY_IMPORT_LINE)?.length ?? 0;
  const hoisted = [];
  const chunks = [];
  let converted = 0;
  body = body.replace(STATIC_IMPORT, (_all, star, only, named, withDefault, withNamed, from, bare) => {
    converted++;
    if (bare !== undefined) {
      if (!bare.startsWith('./')) throw new Error(`script-chunk: a bare import of ${bare}`);
      if (!chunks.includes(bare)) chunks.push(bare);
      return '';
    }
    const isChunk = from.startsWith('./');
    if (isChunk && !chunks.includes(from)) chunks.push(from);
    if (!isChunk && !isBuiltin(from)) throw new Error(`script-chunk: an import of ${from}, neither a chunk nor a built-in`);
    const module = isChunk ? `__lede_chunk(${JSON.stringify(from)})` : `require(${JSON.stringify(from)})`;
    // A chunk's default export would be `.default`; esbuild's chunks export names only.
    if (isChunk && (only !== undefined || withDefault !== undefined)) throw new Error(`script-chunk: a default import of ${from}`);
    if (star !== undefined) hoisted.push(`const ${star.replace(/^\*\s+as\s+/, '')} = ${module};`);
    // A built-in's default export is its module.exports, which is what require gives.
    if (only !== undefined) hoisted.push(`const ${only} = ${module};`);
    if (withDefault !== undefined) hoisted.push(`const ${withDefault} = ${module};`);
    const list = named ?? withNamed;
    if (isChunk && list !== undefined) {
      const imported = readChunk(from);
      for (const { name } of bindings(list)) {
        if (assignedAgain(imported, exportedLocal(imported, name, from))) throw new Error(`script-chunk: ${name} from ${from} is assigned again after it is made: an import of it must stay live`);
      }
    }
    if (list !== undefined && bindings(list).length > 0) hoisted.push(`const ${pattern(bindings(list))} = ${module};`);
    return '';
  });
  if (converted !== lines) throw new Error(`script-chunk: ${lines - converted} import line(s) in a form it does not know`);
  const exportLines = body.split(/^export\b/m).length - 1;
  const exports = EXPORT_LIST.exec(body);
  if (exportLines > 1 || (exportLines === 1 && !exports)) throw new Error('script-chunk: exports other than one export list');
  const exported = exports ? bindings(exports[1]).map(({ name, local }) => ({ name: local, local: name })) : [];
  // The shim exports what the script returned, once: the same rule as for its imports.
  for (const { name, local } of exported) {
    if (assignedAgain(body, local)) throw new Error(`script-chunk: its export ${name} is assigned again after it is made: it must stay live`);
  }
  body = exports ? body.replace(EXPORT_LIST, '') : body;
  body = body.replace(DYNAMIC_IMPORT, (_all, specifier) => `__lede_import(${JSON.stringify(specifier)})`);
  if (/\bimport\s*\(/.test(body)) throw new Error('script-chunk: a dynamic import of something other than a string');
  body = body.replaceAll('import.meta.url', '__lede_import_meta_url');
  // What is left is in text (meow's message "Its value must be `import.meta`"), or a use it cannot give.
  if (/\bimport\.meta\b(?!`)/.test(body)) throw new Error('script-chunk: import.meta used other than for its url');
  return {
    script: `(async function (${SCRIPT_PARAMETERS.join(', ')}) {\n"use strict";\n${hoisted.join('\n')}\n${body}\nreturn ${exported.length > 0 ? pattern(exported) : '{}'};\n})`,
    chunks,
    exports: exported.map(({ name }) => name),
  };
}

/**
 * The ES module that stands where the chunk was: it imports the chunks the script needs (so they
 * are evaluated first, and shared with every other importer), then runs the script through
 * source/core/script-chunk.ts (dist/script-chunk.js) and re-exports what it returned.
 */
export function scriptChunkShim({ script, chunks, exports }, scriptFile, name) {
  const imports = chunks.map((specifier, i) => `import * as __lede_chunk${i} from ${JSON.stringify(specifier)};`);
  const namespaces = chunks.map((specifier, i) => `${JSON.stringify(specifier)}: __lede_chunk${i}`).join(', ');
  return `// lede: this chunk runs as a script, with V8's code cache (test/tools/script-chunk.mjs).
${imports.join('\n')}
import { runScriptChunk } from "./script-chunk.js";
const __lede_exports = await runScriptChunk({ url: import.meta.url, script: ${JSON.stringify(scriptFile)}, name: ${JSON.stringify(name)}, sha256: ${JSON.stringify(createHash('sha256').update(script).digest('hex'))}, chunks: { ${namespaces} } });
${exports.map((e) => `export const ${e} = __lede_exports.${e};`).join('\n')}
`;
}
