import { Alert } from '@mantine/core';
import { errorText } from '../api/client';

/** Shows a failed call's message: the server's as sent (already in the panel's language), or the panel's own. */
export function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" data-testid="error">
      {errorText(error)}
    </Alert>
  );
}
