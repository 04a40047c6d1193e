// "New dataset": a unique name, the media type and an optional description; you get MANAGE on it.
import { Select, Textarea, TextInput } from '@mantine/core';
import type { Dataset, MediaType } from '@teamset/contract';
import { DATASET_NAME_MAX_LENGTH } from '@teamset/contract/constants';
import { useState } from 'react';
import { datasetsApi } from '../../api/datasets-api';
import { FormDialog } from '../../components/form-dialog';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';

const MEDIA_TYPES: Array<{ value: MediaType; label: string }> = [
  { value: 'image', label: 'Images' },
  { value: 'video', label: 'Videos' },
  { value: 'group', label: 'Groups' },
  { value: 'point-cloud', label: 'Point clouds' },
  { value: '3d', label: '3D scenes' },
];

export function CreateDatasetDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (dataset: Dataset) => void;
}) {
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [mediaType, setMediaType] = useState<MediaType>('image');
  const [description, setDescription] = useState('');

  const onSubmit = () => {
    void submit.run(async () => {
      const dataset = await datasetsApi.create({
        name: name.trim(),
        mediaType,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      notifySuccess(`Dataset “${dataset.name}” created`);
      setName('');
      setDescription('');
      onClose();
      onCreated(dataset);
    });
  };

  return (
    <FormDialog
      opened={opened}
      title="New dataset"
      onClose={onClose}
      onSubmit={onSubmit}
      submit={submit}
      submitLabel="Create dataset"
      submitDisabled={!name.trim()}
    >
      <TextInput
        label="Name"
        description="Unique on this server"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maxLength={DATASET_NAME_MAX_LENGTH}
        error={submit.fieldErrors.name}
        data-autofocus
      />
      <Select
        label="Media type"
        data={MEDIA_TYPES}
        value={mediaType}
        onChange={(v) => v && setMediaType(v as MediaType)}
        allowDeselect={false}
      />
      <Textarea
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormDialog>
  );
}
