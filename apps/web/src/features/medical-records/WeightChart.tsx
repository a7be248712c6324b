import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { formatDate, formatWeight } from '../../lib/format';

/** An x value (ms) as a date; recharts also asks for the tooltip's label while nothing is hovered (undefined). */
const formatInstant = (ms: unknown) => (Number.isFinite(Number(ms)) ? formatDate(new Date(Number(ms))) : '');

/**
 * Loaded on demand: recharts is the largest dependency, needed on the chart page only.
 * The x axis is time (ms since epoch), so two visits a day apart sit close and a year and a half spreads wide.
 */
export default function WeightChart({ points }: { points: { at: Date; weightKg: number }[] }) {
  const data = points.map((p) => ({ at: p.at.getTime(), weight: p.weightKg }));
  const summary = points.map((p) => `${formatDate(p.at)}: ${formatWeight(p.weightKg)}`).join('; ');
  return (
    <div role="img" aria-label={`Weight over time. ${summary}`}>
      <LineChart
        h={200}
        data={data}
        dataKey="at"
        series={[{ name: 'weight', label: 'Weight (kg)', color: 'indigo.7' }]}
        curveType="monotone"
        withDots
        unit=" kg"
        xAxisProps={{
          type: 'number',
          scale: 'time',
          domain: ['dataMin', 'dataMax'],
          tickFormatter: formatInstant,
        }}
        // The tick is one label ("10.25 kg"): wide enough that recharts never breaks it over two lines.
        yAxisProps={{ domain: ['auto', 'auto'], width: 80, unit: undefined, tickFormatter: formatWeight }}
        tooltipProps={{ labelFormatter: formatInstant }}
      />
    </div>
  );
}
