import { TextInput, type TextInputProps } from '@mantine/core';
import { LIMITS } from '@vetflow/schema/values';

/**
 * Inputs for data that more than one form asks for: each carries its label, type and the API's length limit, so
 * that every form asks for it the same way.
 */

export function EmailInput(props: TextInputProps) {
  return <TextInput label="Email" type="email" maxLength={LIMITS.email} {...props} />;
}

/** Why the patient comes (an appointment) or came (a visit record). */
export function VisitReasonInput(props: TextInputProps) {
  return <TextInput label="Reason for the visit" required maxLength={LIMITS.reason} {...props} />;
}
