/** Display formats of the panel, the same in every language: `12 500 so'm`, `dd.mm.yyyy`. */

const pad = (n: number) => String(n).padStart(2, '0');

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const currencyLabels: Record<string, string> = { UZS: "so'm" };

/** Money arrives in minor units (1 so'm = 100 tiyin); tiyin are shown only when there are any. */
export function formatMoney(minor: number, currency = 'UZS'): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = groupThousands(String(Math.floor(abs / 100)));
  const cents = abs % 100;
  const amount = cents === 0 ? whole : `${whole},${pad(cents)}`;
  return `${sign}${amount} ${currencyLabels[currency] ?? currency}`;
}

/** Local date of an ISO timestamp as dd.mm.yyyy; null stays null so callers choose the placeholder. */
export function formatDate(iso: string | null): string | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
}

export function formatDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return `${formatDate(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
