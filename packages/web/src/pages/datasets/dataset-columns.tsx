// The datasets table's columns: cover and name (to its page), media type, samples, label fields, tags, your access, last change.
import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { DatasetListItem } from '@teamset/contract';
import { Link } from 'react-router-dom';
import type { DataColumn } from '../../components/data-table';
import { PermissionBadge } from '../../components/permission-badge';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DatasetCover } from './dataset-cover';
import { MEDIA_TYPE_LABELS } from './media-types';

const count = new Intl.NumberFormat('en-US');

export function datasetPath(dataset: DatasetListItem): string {
  return `/datasets/${encodeURIComponent(dataset.name)}`;
}

export function sampleCountText(dataset: DatasetListItem): string {
  return `${count.format(dataset.sampleCount)} ${dataset.sampleCount === 1 ? 'sample' : 'samples'}`;
}

export function LabelFieldBadges({ dataset, max = 3 }: { dataset: DatasetListItem; max?: number }) {
  if (dataset.labelFields.length === 0)
    return (
      <Text size="xs" c="dimmed">
        No label fields
      </Text>
    );
  return (
    <Group gap={4}>
      {dataset.labelFields.slice(0, max).map((field) => (
        <Badge key={field.name} variant="light" color="indigo" size="sm" tt="none" title={field.type}>
          {field.name}
        </Badge>
      ))}
      {dataset.labelFields.length > max ? <Text size="xs">+{dataset.labelFields.length - max}</Text> : null}
    </Group>
  );
}

export function LastChanged({ dataset }: { dataset: DatasetListItem }) {
  return (
    <Text size="sm" component="time" dateTime={dataset.lastModifiedAt} title={formatDateTime(dataset.lastModifiedAt)}>
      {formatRelative(dataset.lastModifiedAt)}
    </Text>
  );
}

export const DATASET_COLUMNS: DataColumn<DatasetListItem>[] = [
  {
    header: 'Name',
    sortKey: 'name',
    cell: (dataset) => (
      <Group gap="sm" wrap="nowrap">
        <div style={{ width: 64, flexShrink: 0, borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden' }}>
          <DatasetCover dataset={dataset} height={48} />
        </div>
        <div style={{ minWidth: 0 }}>
          <Anchor component={Link} to={datasetPath(dataset)} fw={500} size="sm">
            {dataset.name}
          </Anchor>
          {dataset.description ? (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {dataset.description}
            </Text>
          ) : null}
        </div>
      </Group>
    ),
  },
  { header: 'Media', cell: (dataset) => <Text size="sm">{MEDIA_TYPE_LABELS[dataset.mediaType]}</Text> },
  {
    header: 'Samples',
    sortKey: 'sampleCount',
    cell: (dataset) => <Text size="sm">{count.format(dataset.sampleCount)}</Text>,
    cellProps: { style: { fontVariantNumeric: 'tabular-nums' } },
  },
  { header: 'Label fields', cell: (dataset) => <LabelFieldBadges dataset={dataset} /> },
  {
    header: 'Tags',
    cell: (dataset) => (
      <Group gap={4}>
        {dataset.tags.slice(0, 4).map((tag) => (
          <Badge key={tag} variant="outline" color="gray" size="sm" tt="none">
            {tag}
          </Badge>
        ))}
        {dataset.tags.length > 4 ? <Text size="xs">+{dataset.tags.length - 4}</Text> : null}
      </Group>
    ),
  },
  { header: 'Your access', cell: (dataset) => <PermissionBadge permission={dataset.permission} /> },
  { header: 'Last changed', sortKey: 'lastModifiedAt', cell: (dataset) => <LastChanged dataset={dataset} /> },
];
