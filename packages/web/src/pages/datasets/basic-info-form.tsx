// Basic info: name (MANAGE to rename), description and tags (EDIT); below that, plain text with the reason, not a greyed form.
import { Badge, Button, Group, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import type { Dataset, UpdateDatasetBody } from '@teamset/contract';
import { useState, type FormEvent, type ReactNode } from 'react';
import { datasetsApi } from '../../api/datasets-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { DATASET_NAME_MAX_LENGTH, permissionAtLeast } from '@teamset/contract/constants';
import { Panel } from '../../components/panel';

export function BasicInfoForm({ dataset, onSaved }: { dataset: Dataset; onSaved: (next: Dataset) => void }) {
  const submit = useSubmit();
  const canEdit = permissionAtLeast(dataset.permission, 'EDIT');
  const canRename = permissionAtLeast(dataset.permission, 'MANAGE');
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description ?? '');
  const [tags, setTags] = useState<string[]>(dataset.tags);

  const changes: UpdateDatasetBody = {};
  if (name.trim() !== dataset.name) changes.name = name.trim();
  if (description.trim() !== (dataset.description ?? '')) changes.description = description.trim() || null;
  if (JSON.stringify(tags) !== JSON.stringify(dataset.tags)) changes.tags = tags;
  const changed = Object.keys(changes).length > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const next = await datasetsApi.update(dataset.name, changes);
      notifySuccess('Dataset saved');
      onSaved(next);
    });
  };

  const dates = (
    <Text size="xs" c="dimmed">
      Created {formatDateTime(dataset.createdAt)} · last changed {formatDateTime(dataset.lastModifiedAt)}
    </Text>
  );

  if (!canEdit) {
    return (
      <Panel title="Basic info" description="Changing these needs Edit permission on the dataset (renaming: Manage).">
        <Stack maw={640} gap="sm">
          <ReadOnlyField label="Name">{dataset.name}</ReadOnlyField>
          <ReadOnlyField label="Description">{dataset.description ?? 'No description'}</ReadOnlyField>
          <ReadOnlyField label="Tags">
            {dataset.tags.length > 0 ? (
              <Group gap={6}>
                {dataset.tags.map((tag) => (
                  <Badge key={tag} variant="light" color="gray">
                    {tag}
                  </Badge>
                ))}
              </Group>
            ) : (
              'No tags'
            )}
          </ReadOnlyField>
          {dates}
        </Stack>
      </Panel>
    );
  }

  return (
    <Panel title="Basic info">
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={640}>
          {canRename ? (
            <TextInput
              label="Name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              description="Renaming changes the name the SDK uses to load it"
              error={submit.fieldErrors.name}
              maxLength={DATASET_NAME_MAX_LENGTH}
            />
          ) : (
            <ReadOnlyField label="Name" note="Renaming needs Manage permission">
              {dataset.name}
            </ReadOnlyField>
          )}
          <Textarea
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
            error={submit.fieldErrors.description}
          />
          <TagsInput label="Tags" value={tags} onChange={setTags} description="Press Enter after each tag" clearable />
          {dates}
          <FormError message={submit.error} />
          <Button
            type="submit"
            loading={submit.busy}
            disabled={!changed || !name.trim()}
            style={{ alignSelf: 'flex-start' }}
          >
            Save changes
          </Button>
        </Stack>
      </form>
    </Panel>
  );
}

/** A value the viewer may read but not change: a label over plain text. */
function ReadOnlyField({ label, note, children }: { label: string; note?: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {note ? (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      ) : null}
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
