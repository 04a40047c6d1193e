// The filters of a group of plain fields (the schema's own, or the metadata section's): a range per number, a value list per string, true / false / none per boolean.
import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { setFieldFilter, toggled, type ExploreFilters } from '../state/explore-filters';
import type { FieldGroup } from '../state/explore-schema';
import { RangeFilter } from './range-filter';
import type { FieldFacets } from './sidebar-facets';
import { CountRow, countMap, ValueList } from './value-list';

/** The sidebar's filters and what changes them: the same for every section. */
export interface FilterControls {
  filters: ExploreFilters;
  onFiltersChange(next: ExploreFilters): void;
  onShowMore(path: string): void;
}

export interface FieldFiltersProps {
  group: FieldGroup;
  /** The view without the sidebar's filters: what can be chosen (undefined until counted). */
  base: FieldFacets | undefined;
  /** The view with them; undefined when there are none. */
  filtered: FieldFacets | undefined;
  stale: boolean;
  controls: FilterControls;
}

/** A field of the sample (not a label field): its path as title over its filter. */
function FieldSection({ path, children }: { path: string; children: ReactNode }) {
  return (
    <Stack gap={2} component="section" aria-label={path}>
      <Text size="sm" fw={600}>
        {path}
      </Text>
      {children}
    </Stack>
  );
}

export function FieldFilters({ group, base, filtered, stale, controls }: FieldFiltersProps) {
  const { filters, onFiltersChange, onShowMore } = controls;
  // Nothing until counted: an empty list or a "No values" would be taken for the answer.
  if (!base) return null;
  const current = filtered ?? base;
  return (
    <>
      {group.numbers.map((path) => {
        const bounds = base.numbers[path]?.bounds;
        if (!bounds) return null;
        const filter = filters.fields?.[path];
        return (
          <FieldSection key={path} path={path}>
            {bounds[0] === null || bounds[1] === null ? (
              // Counted, and no sample has a number there: said, so an empty field is not taken for a slow one.
              <Text size="xs" c="dimmed" data-no-values-for={path}>
                No values
              </Text>
            ) : (
              <RangeFilter
                label={path}
                bounds={[bounds[0], bounds[1]]}
                value={filter?.kind === 'range' ? filter.range : undefined}
                onChange={(range) =>
                  onFiltersChange(setFieldFilter(filters, path, range ? { kind: 'range', range } : undefined))
                }
                histogram={current.numbers[path]}
                stale={stale}
              />
            )}
          </FieldSection>
        );
      })}
      {group.strings.map((path) => {
        const filter = filters.fields?.[path];
        const selected = filter?.kind === 'values' ? filter.values : [];
        return (
          <FieldSection key={path} path={path}>
            <ValueList
              label={`${path} values`}
              values={base.strings[path]?.values ?? []}
              filtered={countMap(filtered?.strings[path]?.values)}
              selected={selected}
              onToggle={(value) =>
                onFiltersChange(
                  setFieldFilter(filters, path, { kind: 'values', values: toggled(selected, String(value)) }),
                )
              }
              distinct={base.strings[path]?.distinct ?? 0}
              onShowMore={() => onShowMore(path)}
              stale={stale}
            />
          </FieldSection>
        );
      })}
      {group.bools.map((path) => {
        const filter = filters.fields?.[path];
        const selected = filter?.kind === 'bool' ? filter.values : [];
        const counts = current.bools[path];
        const choices: Array<[string, boolean | null, number | undefined]> = [
          ['true', true, counts?.true],
          ['false', false, counts?.false],
          ['none', null, counts?.none],
        ];
        return (
          <FieldSection key={path} path={path}>
            {choices.map(([name, value, count]) => (
              <CountRow
                key={name}
                label={name}
                checked={selected.includes(value)}
                onToggle={() =>
                  onFiltersChange(setFieldFilter(filters, path, { kind: 'bool', values: toggled(selected, value) }))
                }
                count={count ?? 0}
                stale={stale}
              />
            ))}
          </FieldSection>
        );
      })}
    </>
  );
}
