// Datasets as a table: name (to its page), media type, tags, your permission, last change.
import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import type { Dataset } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { PermissionBadge } from '../../components/permission-badge';
import { formatRelative } from '../../lib/format';

export function DatasetsTable({ datasets }: { datasets: Dataset[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Datasets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Media</Table.Th>
            <Table.Th>Tags</Table.Th>
            <Table.Th>Your access</Table.Th>
            <Table.Th>Last changed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {datasets.map((dataset) => (
            <Table.Tr key={dataset.id}>
              <Table.Td>
                <Anchor component={Link} to={`/datasets/${encodeURIComponent(dataset.name)}`} fw={500} size="sm">
                  {dataset.name}
                </Anchor>
                {dataset.description ? (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {dataset.description}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{dataset.mediaType}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {dataset.tags.slice(0, 4).map((tag) => (
                    <Badge key={tag} variant="outline" color="gray" size="sm" tt="none">
                      {tag}
                    </Badge>
                  ))}
                  {dataset.tags.length > 4 ? <Text size="xs">+{dataset.tags.length - 4}</Text> : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <PermissionBadge permission={dataset.permission} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatRelative(dataset.lastModifiedAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
