import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SESSION_COOKIE } from './auth/cookie';

/**
 * A signed-in browser's first load: the app shell (index.html) goes out with a `Link` header naming the chunks
 * of the signed-in layout and, on Today (where every role lands), of its page, so that the browser fetches them
 * beside the entry script instead of after the entry has downloaded and run and its router has asked for them.
 * A sign-in page never gets them: it needs none of that code. The cookie is only a hint here (nothing is
 * trusted or revealed by it): a stale one costs a few unused preloads.
 *
 * The chunks come from the build's manifest (`build.manifest` in apps/web/vite.config.ts), followed through
 * their static imports; the entry is left out, since the shell's own `<script>` loads it.
 */

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The route modules whose chunks a signed-in load needs (apps/web/src/router.tsx). */
export const SHELL_MODULE = 'src/features/layout/AppLayout.tsx';
export const TODAY_MODULE = 'src/features/today/TodayPage.tsx';
/** Today's paths, as apps/web/src/main.tsx starts its data for them. */
const TODAY_PATHS = new Set(['/', '/today']);

/** The `Link` header value preloading these modules' chunks and stylesheets, and everything they import. */
function linkHeader(manifest: Manifest, modules: string[]): string {
  const links = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || seen.has(key)) return;
    seen.add(key);
    links.add(`</${chunk.file}>; rel=modulepreload`);
    for (const css of chunk.css ?? []) links.add(`</${css}>; rel=preload; as=style`);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const module of modules) visit(module);
  return [...links].join(', ');
}

export type ShellPreloads = (path: string, cookieHeader: string | undefined) => string | undefined;

/**
 * Reads the build's manifest once; returns what a navigation to `path` should preload, or undefined (no
 * session cookie, the sign-in page, or a build without a manifest).
 */
export function shellPreloads(webDist: string): ShellPreloads {
  const file = join(webDist, '.vite', 'manifest.json');
  if (!existsSync(file)) return () => undefined;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const signedIn = linkHeader(manifest, [SHELL_MODULE]) || undefined;
  const today = linkHeader(manifest, [SHELL_MODULE, TODAY_MODULE]) || undefined;
  const hasSession = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=[^;]`);
  return (path, cookieHeader) => {
    if (!cookieHeader || !hasSession.test(cookieHeader) || path === '/login') return undefined;
    return TODAY_PATHS.has(path) ? today : signedIn;
  };
}
