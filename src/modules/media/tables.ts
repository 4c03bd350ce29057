import type { ColumnType } from 'kysely';

export interface MediaTable {
  tenant_id: string;
  id: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  byte_size: number;
  width: number;
  height: number;
  storage_key: string;
  thumb_key: string;
  uploaded_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface MediaTables {
  media: MediaTable;
}
