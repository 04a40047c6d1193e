// The datasets home as cards: each dataset's cover, name, sample count, media type, label fields, access and last change.
import { Anchor, Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { DatasetListItem } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { PermissionBadge } from '../../components/permission-badge';
import { DatasetCover } from './dataset-cover';
import { datasetPath, LabelFieldBadges, LastChanged, sampleCountText } from './dataset-columns';
import { MEDIA_TYPE_LABELS } from './media-types';

export function DatasetCards({ datasets }: { datasets: readonly DatasetListItem[] }) {
  return (
    // As many columns of at least 260 px as the screen holds: a wide screen shows more datasets, not wider cards.
    <Box
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
        gap: 'var(--mantine-spacing-md)',
      }}
      role="list"
      aria-label="Datasets"
    >
      {datasets.map((dataset) => (
        <Paper key={dataset.id} withBorder radius="md" role="listitem" data-focus-card>
          <div style={{ borderRadius: 'var(--mantine-radius-md) var(--mantine-radius-md) 0 0', overflow: 'hidden' }}>
            <DatasetCover dataset={dataset} height={150} />
          </div>
          <Stack gap={6} p="sm">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={datasetPath(dataset)} fw={600} truncate style={{ minWidth: 0 }}>
                {dataset.name}
              </Anchor>
              <PermissionBadge permission={dataset.permission} />
            </Group>
            <Text size="sm">
              {sampleCountText(dataset)} · {MEDIA_TYPE_LABELS[dataset.mediaType]}
            </Text>
            <LabelFieldBadges dataset={dataset} />
            <Group gap={4}>
              <Text size="xs" c="dimmed">
                Changed
              </Text>
              <LastChanged dataset={dataset} />
            </Group>
          </Stack>
        </Paper>
      ))}
    </Box>
  );
}
