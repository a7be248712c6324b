import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The web app reads refusals through their structure (code, issues, details) and shows their message as it is:
 * it never parses an error's message. This reads every source file of the app and names the lines that do.
 */
const src = fileURLToPath(new URL('.', import.meta.url));

/** Something named `message` (or `…Message`): a property like `error.message`, or a variable. */
const MESSAGE = String.raw`\b(?:\w*[a-z])?[mM]essage\b\)?`;
const PARSING = [
  // message.replace(…), problem.message.startsWith(…), toProblem(e).message.split(…)
  new RegExp(
    String.raw`${MESSAGE}\s*\??\.\s*(?:replace|replaceAll|match|matchAll|exec|split|startsWith|endsWith|includes|search|indexOf)\s*\(`,
  ),
  // /fetch|network/i.test(error.message), pattern.exec(message)
  new RegExp(String.raw`\.\s*(?:test|exec)\s*\(\s*[\w.?]*${MESSAGE}\s*\)`),
];

/** The lines of `source` that parse an error message, as `line: text`. */
function messageParsing(source: string): string[] {
  return source
    .split('\n')
    .flatMap((line, i) => (PARSING.some((p) => p.test(line)) ? [`${i + 1}: ${line.trim()}`] : []));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('no error message is parsed', () => {
  it('recognises the parsing the app used to do, and leaves showing and building messages alone', () => {
    for (const parsing of [
      "onError: (e) => setError(toProblem(e).message.replace(/^reason: /, '')),",
      "const message = problem.message.replace(/^\\w+: /, '');",
      'const isNetwork = !data.code && /fetch|network/i.test(error.message);',
      'const prefixed = /^([A-Za-z][\\w.]*): (.+)$/.exec(problem.message);',
      "if (errorMessage.startsWith('email')) return;",
      'const [field] = refusal.message.split(": ");',
      'if (error?.message?.includes("fetch")) retry();',
    ]) {
      expect(messageParsing(parsing), parsing).toHaveLength(1);
    }
    for (const fine of [
      '<Text mb="md">{problem.message}</Text>',
      'notice.refused(options.error, problem.message);',
      'const messages = [...new Set(issues.map((issue) => issue.message))];',
      "if (!/^\\d{2}:\\d{2}/.test(time)) return 'Enter the start time';",
      "const head = path.split('.', 1)[0];",
      "messages.success.replace('a', 'b');",
      'const unplaced = issues.filter((i) => !known.includes(i.path));',
    ]) {
      expect(messageParsing(fine), fine).toEqual([]);
    }
  });

  it('holds for every source file of the web app', () => {
    const files = sourceFiles(src);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      messageParsing(readFileSync(file, 'utf8')).map((line) => `${relative(src, file)}:${line}`),
    );
    expect(found).toEqual([]);
  });
});
