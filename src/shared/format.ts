// Pure formatting shared by the server and the web app: no imports, runs anywhere.

const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

/** `73287200` -> `Rp 73.287.200` (Intl puts a no-break space after "Rp"; people type a plain one). */
export function formatRupiah(amount: number | bigint): string {
  return rupiah.format(amount).replace(/\u00a0/g, ' ');
}

/**
 * Indonesian number for display: "+6281227611117" -> "0812-2761-1117"
 * (national 0 prefix, groups of 4-4-rest). Other countries are left as given.
 */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  let national: string;
  if (digits.startsWith('62')) national = `0${digits.slice(2)}`;
  else if (digits.startsWith('0') && !phone.trim().startsWith('+')) national = digits;
  else return phone;
  return [national.slice(0, 4), national.slice(4, 8), national.slice(8)].filter(Boolean).join('-');
}
