import { DEFAULT_THEME, luminance, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { cssVariablesResolver, theme } from './theme';

/** WCAG 2 contrast ratio of two colours. */
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

const resolved = mergeMantineTheme(DEFAULT_THEME, theme);
const AA = 4.5;

describe('theme contrast (WCAG AA, 4.5:1 for normal text)', () => {
  it('every palette’s text shade (9) is readable on white and on its own light tints (0, 1)', () => {
    const failures: string[] = [];
    for (const [name, shades] of Object.entries(resolved.colors)) {
      for (const [bg, colour] of [
        ['white', '#ffffff'],
        ['shade 0', shades[0]],
        ['shade 1', shades[1]],
      ] as const) {
        const ratio = contrast(shades[9], colour);
        if (ratio < AA) failures.push(`${name} 9 on ${bg}: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('`c="<color>"` text uses that text shade', () => {
    const light: Record<string, string> = cssVariablesResolver(resolved).light;
    for (const name of Object.keys(resolved.colors)) {
      expect(light[`--mantine-color-${name}-text`]).toBe(`var(--mantine-color-${name}-9)`);
    }
  });

  it('dimmed and error text are readable on white and on the grey panels', () => {
    const light: Record<string, string> = cssVariablesResolver(resolved).light;
    const shade = (variable: string) => {
      const [, name, index] = /^var\(--mantine-color-([a-z]+)-(\d)\)$/.exec(light[variable]!)!;
      return resolved.colors[name!]![Number(index)]!;
    };
    for (const variable of ['--mantine-color-dimmed', '--mantine-color-error']) {
      for (const bg of ['#ffffff', resolved.colors.gray[0]]) {
        expect(contrast(shade(variable), bg), `${variable} on ${bg}`).toBeGreaterThanOrEqual(AA);
      }
    }
  });
});
