import { Textarea, type TextareaProps } from '@mantine/core';

/** Free text that may run over several lines: the box grows with what is typed, from two rows unless told. */
export function LongTextInput(props: TextareaProps) {
  return <Textarea autosize minRows={2} {...props} />;
}
