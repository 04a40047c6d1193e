// A list of values with their counts, each a checkbox filter: searchable, the top values first and "Show more" for the rest.
import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { formatCount } from './format-count';
import type { ValueCount } from './sidebar-facets';

/** Values shown before a search box is worth having. */
const SEARCH_FROM = 8;

export interface ValueListProps {
  /** Names the list for assistive technology: "ground_truth classes". */
  label: string;
  /** The values to offer (the view without the sidebar's filters), most frequent first. */
  values: readonly ValueCount[];
  /** Counts under the current filters, by value; undefined when there are no filters (then `values` counts hold). */
  filtered: ReadonlyMap<ValueCount['value'], number> | undefined;
  selected: readonly ValueCount['value'][];
  onToggle(value: ValueCount['value']): void;
  /** How many distinct values there are in all; more than listed offers "Show more". */
  distinct: number;
  onShowMore?: () => void;
  /** Old numbers while new ones load. */
  stale: boolean;
}

/** Counts by value, for a list's `filtered`; undefined without an answer (or without filters). */
export const countMap = (values: readonly ValueCount[] | undefined) =>
  values ? new Map(values.map((v) => [v.value, v.count])) : undefined;

const text = (value: ValueCount['value']) => (value === null ? 'none' : String(value));

export interface CountRowProps {
  label: string;
  checked: boolean;
  onToggle(): void;
  count: number;
  /** Old numbers while new ones load: dimmed, not blanked, so nothing jumps. */
  stale: boolean;
}

/** One checkbox filter and its count, right-aligned in tabular digits. */
export function CountRow({ label, checked, onToggle, count, stale }: CountRowProps) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Checkbox
        size="xs"
        label={label}
        checked={checked}
        onChange={onToggle}
        styles={{ label: { wordBreak: 'break-all' } }}
      />
      <Text
        size="xs"
        c={stale ? 'dimmed' : undefined}
        data-count-for={label}
        style={{ fontVariantNumeric: 'tabular-nums', opacity: stale ? 0.5 : 1 }}
      >
        {formatCount(count)}
      </Text>
    </Group>
  );
}

export function ValueList({
  label,
  values,
  filtered,
  selected,
  onToggle,
  distinct,
  onShowMore,
  stale,
}: ValueListProps) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  // Selected values stay listed even when the current view has none of them, so they can be unchecked.
  const listed = [
    ...values,
    ...selected.filter((s) => !values.some((v) => v.value === s)).map((value) => ({ value, count: 0 })),
  ];
  const shown = needle ? listed.filter((v) => text(v.value).toLowerCase().includes(needle)) : listed;
  return (
    <Stack gap={4} role="group" aria-label={label}>
      {values.length >= SEARCH_FROM ? (
        <TextInput
          size="xs"
          aria-label={`Search ${label}`}
          placeholder="Search"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      ) : null}
      {shown.map(({ value, count }) => (
        <CountRow
          key={text(value)}
          label={text(value)}
          checked={selected.includes(value)}
          onToggle={() => onToggle(value)}
          count={filtered ? (filtered.get(value) ?? 0) : count}
          stale={stale}
        />
      ))}
      {shown.length === 0 ? (
        <Text size="xs" c="dimmed">
          {needle ? 'No match among the values listed' : 'No values'}
        </Text>
      ) : null}
      {distinct > values.length && onShowMore ? (
        <Button variant="subtle" size="compact-xs" onClick={onShowMore} aria-label={`Show more ${label}`}>
          Show more ({formatCount(distinct - values.length)} not listed)
        </Button>
      ) : null}
    </Stack>
  );
}
