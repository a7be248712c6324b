/** '' → undefined for optional numbers from NumberInput (which gives '' when empty). */
export const numberOrNull = (v: number | string | null | undefined): number | null =>
  v === '' || v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v);

interface SafeParser {
  safeParse: (value: unknown) => {
    success: boolean;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
}

/**
 * A Mantine form validator from a zod schema of the API's input: the form's values are first turned into the
 * payload (numbers, nulls), so the browser checks exactly what the server will.
 */
export function zodValidate<V>(schema: SafeParser, toPayload: (values: V) => unknown) {
  return (values: V): Record<string, string> => {
    const result = schema.safeParse(toPayload(values));
    if (result.success || !result.error) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      if (path) errors[path] ??= issue.message;
    }
    return errors;
  };
}

/**
 * Their version where they changed a field since the user opened it, the user's input everywhere else: what
 * "take their changes" loads into the form (the user then saves on top of the current version).
 */
export function mergeTheirs<V extends object>(seen: V, theirs: V, mine: V): V {
  const merged = { ...mine } as Record<string, unknown>;
  const was = seen as Record<string, unknown>;
  const now = theirs as Record<string, unknown>;
  for (const key of Object.keys(now)) {
    if (JSON.stringify(was[key]) !== JSON.stringify(now[key])) merged[key] = now[key];
  }
  return merged as V;
}
