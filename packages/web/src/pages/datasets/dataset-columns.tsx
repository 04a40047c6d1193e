// The datasets table's columns: name (to its page), media type, tags, your permission, last change.
import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { Dataset } from '@teamset/contract';
import { Link } from 'react-router-dom';
import type { DataColumn } from '../../components/data-table';
import { PermissionBadge } from '../../components/permission-badge';
import { formatRelative } from '../../lib/format';

export const DATASET_COLUMNS: DataColumn<Dataset>[] = [
  {
    header: 'Name',
    cell: (dataset) => (
      <>
        <Anchor component={Link} to={`/datasets/${encodeURIComponent(dataset.name)}`} fw={500} size="sm">
          {dataset.name}
        </Anchor>
        {dataset.description ? (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {dataset.description}
          </Text>
        ) : null}
      </>
    ),
  },
  { header: 'Media', cell: (dataset) => <Text size="sm">{dataset.mediaType}</Text> },
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
  { header: 'Last changed', cell: (dataset) => <Text size="sm">{formatRelative(dataset.lastModifiedAt)}</Text> },
];
