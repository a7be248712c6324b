import { PasswordInput, type PasswordInputProps } from '@mantine/core';

const TOGGLE = { 'aria-label': 'Show or hide the typed characters' };

/**
 * A password input whose show/hide button is named, so that the field stays the only thing labelled by its
 * label (e.g. "Password").
 */
export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={TOGGLE} {...props} />;
}
