// The charts of the current view: a label field's classes (top N) and a numeric field's histogram, reloaded with every filter and write.
import { Group, Paper, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { samplesApi } from '../../../../api/samples-api';
import { useApi } from '../../../../hooks/use-api';
import type { ExploreScope } from '../explore-types';
import { classPaths, numericPaths } from './chart-fields';
import { ClassChart } from './class-chart';
import { HistogramChart } from './histogram-chart';

export function ChartsPanel({ scope }: { scope: ExploreScope }) {
  const name = scope.dataset.name;
  const schema = useApi(() => samplesApi.fields(name), [name, scope.revision]);
  const fields = schema.data?.fields ?? [];
  const classes = classPaths(fields);
  const numeric = numericPaths(fields);
  const [classPath, setClassPath] = useState<string | null>(null);
  const [numericPath, setNumericPath] = useState<string | null>(null);
  const [showTables, setShowTables] = useState(false);
  const chosenClass = classPath !== null && classes.includes(classPath) ? classPath : (classes[0] ?? null);
  const chosenNumber = numericPath !== null && numeric.includes(numericPath) ? numericPath : (numeric[0] ?? null);

  return (
    <Paper withBorder p="lg" role="region" aria-label="Charts">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Charts of this view
          </Title>
          <Switch
            size="xs"
            label="Show as tables"
            checked={showTables}
            onChange={(event) => setShowTables(event.currentTarget.checked)}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ChartColumn label="Classes of" paths={classes} value={chosenClass} onChange={setClassPath}>
            {(path) => <ClassChart scope={scope} path={path} showTable={showTables} />}
          </ChartColumn>
          <ChartColumn label="Histogram of" paths={numeric} value={chosenNumber} onChange={setNumericPath}>
            {(path) => <HistogramChart scope={scope} path={path} showTable={showTables} />}
          </ChartColumn>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** A path picker over its chart; a note instead when the schema has no such path. */
function ChartColumn(props: {
  label: string;
  paths: string[];
  value: string | null;
  onChange(path: string | null): void;
  children(path: string): ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Select
        size="xs"
        label={props.label}
        data={props.paths}
        value={props.value}
        onChange={props.onChange}
        allowDeselect={false}
        searchable
      />
      {props.value ? (
        props.children(props.value)
      ) : (
        <Text size="sm" c="gray.7">
          No field of this kind in the dataset.
        </Text>
      )}
    </Stack>
  );
}
