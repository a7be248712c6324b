/**
 * Every pattern that request input can meet is checked with recheck (a ReDoS checker): none may be vulnerable.
 * Collected two ways, so a new pattern cannot slip past: every RegExp reachable from the validators (every export
 * of @vetflow/schema/validators and every procedure's input, inline ones in apps/api included), and every regular
 * expression literal in the source of the API, the schema package and the query functions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as validators from '@vetflow/schema/validators';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/trpc/root';

// recheck's pure-JavaScript engine: no native agent, no JVM, nothing fetched or spawned.
process.env.RECHECK_BACKEND = 'pure';

/** Every RegExp reachable from `root` (a zod schema's definition, checks, shapes, pipes, unions…). */
function collectRegExps(root: unknown, found: Map<string, RegExp>, seen = new Set<unknown>()) {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node instanceof RegExp) {
      found.set(`/${node.source}/${node.flags}`, node);
      continue;
    }
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    for (const key of Reflect.ownKeys(node)) {
      const descriptor = Object.getOwnPropertyDescriptor(node, key);
      // Plain data only: lazy getters (zod's derived views) would build new objects forever.
      if (descriptor && 'value' in descriptor) stack.push(descriptor.value);
    }
  }
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCE_DIRS = ['apps/api/src', 'packages/schema/src', 'packages/db/src/queries'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Regular-expression literals in TypeScript source: a `/…/flags` token where an expression may start (after
 * `(`, `,`, `=`, `=>`, `:`, `[`, `!`, `&`, `|`, `?`, `{`, `;` or `return`), comments and strings removed first.
 */
const LITERAL =
  /(?<=(?:^|[(,=:[!&|?{};>]|\breturn)\s*)\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\[\n*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\[\n])*)\/([dgimsuvy]*)/g;

function regexLiterals(file: string): RegExp[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/[^\n]*/g, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
  return [...text.matchAll(LITERAL)].map(([, source, flags]) => new RegExp(source!, flags));
}

const patterns = new Map<string, RegExp>();
const fromSource = new Map<string, string[]>();

beforeAll(() => {
  for (const schema of Object.values(validators)) collectRegExps(schema, patterns);
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
  for (const procedure of Object.values(procedures)) collectRegExps(procedure._def.inputs, patterns);
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      for (const regex of regexLiterals(file)) {
        const key = `/${regex.source}/${regex.flags}`;
        patterns.set(key, regex);
        fromSource.set(key, [...(fromSource.get(key) ?? []), relative(ROOT, file)]);
      }
    }
  }
});

describe('every pattern is linear', () => {
  it('finds the patterns it should (the collector itself works)', () => {
    const sources = [...patterns.values()].map((r) => r.source);
    // From the validators: the email and phone patterns, zod's UUID and ISO date formats.
    expect(sources.some((s) => s.startsWith('^[^@\\s]+@'))).toBe(true);
    expect(sources.some((s) => s.startsWith('^\\+?[0-9(]'))).toBe(true);
    expect(sources.some((s) => s.includes('[0-9a-fA-F]{8}-'))).toBe(true);
    expect(sources.some((s) => s.includes('-02-29'))).toBe(true);
    // From the source: the session-token shape and the SQLSTATE shape in apps/api.
    expect(fromSource.has('/^[a-z2-7]{32}$/')).toBe(true);
    expect(fromSource.has('/^[0-9A-Z]{5}$/')).toBe(true);
  });

  it('recheck finds none of them vulnerable', { timeout: 120_000 }, async () => {
    const { check } = await import('recheck');
    const vulnerable: string[] = [];
    for (const [key, regex] of patterns) {
      const result = await check(regex.source, regex.flags, { timeout: 10_000 });
      if (result.status !== 'safe') {
        const where = fromSource.get(key)?.join(', ') ?? 'a validator';
        const detail =
          result.status === 'vulnerable'
            ? `${result.complexity.type}, attack ${result.attack.pattern}`
            : result.status;
        vulnerable.push(`${key} (${where}): ${detail}`);
      }
    }
    expect(vulnerable).toEqual([]);
  });

  it('the old email pattern is what recheck catches (the check has teeth)', async () => {
    const { check } = await import('recheck');
    const result = await check('^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', '');
    expect(result.status).toBe('vulnerable');
  });
});
