/** GS1 check digit of the digits before it (EAN-8, UPC-A, EAN-13 share the rule). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d+$/.test(code) || code.length < 2) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/**
 * EAN-13, EAN-8 and UPC-A (all digits, length 13/8/12) must carry a valid check digit. Anything else of
 * 1–32 letters, digits or dashes is an internal code printed by the shop, taken as it is.
 */
export function barcodeProblem(code: string): string | null {
  if (/^\d+$/.test(code) && [8, 12, 13].includes(code.length)) {
    return hasValidCheckDigit(code) ? null : 'wrong check digit';
  }
  if (/^[A-Za-z0-9-]{1,32}$/.test(code)) return null;
  return 'not a barcode';
}

/** Completes a 12-digit body into an EAN-13 (used by generators and scale labels). */
export function ean13(body12: string): string {
  return body12 + String(gs1CheckDigit(body12));
}
