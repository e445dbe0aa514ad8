import { Modal, NativeSelect, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { units, type Product } from '../../common/protocol/catalog';
import { isServerError } from '../../common/http';
import { useCreateProduct, useUpdateProduct } from '../api/catalog';
import { ModalActions } from '../components/modal-actions';
import {
  emptyProductForm,
  fieldOfServerError,
  productBody,
  productToForm,
  type ProductFormValues,
  type ProductProblems,
} from './product-form';

/** `null`: closed; `'new'`: an empty form; a product: its edit form. */
export type Editing = Product | 'new' | null;

export function ProductModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useTranslation();
  const title =
    editing === 'new'
      ? t('catalog.createTitle')
      : editing
        ? t('catalog.editTitle', { name: editing.name })
        : '';
  return (
    <Modal opened={editing !== null} onClose={onClose} title={title} size="lg">
      {/* Keyed, so each opening starts from the product as it is now and without an old error. */}
      {editing && (
        <ProductForm
          key={editing === 'new' ? 'new' : editing.id}
          product={editing === 'new' ? null : editing}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function ProductForm({ product, onDone }: { product: Product | null; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const mutation = product ? update : create;
  const mode = product ? 'edit' : 'create';

  const messages = (problems: ProductProblems): Record<string, string> =>
    Object.fromEntries(
      Object.entries(problems).map(([field, problem]) => [
        field,
        t(`problems.${problem.key}`, problem.params),
      ]),
    );

  const form = useForm<ProductFormValues>({
    initialValues: product ? productToForm(product) : emptyProductForm,
    validate: (values) => {
      const result = mode === 'edit' ? productBody(values, 'edit') : productBody(values, 'create');
      return result.ok ? {} : messages(result.problems);
    },
  });

  const onError = (error: Error) => {
    const field = isServerError(error) ? fieldOfServerError(error.code) : null;
    if (field) form.setFieldError(field, error.message);
  };
  const onSaved = ({ product: saved }: { product: Product }) => {
    notifications.show({
      color: 'green',
      message: t(product ? 'catalog.saved' : 'catalog.created', { name: saved.name }),
    });
    onDone();
  };

  const submit = form.onSubmit((values) => {
    if (product) {
      const result = productBody(values, 'edit');
      if (result.ok) update.mutate({ id: product.id, body: result.body }, { onSuccess: onSaved, onError });
    } else {
      const result = productBody(values, 'create');
      if (result.ok) create.mutate(result.body, { onSuccess: onSaved, onError });
    }
  });

  // A refusal shown under its field is not repeated above the buttons.
  const shownError =
    mutation.error && !(isServerError(mutation.error) && fieldOfServerError(mutation.error.code))
      ? mutation.error
      : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('catalog.sku')} required data-autofocus {...form.getInputProps('sku')} />
          <TextInput label={t('catalog.name')} required {...form.getInputProps('name')} />
          <TextInput
            label={t('catalog.priceLabel')}
            required
            inputMode="decimal"
            {...form.getInputProps('price')}
          />
          <NativeSelect
            label={t('catalog.unit')}
            data={units.map((unit) => ({ value: unit, label: t(`units.${unit}`) }))}
            {...form.getInputProps('unit')}
          />
          <TextInput
            label={t('catalog.vatLabel')}
            description={t('catalog.vatHint')}
            inputMode="decimal"
            {...form.getInputProps('vat')}
          />
          <TextInput label={t('catalog.mxik')} inputMode="numeric" {...form.getInputProps('mxik')} />
        </SimpleGrid>
        <TagsInput
          label={t('catalog.barcodes')}
          description={t('catalog.barcodesHint')}
          splitChars={[',', ' ', '|']}
          clearable
          {...form.getInputProps('barcodes')}
        />
        <Switch label={t('catalog.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <ModalActions error={shownError} pending={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
