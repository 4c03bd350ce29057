import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { formatPhone, type Lang, useLang, useT } from './i18n';
import { useCart } from './orders/cart';
import { homeForRoles, useSession, useSignOut, useTenant } from './session';
import { ErrorBoundary, Loading } from './ui';

const languages: { code: Lang; label: string; name: string }[] = [
  { code: 'id', label: 'ID', name: 'Bahasa Indonesia' },
  { code: 'en', label: 'EN', name: 'English' },
];

function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('nav.language')}</legend>
      {languages.map((option) => (
        <button
          key={option.code}
          type="button"
          lang={option.code}
          title={option.name}
          aria-pressed={lang === option.code}
          onClick={() => setLang(option.code)}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}

function Account() {
  const t = useT();
  const session = useSession();
  const signOut = useSignOut();
  // Until we know, show nothing rather than a "Masuk" that flips to a name.
  if (session.isPending) return null;
  const user = session.data?.user;
  if (!user) {
    return (
      <Link to="/masuk" className="button button-small">
        {t('nav.signIn')}
      </Link>
    );
  }
  const consolePath = homeForRoles(session.data?.roles ?? []);
  // Buyers who signed in by code have no name yet: show their number instead.
  const label = user.name || formatPhone(user.phone);
  return (
    <>
      {/* Staff go to their console; buyers to their orders. */}
      <Link
        to={consolePath === '/' ? '/pesanan' : consolePath}
        className="user-name"
        title={t(consolePath === '/' ? 'orders.mine' : 'nav.console')}
      >
        {label}
      </Link>
      <button type="button" className="button button-small button-secondary" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
        {t('nav.signOut')}
      </button>
    </>
  );
}

/** The cart with how many lines it has, for guests too; hidden while empty, the bar is full enough on a phone. */
function CartLink() {
  const t = useT();
  const count = useCart().data?.lines.length ?? 0;
  if (count === 0) return null;
  return (
    <Link to="/keranjang" className="cart-link" aria-label={t('cart.linkLabel', { count })}>
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        <path
          d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.7L21 8H6.2M9 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2Zm8 0a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="cart-count">{count}</span>
    </Link>
  );
}

export function Layout() {
  const t = useT();
  const tenant = useTenant();
  const location = useLocation();
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{tenant.data?.tenant.name ?? t('app.name')}</span>
        </Link>
        <div className="topbar-actions">
          <LanguageSwitch />
          <CartLink />
          <Account />
        </div>
      </header>
      {/* A per-page boundary: a failed page resets when the user navigates on. */}
      <ErrorBoundary key={location.pathname}>
        <main className="content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </ErrorBoundary>
      <footer className="footer">
        <p>{t('footer.about')}</p>
        <p className="footer-links">
          <Link to="/penjual/daftar">{t('nav.becomeSeller')}</Link>
          <Link to="/masuk/staf">{t('nav.staffSignIn')}</Link>
        </p>
      </footer>
    </>
  );
}
