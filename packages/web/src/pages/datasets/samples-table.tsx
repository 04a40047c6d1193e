// One page of samples: filepath, tags and how many labels each label field holds.
import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { labelCounts } from './label-counts';

export function SamplesTable({ samples }: { samples: Sample[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" striped aria-label="Samples">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Filepath</Table.Th>
            <Table.Th>Tags</Table.Th>
            <Table.Th>Labels</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {samples.map((sample) => (
            <Table.Tr key={sample.id}>
              <Table.Td maw={420}>
                <Tooltip label={sample.filepath} withArrow openDelay={400}>
                  <Text size="sm" ff="monospace" truncate>
                    {sample.filepath}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {sample.tags.map((tag) => (
                    <Badge key={tag} size="sm" variant="light" color="gray" tt="none">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {labelCounts(sample).map((c) => (
                    <Tooltip key={c.field} label={c.cls} withArrow>
                      <Badge size="sm" variant="outline" tt="none">
                        {c.field}: {c.count}
                      </Badge>
                    </Tooltip>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
