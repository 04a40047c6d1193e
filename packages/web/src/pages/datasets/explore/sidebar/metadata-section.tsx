// The sidebar's last section: the built-in metadata's attributes (width, height, size, channels, MIME type), collapsed until asked for, as counting them reads every sample.
import { Alert, Group, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useId } from 'react';
import { FieldFilters, type FilterControls } from './field-filters';
import type { MetadataSectionState } from './use-metadata-section';

export interface MetadataSectionProps {
  state: MetadataSectionState;
  controls: FilterControls;
}

export function MetadataSection({ state, controls }: MetadataSectionProps) {
  const { open, base, filtered } = state;
  const contentId = useId();
  const stale = base.loading || filtered.loading;
  const Chevron = open ? IconChevronDown : IconChevronRight;
  return (
    <Stack gap="xs" component="section" aria-label="Metadata">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <UnstyledButton
          aria-expanded={open}
          aria-controls={contentId}
          onClick={() => state.onOpenChange(!open)}
          style={{ display: 'flex', alignItems: 'center', gap: 4 }}
        >
          <Chevron size={14} aria-hidden />
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" span>
            Metadata
          </Text>
        </UnstyledButton>
        {open && stale ? <Loader size="xs" aria-label="Updating metadata counts" /> : null}
      </Group>
      {open ? (
        <Stack gap="md" id={contentId}>
          {base.error || filtered.error ? (
            <Alert color="red" p="xs">
              Could not count the metadata of this view; the numbers shown may be out of date.
            </Alert>
          ) : null}
          {base.facets || base.error ? null : (
            <Text size="xs" c="dimmed">
              Counting…
            </Text>
          )}
          <FieldFilters
            group={state.group}
            base={base.facets}
            filtered={filtered === base ? undefined : filtered.facets}
            stale={stale}
            controls={controls}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}
