import { type FormEvent, useId } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../i18n';

/** The search box of the home page and the search page: goes to /cari?q=… */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const t = useT();
  const id = useId();
  const navigate = useNavigate();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    void navigate(q ? `/cari?${new URLSearchParams({ q })}` : '/cari');
  }
  return (
    <search>
      <form className="search-box" onSubmit={submit}>
        <label htmlFor={id} className="visually-hidden">
          {t('shop.search')}
        </label>
        <input id={id} type="search" name="q" defaultValue={initial} placeholder={t('shop.searchPlaceholder')} enterKeyHint="search" />
        <button type="submit" className="button">
          {t('shop.searchButton')}
        </button>
      </form>
    </search>
  );
}
