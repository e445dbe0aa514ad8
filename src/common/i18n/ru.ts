import type { uz } from './uz.js';

export const ru: Record<keyof typeof uz, string> = {
  VALIDATION_FAILED: 'Неверные данные: {field} — {reason}',
  MALFORMED_JSON: 'Тело запроса не является корректным JSON.',
  UNAUTHENTICATED: 'Сначала войдите в систему.',
  SESSION_EXPIRED: 'Сессия истекла. Войдите снова.',
  INVALID_CREDENTIALS: 'Неверный email или пароль.',
  INVALID_DEVICE_KEY: 'Неверный ключ кассы.',
  INVALID_DEVICE_TOKEN: 'Токен кассы недействителен. Активируйте кассу заново.',
  DEVICE_LIMIT_REACHED: 'Лимит касс исчерпан. Купите дополнительную кассу.',
  FORBIDDEN: 'Недостаточно прав для этого действия.',
  DEVICE_REVOKED: 'Эта касса отключена.',
  NOT_FOUND: 'Не найдено.',
  EMAIL_TAKEN: 'Этот email уже зарегистрирован.',
  DEVICE_KEY_USED: 'Этот ключ кассы уже использован.',
  DEVICE_NAME_TAKEN: 'Касса с таким именем уже есть.',
  MAX_DEVICES_BELOW_USED: 'Используется касс: {used}; лимит не может быть меньше.',
  DEVICE_HAS_UNSENT_EVENTS:
    'На кассе {count} неотправленных событий. Сначала синхронизируйте или используйте --force.',
  SKU_TAKEN: 'Артикул {sku} уже есть у другого товара.',
  BARCODE_TAKEN: 'Штрихкод {barcode} уже принадлежит другому товару.',
  UNKNOWN_PRODUCT: 'Товар не найден: {ref}',
  NOT_A_CASHIER: 'PIN-код задаётся только кассирам.',
  CANNOT_DISABLE_OWNER: 'Владельца магазина нельзя отключить.',
  PAYLOAD_TOO_LARGE: 'Слишком большой запрос.',
  RATE_LIMITED: 'Слишком много попыток. Повторите позже.',
  INTERNAL: 'Внутренняя ошибка сервера.',
  SERVER_UNREACHABLE: 'Сервер недоступен: {url}',
  NOT_LOGGED_IN: 'Сначала войдите: posapp login --server <url> --email <email>',
  DEVICE_NOT_FOUND: 'Касса с именем или id «{device}» не найдена.',
  REGISTER_NOT_ACTIVATED:
    'В этой папке нет активированной кассы: {dataDir}. Сначала выполните pos-activate <ключ> --server <url>.',
  REGISTER_HAS_UNSENT_EVENTS:
    'На кассе в этой папке {count} неотправленных событий: {dataDir}. Сначала синхронизируйте или выберите другую папку.',
  BAD_SERVER_RESPONSE: 'Сервер вернул неожиданный ответ ({status}): {url}',
};
