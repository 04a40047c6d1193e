// Basic info: name (MANAGE to rename), description and tags (EDIT); read-only, with the reason, below that.
import { Button, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import type { Dataset, UpdateDatasetBody } from '@teamset/contract';
import { useState, type FormEvent } from 'react';
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

  return (
    <Panel title="Basic info">
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={640}>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            disabled={!canRename}
            description={
              canRename ? 'Renaming changes the name the SDK uses to load it' : 'Renaming needs Manage permission'
            }
            error={submit.fieldErrors.name}
            maxLength={DATASET_NAME_MAX_LENGTH}
          />
          <Textarea
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            disabled={!canEdit}
            description={canEdit ? undefined : 'Editing needs Edit permission'}
            autosize
            minRows={2}
            error={submit.fieldErrors.description}
          />
          <TagsInput
            label="Tags"
            value={tags}
            onChange={setTags}
            disabled={!canEdit}
            description={canEdit ? 'Press Enter after each tag' : 'Editing needs Edit permission'}
            clearable
          />
          <Text size="xs" c="dimmed">
            Created {formatDateTime(dataset.createdAt)} · last changed {formatDateTime(dataset.lastModifiedAt)}
          </Text>
          <FormError message={submit.error} />
          {canEdit ? (
            <Button
              type="submit"
              loading={submit.busy}
              disabled={!changed || !name.trim()}
              style={{ alignSelf: 'flex-start' }}
            >
              Save changes
            </Button>
          ) : null}
        </Stack>
      </form>
    </Panel>
  );
}
