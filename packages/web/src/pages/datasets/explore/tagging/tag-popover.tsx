// The Tag button over the grid: tag or untag the selected samples (or their labels in the visible fields), with the tags they have and their counts.
import {
  ActionIcon,
  Button,
  Group,
  Loader,
  Popover,
  Progress,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { Stage, TagProgressResult } from '@teamset/contract';
import { IconTag, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { messageOf } from '../../../../api/api-error';
import { tagsApi } from '../../../../api/tags-api';
import { notifyError, notifySuccess } from '../../../../lib/notify';
import { describeSelection, selectionStages, type GridSelection } from '../grid/grid-selection';
import { describeProgress, runTagging } from './tag-progress';

interface TagPopoverProps {
  dataset: string;
  stages: readonly Stage[];
  selection: GridSelection;
  labelFields: readonly string[];
  /** Bumped after writes from elsewhere, so the counts are read again. */
  revision: number;
  onChanged(): void;
}

type Target = 'samples' | 'labels';

interface Running {
  verb: 'Tagging' | 'Untagging';
  progress?: TagProgressResult;
}

export function TagPopover({ dataset, stages, selection, labelFields, revision, onChanged }: TagPopoverProps) {
  const [opened, setOpened] = useState(false);
  const [target, setTarget] = useState<Target>('samples');
  const [text, setText] = useState('');
  const [counts, setCounts] = useState<Record<string, number> | undefined>(undefined);
  const [countError, setCountError] = useState<string | undefined>(undefined);
  const [running, setRunning] = useState<Running | undefined>(undefined);
  const [written, setWritten] = useState(0);
  const empty = selection.kind === 'ids' && selection.ids.size === 0;
  const onLabels = target === 'labels' && labelFields.length > 0;
  const view = { stages: selectionStages(stages, selection) };
  const viewJson = JSON.stringify(view);
  const scope = onLabels ? { labelFields: [...labelFields] } : {};
  const scopeJson = JSON.stringify(scope);

  useEffect(() => {
    if (!opened || empty) return;
    let current = true;
    setCounts(undefined);
    setCountError(undefined);
    tagsApi
      .count(dataset, { view: JSON.parse(viewJson) as typeof view, ...(JSON.parse(scopeJson) as typeof scope) })
      .then(
        (answer) => current && setCounts(answer.counts),
        (error: unknown) => current && setCountError(messageOf(error)),
      );
    return () => {
      current = false;
    };
    // The JSON texts stand for the view and scope: a new array with the same stages must not reload.
  }, [opened, empty, dataset, viewJson, scopeJson, revision, written]);

  const apply = async (add: boolean, tags: string[]) => {
    const verb = add ? 'Tagging' : 'Untagging';
    setRunning({ verb });
    try {
      const updated = await runTagging(dataset, add, { view, tags, ...scope }, (progress) =>
        setRunning({ verb, progress }),
      );
      const what = onLabels ? 'labels of' : '';
      notifySuccess(
        `${add ? 'Tagged' : 'Untagged'} ${what} ${updated.toLocaleString('en-US')} ${updated === 1 ? 'sample' : 'samples'}`.replace(
          /\s+/g,
          ' ',
        ),
      );
      if (add) setText('');
      setWritten((n) => n + 1);
      onChanged();
    } catch (error) {
      notifyError(error, add ? 'Could not tag' : 'Could not remove the tag');
    } finally {
      setRunning(undefined);
    }
  };

  const newTags = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const sorted = Object.entries(counts ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={320} withArrow shadow="md" trapFocus>
      <Popover.Target>
        {empty ? (
          <Tooltip
            label="Select samples first (tick a tile, or Select all in view)"
            events={{ hover: true, focus: true, touch: true }}
          >
            <Button
              size="xs"
              variant="default"
              leftSection={<IconTag size={14} />}
              data-disabled
              aria-disabled
              onClick={(e) => e.preventDefault()}
            >
              Tag
            </Button>
          </Tooltip>
        ) : (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconTag size={14} />}
            onClick={() => setOpened((o) => !o)}
            aria-expanded={opened}
          >
            Tag
          </Button>
        )}
      </Popover.Target>
      <Popover.Dropdown data-tag-popover>
        <Stack gap="sm">
          <Text size="sm">
            Tags of {describeSelection(selection, undefined)}
            {onLabels ? ` — their labels in ${labelFields.join(', ')}` : ''}
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Tag what"
            value={target}
            onChange={(value) => setTarget(value as Target)}
            data={[
              { value: 'samples', label: 'Samples' },
              { value: 'labels', label: 'Labels', disabled: labelFields.length === 0 },
            ]}
          />
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (newTags.length > 0 && !running) void apply(true, newTags);
            }}
          >
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                size="xs"
                label="Add tags"
                description="Comma-separated"
                placeholder="reviewed, hard"
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                style={{ flex: 1 }}
                maxLength={500}
              />
              <Button size="xs" type="submit" disabled={newTags.length === 0 || running !== undefined}>
                Add
              </Button>
            </Group>
          </form>
          {running ? (
            <Stack gap={4} aria-live="polite">
              <Text size="xs">{describeProgress(running.verb, running.progress)}</Text>
              <Progress
                aria-label="Tagging progress"
                value={
                  running.progress && running.progress.total > 0
                    ? (running.progress.done / running.progress.total) * 100
                    : 100
                }
                animated={!running.progress || running.progress.total === 0}
                striped={!running.progress || running.progress.total === 0}
              />
            </Stack>
          ) : null}
          <Text size="xs" fw={600}>
            Tags in the selection
          </Text>
          {countError ? (
            <Text size="xs" c="red.8">
              {countError}
            </Text>
          ) : counts === undefined ? (
            <Loader size="xs" aria-label="Loading tag counts" />
          ) : sorted.length === 0 ? (
            <Text size="xs" c="gray.7">
              No tags yet.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={200}>
              <Stack gap={2} role="list" aria-label="Tags in the selection">
                {sorted.map(([tag, count]) => (
                  <Group key={tag} gap="xs" justify="space-between" wrap="nowrap" role="listitem">
                    <Text size="sm" truncate>
                      {tag}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      <Text size="xs" c="gray.7" data-tag-count={tag}>
                        {count.toLocaleString('en-US')}
                      </Text>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove tag ${tag}`}
                        disabled={running !== undefined}
                        onClick={() => void apply(false, [tag])}
                      >
                        <IconX size={14} />
                      </ActionIcon>
                    </Group>
                  </Group>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
