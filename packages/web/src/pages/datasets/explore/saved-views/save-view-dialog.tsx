// Save the current view under a new name, with an optional description (EDIT).
import { TextInput, Textarea } from '@mantine/core';
import type { SavedView, Stage } from '@teamset/contract';
import { useEffect, useState } from 'react';
import { savedViewsApi } from '../../../../api/saved-views-api';
import { FormDialog } from '../../../../components/form-dialog';
import { useSubmit } from '../../../../hooks/use-submit';

export interface SaveViewDialogProps {
  opened: boolean;
  dataset: string;
  stages: readonly Stage[];
  onClose(): void;
  onSaved(view: SavedView): void;
}

export function SaveViewDialog({ opened, dataset, stages, onClose, onSaved }: SaveViewDialogProps) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = useSubmit();
  const { clear } = submit;
  useEffect(() => {
    if (!opened) return;
    setName('');
    setDescription('');
    clear();
  }, [opened, clear]);
  const save = () =>
    void submit.run(async () => {
      // No `overwrite`: a name that exists is refused (409) rather than replacing a colleague's view.
      const saved = await savedViewsApi.save(dataset, name.trim(), {
        view: { stages: [...stages] },
        description: description.trim() || null,
      });
      onSaved(saved);
    });
  return (
    <FormDialog
      opened={opened}
      title="Save view"
      onClose={onClose}
      onSubmit={save}
      submit={submit}
      submitLabel="Save view"
      submitDisabled={name.trim() === ''}
    >
      <TextInput
        label="Name"
        required
        data-autofocus
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={submit.fieldErrors.name}
        maxLength={200}
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
