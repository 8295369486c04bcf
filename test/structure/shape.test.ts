// The shape of the code, checked: imports run one way (no cycle, type imports included), the core
// never reaches React or Ink, and no function grows past what one screen can hold.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../source', import.meta.url));
const MAX_FUNCTION_LINES = 120;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = sourceFiles(root);
const parsed = new Map(files.map((file) => [file, ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)]));

/** The project files a file imports (static imports and exports, type-only ones included, and dynamic import()). */
function importsOf(file: string): string[] {
  const source = parsed.get(file)!;
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) specifiers.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolveImport(file, s)).filter((f): f is string => f !== undefined);
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (parsed.has(candidate)) return candidate;
  return undefined;
}

test('no import cycle anywhere in source/, type imports included', () => {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      const cycle = stack.slice(stack.indexOf(file)).concat(file).map((f) => relative(root, f));
      assert.fail(`import cycle: ${cycle.join(' → ')}`);
    }
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) visit(file);
});

test('the core imports nothing outside the core (no React, no Ink, no views or state)', () => {
  for (const file of files.filter((f) => relative(root, f).startsWith('core/'))) {
    for (const imported of importsOf(file)) {
      assert.ok(relative(root, imported).startsWith('core/'), `${relative(root, file)} imports ${relative(root, imported)}`);
    }
  }
});

test(`no function is longer than ${MAX_FUNCTION_LINES} lines`, () => {
  const long: string[] = [];
  for (const [file, source] of parsed) {
    if (file.endsWith('model/weights.ts')) continue;
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > MAX_FUNCTION_LINES) {
          const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
          long.push(`${relative(root, file)}:${start + 1} ${name}: ${end - start + 1} lines`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  assert.deepEqual(long, []);
});
