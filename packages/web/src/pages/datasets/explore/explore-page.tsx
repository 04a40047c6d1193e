// The Samples tab: the dataset through the current view — sidebar filters, the view bar and the grid (or table); a sample opens in a modal. The URL holds the view and the open sample.
import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack } from '@mantine/core';
import type { Dataset, SavedView, Stage } from '@teamset/contract';
import { PATCH_LABEL_CLASSES, patchFields } from '@teamset/contract/constants';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { samplesApi } from '../../../api/samples-api';
import { savedViewsApi } from '../../../api/saved-views-api';
import { useApi } from '../../../hooks/use-api';
import { SamplesTable } from '../samples-table';
import { ChartsPanel } from './charts/charts-panel';
import { LAYOUT_STORAGE_KEY, storedLayout, type Layout } from './explore-layout';
import type { ExploreScope, SampleModalProps } from './explore-types';
import { ExploreGrid } from './grid/explore-grid';
import { SampleModal } from './modal/sample-modal';
import { PatchesGrid } from './patches/patches-grid';
import { SavedViewsMenu } from './saved-views/saved-views-menu';
import { ExploreSidebar } from './sidebar/explore-sidebar';
import { useFacets } from './sidebar/use-facets';
import { useMetadataSection } from './sidebar/use-metadata-section';
import { compileFilters } from './state/compile-filters';
import { NO_FILTERS, type ExploreFilters } from './state/explore-filters';
import { EMPTY_SCHEMA, exploreSchema } from './state/explore-schema';
import {
  decodeFilters,
  encodeFilters,
  FILTERS_PARAM,
  PATCHES_PARAM,
  SAMPLE_PARAM,
  VIEW_PARAM,
} from './state/filters-url';
import { LoadedSamplesStore, NOTHING_LOADED, useLoadedSamples } from './state/loaded-samples-store';
import { ViewBar } from './view-bar/view-bar';

const NO_STAGES: Stage[] = [];

/** The modal with the grid's loaded samples to step through (none for patches: a patch opens its sample alone). */
function LoadedSampleModal({
  store,
  ...props
}: Omit<SampleModalProps, 'loaded'> & { store: LoadedSamplesStore | undefined }) {
  const loaded = useLoadedSamples(store ?? EMPTY_STORE);
  return <SampleModal {...props} loaded={store ? loaded : NOTHING_LOADED} />;
}
const EMPTY_STORE = new LoadedSamplesStore();

