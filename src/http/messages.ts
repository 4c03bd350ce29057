/**
 * Every message a person can read in an API error, in Bahasa Indonesia and English.
 * Keys are the error and field codes; `{name}` placeholders are filled from params.
 */
export type Lang = 'id' | 'en';

const MESSAGES = {
  // request-level codes
  validation_failed: {
    id: 'Data yang dikirim belum benar. Periksa isian yang ditandai.',
    en: 'Some fields are not valid. Check the marked fields.',
  },
  bad_request: { id: 'Permintaan tidak dapat diproses.', en: 'The request could not be processed.' },
  invalid_json: { id: 'Isi permintaan bukan JSON yang benar.', en: 'The request body is not valid JSON.' },
  unsupported_media_type: {
    id: 'Jenis isi permintaan tidak didukung: kirim JSON, atau berkas sebagai unggahan formulir.',
    en: 'Unsupported content type: send JSON, or a file as a form upload.',
  },
  file_too_large: { id: 'Berkas terlalu besar. Maksimal {mb} MB.', en: 'The file is too large. At most {mb} MB.' },
  unsupported_image: { id: 'Berkas ini bukan foto JPEG, PNG atau WebP.', en: 'This file is not a JPEG, PNG or WebP photo.' },
  unknown_media: { id: 'Foto tidak ditemukan. Unggah ulang fotonya.', en: 'Photo not found. Upload it again.' },
  payload_too_large: { id: 'Isi permintaan terlalu besar.', en: 'The request body is too large.' },
  unauthenticated: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  forbidden: { id: 'Anda tidak punya akses untuk tindakan ini.', en: 'You do not have access to do this.' },
  csrf_failed: {
    id: 'Sesi formulir tidak cocok. Muat ulang halaman lalu coba lagi.',
    en: 'Form session mismatch. Reload the page and try again.',
  },
  not_found: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  route_not_found: { id: 'Alamat API tidak ditemukan.', en: 'API route not found.' },
  tenant_not_found: { id: 'Tidak ada pasar daring untuk alamat {host}.', en: 'No online market is set up for {host}.' },
  conflict: { id: 'Data sudah ada.', en: 'This already exists.' },
  invalid_transition: {
    id: 'Tindakan ini tidak bisa dilakukan pada status saat ini. Muat ulang untuk melihat status terbaru.',
    en: 'This action is not possible in the current status. Reload to see the latest status.',
  },
  rate_limited: {
    id: 'Terlalu banyak percobaan. Coba lagi dalam {seconds} detik.',
    en: 'Too many attempts. Try again in {seconds} seconds.',
  },
  code_request_limited: {
    id: 'Kode sudah dikirim beberapa kali. Coba lagi dalam {minutes} menit.',
    en: 'Codes were sent several times already. Try again in {minutes} minutes.',
  },
  code_resend_wait: { id: 'Tunggu {seconds} detik sebelum meminta kode baru.', en: 'Wait {seconds} seconds before asking for a new code.' },
  invalid_credentials: { id: 'Nomor HP atau kata sandi salah.', en: 'Wrong phone number or password.' },
  account_locked: {
    id: 'Terlalu banyak kata sandi salah. Akun dikunci sampai {until}.',
    en: 'Too many wrong passwords. The account is locked until {until}.',
  },
  not_staff: { id: 'Nomor ini belum terdaftar sebagai petugas di {tenant}.', en: 'This number is not registered as staff in {tenant}.' },
  invite_invalid: { id: 'Undangan tidak berlaku atau sudah dipakai.', en: 'This invitation is not valid or was already used.' },
  demo_only: { id: 'Hanya tersedia dalam mode demo.', en: 'Only available in demo mode.' },
  database_unavailable: { id: 'Basis data tidak dapat dihubungi.', en: 'The database cannot be reached.' },
  internal: {
    id: 'Terjadi kesalahan di server. Coba lagi sebentar lagi.',
    en: 'Something went wrong on the server. Please try again shortly.',
  },
  // field-level codes
  required: { id: 'Wajib diisi.', en: 'Required.' },
  invalid_type: { id: 'Jenis isian tidak sesuai.', en: 'Wrong type of value.' },
  too_short: { id: 'Minimal {minimum} karakter.', en: 'At least {minimum} characters.' },
  too_long: { id: 'Maksimal {maximum} karakter.', en: 'At most {maximum} characters.' },
  too_small: { id: 'Minimal {minimum}.', en: 'At least {minimum}.' },
  too_big: { id: 'Maksimal {maximum}.', en: 'At most {maximum}.' },
  invalid_format: { id: 'Format tidak sesuai.', en: 'Wrong format.' },
  invalid_value: { id: 'Pilihan tidak dikenal.', en: 'Unknown choice.' },
  unknown_field: { id: 'Isian ini tidak dikenal.', en: 'Unknown field.' },
  invalid_phone: { id: 'Nomor HP tidak valid. Contoh: 0812-3456-7890.', en: 'Not a valid mobile number. Example: 0812-3456-7890.' },
  invalid_code: { id: 'Kode salah. Sisa percobaan: {remaining}.', en: 'Wrong code. Attempts left: {remaining}.' },
  code_expired: {
    id: 'Kode sudah kedaluwarsa atau terlalu banyak salah. Minta kode baru.',
    en: 'The code has expired or had too many wrong tries. Ask for a new code.',
  },
  code_format: { id: 'Kode terdiri dari 6 angka.', en: 'The code has 6 digits.' },
  invalid_area_code: {
    id: 'Kode wilayah Kemendagri tidak valid, contoh 33.03 atau 33.03.01.2001.',
    en: 'Not a valid Kemendagri area code, e.g. 33.03 or 33.03.01.2001.',
  },
  invalid_slug: {
    id: 'Gunakan huruf kecil, angka dan tanda minus, diawali huruf.',
    en: 'Use lowercase letters, digits and dashes, starting with a letter.',
  },
  slug_taken: { id: 'Slug ini sudah dipakai daerah lain.', en: 'This slug is already used by another region.' },
  domain_taken: { id: 'Alamat domain ini sudah dipakai daerah lain.', en: 'This domain is already used by another region.' },
  ledger_unbalanced: { id: 'Jurnal tidak seimbang: selisih Rp {sum}.', en: 'The journal entry does not balance: off by Rp {sum}.' },
  duplicate_name: { id: 'Nama ini sudah dipakai.', en: 'This name is already used.' },
  password_too_short: { id: 'Kata sandi minimal 10 karakter.', en: 'The password needs at least 10 characters.' },
  phone_mismatch: { id: 'Undangan ini untuk nomor HP lain.', en: 'This invitation is for another phone number.' },
  // sellers
  invalid_nik: { id: 'NIK terdiri dari 16 angka.', en: 'The NIK (national ID number) has 16 digits.' },
  invalid_nib: { id: 'NIB terdiri dari 13 angka.', en: 'The NIB (business ID number) has 13 digits.' },
  invalid_npwp: {
    id: 'NPWP terdiri dari 16 angka (NPWP lama 15 angka juga diterima).',
    en: 'The NPWP (tax number) has 16 digits (the old 15-digit number is accepted too).',
  },
  invalid_account_number: { id: 'Nomor rekening terdiri dari 5–20 angka.', en: 'The account number has 5–20 digits.' },
  invalid_date: { id: 'Tanggal tidak valid. Gunakan format TTTT-BB-HH.', en: 'Not a valid date. Use YYYY-MM-DD.' },
  invalid_month: { id: 'Bulan tidak valid. Gunakan format TTTT-BB.', en: 'Not a valid month. Use YYYY-MM.' },
  month_range_reversed: { id: 'Bulan akhir tidak boleh sebelum bulan awal.', en: 'The last month cannot be before the first.' },
  month_range_too_long: { id: 'Paling lama {maximum} bulan sekali lihat.', en: 'At most {maximum} months at a time.' },
  village_code: {
    id: 'Pilih wilayah sampai desa/kelurahan, contoh 33.03.01.2001.',
    en: 'Choose the area down to the village, e.g. 33.03.01.2001.',
  },
  unknown_area: { id: 'Kode wilayah ini tidak ada dalam data Kemendagri.', en: 'This area code is not in the Kemendagri data.' },
  area_outside_regency: { id: 'Wilayah ini di luar {regency}.', en: 'This area is outside {regency}.' },
  unknown_market: { id: 'Pasar tidak ditemukan di daerah ini.', en: 'No such market in this region.' },
  unknown_program: { id: 'Program tidak ditemukan di daerah ini.', en: 'No such program in this region.' },
  unknown_category: { id: 'Kategori tidak dikenal.', en: 'Unknown category.' },
  already_applied: {
    id: 'Nomor ini sudah terdaftar sebagai penjual di program ini.',
    en: 'This number is already registered as a seller in this program.',
  },
  cannot_change: { id: 'Tidak dapat diubah setelah mendaftar.', en: 'Cannot be changed after applying.' },
  reason_required: { id: 'Tuliskan alasannya; alasan ini dikirim ke penjual.', en: 'Give a reason; it is sent to the seller.' },
  checklist_incomplete: {
    id: 'Centang semua butir kurasi sebelum menyetujui.',
    en: 'Tick every curation item before approving.',
  },
  // catalog
  price_not_whole: { id: 'Harga harus rupiah bulat, tanpa sen.', en: 'The price must be whole rupiah, without cents.' },
  price_too_low: { id: 'Harga minimal Rp 1.', en: 'The price must be at least Rp 1.' },
  price_too_high: { id: 'Harga maksimal Rp 1.000.000.000.', en: 'The price can be at most Rp 1.000.000.000.' },
  quantity_not_whole: {
    id: 'Jumlah ditulis dalam perseribu satuan dan harus bilangan bulat (0,25 kg = 250).',
    en: 'Quantities are in thousandths of the unit and must be whole numbers (0.25 kg = 250).',
  },
  quantity_off_step: {
    id: 'Pembelian minimum harus kelipatan dari kelipatan pembelian.',
    en: 'The minimum order must be a multiple of the step.',
  },
  unknown_commodity: { id: 'Komoditas tidak dikenal.', en: 'Unknown commodity.' },
  unknown_variant: { id: 'Varian ini bukan milik produk ini.', en: 'This variant does not belong to this product.' },
  duplicate_variant: { id: 'Nama varian tidak boleh sama.', en: 'Variant names must differ.' },
  duplicate_commodity: { id: 'Komoditas ini sudah ada di daftar.', en: 'This commodity is already in the list.' },
  stock_is_counted: {
    id: 'Stok barang ini dihitung: ubah jumlah stoknya.',
    en: 'This item has counted stock: change the stock quantity instead.',
  },
  stock_is_daily: {
    id: 'Barang ini dijual harian: tandai tersedia atau habis.',
    en: 'This item is sold daily: mark it available or sold out instead.',
  },
  date_in_future: { id: 'Tanggal tidak boleh setelah hari ini.', en: 'The date cannot be after today.' },
  invalid_cursor: {
    id: 'Penanda halaman tidak berlaku. Muat ulang daftar.',
    en: 'The page marker is not valid. Reload the list.',
  },
  // catalog: bulk import of products from a CSV or XLSX file
  import_failed: {
    id: 'Tidak ada yang disimpan: ada {count} kesalahan di berkas. Perbaiki baris yang ditandai lalu unggah lagi.',
    en: 'Nothing was saved: the file has {count} errors. Fix the marked rows and upload it again.',
  },
  import_unreadable: {
    id: 'Berkas ini bukan CSV atau Excel (.xlsx). Berkas .xls lama simpan dulu sebagai .xlsx atau CSV.',
    en: 'This file is not a CSV or Excel (.xlsx) file. Save an old .xls file as .xlsx or CSV first.',
  },
  import_empty: { id: 'Berkas tidak berisi baris produk.', en: 'The file has no product rows.' },
  import_too_many_rows: {
    id: 'Berkas berisi {rows} baris; paling banyak {max} baris sekali unggah. Bagi menjadi beberapa berkas.',
    en: 'The file has {rows} rows; at most {max} per upload. Split it into several files.',
  },
  import_missing_column: {
    id: 'Kolom ini tidak ada di baris judul. Unduh berkas ekspor sebagai contoh.',
    en: 'This column is missing from the header row. Download an export for an example.',
  },
  import_unknown_column: { id: 'Kolom tidak dikenal. Kolom yang dipakai: {columns}.', en: 'Unknown column. The columns are: {columns}.' },
  import_unclosed_quote: {
    id: 'Tanda kutip (") dibuka di baris ini tetapi tidak ditutup.',
    en: 'A quote (") opened in this row is never closed.',
  },
  import_number: { id: 'Tulis bilangan bulat, contoh 45000 atau 45.000.', en: 'Write a whole number, e.g. 45000 or 45.000.' },
  import_quantity: {
    id: 'Tulis angka dengan paling banyak 3 angka di belakang koma, contoh 0,25.',
    en: 'Write a number with at most 3 decimals, e.g. 0.25.',
  },
  import_yes_no: { id: 'Tulis ya atau tidak.', en: 'Write ya (yes) or tidak (no).' },
  import_choice: { id: 'Pilih salah satu: {options}.', en: 'Use one of: {options}.' },
  import_unknown_product: {
    id: 'Produk ini tidak ada di toko ini. Kosongkan product_id untuk produk baru.',
    en: 'This product is not in this shop. Leave product_id empty for a new product.',
  },
  import_product_differs: {
    id: 'Berbeda dengan baris {row} dari produk yang sama. Samakan atau kosongkan.',
    en: 'Differs from row {row} of the same product. Make them equal or leave this empty.',
  },
  import_duplicate_row: { id: 'Varian ini sudah ada di baris {row}.', en: 'This variant is already in row {row}.' },
  import_too_many_variants: {
    id: 'Satu produk paling banyak {maximum} varian.',
    en: 'A product has at most {maximum} variants.',
  },
  // orders
  cart_empty: { id: 'Keranjang masih kosong.', en: 'The cart is empty.' },
  stock_unavailable: {
    id: 'Sebagian barang tidak tersedia lagi. Belum ada yang dipesan: ubah keranjang lalu coba lagi.',
    en: 'Some items are no longer available. Nothing was ordered: change the cart and try again.',
  },
  variant_unavailable: { id: 'Barang ini tidak tersedia.', en: 'This item is not available.' },
  out_of_stock: { id: 'Stok tidak cukup.', en: 'Not enough stock.' },
  quantity_not_orderable: {
    id: 'Jumlah minimal {minimum} {unit} dan kelipatan {step} {unit}.',
    en: 'At least {minimum} {unit}, in steps of {step} {unit}.',
  },
  mixed_programs: {
    id: 'Keranjang berisi barang dari program yang berbeda. Pesan secara terpisah.',
    en: 'The cart has items from different programs. Order them separately.',
  },
  // delivery
  job_taken: {
    id: 'Tawaran ini sudah tidak berlaku: diambil kurir lain atau waktunya habis.',
    en: 'This offer is no longer open: another courier took it or it ran out.',
  },
  proof_code_locked: {
    id: 'Kode serah terima salah 3 kali. Hubungi CS untuk mengonfirmasi penyerahan.',
    en: 'The hand-over code was wrong 3 times. Call CS to confirm the hand-over.',
  },
  proof_code_wrong: {
    id: 'Kode serah terima salah. Sisa {left} kali percobaan.',
    en: 'Wrong hand-over code. {left} tries left.',
  },
  courier_exists: { id: 'Nomor ini sudah terdaftar sebagai kurir program ini.', en: 'This number is already a courier of this program.' },
  courier_not_cleared: {
    id: 'Kurir belum diverifikasi KTP/SIM-nya atau sedang dinonaktifkan.',
    en: 'The courier’s ID has not been checked, or the courier is suspended.',
  },
  outside_service_area: {
    id: 'Alamat ini di luar jangkauan antar program. Pilih ambil sendiri atau alamat lain.',
    en: 'This address is outside the program’s delivery area. Choose pickup or another address.',
  },
  pin_required: {
    id: 'Tandai lokasi pengantaran di peta agar ongkos kirim bisa dihitung.',
    en: 'Mark the delivery location on the map so the delivery fee can be worked out.',
  },
  invalid_plate: { id: 'Nomor polisi tidak valid, contoh: R 1234 AB.', en: 'Not a valid number plate, e.g. R 1234 AB.' },
  reweigh_pending: {
    id: 'Masih ada barang yang menunggu persetujuan pembeli. Tunggu jawaban atau batas waktunya.',
    en: 'Some items still wait for the buyer’s approval. Wait for the answer or the deadline.',
  },
  reweigh_over_paid: {
    id: 'Pesanan sudah dibayar: belanjakan paling banyak {maximum} untuk barang ini.',
    en: 'The order is already paid: spend at most {maximum} on this item.',
  },
  reweigh_implausible: {
    id: 'Harga ini jauh di atas pesanan (paling banyak {maximum}). Periksa lagi angkanya.',
    en: 'This is far above the order (at most {maximum}). Check the figure again.',
  },
  reweigh_over_cap: {
    id: 'Di atas batas harga pembeli ({maximum}). Pesanan sudah dibayar: belanjakan paling banyak batas itu.',
    en: 'Above the buyer’s cap ({maximum}). The order is already paid: spend at most the cap.',
  },
  cap_below_estimate: { id: 'Batas harga harus sama atau lebih dari perkiraan.', en: 'The cap must be at least the estimate.' },
  titip_disabled: {
    id: 'Program ini tidak menerima titip belanja.',
    en: 'This program does not take "titip belanja" requests.',
  },
  titip_needs_market_trip: {
    id: 'Titip belanja hanya untuk pesanan yang diantar kurir dari satu pasar.',
    en: '"Titip belanja" is only for orders a courier delivers from one market.',
  },
  titip_over_max: {
    id: 'Batas harga titipan paling banyak {maximum} per barang.',
    en: 'A titip line’s cap is at most {maximum}.',
  },
  titip_unrecorded: {
    id: 'Catat dulu harga setiap barang titipan (atau tandai tidak ada) sebelum meninggalkan pasar.',
    en: 'Record what each titip item cost (or mark it unavailable) before leaving the market.',
  },
  stall_payment_over: {
    id: 'Lebih dari yang masih harus dibayar ke lapak ini (paling banyak {maximum}).',
    en: 'More than is still owed at this stall (at most {maximum}).',
  },
  float_settle_zero: { id: 'Isi jumlah yang dikembalikan atau diganti.', en: 'Enter the amount returned or reimbursed.' },
  invalid_market_days: {
    id: 'Pilih minimal satu hari pasar.',
    en: 'Choose at least one market day.',
  },
  invalid_time: { id: 'Jam tidak valid, contoh: 09:00.', en: 'Not a valid time, e.g. 09:00.' },
  not_market_trip: {
    id: 'Dana talangan hanya untuk belanja di pasar.',
    en: 'The cash float is only for market shopping trips.',
  },
  // payments
  order_not_payable: {
    id: 'Pesanan ini tidak menunggu pembayaran lagi (status: {status}).',
    en: 'This order is no longer waiting for payment (status: {status}).',
  },
  payment_in_review: {
    id: 'Bukti transfer sedang diperiksa petugas. Tunggu hasilnya sebelum mengganti cara bayar.',
    en: 'Your transfer proof is being checked. Wait for the result before changing the payment method.',
  },
  payment_busy: {
    id: 'Terlalu banyak transfer terbuka dengan jumlah yang sama. Coba lagi sebentar lagi atau pilih QRIS.',
    en: 'Too many open transfers with the same amount. Try again shortly or choose QRIS.',
  },
  gateway_unavailable: {
    id: 'Layanan pembayaran sedang tidak dapat dihubungi. Coba lagi atau pilih cara bayar lain.',
    en: 'The payment service cannot be reached. Try again or choose another method.',
  },
  payment_method_unavailable: {
    id: 'Cara bayar ini tidak tersedia untuk program ini.',
    en: 'This payment method is not available for this program.',
  },
  payout_nothing_due: {
    id: 'Belum ada dana penjual yang perlu dibayarkan untuk program ini.',
    en: 'Nothing is owed to this program’s sellers yet.',
  },
  qris_invalid: {
    id: 'Kode QRIS tidak valid (CRC salah atau terpotong). Pindai atau salin ulang dari stiker QRIS.',
    en: 'This QRIS code is not valid (wrong CRC or cut off). Scan or copy it again from the QRIS sticker.',
  },
  qris_not_static: {
    id: 'Masukkan QRIS statis merchant (bukan QRIS dengan nominal).',
    en: 'Enter the merchant’s static QRIS (not one with an amount).',
  },
  unknown_phone_number: {
    id: 'Nomor WhatsApp {id} tidak terdaftar di program mana pun.',
    en: 'WhatsApp number {id} belongs to no program.',
  },
  invalid_signature: {
    id: 'Tanda tangan notifikasi tidak cocok.',
    en: 'The notification signature does not match.',
  },
  cod_needs_delivery: {
    id: 'Bayar di tempat hanya untuk pesanan yang semuanya diantar kurir program.',
    en: 'Cash on delivery is only for orders delivered entirely by the program’s courier.',
  },
  // delivery partners
  invalid_partner_signature: {
    id: 'Tanda tangan notifikasi mitra antar tidak cocok.',
    en: 'The delivery partner notification signature does not match.',
  },
  unknown_delivery_partner: {
    id: 'Mitra antar ini tidak dikenal.',
    en: 'This delivery partner is not known.',
  },
  // CS desk: WhatsApp conversations
  not_desk_staff: {
    id: 'Pengguna ini bukan petugas CS atau admin program di {tenant}.',
    en: 'This user is not a CS agent or program admin in {tenant}.',
  },
  message_content: {
    id: 'Isi salah satu: teks pesan, balasan cepat, atau foto.',
    en: 'Give exactly one of: a text, a quick reply, or a photo.',
  },
  unknown_quick_reply: { id: 'Balasan cepat tidak ditemukan di program ini.', en: 'No such quick reply in this program.' },
  duplicate_line: {
    id: 'Barang ini sudah ada di pesanan. Gabungkan jumlahnya.',
    en: 'This item is already in the order. Combine the quantities.',
  },
} satisfies Record<string, Record<Lang, string>>;

export type MessageCode = keyof typeof MESSAGES;

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGES, code);
}

export function translate(code: MessageCode, lang: Lang, params: Record<string, unknown> = {}): string {
  return MESSAGES[code][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** Picks id or en from an Accept-Language header; Bahasa Indonesia unless English is preferred. */
export function pickLang(header: string | undefined): Lang {
  if (!header) return 'id';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.lang === 'id' || entry.lang === 'en')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'en' ? 'en' : 'id';
}
