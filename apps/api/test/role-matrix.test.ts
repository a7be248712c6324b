/**
 * The role matrix has one source, the procedures' own declarations; the docs table and the web app's copy are
 * generated from it (`pnpm docs:roles`). This fails while either committed file is stale.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRoleMatrixFiles } from '../src/trpc/role-matrix';
import { ACCESS } from '../src/trpc/root';

const repoRoot = new URL('../../../', import.meta.url);

describe('generated role matrix files', () => {
  for (const [path, expected] of Object.entries(renderRoleMatrixFiles(ACCESS))) {
    it(`${path} is up to date (run \`pnpm docs:roles\`)`, () => {
      expect(readFileSync(new URL(path, repoRoot), 'utf8')).toBe(expected);
    });
  }

  it('the docs table has one row per procedure', () => {
    const doc = renderRoleMatrixFiles(ACCESS)['docs/role-matrix.md']!;
    for (const path of Object.keys(ACCESS)) expect(doc).toContain(`| \`${path}\` |`);
    expect(doc).toContain('| `users.create` | admin | — | — | — | yes |');
    expect(doc).toContain('| `auth.me` | public | yes | yes | yes | yes |');
  });
});
