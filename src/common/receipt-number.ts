/**
 * Receipt numbers start with the register's name, reduced to what a receipt number allows (`Kassa 3` →
 * `KASSA-3`), then the sequence padded to six digits: `KASSA-3-000123`. The server uses it to find a sale
 * by the digits a cashier reads off a receipt of another register.
 */
export function receiptPrefix(deviceName: string): string {
  return (
    deviceName
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'POS'
  );
}

/** `POS-02` and 123 → `POS-02-000123`. */
export function saleReceiptNo(deviceName: string, seq: number): string {
  return `${receiptPrefix(deviceName)}-${String(seq).padStart(6, '0')}`;
}
