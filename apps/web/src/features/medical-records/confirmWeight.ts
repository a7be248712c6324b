import type { UseFormReturnType } from '@mantine/form';
import { confirmAction } from '../../components/confirm';
import { numberOrNull } from '../../lib/forms';
import { implausibleWeightChange } from './weightChange';

/**
 * A form's submit that first asks about a weight more than 50 % off the patient's last recorded one: "Check the
 * weight" sends nothing and puts the cursor back in the weight field, "Save anyway" goes on to `submit`.
 */
export function confirmWeight<V extends { weightKg: number | string }>(
  submit: (values: V) => Promise<void>,
  form: Pick<UseFormReturnType<V>, 'getInputNode'>,
  lastWeightKg: number | null,
) {
  return async (values: V) => {
    const question = implausibleWeightChange(lastWeightKg, numberOrNull(values.weightKg));
    if (!question) return submit(values);
    confirmAction({
      title: 'Is this weight right?',
      message: question,
      confirmLabel: 'Save anyway',
      cancelLabel: 'Check the weight',
      color: 'orange',
      onConfirm: () => void submit(values),
      onDismiss: () => form.getInputNode('weightKg')?.focus(),
    });
  };
}
