import { Button, Center, Text } from '@mantine/core';
import { useIntersection } from '@mantine/hooks';
import { useEffect } from 'react';

/** Infinite scroll: fetches the next page when the sentinel scrolls into view; the button does it by keyboard. */
export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  endText,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  endText?: string;
}) {
  const { ref, entry } = useIntersection({ rootMargin: '300px' });
  useEffect(() => {
    if (entry?.isIntersecting && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [entry?.isIntersecting, hasNextPage, isFetchingNextPage, fetchNextPage]);
  return (
    <Center ref={ref} py="md">
      {hasNextPage ? (
        <Button variant="default" loading={isFetchingNextPage} onClick={() => fetchNextPage()}>
          Load more
        </Button>
      ) : endText ? (
        <Text size="sm" c="dimmed">
          {endText}
        </Text>
      ) : null}
    </Center>
  );
}
