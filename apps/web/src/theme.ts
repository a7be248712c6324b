import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  type MantineColorsTuple,
} from '@mantine/core';

/**
 * Shade 9 is the text colour Mantine uses for light variants (alerts, light badges: shade 9 on shade 1) and
 * for `c="<color>.9"`. Mantine's own shade 9 of these palettes is under 4.5:1 there (orange 3.6:1, yellow
 * 2.7:1), so each is darkened just enough for WCAG AA; the other shades are Mantine's (theme.test.ts checks all).
 */
const TEXT_SHADES: Record<string, string> = {
  red: '#c52929',
  orange: '#bb3e0d',
  yellow: '#a85700',
  lime: '#4b790b',
  green: '#267b37',
  teal: '#087a57',
};

const colors = Object.fromEntries(
  Object.entries(TEXT_SHADES).map(([name, shade9]) => [
    name,
    [...DEFAULT_THEME.colors[name]!.slice(0, 9), shade9] as unknown as MantineColorsTuple,
  ]),
);

/**
 * Colours chosen for contrast (WCAG AA): the primary is indigo 7, filled badges pick black or white text by
 * luminance, text shades reach 4.5:1 (above) and are used for `c="<color>"`, and "dimmed" and error text are
 * darker than Mantine's defaults.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 5 },
  colors,
  autoContrast: true,
  // Black text on backgrounds lighter than this, white below: either way at least 4.5:1.
  luminanceThreshold: 0.18,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  components: {
    // A badge keeps its whole label: a squeezed table column must not cut "Active" to "AC…" (issue 9, bug 10).
    Badge: { defaultProps: { variant: 'filled' }, styles: { root: { minWidth: 'max-content' } } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    // `c="red"` text: shade 9 rather than Mantine's filled shade (red 7 is 3.8:1 on white).
    ...Object.fromEntries(
      Object.keys(t.colors).map((name) => [`--mantine-color-${name}-text`, `var(--mantine-color-${name}-9)`]),
    ),
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Placeholders are text too ("Any day" in the date pickers): gray 6 is 3.3:1 on white, gray 7 passes.
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
