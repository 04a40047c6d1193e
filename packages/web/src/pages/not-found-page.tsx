// A path that is no page of the app.
import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../hooks/use-page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Alert color="gray" title="Page not found">
      There is no page at this address. Go to{' '}
      <Anchor component={Link} to="/datasets">
        your datasets
      </Anchor>
      .
    </Alert>
  );
}
