import { NumberInput, type NumberInputProps, TextInput, type TextInputProps } from '@mantine/core';
import { LIMITS } from '@vetflow/schema/values';

/**
 * Inputs for data that more than one form asks for: each carries its label, type and the API's length limit, so
 * that every form asks for it the same way.
 */

/** A person's or a pet's name, labelled by the form ("First name", "Full name", "Name"). */
export function NameInput(props: TextInputProps & { label: string }) {
  return <TextInput required maxLength={LIMITS.name} {...props} />;
}

export function EmailInput(props: TextInputProps) {
  return <TextInput label="Email" type="email" maxLength={LIMITS.email} {...props} />;
}

/** Why the patient comes (an appointment) or came (a visit record). */
export function VisitReasonInput(props: TextInputProps) {
  return <TextInput label="Reason for the visit" required maxLength={LIMITS.reason} {...props} />;
}

/**
 * What every measurement input shares: the value typed is the value validated, never clamped to a bound on blur
 * (the form's validator names the bound instead), and a decimal comma is read as the decimal point, so "10,4" is
 * 10.4 whichever separator the keyboard's locale offers.
 */
const MEASUREMENT_PROPS = {
  clampBehavior: 'none',
  allowedDecimalSeparators: ['.', ','],
  decimalSeparator: '.',
  thousandSeparator: false,
  hideControls: true,
} as const satisfies NumberInputProps;

/** A patient's weight, as weighed (to 10 g). */
export function WeightInput(props: NumberInputProps) {
  return (
    <NumberInput
      label="Weight (kg)"
      max={LIMITS.maxWeightKg}
      decimalScale={2}
      {...MEASUREMENT_PROPS}
      {...props}
    />
  );
}

/** A body temperature taken at a visit (to 0.1 °C). */
export function TemperatureInput(props: NumberInputProps) {
  return (
    <NumberInput
      label="Temperature (°C)"
      min={LIMITS.minTemperatureC}
      max={LIMITS.maxTemperatureC}
      decimalScale={1}
      {...MEASUREMENT_PROPS}
      {...props}
    />
  );
}
