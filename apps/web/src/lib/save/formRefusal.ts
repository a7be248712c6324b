import type { Problem } from '../errors';

/** A field of a form with values V, or a path inside one (`allergies.0.allergen`): where an error can be shown. */
export type FieldPath<V> = (keyof V & string) | `${keyof V & string}.${string}`;

/** Which form field shows an input field's issues, where the two are named differently (`startsAt` → `time`). */
export type FieldMap<TInput, V> = Partial<Record<keyof TInput & string, keyof V & string>>;

export interface FormRefusal<V> {
  /** Messages for the form's own fields (Mantine's `form.setErrors`). */
  errors: Partial<Record<FieldPath<V>, string>>;
  /** What the form shows above its fields ("Not saved"): the refusal as a whole, or the issues no field shows. */
  general: string | null;
}

/**
 * Places a refusal's issues on the form's fields, by path: an issue on a field of the form (or inside one) goes
 * there, renamed through `fieldMap` where needed; what no field shows is left for the form as a whole. When no
 * issue found a field, the refusal's own message is the form's.
 */
export function formRefusal<V, TInput = unknown>(
  problem: Problem,
  fields: readonly (keyof V & string)[],
  fieldMap: FieldMap<TInput, V> = {},
): FormRefusal<V> {
  const errors: Partial<Record<FieldPath<V>, string>> = {};
  const unplaced: string[] = [];
  const mapped = fieldMap as Partial<Record<string, keyof V & string>>;
  for (const { path, message } of problem.issues) {
    const field = mapped[path] ?? fieldOf(path, fields);
    if (field) errors[field] ??= message;
    else if (!unplaced.includes(message)) unplaced.push(message);
  }
  const placed = Object.keys(errors).length > 0;
  const general = !placed ? problem.message : unplaced.length > 0 ? unplaced.join('; ') : null;
  return { errors, general };
}

/** `path` when it names one of `fields` or a place inside one, else null. */
function fieldOf<V>(path: string, fields: readonly (keyof V & string)[]): FieldPath<V> | null {
  const head = path.split('.', 1)[0];
  return fields.some((f) => f === head) ? (path as FieldPath<V>) : null;
}
