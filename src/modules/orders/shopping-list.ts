// Indonesian shopping lists as people type them into WhatsApp: "bawang merah 1/2 kg",
// "setengah kilo daging sapi", "cabe rawit 5rb", "kangkung 2 ikat, tahu 10 biji". Pure: each
// item becomes a line with its name, quantity, unit and weight, or the money the buyer wants
// to spend on it; greetings are dropped and anything else (delivery notes, a language we do
// not know) is kept as a note, never lost. Matching to the catalogue happens elsewhere.

export interface ShoppingLine {
  /** The piece of the message this line came from. */
  text: string;
  name: string | null;
  quantity: number | null;
  unit: string | null;
  /** The weight, when the unit is one (kg, ons, gram). */
  grams: number | null;
  /** "cabe 5rb": buy this much money's worth instead of a quantity. */
  amount_rupiah: number | null;
  note: string | null;
}

/** Spoken and typed units, to the unit we print. */
const UNITS: Record<string, string> = {
  kg: 'kg',
  kilo: 'kg',
  kilogram: 'kg',
  kiloan: 'kg',
  g: 'gram',
  gr: 'gram',
  gram: 'gram',
  ons: 'ons',
  ikat: 'ikat',
  iket: 'ikat',
  biji: 'biji',
  bji: 'biji',
  butir: 'butir',
  btr: 'butir',
  papan: 'papan',
  bungkus: 'bungkus',
  bks: 'bungkus',
  pcs: 'pcs',
  buah: 'buah',
  bh: 'buah',
  sisir: 'sisir',
  liter: 'liter',
  ltr: 'liter',
  l: 'liter',
  ekor: 'ekor',
  potong: 'potong',
  ptg: 'potong',
  batang: 'batang',
  btg: 'batang',
  siung: 'siung',
  renteng: 'renteng',
  pack: 'pack',
  pak: 'pack',
  plastik: 'plastik',
  kantong: 'kantong',
  karung: 'karung',
  dus: 'dus',
  botol: 'botol',
  kaleng: 'kaleng',
  sachet: 'sachet',
  saset: 'sachet',
  lembar: 'lembar',
  tangkai: 'tangkai',
  bonggol: 'bonggol',
  kotak: 'kotak',
  tray: 'tray',
};
const GRAMS_PER_UNIT: Record<string, number> = { kg: 1000, ons: 100, gram: 1 };

const NUMBER_WORDS: Record<string, number> = {
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
  sepuluh: 10,
  sebelas: 11,
  selusin: 12,
};
/** Fractions said on their own mean part of a kilo at the market: "bawang putih seperempat". */
const FRACTION_WORDS: Record<string, number> = { setengah: 0.5, seperempat: 0.25, 'tiga perempat': 0.75 };
/** Street slang for money. */
const MONEY_WORDS: Record<string, number> = { seribu: 1000, goceng: 5000, ceban: 10_000, gocap: 50_000 };

const unitPattern = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const numberWordPattern = Object.keys(NUMBER_WORDS).join('|');
const NUMBER = String.raw`\d+\s+\d+\/\d+|\d+\/\d+|\d+(?:[.,]\d+)?`;

/** "se" + unit: sekilo, seons, seikat, sebutir… */
const SE_UNIT = new RegExp(String.raw`(?:^|\s)se(${unitPattern})(?=\s|$)`);
/** "satu setengah kilo", "setengah kg", "seperempat", "tiga perempat ons". */
const FRACTION = new RegExp(
  String.raw`(?:^|\s)(?:(${numberWordPattern}|\d+)\s+)?(setengah|seperempat|tiga perempat)(?:\s+(${unitPattern}))?(?=\s|$)`,
);
const DIGITS = new RegExp(String.raw`(?:^|\s)(${NUMBER})\s*(${unitPattern})?(?=\s|$)`);
const WORD_NUMBER = new RegExp(String.raw`(?:^|\s)(${numberWordPattern})(?:\s+(${unitPattern}))?(?=\s|$)`);

