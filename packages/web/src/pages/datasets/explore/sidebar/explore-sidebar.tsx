// The explore view's sidebar: the view's sample count, then tag, label-field and field filters with counts that follow the filters, and last the metadata section.
import { Alert, Divider, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { setLabelFilter, toggled, type ExploreFilters } from '../state/explore-filters';
import type { ExploreSchema } from '../state/explore-schema';
import { formatCount } from './format-count';
import { FieldFilters, type FilterControls } from './field-filters';
import { LabelFieldSection } from './label-field-section';
import { MetadataSection } from './metadata-section';
import type { SidebarFacets } from './sidebar-facets';
import type { FacetsState } from './use-facets';
import type { MetadataSectionState } from './use-metadata-section';
import { CountRow, countMap, ValueList } from './value-list';

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
  /** The metadata section, last; none when the schema has no metadata. */
  metadata?: MetadataSectionState | undefined;
}

function SectionTitle({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} tt="uppercase" c="dimmed">
      {children}
    </Text>
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
  const controls: FilterControls = { filters, onFiltersChange, onShowMore: props.onShowMore };

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
        <FieldFilters group={schema} base={baseFacets} filtered={filteredFacets} stale={stale} controls={controls} />

        {props.metadata ? (
          <>
            <Divider />
            <MetadataSection state={props.metadata} controls={controls} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
