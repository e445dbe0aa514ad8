import {
  Alert,
  Button,
  Group,
  MultiSelect,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { StoreSettings } from '../../common/protocol/settings';
import { useSettings, useUpdateSettings } from '../api/settings';
import { ErrorAlert } from '../components/error-alert';
import { PageLoader } from '../components/page-loader';
import { gridOf } from './quick-keys';
import { QuickKeysEditor } from './quick-keys-editor';
import {
  cashRoundings,
  scaleDigits,
  scalePrefixes,
  settingsBody,
  settingsToForm,
  type SettingsFormValues,
  type SettingsProblems,
} from './settings-form';

/** The store's settings the registers work with; the same as `posapp settings set`. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useSettings();
  return (
    <Stack maw={720}>
      <Title order={2}>{t('settings.title')}</Title>
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          {/* A save (or a fresh read) starts the form over from what the server kept; saving the quick keys
              leaves the form's unsaved edits alone. */}
          <SettingsForm key={formKey(settings.data.settings)} settings={settings.data.settings} />
          <QuickKeysEditor
            key={JSON.stringify(settings.data.quickKeyProducts ?? [])}
            saved={gridOf(settings.data.settings.quickKeys ?? [], settings.data.quickKeyProducts ?? [])}
          />
        </>
      )}
    </Stack>
  );
}

/** What the form shows: every setting but the quick keys, which have their own editor. */
function formKey(settings: StoreSettings): string {
  return JSON.stringify({ ...settings, quickKeys: undefined });
}

function SettingsForm({ settings }: { settings: StoreSettings }) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const messages = (problems: SettingsProblems): Record<string, string> =>
    Object.fromEntries(
      Object.entries(problems).map(([field, key]) => [field, t(`settings.problems.${key}`)]),
    );
  const form = useForm<SettingsFormValues>({
    initialValues: settingsToForm(settings),
    validate: (values) => {
      const result = settingsBody(values, settings);
      return result.ok ? {} : messages(result.problems);
    },
  });
  const submit = form.onSubmit((values) => {
    const result = settingsBody(values, settings);
    if (!result.ok) return;
    update.mutate(result.body, {
      onSuccess: () => notifications.show({ color: 'green', message: t('settings.saved') }),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Group gap="xl">
          <div>
            <Text size="xs" c="dimmed">
              {t('settings.store')}
            </Text>
            <Text fw={500} data-testid="settings-store">
              {settings.storeName}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('settings.currency')}
            </Text>
            <Text fw={500}>{settings.currency}</Text>
          </div>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('settings.vat')}
            description={t('settings.vatHint')}
            inputMode="decimal"
            rightSection="%"
            {...form.getInputProps('vat')}
          />
          <TextInput
            label={t('settings.maxDiscount')}
            description={t('settings.maxDiscountHint')}
            inputMode="decimal"
            rightSection="%"
            {...form.getInputProps('maxDiscount')}
          />
        </SimpleGrid>
        <Radio.Group
          label={t('settings.cashRounding')}
          description={t('settings.cashRoundingHint')}
          {...form.getInputProps('cashRounding')}
        >
          <Group mt="xs">
            {cashRoundings.map((value) => (
              <Radio
                key={value}
                value={value}
                label={
                  value === '0'
                    ? t('settings.roundingOff')
                    : t('settings.roundingTo', { amount: Number(value) / 100 })
                }
              />
            ))}
          </Group>
        </Radio.Group>
        <TextInput
          label={t('settings.receiptHeader')}
          description={t('settings.receiptHeaderHint')}
          maxLength={500}
          {...form.getInputProps('receiptHeader')}
        />
        <Title order={4}>{t('settings.seller')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.sellerHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('settings.legalName')} maxLength={191} {...form.getInputProps('legalName')} />
          <TextInput
            label={t('settings.stir')}
            description={t('settings.stirHint')}
            inputMode="numeric"
            maxLength={11}
            {...form.getInputProps('stir')}
          />
        </SimpleGrid>
        <TextInput label={t('settings.address')} maxLength={300} {...form.getInputProps('address')} />
        <Switch
          label={t('settings.fiscalDataRequired')}
          description={t('settings.fiscalDataRequiredHint')}
          {...form.getInputProps('fiscalDataRequired', { type: 'checkbox' })}
        />
        <TextInput
          label={t('settings.registerKeepDays')}
          description={t('settings.registerKeepDaysHint')}
          inputMode="numeric"
          maxLength={4}
          rightSection={t('settings.days')}
          rightSectionWidth={60}
          {...form.getInputProps('registerKeepDays')}
        />
        <Switch
          label={t('settings.scale')}
          description={t('settings.scaleHint')}
          {...form.getInputProps('scaleOn', { type: 'checkbox' })}
        />
        {form.values.scaleOn && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <MultiSelect
              label={t('settings.scalePrefixes')}
              data={[...scalePrefixes]}
              {...form.getInputProps('scalePrefixes')}
            />
            <Radio.Group label={t('settings.scaleDigits')} {...form.getInputProps('scaleDigits')}>
              <Group mt="xs">
                {scaleDigits.map((value) => (
                  <Radio key={value} value={value} label={value} />
                ))}
              </Group>
            </Radio.Group>
            <Radio.Group label={t('settings.scaleValue')} {...form.getInputProps('scaleValue')}>
              <Group mt="xs">
                <Radio value="weight" label={t('settings.scaleWeight')} />
                <Radio value="price" label={t('settings.scalePrice')} />
              </Group>
            </Radio.Group>
          </SimpleGrid>
        )}
        <Alert color="blue" variant="light">
          {t('settings.syncNote')}
        </Alert>
        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
