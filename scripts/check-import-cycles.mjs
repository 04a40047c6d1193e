// Fails when modules of a package import each other in a circle at run time (type-only imports and dynamic import() do not count).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDirs = readdirSync(join(root, 'packages'))
  .flatMap((name) => ['src', 'e2e'].map((dir) => join(root, 'packages', name, dir)))
  .filter((dir) => existsSync(dir));

/** Static imports and re-exports of relative paths; `import type` / `export type` are erased at compile time. */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier).replace(/\.(js|mjs)$/, '');
  return [`${base}.ts`, `${base}.tsx`, `${base}.mts`, join(base, 'index.ts')].find((candidate) =>
    existsSync(candidate),
  );
}

const graph = new Map();
for (const file of sourceDirs.flatMap(sourceFiles)) {
  const imports = [];
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (match[1]) continue;
    const target = resolveImport(file, match[2]);
    if (target) imports.push(target);
  }
  graph.set(file, imports);
}

// Tarjan's strongly connected components, iterative so a deep import chain cannot overflow the stack.
const index = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const cycles = [];
let next = 0;
for (const start of graph.keys()) {
  if (index.has(start)) continue;
  const work = [[start, 0]];
  index.set(start, next);
  low.set(start, next++);
  stack.push(start);
  onStack.add(start);
  while (work.length > 0) {
    const frame = work[work.length - 1];
    const [node, i] = frame;
    const edges = graph.get(node) ?? [];
    if (i < edges.length) {
      frame[1] = i + 1;
      const target = edges[i];
      if (!index.has(target)) {
        index.set(target, next);
        low.set(target, next++);
        stack.push(target);
        onStack.add(target);
        work.push([target, 0]);
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node), index.get(target)));
      continue;
    }
    work.pop();
    if (work.length > 0) {
      const parent = work[work.length - 1][0];
      low.set(parent, Math.min(low.get(parent), low.get(node)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component);
    }
  }
}

if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle(s) among ${graph.size} modules:`);
  for (const cycle of cycles) console.error(`- ${cycle.map((file) => relative(root, file)).join(' → ')}`);
  process.exit(1);
}
console.log(`No import cycles among ${graph.size} modules.`);
