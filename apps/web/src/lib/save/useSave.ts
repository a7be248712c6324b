import {
  type QueryFilters,
  type UseMutationOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { StaleEditDetails } from '@vetflow/schema/refusal';
import { useState } from 'react';
import type { ConflictAlertProps, ConflictField } from '../../components/ConflictAlert';
import { type DraftControl, type DraftWhere, useDraft } from '../drafts/useDraft';
import { type Problem, staleEdit, toProblem } from '../errors';
import { mergeTheirs } from '../forms';
import { onSessionEnded } from '../session';
import { type FieldMap, type FieldPath, formRefusal } from './formRefusal';
import { SEE_THE_FORM, showSaving } from './notice';

/** What the save's notification says while it runs, once saved, and (as its title) when refused. */
export interface SaveMessages<TInput, TOutput> {
  pending: string;
  success: string | ((output: TOutput, input: TInput) => string);
  error: string;
}

export interface SaveOptions<TInput, TOutput> extends SaveMessages<TInput, TOutput> {
  /** The queries the save changes (`trpc.owners.pathFilter()`): refreshed once it is saved. */
  refresh?: readonly QueryFilters[];
  /** After a save and its refresh: move on (navigate, close the dialog). */
  onSaved?: (output: TOutput, input: TInput) => unknown;
  /** A refusal (not an ended session), after it is shown: for refusals whose details offer a way on. */
  onRefused?: (problem: Problem, input: TInput) => void;
}

/** The part of a Mantine form (`useForm<V>()`) a save uses; V is read from its values. */
export interface EditableForm<V> {
  getValues(): V;
  getInitialValues(): V;
  setValues(values: NoInfer<V>): void;
  setErrors(errors: Partial<Record<FieldPath<NoInfer<V>>, string>>): void;
}

/** A record that carries its version: every save of it says which version the user edited. */
export interface Seen {
  updatedAt: Date;
}

/** An edit of a versioned record: the version the form opened, how it reads as the form's values, what to compare. */
export interface VersionedEdit<R extends Seen, V> {
  record: R;
  toValues: (record: R) => V;
  fields: readonly ConflictField<V>[];
}

export interface FormSaveOptions<TInput, TOutput, V, R extends Seen | undefined>
  extends SaveOptions<TInput, TOutput> {
  form: EditableForm<V>;
  /** The form's values as the procedure's input; `seen` is the version the user edits (undefined unless versioned). */
  toInput: (values: V, seen: R) => TInput;
  /** The form field that shows an input field's issues, where they are named differently. */
  fieldMap?: FieldMap<TInput, V>;
  /** For a versioned record: a save over someone else's change offers the comparison and the two ways out. */
  version?: VersionedEdit<NonNullable<R>, V>;
  /** A long form keeps the user's input as a draft of this form and record until saved (lib/drafts). */
  draft?: DraftWhere;
}

/** What a form shows of its refused save: the comparison of a stale edit, or the message no field shows. */
export interface SaveAlertsProps<V> {
  title: string;
  general: string | null;
  conflict: ConflictAlertProps<V> | null;
}

export interface ActionSave<TInput> {
  /** Saves; a refusal is shown, never thrown. */
  run: (input: TInput) => Promise<void>;
  isPending: boolean;
  /** The input being saved, while it is. */
  pendingInput: TInput | undefined;
}

export interface FormSave<TInput, V> extends ActionSave<TInput> {
  /** The form's submit (components/SaveForm: `form.onSubmit(save.submit)`). */
  submit: (values: V) => Promise<void>;
  /** What the top of the form shows (components/SaveAlerts). */
  alerts: SaveAlertsProps<V>;
  /** The form's draft: its "restored" notice, and `clear` for Cancel (components/SaveForm). */
  draft: Pick<DraftControl<unknown>, 'notice' | 'clear'>;
}

/** A procedure's `mutationOptions()` (its error type is tRPC's; the save reads any error through toProblem). */
type Mutation<TInput, TOutput, TError> = UseMutationOptions<TOutput, TError, TInput>;

/**
 * The one way the app saves: a form (its refusal lands on its fields, the rest in its "Not saved" alert, a stale
 * edit becomes the comparison; the input always stays) or a button or dialog (`run`). Each save has its
 * notification and refreshes what it changed; a session that ended is left to the app's sign-in redirect,
 * without an error.
 *
 *   const save = useSave(trpc.owners.update.mutationOptions(), {
 *     form, version: { record: owner, toValues, fields: FIELDS },
 *     toInput: (values, seen) => ({ id: seen.id, updatedAt: seen.updatedAt, ...values }),
 *     pending: 'Saving the owner…', success: 'Owner saved', error: 'The owner was not saved',
 *     refresh: [trpc.owners.pathFilter()], onSaved: () => navigate(…),
 *   });
 *   <SaveForm form={form} save={save} submitLabel="Save changes" onCancel={…}><OwnerFields form={form} /></SaveForm>
 *
 *   const setActive = useSave(trpc.owners.setActive.mutationOptions(), { pending, success, error, refresh });
 *   <Button onClick={() => setActive.run({ id, isActive: false })} loading={setActive.isPending}>
 */
export function useSave<TInput, TOutput, TError, V extends object, R extends Seen | undefined = undefined>(
  mutation: Mutation<TInput, TOutput, TError>,
  options: FormSaveOptions<TInput, TOutput, V, R>,
): FormSave<TInput, V>;
export function useSave<TInput, TOutput, TError>(
  mutation: Mutation<TInput, TOutput, TError>,
  options: SaveOptions<TInput, TOutput>,
): ActionSave<TInput>;
export function useSave<TInput, TOutput, TError, V extends object, R extends Seen | undefined>(
  mutationOptions: Mutation<TInput, TOutput, TError>,
  options: SaveOptions<TInput, TOutput> & Partial<FormSaveOptions<TInput, TOutput, V, R>>,
): FormSave<TInput, V> {
  const mutation = useMutation(mutationOptions);
  const queryClient = useQueryClient();
  const { form, version } = options;
  // The version being edited lives with the draft: a restored draft is saved against the version it was typed on.
  const draft = useDraft(form, options.draft, version?.record as R);
  const { seen, setSeen } = draft;
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ stale: StaleEditDetails; current: NonNullable<R> } | null>(null);

  const refused = (error: unknown, notice: ReturnType<typeof showSaving>, input: TInput) => {
    const problem = toProblem(error);
    if (problem.code === 'UNAUTHORIZED') {
      // The app sends the user to sign in (main.tsx); the form keeps its input meanwhile.
      notice.dismiss();
      if (form) onSessionEnded({ values: form.getValues() });
      return;
    }
    options.onRefused?.(problem, input);
    if (!form) {
      notice.refused(options.error, problem.message);
      return;
    }
    notice.refused(options.error, SEE_THE_FORM);
    const stale = staleEdit(problem);
    if (stale && version && seen) {
      setConflict({ stale, current: { ...seen, ...(stale.current as Partial<R>) } });
      return;
    }
    const fields = Object.keys(form.getInitialValues()) as (keyof V & string)[];
    const placed = formRefusal(problem, fields, options.fieldMap);
    form.setErrors(placed.errors);
    setGeneral(placed.general);
  };

  const run = async (input: TInput) => {
    const notice = showSaving(options.pending);
    let output: TOutput;
    try {
      output = await mutation.mutateAsync(input);
    } catch (error) {
      refused(error, notice, input);
      return;
    }
    draft.clear();
    notice.saved(typeof options.success === 'function' ? options.success(output, input) : options.success);
    await Promise.all((options.refresh ?? []).map((filter) => queryClient.invalidateQueries(filter)));
    await options.onSaved?.(output, input);
  };

  const send = (values: V, against: R) => {
    setGeneral(null);
    setConflict(null);
    return run(options.toInput!(values, against));
  };

  return {
    run,
    isPending: mutation.isPending,
    pendingInput: mutation.isPending ? mutation.variables : undefined,
    submit: (values) => send(values, seen),
    draft: { notice: draft.notice, clear: draft.clear },
    alerts: {
      title: options.error,
      general,
      conflict:
        form && version && conflict
          ? {
              stale: conflict.stale,
              fields: version.fields,
              seen: version.toValues(seen!),
              theirs: version.toValues(conflict.current),
              mine: form.getValues(),
              // Save the input over their version.
              onOverwrite: () => {
                setSeen(conflict.current);
                void send(form.getValues(), conflict.current);
              },
              // Their values where they changed a field, the user's input elsewhere; the user saves again.
              onReload: () => {
                form.setValues(
                  mergeTheirs(version.toValues(seen!), version.toValues(conflict.current), form.getValues()),
                );
                setSeen(conflict.current);
                setConflict(null);
              },
            }
          : null,
    },
  };
}