const MONEY_PATTERNS: { pattern: RegExp; value: (m: RegExpMatchArray) => number }[] = [
  // "Rp 15.000", "rp15rb", "Rp. 7500"
  {
    pattern: /(?:^|\s)rp\.?\s*(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(rb|ribu|rebu|k)?(?:-?an)?(?=\s|$)/,
    value: (m) => moneyValue(m[1] as string, m[2]),
  },
  // "5rb", "10 ribu", "2,5rb", "15k", "5rban"
  { pattern: /(?:^|\s)(\d+(?:[.,]\d+)?)\s*(rb|ribu|rebu|k)(?:-?an)?(?=\s|$)/, value: (m) => moneyValue(m[1] as string, m[2]) },
  // "15.000", "7.500an": thousands separators make it money (unless a unit follows)
  {
    pattern: new RegExp(String.raw`(?:^|\s)(\d{1,3}(?:\.\d{3})+)(?:-?an)?(?!\s*(?:${unitPattern})(?:\s|$))(?=\s|$)`),
    value: (m) => moneyValue(m[1] as string),
  },
  // "lima ribu", "sepuluh ribu"
  {
    pattern: new RegExp(String.raw`(?:^|\s)(${numberWordPattern})\s+(?:ribu|rebu)(?:-?an)?(?=\s|$)`),
    value: (m) => (NUMBER_WORDS[m[1] as string] as number) * 1000,
  },
  {
    pattern: new RegExp(String.raw`(?:^|\s)(${Object.keys(MONEY_WORDS).join('|')})(?:-?an)?(?=\s|$)`),
    value: (m) => MONEY_WORDS[m[1] as string] as number,
  },
  // A bare number this large with no unit is money, not a count: "cabe 5000" (but "beras 500 gram").
  {
    pattern: new RegExp(String.raw`(?:^|\s)(\d{3,7})(?!\s*(?:${unitPattern})(?:\s|$))(?=\s|$)`),
    value: (m) => (Number(m[1]) >= 500 ? Number(m[1]) : Number.NaN),
  },
];

function moneyValue(digits: string, thousands?: string): number {
  if (thousands) return Math.round(Number(digits.replace(',', '.')) * 1000);
  return Number(digits.replace(/[.,]/g, ''));
}

function numberValue(text: string): number {
  const mixed = /^(\d+)\s+(\d+)\/(\d+)$/.exec(text);
  if (mixed) return Number(mixed[1]) + Number(mixed[2]) / Number(mixed[3]);
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  return Number(text.replace(',', '.'));
}

const GREETING =
  /^(assalamu.?alaikum(\s+wr\.?\s*wb\.?)?|salam|halo+|hallo+|hai|hi|pagi|siang|sore|malam|selamat (pagi|siang|sore|malam)|permisi|punten|nuwun sewu|terima ?kasih|makasih|trims|thanks?|matur nuwun|nuwun|wassalam\S*|ok(e|ey)?|siap)(\s+(mbak|mba|mas|bu|ibu|pak|bapak|kak|min|admin|gan|sis))*[\s!.,🙏]*$/u;
/** "saya mau pesan:", "tolong belikan", "order ya" at the start of a line. */
const INTRO =
  /^((saya|aku|sy|aq)\s+)?((mau|mo|ingin|pengen|minta|tolong|mohon)\s+)?(pesan|pesen|order|beli|belikan|dibelikan|dibeliin|titip|belanja)\b(\s+(dong|ya|yah|nggih|kak|mbak|mas|bu|pak))*\s*:?\s*/;
const NOTE_START =
  /^(antar|anter|kirim|diantar|dianter|dikirim|alamat|almt|jam|pukul|ongkir|bayar|cod|transfer|tf|catatan|note|nb|ps|pilihkan|dipilihkan|tolong (di)?pilih\w*|rumah|dekat|depan|samping|gang|gg\.?|rt|rw|desa|kelurahan|kec\.?|kecamatan)\b/;
/** Within an item: the rest is how the buyer wants it. */
const TRAILING_NOTE = /\s+(yang|yg|jangan|jgn|buat|untuk|utk|agak|pilih|dipilih|kalau|kalo|klo)\b.*$/;
/** Words of a language the parser does not speak: the line becomes a note. */
const FOREIGN_WORDS = /\b(i|want|some|the|please|would|like|need|and|of|my|with|for|buy|order)\b/;

/** The message's items and notes, in order. */
export function parseShoppingList(message: string): ShoppingLine[] {
  return splitItems(message).flatMap((text) => {
    const line = parseItem(text);
    return line ? [line] : [];
  });
}

/** One item per line, or separated by commas (not decimal commas) or semicolons; bullets and numbering dropped. */
function splitItems(message: string): string[] {
  return message
    .split(/\r?\n|;|,(?!\d)|(?<!\d),/)
    .map((piece) => piece.replace(/^\s*([-*•·>]+|\d{1,2}[.)](?!\d))\s*/, '').trim())
    .filter((piece) => piece.length > 0);
}

