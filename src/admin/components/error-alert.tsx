import { Alert } from '@mantine/core';

/** Shows a failed call's message as the server wrote it (already in the panel's language). */
export function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" data-testid="error">
      {error.message}
    </Alert>
  );
}
