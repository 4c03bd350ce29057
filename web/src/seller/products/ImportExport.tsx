import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useId } from 'react';
import { ApiError, api } from '../../api';
import { type Translate, useT } from '../../i18n';
import { sellerProductsKey } from './api';

type ImportResult = { created: number; updated: number; rows: number };

/** The server names a cell as "row 7: price" (or a whole row as "row 7"); shown as "Baris 7, kolom price". */
function cellLabel(t: Translate, field: string): string {
  const match = /^row (\d+)(?:: (.+))?$/.exec(field);
  if (!match) return field;
  const [, row = '', column] = match;
  return column ? t('import.rowColumn', { row, column }) : t('import.row', { row });
}

function ImportErrors({ error }: { error: unknown }) {
  const t = useT();
  return (
    <div className="notice notice-error" role="alert">
      <p>{error instanceof ApiError ? error.message : t('error.generic')}</p>
      {error instanceof ApiError && error.details.length > 0 && (
        <ul className="plain-list">
          {error.details.map((detail) => (
            <li key={`${detail.field}-${detail.code}`}>
              <strong>{cellLabel(t, detail.field)}:</strong> {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** My products as CSV or Excel to edit, and the edited file back: every row is saved, or none. */
export function ImportExport({ sellerId }: { sellerId: string }) {
  const t = useT();
  const inputId = useId();
  const queryClient = useQueryClient();
  const query = `?${new URLSearchParams({ sellerId })}`;
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<ImportResult>(`/api/seller/products/import${query}`, form);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sellerProductsKey }),
  });

  function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file, fixed, can be picked again
    if (file) upload.mutate(file);
  }

  return (
    <details className="card">
      <summary>{t('import.title')}</summary>
      <div className="form">
        <p className="hint">{t('import.intro')}</p>
        <div className="row">
          <a className="button button-small button-secondary" href={`/api/seller/products/export.csv${query}`} download>
            {t('import.downloadCsv')}
          </a>
          <a className="button button-small button-secondary" href={`/api/seller/products/export.xlsx${query}`} download>
            {t('import.downloadXlsx')}
          </a>
        </div>
        <div className="field">
          <label htmlFor={inputId}>{t('import.upload')}</label>
          <input id={inputId} type="file" accept=".csv,.xlsx,text/csv" onChange={pick} disabled={upload.isPending} />
          <p className="hint">{t('import.uploadHint')}</p>
        </div>
        {upload.isPending && (
          <div className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('import.uploading')}
          </div>
        )}
        {upload.data && (
          <p className="notice notice-ok" role="status">
            {upload.data.created + upload.data.updated === 0
              ? t('import.unchanged', { rows: upload.data.rows })
              : t('import.done', { created: upload.data.created, updated: upload.data.updated })}
          </p>
        )}
        {upload.error && <ImportErrors error={upload.error} />}
      </div>
    </details>
  );
}
