import { Card, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader, type PageHeaderProps } from './PageHeader';

/** A page that is one form: its header, what must be said before filling it in, and the form in a card. */
export function FormPage({
  width,
  notice,
  children,
  ...header
}: PageHeaderProps & {
  /** The page's greatest width, to suit its fields. */
  width: number;
  notice?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack maw={width}>
      <PageHeader {...header} />
      {notice}
      <Card withBorder>{children}</Card>
    </Stack>
  );
}
