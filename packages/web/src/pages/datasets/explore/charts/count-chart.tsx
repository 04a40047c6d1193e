// Counts as bars (Mantine charts over recharts) with the same numbers as a table: shown on request, always there for screen readers.
import { BarChart } from '@mantine/charts';
import { Table, VisuallyHidden } from '@mantine/core';

export interface CountRow {
  name: string;
  count: number;
}

const numbers = new Intl.NumberFormat('en-US');

interface CountChartProps {
  /** What the chart shows, e.g. "Classes of ground_truth.detections.label": the table's caption and the chart's name. */
  title: string;
  /** The first column's heading: "Class", "Range". */
  nameHeading: string;
  rows: readonly CountRow[];
  /** Class names read better down the side; histogram bins along the bottom. */
  orientation: 'horizontal' | 'vertical';
  showTable: boolean;
  color: string;
}

export function CountChart({ title, nameHeading, rows, orientation, showTable, color }: CountChartProps) {
  const height = orientation === 'vertical' ? Math.max(160, rows.length * 26 + 40) : 240;
  const table = (
    <Table striped withTableBorder fz="xs" data-chart-table>
      <caption style={{ captionSide: 'top', textAlign: 'left' }}>{title}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{nameHeading}</Table.Th>
          <Table.Th scope="col" ta="right">
            Count
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.name}>
            <Table.Td>{row.name}</Table.Td>
            <Table.Td ta="right">{numbers.format(row.count)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <>
      {/* The picture is for the eye; the table below carries the same numbers for assistive technology. */}
      <div aria-hidden data-chart={title}>
        <BarChart
          h={height}
          data={rows.map((row) => ({ name: row.name, count: row.count }))}
          dataKey="name"
          orientation={orientation}
          series={[{ name: 'count', label: 'Samples', color }]}
          valueFormatter={(value) => numbers.format(value)}
          yAxisProps={orientation === 'vertical' ? { width: 110 } : {}}
          gridAxis={orientation === 'vertical' ? 'x' : 'y'}
          tickLine="none"
          // Not focusable: the chart is hidden from assistive technology, the table carries its numbers.
          barChartProps={{ accessibilityLayer: false }}
        />
      </div>
      {showTable ? table : <VisuallyHidden>{table}</VisuallyHidden>}
    </>
  );
}
