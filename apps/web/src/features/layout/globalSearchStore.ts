import { createSpotlight } from '@mantine/spotlight';

/**
 * The quick search's own Spotlight store (not the package's default), so the search can move its selection when
 * results arrive after the typing; in a module of its own, so the header opens the lazily loaded search.
 */
export const [globalSearchStore, globalSearch] = createSpotlight();