function parseItem(text: string): ShoppingLine | null {
  const empty = { text, name: null, quantity: null, unit: null, grams: null, amount_rupiah: null, note: null };
  let rest = text.toLowerCase().replace(/½/g, ' 1/2').replace(/¼/g, ' 1/4').replace(/¾/g, ' 3/4').replace(/\s+/g, ' ').trim();
  if (GREETING.test(rest)) return null;
  rest = rest.replace(INTRO, '').trim();
  if (rest === '' || GREETING.test(rest)) return null;
  if (NOTE_START.test(rest)) return { ...empty, note: text };

  let note: string | null = null;
  rest = rest.replace(/\(([^)]*)\)/g, (_, inside: string) => {
    note = inside.trim() || note;
    return ' ';
  });
  let amount: number | null = null;
  for (const { pattern, value } of MONEY_PATTERNS) {
    const match = rest.match(pattern);
    if (match && Number.isFinite(value(match))) {
      amount = value(match);
      rest = cut(rest, match);
      break;
    }
  }
  const quantity = takeQuantity(rest);
  rest = quantity.rest;
  const trailing = TRAILING_NOTE.exec(rest);
  if (trailing) {
    note = [note, trailing[0].trim()].filter(Boolean).join('; ');
    rest = rest.slice(0, trailing.index);
  }
  const name =
    rest
      .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || null;
  // Nothing measurable and sentence-like, or in another language: keep it for the agent to read.
  if (quantity.value === null && amount === null && (!name || FOREIGN_WORDS.test(name) || name.split(' ').length > 3)) {
    return { ...empty, note: text };
  }
  const grams = quantity.value !== null && quantity.unit ? GRAMS_PER_UNIT[quantity.unit] : undefined;
  return {
    text,
    name,
    quantity: quantity.value,
    unit: quantity.unit,
    grams: grams === undefined || quantity.value === null ? null : Math.round(quantity.value * grams),
    amount_rupiah: amount,
    note,
  };
}

/** The first quantity said in the line (with its unit when given), and the line without it. */
function takeQuantity(line: string): { value: number | null; unit: string | null; rest: string } {
  const seUnit = line.match(SE_UNIT);
  if (seUnit) return { value: 1, unit: UNITS[seUnit[1] as string] ?? null, rest: cut(line, seUnit) };
  const fraction = line.match(FRACTION);
  if (fraction) {
    const whole = fraction[1] ? (NUMBER_WORDS[fraction[1]] ?? Number(fraction[1])) : 0;
    const value = whole + (FRACTION_WORDS[fraction[2] as string] as number);
    return { value, unit: fraction[3] ? (UNITS[fraction[3]] ?? null) : 'kg', rest: cut(line, fraction) };
  }
  const digits = line.match(DIGITS);
  if (digits)
    return { value: numberValue(digits[1] as string), unit: digits[2] ? (UNITS[digits[2]] ?? null) : null, rest: cut(line, digits) };
  const word = line.match(WORD_NUMBER);
  if (word) {
    return { value: NUMBER_WORDS[word[1] as string] as number, unit: word[2] ? (UNITS[word[2]] ?? null) : null, rest: cut(line, word) };
  }
  return { value: null, unit: null, rest: line };
}

function cut(line: string, match: RegExpMatchArray): string {
  const start = match.index ?? 0;
  return `${line.slice(0, start)} ${line.slice(start + match[0].length)}`.replace(/\s+/g, ' ').trim();
}