export function ExplorePage({ dataset }: { dataset: Dataset }) {
  const name = dataset.name;
  const [params, setParams] = useSearchParams();
  const slug = params.get(VIEW_PARAM) ?? undefined;
  const encodedFilters = params.get(FILTERS_PARAM) ?? '';
  const filters = useMemo(() => decodeFilters(encodedFilters), [encodedFilters]);
  const openSample = params.get(SAMPLE_PARAM) ?? undefined;
  const requestedPatches = params.get(PATCHES_PARAM) ?? undefined;

  const fields = useApi(() => samplesApi.fields(name), [name]);
  const [savedRevision, setSavedRevision] = useState(0);
  const savedViews = useApi(() => savedViewsApi.list(name), [name, savedRevision]);
  const savedView: SavedView | undefined = savedViews.data?.views.find((v) => v.slug === slug);
  const savedStages = savedView?.view.stages ?? NO_STAGES;
  // The fields whose objects can be shown as patches; a saved patches view decides the field itself.
  const patchable = useMemo(
    () =>
      (fields.data?.fields ?? []).filter((f) => !f.builtin && PATCH_LABEL_CLASSES.includes(f.type)).map((f) => f.path),
    [fields.data],
  );
  const savedPatches = savedStages.find((stage) => stage.stage === 'to_patches');
  const patching =
    savedPatches?.stage === 'to_patches'
      ? savedPatches.field
      : requestedPatches !== undefined && patchable.includes(requestedPatches)
        ? requestedPatches
        : undefined;
  const schema = useMemo(
    () =>
      fields.data
        ? exploreSchema(patching ? patchFields(fields.data.fields, patching) : fields.data.fields)
        : undefined,
    [fields.data, patching],
  );
  const savedViewMissing = slug !== undefined && savedViews.data !== undefined && !savedView;
  // A link to a saved view waits for the list, so it never shows the whole dataset first.
  const waiting = !schema || (slug !== undefined && savedViews.data === undefined && !savedViews.error);

  const [revision, setRevision] = useState(0);
  const [hiddenFields, setHiddenFields] = useState<ReadonlySet<string>>(new Set());
  const [limits, setLimits] = useState<Record<string, number>>({});
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  // Not state of this page: each page the grid loads would re-render the sidebar and view bar with it.
  const [loaded] = useState(() => new LoadedSamplesStore());
  const [layout, setLayout] = useState<Layout>(storedLayout);
  const [chartsOpen, setChartsOpen] = useState(false);

  const baseKey = JSON.stringify([savedStages, savedPatches ? null : (patching ?? null)]);
  const baseStages = useMemo<Stage[]>(
    () => (patching && !savedPatches ? [...savedStages, { stage: 'to_patches', field: patching }] : savedStages),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content
    [baseKey],
  );
  // A patch opens its sample, seen through the stages before to_patches.
  const sampleStages = useMemo<Stage[]>(() => {
    const at = baseStages.findIndex((stage) => stage.stage === 'to_patches');
    return at < 0 ? baseStages : baseStages.slice(0, at);
  }, [baseStages]);
  const compiled = useMemo(() => compileFilters(filters, schema ?? EMPTY_SCHEMA), [filters, schema]);
  const stagesKey = JSON.stringify([baseStages, compiled.map((c) => c.stages)]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, so equal views keep one identity
  const stages = useMemo(() => [...baseStages, ...compiled.flatMap((c) => c.stages)], [stagesKey]);
  const visibleLabelFields = useMemo(
    () => (schema?.labels ?? []).map((l) => l.path).filter((p) => !hiddenFields.has(p)),
    [schema, hiddenFields],
  );
  const scope: ExploreScope = useMemo(
    () => ({ dataset, stages, visibleLabelFields, revision }),
    [dataset, stages, visibleLabelFields, revision],
  );

  const sampleScope: ExploreScope = useMemo(() => ({ ...scope, stages: sampleStages }), [scope, sampleStages]);

  const activeSchema = waiting ? undefined : schema;
  // The App's only writes here are tag writes (grid and modal), so `revision` counts them: the facets then reload just
  // the tag counts unless the view depends on tags (useFacets).
  const base = useFacets(name, activeSchema, baseStages, limits, revision);
  const withFilters = useFacets(name, activeSchema, stages, limits, revision, compiled.length > 0);
  const filtered = compiled.length > 0 ? withFilters : base;
  const metadata = useMetadataSection(
    name,
    activeSchema?.metadata,
    { base: baseStages, filtered: stages, hasFilters: compiled.length > 0 },
    filters,
    limits,
    revision,
  );

  /** Every change of view is a history entry, so back and forward step through filters; `replace` for stepping in the modal. */
  const navigate = useCallback(
    (
      change: {
        slug?: string | undefined;
        filters?: ExploreFilters;
        sample?: string | undefined;
        patches?: string | undefined;
      },
      replace = false,
    ) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          const put = (key: string, value: string | undefined) => (value ? next.set(key, value) : next.delete(key));
          if ('slug' in change) put(VIEW_PARAM, change.slug);
          if (change.filters) put(FILTERS_PARAM, encodeFilters(change.filters));
          if ('sample' in change) put(SAMPLE_PARAM, change.sample);
          if ('patches' in change) put(PATCHES_PARAM, change.patches);
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );
  const setFilters = useCallback((next: ExploreFilters) => navigate({ filters: next }), [navigate]);
  const changed = useCallback(() => setRevision((r) => r + 1), []);
  const chooseLayout = (value: string) => {
    const next: Layout = value === 'table' ? 'table' : 'grid';
    setLayout(next);
    try {
      window.localStorage.setItem(LAYOUT_STORAGE_KEY, next);
    } catch {
      // Storage may be off (private mode); the choice then lasts for this visit only.
    }
  };

  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      {schema ? (
        <ExploreSidebar
          schema={schema}
          base={base}
          filtered={filtered}
          filters={filters}
          onFiltersChange={setFilters}
          visibleLabelFields={visibleLabelFields}
          onVisibleLabelFieldsChange={(visible) =>
            setHiddenFields(new Set(schema.labels.map((l) => l.path).filter((p) => !visible.includes(p))))
          }
          onShowMore={(path) => setLimits((current) => ({ ...current, [path]: (current[path] ?? 200) * 5 }))}
          rows={patching ? 'patches' : 'samples'}
          metadata={metadata}
        />
      ) : null}
      <Stack style={{ flex: 1, minWidth: 0 }} gap="sm">
        <ViewBar
          dataset={name}
          savedView={savedView?.name}
          onUnloadSavedView={() => navigate({ slug: undefined })}
          filters={compiled}
          onRemove={(filter) => setFilters(filter.remove(filters))}
          onClear={() => setFilters(NO_FILTERS)}
          stages={stages}
          count={filtered.facets?.count}
          total={base.facets?.count}
          counting={filtered.loading}
          rows={patching ? 'patches' : 'samples'}
        >
          <SavedViewsMenu
            dataset={dataset}
            views={savedViews.data?.views ?? []}
            current={savedView}
            stages={stages}
            modified={compiled.length > 0}
            onLoad={(view) => navigate({ slug: view?.slug, filters: NO_FILTERS })}
            onChanged={(view) => {
              setSavedRevision((r) => r + 1);
              navigate(view ? { slug: view.slug, filters: NO_FILTERS } : { slug: undefined });
            }}
          />
          <SegmentedControl
            size="xs"
            aria-label="Samples view"
            value={layout}
            onChange={chooseLayout}
            data={[
              { label: 'Grid', value: 'grid' },
              { label: 'Table', value: 'table' },
            ]}
          />
          {patchable.length > 0 ? (
            <Select
              size="xs"
              w={180}
              aria-label="Show samples or patches"
              allowDeselect={false}
              value={patching ?? ''}
              disabled={savedPatches !== undefined}
              title={savedPatches ? 'The saved view shows patches; unload it to show samples' : undefined}
              onChange={(value) => navigate({ patches: value || undefined, filters: NO_FILTERS, sample: undefined })}
              data={[
                { value: '', label: 'Samples' },
                ...patchable.map((path) => ({ value: path, label: `Patches of ${path}` })),
              ]}
            />
          ) : null}
          {patching ? null : (
            <Button
              variant="default"
              size="xs"
              aria-pressed={chartsOpen}
              onClick={() => setChartsOpen((open) => !open)}
            >
              {chartsOpen ? 'Hide charts' : 'Charts'}
            </Button>
          )}
        </ViewBar>
        {savedViewMissing ? (
          <Alert color="gray" title="Saved view not found">
            This link names a saved view that does not exist (any more); showing the dataset without it.
          </Alert>
        ) : null}
        {chartsOpen && !waiting && !patching ? <ChartsPanel scope={scope} /> : null}
        {waiting ? null : (
          <Paper withBorder p="lg">
            {layout === 'table' ? (
              <SamplesTable scope={scope} />
            ) : patching ? (
              <PatchesGrid scope={scope} field={patching} onOpenSample={(id) => navigate({ sample: id })} />
            ) : (
              <ExploreGrid
                scope={scope}
                selection={selection}
                onSelectionChange={setSelection}
                onOpen={(id) => navigate({ sample: id })}
                onLoaded={loaded.set}
                onChanged={changed}
              />
            )}
          </Paper>
        )}
      </Stack>
      {openSample !== undefined ? (
        <LoadedSampleModal
          scope={patching ? sampleScope : scope}
          sampleId={openSample}
          store={patching ? undefined : loaded}
          onOpen={(id) => navigate({ sample: id }, true)}
          onClose={() => navigate({ sample: undefined })}
          onChanged={changed}
        />
      ) : null}
    </Group>
  );
}
