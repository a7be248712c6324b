import { Grid, Stack, Text, Title } from '@mantine/core';
import { roleLabel } from '../../lib/format';
import { useCurrentUser } from '../../lib/session';
import { ChangePassword } from './ChangePassword';
import { Sessions } from './Sessions';

/** The signed-in user's own account: sessions and password. */
export function AccountPage() {
  const user = useCurrentUser();
  return (
    <Stack>
      <Title order={1}>My account</Title>
      <Text>
        {user.fullName} · {user.username} · {user.email} · {roleLabel(user.role)}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Sessions />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ChangePassword />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
