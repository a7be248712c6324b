import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { formatDate } from '../../lib/format';

/** Loaded on demand: recharts is the largest dependency, needed on the chart page only. */
export default function WeightChart({ points }: { points: { at: Date; weightKg: number }[] }) {
  const data = points.map((p) => ({ date: formatDate(p.at), weight: p.weightKg }));
  const summary = points.map((p) => `${formatDate(p.at)}: ${p.weightKg} kg`).join('; ');
  return (
    <div role="img" aria-label={`Weight over time. ${summary}`}>
      <LineChart
        h={200}
        data={data}
        dataKey="date"
        series={[{ name: 'weight', label: 'Weight (kg)', color: 'indigo.7' }]}
        curveType="monotone"
        withDots
        unit=" kg"
        yAxisProps={{ domain: ['auto', 'auto'], width: 60 }}
      />
    </div>
  );
}
