// Your display name, saved with PATCH /account.
import { Button, Group, TextInput } from '@mantine/core';
import { PERSON_NAME_MAX_LENGTH } from '@teamset/contract/constants';
import { useState, type FormEvent } from 'react';
import { accountApi } from '../../api/account-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { useCurrentUser, useSession } from '../../session/session-context';

export function ProfileForm() {
  const user = useCurrentUser();
  const { setUser } = useSession();
  const submit = useSubmit();
  const [name, setName] = useState(user.name);
  const changed = name.trim() !== user.name && name.trim().length > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      setUser(await accountApi.update({ name: name.trim() }));
      notifySuccess('Your name was saved');
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={PERSON_NAME_MAX_LENGTH}
          error={submit.fieldErrors.name}
          style={{ flex: 1 }}
          autoComplete="name"
        />
        <Button type="submit" loading={submit.busy} disabled={!changed}>
          Save name
        </Button>
      </Group>
      <FormError message={submit.error} />
    </form>
  );
}
