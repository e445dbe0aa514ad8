import { ean13 } from '../../common/barcode.js';
import type { Unit } from '../../common/protocol/catalog.js';

export interface GeneratedProduct {
  sku: string;
  name: string;
  barcodes: string[];
  /** Minor units (tiyin). */
  price: number;
  unit: Unit;
  vatRate: number;
  mxik: string | null;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same catalog on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Kind {
  name: string;
  unit: Unit;
  /** Price range in whole so‘m. */
  min: number;
  max: number;
  sizes: string[];
  /** VAT-exempt goods (bread, some staples) carry 0. */
  vat?: number;
  mxik: string;
}

// MXIK group prefixes are illustrative 17-digit codes per kind of goods.
const kinds: Kind[] = [
  {
    name: 'Non',
    unit: 'pcs',
    min: 3000,
    max: 6000,
    sizes: ['', 'patir', 'obi non'],
    vat: 0,
    mxik: '10711001001000000',
  },
  {
    name: 'Sut',
    unit: 'pcs',
    min: 9000,
    max: 16000,
    sizes: ['0,5 l', '1 l', '2,5%', '3,2%'],
    mxik: '10511001001000000',
  },
  { name: 'Qatiq', unit: 'pcs', min: 8000, max: 14000, sizes: ['0,5 l', '1 l'], mxik: '10512001001000000' },
  { name: 'Suzma', unit: 'kg', min: 30000, max: 45000, sizes: [''], mxik: '10513001001000000' },
  {
    name: 'Pishloq',
    unit: 'kg',
    min: 80000,
    max: 160000,
    sizes: ['Gollandiya', 'Rossiya', 'brinza'],
    mxik: '10514001001000000',
  },
  {
    name: 'Guruch',
    unit: 'kg',
    min: 16000,
    max: 32000,
    sizes: ['Lazer', 'Devzira', 'Alanga'],
    mxik: '10611001001000000',
  },
  { name: 'Shakar', unit: 'kg', min: 11000, max: 15000, sizes: [''], mxik: '10811001001000000' },
  {
    name: 'Un',
    unit: 'pcs',
    min: 35000,
    max: 70000,
    sizes: ['5 kg', '10 kg', 'oliy nav 2 kg'],
    mxik: '10612001001000000',
  },
  {
    name: 'Kungaboqar yog‘i',
    unit: 'pcs',
    min: 18000,
    max: 40000,
    sizes: ['1 l', '2 l', '5 l'],
    mxik: '10411001001000000',
  },
  {
    name: 'Choy',
    unit: 'pcs',
    min: 9000,
    max: 45000,
    sizes: ['ko‘k 100 g', 'qora 100 g', 'paketli 25 dona'],
    mxik: '10831001001000000',
  },
  {
    name: 'Qahva',
    unit: 'pcs',
    min: 25000,
    max: 120000,
    sizes: ['eriydigan 95 g', 'donador 250 g'],
    mxik: '10832001001000000',
  },
  {
    name: 'Olma',
    unit: 'kg',
    min: 9000,
    max: 20000,
    sizes: ['Semerenko', 'qizil', 'yashil'],
    vat: 0,
    mxik: '01241001001000000',
  },
  {
    name: 'O‘rik',
    unit: 'kg',
    min: 15000,
    max: 40000,
    sizes: ['quritilgan', 'yangi'],
    vat: 0,
    mxik: '01242001001000000',
  },
  { name: 'Pomidor', unit: 'kg', min: 8000, max: 25000, sizes: [''], vat: 0, mxik: '01131001001000000' },
  { name: 'Bodring', unit: 'kg', min: 6000, max: 20000, sizes: [''], vat: 0, mxik: '01132001001000000' },
  { name: 'Kartoshka', unit: 'kg', min: 4000, max: 8000, sizes: [''], vat: 0, mxik: '01133001001000000' },
  { name: 'Piyoz', unit: 'kg', min: 3000, max: 7000, sizes: [''], vat: 0, mxik: '01134001001000000' },
  {
    name: 'Go‘sht mol',
    unit: 'kg',
    min: 90000,
    max: 120000,
    sizes: ['lahm', 'suyakli'],
    mxik: '10111001001000000',
  },
  {
    name: 'Tovuq',
    unit: 'kg',
    min: 30000,
    max: 45000,
    sizes: ['butun', 'son', 'file'],
    mxik: '10121001001000000',
  },
  {
    name: 'Tuxum',
    unit: 'pcs',
    min: 14000,
    max: 20000,
    sizes: ['10 dona', '30 dona'],
    mxik: '01471001001000000',
  },
  {
    name: 'Makaron',
    unit: 'pcs',
    min: 6000,
    max: 15000,
    sizes: ['400 g', '900 g'],
    mxik: '10731001001000000',
  },
  {
    name: 'Mineral suv',
    unit: 'pcs',
    min: 3000,
    max: 8000,
    sizes: ['0,5 l', '1,5 l', 'gazli 1 l'],
    mxik: '11071001001000000',
  },
  {
    name: 'Sharbat',
    unit: 'pcs',
    min: 9000,
    max: 22000,
    sizes: ['olma 1 l', 'shaftoli 1 l', 'apelsin 1 l'],
    mxik: '10321001001000000',
  },
  {
    name: 'Shokolad',
    unit: 'pcs',
    min: 7000,
    max: 30000,
    sizes: ['sutli 90 g', 'achchiq 100 g'],
    mxik: '10821001001000000',
  },
  {
    name: 'Pechenye',
    unit: 'pcs',
    min: 8000,
    max: 25000,
    sizes: ['300 g', '500 g'],
    mxik: '10721001001000000',
  },
  {
    name: 'Sovun',
    unit: 'pcs',
    min: 4000,
    max: 15000,
    sizes: ['atir', 'xo‘jalik'],
    mxik: '20411001001000000',
  },
  {
    name: 'Kir yuvish kukuni',
    unit: 'pcs',
    min: 20000,
    max: 70000,
    sizes: ['1,5 kg', '3 kg'],
    mxik: '20412001001000000',
  },
  {
    name: 'Daftar',
    unit: 'pcs',
    min: 2000,
    max: 12000,
    sizes: ['12 varaq', '48 varaq', '96 varaq'],
    mxik: '17231001001000000',
  },
  { name: 'Ruchka', unit: 'pcs', min: 1500, max: 8000, sizes: ['ko‘k', 'qora'], mxik: '32991001001000000' },
  {
    name: 'Kitob',
    unit: 'pcs',
    min: 30000,
    max: 150000,
    sizes: ['"O‘tkan kunlar"', '"Mehrobdan chayon"', '"Alpomish"', '"Sariq devni minib"'],
    vat: 0,
    mxik: '58111001001000000',
  },
];

const brands = [
  'Nestlé',
  'Musaffo',
  'Oila',
  'Baraka',
  'Toza',
  'Sarbon',
  'Lazzat',
  'Bahor',
  'Vodiy',
  'Shirin',
  'Tabiiy',
  'Rohat',
];

export function plu(n: number): string {
  return String(n % 100000).padStart(5, '0');
}

/**
 * A realistic Uzbek shop catalog: names in Uzbek (Latin) with the o‘/g‘ letters, EAN-13 barcodes under GS1
 * Uzbekistan's prefix 478 with valid check digits, prices in whole so‘m (stored in tiyin), VAT 12% or 0.
 */
export function generateCatalog(count: number, seed = 2026): GeneratedProduct[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const products: GeneratedProduct[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!;
    const size = pick(kind.sizes);
    const brand = kind.unit === 'kg' && kind.vat === 0 ? '' : pick(brands);
    const name =
      [kind.name, size, brand].filter(Boolean).join(' ') + (i >= kinds.length * 4 ? ` №${i + 1}` : '');
    const soM = Math.round((kind.min + random() * (kind.max - kind.min)) / 100) * 100;
    products.push({
      sku: `SKU-${String(i + 1).padStart(7, '0')}`,
      name,
      // Weighed goods also get a 5-digit PLU: the item code inside the scale's EAN-13 labels (prefix 20–29).
      barcodes: [ean13(`478${String(i + 1).padStart(9, '0')}`), ...(kind.unit === 'kg' ? [plu(i + 1)] : [])],
      price: soM * 100,
      unit: kind.unit,
      vatRate: kind.vat ?? 1200,
      mxik: kind.mxik,
    });
  }
  return products;
}
