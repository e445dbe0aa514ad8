import {
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
  Alert,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { loginBody, type LoginBody } from '../../common/protocol/auth';
import { useLogin, useSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { LanguageSwitch } from '../components/language-switch';
import { validateWith } from '../form-validation';
import type { LoginState } from '../layout/session-gate';

export function LoginScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const session = useSession();
  const login = useLogin();
  const form = useForm<LoginBody>({
    initialValues: { email: '', password: '' },
    validate: validateWith<LoginBody>(loginBody, t('errors.invalid')),
  });

  if (session.data?.user) return <Navigate to={state.from ?? '/'} replace />;

  const submit = form.onSubmit((values) =>
    login.mutate(values, { onSuccess: () => void navigate(state.from ?? '/', { replace: true }) }),
  );
  // The "session expired" note stays until the next attempt, so it never sits beside a newer error.
  const notice = login.isIdle ? state.notice : undefined;

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={380}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={3}>{t('app.title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('app.subtitle')}
                </Text>
              </div>
              <LanguageSwitch />
            </Group>
            <Title order={4}>{t('login.title')}</Title>
            {notice && (
              <Alert color="yellow" data-testid="notice">
                {notice}
              </Alert>
            )}
            <ErrorAlert error={login.error} />
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
