import { useState } from 'react';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  ScrollArea,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { importCsvHeader, type ImportResponse } from '../../common/protocol/catalog';
import { useImportCsv } from '../api/import';
import { ErrorAlert } from '../components/error-alert';

/** A table of 100k rejected lines would hang the page; the counts above it are always complete. */
const SHOWN_REJECTED = 1000;

export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('csvImport.title')} size="xl">
      {opened && <ImportForm onClose={onClose} />}
    </Modal>
  );
}

function ImportForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const mutation = useImportCsv(setProgress);

  const again = () => {
    mutation.reset();
    setFile(null);
    setProgress(0);
  };

  return (
    <Stack>
      <Text size="sm">{t('csvImport.help', { header: importCsvHeader.join(',') })}</Text>
      {mutation.isSuccess ? (
        <ImportResult result={mutation.data} />
      ) : (
        <FileInput
          label={t('csvImport.file')}
          placeholder={t('csvImport.pick')}
          accept=".csv,text/csv,text/plain"
          value={file}
          onChange={setFile}
          disabled={mutation.isPending}
          clearable
        />
      )}
      {(mutation.isPending || mutation.isSuccess) && (
        <Progress
          value={progress * 100}
          size="lg"
          animated={mutation.isPending}
          data-testid="import-progress"
        />
      )}
      <ErrorAlert error={mutation.error} />
      {mutation.isError && (
        <Text size="sm" c="dimmed">
          {t('csvImport.failedHint')}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
          {t('csvImport.close')}
        </Button>
        {mutation.isSuccess || mutation.isError ? (
          <Button variant="light" onClick={again}>
            {t('csvImport.another')}
          </Button>
        ) : (
          <Button onClick={() => file && mutation.mutate(file)} disabled={!file} loading={mutation.isPending}>
            {t('csvImport.start')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function ImportResult({ result }: { result: ImportResponse }) {
  const { t } = useTranslation();
  const { rejected } = result;
  return (
    <Stack gap="xs" data-testid="import-result">
      <Alert color={rejected.length > 0 ? 'yellow' : 'green'} title={t('csvImport.done')}>
        <Group gap="lg">
          <Text data-testid="import-imported">{t('csvImport.imported', { count: result.imported })}</Text>
          <Text data-testid="import-updated">{t('csvImport.updated', { count: result.updated })}</Text>
          <Text data-testid="import-unchanged">{t('csvImport.unchanged', { count: result.unchanged })}</Text>
          <Text data-testid="import-rejected">{t('csvImport.rejected', { count: rejected.length })}</Text>
        </Group>
      </Alert>
      {rejected.length > 0 && (
        <ScrollArea.Autosize mah={300}>
          <Table striped verticalSpacing={4} data-testid="rejected-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>{t('csvImport.line')}</Table.Th>
                <Table.Th>{t('csvImport.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rejected.slice(0, SHOWN_REJECTED).map(({ line, reason }) => (
                <Table.Tr key={line} data-testid={`rejected-${line}`}>
                  <Table.Td>{line}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {rejected.length > SHOWN_REJECTED && (
        <Text size="sm" c="dimmed">
          {t('csvImport.firstRows', { count: SHOWN_REJECTED })}
        </Text>
      )}
    </Stack>
  );
}
