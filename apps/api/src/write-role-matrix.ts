/** `pnpm docs:roles`: writes the role matrix derived from the router to the docs and the web app. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRoleMatrixFiles } from './trpc/role-matrix';
import { ACCESS } from './trpc/root';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
for (const [path, text] of Object.entries(renderRoleMatrixFiles(ACCESS))) {
  writeFileSync(repoRoot + path, text);
  console.log(`wrote ${path}`);
}
