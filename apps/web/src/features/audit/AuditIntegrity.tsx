import { ActionIcon, Alert, Code, CopyButton, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

/**
 * How far the audit trail is verified against its hash chain (the API seals and checks it every few seconds),
 * with the chain head a manager can write down or send off-site; a red banner when a link is broken.
 */
export function AuditIntegrity() {
  const trpc = useTRPC();
  const integrity = useQuery(trpc.audit.integrity.queryOptions(undefined, { refetchInterval: 15_000 }));
  const state = integrity.data;
  if (!state) return null;

  if (state.status === 'broken') {
    return (
      <Alert color="red" variant="filled" icon={<IconShieldX />} title="The audit trail failed verification">
        {state.problem?.message}. Treat this as a security incident: run <Code>pnpm audit:verify</Code> on the
        server and compare the chain head with the one kept elsewhere.
      </Alert>
    );
  }
  if (state.status === 'checking' || !state.head) {
    return (
      <Group gap="xs" c="dimmed" aria-live="polite">
        <Loader size="xs" />
        <Text size="sm">Checking the audit trail against its seals…</Text>
      </Group>
    );
  }
  const { head } = state;
  return (
    <Alert
      role="status"
      color="teal"
      icon={<IconShieldCheck />}
      title={`Verified up to ${formatDateTime(head.sealedAt)}`}
    >
      <Text size="sm">Every change until then matches the sealed hash chain.</Text>
      <Group gap={4} wrap="nowrap" mt={4}>
        <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          Chain head: seal {head.sealId} · <Code>{head.sealHash}</Code>
        </Text>
        <CopyButton value={`seal ${head.sealId} ${head.sealHash}`}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy the chain head'}>
              <ActionIcon variant="subtle" onClick={copy} aria-label="Copy the chain head">
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}
