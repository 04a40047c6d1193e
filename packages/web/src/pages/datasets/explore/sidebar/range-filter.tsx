// A numeric range: a small histogram of the current view over a range slider; the filter is set when the thumb is released.
import { Box, Button, Group, RangeSlider, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatCount, formatValue } from './format-count';
import type { NumericCounts } from './sidebar-facets';

export interface RangeFilterProps {
  label: string;
  /** The slider's ends: the values of the view without the sidebar's filters. */
  bounds: [number, number];
  value: [number, number] | undefined;
  onChange(next: [number, number] | undefined): void;
  histogram: NumericCounts | undefined;
  stale: boolean;
}

const BARS_HEIGHT = 32;

function stepOf([min, max]: [number, number]): number {
  const span = max - min;
  if (span <= 0) return 1;
  return 10 ** Math.floor(Math.log10(span / 100));
}

export function RangeFilter({ label, bounds, value, onChange, histogram, stale }: RangeFilterProps) {
  const [min, max] = bounds;
  const [dragging, setDragging] = useState<[number, number]>(value ?? bounds);
  useEffect(() => setDragging(value ?? bounds), [value, min, max]); // eslint-disable-line react-hooks/exhaustive-deps
  const step = stepOf(bounds);
  const peak = Math.max(1, ...(histogram?.counts ?? []));
  const span = max - min || 1;
  const edges = histogram?.edges ?? [];
  return (
    <Stack gap={4}>
      <Box aria-hidden pos="relative" h={BARS_HEIGHT} style={{ opacity: stale ? 0.5 : 1 }} data-histogram-for={label}>
        {(histogram?.counts ?? []).map((count, i) => {
          const from = Math.max(min, edges[i] ?? min);
          const to = Math.min(max, edges[i + 1] ?? max);
          if (to < from) return null;
          return (
            <Box
              key={i}
              pos="absolute"
              bottom={0}
              title={`${formatValue(edges[i] ?? 0)}–${formatValue(edges[i + 1] ?? 0)}: ${formatCount(count)}`}
              style={{
                left: `${((from - min) / span) * 100}%`,
                width: `max(2px, calc(${((to - from) / span) * 100}% - 1px))`,
                height: `${(count / peak) * 100}%`,
                background: 'var(--mantine-color-blue-4)',
                borderRadius: 1,
              }}
            />
          );
        })}
      </Box>
      <RangeSlider
        size="sm"
        min={min}
        max={max}
        step={step}
        minRange={0}
        value={dragging}
        onChange={setDragging}
        onChangeEnd={(next) => onChange(next[0] <= min && next[1] >= max ? undefined : next)}
        label={formatValue}
        thumbFromLabel={`${label} minimum`}
        thumbToLabel={`${label} maximum`}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" data-range-for={label}>
          {formatValue(dragging[0])} – {formatValue(dragging[1])}
        </Text>
        {value ? (
          <Button variant="subtle" size="compact-xs" onClick={() => onChange(undefined)} aria-label={`Reset ${label}`}>
            Reset
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
