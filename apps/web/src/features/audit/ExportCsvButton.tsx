import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { toCalendarDate } from '../../lib/format';
import { type RouterInputs, useTRPCClient } from '../../lib/trpc';

type Filter = Omit<RouterInputs['audit']['exportCsv'], 'timeZone' | 'cursor'>;

/**
 * Downloads the timeline with the filters on screen as CSV, times in this browser's time zone. The server sends
 * it a page at a time (audit.exportCsv), so a long log never sits in the server's memory.
 */
export function ExportCsvButton({ filter, disabled }: { filter: Filter; disabled?: boolean }) {
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      // A byte-order mark, so a spreadsheet reads the names as UTF-8.
      const parts: string[] = ['\uFEFF'];
      let cursor: string | null = null;
      do {
        const page: { csv: string; nextCursor: string | null } = await client.audit.exportCsv.query({
          ...filter,
          timeZone,
          cursor,
        });
        parts.push(page.csv);
        cursor = page.nextCursor;
      } while (cursor);
      const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `vetflow-audit-${toCalendarDate(new Date())}.csv`;
      a.click();
      // After the browser has started the download.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'The timeline was not exported',
        message: error instanceof Error ? error.message : 'Please try again.',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
      loading={busy}
      disabled={disabled}
      onClick={download}
    >
      Export CSV
    </Button>
  );
}
