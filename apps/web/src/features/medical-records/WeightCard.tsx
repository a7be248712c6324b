import { Card, Skeleton, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { formatWeight } from '../../lib/format';

const WeightChart = lazy(() => import('./WeightChart'));

/** The weights recorded at visits, as a chart once there are two of them. */
export function WeightCard({ weightHistory }: { weightHistory: { at: Date; weightKg: number }[] }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Weight over time
      </Title>
      {weightHistory.length < 2 ? (
        <EmptyState title="Not enough weighings yet">
          {weightHistory.length === 1
            ? `One weighing: ${formatWeight(weightHistory[0]!.weightKg)}.`
            : 'Weights recorded at visits appear here.'}
        </EmptyState>
      ) : (
        <Suspense fallback={<Skeleton height={200} />}>
          <WeightChart points={weightHistory} />
        </Suspense>
      )}
    </Card>
  );
}
