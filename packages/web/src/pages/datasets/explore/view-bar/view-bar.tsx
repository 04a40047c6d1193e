// The view bar above the grid: the loaded saved view and every filter as removable chips, the view's sample count, "Copy as code" and what else the page puts there.
import { Badge, Button, CloseButton, Group, Loader, Modal, Paper, Text } from '@mantine/core';
import type { Stage } from '@teamset/contract';
import { IconCode } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { CopyField } from '../../../../components/copy-field';
import { formatCount } from '../sidebar/format-count';
import type { CompiledFilter } from '../state/compile-filters';
import { sdkCode } from '../state/sdk-code';

export interface ViewBarProps {
  dataset: string;
  /** The loaded saved view's name, as a chip that unloads it. */
  savedView: string | undefined;
  onUnloadSavedView(): void;
  filters: readonly CompiledFilter[];
  onRemove(filter: CompiledFilter): void;
  onClear(): void;
  /** The whole view: saved view stages and filter stages. */
  stages: readonly Stage[];
  count: number | undefined;
  total: number | undefined;
  counting: boolean;
  /** What the view's rows are: samples, or the patches of a to_patches stage. */
  rows?: 'samples' | 'patches';
  /** Controls the page adds at the end (saved views menu, grid / table switch). */
  children?: ReactNode;
}

function Chip({ label, onRemove }: { label: string; onRemove(): void }) {
  return (
    <Badge
      variant="light"
      tt="none"
      size="lg"
      radius="sm"
      data-view-chip={label}
      rightSection={<CloseButton size="xs" aria-label={`Remove ${label}`} onClick={onRemove} />}
      maw="100%"
      styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
      title={label}
    >
      {label}
    </Badge>
  );
}

export function ViewBar(props: ViewBarProps) {
  const [showCode, setShowCode] = useState(false);
  const [copied, setCopied] = useState(false);
  const code = sdkCode(props.dataset, props.stages);
  const copyCode = () => {
    setCopied(false);
    setShowCode(true);
    // The dialog shows the code either way, with its own copy button, for browsers that refuse the clipboard.
    navigator.clipboard?.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  const { count, total } = props;
  const plural = props.rows ?? 'samples';
  const singular = plural === 'patches' ? 'patch' : 'sample';
  const countText =
    count === undefined
      ? ''
      : total !== undefined && total !== count
        ? `${formatCount(count)} of ${formatCount(total)} ${plural}`
        : `${formatCount(count)} ${count === 1 ? singular : plural}`;
  return (
    <Paper
      withBorder
      p="xs"
      component="section"
      aria-label="View"
      // The view as the grid and the counts ask for it: browser tests compare the SDK's numbers for these stages.
      data-stages={JSON.stringify(props.stages)}
    >
      <Group justify="space-between" gap="xs" align="flex-start">
        <Group gap={6} style={{ flex: '1 1 320px', minWidth: 0 }}>
          {props.savedView ? <Chip label={`view: ${props.savedView}`} onRemove={props.onUnloadSavedView} /> : null}
          {props.filters.map((filter) => (
            <Chip key={filter.key} label={filter.chip} onRemove={() => props.onRemove(filter)} />
          ))}
          {props.filters.length === 0 && !props.savedView ? (
            <Text size="sm" c="dimmed">
              All {plural} — pick filters in the sidebar
            </Text>
          ) : null}
          {props.filters.length > 1 ? (
            <Button variant="subtle" size="compact-xs" onClick={props.onClear}>
              Clear filters
            </Button>
          ) : null}
        </Group>
        {/* Wraps on narrow screens: the page adds its own controls (saved views, layout, patches, charts). */}
        <Group gap="xs" justify="flex-end" style={{ minWidth: 0 }}>
          <Text
            size="sm"
            fw={600}
            aria-live="polite"
            data-view-count
            style={{ opacity: props.counting ? 0.6 : 1, whiteSpace: 'nowrap' }}
          >
            {countText}
          </Text>
          {props.counting ? <Loader size="xs" aria-label="Counting the view" /> : null}
          <Button variant="default" size="xs" leftSection={<IconCode size={14} />} onClick={copyCode}>
            Copy as code
          </Button>
          {props.children}
        </Group>
      </Group>
      <Modal opened={showCode} onClose={() => setShowCode(false)} title="This view as SDK code" size="xl" centered>
        {copied ? (
          <Text size="sm" c="teal" mb="xs">
            Copied to the clipboard.
          </Text>
        ) : null}
        <CopyField label="TypeScript" value={code} block />
      </Modal>
    </Paper>
  );
}
