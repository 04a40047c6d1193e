// One page of samples: filepath, tags and how many labels each label field holds.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { DataTable, type DataColumn } from '../../components/data-table';
import { labelCounts } from './label-counts';

const SAMPLE_COLUMNS: DataColumn<Sample>[] = [
  {
    header: 'Filepath',
    cellProps: { maw: 420 },
    cell: (sample) => (
      <Tooltip label={sample.filepath} withArrow openDelay={400}>
        <Text size="sm" ff="monospace" truncate>
          {sample.filepath}
        </Text>
      </Tooltip>
    ),
  },
  {
    header: 'Tags',
    cell: (sample) => (
      <Group gap={4}>
        {sample.tags.map((tag) => (
          <Badge key={tag} size="sm" variant="light" color="gray" tt="none">
            {tag}
          </Badge>
        ))}
      </Group>
    ),
  },
  {
    header: 'Labels',
    cell: (sample) => (
      <Group gap={4}>
        {labelCounts(sample).map((c) => (
          <Tooltip key={c.field} label={c.cls} withArrow>
            <Badge size="sm" variant="outline" tt="none">
              {c.field}: {c.count}
            </Badge>
          </Tooltip>
        ))}
      </Group>
    ),
  },
];

export function SamplesTable({ samples }: { samples: Sample[] }) {
  return (
    <DataTable
      label="Samples"
      columns={SAMPLE_COLUMNS}
      rows={samples}
      rowKey={(sample) => sample.id}
      minWidth={640}
      striped
      empty="No samples on this page."
    />
  );
}
