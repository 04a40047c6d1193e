// The explore view's sidebar: the view's sample count, then tag, label-field and field filters with counts that follow the filters.
import { Alert, Divider, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { setFieldFilter, setLabelFilter, toggled, type ExploreFilters } from '../state/explore-filters';
import type { ExploreSchema } from '../state/explore-schema';
import { formatCount } from './format-count';
import { LabelFieldSection } from './label-field-section';
import { RangeFilter } from './range-filter';
import type { SidebarFacets } from './sidebar-facets';
import type { FacetsState } from './use-facets';
import { CountRow, ValueList } from './value-list';

export interface ExploreSidebarProps {
  schema: ExploreSchema;
  /** The view without the sidebar's filters: what can be chosen, and the "of N". */
  base: FacetsState;
  /** The view with them; the same as `base` when there are no filters. */
  filtered: FacetsState;
  filters: ExploreFilters;
  onFiltersChange(next: ExploreFilters): void;
  visibleLabelFields: readonly string[];
  onVisibleLabelFieldsChange(next: string[]): void;
  onShowMore(path: string): void;
  /** What the view's rows are: samples, or the patches (objects) of a to_patches stage. */
  rows?: 'samples' | 'patches';
}

const countMap = (values: Array<{ value: string | number | boolean | null; count: number }> | undefined) =>
  values ? new Map(values.map((v) => [v.value, v.count])) : undefined;

function SectionTitle({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} tt="uppercase" c="dimmed">
      {children}
    </Text>
  );
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

export function ExploreSidebar(props: ExploreSidebarProps) {
  const { schema, base, filtered, filters, onFiltersChange } = props;
  const baseFacets = base.facets;
  const filteredFacets: SidebarFacets | undefined = filtered === base ? undefined : filtered.facets;
  const current = filteredFacets ?? baseFacets;
  const stale = base.loading || filtered.loading;
  const labelTagNames = Object.keys(baseFacets?.labelTags ?? {}).sort();
  const rows = props.rows ?? 'samples';

  return (
    <Paper
      withBorder
      p="sm"
      w={300}
      miw={300}
      component="aside"
      aria-label="Filters"
      // Stays in sight while the grid scrolls; long schemas scroll inside it.
      style={{ position: 'sticky', top: 16, maxHeight: 'calc(100vh - 32px)', overflowY: 'auto' }}
    >
      <Stack gap="md">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} aria-live="polite" data-sidebar-count style={{ opacity: stale ? 0.6 : 1 }}>
            {current && baseFacets
              ? `${formatCount(current.count)} of ${formatCount(baseFacets.count)} ${rows}`
              : `Counting ${rows}…`}
          </Text>
          {stale ? <Loader size="xs" aria-label="Updating counts" /> : null}
        </Group>
        {base.error || filtered.error ? (
          <Alert color="red" p="xs">
            Could not count the {rows} of this view; the numbers shown may be out of date.
          </Alert>
        ) : null}

        <Stack gap={4}>
          <SectionTitle>Sample tags</SectionTitle>
          <ValueList
            label="Sample tags"
            values={baseFacets?.sampleTags.values ?? []}
            filtered={countMap(filteredFacets?.sampleTags.values)}
            selected={filters.sampleTags ?? []}
            onToggle={(tag) => onFiltersChange({ ...filters, sampleTags: toggled(filters.sampleTags, String(tag)) })}
            distinct={baseFacets?.sampleTags.distinct ?? 0}
            onShowMore={() => props.onShowMore('tags')}
            stale={stale}
          />
        </Stack>

        {schema.labels.length > 0 ? (
          <Stack gap={4} role="group" aria-label="Label tags">
            <SectionTitle>Label tags</SectionTitle>
            {labelTagNames.length === 0 ? (
              <Text size="xs" c="dimmed">
                No label tags
              </Text>
            ) : null}
            {labelTagNames.map((tag) => (
              <CountRow
                key={tag}
                label={tag}
                checked={filters.labelTags?.includes(tag) ?? false}
                onToggle={() => onFiltersChange({ ...filters, labelTags: toggled(filters.labelTags, tag) })}
                count={current?.labelTags[tag] ?? 0}
                stale={stale}
              />
            ))}
          </Stack>
        ) : null}

        {schema.labels.map((info) => (
          <Stack key={info.path} gap="md">
            <Divider />
            <LabelFieldSection
              info={info}
              base={baseFacets?.labels[info.path]}
              filtered={filteredFacets?.labels[info.path]}
              stale={stale}
              filter={filters.labels?.[info.path]}
              onFilterChange={(next) => onFiltersChange(setLabelFilter(filters, info.path, next))}
              visible={props.visibleLabelFields.includes(info.path)}
              onVisibleChange={(visible) =>
                props.onVisibleLabelFieldsChange(
                  visible
                    ? schema.labels
                        .map((l) => l.path)
                        .filter((p) => p === info.path || props.visibleLabelFields.includes(p))
                    : props.visibleLabelFields.filter((p) => p !== info.path),
                )
              }
              onShowMore={props.onShowMore}
            />
          </Stack>
        ))}

        {schema.numbers.length + schema.strings.length + schema.bools.length > 0 ? <Divider /> : null}
        {schema.numbers.map((path) => {
          const bounds = baseFacets?.numbers[path]?.bounds;
          if (!bounds || bounds[0] === null || bounds[1] === null) return null;
          const filter = filters.fields?.[path];
          return (
            <FieldSection key={path} path={path}>
              <RangeFilter
                label={path}
                bounds={[bounds[0], bounds[1]]}
                value={filter?.kind === 'range' ? filter.range : undefined}
                onChange={(range) =>
                  onFiltersChange(setFieldFilter(filters, path, range ? { kind: 'range', range } : undefined))
                }
                histogram={current?.numbers[path]}
                stale={stale}
              />
            </FieldSection>
          );
        })}
        {schema.strings.map((path) => {
          const filter = filters.fields?.[path];
          const selected = filter?.kind === 'values' ? filter.values : [];
          return (
            <FieldSection key={path} path={path}>
              <ValueList
                label={`${path} values`}
                values={baseFacets?.strings[path]?.values ?? []}
                filtered={countMap(filteredFacets?.strings[path]?.values)}
                selected={selected}
                onToggle={(value) =>
                  onFiltersChange(
                    setFieldFilter(filters, path, { kind: 'values', values: toggled(selected, String(value)) }),
                  )
                }
                distinct={baseFacets?.strings[path]?.distinct ?? 0}
                onShowMore={() => props.onShowMore(path)}
                stale={stale}
              />
            </FieldSection>
          );
        })}
        {schema.bools.map((path) => {
          const filter = filters.fields?.[path];
          const selected = filter?.kind === 'bool' ? filter.values : [];
          const counts = current?.bools[path];
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
      </Stack>
    </Paper>
  );
}
