/** Uzbek (Latin), the default language. Every key here must exist in ru.ts and en.ts. */
export const uz = {
  VALIDATION_FAILED: 'Ma’lumot noto‘g‘ri: {field} — {reason}',
  MALFORMED_JSON: 'So‘rov tanasi yaroqli JSON emas.',
  UNAUTHENTICATED: 'Avval tizimga kiring.',
  SESSION_EXPIRED: 'Sessiya tugagan. Qaytadan kiring.',
  INVALID_CREDENTIALS: 'Email yoki parol noto‘g‘ri.',
  INVALID_DEVICE_KEY: 'Kassa kaliti noto‘g‘ri.',
  INVALID_DEVICE_TOKEN: 'Kassa tokeni yaroqsiz. Kassani qayta faollashtiring.',
  DEVICE_LIMIT_REACHED: 'Kassa limiti tugadi. Qo‘shimcha kassa sotib oling.',
  FORBIDDEN: 'Bu amal uchun huquqingiz yo‘q.',
  DEVICE_REVOKED: 'Bu kassa bekor qilingan.',
  NOT_FOUND: 'Topilmadi.',
  EMAIL_TAKEN: 'Bu email allaqachon ro‘yxatdan o‘tgan.',
  DEVICE_KEY_USED: 'Bu kassa kaliti allaqachon ishlatilgan.',
  DEVICE_NAME_TAKEN: 'Bu nomli kassa allaqachon bor.',
  MAX_DEVICES_BELOW_USED: 'Kassalar soni {used} ta, limitni undan kam qilib bo‘lmaydi.',
  DEVICE_HAS_UNSENT_EVENTS:
    'Kassada yuborilmagan {count} ta hodisa bor. Avval sinxronlang yoki --force bilan bajaring.',
  PAYLOAD_TOO_LARGE: 'So‘rov juda katta.',
  RATE_LIMITED: 'Urinishlar juda ko‘p. Birozdan keyin qayta urinib ko‘ring.',
  INTERNAL: 'Serverda ichki xato yuz berdi.',
  SERVER_UNREACHABLE: 'Serverga ulanib bo‘lmadi: {url}',
  NOT_LOGGED_IN: 'Avval tizimga kiring: posapp login --server <url> --email <email>',
  DEVICE_NOT_FOUND: '“{device}” nomli yoki id’li kassa topilmadi.',
  REGISTER_NOT_ACTIVATED:
    'Bu papkada faollashtirilgan kassa yo‘q: {dataDir}. Avval pos-activate <kalit> --server <url> ni bajaring.',
  REGISTER_HAS_UNSENT_EVENTS:
    'Bu papkadagi kassada yuborilmagan {count} ta hodisa bor: {dataDir}. Avval sinxronlang yoki boshqa papkani tanlang.',
  BAD_SERVER_RESPONSE: 'Server kutilmagan javob qaytardi ({status}): {url}',
} as const;
