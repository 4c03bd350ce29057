import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from './api';
import { useT } from './i18n';

export function Loading() {
  const t = useT();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}

/** Friendly failure message; the server's own message when it sent one. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message = error instanceof ApiError ? error.message : t('error.generic');
  // Asking again will not fix a 4xx (not found, expired, forbidden).
  const retryable = !(error instanceof ApiError && error.status >= 400 && error.status < 500);
  return (
    <div className="notice notice-error" role="alert">
      <h2>{t('error.title')}</h2>
      <p>{message}</p>
      {onRetry && retryable && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function NoAccess() {
  const t = useT();
  return (
    <div className="notice" role="alert">
      <h1>{t('access.denied')}</h1>
      <p>{t('access.deniedBody')}</p>
      <Link to="/" className="button button-secondary">
        {t('notFound.home')}
      </Link>
    </div>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <section className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/" className="button">
        {t('notFound.home')}
      </Link>
    </section>
  );
}

function CrashScreen() {
  const t = useT();
  return (
    <div className="notice notice-error" role="alert">
      <h1>{t('error.title')}</h1>
      <p>{t('error.generic')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('error.reload')}
      </button>
    </div>
  );
}

/**
 * Catches render errors, and lazy chunks that fail to load (flaky mobile
 * networks, or a new deploy replacing old chunk files), so the page never
 * goes blank.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    return this.state.failed ? <CrashScreen /> : this.props.children;
  }
}
