import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert';

interface ModalActionsProps {
  /** The failed call to show above the buttons, if any. */
  error: Error | null;
  pending: boolean;
  onCancel: () => void;
  /** Defaults to "Save". */
  label?: string;
  /** A confirmation (revoke, disable, take off sale) rather than a form's submit button. */
  onConfirm?: () => void;
}

/** The foot of every dialog: what went wrong, then Cancel and the dialog's own action, red when it confirms. */
export function ModalActions({ error, pending, onCancel, label, onConfirm }: ModalActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        {onConfirm ? (
          <Button color="red" onClick={onConfirm} loading={pending}>
            {label}
          </Button>
        ) : (
          <Button type="submit" loading={pending}>
            {label ?? t('common.save')}
          </Button>
        )}
      </Group>
    </>
  );
}
