// One label field in the sidebar: show or hide its labels, its classes with counts, a confidence range and whether filters keep labels or samples.
import { Group, Radio, Stack, Switch, Text } from '@mantine/core';
import { toggled, type LabelFilter } from '../state/explore-filters';
import type { LabelFieldInfo } from '../state/explore-schema';
import { formatCount } from './format-count';
import { RangeFilter } from './range-filter';
import { CONFIDENCE_RANGE, type LabelCounts } from './sidebar-facets';
import { ValueList } from './value-list';

export interface LabelFieldSectionProps {
  info: LabelFieldInfo;
  base: LabelCounts | undefined;
  /** Counts under the sidebar's filters; undefined when there are none. */
  filtered: LabelCounts | undefined;
  stale: boolean;
  filter: LabelFilter | undefined;
  onFilterChange(next: LabelFilter | undefined): void;
  visible: boolean;
  onVisibleChange(visible: boolean): void;
  onShowMore(path: string): void;
}

export function LabelFieldSection(props: LabelFieldSectionProps) {
  const { info, base, filtered, stale, filter, onFilterChange } = props;
  const current = filtered ?? base;
  const set = (next: LabelFilter) => onFilterChange(next);
  const classes = base?.classes;
  const filteredClasses = filtered?.classes
    ? new Map(filtered.classes.values.map((v) => [v.value, v.count]))
    : undefined;
  return (
    <Stack gap="xs" component="section" aria-label={info.path}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Switch
          size="xs"
          checked={props.visible}
          onChange={(event) => props.onVisibleChange(event.currentTarget.checked)}
          label={
            <Text size="sm" fw={600} span>
              {info.path}
            </Text>
          }
          aria-label={`Show ${info.path} labels`}
        />
        <Text size="xs" c="dimmed" style={{ opacity: stale ? 0.5 : 1 }} data-label-count-for={info.path}>
          {current ? `${formatCount(current.count)} ${current.count === 1 ? 'label' : 'labels'}` : ''}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {info.labelClass}
      </Text>
      {info.hasClass && classes ? (
        <ValueList
          label={`${info.path} classes`}
          values={classes.values}
          filtered={filteredClasses}
          selected={filter?.classes ?? []}
          onToggle={(value) => set({ ...filter, classes: toggled(filter?.classes, String(value)) })}
          distinct={classes.distinct}
          onShowMore={() => props.onShowMore(`${info.items}.label`)}
          stale={stale}
        />
      ) : null}
      {info.hasConfidence ? (
        <Stack gap={2}>
          <Text size="xs" fw={500}>
            Confidence
          </Text>
          <RangeFilter
            label={`${info.path} confidence`}
            bounds={CONFIDENCE_RANGE}
            value={filter?.confidence}
            onChange={(range) => set({ ...filter, confidence: range })}
            histogram={current?.confidence}
            stale={stale}
          />
        </Stack>
      ) : null}
      <Radio.Group
        size="xs"
        label="Filters keep"
        value={filter?.mode ?? 'labels'}
        onChange={(mode) => set({ ...filter, mode: mode === 'samples' ? 'samples' : 'labels' })}
      >
        <Stack gap={4} mt={4}>
          <Radio size="xs" value="labels" label="Only matching labels" />
          <Radio size="xs" value="samples" label="Samples that have a match (all their labels)" />
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
